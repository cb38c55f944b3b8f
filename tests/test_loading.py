"""The loader's rules one by one, on the small dataset from helpers.py.

Each test breaks one thing and checks that the message names the file, the place (JSON path and
line:column) and says in plain words what is wrong.
"""

from __future__ import annotations

import gc
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import FINAL, FIRST, at, dumps, valid_dataset, write_json

from legend_gui.model import DatasetError, Problem, Qualifier, Scope, load_dataset, parse_dataset
from legend_gui.model import loading as loading_module
from legend_gui.model.errors import MAX_SHOWN_PROBLEMS
from legend_gui.model.jsonpos import (
    first_deep_offset,
    first_duplicate_key,
    first_scalar,
    line_column,
    offset_of,
)

NAME = "test.json"


def refuse(data: dict[str, Any] | str | bytes) -> DatasetError:
    """Parse ``data`` (a dict is written as indented JSON) and return the error it must raise."""
    if isinstance(data, dict):
        data = dumps(data)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with pytest.raises(DatasetError) as caught:
        parse_dataset(data, NAME)
    return caught.value


def only(error: DatasetError) -> Problem:
    assert len(error.problems) == 1, error.lines()
    return error.problems[0]


def points_at(data: dict[str, Any] | str, problem: Problem) -> str:
    """The text a problem's line:column points at."""
    text = dumps(data) if isinstance(data, dict) else data
    assert problem.line is not None
    assert problem.column is not None
    return at(text, problem.line, problem.column)


def figure(data: dict[str, Any], snapshot: int = FINAL, index: int = 2) -> dict[str, Any]:
    """``snapshots[snapshot].figures[index]``; by default Kansas City's arrests, final report."""
    return data["snapshots"][snapshot]["figures"][index]


# -- the good file ----------------------------------------------------------------------------


def test_valid_dataset_loads(tmp_path: Path) -> None:
    dataset = load_dataset(write_json(tmp_path, valid_dataset()))
    assert dataset.schema_version == 2
    assert [city.name for city in dataset.cities][3] == "Detroit"
    assert dataset.snapshots[FIRST].date == date(2020, 8, 19)
    first = dataset.snapshots[FIRST].figures[0]
    assert first.scope is Scope.NATIONAL
    assert first.qualifier is Qualifier.MORE_THAN
    kansas_city = dataset.snapshots[FIRST].figures[6]
    assert kansas_city.alternates[0].value == 95  # conflicting sources are kept, not dropped
    assert kansas_city.alternates[0].qualifier is Qualifier.NEARLY
    assert dataset.cities[2].population is None


def test_load_accepts_str_and_path(tmp_path: Path) -> None:
    path = write_json(tmp_path, valid_dataset())
    assert load_dataset(str(path)) == load_dataset(path)


def test_utf8_with_bom_is_accepted(tmp_path: Path) -> None:
    """Some Windows editors write a UTF-8 byte-order mark: harmless, so accepted."""
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + dumps(valid_dataset()).encode("utf-8"))
    assert load_dataset(path).title == "Operation Legend test data"


def test_bom_file_errors_still_point_at_the_right_place() -> None:
    data = valid_dataset()
    figure(data)["value"] = -560
    text = dumps(data)
    error = refuse(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert points_at(text, only(error)).startswith('"value": -560')


def test_minimal_dataset_with_empty_lists_loads() -> None:
    minimal = {
        "schema_version": 1,
        "title": "Nothing yet",
        "sources": [],
        "metrics": [],
        "cities": [],
        "snapshots": [],
    }
    dataset = parse_dataset(json.dumps(minimal).encode())
    assert dataset.cities == []


def test_integer_coordinates_are_accepted() -> None:
    data = valid_dataset()
    data["cities"][0]["location"] = {"lat": 39, "lon": -94}
    assert parse_dataset(dumps(data).encode()).cities[0].location is not None


# -- unknown fields -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (lambda d: d, "vaule"),
        (lambda d: d["sources"][1], "sources[1].vaule"),
        (lambda d: d["metrics"][0], "metrics[0].vaule"),
        (lambda d: d["cities"][3], "cities[3] (Detroit).vaule"),
        (lambda d: d["cities"][3]["population"], "cities[3] (Detroit).population.vaule"),
        (lambda d: d["cities"][0]["location"], "cities[0] (Kansas City).location.vaule"),
        (lambda d: d["snapshots"][1], "snapshots[1].vaule"),
        (lambda d: figure(d), "snapshots[1].figures[2].vaule"),
        (
            lambda d: figure(d, FIRST, 6)["alternates"][0],
            "snapshots[0].figures[6].alternates[0].vaule",
        ),
    ],
)
def test_unknown_field_is_rejected_by_name(where: Any, path: str) -> None:
    data = valid_dataset()
    where(data)["vaule"] = 1
    problem = only(refuse(data))
    assert problem.location == path
    assert "unknown field 'vaule'" in problem.message
    assert "check the spelling" in problem.message
    assert points_at(data, problem).startswith('"vaule": 1')


def test_typo_for_a_required_field_names_both() -> None:
    data = valid_dataset()
    figure(data)["vaule"] = figure(data).pop("value")
    messages = [problem.message for problem in refuse(data).problems]
    assert "the required field 'value' is missing" in messages
    assert any("unknown field 'vaule'" in message for message in messages)


@pytest.mark.parametrize("field", ["date", "usao-district", "int", "function-before[x]"])
def test_unknown_field_named_like_a_pydantic_tag_keeps_its_name(field: str) -> None:
    """Regression: the location used to drop such steps and point at the enclosing object."""
    data = valid_dataset()
    figure(data)[field] = "2020-12-23"
    problem = only(refuse(data))
    assert problem.location == f"snapshots[1].figures[2].{field}"
    assert points_at(data, problem).startswith(json.dumps(field))


def test_unknown_field_with_control_characters_stays_on_one_line() -> None:
    data = valid_dataset()
    data["ti\ntle"] = "x"
    error = refuse(data)
    assert "unknown field 'ti\\ntle'" in str(error)
    assert len(str(error).splitlines()) == 1


# -- duplicate keys ---------------------------------------------------------------------------


def test_duplicate_key_at_top_level() -> None:
    text = dumps(valid_dataset()).replace(
        '"licence": "CC0",', '"licence": "CC0",\n  "licence": "MIT",'
    )
    problem = only(refuse(text))
    assert "the key 'licence' appears twice in the same object" in problem.message
    assert problem.location == ""
    assert points_at(text, problem).startswith('"licence": "MIT"')


def test_duplicate_key_inside_a_figure() -> None:
    text = dumps(valid_dataset()).replace(
        '"value": 560,', '"value": 560,\n          "value": 5600,'
    )
    problem = only(refuse(text))
    assert "the key 'value' appears twice" in problem.message
    assert problem.location == "snapshots[1].figures[2]"
    assert points_at(text, problem).startswith('"value": 5600')


def test_same_key_in_different_objects_is_fine() -> None:
    """Every figure has a 'value': only a repeat within one object is a duplicate."""
    parse_dataset(dumps(valid_dataset()).encode())


# -- NaN, Infinity, enormous numbers ----------------------------------------------------------


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers_are_rejected_at_their_place(constant: str) -> None:
    text = dumps(valid_dataset()).replace('"value": 560,', f'"value": {constant},')
    problem = only(refuse(text))
    assert problem.message.startswith(f"{constant} is not a number JSON allows")
    assert problem.location == "snapshots[1].figures[2].value"
    assert points_at(text, problem).startswith(f"{constant},")


@pytest.mark.parametrize(
    ("old", "path"),
    [
        ('"lat": 39.09972', "cities[0].location.lat"),
        ('"value": 508090', "cities[0].population.value"),
        ('"value": 95', "snapshots[0].figures[6].alternates[0].value"),
        ('"schema_version": 2', "schema_version"),
    ],
)
def test_nan_is_rejected_wherever_it_is(old: str, path: str) -> None:
    text = dumps(valid_dataset())
    assert old in text
    text = text.replace(old, old.split(":")[0] + ": NaN", 1)
    problem = only(refuse(text))
    assert problem.location == path
    assert "NaN is not a number" in problem.message


def test_nan_in_a_string_is_just_text() -> None:
    """The scanner that locates NaN must skip strings: a note may say 'NaN' or 'Infinity'."""
    data = valid_dataset()
    data["description"] = 'Was reported as NaN, "Infinity" and [NaN]'
    parse_dataset(dumps(data).encode())
    text = dumps(data).replace('"value": 560,', '"value": NaN,')
    problem = only(refuse(text))
    assert problem.location == "snapshots[1].figures[2].value"
    assert points_at(text, problem).startswith("NaN,")


def test_huge_float_is_rejected() -> None:
    text = dumps(valid_dataset()).replace('"value": 560,', '"value": 1e999,')
    problem = only(refuse(text))
    assert problem.location == "snapshots[1].figures[2].value"
    assert "too large" in problem.message
    assert "inf)" not in problem.message  # not Python's spelling of what the user never wrote


@pytest.mark.parametrize("value", [1e16, 10**16, 1e300])
def test_absurdly_large_values_are_rejected(value: float) -> None:
    data = valid_dataset()
    figure(data)["value"] = value
    problem = only(refuse(data))
    assert "must be at most 1,000,000,000,000,000" in problem.message


def test_six_thousand_digit_number_is_rejected_at_its_place() -> None:
    text = dumps(valid_dataset()).replace('"value": 560,', '"value": ' + "7" * 6000 + ",")
    problem = only(refuse(text))
    assert "6,000 digits is too long" in problem.message
    assert problem.location == "snapshots[1].figures[2].value"
    assert points_at(text, problem).startswith("7777")


def test_long_digit_string_does_not_mislead_the_long_number_locator() -> None:
    """Regression: the locator used a regex over the whole text and found digits in a string."""
    data = valid_dataset()
    data["description"] = "5" * 5000
    text = dumps(data).replace('"value": 560,', '"value": ' + "7" * 6000 + ",")
    problem = only(refuse(text))
    assert points_at(text, problem).startswith("7777")


def test_long_float_literal_is_fine_when_it_is_a_small_number() -> None:
    data = valid_dataset()
    text = dumps(data).replace('"value": 560,', '"value": 560.' + "0" * 5000 + ",")
    assert parse_dataset(text.encode()).snapshots[FINAL].figures[2].value == 560


# -- numbers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("560", 'must be a number (found "560")'),
        (True, "must be a number (found true)"),
        (False, "must be a number (found false)"),
        (None, "must be a number (found null)"),
        ([560], "must be a number (found a JSON array)"),
        ({"n": 560}, "must be a number (found a JSON object)"),
        (-1, "must not be negative (found -1)"),
        (-0.5, "must not be negative (found -0.5)"),
    ],
)
def test_figure_value_must_be_a_non_negative_number(value: object, fragment: str) -> None:
    data = valid_dataset()
    figure(data)["value"] = value
    problem = only(refuse(data))
    assert problem.location == "snapshots[1].figures[2].value"
    assert fragment in problem.message


@pytest.mark.parametrize("value", [0, 0.0, 1, 12.5, 10**15])
def test_zero_fractions_and_large_counts_are_valid(value: float) -> None:
    data = valid_dataset()
    figure(data)["value"] = value
    assert parse_dataset(dumps(data).encode()).snapshots[FINAL].figures[2].value == value


def test_alternate_value_must_not_be_negative() -> None:
    data = valid_dataset()
    figure(data, FIRST, 6)["alternates"][0]["value"] = -95
    problem = only(refuse(data))
    assert problem.location == "snapshots[0].figures[6].alternates[0].value"
    assert "must not be negative" in problem.message


def test_population_must_be_positive_whole_number() -> None:
    data = valid_dataset()
    data["cities"][3]["population"]["value"] = 0
    assert "must be more than 0" in only(refuse(data)).message
    data["cities"][3]["population"]["value"] = 639_111.5
    assert "must be a valid integer" in only(refuse(data)).message


# -- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2020-02-30", "'2020-02-30' is not a real calendar date"),
        ("2020-13-01", "is not a real calendar date"),
        ("08/19/2020", "must be a date written as YYYY-MM-DD"),
        ("2020-8-19", "must be a date written as YYYY-MM-DD"),
        ("2020-08-19T00:00:00", "must be a date written as YYYY-MM-DD"),
        ("19 Aug 2020", "must be a date written as YYYY-MM-DD"),
        (1597795200, "must be a date written as YYYY-MM-DD"),
        ("", "must be a date written as YYYY-MM-DD"),
    ],
)
def test_dates_must_be_real_iso_dates(value: object, fragment: str) -> None:
    data = valid_dataset()
    data["cities"][3]["launch_date"] = value
    problem = only(refuse(data))
    assert problem.location == "cities[3] (Detroit).launch_date"
    assert fragment in problem.message
    assert points_at(data, problem).startswith('"launch_date"')


def test_snapshot_date_in_wrong_format() -> None:
    data = valid_dataset()
    data["snapshots"][1]["date"] = "12/23/2020"
    problem = only(refuse(data))
    assert problem.location == "snapshots[1].date"


def test_leap_day_is_a_real_date() -> None:
    data = valid_dataset()
    data["compiled"] = "2020-02-29"
    assert parse_dataset(dumps(data).encode()).compiled == date(2020, 2, 29)


# -- unique ids and references ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "path", "fragment"),
    [
        (
            lambda d: d["sources"][2].update(id="kmov-2020-08-19"),
            "sources[2].id",
            "duplicate source id kmov-2020-08-19 (first used at sources[1].id)",
        ),
        (
            lambda d: d["metrics"][3].update(id="homicide_arrests"),
            "metrics[3].id",
            "duplicate metric id homicide_arrests (first used at metrics[2].id)",
        ),
        (
            lambda d: d["cities"][4].update(id="detroit-mi"),
            "cities[4] (St. Louis).id",
            "duplicate city id detroit-mi (first used at cities[3].id)",
        ),
        (
            lambda d: d["snapshots"][1].update(date="2020-08-19"),
            "snapshots[1].date",
            "duplicate snapshot date 2020-08-19 (first used at snapshots[0].date)",
        ),
    ],
)
def test_ids_are_unique(change: Any, path: str, fragment: str) -> None:
    data = valid_dataset()
    change(data)
    problems = refuse(data).problems
    assert problems[0].location == path
    assert fragment in problems[0].message


@pytest.mark.parametrize(
    ("change", "path", "fragment"),
    [
        (
            lambda d: figure(d).update(city="gotham-nj"),
            "snapshots[1].figures[2].city",
            "unknown city id 'gotham-nj' (not in 'cities')",
        ),
        (
            lambda d: figure(d).update(metric="arrests"),
            "snapshots[1].figures[2].metric",
            "unknown metric id 'arrests' (not in 'metrics')",
        ),
        (
            lambda d: figure(d).update(source="fox-2020"),
            "snapshots[1].figures[2].source",
            "unknown source id 'fox-2020' (not in 'sources')",
        ),
        (
            lambda d: figure(d, FIRST, 6)["corroborated_by"].append({"source": "fox-2020"}),
            "snapshots[0].figures[6].corroborated_by[1].source",
            "unknown source id 'fox-2020'",
        ),
        (
            lambda d: figure(d, FIRST, 6)["alternates"][0].update(source="fox-2020"),
            "snapshots[0].figures[6].alternates[0].source",
            "unknown source id 'fox-2020'",
        ),
        (
            lambda d: d["cities"][3]["population"].update(source="census-2010"),
            "cities[3] (Detroit).population.source",
            "unknown source id 'census-2010'",
        ),
    ],
)
def test_references_resolve(change: Any, path: str, fragment: str) -> None:
    data = valid_dataset()
    change(data)
    problem = only(refuse(data))
    assert problem.location == path
    assert fragment in problem.message
    last = path.rsplit(".", 1)[-1]
    if "[" not in last:
        assert points_at(data, problem).startswith(f'"{last}"')


def test_national_figure_must_not_name_a_city() -> None:
    data = valid_dataset()
    figure(data, FINAL, 0)["city"] = "chicago-il"
    problem = only(refuse(data))
    assert problem.location == "snapshots[1].figures[0].city"
    assert problem.message == "a national figure must not name a city"


def test_city_figure_needs_a_city() -> None:
    data = valid_dataset()
    del figure(data)["city"]
    problem = only(refuse(data))
    assert problem.location == "snapshots[1].figures[2]"
    assert problem.message == "a city figure needs a 'city' id"


def test_two_figures_for_one_city_and_metric_in_a_snapshot() -> None:
    data = valid_dataset()
    figures = data["snapshots"][FINAL]["figures"]
    figures.append(dict(figure(data), value=570))
    problem = only(refuse(data))
    assert problem.location == f"snapshots[1].figures[{len(figures) - 1}]"
    assert "a second 'arrests_total' figure for kansas-city-mo" in problem.message
    assert "first at figures[2]" in problem.message
    assert "alternates" in problem.message


def test_two_national_figures_for_one_metric() -> None:
    data = valid_dataset()
    data["snapshots"][FINAL]["figures"].append(dict(figure(data, FINAL, 0), value=6001))
    assert "a second 'arrests_total' figure for national" in only(refuse(data)).message


# -- launch dates ---------------------------------------------------------------------------------


def test_figure_before_the_city_launch_is_an_error() -> None:
    data = valid_dataset()
    data["cities"][3]["launch_date"] = "2020-09-01"  # Detroit: after the first snapshot
    problem = only(refuse(data))
    assert problem.location == "snapshots[0].figures[4]"
    assert "figure dated 2020-08-19 is before detroit-mi's launch on 2020-09-01" in problem.message


def test_figure_on_the_launch_day_is_fine() -> None:
    data = valid_dataset()
    data["cities"][3]["launch_date"] = "2020-08-19"
    parse_dataset(dumps(data).encode())


# -- schema_version -------------------------------------------------------------------------------


def test_newer_schema_version_says_update_the_app() -> None:
    data = valid_dataset()
    data["schema_version"] = 99
    data["future_field"] = {"something": "new"}  # a newer format may add fields: one message
    problem = only(refuse(data))
    assert "newer version of Legend Viewer" in problem.message
    assert "format version 99" in problem.message
    assert "Please update" in problem.message
    assert points_at(data, problem).startswith('"schema_version": 99')


def _as_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` written in format 1: corroborating sources as a list of ids, no notes."""
    data["schema_version"] = 1
    for snapshot in data["snapshots"]:
        for item in snapshot["figures"]:
            if "corroborated_by" in item:
                item["corroborated_by"] = [other["source"] for other in item["corroborated_by"]]
    return data


def test_a_version_1_file_loads_with_its_corroborating_ids_as_records() -> None:
    old = parse_dataset(dumps(_as_version_1(valid_dataset())).encode())
    new = parse_dataset(dumps(valid_dataset()).encode())
    assert old.schema_version == new.schema_version == 2
    old_figure, new_figure = old.snapshots[0].figures[6], new.snapshots[0].figures[6]
    assert [c.source for c in old_figure.corroborated_by] == ["kmov-2020-08-19"]
    assert old_figure.corroborated_by[0].note is None  # format 1 had no notes
    assert new_figure.corroborated_by[0].note == "KMOV gives the same count"
    assert [c.source for c in new_figure.corroborated_by] == ["kmov-2020-08-19"]


def test_a_version_1_file_with_a_dangling_corroborating_id_is_refused_where_it_is() -> None:
    data = _as_version_1(valid_dataset())
    data["snapshots"][0]["figures"][6]["corroborated_by"].append("fox-2020")
    problem = only(refuse(data))
    assert problem.location == "snapshots[0].figures[6].corroborated_by[1].source"
    assert "unknown source id 'fox-2020'" in problem.message
    assert points_at(data, problem).startswith('"fox-2020"')


def test_a_version_2_file_may_not_list_bare_ids() -> None:
    data = valid_dataset()
    data["snapshots"][0]["figures"][6]["corroborated_by"] = ["kmov-2020-08-19"]
    problem = only(refuse(data))
    assert problem.location.startswith("snapshots[0].figures[6].corroborated_by[0]")


@pytest.mark.parametrize(
    ("value", "shown"), [("1", '"1"'), (True, "true"), (0, "0"), (1.0, "1.0"), (None, "null")]
)
def test_schema_version_must_be_a_whole_number(value: object, shown: str) -> None:
    data = valid_dataset()
    data["schema_version"] = value
    problem = only(refuse(data))
    assert problem.location == "schema_version"
    assert f"must be a whole number such as 2 (found {shown})" in problem.message


def test_missing_schema_version_is_reported_with_the_other_missing_fields() -> None:
    data = valid_dataset()
    del data["schema_version"]
    del data["title"]
    messages = [problem.message for problem in refuse(data).problems]
    assert "the required field 'schema_version' is missing" in messages
    assert "the required field 'title' is missing" in messages


# -- syntax and encoding ------------------------------------------------------------------------


def test_syntax_error_points_at_the_problem() -> None:
    text = dumps(valid_dataset()).replace('"CC0",', '"CC0",,')
    problem = only(refuse(text))
    assert problem.message.startswith("not valid JSON")
    assert points_at(text, problem) == ","


@pytest.mark.parametrize(
    ("text", "says", "quoted"),
    [
        ('{"schema_version": 1,\n "title": "abc}\n', "inside a string", '"title": "abc}'),
        ('{"schema_version": 1,\n "title": "abc', "never closed", '"abc'),
        ('{"schema_version": 1,\n "title": "a" "b": 2}', "a comma is missing", '"b": 2}'),
        ('{"schema_version": 1,}', "a key in double quotes", "}"),
        ('{"schema_version": 1}\n}', "more text follows", "}"),
    ],
)
def test_a_syntax_error_is_one_whole_sentence_with_place_and_text(
    text: str, says: str, quoted: str
) -> None:
    problem = only(refuse(text))
    message = problem.message
    assert message.startswith("not valid JSON: ")
    assert says in message
    assert f"at {problem.line}:{problem.column}, " in message
    assert f"'{quoted}'" in message
    assert message.endswith("'.")  # a whole sentence: never "... starting at"
    assert not message.rstrip(".").endswith(" at")


def test_truncated_file() -> None:
    text = dumps(valid_dataset())
    problem = only(refuse(text[:-40]))
    assert problem.message.startswith("not valid JSON")
    assert problem.line is not None


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"[]", "the file holds a JSON array"),
        (b'"x"', "the file holds a JSON string"),
        (b"12", "the file holds a JSON number"),
        (b"true", "the file holds a JSON true/false value"),
        (b"null", "the file holds a JSON null"),
    ],
)
def test_top_level_must_be_an_object(data: bytes, fragment: str) -> None:
    assert fragment in only(refuse(data)).message


def test_invalid_utf8_points_at_the_byte() -> None:
    text = dumps(valid_dataset())
    data = text.encode("utf-8").replace(b"Detroit", b"D\xe9troit", 1)
    problem = only(refuse(data))
    assert "not valid UTF-8 text (byte 0xe9" in problem.message
    assert points_at(text, problem).startswith("etroit")


def test_invalid_utf8_column_counts_characters_not_bytes() -> None:
    before = '{\n"title": "Saint-Étienne ∑ '
    problem = only(refuse(before.encode() + b"\xff" + b'"}'))
    assert (problem.line, problem.column) == (2, len(before.split("\n")[1]) + 1)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_recognised(encoding: str) -> None:
    data = dumps(valid_dataset()).encode(encoding)
    assert "UTF-16" in only(refuse(data)).message


@pytest.mark.parametrize("data", [b"", b"   ", b"\n\r\n\t", b"\xef\xbb\xbf", b"\xef\xbb\xbf  \n"])
def test_empty_files(data: bytes) -> None:
    assert "the file is empty" in only(refuse(data)).message


def test_lone_surrogate_escape_is_refused() -> None:
    text = dumps(valid_dataset()).replace("Operation Legend test data", "Bad \\udc80 title")
    problem = only(refuse(text))
    assert problem.location == "title"
    assert "broken character" in problem.message


# -- deep nesting ---------------------------------------------------------------------------------


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_200000_deep_nesting_is_refused_quickly(opener: str) -> None:
    problem = only(refuse(opener * 200_000))
    assert "nested far too deeply" in problem.message
    assert problem.line == 1


def test_moderate_nesting_inside_a_field_is_a_type_error_not_a_crash() -> None:
    text = dumps(valid_dataset()).replace('"CC0"', "[" * 500 + "]" * 500)
    problem = only(refuse(text))
    assert problem.location == "licence"


def test_first_deep_offset_skips_strings() -> None:
    text = '{"a": "[[[[[[", "b": [[[1]]]}'
    assert text[first_deep_offset(text, 3)] == "["
    assert first_deep_offset(text, 3) == text.index("[[[1") + 2


# -- size limit -----------------------------------------------------------------------------------


def test_size_limit_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 60 MB (sparse) file is refused from its size alone: it is never opened."""
    path = tmp_path / "huge.json"
    with path.open("wb") as stream:
        stream.truncate(60 * 1024 * 1024)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_open)
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    problem = only(caught.value)
    assert problem.file == str(path)
    assert "60.0 MB" in problem.message
    assert "at most 50 MB" in problem.message


def test_size_limit_can_be_lowered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_json(tmp_path, valid_dataset())
    monkeypatch.setattr(loading_module, "MAX_FILE_BYTES", 1024)
    with pytest.raises(DatasetError, match="Legend Viewer opens data files of at most"):
        load_dataset(path)


def test_parse_dataset_also_refuses_too_much_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading_module, "MAX_FILE_BYTES", 100)
    assert "more than" in only(refuse(b"{" + b" " * 200 + b"}")).message


def test_file_growing_between_stat_and_read_is_still_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read is bounded too: a file that grows after stat() cannot be read whole."""
    path = write_json(tmp_path, valid_dataset())
    monkeypatch.setattr(loading_module, "MAX_FILE_BYTES", path.stat().st_size - 1)
    real_stat = Path.stat

    def small_stat(self: Path, **kwargs: Any) -> os.stat_result:
        result = real_stat(self, **kwargs)
        if self == path:
            return os.stat_result((*result[:6], 10, *result[7:]))
        return result

    monkeypatch.setattr(Path, "stat", small_stat)
    with pytest.raises(DatasetError, match="more than"):
        load_dataset(path)


# -- file system problems -----------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    assert str(caught.value) == f"{path}: no such file"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(DatasetError) as caught:
        load_dataset(tmp_path)
    assert str(caught.value) == f"{tmp_path}: this is a folder, not a data file"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_json(tmp_path, valid_dataset())
    path.chmod(0)
    try:
        try:
            path.read_bytes()
            running_as_root = True  # root reads anyway: simulate the refusal instead
        except PermissionError:
            running_as_root = False
        if running_as_root:

            def refuse_open(self: Path, *args: object, **kwargs: object) -> None:
                raise PermissionError(13, "Permission denied", str(self))

            monkeypatch.setattr(Path, "open", refuse_open)
        with pytest.raises(DatasetError) as caught:
            load_dataset(path)
    finally:
        path.chmod(0o644)
    assert str(caught.value) == f"{path}: permission denied: the file cannot be read"


def test_other_os_errors_are_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_json(tmp_path, valid_dataset())

    def broken_open(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "open", broken_open)
    with pytest.raises(DatasetError, match=r"cannot be read \(Input/output error\)"):
        load_dataset(path)


def test_impossible_file_name() -> None:
    """Regression: a NUL character in the name raised a bare ValueError."""
    with pytest.raises(DatasetError, match="not a valid file name"):
        load_dataset("bad\0name.json")


# -- the error list -------------------------------------------------------------------------------


def fifty_bad_values() -> dict[str, Any]:
    data = valid_dataset()
    figures = data["snapshots"][FINAL]["figures"]
    for n in range(50 - len(figures)):
        figures.append({"scope": "national", "metric": f"m{n}", "value": 1, "source": "x"})
    for item in figures:
        item["value"] = -1
    assert len(figures) == 50
    return data


def test_error_list_is_capped_at_twenty_with_and_n_more() -> None:
    error = refuse(fifty_bad_values())
    assert MAX_SHOWN_PROBLEMS == 20
    assert len(error.problems) == 20
    assert error.total == 50
    lines = error.lines()
    assert len(lines) == 21
    assert lines[-1] == "… and 30 more problems"
    assert all("must not be negative" in line for line in lines[:20])
    assert str(error) == "\n".join(lines)


def test_cross_reference_errors_are_capped_too() -> None:
    data = valid_dataset()
    for snapshot in data["snapshots"]:
        for item in snapshot["figures"]:
            item["source"] = "gone"
    error = refuse(data)
    count = sum(len(s["figures"]) for s in data["snapshots"])
    assert error.total == count > 20
    assert error.lines()[-1] == f"… and {count - 20} more problems"


def test_one_more_problem_is_singular() -> None:
    problems = [Problem("f", f"p{n}") for n in range(21)]
    assert DatasetError(problems).lines()[-1] == "… and 1 more problem"


def test_every_problem_is_reported_not_only_the_first() -> None:
    data = valid_dataset()
    data["cities"][3]["launch_date"] = "2020-02-30"
    figure(data)["value"] = "many"
    data["metrics"][0]["unit"] = ""
    locations = {problem.location for problem in refuse(data).problems}
    assert locations == {
        "cities[3] (Detroit).launch_date",
        "snapshots[1].figures[2].value",
        "metrics[0].unit",
    }


def test_dataset_error_needs_a_problem() -> None:
    with pytest.raises(ValueError, match="at least one problem"):
        DatasetError([])


def test_problem_text_format() -> None:
    problem = Problem("a.json", "must not be negative", "cities[3] (Detroit).x", 7, 9)
    assert str(problem) == "a.json:7:9: cities[3] (Detroit).x: must not be negative"
    assert str(Problem("a.json", "no such file")) == "a.json: no such file"


# -- locations ------------------------------------------------------------------------------------


def test_location_names_the_city() -> None:
    data = valid_dataset()
    data["cities"][3]["state"] = ""
    problem = only(refuse(data))
    assert problem.location == "cities[3] (Detroit).state"
    assert str(problem).startswith(f"{NAME}:{problem.line}:{problem.column}: cities[3] (Detroit)")
    assert points_at(data, problem).startswith('"state": ""')


def test_long_city_names_are_shortened_in_locations() -> None:
    data = valid_dataset()
    data["cities"][3]["name"] = "D" * 300
    data["cities"][3]["state"] = ""
    assert only(refuse(data)).location == f"cities[3] ({'D' * 39}…).state"


def test_city_name_with_a_line_break_stays_on_one_line() -> None:
    """Regression: the name went into the location as it was, splitting the message in two.

    The line break is now refused in a name as well: two problems, one line each."""
    data = valid_dataset()
    data["cities"][3]["name"] = "De\ntroit"
    data["cities"][3]["state"] = ""
    error = refuse(data)
    assert [problem.location for problem in error.problems] == [
        "cities[3] (De\\ntroit).name",
        "cities[3] (De\\ntroit).state",
    ]
    assert error.problems[0].message.startswith("has a line break (U+000A, line feed)")
    assert len(str(error).splitlines()) == 2


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: figure(d).update(value=-560), '"value": -560'),
        (lambda d: figure(d).update(qualifier="about"), '"qualifier": "about"'),
        (lambda d: d["cities"][1].update(launch_date="2020-7-22"), '"launch_date": "2020-7-22"'),
        (lambda d: d["metrics"][4].update(cumulative="no"), '"cumulative": "no"'),
        (lambda d: d["sources"][2].update(kind="blog"), '"kind": "blog"'),
        (lambda d: d["cities"][0]["location"].update(lat=91), '"lat": 91'),
        (lambda d: d["cities"][1]["population"].update(year=1700), '"year": 1700'),
    ],
)
def test_line_and_column_point_at_the_offending_field(change: Any, expected: str) -> None:
    data = valid_dataset()
    change(data)
    assert points_at(data, only(refuse(data))).startswith(expected)


def test_missing_field_points_at_the_enclosing_object() -> None:
    data = valid_dataset()
    del data["cities"][3]["launch_date"]
    problem = only(refuse(data))
    assert problem.location == "cities[3] (Detroit).launch_date"
    assert points_at(data, problem) == "{"
    assert dumps(data).splitlines()[problem.line]  # the next line opens Detroit's fields
    assert '"id": "detroit-mi"' in dumps(data).splitlines()[problem.line]


def test_compact_json_gets_columns_on_one_line() -> None:
    data = valid_dataset()
    figure(data)["value"] = -560
    text = json.dumps(data)
    problem = only(refuse(text))
    assert problem.line == 1
    assert points_at(text, problem).startswith('"value": -560')


def test_messages_show_json_not_python() -> None:
    data = valid_dataset()
    data["cities"][3]["name"] = None
    problem = only(refuse(data))
    assert "found null" in problem.message
    assert "None" not in problem.message


def test_gc_is_restored_after_a_failed_load() -> None:
    assert gc.isenabled()
    data = valid_dataset()
    figure(data)["value"] = -1
    refuse(data)
    assert gc.isenabled()


# -- jsonpos --------------------------------------------------------------------------------------


def test_line_column() -> None:
    assert line_column("ab\ncd", 0) == (1, 1)
    assert line_column("ab\ncd", 4) == (2, 2)
    assert line_column("ab\ncd", 99) == (2, 3)  # clamped to the end


def test_offset_of_walks_objects_and_arrays() -> None:
    text = '{"a": [10, {"b": 2, "c": [3, 4]}], "d": {"e": "x"}}'
    assert text[offset_of(text, ["a", 1, "c", 1]) :].startswith("4]")
    assert text[offset_of(text, ["a", 1, "c"]) :].startswith('"c"')
    assert text[offset_of(text, ["d", "e"]) :].startswith('"e"')
    assert text[offset_of(text, ["a", 0]) :].startswith("10")
    # paths that do not exist: the nearest enclosing value
    assert text[offset_of(text, ["a", 7]) :].startswith("[10")
    assert text[offset_of(text, ["d", "zz"]) :].startswith('{"e"')


def test_first_duplicate_key_in_nested_structures() -> None:
    text = '{"a": [{"k": 1, "j": 2}, {"k": 1, "m": [1, {"x": 1, "x": 2}]}]}'
    found = first_duplicate_key(text)
    assert found is not None
    offset, key, path = found
    assert key == "x"
    assert path == ("a", 1, "m", 1)
    assert offset == text.rindex('"x"')
    assert first_duplicate_key('{"a": {"a": {"a": 1}}, "b": [{"a": 1}, {"a": 2}]}') is None


def test_first_scalar_reports_path() -> None:
    text = '{"s": "NaN", "list": [1, 2, {"v": NaN}]}'
    found = first_scalar(text, "NaN".__eq__)
    assert found == (text.index("NaN}"), "NaN", ("list", 2, "v"))
    assert first_scalar('{"s": "NaN"}', "NaN".__eq__) is None


# -- the two stages -----------------------------------------------------------------------------


def test_two_stage_loading_gives_the_same_dataset(tmp_path: Path) -> None:
    """read_document (size, encoding, JSON) then validate_document (schema, rules)."""
    path = write_json(tmp_path, valid_dataset())
    document = loading_module.read_document(path)
    assert document.name == str(path)
    assert document.data["title"] == "Operation Legend test data"
    assert loading_module.validate_document(document) == load_dataset(path)


def test_stage_one_refuses_syntax_and_version_problems() -> None:
    with pytest.raises(DatasetError, match="not valid JSON"):
        loading_module.parse_document(b"{", NAME)
    data = valid_dataset()
    data["schema_version"] = 3
    with pytest.raises(DatasetError, match="newer version"):
        loading_module.parse_document(dumps(data).encode(), NAME)
    data = valid_dataset()
    figure(data)["value"] = -1  # a schema problem: for stage two
    document = loading_module.parse_document(dumps(data).encode(), NAME)
    with pytest.raises(DatasetError, match="must not be negative"):
        loading_module.validate_document(document)

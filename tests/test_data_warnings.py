"""Data warnings driven by the data: parts above their whole (``Metric.part_of``) and running
totals below any earlier figure, each naming the figures it concerns.

The small dataset of helpers.py gains part metrics here; the bundled dataset's cases are the
ones issue 11 found (St. Louis's drug charges, the Sept. 9 agency split, Kansas City's arrests).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import FINAL, FIRST, dumps, valid_dataset

from legend_gui.model import Catalog, DatasetError, load_dataset, parse_dataset

AUG19 = date(2020, 8, 19)
SEP09 = date(2020, 9, 9)
OCT14 = date(2020, 10, 14)
DEC23 = date(2020, 12, 23)


def catalog_of(data: dict[str, Any]) -> Catalog:
    return Catalog(parse_dataset(dumps(data).encode(), "w.json"), "w.json")


def with_parts(data: dict[str, Any]) -> dict[str, Any]:
    """Two disjoint parts of all arrests (by agency) and two overlapping parts of the federal
    defendants (by charge: one defendant may face both)."""
    data["metrics"] += [
        {
            "id": "arrests_by_a",
            "label": "Arrests by A",
            "unit": "arrests",
            "part_of": "arrests_total",
        },
        {
            "id": "arrests_by_b",
            "label": "Arrests by B",
            "unit": "arrests",
            "part_of": "arrests_total",
        },
        {
            "id": "charged_x",
            "label": "Charged with X",
            "unit": "defendants",
            "part_of": "federal_defendants_charged",
            "overlaps": True,
        },
        {
            "id": "charged_y",
            "label": "Charged with Y",
            "unit": "defendants",
            "part_of": "federal_defendants_charged",
            "overlaps": True,
        },
    ]
    return data


def add(
    data: dict[str, Any],
    snapshot: int,
    metric: str,
    value: float,
    city: str | None = None,
    **extra: Any,
) -> None:
    figure: dict[str, Any] = {"scope": "city" if city else "national"}
    if city:
        figure["city"] = city
    figure |= {"metric": metric, "value": value, "source": "doj-2020-12-23", **extra}
    data["snapshots"][snapshot]["figures"].append(figure)


def agree(catalog: Catalog, data: dict[str, Any]) -> None:
    """Each place's warnings, worked out alone, are the full list's in the same order."""
    alone = catalog_of(data)
    everything = catalog.warnings
    for city_id in [None, *(city.id for city in catalog.cities)]:
        assert alone.warnings_for(city_id) == [w for w in everything if w.concerns(city_id)]


# -- parts above their whole -----------------------------------------------------------------


def test_disjoint_parts_adding_up_to_more_than_the_whole_are_a_warning() -> None:
    data = with_parts(valid_dataset())
    add(data, FINAL, "arrests_by_a", 4000)  # national arrests: 6,000
    add(data, FINAL, "arrests_by_b", 2500)
    catalog = catalog_of(data)
    [warning] = catalog.warnings
    assert warning.kind == "part_exceeds_whole"
    assert warning.metric == "arrests_total"
    assert warning.national
    assert warning.city_ids == frozenset()
    assert warning.days == (DEC23,)
    assert warning.figures == (
        (DEC23, None, "arrests_total"),
        (DEC23, None, "arrests_by_a"),
        (DEC23, None, "arrests_by_b"),
    )
    assert warning.message == (
        "National, 2020-12-23: Arrests by A 4,000 + Arrests by B 2,500 add up to 6,500, "
        "more than “Arrests” (6,000)."
    )
    agree(catalog, data)


def test_disjoint_parts_within_the_whole_are_fine() -> None:
    data = with_parts(valid_dataset())
    add(data, FINAL, "arrests_by_a", 4000)
    add(data, FINAL, "arrests_by_b", 2000)  # exactly 6,000
    assert catalog_of(data).warnings == []


def test_one_overlapping_part_above_the_whole_is_a_warning_but_not_their_sum() -> None:
    data = with_parts(valid_dataset())
    add(data, FINAL, "charged_x", 30, "chicago-il")  # Chicago: 43 defendants
    add(data, FINAL, "charged_y", 30, "chicago-il")  # 60 charges for 43 people: possible
    assert catalog_of(data).warnings == []
    add(data, FINAL, "charged_x", 50, "kansas-city-mo")  # Kansas City: 150 defendants
    add(data, FINAL, "charged_y", 151, "kansas-city-mo")
    catalog = catalog_of(data)
    [warning] = catalog.warnings
    assert warning.city_ids == frozenset({"kansas-city-mo"})
    assert not warning.national
    assert warning.figures == (
        (DEC23, "kansas-city-mo", "federal_defendants_charged"),
        (DEC23, "kansas-city-mo", "charged_y"),
    )
    assert warning.message == (
        "Kansas City, 2020-12-23: “Charged with Y” (151) is more than "
        "“Federal defendants charged” (150), which it is a part of."
    )
    assert catalog.warnings_for("kansas-city-mo") == [warning]
    assert catalog.warnings_for("chicago-il") == []
    agree(catalog, data)


@pytest.mark.parametrize("qualifier", ["more_than", "at_least"])
def test_a_whole_that_is_a_lower_bound_is_not_exceeded(qualifier: str) -> None:
    data = with_parts(valid_dataset())  # national arrests on Aug. 19: more than 1,000
    add(data, FIRST, "arrests_by_a", 700)
    add(data, FIRST, "arrests_by_b", 600)
    assert catalog_of(data).warnings == []


def test_an_upper_bound_part_proves_nothing() -> None:
    data = with_parts(valid_dataset())
    add(data, FINAL, "arrests_by_a", 4000)
    add(data, FINAL, "arrests_by_b", 2500, qualifier="at_most")
    assert catalog_of(data).warnings == []


def test_a_part_without_a_whole_figure_is_no_warning() -> None:
    data = with_parts(valid_dataset())
    add(data, FINAL, "charged_x", 500, "detroit-mi")  # Detroit reports no defendants
    assert catalog_of(data).warnings == []


def test_part_of_must_name_another_metric_of_the_file() -> None:
    data = with_parts(valid_dataset())
    data["metrics"][-1]["part_of"] = "charges_total"
    with pytest.raises(DatasetError) as caught:
        parse_dataset(dumps(data).encode())
    [problem] = caught.value.problems
    assert problem.location == f"metrics[{len(data['metrics']) - 1}].part_of"
    assert "unknown metric id 'charges_total'" in problem.message
    data["metrics"][-1]["part_of"] = "charged_y"
    with pytest.raises(DatasetError, match="cannot be a part of itself"):
        parse_dataset(dumps(data).encode())


# -- running totals below any earlier figure -------------------------------------------------


def _three_snapshots(
    values: tuple[float, float, float], qualifiers: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Kansas City's arrests on Aug. 19, Oct. 14 (a snapshot added here) and Dec. 23."""
    data = valid_dataset()
    data["snapshots"].insert(1, {"date": "2020-10-14", "label": "Middle", "figures": []})
    first, middle, final = values
    kinds = list(qualifiers) or ["exact"] * 3
    for figure in data["snapshots"][0]["figures"]:
        if figure["metric"] == "arrests_total" and figure.get("city") == "kansas-city-mo":
            figure.update(value=first, qualifier=kinds[0])
    add(data, 1, "arrests_total", middle, "kansas-city-mo", qualifier=kinds[1])
    for figure in data["snapshots"][2]["figures"]:
        if figure["metric"] == "arrests_total" and figure.get("city") == "kansas-city-mo":
            figure.update(value=final, qualifier=kinds[2])
    return data


def test_a_figure_below_an_earlier_one_but_above_the_previous_is_still_a_warning() -> None:
    """300, then 200, then 250: 250 is above the previous 200 but below August's 300."""
    data = _three_snapshots((300, 200, 250))
    catalog = catalog_of(data)
    [warning] = catalog.warnings
    assert warning.kind == "cumulative_decrease"
    assert warning.days == (AUG19, OCT14, DEC23)
    assert warning.figures == tuple(
        (day, "kansas-city-mo", "arrests_total") for day in (AUG19, OCT14, DEC23)
    )
    assert warning.message == (
        "Kansas City: “Arrests” is a running total but goes down from 300 (2020-08-19) to "
        "200 (2020-10-14) and 250 (2020-12-23)."
    )
    agree(catalog, data)


def test_a_new_peak_starts_a_new_warning() -> None:
    data = _three_snapshots((300, 400, 350))
    [warning] = catalog_of(data).warnings
    assert warning.days == (OCT14, DEC23)
    assert "from 400 (2020-10-14) to 350 (2020-12-23)" in warning.message


def test_a_lower_bound_below_the_peak_and_an_upper_bound_peak_are_no_fall() -> None:
    assert (
        catalog_of(_three_snapshots((300, 200, 250), ("exact", "more_than", "at_least"))).warnings
        == []
    )
    assert (
        catalog_of(_three_snapshots((300, 200, 250), ("at_most", "exact", "exact"))).warnings == []
    )


# -- the bundled dataset ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    path = Path(__file__).resolve().parents[1] / "data" / "operation_legend.json"
    return Catalog(load_dataset(path), str(path))


def test_st_louis_drug_charges_exceed_its_defendants(bundled: Catalog) -> None:
    [warning] = [w for w in bundled.warnings_for("st-louis-mo") if w.kind == "part_exceeds_whole"]
    assert warning.figures == (
        (AUG19, "st-louis-mo", "federal_defendants_charged"),
        (AUG19, "st-louis-mo", "charge_drug_trafficking"),
    )
    assert "(21) is more than “Federal defendants charged” (15)" in warning.message


def test_the_sept_9_agency_split_exceeds_the_national_firearms(bundled: Catalog) -> None:
    [warning] = [w for w in bundled.warnings_for(None) if w.kind == "part_exceeds_whole"]
    assert warning.days == (SEP09,)
    assert [key[2] for key in warning.figures] == [
        "firearms_seized",
        "firearms_seized_atf",
        "firearms_seized_dea",
        "firearms_seized_fbi",
        "firearms_seized_usms",
    ]
    assert "add up to 1,265, more than “Firearms seized” (~600)" in warning.message


def test_kansas_city_arrests_fall_below_julys_200_twice(bundled: Catalog) -> None:
    [warning] = [w for w in bundled.warnings_for("kansas-city-mo") if w.metric == "arrests_total"]
    assert warning.days == (date(2020, 7, 22), date(2020, 7, 31), date(2020, 8, 6))
    assert "from 200 (2020-07-22) to 97 (2020-07-31) and 156 (2020-08-06)" in warning.message


def test_the_bundled_warnings(bundled: Catalog) -> None:
    kinds = [warning.kind for warning in bundled.warnings]
    assert kinds.count("sum_exceeds_national") == 1
    assert kinds.count("part_exceeds_whole") == 2
    assert kinds.count("cumulative_decrease") == 5
    for warning in bundled.warnings:
        assert warning.figures, warning.message
        for day, city_id, metric_id in warning.figures:
            assert bundled.figure(day, city_id, metric_id) is not None

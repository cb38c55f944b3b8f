"""The ``context`` section: background period counts per city (homicides by year and to the
launch), their loader checks and the pure queries the views and exports read.

Bad files in ``tests/data/bad_context`` each map to a fragment of their message in
``expected.json``; ``tests/data/context_valid.json`` is the sound file they were made from.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from legend_gui.model import DatasetError, load_dataset
from legend_gui.model.context import (
    REPORTED,
    ContextIndex,
    ContextRow,
    count_period,
    disputing_counts,
    is_disputed,
    period_iso,
    period_text,
    rate_per_100k,
)
from legend_gui.model.formatting import NOT_REPORTED
from legend_gui.model.schema import ContextCount, ContextFigure, Dataset, Period

DATA = Path(__file__).parent / "data"
BAD = DATA / "bad_context"
VALID = DATA / "context_valid.json"
BUNDLED = Path(__file__).resolve().parents[1] / "data" / "operation_legend.json"
EXPECTED: dict[str, str] = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))
LOCATED = r"^{path}:\d+:\d+: context\["


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset(BUNDLED)


@pytest.fixture(scope="module")
def index(bundled: Dataset) -> ContextIndex:
    return ContextIndex(bundled)


def _year(year: int) -> Period:
    return Period(start=date(year, 1, 1), end=date(year, 12, 31))


# -- loading ---------------------------------------------------------------------------------


def test_a_file_without_the_section_loads_with_no_context() -> None:
    document = json.loads(VALID.read_text(encoding="utf-8"))
    del document["context"]
    from legend_gui.model import parse_dataset

    dataset = parse_dataset(json.dumps(document).encode(), "no-context.json")
    assert dataset.context == []
    index = ContextIndex(dataset)
    assert not index
    assert index.metrics == []
    assert index.for_city("kansas-city-mo") == []


def test_a_file_with_the_section_loads_its_figures_and_alternates() -> None:
    dataset = load_dataset(VALID)
    assert [(f.city, f.metric) for f in dataset.context] == [
        ("kansas-city-mo", "homicides_2019"),
        ("kansas-city-mo", "homicides_2020_ytd"),
    ]
    first = dataset.context[0]
    assert first.period == _year(2019)
    assert first.definition
    assert first.basis
    assert len(first.alternates) == 2


def test_bad_context_corpus_is_fully_listed() -> None:
    on_disk = {path.name for path in BAD.iterdir()} - {"expected.json"}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_context_file_is_refused_with_a_located_message(name: str) -> None:
    path = BAD / name
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    first = caught.value.lines()[0]
    assert EXPECTED[name].lower() in str(caught.value).lower(), str(caught.value)
    assert first.startswith(f"{path}:"), first
    problem = caught.value.problems[0]
    assert problem.line is not None
    assert problem.column is not None
    assert problem.location.startswith("context["), problem.location
    assert "Traceback" not in str(caught.value)


# -- alternates by definition are not disputes -----------------------------------------------


def _count(value: int, basis: str, period: Period | None = None) -> ContextCount:
    return ContextCount(
        value=value, source="s", definition=f"{basis} as the page says", basis=basis, period=period
    )


def _figure(*alternates: ContextCount) -> ContextFigure:
    return ContextFigure(
        city="c",
        metric="m",
        period=_year(2020),
        value=332,
        source="s",
        definition="MPD homicides (all categories)",
        basis="police count of all homicides",
        alternates=alternates,
    )


def test_a_count_on_another_basis_is_an_alternate_not_a_dispute() -> None:
    figure = _figure(_count(290, "police count of murders"))
    assert not is_disputed(figure)
    assert disputing_counts(figure) == []


def test_a_count_on_the_same_basis_with_another_value_is_a_dispute() -> None:
    other = _count(327, "police count of all homicides")
    figure = _figure(_count(290, "police count of murders"), other)
    assert is_disputed(figure)
    assert disputing_counts(figure) == [other]


def test_a_count_over_another_period_is_not_a_dispute() -> None:
    as_of = Period(start=date(2020, 1, 1), end=date(2020, 12, 20))
    count = _count(320, "police count of all homicides", as_of)
    figure = _figure(count)
    assert not is_disputed(figure)
    assert count_period(figure, count) == as_of
    assert count_period(figure, _count(1, "x")) == figure.period


def test_memphis_2020_keeps_murders_beside_all_homicides(index: ContextIndex) -> None:
    figure = index.figure("memphis-tn", "homicides_2020")
    assert figure is not None
    assert (figure.value, figure.basis) == (332, "police count of all homicides")
    murders = [a for a in figure.alternates if a.value == 290]
    assert len(murders) == 1
    assert murders[0].basis == "police count of murders or criminal homicides"
    assert "murders" in murders[0].definition
    assert not is_disputed(figure)


# -- the period in words -----------------------------------------------------------------------


def test_period_text_for_a_year_a_part_and_across_years() -> None:
    assert period_text(_year(2020)) == "2020"
    assert period_text(Period(start=date(2020, 1, 1), end=date(2020, 7, 29))) == (
        "1 Jan – 29 Jul 2020"
    )
    assert period_text(Period(start=date(2019, 2, 3), end=date(2020, 7, 29))) == (
        "3 Feb 2019 – 29 Jul 2020"
    )
    assert period_text(Period(start=date(2020, 7, 4), end=date(2020, 7, 4))) == "4 Jul 2020"
    assert period_iso(_year(2019)) == "2019-01-01/2019-12-31"


# -- the chart without a snapshot, and rates ---------------------------------------------------


def test_series_has_every_city_and_a_rate_from_its_population(
    bundled: Dataset, index: ContextIndex
) -> None:
    points = index.series("homicides_2020")
    assert [point.city.id for point in points] == [city.id for city in bundled.cities]
    kansas_city = next(point for point in points if point.city.id == "kansas-city-mo")
    city = kansas_city.city
    assert city.population is not None
    assert kansas_city.figure is not None
    expected = kansas_city.figure.value * 100_000 / city.population.value
    assert kansas_city.rate == pytest.approx(expected)
    assert kansas_city.population == city.population.value
    assert kansas_city.population_year == city.population.year
    assert kansas_city.state == REPORTED
    assert rate_per_100k(kansas_city.figure.value, city) == pytest.approx(expected)


def test_a_city_without_a_count_is_not_reported_never_zero(index: ContextIndex) -> None:
    points = {point.city.id: point for point in index.series("homicides_2020_ytd")}
    detroit = points["detroit-mi"]  # no count near its launch in the facts
    assert detroit.figure is None
    assert detroit.value is None
    assert detroit.rate is None
    assert detroit.state == NOT_REPORTED
    assert detroit.period is None


def test_the_metrics_and_a_citys_figures_come_in_menu_order(index: ContextIndex) -> None:
    assert [metric.id for metric in index.metrics] == [
        "homicides_2019",
        "homicides_2020",
        "homicides_2020_ytd",
        "homicides_2021",
    ]
    assert {metric.group for metric in index.metrics} == {"context"}
    assert [f.metric for f in index.for_city("kansas-city-mo")] == [
        metric.id for metric in index.metrics
    ]
    assert index.is_context_metric("homicides_2019")
    assert not index.is_context_metric("homicide_arrests")


def test_a_count_to_the_launch_has_the_citys_own_period(index: ContextIndex) -> None:
    figure = index.figure("kansas-city-mo", "homicides_2020_ytd")
    assert figure is not None
    assert (figure.value, period_text(figure.period)) == (99, "1 Jan – 8 Jul 2020")
    assert len(index.periods("homicides_2020_ytd")) > 1  # one period per city
    assert index.periods("homicides_2020") == [_year(2020)]


# -- export rows ------------------------------------------------------------------------------


def test_rows_carry_every_count_with_period_and_definition(
    bundled: Dataset, index: ContextIndex
) -> None:
    rows = list(index.rows())
    counts = sum(1 + len(figure.alternates) for figure in bundled.context)
    assert len(rows) == counts == 144
    assert set(ContextRow.FIELDS) <= set(ContextRow.__slots__)
    memphis = [r for r in rows if r.city == "Memphis" and r.metric == "homicides_2020"]
    assert [r.role for r in memphis] == ["primary"] + ["alternate"] * (len(memphis) - 1)
    assert {r.period for r in memphis} == {"2020-01-01/2020-12-31"}
    assert all(r.definition and r.source_url.startswith("http") for r in rows)
    assert any(r.value == 290 and "murders" in r.definition for r in memphis)

"""Queries of the model, without Qt: series, per-capita rates, timelines, warnings, exports.

The small dataset from helpers.py, in numbers (arrests_total):

    snapshot     national   Kansas City  Chicago  Albuquerque    Detroit  St. Louis
    2020-08-19   >1,000     300          200      not reported   ≈150     25 (KMOV)
    2020-12-23   6,000      560          2,000    ~400           230      90

Albuquerque has no population, so it has no per-capita rate.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import FINAL, FIRST, LONG_HEADER, dumps, valid_dataset

from legend_gui.model import Catalog, Qualifier, parse_dataset, rate_per_100k
from legend_gui.model.chart import ChartSettings, bar_chart, legend_line, source_line
from legend_gui.model.formatting import (
    NOT_REPORTED,
    describe_qualifier,
    format_change,
    format_date,
    format_number,
    format_rate,
    format_value,
)
from legend_gui.model.long_rows import LongRow
from legend_gui.model.status import core_metrics

AUG19 = date(2020, 8, 19)
DEC23 = date(2020, 12, 23)
CITY_IDS = ["kansas-city-mo", "chicago-il", "albuquerque-nm", "detroit-mi", "st-louis-mo"]


def catalog_of(data: dict[str, Any] | None = None) -> Catalog:
    return Catalog(parse_dataset(dumps(data or valid_dataset()).encode(), "q.json"), "q.json")


@pytest.fixture
def catalog() -> Catalog:
    return catalog_of()


def arrests(data: dict[str, Any], snapshot: int, city: str | None) -> dict[str, Any]:
    """The arrests_total figure of ``city`` (None: national) in a snapshot of ``data``."""
    for figure in data["snapshots"][snapshot]["figures"]:
        if figure["metric"] == "arrests_total" and figure.get("city") == city:
            return figure
    raise KeyError(city)


# -- series -------------------------------------------------------------------------------


def test_series_gives_every_city_in_dataset_order(catalog: Catalog) -> None:
    points = catalog.series("arrests_total", AUG19)
    assert [p.city.id for p in points] == CITY_IDS
    assert [p.value for p in points] == [300, 200, None, 150, 25]
    assert [p.qualifier for p in points] == [
        Qualifier.EXACT,
        Qualifier.EXACT,
        Qualifier.EXACT,
        Qualifier.APPROXIMATELY,
        Qualifier.EXACT,
    ]
    assert [p.figure.source if p.figure else None for p in points] == [
        "doj-2020-12-23",
        "doj-2020-12-23",
        None,
        "doj-2020-12-23",
        "kmov-2020-08-19",
    ]


def test_not_reported_is_never_zero(catalog: Catalog) -> None:
    albuquerque = catalog.series("arrests_total", AUG19)[2]
    assert albuquerque.value is None
    assert albuquerque.figure is None
    assert albuquerque.missing_reason == "not reported"
    for day in catalog.snapshot_dates:
        for metric in catalog.metric_by_id:
            for point in catalog.series(metric, day):
                assert (point.value is None) == (point.figure is None)
                if point.figure is not None:
                    assert point.value == point.figure.value


def test_a_gap_before_the_launch_is_not_yet_launched() -> None:
    data = valid_dataset()
    data["cities"][4]["launch_date"] = "2020-09-01"  # St. Louis: after the first snapshot
    data["snapshots"][FIRST]["figures"] = [
        f for f in data["snapshots"][FIRST]["figures"] if f.get("city") != "st-louis-mo"
    ]
    catalog = catalog_of(data)
    st_louis = catalog.series("arrests_total", AUG19)[4]
    assert st_louis.value is None
    assert st_louis.missing_reason == "not yet launched"
    point = catalog.point("arrests_total", AUG19, "st-louis-mo", per_capita=True)
    assert point is not None
    assert point.missing_reason == "not yet launched"
    assert catalog.series("arrests_total", AUG19)[2].missing_reason == "not reported"


def test_core_metrics_come_from_the_data_group() -> None:
    data = valid_dataset()
    for metric in data["metrics"]:
        metric["group"] = "core" if metric["id"] == "arrests_total" else "other"
    catalog = catalog_of(data)
    assert [m.id for m, _ in catalog.table(AUG19, "albuquerque-nm")] == ["arrests_total"]
    assert catalog.chart_metrics[0].id == "federal_defendants_charged"  # listed first, not core
    assert catalog.default_metric() == "arrests_total"


def test_series_for_a_metric_nobody_reported(catalog: Catalog) -> None:
    points = catalog.series("homicide_arrests", AUG19)
    assert all(p.value is None and p.missing_reason == "not reported" for p in points)


def test_series_for_an_unknown_day_is_all_gaps(catalog: Catalog) -> None:
    assert all(p.value is None for p in catalog.series("arrests_total", date(2021, 1, 1)))


def test_a_real_zero_stays_zero() -> None:
    data = valid_dataset()
    arrests(data, FINAL, "st-louis-mo")["value"] = 0
    point = catalog_of(data).series("arrests_total", DEC23)[4]
    assert point.value == 0
    assert point.missing_reason is None


def test_per_capita_series(catalog: Catalog) -> None:
    points = catalog.series("arrests_total", DEC23, per_capita=True)
    by_id = {p.city.id: p for p in points}
    assert by_id["kansas-city-mo"].value == pytest.approx(560 * 100_000 / 508_090)
    assert by_id["chicago-il"].value == pytest.approx(2000 * 100_000 / 2_746_388)
    assert by_id["detroit-mi"].value == pytest.approx(230 * 100_000 / 639_111)


def test_per_capita_leaves_out_cities_without_population(catalog: Catalog) -> None:
    albuquerque = catalog.series("arrests_total", DEC23, per_capita=True)[2]
    assert albuquerque.city.population is None
    assert albuquerque.figure is not None  # reported, but no rate can be computed
    assert albuquerque.value is None
    assert albuquerque.missing_reason == "no population"
    not_reported = catalog.series("arrests_total", AUG19, per_capita=True)[2]
    assert not_reported.missing_reason == "not reported"


def test_per_capita_keeps_the_qualifier(catalog: Catalog) -> None:
    detroit = catalog.series("arrests_total", AUG19, per_capita=True)[3]
    assert detroit.qualifier is Qualifier.APPROXIMATELY


def test_rate_per_100k() -> None:
    assert rate_per_100k(100, 200_000) == 50
    assert rate_per_100k(0, 200_000) == 0  # a reported zero is a zero rate
    assert rate_per_100k(7.5, 100_000) == 7.5
    assert rate_per_100k(100, None) is None  # not available, never 0
    assert rate_per_100k(100, 0) is None
    assert rate_per_100k(None, 200_000) is None


def test_sources_of_points_in_first_use_order(catalog: Catalog) -> None:
    sources = catalog.sources_of(catalog.series("arrests_total", AUG19))
    assert [s.id for s in sources] == ["doj-2020-12-23", "kmov-2020-08-19"]


# -- one city -----------------------------------------------------------------------------


def test_timeline_is_oldest_first_even_if_the_file_is_not() -> None:
    data = valid_dataset()
    data["snapshots"].reverse()
    catalog = catalog_of(data)
    assert catalog.snapshot_dates == [AUG19, DEC23]
    timeline = catalog.timeline("kansas-city-mo", "arrests_total")
    assert [(p.day, p.figure.value) for p in timeline] == [(AUG19, 300), (DEC23, 560)]


def test_national_timeline(catalog: Catalog) -> None:
    timeline = catalog.timeline(None, "arrests_total")
    assert [(p.day, p.figure.value, p.figure.qualifier) for p in timeline] == [
        (AUG19, 1000, Qualifier.MORE_THAN),
        (DEC23, 6000, Qualifier.EXACT),
    ]


def test_timeline_skips_snapshots_without_a_figure(catalog: Catalog) -> None:
    timeline = catalog.timeline("albuquerque-nm", "arrests_total")
    assert [p.day for p in timeline] == [DEC23]
    assert catalog.timeline("albuquerque-nm", "homicide_arrests") == []


def test_previous(catalog: Catalog) -> None:
    before = catalog.previous(DEC23, "kansas-city-mo", "arrests_total")
    assert before is not None
    assert (before.day, before.figure.value) == (AUG19, 300)
    assert catalog.previous(AUG19, "kansas-city-mo", "arrests_total") is None
    assert catalog.previous(DEC23, "albuquerque-nm", "arrests_total") is None
    national = catalog.previous(DEC23, None, "arrests_total")
    assert national is not None
    assert national.figure.value == 1000


def test_figure_lookup(catalog: Catalog) -> None:
    figure = catalog.figure(DEC23, "chicago-il", "drugs_seized_kg")
    assert figure is not None
    assert figure.value == 40.25
    assert catalog.figure(AUG19, "albuquerque-nm", "arrests_total") is None
    assert catalog.figure(DEC23, None, "arrests_total") is not None


def test_table_always_lists_core_metrics(catalog: Catalog) -> None:
    rows = catalog.table(DEC23, "chicago-il")
    assert [(m.id, f.value if f else None) for m, f in rows] == [
        ("federal_defendants_charged", 43),
        ("arrests_total", 2000),
        ("homicide_arrests", None),  # core: shown as not reported
        ("firearms_seized", None),
        ("drugs_seized_kg", 40.25),  # not core, but reported
    ]  # federal_agents_deployed: neither core nor reported for Chicago


def test_table_for_a_city_with_no_figures_lists_only_core(catalog: Catalog) -> None:
    rows = catalog.table(AUG19, "albuquerque-nm")
    assert [m.id for m, _ in rows] == [m.id for m in core_metrics(catalog.dataset)]
    assert [m.id for m, _ in rows] == [
        "federal_defendants_charged",
        "arrests_total",
        "homicide_arrests",
        "firearms_seized",
    ]
    assert all(f is None for _, f in rows)


def test_table_national(catalog: Catalog) -> None:
    rows = dict((m.id, f) for m, f in catalog.table(AUG19, None))
    assert rows["arrests_total"] is not None
    assert rows["arrests_total"].qualifier is Qualifier.MORE_THAN
    assert rows["homicide_arrests"] is None


def test_days_active(catalog: Catalog) -> None:
    assert catalog.days_active("detroit-mi", AUG19) == 21
    assert catalog.days_active("detroit-mi", date(2020, 7, 29)) == 0
    assert catalog.days_active("detroit-mi", date(2020, 7, 28)) is None
    assert catalog.days_active("kansas-city-mo", DEC23) == 168


def test_alternates_are_kept_with_their_sources(catalog: Catalog) -> None:
    figure = catalog.figure(AUG19, "kansas-city-mo", "federal_defendants_charged")
    assert figure is not None
    [(alternate, source)] = catalog.alternates_with_sources(figure)
    assert alternate.value == 95
    assert alternate.qualifier is Qualifier.NEARLY
    assert source.publisher == "KMOV 4 St. Louis"
    assert catalog.alternate_count() == 1


def test_citations_count_primaries_corroborations_and_other_values(catalog: Catalog) -> None:
    """The Sources tab's counts: KMOV is the primary of St. Louis's arrests, corroborates
    Kansas City's 100 defendants and gives another value for them (nearly 95)."""
    assert catalog.citations()["kmov-2020-08-19"] == (1, 1, 1)


def test_citations_counted_in_steps_are_the_same_counts(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large file's load counts them with a pause every few figures (an event-loop turn
    each); the counts are those of one go, and a second count does not start over."""
    import legend_gui.model.queries as queries

    whole = catalog_of().citations()
    monkeypatch.setattr(queries, "FIGURES_PER_STEP", 2)
    figures = sum(len(snapshot.figures) for snapshot in catalog.snapshots)
    pauses = list(catalog.citations_in_steps())
    assert len(pauses) >= figures // 2 > 1
    assert set(pauses) == {None}
    assert catalog.citations() == whole
    assert list(catalog.citations_in_steps()) == []  # counted already


def test_launched_after_counts_the_cities_launching_after_any_day(catalog: Catalog) -> None:
    """The chart's "not yet launched" count, from counts by launch date: equal to a count over
    the cities on every day around each launch, and on days before and after them all."""
    launches = sorted({city.launch_date for city in catalog.cities})
    days = [date.min, date.max] + [
        day.fromordinal(day.toordinal() + shift) for day in launches for shift in (-1, 0, 1)
    ]
    for day in days:
        expected = sum(1 for city in catalog.cities if city.launch_date > day)
        assert catalog.launched_after(day) == expected, day
    assert catalog.launched_after(date.min) == len(catalog.cities)
    assert catalog.launched_after(date.max) == 0


def test_defaults(catalog: Catalog) -> None:
    assert catalog.default_metric() == "federal_defendants_charged"
    assert catalog.default_snapshot("arrests_total") == DEC23  # all five cities reported
    # only metrics that some snapshot reports for two cities or more can compare cities;
    # homicide arrests, firearms, agents and drugs have one city each
    assert [m.id for m in catalog.chart_metrics] == ["federal_defendants_charged", "arrests_total"]
    # ... and stay in the city's figures
    assert [m.id for m, _figure in catalog.table(DEC23, "chicago-il")] == [
        "federal_defendants_charged",
        "arrests_total",
        "homicide_arrests",
        "firearms_seized",
        "drugs_seized_kg",
    ]


def test_the_default_snapshot_is_where_most_cities_give_their_newest_figure() -> None:
    """Not where most cities report the metric at all: an interim release may have more
    cities than the final one, and would be taken for the latest figures."""
    data = valid_dataset()
    data["snapshots"].insert(1, {"date": "2020-10-14", "label": "Interim", "figures": []})
    interim = (
        ("kansas-city-mo", 120),
        ("albuquerque-nm", 7),
        ("detroit-mi", 9),
        ("st-louis-mo", 30),
    )
    for city, value in interim:
        data["snapshots"][1]["figures"].append(
            {"scope": "city", "city": city, "metric": "federal_defendants_charged",
             "value": value, "source": "doj-2020-12-23"}
        )  # fmt: skip
    catalog = catalog_of(data)
    # newest figures: Albuquerque's, Detroit's and St. Louis's on Oct. 14, Kansas City's and
    # Chicago's on Dec. 23
    assert len(catalog.city_figures[(date(2020, 10, 14), "federal_defendants_charged")]) == 4
    assert catalog.default_snapshot("federal_defendants_charged") == date(2020, 10, 14)
    data["snapshots"][2]["figures"].append(
        {"scope": "city", "city": "detroit-mi", "metric": "federal_defendants_charged",
         "value": 12, "source": "doj-2020-12-23"}
    )  # fmt: skip
    # now Kansas City, Chicago and Detroit give their newest figure on Dec. 23: 3 against 2
    assert catalog_of(data).default_snapshot("federal_defendants_charged") == DEC23
    assert catalog_of(data).default_snapshot("no_such_metric") == DEC23  # the last one


def test_figure_count(catalog: Catalog) -> None:
    assert catalog.figure_count() == 9 + 13


# -- warnings -----------------------------------------------------------------------------


def test_the_test_dataset_has_no_warnings(catalog: Catalog) -> None:
    assert catalog.warnings == []


def test_city_sum_above_national_total_is_a_warning() -> None:
    data = valid_dataset()
    arrests(data, FINAL, None)["value"] = 3000  # the cities add up to 3,280
    catalog = catalog_of(data)
    [warning] = catalog.warnings
    assert warning.kind == "sum_exceeds_national"
    assert warning.metric == "arrests_total"
    assert warning.days == (DEC23,)
    assert warning.national
    assert warning.city_ids == frozenset(CITY_IDS)
    assert "3,280" in warning.message
    assert "3,000" in warning.message
    assert warning.concerns(None)
    assert warning.concerns("detroit-mi")
    assert catalog.warnings_for("chicago-il") == [warning]
    assert catalog.warnings_for(None) == [warning]


def test_sum_equal_to_national_total_is_fine() -> None:
    data = valid_dataset()
    arrests(data, FINAL, None)["value"] = 3280
    assert catalog_of(data).warnings == []


@pytest.mark.parametrize("qualifier", ["more_than", "at_least"])
def test_no_sum_warning_when_the_national_figure_is_a_lower_bound(qualifier: str) -> None:
    data = valid_dataset()
    national = arrests(data, FINAL, None)
    national["value"] = 3000
    national["qualifier"] = qualifier  # "more than 3,000": 3,280 does not contradict it
    assert catalog_of(data).warnings == []


def test_no_sum_warning_without_a_national_figure() -> None:
    data = valid_dataset()
    figures = data["snapshots"][FINAL]["figures"]
    figures.remove(arrests(data, FINAL, None))
    assert catalog_of(data).warnings == []


def test_cumulative_decrease_is_a_warning() -> None:
    data = valid_dataset()
    arrests(data, FINAL, "kansas-city-mo")["value"] = 250  # was 300 in August
    catalog = catalog_of(data)
    [warning] = catalog.warnings
    assert warning.kind == "cumulative_decrease"
    assert warning.metric == "arrests_total"
    assert warning.days == (AUG19, DEC23)
    assert warning.city_ids == frozenset({"kansas-city-mo"})
    assert not warning.national
    assert "Kansas City" in warning.message
    assert "from 300" in warning.message
    assert "to 250" in warning.message
    assert catalog.warnings_for("kansas-city-mo") == [warning]
    assert catalog.warnings_for("chicago-il") == []
    assert catalog.warnings_for(None) == []


def test_national_cumulative_decrease() -> None:
    data = valid_dataset()
    arrests(data, FIRST, None).update(value=7000, qualifier="exact")  # then 6,000 in December
    warnings = catalog_of(data).warnings
    assert [w.kind for w in warnings] == ["cumulative_decrease"]
    assert warnings[0].national
    assert warnings[0].message.startswith("National:")


def test_no_decrease_warning_for_non_cumulative_metrics(catalog: Catalog) -> None:
    """Agents deployed in Kansas City go from 225 to 200: a head count, not a running total."""
    timeline = catalog.timeline("kansas-city-mo", "federal_agents_deployed")
    assert [p.figure.value for p in timeline] == [225, 200]
    assert catalog.warnings == []


def test_equal_values_are_no_decrease() -> None:
    data = valid_dataset()
    arrests(data, FINAL, "kansas-city-mo")["value"] = 300
    assert catalog_of(data).warnings == []


# -- long rows (export --all) ---------------------------------------------------------------


def test_long_rows_one_per_primary_corroboration_and_alternate(catalog: Catalog) -> None:
    rows = list(catalog.long_rows())
    assert len(rows) == catalog.figure_count() + catalog.alternate_count() + 1 == 24
    roles = [r.role for r in rows]
    assert (roles.count("alternate"), roles.count("corroborating")) == (1, 1)
    assert list(LongRow.FIELDS) == LONG_HEADER


def test_long_rows_content(catalog: Catalog) -> None:
    rows = list(catalog.long_rows())
    national = rows[0]
    assert (national.snapshot_date, national.scope, national.city, national.state) == (
        AUG19,
        "national",
        "",
        "",
    )
    assert (national.metric, national.value, national.qualifier) == (
        "arrests_total",
        1000,
        "more_than",
    )
    assert national.publisher == "U.S. Department of Justice"
    assert national.published_date == "2020-12-23"
    assert national.role == "primary"
    st_louis = rows[5]
    assert (st_louis.city, st_louis.state, st_louis.value) == ("St. Louis", "MO", 25)
    assert st_louis.source_url == "https://www.kmov.com/news/operation-legend-st-louis/"
    assert st_louis.note == "Arrests in the first weeks."
    primary, corroborating, alternate = rows[6], rows[7], rows[8]
    assert (primary.role, primary.value, primary.qualifier) == ("primary", 100, "exact")
    assert (corroborating.role, corroborating.value, corroborating.qualifier) == (
        "corroborating",
        100,
        "exact",
    )
    assert corroborating.publisher == "KMOV 4 St. Louis"
    assert corroborating.note == "KMOV gives the same count"  # its own note, verbatim
    assert (primary.unit, corroborating.unit, alternate.unit) == ("defendants",) * 3
    assert national.unit == "arrests"
    assert (alternate.role, alternate.value, alternate.qualifier) == ("alternate", 95, "nearly")
    assert alternate.city == "Kansas City"
    assert alternate.metric == primary.metric == "federal_defendants_charged"
    assert alternate.publisher == "KMOV 4 St. Louis"
    assert alternate.note == "Local count."
    assert [r.snapshot_date for r in rows] == sorted(r.snapshot_date for r in rows)


def test_long_rows_have_no_row_for_unreported_figures(catalog: Catalog) -> None:
    rows = list(catalog.long_rows())
    assert not any(r.city == "Albuquerque" and r.snapshot_date == AUG19 for r in rows)


# -- the bar chart ------------------------------------------------------------------------


def chart(catalog: Catalog, **options: Any) -> Any:
    settings = ChartSettings(
        metric=options.pop("metric", "arrests_total"),
        snapshot=options.pop("snapshot", AUG19),
        **options,
    )
    return bar_chart(catalog, settings)


def test_bars_sorted_descending_gaps_last(catalog: Catalog) -> None:
    bars = chart(catalog).bars
    assert [b.city_id for b in bars] == [
        "kansas-city-mo",
        "chicago-il",
        "detroit-mi",
        "st-louis-mo",
        "albuquerque-nm",
    ]
    assert [b.value for b in bars] == [300, 200, 150, 25, None]
    assert [b.text for b in bars] == ["300", "200", "≈150", "25", NOT_REPORTED]
    assert bars[-1].missing_reason == "not reported"
    assert [b.exact for b in bars[:4]] == [True, True, False, True]
    assert bars[0].label == "Kansas City, MO"


def test_bar_chart_notes_and_legend(catalog: Catalog) -> None:
    result = chart(catalog)
    assert result.total_cities == 5
    assert "No figure on 19 Aug 2020: 1 city not reported." in result.notes
    assert any(note.startswith("Total reported for all cities: >1,000") for note in result.notes)
    assert result.qualifiers == [Qualifier.APPROXIMATELY]
    assert "≈ approximately" in result.legend_line()
    assert [s.id for s in result.sources] == ["doj-2020-12-23", "kmov-2020-08-19"]
    assert result.source_line().startswith("Sources: U.S. Department of Justice (23 Dec 2020)")
    assert result.title == "Arrests"
    assert result.subtitle == "As announced on 19 Aug 2020 · DOJ national update"
    assert [b.value for b in result.plotted] == [300, 200, 150, 25]


def test_top_k_notes_how_many_are_shown(catalog: Catalog) -> None:
    result = chart(catalog, top=2)
    assert [b.city_id for b in result.bars] == ["kansas-city-mo", "chicago-il"]
    assert "Top 2 of the 4 cities with a value (5 in the data)." in result.notes


def test_top_k_adds_the_selected_city_as_an_extra_row(catalog: Catalog) -> None:
    """The real top 2 stay; St. Louis (4th) is added below them, marked, never swapped in."""
    result = chart(catalog, top=2, city="st-louis-mo")
    assert [b.city_id for b in result.bars] == ["kansas-city-mo", "chicago-il", "st-louis-mo"]
    assert [b.selected for b in result.bars] == [False, False, True]
    assert [b.extra for b in result.bars] == [False, False, True]
    assert [b.rank for b in result.bars] == [1, 2, 4]
    assert result.bars[-1].row_label == "St. Louis, MO (4th)"
    assert "Top 2 of the 4 cities with a value (5 in the data)." in result.notes
    assert "Also shown: St. Louis, MO, the selected city, ranked 4th." in result.notes
    assert "Highlighted: St. Louis, MO, the selected city." in result.legend_line()


def test_top_k_includes_a_selected_city_that_did_not_report(catalog: Catalog) -> None:
    result = chart(catalog, top=2, city="albuquerque-nm")
    assert [b.city_id for b in result.bars][-1] == "albuquerque-nm"
    assert result.bars[-1].value is None
    assert result.bars[-1].selected
    values = [b.value for b in result.bars if b.value is not None]
    assert values == [300, 200]


def test_selected_city_already_in_top_k_is_not_repeated(catalog: Catalog) -> None:
    result = chart(catalog, top=2, city="kansas-city-mo")
    assert [b.city_id for b in result.bars] == ["kansas-city-mo", "chicago-il"]


def test_ties_are_ordered_by_name() -> None:
    data = valid_dataset()
    arrests(data, FIRST, "chicago-il")["value"] = 300
    bars = chart(catalog_of(data)).bars
    assert [b.city_id for b in bars[:2]] == ["chicago-il", "kansas-city-mo"]


def test_per_capita_bar_chart(catalog: Catalog) -> None:
    result = chart(catalog, snapshot=DEC23, per_capita=True)
    assert result.title == "Arrests per 100,000 residents"
    assert result.bars[-1].city_id == "albuquerque-nm"
    assert result.bars[-1].value is None
    assert result.bars[-1].text == "no population"
    values = [b.value for b in result.plotted]
    assert values == sorted(values, reverse=True)
    assert result.bars[0].city_id == "kansas-city-mo"  # 110 per 100k beats Chicago's 73
    assert result.bars[0].text == format_rate(560 * 100_000 / 508_090)
    assert any("1 city without one is left out" in note for note in result.notes)


def test_chart_without_snapshot(catalog: Catalog) -> None:
    result = chart(catalog, snapshot=None)
    assert result.bars == []
    assert result.subtitle == "No snapshot"


def test_source_and_legend_lines() -> None:
    assert source_line([]) == "Sources: none (no figures reported)"
    assert legend_line([]) == ""
    assert "> more than" in legend_line([Qualifier.MORE_THAN])


# -- formatting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "qualifier", "text"),
    [
        (43, Qualifier.EXACT, "43"),
        (1000, Qualifier.MORE_THAN, ">1,000"),
        (217, Qualifier.APPROXIMATELY, "≈217"),
        (400, Qualifier.NEARLY, "~400"),
        (300, Qualifier.AT_LEAST, "≥300"),
        (12, Qualifier.AT_MOST, "≤12"),
        (6000.0, Qualifier.EXACT, "6,000"),
        (40.25, Qualifier.EXACT, "40.25"),
        (12.5, Qualifier.APPROXIMATELY, "≈12.5"),
        (0, Qualifier.EXACT, "0"),
        (1_234_567, Qualifier.EXACT, "1,234,567"),
        (None, Qualifier.EXACT, "not reported"),
    ],
)
def test_format_value(value: float | None, qualifier: Qualifier, text: str) -> None:
    assert format_value(value, qualifier) == text


def test_format_number() -> None:
    assert format_number(1 / 3) == "0.33"
    assert format_number(2.50) == "2.5"
    assert format_number(1234.5678) == "1,234.57"
    assert format_number(7, decimals=1) == "7.0"
    assert format_number(1234.56, decimals=0) == "1,235"


def test_format_rate() -> None:
    assert format_rate(None) == "not available"
    assert format_rate(5.04) == "5.0"
    assert format_rate(0) == "0.0"
    assert format_rate(150.4) == "150"
    assert format_rate(12.34, Qualifier.APPROXIMATELY) == "≈12.3"


def test_format_change_and_date() -> None:
    assert format_change(43, 0) == "+43"
    assert format_change(64, 100) == "−36"
    assert format_change(5, 5) == "±0"
    assert format_date(date(2020, 8, 9)) == "9 Aug 2020"
    assert format_date(None) == "date not shown"
    assert describe_qualifier(Qualifier.MORE_THAN) == "more than"


def test_warnings_for_one_city_equal_the_full_list_filtered(bundled_path: Path) -> None:
    """``warnings_for`` works a city out alone; it must agree with ``warnings``, in order."""
    import json
    import random

    from legend_gui.model import load_dataset, parse_dataset

    data = json.loads(bundled_path.read_text(encoding="utf-8"))
    rng = random.Random(1)
    for snapshot in data["snapshots"]:  # scrambled values: many sums and decreases to find
        for figure in snapshot["figures"]:
            figure["value"] = rng.randint(0, 500)
    for dataset in (load_dataset(bundled_path), parse_dataset(json.dumps(data).encode())):
        alone = Catalog(dataset)
        ids = [None, *(city.id for city in alone.cities)]
        per_city = {city_id: alone.warnings_for(city_id) for city_id in ids}
        everything = Catalog(dataset).warnings
        assert len(everything) >= 5
        for city_id in ids:
            assert per_city[city_id] == [w for w in everything if w.concerns(city_id)]


def test_a_lower_bound_after_a_larger_figure_is_no_decrease(bundled_path: Path) -> None:
    """Milwaukee: 32 arrests on 7 Aug, "more than 30" on 19 Aug; that may well be 32 or more."""
    from legend_gui.model import load_dataset

    catalog = Catalog(load_dataset(bundled_path))
    texts = [w.message for w in catalog.warnings]
    assert not any(t.startswith("Milwaukee") for t in texts)
    assert any(t.startswith("Memphis: “Arrests (total)”") for t in texts)


def test_a_catalog_is_freed_without_waiting_for_the_cyclic_gc(bundled_path: Path) -> None:
    """Opening another file must free the old dataset at once: the loader pauses the cyclic GC,
    so a reference cycle through the catalog (its caches included) kept a whole old dataset in
    memory during the next load (+45 MiB peak at 10,000 cities)."""
    import gc
    import weakref

    from legend_gui.model import load_dataset

    dataset = load_dataset(bundled_path)
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        catalog = Catalog(dataset, str(bundled_path))
        metric = catalog.default_metric()
        day = catalog.default_snapshot(metric)
        assert day is not None
        catalog.warnings_for("chicago-il")
        assert catalog.warnings
        catalog.top(metric, day, True, 5)
        assert catalog.series(metric, day)
        assert list(catalog.long_rows())
        assert catalog.citations()
        assert catalog.chart_metrics
        catalog.previous(day, None, metric)
        alive = weakref.ref(catalog)
        del catalog
        assert alive() is None
    finally:
        if gc_was_enabled:
            gc.enable()

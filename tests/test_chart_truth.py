"""The chart model says only what the data says (issue 10), on the bundled data and on datasets
of other operations written for the purpose (``tests/data/other``). No Qt here."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest

from legend_gui.model.captions import ordinal, shorten_middle, source_line
from legend_gui.model.chart import BarChart, ChartSettings, TimelineChart, bar_chart, timeline_chart
from legend_gui.model.chart_table import chart_table
from legend_gui.model.loading import load_dataset
from legend_gui.model.queries import Catalog
from legend_gui.model.status import FigureState, core_metrics, disputed_values, figure_state
from legend_gui.model.timeline import NO_TOTALS

OTHER = Path(__file__).parent / "data" / "other"
HARBOR_FIRST, HARBOR_SECOND = date(2031, 3, 1), date(2031, 6, 1)


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return Catalog(load_dataset(Path(__file__).parents[1] / "data" / "operation_legend.json"))


@pytest.fixture(scope="module")
def harbor() -> Catalog:
    return Catalog(load_dataset(OTHER / "harbor.json"))


@pytest.fixture(scope="module")
def prairie() -> Catalog:
    return Catalog(load_dataset(OTHER / "prairie_no_populations.json"))


def table(catalog: Catalog, chart: BarChart | TimelineChart) -> list[dict[str, str]]:
    header, rows = chart_table(catalog, chart)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return list(csv.DictReader(io.StringIO(buffer.getvalue())))


# -- 1. top N is the real top N -------------------------------------------------------------
def test_top_n_keeps_the_real_top_and_adds_the_selected_city_below(bundled: Catalog) -> None:
    settings = ChartSettings(
        "federal_defendants_charged", date(2020, 12, 23), True, "memphis-tn", top=3
    )
    chart = bar_chart(bundled, settings)
    every = sorted(
        (p for p in bundled.series(settings.metric, date(2020, 12, 23), True) if p.value),
        key=lambda p: -(p.value or 0),
    )
    real_top = [p.city.id for p in every[:3]]
    assert "memphis-tn" not in real_top
    assert [bar.city_id for bar in chart.bars[:3]] == real_top  # never swapped out
    extra = chart.bars[3]
    assert (extra.city_id, extra.extra, extra.selected) == ("memphis-tn", True, True)
    rank = 1 + [p.city.id for p in every].index("memphis-tn")
    assert extra.rank == rank
    assert extra.row_label == f"Memphis, TN ({ordinal(rank)})"
    assert f"Top 3 of the {len(every)} cities with a value (9 in the data)." in chart.notes
    assert f"Also shown: Memphis, TN, the selected city, ranked {ordinal(rank)}." in chart.notes
    rows = table(bundled, chart)
    assert [row["rank"] for row in rows[:4]] == ["1", "2", "3", str(rank)]
    assert rows[3]["city"] == "Memphis"


def test_ordinal() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th",
    ]  # fmt: skip


# -- 2. three states ------------------------------------------------------------------------
def test_not_yet_launched_is_its_own_state_in_bars_and_csv(bundled: Catalog) -> None:
    chart = bar_chart(bundled, ChartSettings("federal_defendants_charged", date(2020, 7, 20)))
    gaps = [bar for bar in chart.bars if bar.value is None]
    assert len(gaps) == 8
    assert {bar.state for bar in gaps} == {FigureState.NOT_YET_LAUNCHED}
    chicago = next(bar for bar in gaps if bar.city_id == "chicago-il")
    assert chicago.text == "not yet launched (from 22 Jul 2020)"
    assert "No figure on 20 Jul 2020: 8 cities not yet launched." in chart.notes
    statuses = {row["city"]: row["status"] for row in table(bundled, chart)}
    assert statuses["Kansas City"] == "reported"
    assert statuses["Chicago"] == "not yet launched"


def test_a_city_launching_after_the_first_snapshot(harbor: Catalog) -> None:
    honolulu = harbor.city_by_id["honolulu-hi"]
    assert figure_state(honolulu, HARBOR_FIRST, None) is FigureState.NOT_YET_LAUNCHED
    assert figure_state(honolulu, HARBOR_SECOND, None) is FigureState.NOT_REPORTED
    assert figure_state(None, HARBOR_FIRST, None) is FigureState.NOT_REPORTED  # national
    chart = bar_chart(harbor, ChartSettings("detentions", HARBOR_FIRST))
    states = {bar.city_id: bar.state for bar in chart.bars}
    assert states["honolulu-hi"] is FigureState.NOT_YET_LAUNCHED
    assert states["o-fallon-mo"] is FigureState.NOT_REPORTED
    timeline = timeline_chart(harbor, ChartSettings("detentions", None, city="honolulu-hi"))
    assert [(g.day, g.state) for g in timeline.gaps] == [
        (HARBOR_FIRST, FigureState.NOT_YET_LAUNCHED)
    ]
    rows = table(harbor, timeline)
    assert [(r["snapshot_date"], r["status"]) for r in rows] == [
        ("2031-03-01", "not yet launched"),
        ("2031-06-01", "reported"),
    ]


# -- 3. disputed figures and units ------------------------------------------------------------
def test_a_disputed_figure_shows_the_other_values(bundled: Catalog) -> None:
    chart = bar_chart(
        bundled, ChartSettings("federal_defendants_charged", date(2020, 8, 19), city="st-louis-mo")
    )
    st_louis = next(bar for bar in chart.bars if bar.city_id == "st-louis-mo")
    assert st_louis.text == "15 (25 in other reports)"
    assert (st_louis.low, st_louis.high) == (15, 25)
    assert "A whisker spans the values other reports give" in chart.legend_line()
    row = next(r for r in table(bundled, chart) if r["city"] == "St. Louis")
    assert (row["value"], row["other_values"], row["unit"]) == ("15", "25", "defendants")
    (other,) = st_louis.others  # the CSV says who reported the other value, and where
    source = bundled.source(other.source)
    assert (row["other_publishers"], row["other_source_urls"]) == (source.publisher, source.url)
    assert row["publisher"] != row["other_publishers"]
    undisputed = next(r for r in table(bundled, chart) if r["city"] == "Chicago")
    assert undisputed["other_values"] == undisputed["other_publishers"] == ""


def test_an_alternate_with_the_same_value_is_not_a_dispute(harbor: Catalog) -> None:
    figure = harbor.figure(HARBOR_FIRST, "mayaguez-pr", "detentions")
    assert figure is not None
    assert [o.value for o in disputed_values(figure)] == [25]
    same = harbor.figure(HARBOR_FIRST, "san-jose-ca", "detentions")
    assert disputed_values(same) == []


def test_units_in_labels_axis_and_csv(harbor: Catalog) -> None:
    cash = bar_chart(harbor, ChartSettings("cash_taken", HARBOR_FIRST))
    assert cash.unit == "USD"
    assert [bar.text for bar in cash.plotted] == [">23,500,000 USD", "1,264,300 USD"]
    kg = bar_chart(harbor, ChartSettings("cargo_kg", HARBOR_FIRST))
    assert [bar.text for bar in kg.plotted] == ["31.6 kg", "0.004 kg"]  # never "0 kg"
    counts = bar_chart(harbor, ChartSettings("detentions", HARBOR_FIRST))
    assert counts.unit == "people"
    assert counts.plotted[1].text == "12"  # a count's unit is on the axis, not on every label
    rates = bar_chart(harbor, ChartSettings("detentions", HARBOR_FIRST, per_capita=True))
    assert rates.unit == "people per 100,000 residents"
    assert {row["unit"] for row in table(harbor, cash)} == {"USD"}


def test_all_zero_metric_is_reported_zero_not_a_gap(harbor: Catalog) -> None:
    chart = bar_chart(harbor, ChartSettings("flares", HARBOR_FIRST))
    assert [bar.value for bar in chart.plotted] == [0, 0]
    assert all(bar.state is FigureState.REPORTED for bar in chart.plotted)
    assert not chart.message


# -- 4. the data speaks ------------------------------------------------------------------------
def test_population_note_comes_from_the_data(harbor: Catalog, bundled: Catalog) -> None:
    chart = bar_chart(harbor, ChartSettings("detentions", HARBOR_FIRST, per_capita=True))
    assert (
        "Rates per 100,000 residents use populations of 2030 (Statistics Office, 2030 count)."
        in chart.notes
    )
    assert not any("census" in note.casefold() for note in chart.notes)
    assert chart.dataset_title == harbor.dataset.title


def test_per_capita_without_populations_says_why(prairie: Catalog) -> None:
    chart = bar_chart(prairie, ChartSettings("stops", date(2029, 5, 1), per_capita=True))
    assert chart.bars == []
    assert chart.message.startswith("This dataset gives no city populations")
    assert not any("no figure reported" in note for note in chart.notes)
    plain = bar_chart(prairie, ChartSettings("stops", date(2029, 5, 1)))
    assert [bar.text for bar in plain.plotted] == ["1,200,000", "≈950,000", "15"]
    assert any(note.startswith("Total reported for all cities: >2,500,000") for note in plain.notes)


def test_core_metrics_are_the_data_group_core(harbor: Catalog, prairie: Catalog) -> None:
    assert [m.id for m in core_metrics(harbor.dataset)] == ["detentions", "vessels_boarded"]
    assert [m.id for m in core_metrics(prairie.dataset)] == ["stops"]


def test_no_operation_agency_year_or_metric_id_anywhere_in_the_code() -> None:
    """The whole package, docstrings and comments included: the data speaks, not the code
    (the CLI's help, the About box, accessible descriptions, schema examples alike)."""
    root = Path(__file__).parents[1] / "legend_gui"
    files = sorted(path for path in root.rglob("*.py") if "__pycache__" not in path.parts)
    assert len(files) > 50  # the package, not an empty folder
    pattern = re.compile(
        r"DOJ|Operation Legend|2020 census|federal_|arrests_total|homicide_arrests|firearms_seized"
    )
    found = [
        f"{path.relative_to(root)}: {line.strip()}"
        for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
        if pattern.search(line)
    ]
    assert found == []


# -- 7. sources -------------------------------------------------------------------------------
def test_the_source_line_lists_every_source(harbor: Catalog) -> None:
    chart = bar_chart(harbor, ChartSettings("detentions", HARBOR_SECOND))
    line = chart.source_line()
    assert "more" not in line
    for source in chart.sources:
        assert source.publisher in line
    assert len(chart.sources) == 5
    many = harbor.dataset.sources * 3
    assert all(s.publisher in source_line(many) for s in many)


def test_a_value_in_other_reports_has_its_source_cited(bundled: Catalog, harbor: Catalog) -> None:
    """Every number a chart prints is cited: the other reports' values as well as the bars'
    and points' own, on every metric and snapshot of the data."""
    cited_others = 0
    for catalog in (bundled, harbor):
        for metric in catalog.dataset.metrics:
            for day in catalog.snapshot_dates:
                settings = ChartSettings(metric.id, day)
                chart = bar_chart(catalog, settings)
                marks: list[tuple[object, BarChart | TimelineChart]] = [
                    (bar, chart) for bar in chart.plotted
                ]
                for bar in chart.plotted:
                    timeline = timeline_chart(catalog, settings.with_(city=bar.city_id))
                    marks += [(point, timeline) for point in timeline.points]
                for mark, where in marks:
                    cited = {source.id for source in where.sources}
                    for other in getattr(mark, "others", ()):
                        assert other.source in cited, (metric.id, day, other)
                        cited_others += 1
    assert cited_others > 0  # the data has disputes to check


# -- 6. names ---------------------------------------------------------------------------------
def test_long_names_keep_their_state() -> None:
    name = "Winston-Salem–Greensboro metropolitan statistical area, NC"
    short = shorten_middle(name, 32)
    assert len(short) <= 32
    assert short.endswith(", NC")
    assert short.startswith("Winston")
    assert shorten_middle("Memphis, TN") == "Memphis, TN"


def test_charts_of_a_dataset_with_one_snapshot_and_no_national(prairie: Catalog) -> None:
    timeline = timeline_chart(prairie, ChartSettings("stops", None, city="town-0"))
    assert [p.value for p in timeline.points] == [1_200_000]
    assert timeline.subtitle == "Zürich, ZH, 1 May 2029"
    national = timeline_chart(prairie, ChartSettings("stops", None, city=None))
    assert [p.text for p in national.points] == [">2,500,000"]
    harbor_national = timeline_chart(
        Catalog(load_dataset(OTHER / "harbor.json")), ChartSettings("detentions", None)
    )
    assert harbor_national.points == []
    assert NO_TOTALS in harbor_national.notes  # the cities do report it: not "no figures"
    assert harbor_national.subtitle == "All cities (reported totals)"  # not "national"
    assert harbor_national.message == NO_TOTALS  # in the plot area
    assert harbor_national.source_line() == ""  # not "Sources: none (no figures reported)"

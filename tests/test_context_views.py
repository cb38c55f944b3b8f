"""Context counts in the views and exports, without Qt: the comparison chart of a context
metric (no snapshot), its CSV, rates per 100,000, the timeline's marks, ``export --all``, the
data package, citations, the menu's sections, and a dataset without the section.

Expected numbers are read from the data file itself, not from the code under test.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from legend_gui.cli import main
from legend_gui.model import Catalog, load_dataset, parse_dataset
from legend_gui.model.chart import BarChart, ChartSettings, TimelineChart
from legend_gui.model.choices import fit_choices, offered_metrics
from legend_gui.model.citation import chart_sources, cite_figure
from legend_gui.model.context_text import BACKGROUND_FALLBACK, background_line
from legend_gui.model.csvdata import chart_csv_bytes, long_csv_bytes
from legend_gui.model.datapackage import package_descriptor
from legend_gui.model.export_options import build_chart
from legend_gui.model.long_rows import LongRow
from legend_gui.model.metric_menu import metric_sections
from legend_gui.model.package_columns import FIGURE_COLUMNS

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data" / "operation_legend.json"
RAW: dict[str, Any] = json.loads(BUNDLED.read_text(encoding="utf-8"))
KC = "kansas-city-mo"
DAY = date(2020, 10, 14)


@pytest.fixture(scope="module")
def context_catalog() -> Catalog:
    return Catalog(load_dataset(BUNDLED), str(BUNDLED))


@pytest.fixture(scope="module")
def plain_catalog() -> Catalog:
    """The bundled data without its context section (the context metrics stay defined)."""
    document = dict(RAW)
    del document["context"]
    return Catalog(parse_dataset(json.dumps(document).encode(), "no-context.json"))


def _raw_figure(city: str, metric: str) -> dict[str, Any]:
    return next(f for f in RAW["context"] if f["city"] == city and f["metric"] == metric)


def _city(city_id: str) -> dict[str, Any]:
    return next(c for c in RAW["cities"] if c["id"] == city_id)


def _chart(catalog: Catalog, metric: str, **options: Any) -> BarChart:
    chart = build_chart(catalog, ChartSettings(metric, DAY, **options))
    assert isinstance(chart, BarChart)
    return chart


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


# -- compare cities -----------------------------------------------------------------------------


def test_a_context_metric_charts_every_city_by_period_not_by_snapshot(
    context_catalog: Catalog,
) -> None:
    chart = _chart(context_catalog, "homicides_2020", city=KC)
    assert chart.context
    assert chart.subtitle == "Period: 2020"
    assert "announced" not in chart.subtitle
    expected = {f["city"]: f["value"] for f in RAW["context"] if f["metric"] == "homicides_2020"}
    assert {bar.city_id: bar.value for bar in chart.bars} == expected
    assert len(chart.bars) == len(RAW["cities"]) == 9
    assert [bar.value for bar in chart.bars] == sorted(expected.values(), reverse=True)
    # the same chart whatever the snapshot: period counts have none
    other_day = build_chart(context_catalog, ChartSettings("homicides_2020", date(2020, 8, 19)))
    assert isinstance(other_day, BarChart)
    assert [(b.city_id, b.value) for b in other_day.bars] == [
        (b.city_id, b.value) for b in chart.bars
    ]
    caption = " ".join(chart.notes)
    for figure in RAW["context"]:
        if figure["metric"] == "homicides_2020":
            assert figure["basis"] in caption
    assert (
        background_line(context_catalog.dataset, context_catalog.context_metrics[0]) in chart.notes
    )
    publishers = {s["id"]: s["publisher"] for s in RAW["sources"]}
    line = chart.source_line()
    for figure in RAW["context"]:
        if figure["metric"] == "homicides_2020":
            assert publishers[figure["source"]] in line


def test_a_disputed_count_has_its_whisker_and_other_bases_do_not_dispute(
    context_catalog: Catalog,
) -> None:
    chart = _chart(context_catalog, "homicides_2020")
    kansas = next(bar for bar in chart.bars if bar.city_id == KC)
    raw = _raw_figure(KC, "homicides_2020")
    same_basis = {
        a["value"]
        for a in raw["alternates"]
        if a["basis"] == raw["basis"] and "period" not in a and a["value"] != raw["value"]
    }
    assert same_basis  # the data has one: the Star's 180 beside its 182
    assert {other.value for other in kansas.others} == same_basis
    assert kansas.low == min(same_basis | {raw["value"]})
    assert kansas.high == raw["value"]
    other_bases = {a["value"] for a in raw["alternates"] if a["basis"] != raw["basis"]}
    assert not other_bases & {other.value for other in kansas.others}
    assert "180 in other reports" in kansas.text
    assert "other counts on the same basis and period" in chart.legend_line()


def test_per_100k_is_a_homicide_rate_from_the_citys_population(context_catalog: Catalog) -> None:
    chart = _chart(context_catalog, "homicides_2020", per_capita=True)
    kansas = next(bar for bar in chart.bars if bar.city_id == KC)
    population = _city(KC)["population"]
    expected = _raw_figure(KC, "homicides_2020")["value"] * 100_000 / population["value"]
    assert kansas.value == pytest.approx(expected)
    assert kansas.text.startswith(f"{expected:.1f}")
    assert chart.unit == "homicides per 100,000 residents"
    assert any(str(population["year"]) in note and "Rates" in note for note in chart.notes)


def test_counts_to_different_days_show_each_citys_period(context_catalog: Catalog) -> None:
    chart = _chart(context_catalog, "homicides_2020_ytd")
    assert chart.subtitle.startswith("Periods: ")
    kansas = next(bar for bar in chart.bars if bar.city_id == KC)
    end = date.fromisoformat(_raw_figure(KC, "homicides_2020_ytd")["period"]["end"])
    assert kansas.text.endswith(f"1 Jan – {end.day} {end:%b %Y}")
    missing = {c["id"] for c in RAW["cities"]} - {
        f["city"] for f in RAW["context"] if f["metric"] == "homicides_2020_ytd"
    }
    gaps = [bar for bar in chart.bars if bar.value is None]
    assert {bar.city_id for bar in gaps} == missing
    assert all(bar.text == "not reported" for bar in gaps)  # never a zero bar
    assert "No count: Detroit, MI (not reported)." in chart.notes


def test_the_selected_city_outside_the_top_is_an_extra_row(context_catalog: Catalog) -> None:
    chart = _chart(context_catalog, "homicides_2020", top=2, city=KC)
    assert [bar.extra for bar in chart.bars] == [False, False, True]
    assert chart.bars[-1].city_id == KC
    assert chart.bars[-1].rank == 7
    assert any("ranked 7th" in note for note in chart.notes)


def test_the_chart_csv_lists_every_city_with_source_period_and_definition(
    context_catalog: Catalog,
) -> None:
    rows = _csv_rows(chart_csv_bytes(context_catalog, _chart(context_catalog, "homicides_2020")))
    assert len(rows) == 9
    assert list(rows[0])[-3:] == ["period", "definition", "basis"]
    by_city = {row["city"]: row for row in rows}
    raw = _raw_figure(KC, "homicides_2020")
    kansas = by_city["Kansas City"]
    assert kansas["value"] == str(raw["value"])
    assert kansas["unit"] == "homicides"
    assert kansas["snapshot_date"] == ""
    assert kansas["period"] == "2020-01-01/2020-12-31"
    assert kansas["definition"] == raw["definition"]
    assert kansas["basis"] == raw["basis"]
    assert kansas["other_values"] == "180"
    source = next(s for s in RAW["sources"] if s["id"] == raw["source"])
    assert kansas["source_url"] == source["url"]
    assert all(row["publisher"] and row["definition"] for row in rows)


def test_the_cli_exports_a_context_metric(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "h.csv"
    assert main(["export", "--metric", "homicides_2020", "-o", str(out)]) == 0
    assert "period counts, no snapshot date" in capsys.readouterr().out
    rows = _csv_rows(out.read_bytes())
    assert len(rows) == 9
    assert all(row["period"] == "2020-01-01/2020-12-31" and row["definition"] for row in rows)
    rates = tmp_path / "r.csv"
    assert main(["export", "--metric", "homicides_2020", "--per-capita", "-o", str(rates)]) == 0
    rate_rows = _csv_rows(rates.read_bytes())
    kansas = next(row for row in rate_rows if row["city"] == "Kansas City")
    population = _city(KC)["population"]
    assert float(kansas["per_100k"]) == pytest.approx(182 * 100_000 / population["value"])
    assert kansas["population_year"] == str(population["year"])


# -- menus ------------------------------------------------------------------------------------


def test_context_metrics_are_their_own_menu_section(
    context_catalog: Catalog, plain_catalog: Catalog
) -> None:
    sections = metric_sections(context_catalog.dataset, offered_metrics(context_catalog))
    context_ids = [m["id"] for m in RAW["metrics"] if m["group"] == "context"]
    last = sections[-1]
    assert [m.id for m in last.metrics] == context_ids
    label = next(g["label"] for g in RAW["groups"] if g["id"] == "context")
    assert last.title == label  # the group's title from the data
    assert all(m.id not in context_ids for s in sections[:-1] for m in s.metrics)
    plain = metric_sections(plain_catalog.dataset, offered_metrics(plain_catalog))
    assert all(m.id not in context_ids for s in plain for m in s.metrics)
    assert label not in [s.title for s in plain]
    assert not plain_catalog.context_metrics
    wanted = ChartSettings("homicides_2020", DAY)
    assert fit_choices(context_catalog, wanted, KC)[0].metric == "homicides_2020"
    assert fit_choices(plain_catalog, wanted, KC)[0].metric != "homicides_2020"


def test_the_background_line_comes_from_the_data_or_is_neutral(
    context_catalog: Catalog, plain_catalog: Catalog
) -> None:
    metric = context_catalog.context_metrics[0]
    line = background_line(context_catalog.dataset, metric)
    paragraph = next(p for p in RAW["description"].split("\n\n") if p.startswith("Context:"))
    assert line[1:60] in paragraph
    assert "background" in line
    document = dict(RAW)
    document["description"] = "A dataset."
    other = parse_dataset(json.dumps(document).encode(), "x.json")
    assert background_line(other, metric) == BACKGROUND_FALLBACK


# -- timeline ---------------------------------------------------------------------------------


def test_the_timeline_marks_the_year_to_date_and_full_year_counts(
    context_catalog: Catalog,
) -> None:
    settings = ChartSettings("homicide_arrests", DAY, city=KC, view="timeline")
    plain = build_chart(context_catalog, settings)
    assert isinstance(plain, TimelineChart)
    assert plain.context == []
    chart = build_chart(context_catalog, settings.with_(show_context=True))
    assert isinstance(chart, TimelineChart)
    assert [mark.metric for mark in chart.context] == ["homicides_2020_ytd", "homicides_2020"]
    ytd = chart.context[0]
    assert ytd.value == _raw_figure(KC, "homicides_2020_ytd")["value"]
    assert ytd.end == date.fromisoformat(_raw_figure(KC, "homicides_2020_ytd")["period"]["end"])
    assert "not on the value scale" in chart.legend_line()
    assert [p.value for p in chart.points] == [p.value for p in plain.points]  # series unchanged
    publishers = {source.publisher for source in chart.sources}
    for mark in chart.context:
        assert mark.source.publisher in publishers
        assert mark.basis in " ".join(chart.notes)


def test_the_national_timeline_has_no_marks(context_catalog: Catalog) -> None:
    settings = ChartSettings("arrests_total", DAY, view="timeline", show_context=True)
    chart = build_chart(context_catalog, settings)
    assert isinstance(chart, TimelineChart)
    assert chart.context == []


# -- export --all, data package, citations -----------------------------------------------------


def test_export_all_carries_every_context_count(context_catalog: Catalog) -> None:
    data, count = long_csv_bytes(context_catalog)
    rows = _csv_rows(data)
    assert count == len(rows)
    context_rows = [row for row in rows if row["period"]]
    expected = sum(1 + len(f.get("alternates", [])) for f in RAW["context"])
    assert len(context_rows) == expected == 144
    assert all(row["snapshot_date"] == "" and row["definition"] for row in context_rows)
    assert all(row["definition"] == "" for row in rows if not row["period"])
    kansas = [r for r in context_rows if r["city"] == "Kansas City" and r["role"] == "primary"]
    assert {r["metric"] for r in kansas} == {f["metric"] for f in RAW["context"] if f["city"] == KC}
    header = list(rows[0])
    assert header[:13] == list(LongRow.FIELDS[:13])  # DESIGN §4 columns first
    assert header[-3:] == ["period", "definition", "basis"]


def test_the_data_package_describes_the_context_columns(context_catalog: Catalog) -> None:
    assert [column[0] for column in FIGURE_COLUMNS] == list(LongRow.FIELDS)
    descriptor = package_descriptor(context_catalog)
    figures = next(r for r in descriptor["resources"] if r["name"] == "figures")
    fields = {f["name"]: f for f in figures["schema"]["fields"]}
    assert "context count" in fields["period"]["description"]
    assert "source" in fields["definition"]["description"]
    assert re.fullmatch(fields["period"]["constraints"]["pattern"], "2020-01-01/2020-12-31")


def test_a_context_count_is_cited_with_its_period(context_catalog: Catalog) -> None:
    text = cite_figure(context_catalog, (DAY, KC, "homicides_2020_ytd"))
    assert "as announced" not in text
    assert "1 Jan – 8 Jul 2020" in text
    raw = _raw_figure(KC, "homicides_2020_ytd")
    assert raw["basis"] in text
    assert f"{raw['value']} homicides" in text
    sources = chart_sources(context_catalog, [(DAY, KC, "homicides_2020")])
    assert len(sources) == 1 + len(
        {a["source"] for a in _raw_figure(KC, "homicides_2020")["alternates"]}
        - {_raw_figure(KC, "homicides_2020")["source"]}
    )
    with pytest.raises(LookupError):
        cite_figure(context_catalog, (DAY, "detroit-mi", "homicides_2020_ytd"))


# -- no causal wording --------------------------------------------------------------------------

CAUSAL = ("effect of", "because of", "led to", "reduced", "caused")
CONTEXT_FILES = [
    "legend_gui/model/context_chart.py",
    "legend_gui/model/context_text.py",
    "legend_gui/model/context_tips.py",
    "legend_gui/model/context_marks.py",
    "legend_gui/ui/context_detail.py",
    "legend_gui/ui/context_draw.py",
]


@pytest.mark.parametrize("name", CONTEXT_FILES)
def test_no_causal_wording_in_the_context_code(name: str) -> None:
    text = (REPO / name).read_text(encoding="utf-8").casefold()
    assert not [word for word in CAUSAL if word in text]


def test_no_causal_wording_in_what_the_context_views_say(context_catalog: Catalog) -> None:
    said = []
    for metric in context_catalog.context_metrics:
        for per_capita in (False, True):
            chart = _chart(context_catalog, metric.id, per_capita=per_capita)
            said += [chart.title, chart.subtitle, *chart.notes, chart.legend_line()]
    timeline = build_chart(
        context_catalog,
        ChartSettings("homicide_arrests", DAY, city=KC, view="timeline", show_context=True),
    )
    said += [*timeline.notes, timeline.legend_line()]
    words = " ".join(said).casefold()
    assert not [word for word in CAUSAL if word in words]


def test_every_view_that_asks_bar_chart_gets_the_context_chart(context_catalog: Catalog) -> None:
    """The map and the table read ``bar_chart``: a context metric must not come back as
    nine "not reported" gaps."""
    from legend_gui.model.chart import bar_chart
    from legend_gui.model.status import disputed_values, is_disputed

    chart = bar_chart(context_catalog, ChartSettings("homicides_2020", DAY))
    assert chart.context
    assert all(bar.value is not None for bar in chart.bars)
    kansas = next(bar for bar in chart.bars if bar.city_id == KC)
    assert is_disputed(kansas.figure)
    assert [other.value for other in disputed_values(kansas.figure)] == [180]
    memphis = next(bar for bar in chart.bars if bar.city_id == "memphis-tn")
    raw = _raw_figure("memphis-tn", "homicides_2020")
    alternates = raw["alternates"]
    assert any(a["basis"] != raw["basis"] and a["value"] != raw["value"] for a in alternates)
    assert all(a["value"] == raw["value"] for a in alternates if a["basis"] == raw["basis"])
    assert not is_disputed(memphis.figure)  # another value on another basis: not a dispute


def test_context_sources_are_counted_in_the_sources_list(context_catalog: Catalog) -> None:
    raw = _raw_figure(KC, "homicides_2020_ytd")
    primary, _same, _other = context_catalog.citations()[raw["source"]]
    used = sum(1 for f in RAW["context"] if f["source"] == raw["source"])
    used += sum(1 for s in RAW["snapshots"] for f in s["figures"] if f["source"] == raw["source"])
    assert primary == used >= 1


def test_a_context_chart_is_named_without_a_snapshot() -> None:
    from legend_gui.model.export_options import suggested_name

    settings = ChartSettings("homicides_2020", DAY)
    assert suggested_name(settings, "png", period_counts=True) == "homicides_2020.png"
    assert suggested_name(settings, "png") == "homicides_2020-2020-10-14.png"


def test_rates_of_a_context_metric_need_populations() -> None:
    document = json.loads(json.dumps(RAW))
    for city in document["cities"]:
        city.pop("population", None)
    catalog = Catalog(parse_dataset(json.dumps(document).encode(), "no-populations.json"))
    chart = _chart(catalog, "homicides_2020", per_capita=True)
    assert chart.bars == []
    assert "populations" in chart.message
    counts = _chart(catalog, "homicides_2020")
    assert len(counts.plotted) == 9  # the counts themselves need none


def test_the_cite_command_cites_a_context_count(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", "--metric", "homicides_2020_ytd", "--city", KC]) == 0
    text = capsys.readouterr().out
    assert "1 Jan – 8 Jul 2020" in text
    assert "as announced" not in text
    assert main(["cite", "--metric", "homicides_2020_ytd", "--city", "detroit-mi"]) == 1
    assert "not reported" in capsys.readouterr().err

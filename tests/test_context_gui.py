"""Context counts in the window: the detail pane's Context section, the Metric selector's
"Context" section, the chart of a context metric without a snapshot, the timeline's "Show
context counts", and the exported image. Real widgets, offscreen; tests click and read back."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers_gui import bar_bands, color_mask, pixels
from PySide6.QtGui import QStandardItemModel

from legend_gui import export
from legend_gui.model import Catalog, parse_dataset
from legend_gui.model.chart import BarChart, ChartSettings, TimelineChart
from legend_gui.ui.chart_theme import LIGHT
from legend_gui.ui.detail_html import render_detail

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data" / "operation_legend.json"
RAW: dict[str, Any] = json.loads(BUNDLED.read_text(encoding="utf-8"))
KC = "kansas-city-mo"
#: The context group's title, as the data gives it.
TITLE = next(g["label"] for g in RAW.get("groups", []) if g["id"] == "context")


@pytest.fixture(scope="module")
def plain() -> Catalog:
    document = dict(RAW)
    del document["context"]
    return Catalog(parse_dataset(json.dumps(document).encode(), "no-context.json"))


def _pick_metric(window: Any, metric_id: str) -> None:
    box = window.chart_panel.metric_box
    index = box.findData(metric_id)
    assert index >= 0, f"{metric_id} is not offered"
    box.setCurrentIndex(index)


# -- detail pane --------------------------------------------------------------------------------


def test_the_detail_pane_has_a_context_section_with_sources(
    make_window: Any, catalog: Catalog
) -> None:
    window = make_window(catalog)
    window.select_city(KC)
    text = window.detail.toPlainText()
    assert TITLE in text
    assert "do not measure the operation's effect" in text  # the data's own words
    publishers = {s["id"]: s["publisher"] for s in RAW["sources"]}
    for figure in (f for f in RAW["context"] if f["city"] == KC):
        metric = next(m for m in RAW["metrics"] if m["id"] == figure["metric"])
        assert metric["label"] in text
        assert figure["definition"] in text
        assert publishers[figure["source"]] in text
        for alternate in figure.get("alternates", []):
            assert alternate["basis"] in text  # other counts labelled by their basis
    html = window.detail.toHtml()
    first = next(f for f in RAW["context"] if f["city"] == KC)
    url = next(s["url"] for s in RAW["sources"] if s["id"] == first["source"])
    assert f'href="{url}"' in html
    assert "35.8 per 100,000 (2020 population)" in text  # 182 of 508,090 residents
    assert "180 in other counts on the same basis" in text


def test_every_city_has_its_context_section(catalog: Catalog) -> None:
    for city in catalog.cities:
        html = render_detail(catalog, city.id, catalog.snapshot_dates[-1])
        assert f"<h3>{TITLE}</h3>" in html, city.id
    assert f"<h3>{TITLE}</h3>" not in render_detail(catalog, None, catalog.snapshot_dates[-1])


def test_without_the_section_there_is_no_context_anywhere(make_window: Any, plain: Catalog) -> None:
    window = make_window(plain)
    window.select_city(KC)
    assert TITLE not in window.detail.toPlainText()
    box = window.chart_panel.metric_box
    assert box.findText(TITLE) < 0
    assert box.findData("homicides_2020") < 0
    menu_texts = [action.text() for action in window.metric_menu.actions()]
    assert TITLE not in menu_texts
    assert not window.chart_panel.context_box.isVisible()


# -- compare cities -----------------------------------------------------------------------------


def test_the_metric_selectors_group_context_metrics(make_window: Any, catalog: Catalog) -> None:
    window = make_window(catalog)
    box = window.chart_panel.metric_box
    heading = box.findText(TITLE)
    assert heading > 0
    model = box.model()
    assert isinstance(model, QStandardItemModel)
    assert not model.item(heading).isEnabled()  # a title, not a choice
    assert box.itemData(heading + 1) == "homicides_2019"
    actions = window.metric_menu.actions()
    texts = [action.text() for action in actions]
    title = texts.index(TITLE)
    assert actions[title - 1].isSeparator()
    assert not actions[title].isEnabled()
    assert [a.data() for a in actions[title + 1 :]] == [
        m["id"] for m in RAW["metrics"] if m["group"] == "context"
    ]


def test_choosing_a_context_metric_charts_it_without_a_snapshot(
    make_window: Any, catalog: Catalog, qtbot: Any
) -> None:
    window = make_window(catalog)
    window.select_city(KC)
    panel = window.chart_panel
    _pick_metric(window, "homicides_2020")
    chart = panel.chart
    assert isinstance(chart, BarChart)
    assert chart.context
    assert window.chart_settings.metric == "homicides_2020"
    assert panel.title_label.text() == "Homicides in 2020"
    assert panel.subtitle_label.text() == "Period: 2020"
    # the snapshot box stays for the details' figures; it says the chart ignores it
    assert "the chart ignores it" in panel.snapshot_box.toolTip()
    drawn = panel.drawn_bar_widths()
    box = panel.snapshot_box
    box.setCurrentIndex(1 if box.currentIndex() != 1 else 2)
    assert window.chart_settings.snapshot == date.fromisoformat(box.currentData())
    assert panel.drawn_bar_widths() == drawn  # period counts: the same chart
    assert panel.subtitle_label.text() == "Period: 2020"
    caption = panel.caption_label.text()
    assert "Counted as:" in caption
    assert "not reported" not in caption
    values = sorted(
        (f["value"] for f in RAW["context"] if f["metric"] == "homicides_2020"), reverse=True
    )
    assert panel.drawn_bar_widths() == pytest.approx(values)
    assert "Kansas City, MO" in panel.key_label.text()
    kansas = next(i for i, bar in enumerate(chart.bars) if bar.city_id == KC)
    tip = panel.bar_tooltip(kansas)
    assert "Period: 2020" in tip
    assert "Counted as:" in tip
    assert "Source:" in tip
    # back to an announced figure: the snapshot applies again
    _pick_metric(window, "federal_defendants_charged")
    assert "the chart ignores it" not in panel.snapshot_box.toolTip()
    assert not panel.chart.context  # type: ignore[union-attr]


def test_per_100k_in_the_window_gives_the_homicide_rate(make_window: Any, catalog: Catalog) -> None:
    window = make_window(catalog)
    _pick_metric(window, "homicides_2020")
    window.chart_panel.per_capita_box.click()
    chart = window.chart_panel.chart
    assert isinstance(chart, BarChart)
    kansas = next(bar for bar in chart.bars if bar.city_id == KC)
    population = next(c for c in RAW["cities"] if c["id"] == KC)["population"]["value"]
    assert kansas.value == pytest.approx(182 * 100_000 / population)
    assert "populations of 2020" in window.chart_panel.caption_label.text()


# -- timeline -----------------------------------------------------------------------------------


def test_show_context_counts_marks_the_timeline(make_window: Any, catalog: Catalog) -> None:
    window = make_window(catalog)
    window.select_city(KC)
    _pick_metric(window, "federal_defendants_charged")
    panel = window.chart_panel
    panel.view_tabs.setCurrentIndex(1)
    assert panel.context_box.isVisible()
    assert not panel.context_box.isChecked()
    chart = panel.chart
    assert isinstance(chart, TimelineChart)
    assert not chart.context
    panel.context_box.click()
    chart = panel.chart
    assert isinstance(chart, TimelineChart)
    assert window.chart_settings.show_context
    assert [mark.metric for mark in chart.context] == ["homicides_2020_ytd", "homicides_2020"]
    assert "context count" in panel.key_label.text()
    assert "Context counts: 99 homicides, 1 Jan – 8 Jul 2020" in panel.caption_label.text()
    plotted = [point.value for point in chart.points]
    assert panel.drawn_timeline_points() == len(plotted)  # the series itself is unchanged


# -- exported images ----------------------------------------------------------------------------


def test_a_context_chart_exports_as_png_and_svg(catalog: Catalog, tmp_path: Path) -> None:
    settings = ChartSettings("homicides_2020", date(2020, 10, 14))
    png = tmp_path / "h.png"
    export.export_chart(catalog, settings, png, (1200, 900))
    rgb = pixels(png)
    assert bar_bands(rgb, LIGHT.bar) == 9
    svg = tmp_path / "h.svg"
    export.export_chart(catalog, settings, svg, (1200, 900))
    text = svg.read_text(encoding="utf-8")
    assert "Period: 2020" in text
    assert "Counted as:" in text


def test_an_exported_timeline_with_context_counts_draws_their_marks(
    catalog: Catalog, tmp_path: Path
) -> None:
    settings = ChartSettings("homicide_arrests", None, city=KC, view="timeline", show_context=True)
    png = tmp_path / "t.png"
    export.export_chart(catalog, settings, png, (1600, 900))
    marked = color_mask(pixels(png), LIGHT.context, tolerance=40)
    assert marked.sum() > 300  # the dotted lines, their labels and the key
    plain = tmp_path / "p.png"
    export.export_chart(catalog, settings.with_(show_context=False), plain, (1600, 900))
    assert color_mask(pixels(plain), LIGHT.context, tolerance=40).sum() == 0

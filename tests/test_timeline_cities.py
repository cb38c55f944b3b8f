"""Several cities on one timeline: Ctrl+click adds a city, each line has an Okabe-Ito colour
and a label at its end, the CSV lists every city, a click on a point selects its snapshot and
city, and the export draws every line (pytest-qt, offscreen)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from helpers_gui import pixels
from PySide6.QtCore import QPointF, Qt

from legend_gui.cli import main
from legend_gui.model.chart import ChartSettings, timeline_chart
from legend_gui.model.csvdata import chart_csv_bytes
from legend_gui.ui.timeline_series import OKABE_ITO

METRIC = "federal_defendants_charged"


def _ctrl_click(qtbot: Any, window: Any, city_id: str) -> None:
    view = window.city_view
    row = window.city_model.row_of(city_id)
    rect = view.visualRect(window.city_model.index(row, 0))
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        rect.center(),
    )


def test_ctrl_click_adds_cities_to_the_timeline(make_window: Any, catalog: Any, qtbot: Any) -> None:
    window = make_window(catalog)
    window.set_metric(METRIC)
    window.select_city("st-louis-mo")
    _ctrl_click(qtbot, window, "chicago-il")
    _ctrl_click(qtbot, window, "memphis-tn")
    settings = window.chart_settings
    assert settings.view == "timeline"
    assert settings.compared == ("chicago-il", "memphis-tn")
    assert window.city_id == "st-louis-mo"  # the selection stays
    chart = window.chart_panel.chart
    assert [c.place for c in chart.companions] == ["Chicago, IL", "Memphis, TN"]
    # each line is drawn in its colour, with its name at its end
    items = window.chart_panel.plot("timeline").getPlotItem().items
    pens = {
        item.opts["pen"].color().name().upper()
        for item in items
        if isinstance(item, pg.PlotDataItem)
    }
    assert {OKABE_ITO[0], OKABE_ITO[1]} <= pens
    labels = [item.toPlainText() for item in items if isinstance(item, pg.TextItem)]
    assert any(text.startswith("Chicago, IL ") for text in labels)
    assert any(text.startswith("Memphis, TN ") for text in labels)
    assert any(text.startswith("St. Louis, MO ") for text in labels)
    # Ctrl+click again takes a city off
    _ctrl_click(qtbot, window, "chicago-il")
    assert window.chart_settings.compared == ("memphis-tn",)


def test_clicking_a_point_selects_its_snapshot_and_city(
    make_window: Any, catalog: Any, qtbot: Any
) -> None:
    window = make_window(catalog)
    window.set_metric(METRIC)
    window.select_city("st-louis-mo")
    _ctrl_click(qtbot, window, "chicago-il")
    panel = window.chart_panel
    chart = panel.chart
    chicago = chart.companions[0]
    point = chicago.points[0]
    _city, xs, ys, _days = next(line for line in panel._timeline_lines if line[0] == "chicago-il")
    view = panel.plot("timeline").getPlotItem().getViewBox()
    scene = view.mapViewToScene(QPointF(xs[0], ys[0]))
    assert panel.timeline_point_at(scene) == ("chicago-il", point.day)
    plot = panel.plot("timeline")
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=plot.mapFromScene(scene))
    assert window.city_id == "chicago-il"
    assert window.chart_settings.snapshot == point.day
    assert window.chart_settings.compared == ("st-louis-mo",)  # both stay on the timeline


def test_the_csv_and_the_export_have_every_city(catalog: Any, tmp_path: Path) -> None:
    settings = ChartSettings(
        METRIC, None, city="st-louis-mo", view="timeline", compared=("chicago-il", "memphis-tn")
    )
    chart = timeline_chart(catalog, settings)
    rows = list(csv.DictReader(io.StringIO(chart_csv_bytes(catalog, chart).decode())))
    assert {row["city"] for row in rows} == {"St. Louis", "Chicago", "Memphis"}
    out = tmp_path / "timeline.png"
    # the CLI has no option for compared cities: the export function draws the same picture
    from legend_gui.export import chart_image_bytes

    out.write_bytes(chart_image_bytes(chart, ".png", (1600, 900)))
    rgb = pixels(out).astype(int)
    for colour in OKABE_ITO[:2]:
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        near = (np.abs(rgb - np.array([r, g, b])).sum(axis=2) < 40).sum()
        assert near > 50, colour
    assert main(["export", "--view", "timeline", "--city", "chicago-il", "-o", str(out)]) == 0


def test_the_view_shows_the_launch_line_alone_or_with_other_cities(
    make_window: Any, catalog: Any, qtbot: Any
) -> None:
    """The time axis spans the launch (its dashed line and label) and every line's points,
    with one city and with more: the end labels' room must not cut the launch off."""
    from legend_gui.ui.chart_draw import timestamp

    window = make_window(catalog)
    window.set_metric(METRIC)
    window.select_city("kansas-city-mo")
    window.apply_chart_settings(window.chart_settings.with_(view="timeline"))
    panel = window.chart_panel
    for compared in ((), ("memphis-tn",)):
        window.apply_chart_settings(window.chart_settings.with_(compared=compared))
        chart = panel.chart
        assert chart.launch_date is not None
        assert chart.launch_date < min(p.day for p in chart.points)  # a line to cut off
        (left, right), _ = panel.plot("timeline").getPlotItem().getViewBox().viewRange()
        assert left < timestamp(chart.launch_date)
        assert right > max(timestamp(d) for d in chart.axis_days())
        lines = [
            item
            for item in panel.plot("timeline").getPlotItem().items
            if isinstance(item, pg.InfiniteLine) and item.label is not None
        ]
        assert "launch" in [line.label.toPlainText() for line in lines]


def test_exported_point_labels_stay_above_the_axis(catalog: Any, tmp_path: Path) -> None:
    """Labels of points close in time alternate above and below their points, but a label
    goes below only where it clears the axis (Kansas City's 1 and 11 sit near zero)."""
    import xml.etree.ElementTree as ElementTree

    out = tmp_path / "timeline.svg"
    args = ["export", "--timeline", "--city", "kansas-city-mo", "--metric", METRIC]
    assert main([*args, "-o", str(out), "--width", "1400", "--height", "800"]) == 0
    settings = ChartSettings(METRIC, None, city="kansas-city-mo", view="timeline")
    texts = {point.text for point in timeline_chart(catalog, settings).points}
    tree = ElementTree.parse(out)
    ns = "{http://www.w3.org/2000/svg}"
    rules = []  # the grid's horizontal lines, the lowest being the axis at 0
    for line in tree.iter(f"{ns}polyline"):
        (x1, y1), (x2, y2) = (map(float, p.split(",")) for p in line.get("points", "").split())
        if y1 == y2 and x2 - x1 > 500:
            rules.append(y1)
    labels = [float(text.get("y", "0")) for text in tree.iter(f"{ns}text") if text.text in texts]
    assert len(labels) >= len(texts) > 3
    assert max(labels) < max(rules)  # every label's baseline is above the axis


def test_on_screen_a_label_near_zero_stays_above_its_point(catalog: Any, qtbot: Any) -> None:
    """The same rule on screen: of two points close in time the second's label goes below
    it, unless the value is so near zero that the label would sit on the axis."""
    from dataclasses import replace

    from legend_gui.ui.chart_draw import draw_timeline
    from legend_gui.ui.chart_theme import LIGHT

    settings = ChartSettings(METRIC, None, city="kansas-city-mo", view="timeline")
    chart = timeline_chart(catalog, settings)
    crowded = next(  # Kansas City's 45 and 43, three days apart
        i for i in range(1, len(chart.points)) if chart.points[i].text == "43"
    )
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)

    def anchor_of(drawn: Any) -> tuple[float, float]:
        item = widget.getPlotItem()
        draw_timeline(item, drawn, LIGHT)
        label = next(
            i for i in item.items if isinstance(i, pg.TextItem) and i.toPlainText() == "1 low"
        )
        return (label.anchor.x(), label.anchor.y())

    def relabelled(value: float) -> Any:
        points = list(chart.points)
        points[crowded] = replace(points[crowded], value=value, text="1 low")
        return replace(chart, points=points)

    assert anchor_of(relabelled(43.0)) == (0.5, -0.35)  # below: room enough
    assert anchor_of(relabelled(1.0)) == (0.5, 1.3)  # above: no room under it

"""The chart under the mouse (issue 16): a click on a timeline point shows that snapshot; the
bar chart zooms along the cities only, so bars keep their baseline; the controls that do not
apply to the view are hidden."""

from __future__ import annotations

from datetime import UTC, datetime

from helpers_gui import send_wheel
from PySide6.QtCore import QPoint, Qt

from legend_gui.model import Catalog
from legend_gui.model.chart import BarChart, TimelineChart


def test_clicking_a_timeline_point_selects_that_snapshot(
    make_window, catalog: Catalog, qtbot
) -> None:
    window = make_window(catalog)
    window.select_city("kansas-city-mo")
    window.apply_chart_settings(
        window.chart_settings.with_(view="timeline", metric="federal_defendants_charged")
    )
    panel = window.chart_panel
    chart = panel.chart
    assert isinstance(chart, TimelineChart)
    target = next(i for i, p in enumerate(chart.points) if p.day != window.chart_settings.snapshot)
    day = chart.points[target].day
    plot = panel.plot("timeline")
    qtbot.waitUntil(plot.isVisible)
    where = plot.mapFromScene(panel.timeline_scene_position(target))
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(where))
    assert window.chart_settings.snapshot == day
    assert window.chart_settings.view == "timeline"  # the user stays on the timeline
    assert panel.snapshot_box.currentData() == day.isoformat()
    assert any(a.isChecked() and a.data() == day for a in window.snapshot_menu.actions())
    import pyqtgraph as pg

    marks = [
        item.value()
        for item in plot.getPlotItem().items
        if isinstance(item, pg.InfiniteLine)
        and item.label is not None
        and item.label.format == "details"
    ]
    assert marks == [datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()]
    heading = f"as announced on {day.day} "
    assert heading in window.detail.toPlainText().lower()


def test_a_click_beside_the_points_changes_nothing(make_window, catalog: Catalog, qtbot) -> None:
    window = make_window(catalog)
    window.select_city("kansas-city-mo")
    window.apply_chart_settings(window.chart_settings.with_(view="timeline"))
    before = window.chart_settings
    plot = window.chart_panel.plot("timeline")
    qtbot.waitUntil(plot.isVisible)
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert window.chart_settings == before


def test_wheel_zoom_on_bars_keeps_the_value_axis(make_window, catalog: Catalog, qtbot) -> None:
    window = make_window(catalog)
    window.select_city(None)
    panel = window.chart_panel
    assert isinstance(panel.chart, BarChart)
    plot = panel.plot("bars")
    qtbot.waitUntil(plot.isVisible)
    view = plot.getPlotItem().getViewBox()
    x_before, y_before = view.viewRange()
    centre = plot.mapFromScene(view.sceneBoundingRect().center())
    send_wheel(plot.viewport(), QPoint(centre), 3)
    x_after, y_after = view.viewRange()
    assert x_after == x_before  # baseline at 0 and every value label stay in view
    assert y_after[1] - y_after[0] < y_before[1] - y_before[0]  # fewer cities, larger
    assert x_after[0] <= 0
    assert view.state["mouseEnabled"] == [False, True]
    panel.reset_button.click()
    assert view.viewRange()[1] == y_before


def test_controls_that_do_not_apply_are_hidden(make_window, catalog: Catalog) -> None:
    window = make_window(catalog)
    panel = window.chart_panel
    window.show_bars()
    assert panel.top_box.isVisible()
    assert panel.snapshot_box.isVisible()
    assert panel.snapshot_box.isEnabled()
    window.show_timeline()
    assert not panel.top_box.isVisible()  # Top N means nothing for one city's timeline
    assert panel.snapshot_box.isVisible()  # it picks the snapshot the details show
    assert panel.snapshot_box.isEnabled()  # never greyed while it still acts
    assert "details" in panel.snapshot_box.toolTip()
    window.show_bars()
    assert panel.top_box.isVisible()

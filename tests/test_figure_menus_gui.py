"""Right-click a map marker or a table cell ▸ Copy Citation: context menu events on the real
widgets, offscreen; the menu pops up (never a blocking exec) and its action is triggered."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from legend_gui.model import Catalog
from legend_gui.model.citation import cite_figure
from legend_gui.model.city_table import Kind
from legend_gui.model.latest import LATEST, is_latest

#: A popup menu on the offscreen platform: it cannot raise a window or grab the keyboard.
POPUP = pytest.mark.qt_log_ignore("This plugin does not support")


def _right_click(widget: Any, point: QPoint) -> None:
    """What a right mouse click delivers on a desktop: a context menu event at the point."""
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, widget.mapToGlobal(point))
    QApplication.sendEvent(widget, event)


def _cite_action(window: Any) -> Any:
    menu = window.publish.menu
    assert menu is not None
    assert menu.isVisible()
    actions = [a for a in menu.actions() if not a.isSeparator()]
    assert len(actions) == 1
    return menu, actions[0]


@POPUP
def test_right_click_a_map_marker_copies_its_figure_at_its_own_date(
    make_window: Any, catalog: Catalog, qtbot: Any
) -> None:
    window = make_window(catalog)
    window.apply_chart_settings(window.chart_settings.with_(snapshot=LATEST))
    window.show_map()
    settings = window.chart_settings
    assert is_latest(settings.snapshot)  # Latest: each city's own date
    view = window.chart_panel.views.map_view
    qtbot.waitUntil(lambda: view.chart() is not None and view.scene() is not None)
    chart = view.chart()
    assert chart is not None
    scene = view.scene()
    assert scene is not None
    reported = [m.marker.entry.city_id for m in scene.layout.markers if m.marker.entry.value]
    # a city whose latest figure is older than the last snapshot, when there is one
    last = catalog.snapshot_dates[-1]
    older = [c for c in reported if catalog.figure_day(LATEST, c, settings.metric) != last]
    city = (older or reported)[0]
    own_day = catalog.figure_day(settings.snapshot, city, settings.metric)
    assert own_day is not None
    assert not is_latest(own_day)
    center = view.marker_center(city)
    assert center is not None
    QGuiApplication.clipboard().clear()
    _right_click(view, center.toPoint())
    assert window.city_id != city  # a right click does not select
    menu, cite = _cite_action(window)
    assert (cite.text(), cite.isEnabled()) == ("Copy &Citation", True)
    cite.trigger()
    menu.close()
    text = QGuiApplication.clipboard().text()
    assert text == cite_figure(catalog, (own_day, city, settings.metric))
    assert catalog.city_by_id[city].name in text


def _table_window(make_window: Any, catalog: Catalog) -> Any:
    window = make_window(catalog)
    day = catalog.snapshot_dates[-1]
    window.apply_chart_settings(window.chart_settings.with_(snapshot=day))
    window.show_table()
    return window


def _right_click_cell(qtbot: Any, window: Any, row: int, col: int) -> None:
    table = window.chart_panel.views.table_panel
    index = table.model.index(row, col)
    table.view.scrollTo(index)
    rect = table.view.visualRect(index)
    assert rect.isValid()
    QGuiApplication.clipboard().clear()
    _right_click(table.view.viewport(), rect.center())


@POPUP
def test_right_click_a_table_cell_copies_its_citys_figure_of_its_columns_metric(
    make_window: Any, catalog: Catalog, qtbot: Any
) -> None:
    window = _table_window(make_window, catalog)
    day = window.chart_settings.snapshot
    model = window.chart_panel.views.table_panel.model
    table = model.table
    assert table is not None
    # a value cell and a change cell, each of a metric other than the chosen one if possible
    for kind in (Kind.VALUE, Kind.CHANGE):
        col, column = next(
            (i, c)
            for i, c in enumerate(table.columns)
            if c.kind is kind and c.metric is not None and c.metric.id != "population"
        )
        assert column.metric is not None
        row = next(r for r in range(model.rowCount()) if table.figure(model.table_row(r), column))
        city = table.city_id(model.table_row(row))
        _right_click_cell(qtbot, window, row, col)
        menu, cite = _cite_action(window)
        assert (cite.text(), cite.isEnabled()) == ("Copy &Citation", True), kind
        cite.trigger()
        menu.close()
        expected = cite_figure(catalog, (day, city, column.metric.id))
        assert QGuiApplication.clipboard().text() == expected, kind


@POPUP
def test_right_click_a_not_reported_cell_offers_a_disabled_citation_saying_why(
    make_window: Any, catalog: Catalog, qtbot: Any
) -> None:
    window = _table_window(make_window, catalog)
    model = window.chart_panel.views.table_panel.model
    table = model.table
    assert table is not None
    col, column = next(
        (i, c)
        for i, c in enumerate(table.columns)
        if c.kind is Kind.VALUE and any(table.figure(r, c) is None for r in range(table.row_count))
    )
    row = next(
        r for r in range(model.rowCount()) if table.figure(model.table_row(r), column) is None
    )
    _right_click_cell(qtbot, window, row, col)
    menu, cite = _cite_action(window)
    assert (cite.text(), cite.isEnabled()) == ("Copy &Citation (not reported)", False)
    menu.close()
    assert QGuiApplication.clipboard().text() == ""

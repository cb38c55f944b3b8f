"""The Table view with a context metric chosen: its counts beside the operation's figures (the
period in the header, no change column), sortable with gaps last, copied with the selection,
in the table's CSV, and citable from a right click. Bundled data, real widgets, offscreen."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from legend_gui.model import Catalog
from legend_gui.model.citation import cite_figure
from legend_gui.model.city_table import CityTable, Kind
from legend_gui.model.city_table_text import table_csv
from legend_gui.model.formatting import QUALIFIER_MARKS, format_number
from legend_gui.model.status import disputed_values, others_text
from legend_gui.model.vocab import Qualifier

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "operation_legend.json"
RAW: dict[str, Any] = json.loads(BUNDLED.read_text(encoding="utf-8"))
KC = "kansas-city-mo"
METRIC = "homicides_2020"
KC_COUNT = next(f for f in RAW["context"] if f["city"] == KC and f["metric"] == METRIC)
POPUP = pytest.mark.qt_log_ignore("This plugin does not support")


def _table_window(make_window: Any, catalog: Catalog) -> Any:
    window = make_window(catalog)
    box = window.chart_panel.metric_box
    box.setCurrentIndex(box.findData(METRIC))
    window.show_table()
    assert window.chart_settings.metric == METRIC
    return window


def _columns(table: CityTable, metric_id: str) -> list[tuple[int, Kind]]:
    return [
        (i, c.kind)
        for i, c in enumerate(table.columns)
        if c.metric is not None and c.metric.id == metric_id
    ]


def test_a_context_metric_is_a_column_beside_the_operations_figures(
    make_window: Any, catalog: Catalog, qtbot: Any
) -> None:
    window = _table_window(make_window, catalog)
    panel = window.chart_panel.views.table_panel
    model, view = panel.model, panel.view
    table = model.table
    assert table is not None
    # one value column for the count, no change column: it is not a snapshot series
    [(col, kind)] = _columns(table, METRIC)
    assert kind is Kind.VALUE
    header = str(model.headerData(col, Qt.Orientation.Horizontal))
    metric = catalog.metric_by_id[METRIC]
    assert header.startswith(f"{metric.label}\n{metric.unit}, ")
    assert KC_COUNT["period"]["start"][:4] in header  # the period it counts
    # the caption says the snapshot does not apply to it (not "no city reported it")
    caption = window.chart_panel.caption_label.text()
    assert f"{metric.label}: counts for a period" in caption
    assert "no city reported" not in caption
    # the homicide arrests (a core metric) are there too, with their change
    assert [k for _, k in _columns(table, "homicide_arrests")] == [Kind.VALUE, Kind.CHANGE]
    row = model.view_row(KC)
    assert row is not None
    qualifier = Qualifier(KC_COUNT.get("qualifier", "exact"))
    shown = QUALIFIER_MARKS[qualifier] + format_number(KC_COUNT["value"])
    others = disputed_values(catalog.context.figure(KC, METRIC))  # counts on its own basis
    if others:
        shown += f" ({others_text(others)})"
    assert model.index(row, col).data() == shown
    # a city without a count says so (never 0), whatever the snapshot
    for r in range(model.rowCount()):
        city = table.city_id(model.table_row(r))
        if catalog.context.figure(city, METRIC) is None:
            assert model.index(r, col).data() == "not reported", city
    # sorting by it: largest first, the cities without a count last, never as 0
    header_view = view.horizontalHeader()
    view.scrollTo(model.index(0, col))
    x = header_view.sectionViewportPosition(col) + header_view.sectionSize(col) // 2
    qtbot.mouseClick(header_view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    if not model.sort_descending:
        qtbot.mouseClick(header_view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert model.sort_column == col
    assert model.sort_descending
    values = [table.value(model.table_row(r), table.columns[col]) for r in range(model.rowCount())]
    counted = [v for v in values if v is not None]
    assert counted == sorted(counted, reverse=True)
    assert values[: len(counted)] == counted
    assert model.index(model.view_row(KC) or 0, 0).data() == "Kansas City"
    # copy: Kansas City's homicide arrests and its homicides in 2020, side by side
    arrests_col = _columns(table, "homicide_arrests")[0][0]
    row = model.view_row(KC)
    assert row is not None
    selection = view.selectionModel()
    selection.clearSelection()
    for c in (0, arrests_col, col):
        selection.select(model.index(row, c), selection.SelectionFlag.Select)
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    head, line = QGuiApplication.clipboard().text().splitlines()
    assert (
        head.split("\t")[2] == f"{metric.label} ({metric.unit}, " + header.split(", ", 1)[1] + ")"
    )
    assert line.split("\t") == ["Kansas City", model.index(row, arrests_col).data(), shown]


def test_the_tables_csv_gives_a_context_count_its_period_and_no_change(catalog: Catalog) -> None:
    from legend_gui.model.chart import ChartSettings

    table = CityTable(catalog, ChartSettings(METRIC, catalog.snapshot_dates[-1]))
    header, rows = table_csv(table)
    line = dict(zip(header, rows[table.row_of(KC) or 0], strict=True))
    assert line["city_id"] == KC
    assert line[METRIC] == format_number(KC_COUNT["value"]).replace(",", "")
    period = KC_COUNT["period"]
    assert line[f"{METRIC}_date"] == f"{period['start']}/{period['end']}"
    assert line[f"{METRIC}_change"] == ""
    assert line[f"{METRIC}_status"] == "reported"


@POPUP
def test_right_click_a_context_cell_copies_its_citation(
    make_window: Any, catalog: Catalog, qtbot: Any
) -> None:
    window = _table_window(make_window, catalog)
    panel = window.chart_panel.views.table_panel
    model = panel.model
    assert model.table is not None
    [(col, _kind)] = _columns(model.table, METRIC)
    row = model.view_row(KC)
    assert row is not None
    index = model.index(row, col)
    panel.view.scrollTo(index)
    point = panel.view.visualRect(index).center()
    viewport = panel.view.viewport()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, QPoint(point), viewport.mapToGlobal(point)
    )
    QGuiApplication.clipboard().clear()
    QApplication.sendEvent(viewport, event)
    menu = window.publish.menu
    assert menu is not None
    cite = menu.actions()[0]
    assert cite.isEnabled()
    cite.trigger()
    menu.close()
    text = QGuiApplication.clipboard().text()
    assert text == cite_figure(catalog, (window.chart_settings.snapshot, KC, METRIC))
    assert format_number(KC_COUNT["value"]) in text

"""The Table view on screen: clicking a header sorts (gaps last), clicking a row selects the
city, Ctrl+C copies the selection with its header (pytest-qt, offscreen)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from helpers import valid_dataset
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from legend_gui.model import Catalog
from legend_gui.model.chart import ChartSettings
from legend_gui.model.city_table import CityTable
from legend_gui.model.schema import Dataset
from legend_gui.ui.table_view import TablePanel

FIRST = date(2020, 8, 19)
# the offscreen platform's complaint about a top-level widget's size hints
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _panel(qtbot: Any) -> tuple[TablePanel, Catalog]:
    catalog = Catalog(Dataset.model_validate(valid_dataset()))
    panel = TablePanel()
    qtbot.addWidget(panel)
    panel.set_dates(catalog.snapshot_dates, None)
    panel.set_table(CityTable(catalog, ChartSettings("arrests_total", FIRST)), None)
    panel.resize(1100, 400)
    panel.show()
    qtbot.waitExposed(panel)
    return panel, catalog


def _shown_column(panel: TablePanel, col: int) -> list[str]:
    model = panel.model
    return [model.index(row, col).data() for row in range(model.rowCount())]


def _header_click(qtbot: Any, panel: TablePanel, col: int) -> None:
    header = panel.view.horizontalHeader()
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_clicking_a_header_sorts_with_gaps_last(qtbot: Any) -> None:
    panel, _catalog = _panel(qtbot)
    arrests = 4  # City, State, charged, its change, arrests
    assert panel.model.headerData(arrests, Qt.Orientation.Horizontal) == "Arrests\narrests"
    _header_click(qtbot, panel, arrests)
    first = _shown_column(panel, arrests)
    _header_click(qtbot, panel, arrests)
    second = _shown_column(panel, arrests)
    ascending, descending = sorted([first, second], key=lambda col: col[0] != "25")
    assert ascending == ["25", "≈150", "200", "300", "not reported"]
    assert descending == ["300", "200", "≈150", "25", "not reported"]


def test_clicking_a_row_selects_its_city(qtbot: Any) -> None:
    panel, catalog = _panel(qtbot)
    _header_click(qtbot, panel, 4)
    chosen: list[str] = []
    panel.city_clicked.connect(chosen.append)
    rect = panel.view.visualRect(panel.model.index(1, 4))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    shown_name = panel.model.index(1, 0).data()
    assert chosen == [next(c.id for c in catalog.cities if c.name == shown_name)]


def test_ctrl_c_copies_the_selection_with_its_header(qtbot: Any) -> None:
    panel, _catalog = _panel(qtbot)
    panel.show_selected("detroit-mi")
    panel.view.setFocus()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(panel.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:3] == ["City", "State", "Federal defendants charged (defendants)"]
    assert lines[0].split("\t")[4] == "Arrests (arrests)"
    assert lines[1].split("\t")[:2] == ["Detroit", "MI"]
    assert lines[1].split("\t")[4] == "≈150"
    assert len(lines) == 2


def test_compare_with_offers_each_snapshot(qtbot: Any) -> None:
    panel, catalog = _panel(qtbot)
    box = panel.compare_box
    assert box.count() == 1 + len(catalog.snapshot_dates)
    chosen: list[object] = []
    panel.compare_changed.connect(chosen.append)
    box.setCurrentIndex(1)
    assert chosen == [catalog.snapshot_dates[0]]

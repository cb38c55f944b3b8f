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
from legend_gui.model.validation import validate_dataset
from legend_gui.ui.table_view import TablePanel

FIRST = date(2020, 8, 19)
# the offscreen platform's complaint about a top-level widget's size hints
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _panel(qtbot: Any) -> tuple[TablePanel, Catalog]:
    catalog = Catalog(validate_dataset(valid_dataset()))
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


def test_columns_fit_their_first_cells_and_keep_a_users_widths(qtbot: Any) -> None:
    """A change cell such as "+28 (+233.3 %)" is read whole: each column is as wide as its
    header and its first rows. The same columns again (another "compare with") keep the widths
    a user dragged; other columns (another metric) are measured again."""
    from pathlib import Path

    from legend_gui.model import load_dataset

    harbor = Path(__file__).parent / "data" / "other" / "harbor.json"
    catalog = Catalog(load_dataset(harbor), str(harbor))
    panel = TablePanel()
    qtbot.addWidget(panel)
    metric = catalog.default_metric()
    settings = ChartSettings(metric, catalog.default_snapshot(metric))
    panel.set_table(CityTable(catalog, settings), None)
    panel.resize(1100, 400)
    panel.show()
    qtbot.waitExposed(panel)
    header, metrics, model = panel.view.horizontalHeader(), panel.view.fontMetrics(), panel.model
    texts = {
        col: [model.index(row, col).data() for row in range(model.rowCount())]
        for col in range(model.columnCount())
    }
    assert any("%" in text for text in texts[3])  # the change column, as in the screenshot
    for col, column in texts.items():
        widest = max(metrics.horizontalAdvance(text) for text in column)
        assert header.sectionSize(col) >= min(widest + 12, 260), (col, column)

    header.resizeSection(3, 300)  # a user widens the change column
    panel.set_table(CityTable(catalog, settings.with_(city=catalog.cities[0].id)), None)
    assert header.sectionSize(3) == 300  # the same columns: the user's width stays


def test_other_columns_are_measured_again(qtbot: Any) -> None:
    panel, catalog = _panel(qtbot)
    header = panel.view.horizontalHeader()
    header.resizeSection(3, 300)
    table = panel.model.table
    assert table is not None
    core = {column.header for column in table.columns}
    extra = next(
        m.id for m in catalog.dataset.metrics if not any(h.startswith(m.label) for h in core)
    )
    panel.set_table(CityTable(catalog, ChartSettings(extra, FIRST)), None)
    assert panel.model.columnCount() > len(core)  # the chosen metric's columns were added
    assert header.sectionSize(3) < 300

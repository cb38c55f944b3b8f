"""The Table view: every city × the core metrics at the snapshot, sortable, with changes.

``CityTableModel`` is a ``QAbstractTableModel`` over a precomputed ``model.city_table.CityTable``:
it writes a cell's text only when the cell is shown, and a sort is a cached list of rows, so a
sort at 100,000 cities costs one ``sorted`` (measured in ``benchmarks/views.py``). Ctrl+C copies
the selection with its header as tab-separated text; clicking a row selects the city.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from legend_gui.model.city_table import CityTable, Kind
from legend_gui.model.city_table_text import copy_text
from legend_gui.model.formatting import format_date
from legend_gui.model.status import FigureState

Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class CityTableModel(QAbstractTableModel):
    """Rows in the sorted order (``order``), columns as the ``CityTable`` has them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: CityTable | None = None
        self.order: list[int] = []
        self.sort_column = -1
        self.sort_descending = False

    def set_table(self, table: CityTable | None) -> None:
        self.beginResetModel()
        self.table = table
        self.order = list(range(table.row_count)) if table else []
        if table is not None and 0 <= self.sort_column < len(table.columns):
            self.order = table.order(self.sort_column, self.sort_descending)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.table is None:
            return 0
        return len(self.table.columns)

    def table_row(self, view_row: int) -> int:
        return self.order[view_row]

    def view_row(self, city_id: str) -> int | None:
        if self.table is None:
            return None
        row = self.table.row_of(city_id)
        if row is None:
            return None
        return row if self.sort_column < 0 else self.order.index(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        table = self.table
        if table is None or not index.isValid():
            return None
        row, col = self.order[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return table.text(row, col)
        column = table.columns[col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if column.metric is None else _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return table.tooltip(row, col) or None
        gap = column.kind is Kind.VALUE and table.state(row, column) is not FigureState.REPORTED
        if role == Qt.ItemDataRole.ForegroundRole and gap:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{column.one_line_header}: {table.text(row, col)}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if self.table is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            column = self.table.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header
            if role == Qt.ItemDataRole.ToolTipRole:
                if column.kind is Kind.CHANGE:
                    return self.table.compare_text()
                if column.metric is not None:
                    return column.metric.description or column.metric.label
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.table is None or not 0 <= column < len(self.table.columns):
            return
        self.layoutAboutToBeChanged.emit()
        self.sort_column = column
        self.sort_descending = order == Qt.SortOrder.DescendingOrder
        self.order = self.table.order(column, self.sort_descending)
        self.layoutChanged.emit()


class CityTableView(QTableView):
    """A table that copies its selection (with headers) on Ctrl+C; a right-clicked cell asks
    for its figure's menu (``cell_menu_requested(city id, metric id or None, global pos)``:
    a change column's metric is the one it compares)."""

    cell_menu_requested = Signal(str, object, QPoint)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        model, index = self.model(), self.indexAt(event.pos())
        if not isinstance(model, CityTableModel) or model.table is None or not index.isValid():
            event.ignore()
            return
        column = model.table.columns[index.column()]
        city_id = model.table.city_id(model.table_row(index.row()))
        metric_id = column.metric.id if column.metric is not None else None
        self.cell_menu_requested.emit(city_id, metric_id, event.globalPos())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def selection_text(self) -> str:
        model = self.model()
        if not isinstance(model, CityTableModel) or model.table is None:
            return ""
        indexes = self.selectionModel().selectedIndexes()
        if not indexes:
            return ""
        view_rows = sorted({index.row() for index in indexes})
        cols = sorted({index.column() for index in indexes})
        rows = [model.table_row(row) for row in view_rows]
        return copy_text(model.table, rows, cols)

    def copy_selection(self) -> None:
        text = self.selection_text()
        if text:
            QGuiApplication.clipboard().setText(text)


#: Rows measured for the columns' widths (about two screens), room around a cell's text (the
#: cell's margins and the sort arrow's), and the widest a column starts.
_MEASURED_ROWS = 64
_CELL_PADDING = 24
_MAX_COLUMN_WIDTH = 260
#: The narrowest the city column starts, in average characters (a name the data does not hold
#: is no measure: no city name in the code).
_NAME_MIN_CHARS = 12


def _headers(table: CityTable) -> list[str]:
    return [column.header for column in table.columns]


class TablePanel(QWidget):
    """The table with its "Compare with" choice. Signals: ``city_clicked(str)``,
    ``compare_changed(object)`` with a date or ``None`` (each city's previous figure)."""

    city_clicked = Signal(str)
    compare_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CityTableModel(self)
        self.view = CityTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Table of every city")
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # no row numbers: at 100,000 rows the header alone took 80 ms of every reset
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(60)
        self.view.clicked.connect(self._on_clicked)
        self.compare_box = QComboBox()
        self.compare_box.setAccessibleName("Compare with")
        self.compare_box.setToolTip("The earlier figures the change columns compare with")
        compare_label = QLabel("C&ompare with")
        compare_label.setBuddy(self.compare_box)
        self.compare_box.currentIndexChanged.connect(self._on_compare)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(compare_label)
        row.addWidget(self.compare_box)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self._filling = False

    def set_dates(self, dates: list[date], chosen: date | None) -> None:
        """Offer "each city's previous figure" and every snapshot date."""
        self._filling = True
        try:
            self.compare_box.clear()
            self.compare_box.addItem("Each city's previous figure", None)
            for day in dates:
                self.compare_box.addItem(format_date(day), day.isoformat())
            index = self.compare_box.findData(chosen.isoformat() if chosen else None)
            self.compare_box.setCurrentIndex(max(0, index))
        finally:
            self._filling = False

    def _on_compare(self, _index: int) -> None:
        if self._filling:
            return
        data = self.compare_box.currentData()
        self.compare_changed.emit(date.fromisoformat(data) if isinstance(data, str) else None)

    def set_table(self, table: CityTable | None, selected: str | None) -> None:
        before = self.model.table
        self.model.set_table(table)
        if table is not None and (before is None or _headers(before) != _headers(table)):
            self._size_columns()  # new columns; the same ones keep the widths a user gave them
        self.show_selected(selected)

    def _size_columns(self) -> None:
        """Each column as wide as its header and the cells of its first rows (those a user
        sees first, in the current order; 100,000 rows are not measured), up to a cap: a
        change such as "+28 (+233.3 %)" is read whole, not cut to "+28 (+233…"."""
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        model = self.model
        table = model.table
        assert table is not None
        rows = [model.table_row(row) for row in range(min(_MEASURED_ROWS, model.rowCount()))]
        for col, column in enumerate(table.columns):
            texts = [*column.header.split("\n"), *(table.text(row, col) for row in rows)]
            width = max(metrics.horizontalAdvance(text) for text in texts) + _CELL_PADDING
            if column.kind is Kind.NAME:  # a list of short names still gets a fair column
                width = max(width, _NAME_MIN_CHARS * metrics.averageCharWidth() + _CELL_PADDING)
            header.resizeSection(col, min(width, _MAX_COLUMN_WIDTH))

    def show_selected(self, city_id: str | None) -> None:
        """Select (and scroll to) the row of ``city_id`` without emitting a click."""
        row = self.model.view_row(city_id) if city_id else None
        selection = self.view.selectionModel()
        if row is None:
            selection.clearSelection()
            return
        index = self.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        selection.select(index, flags)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.view.scrollTo(index)

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and self.model.table is not None:
            self.city_clicked.emit(self.model.table.city_id(self.model.table_row(index.row())))

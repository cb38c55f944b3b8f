"""The left pane: the search box, the city list and how many cities match."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from legend_gui.model.formatting import counted
from legend_gui.ui.city_list import CityDelegate, CityListModel, CityPreview

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog


class CityListView(QListView):
    """A list view that reports its first paint (the moment a user sees the cities) and
    Ctrl+clicks (``row_toggled(int)``: add the city to the timeline, or take it off)."""

    first_painted = Signal(float)
    row_toggled = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False
        self.setUniformItemSizes(True)  # without it a long list measures every row
        # Laid out in batches between event-loop turns: at 100,000 cities one layout pass
        # (Qt asks the Python model for its row count once per row) froze the window for 1 s.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(5_000)
        self.setAlternatingRowColors(False)
        self.setAccessibleName("Cities")
        self.setAccessibleDescription("Cities of the dataset; select one to see its figures")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if control and event.button() == Qt.MouseButton.LeftButton:
            index = self.indexAt(event.position().toPoint())
            if index.isValid():
                self.row_toggled.emit(index.row())
                event.accept()
                return
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit(time.perf_counter())


class CityPanel(QWidget):
    """Search, list and count. Signals: ``city_chosen(object)``, the id (``None``: All cities)
    of the row that became current, by a click, a key or a search."""

    city_chosen = Signal(object)
    city_toggled = Signal(object)  # Ctrl+click: a city id to add to (or take off) the timeline

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current: str | None = None
        self._following_search = False  # the selection moves because the filter changed
        self._choice_pending = False  # city_chosen is due in the next turn
        self.model = CityListModel(self)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search cities (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search cities")
        self.search_box.setAccessibleDescription("Type part of a city's name or state to filter")
        self.search_box.installEventFilter(self)
        self.view = CityListView()
        self.view.installEventFilter(self)  # Esc in the list clears the filter too
        self.view.setModel(self.model)
        self.view.setItemDelegate(CityDelegate(self.view))
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of cities shown")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.search_box)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

        self.search_box.textChanged.connect(self._on_search_changed)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.view.pressed.connect(lambda _index: self._emit_pending_choice())
        self.view.row_toggled.connect(
            lambda row: self.city_toggled.emit(self.model.city_id_at(row))
        )

    def _on_row_toggled(self, row: int) -> None:
        self.city_toggled.emit(self.model.city_id_at(row))

    def set_catalog(self, catalog: Catalog) -> None:
        """List ``catalog``'s cities, unfiltered (call ``select`` next)."""
        self.model.set_catalog(catalog)
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self._update_count()

    def set_preview(self, preview: list[CityPreview]) -> None:
        self.model.set_preview(preview)
        self._update_count()

    def select(self, city_id: str | None) -> None:
        """Make ``city_id`` (``None``: All cities) current, clearing the search if it hides it."""
        self._current = city_id
        row = self.model.row_of(city_id)
        if row is None and self.model.filter_text:
            self.search_box.clear()  # moves the selection as typing does: left pending
            row = self.model.row_of(city_id)
        if row is not None:
            self._make_current(row)
        self._emit_pending_choice()  # a choice made in code takes effect at once

    def rows_laid_out(self) -> bool:
        """Whether the list shows its rows: a long list is laid out in batches over several
        turns of the event loop, and shows none until the last batch."""
        return self.model.rowCount() == 0 or self.view.indexAt(QPoint(1, 1)).isValid()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _make_current(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        if self.view.isVisible():
            self.view.scrollTo(index)
        else:  # before the first show the view measures every row to scroll (0.2 s at 100,000)
            persistent = QPersistentModelIndex(index)

            def scroll() -> None:
                if persistent.isValid():
                    self.view.scrollTo(self.model.index(persistent.row(), 0))

            QTimer.singleShot(0, scroll)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        self._current = self.model.city_id_at(current.row())
        if not self._following_search:
            self._choice_pending = False  # this choice supersedes one typing left pending
            self.city_chosen.emit(self._current)
        elif not self._choice_pending:
            # Typing moved the selection: the list shows it in this frame; the detail pane and
            # the chart (a redraw of ~35 ms at 100,000 cities) follow in the next turn, once
            # for a burst of keystrokes.
            self._choice_pending = True
            QTimer.singleShot(0, self, self._emit_pending_choice)

    def _emit_pending_choice(self) -> None:
        """Also on a click in the list: a click on the row typing just selected makes it the
        chosen city at once, as any click does."""
        if self._choice_pending:
            self._choice_pending = False
            self.city_chosen.emit(self._current)

    def _on_search_changed(self, text: str) -> None:
        self.model.set_filter(text)
        self._update_count()
        row = self.model.row_of(self._current)
        if row is None and self.model.rowCount() > 0:
            row = 0  # the current city is filtered out: follow the first match
        if row is not None:
            self._following_search = True
            try:
                self._make_current(row)
            finally:
                self._following_search = False

    def _update_count(self) -> None:
        shown, total = self.model.matching_cities(), self.model.total_cities()
        if shown == total:
            self.count_label.setText(counted(total, "city"))
        elif shown == 0:
            self.count_label.setText("No city matches")
        else:
            self.count_label.setText(f"{shown:,} of {counted(total, 'city')}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress):
            return super().eventFilter(watched, event)
        if watched is self.view and event.key() == Qt.Key.Key_Escape and self.search_box.text():
            self.search_box.clear()  # the current city stays current and in view
            return True
        if watched is self.search_box:
            key = event.key()
            if key == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                QApplication.sendEvent(self.view, event)  # arrows move through the list
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

"""The city list: a Qt item model over the catalog's cities, filtered for one frame at 100,000.

Why not ``QSortFilterProxyModel``: a proxy over a Python model calls back into Python for every
row on every keystroke (about 10 µs a row: a second at 100,000 cities, PERFORMANCE.md). Here the
filter runs once over a list of names folded in advance (``model.search``: case, accents and
apostrophes ignored), a few ms at 100,000, and the model resets to the matching rows; with
uniform item sizes the view then paints only what is visible. Narrowing a search ("chi" → "chic")
scans only the rows that still matched.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from legend_gui.model.formatting import format_date
from legend_gui.model.search import fold, fold_all
from legend_gui.ui.display_text import shown
from legend_gui.ui.html_text import tooltip_text
from legend_gui.ui.turns import next_turn

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog
    from legend_gui.model.schema import City


class CityPreview(NamedTuple):
    """A city as the file's raw JSON gives it, before validation (start-up only)."""

    id: str
    name: str
    state: str
    launch_date: date


def preview_cities(document: dict[str, Any]) -> list[CityPreview]:
    """The cities of a parsed, not yet validated file; empty if they don't look right."""
    cities = document.get("cities")
    if not isinstance(cities, list):
        return []
    preview: list[CityPreview] = []
    try:
        for city in cities:
            fields = [city["id"], city["name"], city["state"], city["launch_date"]]
            if not all(isinstance(field, str) for field in fields):
                return []
            preview.append(
                CityPreview(fields[0], fields[1], fields[2], date.fromisoformat(fields[3]))
            )
    except (KeyError, TypeError, ValueError):
        return []
    return preview


ALL_CITIES_LABEL = "All cities"
ALL_CITIES_DETAIL = "reported totals"
CityIdRole = Qt.ItemDataRole.UserRole + 1
DetailRole = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


class CityListModel(QAbstractListModel):
    """Row 0 is "All cities" (the national figures); then the cities matching the filter.

    A row's ``CityIdRole`` is the city id, or ``None`` for "All cities".
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cities: Sequence[CityPreview | City] = []  # read per shown row, not copied
        self._details: list[str | None] = []  # built lazily: only visible rows need one
        self._ids: Sequence[str] = []
        self._position: dict[str, int] = {}
        self._search_keys: Callable[[], list[str]] = list
        self._lowered: list[str] | None = None  # the search keys, read on the first search
        self._rows: list[int] = []  # indices into the catalog's cities that match the filter
        self._show_all_row = True
        self._filter = ""

    # -- data -----------------------------------------------------------------------------
    def set_catalog(self, catalog: Catalog) -> None:
        """The catalog's cities; its ids and positions are built once per dataset (a large
        file's in background steps), so this copies no per-city list. Its search keys are
        read on the first search, or in a turn after the rows are on screen (at 100,000
        cities ≈70 ms that no one waits for before the first search)."""
        self._set_rows(
            catalog.cities, catalog.city_ids, catalog.city_position, lambda: catalog.search_keys
        )
        next_turn(self, self._keys)  # ready before the first keystroke, at no one's cost

    def set_preview(self, cities: list[CityPreview]) -> None:
        """Rows read straight from the file's JSON, shown while it is being validated."""
        ids = [city.id for city in cities]

        def search_keys() -> list[str]:
            return fold_all([f"{city.name} {city.state}" for city in cities])

        # Built on a search only: the catalog's rows replace these once the file is read.
        self._set_rows(cities, ids, {city_id: i for i, city_id in enumerate(ids)}, search_keys)

    def _set_rows(
        self,
        cities: Sequence[CityPreview | City],
        ids: Sequence[str],
        position: dict[str, int],
        search_keys: Callable[[], list[str]],
    ) -> None:
        self.beginResetModel()
        self._cities = cities
        self._search_keys, self._lowered = search_keys, None
        self._ids = ids
        self._position = position
        self._details = [None] * len(cities)
        self._filter = ""
        self._rows = list(range(len(cities)))
        self._show_all_row = True
        self._count = len(self._rows) + (1 if self._show_all_row else 0)
        self.endResetModel()

    def _keys(self) -> list[str]:
        """The rows' folded "name state" texts a search matches, made once per rows."""
        if self._lowered is None:
            self._lowered = self._search_keys()
        return self._lowered

    def set_filter(self, text: str) -> None:
        """Show the cities whose name or state contains ``text``, ignoring case, accents and
        apostrophe variants (``model.search.fold``)."""
        needle = fold(text.strip())
        if needle == self._filter:
            return
        candidates: Sequence[int]
        if self._filter and needle.startswith(self._filter):
            candidates = self._rows  # narrowing: only rows that matched before can match now
        else:
            candidates = range(len(self._cities))
        lowered = self._keys()
        rows = [i for i in candidates if needle in lowered[i]] if needle else list(candidates)
        self.beginResetModel()
        self._filter = needle
        self._rows = rows
        self._show_all_row = not needle or needle in fold(f"{ALL_CITIES_LABEL} {ALL_CITIES_DETAIL}")
        self._count = len(self._rows) + (1 if self._show_all_row else 0)
        self.endResetModel()

    @property
    def filter_text(self) -> str:
        return self._filter

    def matching_cities(self) -> int:
        return len(self._rows)

    def total_cities(self) -> int:
        return len(self._cities)

    # -- look-ups ---------------------------------------------------------------------------
    def row_of(self, city_id: str | None) -> int | None:
        """The visible row of a city (``None`` = "All cities"), or ``None`` if filtered out."""
        offset = 1 if self._show_all_row else 0
        if city_id is None:
            return 0 if self._show_all_row else None
        position = self._position.get(city_id)
        if position is None:
            return None
        i = bisect_left(self._rows, position)  # rows are sorted: no scan of 100,000 rows
        if i < len(self._rows) and self._rows[i] == position:
            return i + offset
        return None

    def city_id_at(self, row: int) -> str | None:
        """The city id at a visible row (``None`` for "All cities")."""
        if self._show_all_row:
            if row == 0:
                return None
            row -= 1
        return self._ids[self._rows[row]]

    # -- QAbstractListModel ---------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return 0
        return self._count

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = index.row()
        if row < 0 or row >= self.rowCount():
            return None
        is_all = self._show_all_row and row == 0
        if is_all:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return ALL_CITIES_LABEL
            if role == DetailRole:
                return ALL_CITIES_DETAIL
            if role == Qt.ItemDataRole.ToolTipRole:
                return "The totals reported for the whole dataset (not sums of the cities)"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        city_index = self._rows[row - (1 if self._show_all_row else 0)]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cities[city_index].name
        if role == CityIdRole:
            return self._ids[city_index]
        if role == DetailRole:
            return self._detail(city_index)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self._cities[city_index].name}, {self._detail(city_index)}"
        if role == Qt.ItemDataRole.ToolTipRole:  # a name like "<b>x</b>" must not render bold
            return tooltip_text(f"{self._cities[city_index].name}, {self._detail(city_index)}")
        return None

    def _detail(self, city_index: int) -> str:
        detail = self._details[city_index]
        if detail is None:
            city = self._cities[city_index]
            detail = f"{city.state} · since {format_date(city.launch_date)}"
            self._details[city_index] = detail
        return detail

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class CityDelegate(QStyledItemDelegate):
    """Paints the name, and the state and launch date in smaller secondary text at the right.

    The name is elided to the room the secondary text leaves, so a long name never runs into it.
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name, detail = opt.text, str(index.data(DetailRole) or "")
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        detail_role = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        rect = opt.rect.adjusted(4, 0, -6, 0)
        painter.save()
        small = QFont(opt.font)
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        detail_width = QFontMetrics(small).horizontalAdvance(detail) if detail else 0
        room = max(0, rect.width() - detail_width - (10 if detail else 0))
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(text_role))
        # The middle goes, not the end: "Winston-Salem…metro area" keeps what tells it apart.
        # Cut first, then isolate right-to-left stretches (a cut must not drop an isolate's end).
        elided = shown(QFontMetrics(opt.font).elidedText(name, Qt.TextElideMode.ElideMiddle, room))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(rect.adjusted(0, 0, -(rect.width() - room), 0), int(align), elided)
        if detail:
            painter.setFont(small)
            painter.setPen(opt.palette.color(detail_role))
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(rect, int(right), detail)
        painter.restore()

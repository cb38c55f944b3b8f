"""The Map and Table views inside the chart panel: built from the shared choices, and what
each puts above and below itself (title, subtitle, caption lines).

The bar chart and the timeline are pyqtgraph plots drawn by ``ChartPanel``; these two are plain
Qt widgets, so they need no deferred import. A table is rebuilt only when its content changes
(metric, snapshot, per-capita, compare date); a selection change only moves the highlight.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from legend_gui.model.city_table import CityTable
from legend_gui.model.latest import LATEST_SUBTITLE, is_latest, snapshot_text
from legend_gui.model.map_entries import map_chart
from legend_gui.model.table_figure import chosen_caption
from legend_gui.ui.chart_tips import bar_tooltip
from legend_gui.ui.map_draw import DARK_MAP, LIGHT_MAP
from legend_gui.ui.map_view import MapView
from legend_gui.ui.table_view import TablePanel

if TYPE_CHECKING:
    from legend_gui.model.chart import ChartSettings
    from legend_gui.model.queries import Catalog


@dataclass(frozen=True, slots=True)
class Heading:
    """What the panel shows around a view."""

    title: str
    subtitle: str
    caption: list[str]


class ExtraViews(QObject):
    """Owns the ``MapView`` and the ``TablePanel``. Signals ``city_clicked(object)`` and
    ``figure_menu_requested(city id, metric id or None, global QPoint)``: a marker (the chosen
    metric's figure) or a table cell (its column's metric) right-clicked."""

    city_clicked = Signal(object)
    figure_menu_requested = Signal(str, object, QPoint)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.map_view = MapView()
        self.table_panel = TablePanel()
        self.compare: date | None = None
        self._table_key: tuple[object, ...] | None = None
        self._catalog: Catalog | None = None
        self._settings: ChartSettings | None = None
        self.map_view.city_clicked.connect(self.city_clicked.emit)
        self.table_panel.city_clicked.connect(self.city_clicked.emit)
        self.table_panel.compare_changed.connect(self._on_compare)
        self.table_panel.view.cell_menu_requested.connect(self.figure_menu_requested.emit)
        self.map_view.marker_menu_requested.connect(self._on_marker_menu)

    def set_catalog(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._table_key = None
        if self.compare not in catalog.snapshot_by_date:
            self.compare = None
        self.table_panel.set_dates(catalog.snapshot_dates, self.compare)

    def set_dark(self, dark: bool) -> None:
        self.map_view.set_theme(DARK_MAP if dark else LIGHT_MAP)

    def show(self, catalog: Catalog, settings: ChartSettings) -> Heading:
        """Build the view ``settings.view`` asks for (``map`` or ``table``)."""
        self._catalog, self._settings = catalog, settings
        if settings.view == "map":
            chart = map_chart(catalog, settings, lambda bar: bar_tooltip(catalog, bar))
            self.map_view.set_chart(chart)
            caption = [line for line in (*chart.notes, chart.source_line()) if line]
            return Heading(chart.title, chart.subtitle, caption)
        return self._show_table(catalog, settings)

    def _show_table(self, catalog: Catalog, settings: ChartSettings) -> Heading:
        key = (id(catalog), settings.metric, settings.snapshot, settings.per_capita, self.compare)
        table = self.table_panel.model.table
        if key != self._table_key or table is None:
            table = CityTable(catalog, settings, self.compare)
            self._table_key = key
            self.table_panel.set_table(table, settings.city)
        else:
            self.table_panel.show_selected(settings.city)
        day = settings.snapshot
        if is_latest(day):
            subtitle = LATEST_SUBTITLE
        else:
            subtitle = f"As announced on {snapshot_text(day)}" if day else "No snapshot"
        caption = [table.compare_text()]
        chosen = chosen_caption(catalog, settings.metric, day)
        if chosen:
            caption.insert(0, chosen)
        caption.append(
            "Not reported and not yet launched are not zero: they sort last. Hover a value "
            "for its source; Ctrl+C copies the selection for a spreadsheet."
        )
        rate = " per 100,000 residents" if settings.per_capita else ""
        return Heading(f"Every city{rate}", subtitle, caption)

    def _on_marker_menu(self, city_id: str, global_pos: QPoint) -> None:
        if self._settings is not None:
            self.figure_menu_requested.emit(city_id, self._settings.metric, global_pos)

    def _on_compare(self, day: object) -> None:
        """Remember the choice; the panel, also listening, redraws the table and caption."""
        self.compare = day if isinstance(day, date) else None


def attach_views(
    parent: QWidget, stack: QStackedWidget, dark: bool, catalog: Catalog | None
) -> ExtraViews:
    """The Map and the Table for a chart panel, added to its ``stack`` (built on first use:
    the first frame and the first chart need neither)."""
    views = ExtraViews(parent)
    stack.addWidget(views.map_view)
    stack.addWidget(views.table_panel)
    views.set_dark(dark)
    if catalog is not None:
        views.set_catalog(catalog)
    return views

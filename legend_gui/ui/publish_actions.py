"""Edit ▸ Copy Citation, Edit ▸ Copy All Sources, a figure's context menu ▸ Copy Citation, and
File ▸ Print Fact Sheet / Save Fact Sheet as PDF.

The texts are ``model.citation``'s (the same as ``legend-gui cite``), the sheet is
``ui.fact_sheet``'s (the same as ``legend-gui sheet``). Like ``ExportActions``, this is given
what it needs (getters, the dialog service, a status callback), never the window itself; every
dialog, the print dialog included, goes through the injectable ``Dialogs``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from legend_gui.model.chart import Bar, BarChart, ChartSettings, TimelineChart, bar_chart

if TYPE_CHECKING:
    from legend_gui.model.export_options import ViewFigure
    from legend_gui.model.index import FigureKey
    from legend_gui.model.queries import Catalog
    from legend_gui.ui.dialogs import Dialogs
    from legend_gui.ui.export_actions import ExportActions

STATUS_MS = 6000
NO_PRINTING = (
    "Printing is not available in this build of {app} (it leaves out Qt's print support to "
    "stay small). Use File ▸ Save Fact Sheet as PDF… and print the PDF."
)


def printing_available() -> bool:
    """Whether Qt's print support is present (the frozen build may leave it out)."""
    try:
        import PySide6.QtPrintSupport  # noqa: F401
    except ImportError:
        return False
    return True


def chart_keys(catalog: Catalog, figure: ViewFigure) -> list[FigureKey]:
    """The figures a view shows, as keys: each plotted bar or point (a map's markers are its
    bar chart's; a table's figures of the chosen metric), and the national figure a bar
    chart's notes compare with, when the chart cites its source."""
    # These modules (like the citations' below) are imported when first used: none of them
    # is needed before the window's first frame or chart.
    from legend_gui.model.map_entries import MapFigure
    from legend_gui.model.table_figure import TableFigure

    chart: BarChart | TimelineChart
    if isinstance(figure, MapFigure):
        chart = figure.bars
    elif isinstance(figure, TableFigure):
        chart = bar_chart(catalog, figure.settings.with_(top=len(catalog.cities)))
    else:
        chart = figure
    settings = chart.settings
    if isinstance(chart, TimelineChart):
        return [(point.day, settings.city, settings.metric) for point in chart.points]
    if settings.snapshot is None:
        return []
    day = settings.snapshot
    # under Latest each bar has its own date
    keys: list[FigureKey] = [
        (bar.day or day, bar.city_id, settings.metric) for bar in chart.plotted
    ]
    national = catalog.figure(day, None, settings.metric)
    if national is not None and any(s.id == national.source for s in chart.sources):
        keys.append((day, None, settings.metric))
    return keys


class PublishActions:
    """Citations and the fact sheet, for the figure or city on screen."""

    def __init__(
        self,
        parent: QWidget,
        catalog: Callable[[], Catalog | None],
        chart_settings: Callable[[], ChartSettings],
        city: Callable[[], str | None],
        dialogs: Dialogs,
        exports: ExportActions,
        status: Callable[[str, int], None],
    ) -> None:
        self._parent = parent
        self._catalog = catalog
        self._chart_settings = chart_settings
        self._city = city
        self._dialogs = dialogs
        self._exports = exports
        self._status = status
        self.menu: QMenu | None = None  # the last figure menu shown (tests trigger its actions)

    # -- citations --------------------------------------------------------------------------
    def copy_citation(self, key: FigureKey) -> str | None:
        """Copy the citation of the figure at ``key``; a figure not reported is not cited."""
        catalog = self._catalog()
        if catalog is None:
            return None
        from legend_gui.model.citation import cite_figure

        try:
            text = cite_figure(catalog, key)
        except LookupError as error:
            self._status(f"Nothing to cite: {error.args[0]}", STATUS_MS)
            return None
        QGuiApplication.clipboard().setText(text)
        self._status("Copied the citation to the clipboard", STATUS_MS)
        return text

    def copy_selected_citation(self) -> str | None:
        """Edit ▸ Copy Citation: the selected city's (or the national) figure of the current
        metric at the snapshot on screen, or its most recent one on the timeline."""
        catalog = self._catalog()
        if catalog is None:
            return None
        from legend_gui.model.citation import latest_reported_day

        settings, city = self._chart_settings(), self._city()
        day = settings.snapshot
        if settings.view == "timeline" or day is None:
            day = latest_reported_day(catalog, city, settings.metric)
        if day is None:
            metric = catalog.metric_by_id[settings.metric].label
            self._status(f"Nothing to cite: {metric} is not reported here", STATUS_MS)
            return None
        return self.copy_citation((day, city, settings.metric))

    def copy_all_sources(self) -> str | None:
        """Edit ▸ Copy All Sources: every source of the chart on screen, numbered, then the
        dataset's own line."""
        catalog = self._catalog()
        if catalog is None:
            return None
        from legend_gui.model.citation import cite_chart_sources
        from legend_gui.model.export_options import build_chart

        chart = build_chart(catalog, self._chart_settings())
        lines = cite_chart_sources(catalog, chart_keys(catalog, chart))
        *sources, dataset = lines
        text = "\n".join([*(f"[{i}] {line}" for i, line in enumerate(sources, 1)), dataset])
        QGuiApplication.clipboard().setText(text)
        count = len(sources)
        self._status(f"Copied {count:,} source{'s' if count != 1 else ''}", STATUS_MS)
        return text

    def bar_menu(self, bar: Bar, global_pos: QPoint) -> QMenu:
        """A bar's context menu: Copy Citation (greyed for a bar without a figure)."""
        return self.figure_menu(bar.city_id, self._chart_settings().metric, global_pos)

    def figure_key(self, city_id: str, metric_id: str) -> FigureKey | None:
        """The key of ``city_id``'s figure of ``metric_id`` at the snapshot on screen (under
        Latest, at that city's own date; a context metric has no date); ``None`` when the
        city has no such figure."""
        catalog, day = self._catalog(), self._chart_settings().snapshot
        if catalog is None:
            return None
        if catalog.is_context_metric(metric_id):
            found = catalog.context.figure(city_id, metric_id) is not None
            return (day or date.min, city_id, metric_id) if found else None
        if day is None:
            return None
        own_day = catalog.figure_day(day, city_id, metric_id)
        return (own_day, city_id, metric_id) if own_day is not None else None

    def figure_menu(self, city_id: str, metric_id: str | None, global_pos: QPoint) -> QMenu:
        """A figure's context menu (a bar, a map marker, a table cell): Copy Citation, greyed
        with the reason when there is no figure to cite."""
        key = self.figure_key(city_id, metric_id) if metric_id is not None else None
        menu = QMenu(self._parent)
        if key is not None:
            cite = QAction("Copy &Citation", menu)
            cite.triggered.connect(lambda _checked=False: self.copy_citation(key))
        else:
            why = "not reported" if metric_id is not None else "choose a figure's cell"
            cite = QAction(f"Copy &Citation ({why})", menu)
            cite.setEnabled(False)
        menu.addAction(cite)
        self.menu = menu
        menu.popup(global_pos)  # not exec(): a test never waits on a nested loop
        return menu

    # -- the fact sheet ---------------------------------------------------------------------
    def _sheet_city(self) -> str | None:
        city = self._city()
        if city is None and self._catalog() is not None:
            self._dialogs.information(
                self._parent,
                "Fact sheet",
                "A fact sheet is about one city: choose a city in the list first.",
            )
        return city

    def save_fact_sheet(self) -> None:
        """File ▸ Save Fact Sheet as PDF…"""
        city = self._sheet_city()
        if city is not None:
            self._exports.save_fact_sheet(city)

    def print_fact_sheet(self) -> bool:
        """File ▸ Print Fact Sheet… (Ctrl+P): the print dialog, then the sheet on the printer.
        Returns whether it was printed."""
        catalog, city = self._catalog(), self._sheet_city()
        if catalog is None or city is None:
            return False
        if not printing_available():
            from legend_gui import APP_NAME

            self._dialogs.information(self._parent, "Print", NO_PRINTING.format(app=APP_NAME))
            return False
        printer = self._dialogs.ask_printer(self._parent)
        if printer is None:
            return False
        from legend_gui.ui.fact_sheet import print_fact_sheet

        print_fact_sheet(catalog, city, printer)
        self._status("Sent the fact sheet to the printer", STATUS_MS)
        return True

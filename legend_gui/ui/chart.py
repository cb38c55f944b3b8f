"""The chart panel: controls, the comparison bar chart and the timeline, and the caption.

The controls exist from the first frame; the pyqtgraph plots are created by ``load_plots()``,
which the window calls after its first paint, because importing pyqtgraph costs about three
times the whole Qt start-up (PERFORMANCE.md).
"""

from __future__ import annotations

import time
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from legend_gui.model.chart import BarChart, ChartSettings, TimelineChart, bar_chart, timeline_chart
from legend_gui.model.latest import is_latest
from legend_gui.ui.chart_controls import ChartControls
from legend_gui.ui.chart_hits import (
    TimelineLine,
    bar_index_at,
    bar_position,
    line_point_at,
    point_index_at,
)
from legend_gui.ui.chart_labels import chart_labels
from legend_gui.ui.chart_tips import bar_tooltip, key_html, point_tooltip
from legend_gui.ui.display_text import shown
from legend_gui.ui.html_text import tooltip_text

if TYPE_CHECKING:
    import pyqtgraph as pg

    from legend_gui.model.queries import Catalog
    from legend_gui.ui.chart_draw import BarGeometry
    from legend_gui.ui.chart_theme import ChartTheme
    from legend_gui.ui.view_host import ExtraViews


class ChartPanel(QWidget):
    """Signals: ``settings_edited(ChartSettings)`` when the user changes a control;
    ``city_clicked(object)`` with a city id when a bar is clicked; ``snapshot_clicked(date)``
    when a timeline point is; ``chart_painted(float)`` once,
    with ``time.perf_counter()``, when bars were first painted on screen."""

    settings_edited = Signal(object)
    city_clicked = Signal(object)
    snapshot_clicked = Signal(object)
    bar_menu_requested = Signal(object, object)  # (Bar, global QPoint): a bar right-clicked
    figure_menu_requested = Signal(str, object, QPoint)  # a map marker or table cell
    point_clicked = Signal(object, object)  # a timeline point: city id (None: national), date
    chart_painted = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog: Catalog | None = None
        self._settings: ChartSettings | None = None
        self._dark = False
        self._bar_plot: pg.PlotWidget | None = None
        self._timeline_plot: pg.PlotWidget | None = None  # made when first shown
        self._plot_class: Any = None  # the plots' widget class, made once pyqtgraph is in
        self._geometry: BarGeometry | None = None
        self._timeline_x: list[float] = []
        self._timeline_lines: list[TimelineLine] = []
        self._chart: BarChart | TimelineChart | None = None
        self._painted_reported = False

        self.controls = ChartControls()
        self.metric_box = self.controls.metric_box
        self.snapshot_box = self.controls.snapshot_box
        self.per_capita_box = self.controls.per_capita_box
        self.top_box = self.controls.top_box
        self.context_box = self.controls.context_box
        self.view_tabs = self.controls.view_tabs
        self.reset_button = self.controls.reset_button
        self.controls.reset_clicked.connect(self.reset_view)
        self.controls.edited.connect(self._on_control_changed)
        self._views: ExtraViews | None = None  # the Map and the Table, built when first shown

        self.stack = QStackedWidget()
        self.placeholder = QLabel("Loading chart…")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.placeholder)
        self.stack.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.stack.setMinimumHeight(220)
        self.stack.setAccessibleName("Chart")
        self.stack.setAccessibleDescription("Bar chart comparing cities; figures also in Details")

        labels = chart_labels()
        self.title_label, self.subtitle_label = labels.title, labels.subtitle
        self.caption_label, self.key_label = labels.caption, labels.key

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        header.addLayout(titles, 1)
        header.addWidget(self.key_label, 0, Qt.AlignmentFlag.AlignBottom)
        header.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.controls)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.caption_label)

    # -- state ------------------------------------------------------------------------------
    @property
    def plots_loaded(self) -> bool:
        return self._bar_plot is not None

    @property
    def chart(self) -> BarChart | TimelineChart | None:
        """What the chart shows now (the model's answer, for tests and export)."""
        return self._chart

    # -- what is drawn, read back from the scene (tests check it against the model) ---------
    def plot(self, view: str) -> pg.PlotWidget | None:
        """The plot widget drawing ``view`` (bars, timeline); ``None`` before ``load_plots``."""
        if view != "timeline" or not self.plots_loaded:
            return self._bar_plot
        return self._timeline()

    def drawn_bar_widths(self) -> list[float]:
        """The lengths of the bars in the scene, in data units (gaps draw no bar)."""
        import pyqtgraph as pg

        items = self._bar_plot.getPlotItem().items if self._bar_plot is not None else []
        bars = [item for item in items if isinstance(item, pg.BarGraphItem)]
        return [float(width) for bar in bars for width in bar.opts["width"]]

    def drawn_timeline_points(self) -> int:
        return len(self._timeline_x)

    def timeline_scene_position(self, index: int) -> QPointF:
        """The scene position of the timeline's point ``index`` (as drawn)."""
        assert self._timeline_plot is not None
        assert isinstance(self._chart, TimelineChart)
        view = self._timeline_plot.getPlotItem().getViewBox()
        value = self._chart.points[index].value
        position: QPointF = view.mapViewToScene(QPointF(self._timeline_x[index], value))
        return position

    def hover(self, scene_pos: QPointF) -> None:
        """Do what a mouse resting at ``scene_pos`` does: the tooltip of what is under it."""
        self._on_bar_hovered(scene_pos)
        self._on_timeline_hovered(scene_pos)

    @property
    def views(self) -> ExtraViews:
        """The Map and the Table, built on first use: the window's first frame and first chart
        need neither (their modules take ~50 ms to import and build)."""
        if self._views is None:
            from legend_gui.ui.view_host import attach_views

            views = self._views = attach_views(self, self.stack, self._dark, self._catalog)
            views.city_clicked.connect(self.city_clicked.emit)
            views.figure_menu_requested.connect(self.figure_menu_requested.emit)
            views.table_panel.compare_changed.connect(lambda _day: self.refresh())
        return self._views

    def set_catalog(self, catalog: Catalog) -> None:
        """Fill the selectors from the data (metric labels, snapshot dates)."""
        self._catalog = catalog
        self.controls.fill(catalog)
        if self._views is not None:
            self._views.set_catalog(catalog)

    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            self._apply_theme()
            if self._views is not None:
                self._views.set_dark(dark)
            self.refresh()

    def show_settings(self, settings: ChartSettings) -> None:
        """Reflect ``settings`` in the controls (without echoing) and redraw."""
        self._settings = settings
        self.controls.show_settings(settings)
        self.refresh()

    def _on_control_changed(self) -> None:
        if self._settings is not None:
            self.settings_edited.emit(self.controls.settings_from(self._settings))

    # -- drawing ----------------------------------------------------------------------------
    def load_plots(self) -> None:
        """Import pyqtgraph and create the plots (call after the window's first paint)."""
        if self._bar_plot is not None:
            return
        import pyqtgraph as pg

        panel = self

        class _PlotWidget(pg.PlotWidget):  # type: ignore[misc]  # pyqtgraph has no type stubs
            def paintEvent(self, event: QPaintEvent) -> None:
                super().paintEvent(event)
                panel._on_plot_painted(self)

        from legend_gui.ui.chart_draw import ValueAxis

        self._plot_class = _PlotWidget
        self._bar_plot = self._add_plot(
            _PlotWidget(axisItems={"bottom": ValueAxis("bottom")}), "Bar chart"
        )
        self._bar_plot.scene().sigMouseClicked.connect(self._on_bar_clicked)
        self._bar_plot.scene().sigMouseMoved.connect(self._on_bar_hovered)
        self.refresh()

    def _timeline(self) -> pg.PlotWidget:
        """The timeline's plot, made when first needed (≈30 ms a plot: the first chart at
        start-up is the bar chart)."""
        if self._timeline_plot is None:
            from legend_gui.ui.chart_draw import DateAxis, ValueAxis

            axes = {"bottom": DateAxis("bottom"), "left": ValueAxis("left")}
            plot = self._add_plot(self._plot_class(axisItems=axes), "Timeline chart")
            plot.scene().sigMouseMoved.connect(self._on_timeline_hovered)
            plot.scene().sigMouseClicked.connect(self._on_timeline_clicked)
            self._timeline_plot = plot
        return self._timeline_plot

    def _add_plot(self, plot: pg.PlotWidget, name: str) -> pg.PlotWidget:
        plot.setAccessibleName(name)
        plot.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        plot.viewport().installEventFilter(self)
        plot.setBackground(self._theme_colours().background)
        self.stack.addWidget(plot)
        return plot

    def _plots(self) -> list[pg.PlotWidget]:
        return [plot for plot in (self._bar_plot, self._timeline_plot) if plot is not None]

    def _theme_colours(self) -> ChartTheme:
        from legend_gui.ui.chart_theme import DARK, LIGHT

        return DARK if self._dark else LIGHT

    def _apply_theme(self) -> None:
        theme = self._theme_colours()
        for plot in self._plots():
            plot.setBackground(theme.background)

    def refresh(self) -> None:
        """Rebuild the chart from the model for the current settings."""
        if self._catalog is None or self._settings is None:
            return
        settings = self._settings
        plotted = settings.view in ("bars", "timeline")
        self.reset_button.setVisible(plotted)  # zoom and pan are the plots' only
        if not plotted:
            self._show_view(self._catalog, settings)
            return
        chart: BarChart | TimelineChart = (
            timeline_chart(self._catalog, settings)
            if settings.view == "timeline"
            else bar_chart(self._catalog, settings)
        )
        self._chart = chart
        self.title_label.setText(chart.title)
        self.subtitle_label.setText(chart.subtitle)
        caption = [
            line for line in (*chart.notes, chart.legend_line(), chart.source_line()) if line
        ]
        self.caption_label.setText(shown("\n".join(caption)))
        self.key_label.setText(key_html(chart, self._theme_colours()))
        self.key_label.setVisible(bool(self.key_label.text()))
        if self._bar_plot is None:
            return
        from legend_gui.ui.chart_draw import draw_bar_chart, draw_timeline, mark_snapshot, timestamp
        from legend_gui.ui.timeline_series import draw_companions

        theme = self._theme_colours()
        for plot in self._plots():
            plot.setToolTip("")  # it described what was under the mouse in the previous chart
        if isinstance(chart, BarChart):
            self._geometry = draw_bar_chart(self._bar_plot.getPlotItem(), chart, theme)
            self.stack.setCurrentWidget(self._bar_plot)
        else:
            timeline = self._timeline()
            item = timeline.getPlotItem()
            self._timeline_x = draw_timeline(item, chart, theme)
            self._timeline_lines = draw_companions(item, chart, theme, timestamp)
            day = settings.snapshot
            if day is not None and not is_latest(day) and chart.points:
                mark_snapshot(item, day, theme)
            self.stack.setCurrentWidget(timeline)

    def _show_view(self, catalog: Catalog, settings: ChartSettings) -> None:
        """The Map or the Table: plain widgets, drawn without pyqtgraph."""
        self._chart = None
        heading = self.views.show(catalog, settings)
        self.title_label.setText(heading.title)
        self.subtitle_label.setText(heading.subtitle)
        self.caption_label.setText("\n".join(heading.caption))
        self.key_label.setVisible(False)
        widget = self.views.map_view if settings.view == "map" else self.views.table_panel
        self.stack.setCurrentWidget(widget)

    def reset_view(self) -> None:  # a redraw fits the view to the chart again
        self.refresh()

    # -- interaction ------------------------------------------------------------------------
    def bar_at(self, scene_pos: QPointF) -> int | None:
        """Index into ``chart.bars`` under a scene position, or ``None``."""
        if self._bar_plot is None or self._geometry is None:
            return None
        return bar_index_at(self._bar_plot, self._geometry, scene_pos)

    def bar_scene_position(self, index: int) -> QPointF:
        """The scene position of the middle of bar ``index`` (for tests and keyboard users)."""
        assert self._bar_plot is not None
        assert self._geometry is not None
        assert isinstance(self._chart, BarChart)
        return bar_position(self._bar_plot, self._geometry, self._chart, index)

    def _on_bar_clicked(self, event: Any) -> None:
        if not isinstance(self._chart, BarChart):
            return
        index = self.bar_at(event.scenePos())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.city_clicked.emit(self._chart.bars[index].city_id)
        elif index is not None and event.button() == Qt.MouseButton.RightButton:
            self.bar_menu_requested.emit(self._chart.bars[index], event.screenPos().toPoint())

    def _on_bar_hovered(self, scene_pos: QPointF) -> None:
        if self._bar_plot is None or not isinstance(self._chart, BarChart):
            return
        index = self.bar_at(scene_pos)
        text = tooltip_text(self.bar_tooltip(index)) if index is not None else ""
        self._bar_plot.setToolTip(text)
        if text:
            global_pos = self._bar_plot.mapToGlobal(self._bar_plot.mapFromScene(scene_pos))
            QToolTip.showText(global_pos, text, self._bar_plot)

    def bar_tooltip(self, index: int) -> str:
        assert isinstance(self._chart, BarChart)
        assert self._catalog is not None
        return bar_tooltip(self._catalog, self._chart.bars[index])

    def point_at(self, scene_pos: QPointF) -> int | None:
        """Index into the timeline's ``points`` of the point drawn near a scene position."""
        if self._timeline_plot is None or not isinstance(self._chart, TimelineChart):
            return None
        return point_index_at(self._timeline_plot, self._timeline_x, self._chart, scene_pos)

    def timeline_point_at(self, scene_pos: QPointF) -> tuple[str | None, date] | None:
        """The (city, snapshot) of the timeline point nearest ``scene_pos``, on any line."""
        if self._timeline_plot is None:
            return None
        return line_point_at(self._timeline_plot, self._timeline_lines, scene_pos)

    def _on_timeline_clicked(self, event: Any) -> None:
        """A click on a point shows that snapshot (in the details, and on the bar chart); on
        a compared city's line, that city too (``point_clicked``)."""
        left = event.button() == Qt.MouseButton.LeftButton
        found = self.timeline_point_at(event.scenePos()) if left else None
        if found is None or not isinstance(self._chart, TimelineChart):
            return
        city_id, day = found
        if city_id == self._chart.settings.city:
            self.snapshot_clicked.emit(day)
        else:
            self.point_clicked.emit(city_id, day)

    def _on_timeline_hovered(self, scene_pos: QPointF) -> None:
        if self._timeline_plot is None or not isinstance(self._chart, TimelineChart):
            return
        best = self.point_at(scene_pos)
        text = ""
        if best is not None and self._catalog is not None:
            text = point_tooltip(self._catalog, self._chart, self._chart.points[best])
        self._timeline_plot.setToolTip(tooltip_text(text))

    def _on_plot_painted(self, plot: QWidget) -> None:
        if not self._painted_reported and plot is self._bar_plot and self._geometry is not None:
            self._painted_reported = True
            self.chart_painted.emit(time.perf_counter())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        key = event.key() if isinstance(event, QKeyEvent) else None
        if event.type() == QEvent.Type.KeyPress and key == Qt.Key.Key_Escape:
            self.reset_view()
            return True
        return super().eventFilter(watched, event)

"""The chart's controls: the view tabs, metric, snapshot, per 100,000 and top N, in a toolbar
that wraps (``FlowLayout``) so none is clipped on a narrow window. A control that
does not apply to the view on screen is hidden, not greyed out."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTabBar,
    QToolButton,
    QWidget,
)

from legend_gui.model.captions import NO_POPULATIONS, has_populations
from legend_gui.model.chart import VIEWS
from legend_gui.model.choices import offered_metrics
from legend_gui.model.formatting import format_date
from legend_gui.model.latest import LATEST_LABEL, LATEST_WORD, parse_snapshot, snapshot_iso
from legend_gui.model.metric_menu import metric_sections
from legend_gui.ui.context_controls import context_toggle, sync_context_controls
from legend_gui.ui.display_text import short_text
from legend_gui.ui.elided import ElidingComboBox
from legend_gui.ui.flow_layout import FlowLayout
from legend_gui.ui.metric_choices import fill_metric_box

if TYPE_CHECKING:
    from legend_gui.model.chart import ChartSettings
    from legend_gui.model.queries import Catalog

#: The tabs' names, in the order of ``VIEWS`` (the views share these controls).
VIEW_NAMES = ("Compare cities", "Timeline", "Map", "Table")
SNAPSHOT_TIP = "The announcement date of the figures the chart compares and the details show"
TIMELINE_SNAPSHOT_TIP = (
    "The announcement date of the figures the details show; click a point of the timeline "
    "to choose it"
)


def _labelled(text: str, control: QWidget) -> QWidget:
    """A label and its control as one piece of the toolbar: they wrap together."""
    label = QLabel(text)
    label.setBuddy(control)  # Alt+ the underlined letter reaches the control
    piece = QWidget()
    row = QHBoxLayout(piece)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    row.addWidget(label)
    row.addWidget(control)
    return piece


class ChartControls(QWidget):
    """Signals: ``edited()`` when the user changed a control (read ``settings_from``);
    ``reset_clicked()`` for Reset view (which the panel shows beside the chart's title)."""

    edited = Signal()
    reset_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._updating = False
        self._catalog: Catalog | None = None
        self.metric_box = ElidingComboBox()
        self.metric_box.setAccessibleName("Metric")
        self.metric_box.setAccessibleDescription("The figure compared across cities")
        self.metric_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.metric_box.setMinimumContentsLength(20)
        self.snapshot_box = ElidingComboBox()
        self.snapshot_box.setAccessibleName("Snapshot")
        self.snapshot_box.setAccessibleDescription(SNAPSHOT_TIP)
        self.snapshot_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.snapshot_box.setMinimumContentsLength(22)
        self.per_capita_box = QCheckBox("Per 100,000 residents")
        self.per_capita_box.setAccessibleName("Per 100,000 residents")
        self.top_box = QSpinBox()
        self.top_box.setRange(1, 500)
        self.top_box.setPrefix("Top ")
        self.top_box.setAccessibleName("Number of cities shown")
        self.top_box.setToolTip("How many cities the bar chart shows (the selected city always is)")
        self.context_box = context_toggle()
        self.view_tabs = QTabBar()
        for name in VIEW_NAMES:
            self.view_tabs.addTab(name)
        self.view_tabs.setAccessibleName("Chart view")
        self.view_tabs.setExpanding(False)
        self.view_tabs.setUsesScrollButtons(False)  # the toolbar wraps instead
        self.view_tabs.setDrawBase(False)
        self.reset_button = QToolButton()
        self.reset_button.setText("Reset view")
        self.reset_button.setAccessibleName("Reset chart view")
        self.reset_button.setToolTip("Undo zooming and panning (Ctrl+0, or Esc in the chart)")

        self._flow = flow = FlowLayout(self)
        self._rows_height = 0
        self.metric_piece = _labelled("&Metric", self.metric_box)
        self.snapshot_piece = _labelled("&Snapshot", self.snapshot_box)
        for piece in (
            self.view_tabs,
            self.metric_piece,
            self.snapshot_piece,
            self.per_capita_box,
            self.top_box,
            self.context_box,
        ):
            flow.addWidget(piece)

        self.metric_box.currentIndexChanged.connect(self._on_changed)
        self.snapshot_box.currentIndexChanged.connect(self._on_changed)
        self.per_capita_box.toggled.connect(self._on_changed)
        self.top_box.valueChanged.connect(self._on_changed)
        self.context_box.toggled.connect(self._on_changed)
        self.view_tabs.currentChanged.connect(self._on_changed)
        self.reset_button.clicked.connect(self.reset_clicked)

    def minimumSizeHint(self) -> QSize:
        """As tall as the rows the toolbar wraps into at its width: the window's splitter then
        keeps room for every row rather than squeezing the chart under them."""
        width = self.width() if self.width() > 0 else self._flow.sizeHint().width()
        return QSize(self._flow.minimumSize().width(), self._flow.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        height = self._flow.heightForWidth(self.width())
        if height != self._rows_height:  # wrapped into more or fewer rows
            self._rows_height = height
            self.updateGeometry()

    def fill(self, catalog: Catalog) -> None:
        """The choices the data offers: its metrics, snapshots, and rates if it has
        populations (without them the box stays, greyed, its tooltip saying why)."""
        self._updating = True
        self._catalog = catalog
        try:  # the context metrics (period counts) follow in their own group
            sections = metric_sections(catalog.dataset, offered_metrics(catalog))
            fill_metric_box(self.metric_box, sections)
            rates = has_populations(catalog)
            self.per_capita_box.setEnabled(rates)
            self.per_capita_box.setToolTip("" if rates else NO_POPULATIONS)
            if not rates:
                self.per_capita_box.setChecked(False)
            self.snapshot_box.clear()
            self.snapshot_box.addItem(LATEST_LABEL, LATEST_WORD)  # each city's newest figure
            for day in catalog.snapshot_dates:
                snapshot = catalog.snapshot_by_date[day]
                label = format_date(day) + (f" — {snapshot.label}" if snapshot.label else "")
                self.snapshot_box.addItem(short_text(label), day.isoformat())  # str: QVariant
        finally:
            self._updating = False

    def show_settings(self, settings: ChartSettings) -> None:
        """Reflect ``settings`` without echoing them. On the timeline the snapshot box stays
        (it picks the details' figures, as a click on a point does) and Top N goes."""
        self._updating = True
        try:
            _select_data(self.metric_box, settings.metric)
            _select_data(self.snapshot_box, snapshot_iso(settings.snapshot) or None)
            self.per_capita_box.setChecked(settings.per_capita)
            self.top_box.setValue(settings.top)
            self.view_tabs.setCurrentIndex(VIEWS.index(settings.view))
            timeline = settings.view == "timeline"
            self.top_box.setVisible(settings.view == "bars")  # the map and table show all
            self.snapshot_box.setToolTip(TIMELINE_SNAPSHOT_TIP if timeline else SNAPSHOT_TIP)
            sync_context_controls(self._catalog, settings, self.snapshot_box, self.context_box)
        finally:
            self._updating = False

    def settings_from(self, settings: ChartSettings) -> ChartSettings:
        """``settings`` changed to what the controls show."""
        return settings.with_(
            metric=self.metric_box.currentData() or settings.metric,
            snapshot=_as_date(self.snapshot_box.currentData()) or settings.snapshot,
            per_capita=self.per_capita_box.isChecked(),
            top=self.top_box.value(),
            show_context=self.context_box.isChecked(),
            view=VIEWS[max(0, self.view_tabs.currentIndex())],
        )

    def _on_changed(self, *_args: object) -> None:
        if not self._updating:
            self.edited.emit()


def _select_data(box: QComboBox, value: Any) -> None:
    index = box.findData(value)
    if index >= 0:
        box.setCurrentIndex(index)


def _as_date(value: object) -> date | None:
    try:
        return parse_snapshot(value) if isinstance(value, str) else None
    except ValueError:
        return None

"""The shared choices above every view: metric, snapshot (Latest first), per 100,000 residents,
top N, and the view tabs (Compare cities, Timeline, Map, Table).

One set of choices for all four views: switching the view keeps them. The controls only show
a ``ChartSettings`` and report the user's edits (``edited``); the window owns the settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTabBar,
    QWidget,
)

from legend_gui.model.captions import NO_POPULATIONS, has_populations
from legend_gui.model.chart import VIEWS, ChartSettings
from legend_gui.model.formatting import format_date
from legend_gui.model.latest import LATEST_LABEL, LATEST_WORD, parse_snapshot, snapshot_iso
from legend_gui.model.metric_menu import metric_sections
from legend_gui.ui.metric_choices import fill_metric_box

if TYPE_CHECKING:
    from datetime import date

    from legend_gui.model.queries import Catalog

#: The tabs' names, in the order of ``VIEWS``.
VIEW_NAMES = ("Compare cities", "Timeline", "Map", "Table")


class ChartControls(QWidget):
    """Signal ``edited(ChartSettings)``: the user changed a control (never echoed when the
    window shows settings)."""

    edited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings: ChartSettings | None = None
        self._updating = False
        self.metric_box = QComboBox()
        self.metric_box.setAccessibleName("Metric")
        self.metric_box.setAccessibleDescription("The figure compared across cities")
        self.metric_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.metric_box.setMinimumContentsLength(18)
        self.snapshot_box = QComboBox()
        self.snapshot_box.setAccessibleName("Snapshot")
        self.snapshot_box.setAccessibleDescription(
            "The announcement date of the figures, or Latest: each city's most recent"
        )
        self.snapshot_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.snapshot_box.setMinimumContentsLength(14)
        self.per_capita_box = QCheckBox("Per 100,000 residents")
        self.per_capita_box.setAccessibleName("Per 100,000 residents")
        self.top_box = QSpinBox()
        self.top_box.setRange(1, 500)
        self.top_box.setPrefix("Top ")
        self.top_box.setAccessibleName("Number of cities shown")
        self.top_box.setToolTip("How many cities the bar chart shows (the selected city always is)")
        metric_label = QLabel("&Metric")
        metric_label.setBuddy(self.metric_box)
        snapshot_label = QLabel("&Snapshot")
        snapshot_label.setBuddy(self.snapshot_box)

        self.view_tabs = QTabBar()  # shown in the panel's header, beside the title
        for name in VIEW_NAMES:
            self.view_tabs.addTab(name)
        self.view_tabs.setAccessibleName("Chart view")
        self.view_tabs.setExpanding(False)
        self.view_tabs.setDrawBase(False)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(metric_label)
        row.addWidget(self.metric_box, 3)
        row.addSpacing(8)
        row.addWidget(snapshot_label)
        row.addWidget(self.snapshot_box, 5)
        row.addSpacing(8)
        row.addWidget(self.per_capita_box)
        row.addWidget(self.top_box)

        self.metric_box.currentIndexChanged.connect(self._on_changed)
        self.snapshot_box.currentIndexChanged.connect(self._on_changed)
        self.per_capita_box.toggled.connect(self._on_changed)
        self.top_box.valueChanged.connect(self._on_changed)
        self.view_tabs.currentChanged.connect(self._on_changed)

    def set_catalog(self, catalog: Catalog) -> None:
        """Fill the selectors from the data: metric labels; Latest, then the snapshot dates."""
        self._updating = True
        try:
            sections = metric_sections(catalog.dataset, catalog.chart_metrics)
            fill_metric_box(self.metric_box, sections)  # core first, then one per group
            rates = has_populations(catalog)
            self.per_capita_box.setEnabled(rates)
            self.per_capita_box.setToolTip("" if rates else NO_POPULATIONS)
            if not rates:
                self.per_capita_box.setChecked(False)
            self.snapshot_box.clear()
            self.snapshot_box.addItem(LATEST_LABEL, LATEST_WORD)
            for day in catalog.snapshot_dates:
                snapshot = catalog.snapshot_by_date[day]
                label = format_date(day) + (f" — {snapshot.label}" if snapshot.label else "")
                self.snapshot_box.addItem(label, day.isoformat())  # a str survives QVariant
        finally:
            self._updating = False

    def show_settings(self, settings: ChartSettings) -> None:
        """Reflect ``settings`` in the controls without echoing them back."""
        self._settings = settings
        self._updating = True
        try:
            _select_data(self.metric_box, settings.metric)
            _select_data(self.snapshot_box, snapshot_iso(settings.snapshot) or None)
            self.per_capita_box.setChecked(settings.per_capita)
            self.top_box.setValue(settings.top)
            self.view_tabs.setCurrentIndex(VIEWS.index(settings.view))
            timeline = settings.view == "timeline"
            self.snapshot_box.setEnabled(not timeline)
            self.top_box.setEnabled(settings.view == "bars")
        finally:
            self._updating = False

    def _on_changed(self, *_args: object) -> None:
        if self._updating or self._settings is None:
            return
        settings = self._settings.with_(
            metric=self.metric_box.currentData() or self._settings.metric,
            snapshot=_as_day(self.snapshot_box.currentData()) or self._settings.snapshot,
            per_capita=self.per_capita_box.isChecked(),
            top=self.top_box.value(),
            view=VIEWS[max(0, self.view_tabs.currentIndex())],
        )
        self.edited.emit(settings)


def _select_data(box: QComboBox, value: Any) -> None:
    index = box.findData(value)
    if index >= 0:
        box.setCurrentIndex(index)


def _as_day(value: object) -> date | None:
    try:
        return parse_snapshot(value) if isinstance(value, str) else None
    except ValueError:
        return None

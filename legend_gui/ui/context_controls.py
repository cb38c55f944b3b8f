"""The chart panel's controls that depend on the data: the Metric selector's entries (the
metrics with dated figures, then the context metrics under a title that cannot be chosen),
the "Show context counts" toggle, and which controls apply to period counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QCheckBox, QComboBox

from legend_gui.model.choices import metric_sections
from legend_gui.ui.detail import tooltip_text

if TYPE_CHECKING:
    from legend_gui.model.chart import ChartSettings
    from legend_gui.model.queries import Catalog


def fill_metric_box(box: QComboBox, catalog: Catalog) -> None:
    """Fill ``box`` from the data: every metric's label with its id as data and its
    description as tooltip, sections titled (a title is shown but not selectable)."""
    box.clear()
    for title, metrics in metric_sections(catalog):
        if title and metrics:
            box.insertSeparator(box.count())
            box.addItem(title)
            model = box.model()
            if isinstance(model, QStandardItemModel):
                heading = model.item(box.count() - 1)
                heading.setEnabled(False)
                heading.setSelectable(False)
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
        for metric in metrics:
            box.addItem(metric.label, metric.id)
            box.setItemData(
                box.count() - 1,
                tooltip_text(metric.description or metric.label),
                Qt.ItemDataRole.ToolTipRole,
            )


def context_toggle() -> QCheckBox:
    """The timeline's "Show context counts" check box (shown where the data has some)."""
    box = QCheckBox("Show context counts")
    box.setAccessibleName("Show context counts")
    box.setToolTip(
        "Mark the city's background counts (period totals from their own sources) on the "
        "timeline, apart from its figures"
    )
    return box


def sync_context_controls(
    catalog: Catalog | None, settings: ChartSettings, snapshot: QComboBox, toggle: QCheckBox
) -> None:
    """A context metric has no snapshot: the Snapshot box is off, with the reason; the toggle
    shows on a timeline of an announced figure when the data has context counts."""
    timeline = settings.view == "timeline"
    periods = catalog is not None and catalog.is_context_metric(settings.metric)
    snapshot.setEnabled(not timeline and not periods)
    snapshot.setToolTip("Period counts have no snapshot" if periods else "")
    toggle.setChecked(settings.show_context)
    has_context = catalog is not None and bool(catalog.context_metrics)
    toggle.setVisible(timeline and has_context and not periods)

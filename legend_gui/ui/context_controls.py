"""The chart panel's controls for context counts: the "Show context counts" toggle, and which
controls apply to period counts (a context metric has no snapshot)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox

#: The Snapshot box's tooltip while a context metric is charted.
PERIODS_SNAPSHOT_TIP = (
    "Period counts have no snapshot: the chart ignores it; it picks the figures the details show"
)

if TYPE_CHECKING:
    from legend_gui.model.chart import ChartSettings
    from legend_gui.model.queries import Catalog


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
    """A context metric's chart has no snapshot: the Snapshot box stays for the details'
    figures and says the chart ignores it. The toggle shows on a timeline of an announced
    figure when the data has context counts."""
    timeline = settings.view == "timeline"
    periods = catalog is not None and catalog.is_context_metric(settings.metric)
    if periods and not timeline:
        snapshot.setToolTip(PERIODS_SNAPSHOT_TIP)
    toggle.setChecked(settings.show_context)
    has_context = catalog is not None and bool(catalog.context_metrics)
    toggle.setVisible(timeline and has_context and not periods)

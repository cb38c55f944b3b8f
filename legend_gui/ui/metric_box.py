"""The Metric selector's entries: the metrics with dated figures, then each further section
(the context metrics) under a separator and its title, which cannot be chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox

from legend_gui.model.choices import metric_sections
from legend_gui.ui.detail import tooltip_text

if TYPE_CHECKING:
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

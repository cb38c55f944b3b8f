"""The metric selectors, grouped: the Metric menu and the chart's metric box list the core
metrics first, then one section per group under the group's title from the data
(``model.metric_menu``). A title is a disabled entry, never a choice: its data is ``None``.
With a single section there are no titles.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QFont, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QMenu

from legend_gui.model.metric_menu import MetricSection
from legend_gui.ui.actions import menu_text
from legend_gui.ui.display_text import item_tooltip, short_text
from legend_gui.ui.html_text import tooltip_text


def fill_metric_box(box: QComboBox, sections: list[MetricSection]) -> None:
    """Fill ``box``: a bold, unselectable title per section, then its metrics (data: the id;
    tooltip: the description). Arrow keys skip the titles."""
    box.clear()
    titled = len(sections) > 1
    model = box.model()
    bold = QFont(box.font())
    bold.setBold(True)
    for section in sections:
        if titled:
            box.addItem(short_text(section.title))  # no data: never a metric
            if isinstance(model, QStandardItemModel):
                item = model.item(box.count() - 1)
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setFont(bold)
                item.setAccessibleText(f"{section.title} (group)")
        for metric in section.metrics:
            label = short_text(metric.label)  # a long label is cut; the tooltip has it whole
            box.addItem(f"  {label}" if titled else label, metric.id)
            box.setItemData(
                box.count() - 1,
                tooltip_text(item_tooltip(metric.label, metric.description)),
                Qt.ItemDataRole.ToolTipRole,
            )


def fill_metric_menu(
    menu: QMenu, sections: list[MetricSection], choose: Callable[[str], object]
) -> None:
    """Fill the Metric submenu: one checkable entry per metric, the entries of all sections
    excluding each other, each section under a disabled title."""
    menu.clear()
    menu.setToolTipsVisible(True)  # a shortened entry's tooltip is its full label
    group = QActionGroup(menu)
    titled = len(sections) > 1
    for number, section in enumerate(sections):
        if titled:
            if number:
                menu.addSeparator()
            title = QAction(menu_text(section.title), menu)
            title.setEnabled(False)
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            menu.addAction(title)
        for metric in section.metrics:
            action = QAction(menu_text(metric.label), menu)
            action.setToolTip(tooltip_text(metric.label))
            action.setData(metric.id)
            action.setCheckable(True)
            action.setStatusTip(metric.description)
            action.triggered.connect(lambda _checked=False, m=metric.id: choose(m))
            group.addAction(action)
            menu.addAction(action)

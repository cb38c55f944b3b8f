"""The words around the chart: its title and subtitle above, its key beside them, and the
caption below (notes, the legend line and the sources), as plain text except the key."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from legend_gui.ui.elided import ElidedLabel


class ChartLabels(NamedTuple):
    title: ElidedLabel
    subtitle: ElidedLabel
    caption: QLabel
    key: QLabel


def chart_labels() -> ChartLabels:
    """The four labels, styled: a bold, larger title; a caption the user can select and copy
    (it cites the sources); a rich-text key, hidden until a chart has one."""
    title = ElidedLabel()
    title.setTextFormat(Qt.TextFormat.PlainText)
    font = title.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    title.setFont(font)
    subtitle = ElidedLabel()
    subtitle.setTextFormat(Qt.TextFormat.PlainText)

    caption = QLabel()
    caption.setTextFormat(Qt.TextFormat.PlainText)
    caption.setWordWrap(True)
    caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    caption.setAccessibleName("Chart caption")
    key = QLabel()
    key.setTextFormat(Qt.TextFormat.RichText)
    key.setAccessibleName("Chart key")
    key.setVisible(False)
    return ChartLabels(title, subtitle, caption, key)

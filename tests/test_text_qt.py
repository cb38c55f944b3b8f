"""``isolate_rtl`` as Qt draws it: the isolates are invisible and keep a right-to-left name
from turning its line around ("תל אביב, IL" would show "IL" first, the comma last)."""

from __future__ import annotations

from typing import Any

import pytest

from legend_gui.model.text import isolate_rtl

LRM = "\u200e"  # LEFT-TO-RIGHT MARK: makes a paragraph left-to-right, whatever follows


def _drawn(text: str) -> Any:
    """``text`` drawn as the chart's axis and the views draw a label (QPainter.drawText)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(240, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(QColor("black"))
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(QRectF(0, 0, 240, 30), flags, text)
    painter.end()
    return image


@pytest.mark.parametrize(("name", "state"), [("תל אביב-יפו", "IL"), ("عمّان", "JO")])
def test_isolated_name_is_drawn_as_a_left_to_right_line(qapp: Any, name: str, state: str) -> None:
    expected = _drawn(f"{LRM}{name}, {state}")  # name, then ", IL": the order a reader expects
    assert _drawn(f"{isolate_rtl(name)}, {state}") == expected
    assert _drawn(f"{name}, {state}") != expected  # without the isolate the line turns around


def test_left_to_right_text_is_left_alone(qapp: Any) -> None:
    assert isolate_rtl("Port Arthur") == "Port Arthur"
    assert _drawn(f"{isolate_rtl('Port Arthur')}, TX") == _drawn("Port Arthur, TX")

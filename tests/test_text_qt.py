"""``isolate_rtl`` as Qt lays it out: the isolates are invisible and keep a right-to-left name
from turning the line around ("תל אביב, IL" would show as "IL ,תל אביב")."""

from __future__ import annotations

from typing import Any

from legend_gui.model.text import isolate_rtl


def _x_of(text: str, index: int, font: Any) -> float:
    from PySide6.QtGui import QTextLayout

    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1000)
    layout.endLayout()
    x, _position = line.cursorToX(index)
    return float(x)


def test_isolated_name_keeps_the_line_left_to_right(qapp: Any) -> None:
    from PySide6.QtGui import QFontMetricsF

    font = qapp.font()
    name = "תל אביב"
    plain = f"{name}, IL"
    isolated = f"{isolate_rtl(name)}, IL"
    width = QFontMetricsF(font).horizontalAdvance(plain)
    assert QFontMetricsF(font).horizontalAdvance(isolated) == width  # no boxes, no gaps
    # Without isolation the Hebrew first letter makes the paragraph right-to-left: "IL" is
    # drawn at the left edge. Isolated, the line is left-to-right and "IL" comes last.
    assert _x_of(plain, plain.index("I"), font) < width / 3
    assert _x_of(isolated, isolated.index("I"), font) > width * 2 / 3


def test_left_to_right_text_is_left_alone(qapp: Any) -> None:
    assert isolate_rtl("Port Arthur") == "Port Arthur"
    text = f"{isolate_rtl('Port Arthur')}, TX"
    assert _x_of(text, text.index("T", 5), qapp.font()) > _x_of(text, 0, qapp.font())

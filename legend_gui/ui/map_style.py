"""How the map looks: its light and dark colours, fonts, and the marker symbols.

Shared by the map, its legend and every export. Hatching is drawn as line segments, not a
pattern brush, so SVG and PDF show it in any viewer.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF

from legend_gui.model.map_chart import MapMarker, MarkerKind
from legend_gui.model.map_layout import DISPUTED_RING

HATCH_SPACING = 4.0


@dataclass(frozen=True, slots=True)
class MapTheme:
    background: str
    land: str
    border: str
    inset: str
    ink: str
    muted: str
    marker: str
    selected: str

    def color(self, name: str, alpha: int = 255) -> QColor:
        color = QColor(getattr(self, name))
        color.setAlpha(alpha)
        return color


LIGHT_MAP = MapTheme(
    background="#ffffff",
    land="#eceff2",
    border="#b3bac2",
    inset="#c9ced4",
    ink="#1f2328",
    muted="#6e7781",
    marker="#3465a4",
    selected="#e07b00",
)
DARK_MAP = MapTheme(
    background="#1e1f22",
    land="#2c2f34",
    border="#50555d",
    inset="#464a51",
    ink="#e6e6e6",
    muted="#9aa0a6",
    marker="#6fa8dc",
    selected="#ffa94d",
)


def map_font(pixels: float, bold: bool = False) -> QFont:
    """Fonts in pixels, not points: an export must not depend on the device's DPI."""
    font = QFont()
    font.setPixelSize(max(6, round(pixels)))
    font.setBold(bold)
    return font


def _hatch_lines(x: float, y: float, r: float) -> list[QLineF]:
    """Chords of the circle along "/" diagonals, like the bar chart's hatching."""
    lines = []
    steps = int(r / HATCH_SPACING)
    for k in range(-steps, steps + 1):
        d = k * HATCH_SPACING
        half = math.sqrt(max(0.0, r * r - d * d))
        mx, my = x + d * math.sqrt(0.5), y + d * math.sqrt(0.5)
        ux, uy = half * math.sqrt(0.5), -half * math.sqrt(0.5)
        lines.append(QLineF(mx - ux, my - uy, mx + ux, my + uy))
    return lines


class _Tools:
    """The pens and brushes of one theme (and selection), made once: a map may draw 2,000."""

    def __init__(self, theme: MapTheme, selected: bool) -> None:
        colour = theme.color("selected" if selected else "marker")
        fill = QColor(colour)
        fill.setAlpha(190)
        self.outline = QPen(colour.darker(135), 1.0)
        self.fill = QBrush(fill)
        self.hatch = QPen(colour, 1.0)
        self.rim = QPen(colour, 1.6)
        self.solid = QBrush(colour)
        self.veil = QBrush(theme.color("background", 170))
        self.cutout = QPen(theme.color("background"), 1.0)
        self.disputed = QPen(theme.color("ink"), 1.2, Qt.PenStyle.DashLine)
        self.missing_dashed = QPen(theme.color("muted"), 1.4, Qt.PenStyle.DashLine)
        self.missing = QPen(theme.color("muted"), 1.4)
        self.missing_fill = QBrush(theme.color("background", 200))
        self.selection = QPen(theme.color("selected"), 2.0)


@functools.cache
def _tools(theme: MapTheme, selected: bool) -> _Tools:
    return _Tools(theme, selected)


def draw_symbol(
    painter: QPainter,
    symbol: str,
    x: float,
    y: float,
    r: float,
    theme: MapTheme,
    selected: bool = False,
) -> None:
    """One marker or key icon: ``exact``, ``non_exact``, ``zero``, ``not_reported``, ..."""
    tools = _tools(theme, selected or symbol == "selected")
    centre = QPointF(x, y)
    if symbol in ("exact", "selected"):
        painter.setPen(tools.outline)
        painter.setBrush(tools.fill)
        painter.drawEllipse(centre, r, r)
    elif symbol == "non_exact":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tools.veil)
        painter.drawEllipse(centre, r, r)
        painter.setPen(tools.hatch)
        painter.drawLines(_hatch_lines(x, y, r))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(tools.rim)
        painter.drawEllipse(centre, r, r)
    elif symbol == "disputed":
        painter.setPen(tools.disputed)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, r + DISPUTED_RING, r + DISPUTED_RING)
    elif symbol == "zero":
        painter.setPen(tools.cutout)
        painter.setBrush(tools.solid)
        side = r * 1.6
        painter.drawRect(QRectF(x - side / 2, y - side / 2, side, side))
    elif symbol == "not_reported":
        painter.setPen(tools.missing_dashed)
        painter.setBrush(tools.missing_fill)
        painter.drawEllipse(centre, r, r)
    elif symbol == "not_yet_launched":
        painter.setPen(tools.missing)
        painter.setBrush(tools.missing_fill)
        corners = [QPointF(x, y - r), QPointF(x + r * 0.9, y + r * 0.6)]
        corners.append(QPointF(x - r * 0.9, y + r * 0.6))
        painter.drawPolygon(QPolygonF(corners))


_FIXED_SYMBOLS = {
    MarkerKind.ZERO: "zero",
    MarkerKind.NOT_REPORTED: "not_reported",
    MarkerKind.NOT_YET_LAUNCHED: "not_yet_launched",
}


def symbol_of(marker: MapMarker) -> str:
    """The symbol ``draw_symbol`` draws for a marker (the key uses the same names)."""
    if marker.kind is MarkerKind.VALUE:
        return "exact" if marker.entry.exact else "non_exact"
    return _FIXED_SYMBOLS[marker.kind]


def selection_pen(theme: MapTheme) -> QPen:
    return _tools(theme, True).selection


def exact_circle_tools(theme: MapTheme) -> tuple[QPen, QBrush]:
    """The pen and brush of an exact, unselected marker, for drawing many in a row."""
    tools = _tools(theme, False)
    return tools.outline, tools.fill

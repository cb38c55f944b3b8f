"""The map's legend: nested circles of round values (the size legend) and the symbol key.

Measured and painted by the same block functions, so the space the layout reserves is the
space the legend uses. Below the map the two blocks sit side by side (the key in columns of up
to three rows); beside the map they stack.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from legend_gui.model.map_chart import KeyItem, MapChart, MarkerKind
from legend_gui.model.map_layout import FIXED_RADIUS
from legend_gui.ui.map_style import MapTheme, draw_symbol, map_font, selection_pen

KEY_ICON = 16.0
KEY_ROWS_BELOW = 3
BLOCK_GAP = 28.0
PADDING = 8.0


@dataclass(frozen=True, slots=True)
class LegendSpec:
    """What the legend shows and at which sizes; ``below`` picks the arrangement."""

    chart: MapChart
    font_px: float
    max_radius: float
    below: bool

    @property
    def metrics(self) -> QFontMetricsF:
        return QFontMetricsF(map_font(self.font_px))

    @property
    def key_rows(self) -> int:
        return min(len(self.chart.key), KEY_ROWS_BELOW) if self.below else len(self.chart.key)

    @property
    def row_height(self) -> float:
        return max(self.metrics.height(), KEY_ICON) + 3


def _size_rows(spec: LegendSpec) -> list[tuple[float, float, float]]:
    """(radius, circle top, text centre) of each step, from the block's top: a value sits level
    with its circle's top unless that would crowd the value above it."""
    steps = spec.chart.size_steps
    line = spec.metrics.height()
    largest = steps[0].scale * spec.max_radius
    baseline = line * 1.5 + 6 + 2 * largest
    rows = []
    last_text = -line
    for step in steps:
        r = step.scale * spec.max_radius
        top = baseline - 2 * r
        last_text = max(top, last_text + line)
        rows.append((r, top, last_text))
    return rows


def _size_block(spec: LegendSpec) -> tuple[float, float]:
    steps = spec.chart.size_steps
    if not steps:
        return 0.0, 0.0
    metrics = spec.metrics
    largest = steps[0].scale * spec.max_radius
    widest = max(metrics.horizontalAdvance(step.text) for step in steps)
    width = max(metrics.horizontalAdvance(spec.chart.size_title), 2 * largest + 12 + widest)
    baseline = metrics.height() * 1.5 + 6 + 2 * largest
    lowest_text = _size_rows(spec)[-1][2] + metrics.height() / 2
    return width, max(baseline, lowest_text) + 2


def _key_columns(spec: LegendSpec) -> list[tuple[KeyItem, ...]]:
    rows = max(1, spec.key_rows)
    items = spec.chart.key
    return [items[start : start + rows] for start in range(0, len(items), rows)]


def _column_width(spec: LegendSpec, column: tuple[KeyItem, ...]) -> float:
    return KEY_ICON + 6 + max(spec.metrics.horizontalAdvance(item.text) for item in column)


def _key_block(spec: LegendSpec) -> tuple[float, float]:
    columns = _key_columns(spec)
    if not columns:
        return 0.0, 0.0
    width = sum(_column_width(spec, column) for column in columns) + 18 * (len(columns) - 1)
    return width, spec.key_rows * spec.row_height


def legend_extent(spec: LegendSpec) -> tuple[float, float]:
    """(width, height) the legend needs, padding included; (0, 0) for an empty legend."""
    size_w, size_h = _size_block(spec)
    key_w, key_h = _key_block(spec)
    if not size_w and not key_w:
        return 0.0, 0.0
    if spec.below:
        gap = BLOCK_GAP if size_w and key_w else 0.0
        return size_w + gap + key_w + 2 * PADDING, max(size_h, key_h) + 2 * PADDING
    gap = BLOCK_GAP / 2 if size_h and key_h else 0.0
    return max(size_w, key_w) + 2 * PADDING, size_h + gap + key_h + 2 * PADDING


def _paint_size_block(
    painter: QPainter, spec: LegendSpec, left: float, top: float, theme: MapTheme
) -> None:
    """Nested circles sharing a baseline, each value level with its circle's top."""
    steps = spec.chart.size_steps
    metrics = spec.metrics
    ink, muted = QPen(theme.color("ink")), QPen(theme.color("muted"), 1.0)
    painter.setFont(map_font(spec.font_px))
    painter.setPen(ink)
    painter.drawText(QPointF(left, top + metrics.ascent()), spec.chart.size_title)
    largest = steps[0].scale * spec.max_radius
    cx = left + largest
    text_x = cx + largest + 12
    for step, (r, circle_top, text_y) in zip(steps, _size_rows(spec), strict=True):
        painter.setPen(muted)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(cx - r, top + circle_top, 2 * r, 2 * r))
        painter.drawLine(QLineF(cx, top + circle_top, text_x - 3, top + text_y))
        painter.setPen(ink)
        painter.drawText(QPointF(text_x, top + text_y + metrics.ascent() / 2 - 1), step.text)


def _key_radius(symbol: str) -> float:
    if symbol in ("disputed", "selected"):  # a ring goes around these
        return 4.0
    if symbol in ("zero", "not_reported", "not_yet_launched"):
        return FIXED_RADIUS[MarkerKind(symbol)]
    return 6.0


def _paint_key_block(
    painter: QPainter, spec: LegendSpec, left: float, top: float, theme: MapTheme
) -> None:
    metrics = spec.metrics
    ink = QPen(theme.color("ink"))
    painter.setFont(map_font(spec.font_px))
    x = left
    for column in _key_columns(spec):
        for row, item in enumerate(column):
            cy = top + row * spec.row_height + spec.row_height / 2
            icon_x = x + KEY_ICON / 2
            r = _key_radius(item.symbol)
            if item.symbol == "disputed":  # a dashed ring around a marker
                draw_symbol(painter, "exact", icon_x, cy, r, theme)
            draw_symbol(painter, item.symbol, icon_x, cy, r, theme, item.symbol == "selected")
            if item.symbol == "selected":  # with its ring, as on the map
                painter.setPen(selection_pen(theme))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(QPointF(icon_x, cy), r + 2.5, r + 2.5)
            painter.setPen(ink)
            painter.drawText(QPointF(x + KEY_ICON + 6, cy + metrics.ascent() / 2 - 1), item.text)
        x += _column_width(spec, column) + 18


def paint_legend(painter: QPainter, spec: LegendSpec, box: QRectF, theme: MapTheme) -> None:
    """Paint the legend into ``box`` (as large as ``legend_extent`` asked for, or larger)."""
    size_w, size_h = _size_block(spec)
    left, top = box.left() + PADDING, box.top() + PADDING
    if size_w:
        _paint_size_block(painter, spec, left, top, theme)
    if spec.below:
        left += size_w + BLOCK_GAP if size_w else 0.0
    else:
        top += size_h + BLOCK_GAP / 2 if size_h else 0.0
    _paint_key_block(painter, spec, left, top, theme)

"""Paint a ``MapChart`` with a QPainter: states, insets, markers, labels and the legend.

One function, ``paint_map``, draws onto any paint device (the window's widget, a ``QImage``, a
``QSvgGenerator``, a ``QPdfWriter``), so every export is the picture on screen; the widget uses
``layout_scene`` + ``paint_scene`` to keep the layout for hit tests. No pyqtgraph: this module
loads in milliseconds. Text is drawn as text, so SVG and PDF stay editable.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF, QTransform

from legend_gui.model.geo import Region
from legend_gui.model.map_chart import MapChart, MarkerKind
from legend_gui.model.map_layout import MapLayout, Rect, layout_map, max_radius_for
from legend_gui.model.us_outline import us_outline
from legend_gui.ui.display_text import shown
from legend_gui.ui.map_legend import LegendSpec, legend_extent, paint_legend
from legend_gui.ui.map_style import (
    DARK_MAP,
    LIGHT_MAP,
    MapTheme,
    draw_symbol,
    exact_circle_tools,
    map_font,
    selection_pen,
    symbol_of,
)

__all__ = [
    "DARK_MAP",
    "LIGHT_MAP",
    "MapScene",
    "MapTheme",
    "layout_scene",
    "paint_map",
    "paint_scene",
]

MAP_ASPECT = 1.6  # width / height of the composite map, for choosing where the legend goes


@dataclass(frozen=True, slots=True)
class MapScene:
    """A laid-out map: the model's layout plus where the legend goes."""

    layout: MapLayout
    legend: LegendSpec
    legend_box: QRectF


@functools.cache
def _region_paths() -> dict[Region, QPainterPath]:
    """All state outlines of each region in map units, built once per process."""
    paths: dict[Region, QPainterPath] = {}
    for state in us_outline().states:
        path = paths.setdefault(state.region, QPainterPath())
        path.setFillRule(Qt.FillRule.OddEvenFill)
        for ring in state.rings:
            path.addPolygon(QPolygonF([QPointF(x, y) for x, y in ring]))
            path.closeSubpath()
    return paths


def layout_scene(chart: MapChart, rect: QRectF, font_px: float = 12.0) -> MapScene:
    """Put the legend below or beside the map, whichever leaves the map larger, and lay out."""
    max_radius = max_radius_for(rect.width(), rect.height())
    below = LegendSpec(chart, font_px, max_radius, below=True)
    side = LegendSpec(chart, font_px, max_radius, below=False)
    below_w, below_h = legend_extent(below)
    side_w, side_h = legend_extent(side)
    room_below = min(rect.width(), (rect.height() - below_h) * MAP_ASPECT)
    room_beside = min(rect.width() - side_w, rect.height() * MAP_ASPECT)
    use_below = room_below >= room_beside or side_h > rect.height() or not side_w
    if use_below or below_w == 0:
        spec = below
        area = QRectF(rect.left(), rect.top(), rect.width(), rect.height() - below_h)
        box = QRectF(rect.left(), area.bottom(), rect.width(), below_h)
    else:
        spec = side
        area = QRectF(rect.left(), rect.top(), rect.width() - side_w, rect.height())
        box = QRectF(area.right(), rect.top(), side_w, side_h)

    metrics = QFontMetricsF(map_font(font_px))

    def measure(text: str) -> tuple[float, float]:
        return metrics.horizontalAdvance(text) + 2, metrics.height()

    layout = layout_map(
        chart,
        Rect(area.left(), area.top(), area.width(), area.height()),
        measure,
        us_outline().boxes(),
        max_radius,
        align_top=spec.below,
    )
    if spec.below:  # right under the map, from its left edge
        drawn = layout.map_rect
        left = max(rect.left(), drawn.left)
        box = QRectF(left, drawn.bottom, rect.right() - left, box.height())
    return MapScene(layout, spec, box)


def _paint_land(painter: QPainter, layout: MapLayout, theme: MapTheme) -> None:
    scale, dx, dy = layout.transform.scale, layout.transform.dx, layout.transform.dy
    to_pixels = QTransform(scale, 0, 0, scale, dx, dy)
    shapes = [
        to_pixels.map(path)
        for region, path in _region_paths().items()
        if region in layout.chart.regions
    ]
    # An antialiased fill of ~4,000 points costs 20 ms; the antialiased border drawn over an
    # aliased fill looks the same and costs 3 (vector devices ignore the hint anyway).
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(theme.color("land")))
    for shape in shapes:
        painter.drawPath(shape)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(theme.color("border"), 0.8))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for shape in shapes:
        painter.drawPath(shape)
    painter.setPen(QPen(theme.color("inset"), 1.0))
    for _region, frame in layout.insets:
        painter.drawRect(QRectF(frame.left, frame.top, frame.width, frame.height))


def _paint_markers(painter: QPainter, layout: MapLayout, theme: MapTheme) -> None:
    plain = exact_circle_tools(theme)
    plain_set = False
    for placed in layout.markers:
        marker = placed.marker
        x, y, r = placed.x, placed.y, placed.radius
        symbol = symbol_of(marker)
        if symbol == "exact" and not marker.selected:  # most markers: pen and brush set once
            if not plain_set:
                painter.setPen(plain[0])
                painter.setBrush(plain[1])
                plain_set = True
            painter.drawEllipse(QPointF(x, y), r, r)
            if not marker.entry.disputed:
                continue
        else:
            draw_symbol(painter, symbol, x, y, r, theme, marker.selected)
        plain_set = False
        if marker.entry.disputed:
            draw_symbol(painter, "disputed", x, y, r, theme)
        if marker.selected:  # a ring in the selection colour shows on any kind of mark
            painter.setPen(selection_pen(theme))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            ring = placed.outer + 2.5
            painter.drawEllipse(QPointF(x, y), ring, ring)


def _paint_labels(painter: QPainter, layout: MapLayout, theme: MapTheme, font_px: float) -> None:
    painter.setFont(map_font(font_px))
    ink, muted = QPen(theme.color("ink")), QPen(theme.color("muted"))
    leader = QPen(theme.color("muted"), 0.8)
    for label in layout.labels:
        if label.leader is not None:
            painter.setPen(leader)
            painter.drawLine(QPointF(*label.leader[:2]), QPointF(*label.leader[2:]))
        marker = layout.markers[label.marker].marker
        painter.setPen(ink if marker.kind in (MarkerKind.VALUE, MarkerKind.ZERO) else muted)
        rect = label.rect
        painter.drawText(
            QRectF(rect.left, rect.top, rect.width, rect.height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            shown(label.text),  # "תל אביב 12": the name isolated, the value after it
        )


def paint_scene(painter: QPainter, scene: MapScene, theme: MapTheme) -> None:
    """Paint a laid-out map (states, inset frames, markers, labels, legend)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    _paint_land(painter, scene.layout, theme)
    _paint_markers(painter, scene.layout, theme)
    _paint_labels(painter, scene.layout, theme, scene.legend.font_px)
    paint_legend(painter, scene.legend, scene.legend_box, theme)
    painter.restore()


def paint_map(
    painter: QPainter,
    chart: MapChart,
    rect: QRectF,
    theme: MapTheme = LIGHT_MAP,
    font_px: float = 12.0,
) -> MapScene:
    """Lay out and paint ``chart`` into ``rect`` of any paint device; returns the layout."""
    scene = layout_scene(chart, rect, font_px)
    painter.fillRect(rect, theme.color("background"))
    paint_scene(painter, scene, theme)
    return scene

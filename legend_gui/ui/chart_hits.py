"""Which bar or timeline point lies under the mouse, and where a bar is drawn: scene geometry
of the pyqtgraph plots, kept apart from the panel that wires clicks and tooltips to it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF

if TYPE_CHECKING:
    from legend_gui.model.chart import BarChart, TimelineChart
    from legend_gui.ui.chart_draw import BarGeometry

#: How near (Manhattan distance in pixels) a click or hover must come to a timeline point.
NEAR_PX = 14

#: One drawn timeline line: its city (None: the reported totals), x and y per point, and dates.
TimelineLine = tuple[str | None, list[float], list[float], list[date]]


def bar_index_at(plot: Any, geometry: BarGeometry, scene_pos: QPointF) -> int | None:
    """Index into the chart's ``bars`` under a scene position of the bar ``plot``, or None."""
    view = plot.getPlotItem().getViewBox()
    if not view.sceneBoundingRect().contains(scene_pos):
        return None
    point = view.mapSceneToView(scene_pos)
    index: int | None = geometry.index_at(point.y())
    return index


def bar_position(plot: Any, geometry: BarGeometry, chart: BarChart, index: int) -> QPointF:
    """The scene position of the middle of bar ``index`` (for tests and keyboard users)."""
    bar = chart.bars[index]
    view = plot.getPlotItem().getViewBox()
    x = (bar.value or 0.0) / 2
    return QPointF(view.mapViewToScene(QPointF(x, geometry.ys[index])))


def point_index_at(
    plot: Any, xs: list[float], chart: TimelineChart, scene_pos: QPointF
) -> int | None:
    """Index into the timeline's ``points`` of the point drawn near a scene position."""
    view = plot.getPlotItem().getViewBox()
    best = None
    for index, x in enumerate(xs):
        pixel = view.mapViewToScene(QPointF(x, chart.points[index].value))
        if (pixel - scene_pos).manhattanLength() < NEAR_PX:
            best = index
    return best


def line_point_at(
    plot: Any, lines: list[TimelineLine], scene_pos: QPointF
) -> tuple[str | None, date] | None:
    """The (city, snapshot) of the point nearest ``scene_pos`` within ``NEAR_PX``, on any line
    (the selected city's or a compared one's)."""
    view = plot.getPlotItem().getViewBox()
    best: tuple[float, str | None, date] | None = None
    for city_id, xs, ys, days in lines:
        for x, y, day in zip(xs, ys, days, strict=True):
            distance = (view.mapViewToScene(QPointF(x, y)) - scene_pos).manhattanLength()
            if distance < NEAR_PX and (best is None or distance < best[0]):
                best = (distance, city_id, day)
    return (best[1], best[2]) if best else None

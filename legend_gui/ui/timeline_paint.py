"""A timeline painted for an export (PNG, SVG, PDF, print): the points joined by lines, open
rings for values not given as exact, whiskers for disputes, the launch marked and the span
before it shaded, the other cities' lines with their end labels; every label inside the image.
The bar chart's painter and the shared pieces are ``chart_paint``'s."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter

from legend_gui.model.chart import TimelineChart
from legend_gui.model.status import FigureState, is_count_unit
from legend_gui.model.ticks import date_ticks, value_ticks
from legend_gui.model.timeline import labels_below
from legend_gui.model.vocab import Qualifier
from legend_gui.ui.chart_paint import (
    BAR,
    GRID,
    INK,
    MUTED,
    SHADE,
    draw_key,
    draw_text,
    draw_whisker,
    font,
    pen,
    text_width,
)
from legend_gui.ui.context_draw import paint_context_marks
from legend_gui.ui.timeline_series import end_label, paint_companions


def _timeline_key(chart: TimelineChart) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    if any(p.qualifier is not Qualifier.EXACT for p in chart.points):
        items.append(("hatched", "open ring: not exact"))
    if any(p.others for p in chart.points):
        items.append(("whisker", "range of reports"))
    if any(g.state is FigureState.NOT_REPORTED for g in chart.gaps):
        items.append(("gap", "not reported"))
    if any(g.state is FigureState.NOT_YET_LAUNCHED for g in chart.gaps):
        items.append(("shade", "not yet launched"))
    if chart.context:
        items.append(("context", "context count (period to that day)"))
    return items


def paint_timeline(painter: QPainter, chart: TimelineChart, area: QRectF) -> None:
    """Points joined by a line, open rings for non-exact values, whiskers for disputes, the
    span before the launch shaded, dates without a figure ticked on the axis."""
    painter.save()
    key_height = draw_key(painter, _timeline_key(chart), area.right(), area.top())
    top = area.top() + key_height + (8 if key_height else 0)
    days = chart.axis_days()
    if not chart.points:
        draw_text(
            painter, QRectF(area.left(), top, area.width(), area.bottom() - top),
            chart.message, font(16, italic=True), MUTED,
            Qt.AlignmentFlag.AlignCenter,
        )  # fmt: skip
        painter.restore()
        return
    first, last = min(days), max(days)
    pad = max(3.0, (last - first).days * 0.04)
    lo, hi = first.toordinal() - pad, last.toordinal() + pad
    every = [p for line in (chart, *chart.companions) for p in line.points]  # cities compared
    peak = max(p.high or p.value for p in every)
    counts = is_count_unit(chart.unit) and not chart.settings.per_capita
    ticks = value_ticks(0.0, peak * 1.12 if peak > 0 else 1.0, integer=counts)
    label_font = font(12)
    y_room = max(text_width(label, label_font) for _v, label in ticks) + 12
    labels = max((text_width(end_label(c), label_font) for c in chart.companions), default=-8)
    plot = QRectF(area.left() + y_room, top + 14, area.width() - y_room - labels - 16, 0)
    plot.setBottom(area.bottom() - 40)
    scale_max = max(ticks[-1][0], peak) or 1.0

    def to_x(day: date | float) -> float:
        ordinal = day.toordinal() if isinstance(day, date) else day
        return plot.left() + plot.width() * (ordinal - lo) / (hi - lo)

    def to_y(value: float) -> float:
        return plot.bottom() - plot.height() * value / scale_max

    if chart.launch_date is not None and chart.launch_date > first:
        shade = QRectF(
            QPointF(plot.left(), plot.top()), QPointF(to_x(chart.launch_date), plot.bottom())
        )
        painter.fillRect(shade, SHADE)
    for value, label in ticks:
        y = to_y(value)
        painter.setPen(pen(GRID, 1.0))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        draw_text(
            painter, QRectF(area.left(), y - 9, y_room - 8, 18), label, label_font, INK,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        )  # fmt: skip
    painter.setPen(pen(MUTED, 1.0))
    painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))
    widest = text_width("30 Sep 2020", label_font) + 16
    max_ticks = max(2, int(plot.width() / widest))
    for day, label in date_ticks(
        date.fromordinal(int(lo) + 1), date.fromordinal(int(hi)), max_ticks
    ):
        x = to_x(day)
        painter.setPen(pen(MUTED, 1.0))
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
        width = text_width(label, label_font) + 4
        left = min(max(x - width / 2, area.left()), area.right() - width)  # inside the image
        draw_text(
            painter, QRectF(left, plot.bottom() + 6, width, 16), label, label_font, INK,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
        )  # fmt: skip
    draw_text(
        painter, QRectF(plot.left(), plot.top() - 16, plot.width(), 14), chart.unit, label_font,
        MUTED, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
    )  # fmt: skip
    if chart.launch_date is not None:
        x = to_x(chart.launch_date)
        painter.setPen(pen(MUTED, 1.2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        draw_text(
            painter, QRectF(x + 4, plot.top(), 80, 16), "launch", label_font, MUTED,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        )  # fmt: skip
    paint_context_marks(painter, chart, plot, to_x, label_font)
    for gap in chart.gaps:
        if gap.state is FigureState.NOT_REPORTED:
            x = to_x(gap.day)
            painter.setPen(pen(MUTED, 1.5))
            painter.drawLine(QPointF(x, plot.bottom() - 7), QPointF(x, plot.bottom()))
    points = [QPointF(to_x(p.day), to_y(p.value)) for p in chart.points]
    painter.setPen(pen(BAR, 2.0))
    for a, b in pairwise(points):
        painter.drawLine(a, b)
    for point, where in zip(chart.points, points, strict=True):
        if point.low is not None and point.high is not None:
            draw_whisker(
                painter, QPointF(where.x(), to_y(point.low)), QPointF(where.x(), to_y(point.high)),
                5, False,
            )  # fmt: skip
    room = [where.y() + 8 + 16 <= plot.bottom() for where in points]  # a label clears the axis
    sides = labels_below([where.x() for where in points], 70, room)
    for point, where, below in zip(chart.points, points, sides, strict=True):
        exact = point.qualifier is Qualifier.EXACT
        painter.setPen(pen(BAR, 1.0 if exact else 2.0))
        painter.setBrush(QBrush(BAR if exact else QColor("#ffffff")))
        painter.drawEllipse(where, 4.5, 4.5)
        width = text_width(point.text, label_font) + 6
        top = to_y(point.high) if point.high is not None else where.y()  # clear of a whisker
        y = where.y() + 8 if below else min(where.y(), top) - 24
        left = min(max(where.x() - width / 2, area.left()), area.right() - width)  # in the image
        draw_text(
            painter, QRectF(left, y, width, 16), point.text, label_font, INK,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
        )  # fmt: skip
    painter.setBrush(QBrush())
    if chart.companions:
        paint_companions(painter, chart, to_x, to_y, BAR, label_font)
    painter.restore()

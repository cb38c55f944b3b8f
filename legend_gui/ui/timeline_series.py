"""More cities on the timeline: each in an Okabe–Ito colour (distinguishable with the common
colour-vision deficiencies) with a direct label at its line's end, on screen (pyqtgraph) and
in exports (plain painter calls). The selected city keeps the theme's blue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from legend_gui.model.vocab import Qualifier

if TYPE_CHECKING:
    import pyqtgraph as pg

    from legend_gui.model.timeline import TimelineChart
    from legend_gui.ui.chart_theme import ChartTheme

#: Okabe & Ito (2008), without the blue the selected city has, nor yellow and black, which
#: vanish on a light or a dark background.
OKABE_ITO = ("#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9")


def companion_colour(index: int) -> str:
    return OKABE_ITO[index % len(OKABE_ITO)]


def end_label(chart: TimelineChart) -> str:
    """``Chicago, IL 176``: the city and its last value, printed at the line's end."""
    return f"{chart.place} {chart.points[-1].text}" if chart.points else chart.place


def draw_companions(
    plot: pg.PlotItem,
    chart: TimelineChart,
    theme: ChartTheme,
    to_x: Callable[[date], float],
    font_size: float = 12.0,
) -> list[tuple[str | None, list[float], list[float], list[date]]]:
    """Draw ``chart.companions`` and label every line's end; returns each line's city id and
    points (the selected city's first), for clicks. Widens the view to show them all."""
    import pyqtgraph as pg  # the export's painter below needs none

    font = QFont()
    font.setPixelSize(round(font_size))
    lines: list[tuple[str | None, list[float], list[float], list[date]]] = []
    series = [
        (chart, theme.bar),
        *((c, companion_colour(i)) for i, c in enumerate(chart.companions)),
    ]
    room, label_width = _label_room(plot, series, font)
    for timeline, colour in series:
        xs = [to_x(p.day) for p in timeline.points]
        ys = [p.value for p in timeline.points]
        lines.append((timeline.settings.city, xs, ys, [p.day for p in timeline.points]))
        if not xs:
            continue
        if timeline is not chart:
            plot.addItem(pg.PlotDataItem(xs, ys, pen=pg.mkPen(colour, width=2)))
            exact = [p.qualifier is Qualifier.EXACT for p in timeline.points]
            plot.addItem(
                pg.ScatterPlotItem(
                    xs, ys, size=9,
                    brush=[pg.mkBrush(colour if e else theme.background) for e in exact],
                    pen=pg.mkPen(colour, width=2),
                )
            )  # fmt: skip
        label = pg.TextItem(end_label(timeline), color=colour, anchor=(-0.05, 0.5))
        label.setFont(font)
        if label_width is not None and label.textItem.boundingRect().width() > label_width:
            label.setTextWidth(label_width)  # a long one on more lines, never cut off
        label.setPos(QPointF(xs[-1], ys[-1]))
        plot.addItem(label)
    # The top of every whisker too: a range of reports is not cut off.
    every_y = [p.high or p.value for timeline, _ in series for p in timeline.points]
    if every_y:
        days = [to_x(day) for day in chart.axis_days()]  # the launch and the gaps too
        first, last, top = min(days), max(days), max(every_y) or 1.0
        span = max(last - first, 1.0)
        view = plot.getViewBox()
        view.setLimits(xMin=first - span, xMax=last + span, yMin=-top * 0.1, yMax=top * 3)
        view.setRange(  # room on the right for the end labels
            xRange=(first - span * 0.05, last + span * room),
            yRange=(-top * 0.05, top * 1.18),
            padding=0,
        )
    return lines


def _label_room(
    plot: pg.PlotItem, series: list[tuple[TimelineChart, str]], font: QFont
) -> tuple[float, float | None]:
    """How far past the last day the view reaches for the end labels, in spans of the days
    shown (from 0.3 to 1), and the width in pixels a label must wrap at to fit (``None``:
    every label fits, or the view has no size yet)."""
    width = float(plot.getViewBox().width())
    widest = max(QFontMetricsF(font).horizontalAdvance(end_label(t)) for t, _ in series) + 16
    if width <= 0:
        return 0.3, None
    room = min(1.0, max(0.3, 1.05 * widest / max(1.0, width - widest)))
    available = width * room / (1.05 + room) - 16
    return room, (None if widest <= available + 16 else max(80.0, available))


def paint_companions(
    painter: QPainter,
    chart: TimelineChart,
    to_x: Callable[[date], float],
    to_y: Callable[[float], float],
    main_colour: QColor,
    label_font: QFont,
) -> None:
    """The export's version: the other cities' lines and every line's end label."""
    series = [(chart, main_colour)]
    series += [(c, QColor(companion_colour(i))) for i, c in enumerate(chart.companions)]
    painter.save()
    painter.setFont(label_font)
    for timeline, colour in series:
        points = [QPointF(to_x(p.day), to_y(p.value)) for p in timeline.points]
        if not points:
            continue
        if timeline is not chart:
            painter.setPen(QPen(colour, 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for start, end in pairwise(points):
                painter.drawLine(start, end)
            for point, value in zip(points, timeline.points, strict=True):
                exact = value.qualifier is Qualifier.EXACT
                painter.setBrush(QBrush(colour) if exact else QBrush(QColor("#ffffff")))
                painter.drawEllipse(point, 4.0, 4.0)
        end = points[-1]
        painter.setPen(colour)
        painter.drawText(
            QRectF(end.x() + 7, end.y() - 9, 400, 18),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            end_label(timeline),
        )
    painter.restore()

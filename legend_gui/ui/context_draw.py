"""A timeline's context marks, on screen (pyqtgraph) and in the exported image (QPainter):
a dotted line at the last day of each count's period, in the context colour, labelled with the
count and its period. The marks are not on the value scale: their labels sit along the top."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

if TYPE_CHECKING:
    import pyqtgraph as pg

    from legend_gui.model.timeline import TimelineChart
    from legend_gui.ui.chart_theme import ChartTheme

#: Where the labels sit along a mark, from the top (a fraction of the plot's height), in turn,
#: so marks close in time do not print over each other or over the launch line's label.
LABEL_ROWS = (0.80, 0.68, 0.56, 0.44)


def label_right(chart: TimelineChart, day: date) -> bool:
    """Whether a mark's label goes right of its line: in the first half of the time axis (a
    mark near the left edge would push its label out of the plot), else left of it."""
    days = chart.axis_days()
    first, last = min(days), max(days)
    return (day - first) <= (last - day)


def draw_context_marks(
    plot: pg.PlotItem, chart: TimelineChart, theme: ChartTheme, to_x: Callable[[date], float]
) -> None:
    """Dotted vertical lines with labels, in the theme's context colour (screen)."""
    import pyqtgraph as pg

    for index, mark in enumerate(chart.context):
        pen = pg.mkPen(theme.context, width=1.6, style=Qt.PenStyle.DotLine)
        line = pg.InfiniteLine(
            pos=to_x(mark.end),
            angle=90,
            pen=pen,
            label=mark.text,
            labelOpts={
                "color": theme.context,
                "position": LABEL_ROWS[index % len(LABEL_ROWS)],
                "anchors": [(0, 0.5), (0, 0.5)] if label_right(chart, mark.end) else [(1, 0.5)] * 2,
                "fill": pg.mkBrush(theme.background),
            },
        )
        line.setZValue(-5)
        plot.addItem(line)


def paint_context_marks(
    painter: QPainter,
    chart: TimelineChart,
    plot: QRectF,
    to_x: Callable[[date], float],
    label_font: QFont,
) -> None:
    """The same marks in the exported image (always the light theme's context colour)."""
    from legend_gui.ui.chart_theme import LIGHT

    colour = QColor(LIGHT.context)
    metrics = QFontMetricsF(label_font)
    painter.setFont(label_font)
    for index, mark in enumerate(chart.context):
        x = to_x(mark.end)
        pen = QPen(colour, 1.6, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        width = metrics.horizontalAdvance(mark.text) + 8
        y = plot.bottom() - plot.height() * LABEL_ROWS[index % len(LABEL_ROWS)]
        left = x + 3 if label_right(chart, mark.end) else max(plot.left(), x - width - 3)
        box = QRectF(left, y - 9, width, 18)
        painter.fillRect(box, QColor("#ffffff"))
        painter.setPen(colour)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), mark.text)


def paint_context_swatch(painter: QPainter, swatch: QRectF) -> None:
    """The key's mark for context counts: a short dotted line in the context colour."""
    from legend_gui.ui.chart_theme import LIGHT

    painter.setPen(QPen(QColor(LIGHT.context), 1.6, Qt.PenStyle.DotLine))
    x = swatch.center().x()
    painter.drawLine(QPointF(x, swatch.top() - 2), QPointF(x, swatch.bottom() + 2))

"""Draw a ``BarChart`` or ``TimelineChart`` into a pyqtgraph ``PlotItem`` (the screen).

The exported image is painted by ``chart_paint`` from the same model objects, with the same
ticks (``model.ticks``), marks and colours (``chart_theme``). Importing this module imports
pyqtgraph (≈0.75 s): the window loads it after its first paint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPen

from legend_gui.model.captions import shorten_middle
from legend_gui.model.chart import BarChart, TimelineChart
from legend_gui.model.status import FigureState, is_count_unit
from legend_gui.model.ticks import date_ticks, fitting_value_ticks, value_ticks
from legend_gui.model.timeline import labels_below
from legend_gui.model.vocab import Qualifier
from legend_gui.ui.chart_theme import DARK, LIGHT, ChartTheme
from legend_gui.ui.context_draw import draw_context_marks
from legend_gui.ui.display_text import shown

__all__ = ["DARK", "LIGHT", "BarGeometry", "ChartTheme", "draw_bar_chart", "draw_timeline"]

pg.setConfigOptions(antialias=True)  # crisp text and lines; the scenes are small
DAY = 86_400.0


class ValueAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """Round ticks with thousands separators (never ``1e+06``); whole numbers for counts."""

    def __init__(self, orientation: str, **options: Any) -> None:
        super().__init__(orientation, **options)
        self.integer = False
        # The labels are whole numbers; pyqtgraph's scaling would add "(x1e+09)" to the
        # axis title for labels it did not scale.
        self.enableAutoSIPrefix(False)

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        if maxVal <= minVal:
            return []
        target = max(2, min(8, int(size / 90)))
        low = max(0.0, minVal)
        if self.orientation in ("top", "bottom"):  # labels side by side: as wide as they are
            metrics = QFontMetricsF(self.style.get("tickFont") or self.font())
            width_of = metrics.horizontalAdvance
            ticks = fitting_value_ticks(low, maxVal, self.integer, size, width_of, target)
        else:
            ticks = value_ticks(low, maxVal, self.integer, target)
        self._labels = {value: label for value, label in ticks}
        inside = [value for value, _ in ticks if minVal <= value <= maxVal]
        return [(1.0, inside)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        labels = getattr(self, "_labels", {})
        return [labels.get(value, "") for value in values]


class DateAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """Date ticks that suit the visible span (days, months or years), never crowded."""

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        if maxVal <= minVal:
            return []
        first = datetime.fromtimestamp(max(minVal, 0), UTC).date()
        last = datetime.fromtimestamp(max(maxVal, 0), UTC).date()
        ticks = date_ticks(first, last, max(2, int(size / 110)))
        self._labels = {timestamp(day): label for day, label in ticks}
        return [(DAY, [value for value in self._labels if minVal <= value <= maxVal])]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        labels = getattr(self, "_labels", {})
        return [labels.get(value, "") for value in values]


def _font(pixel_size: float, bold: bool = False) -> QFont:
    """Fonts in pixels, not points: the chart must not depend on the screen's DPI."""
    font = QFont()
    font.setPixelSize(max(6, round(pixel_size)))
    font.setBold(bold)
    return font


def style_plot(plot: pg.PlotItem, theme: ChartTheme, font_size: float = 12.0) -> None:
    """Axis pens, text and grid in the theme's colours (pyqtgraph ignores the Qt palette)."""
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(theme.muted))
        axis.setTextPen(pg.mkPen(theme.foreground))
        axis.setStyle(tickFont=_font(font_size), tickTextOffset=6, maxTickLevel=0)
    plot.getAxis("bottom").setStyle(hideOverlappingLabels=True)
    plot.hideButtons()
    plot.setMenuEnabled(False)


@dataclass(frozen=True, slots=True)
class BarGeometry:
    """Where each bar sits, so clicks and hovers map back to cities."""

    ys: list[float]  # y of each bar in ``chart.bars`` order
    half_height: float

    def index_at(self, y: float) -> int | None:
        for index, center in enumerate(self.ys):
            if abs(y - center) <= self.half_height + 0.1:
                return index
        return None


def _set_value_axis(
    plot: pg.PlotItem, name: str, unit: str, integer: bool, theme: ChartTheme
) -> None:
    axis = plot.getAxis(name)
    if isinstance(axis, ValueAxis):
        axis.integer = integer
    axis.setTicks(None)
    axis.setLabel(unit, color=theme.muted)


def _message(plot: pg.PlotItem, text: str, theme: ChartTheme, font_size: float) -> None:
    item = pg.TextItem(text, color=theme.muted, anchor=(0.5, 0.5))
    item.setFont(_font(font_size * 1.2))
    item.setPos(QPointF(0.5, 0.5))
    plot.addItem(item)
    for name in ("left", "bottom"):
        plot.getAxis(name).setTicks([[], []])
    plot.getViewBox().setRange(xRange=(0, 1), yRange=(0, 1), padding=0)


def draw_bar_chart(
    plot: pg.PlotItem, chart: BarChart, theme: ChartTheme, font_size: float = 12.0
) -> BarGeometry:
    """Horizontal bars, largest on top; non-exact bars hatched; whiskers for disputed figures;
    the extra selected row below a dashed rule; gaps labelled, never zero bars."""
    plot.clear()
    style_plot(plot, theme, font_size)
    bars = chart.bars
    count = len(bars)
    ys = [float(count - 1 - i) for i in range(count)]
    half = 0.34
    counts = is_count_unit(chart.unit) and not chart.settings.per_capita
    _set_value_axis(plot, "bottom", chart.unit, counts, theme)
    if not bars:
        plot.getAxis("bottom").setLabel("")
        _message(plot, chart.message or "Nothing to show.", theme, font_size)
        return BarGeometry([], half)
    ends = [bar.high or bar.value for bar in bars if bar.value is not None]
    peak = max(ends) if ends else 1.0
    peak = peak if peak > 0 else 1.0
    drawn = [(y, bar) for y, bar in zip(ys, bars, strict=True) if bar.value is not None]
    if drawn:
        brushes, pens = [], []
        for _y, bar in drawn:
            color = theme.color("bar_selected" if bar.selected else "bar")
            if bar.exact:
                brushes.append(QBrush(color))
                pens.append(QPen(color.darker(115), 0))
            else:
                brushes.append(QBrush(color, Qt.BrushStyle.BDiagPattern))
                pen = QPen(color, 1.6)
                pen.setCosmetic(True)
                pens.append(pen)
        plot.addItem(
            pg.BarGraphItem(
                x0=[0.0] * len(drawn),
                y=[y for y, _ in drawn],
                height=half * 2,
                width=[bar.value for _, bar in drawn],
                brushes=brushes,
                pens=pens,
            )
        )
    disputed = [(y, bar) for y, bar in drawn if bar.low is not None and bar.high is not None]
    if disputed:
        plot.addItem(
            pg.ErrorBarItem(
                x=np.array([bar.value for _, bar in disputed], dtype=float),
                y=np.array([y for y, _ in disputed], dtype=float),
                left=np.array([(bar.value or 0) - (bar.low or 0) for _, bar in disputed]),
                right=np.array([(bar.high or 0) - (bar.value or 0) for _, bar in disputed]),
                beam=half * 0.8,
                pen=pg.mkPen(theme.foreground, width=1.6),
            )
        )
    for y, bar in zip(ys, bars, strict=True):
        if bar.value is None:
            text = pg.TextItem(bar.text, color=theme.muted, anchor=(0, 0.5))
            italic = _font(font_size)
            italic.setItalic(True)
            text.setFont(italic)
            text.setPos(QPointF(peak * 0.008, y))  # clear of the axis line
        else:
            ink = theme.bar_selected if bar.selected else theme.foreground
            text = pg.TextItem(bar.text, color=ink, anchor=(0, 0.5))
            text.setFont(_font(font_size, bold=bar.selected))
            text.setPos(QPointF(max(bar.value, bar.high or 0.0), y))
        plot.addItem(text)
        if bar.extra and y < count - 1:
            rule = pg.InfiniteLine(
                pos=y + 0.5, angle=0, pen=pg.mkPen(theme.muted, style=Qt.PenStyle.DashLine)
            )
            plot.addItem(rule)
    left = plot.getAxis("left")
    left.setTicks(
        [[(y, shown(shorten_middle(bar.row_label))) for y, bar in zip(ys, bars, strict=True)], []]
    )
    left.setLabel("")
    plot.showGrid(x=True, y=False, alpha=theme.grid_alpha)
    x_max = peak * 1.3  # room for the value labels to the right of the longest bar
    view = plot.getViewBox()
    # Zoom and pan run along the cities only: the value axis stays from 0 to past the longest
    # bar, so every bar keeps its baseline and its value label (a zoomed value axis cut bars
    # off at the left and made a small difference look large).
    view.setLimits(yMin=-1, yMax=max(count, 1), minYRange=min(3.0, max(count, 1)))
    view.setMouseEnabled(x=False, y=True)
    reset_bar_view(plot, count, x_max)
    return BarGeometry(ys, half)


def reset_bar_view(plot: pg.PlotItem, count: int, x_max: float) -> None:
    plot.getViewBox().setRange(
        # A sliver left of 0, so the axis can print its "0" and the bars do not touch it.
        xRange=(-x_max * 0.012, x_max),
        yRange=(-0.6, max(count, 1) - 0.4),
        padding=0,
        update=True,
    )


def timestamp(day: date) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()


def mark_snapshot(plot: pg.PlotItem, day: date, theme: ChartTheme) -> None:
    """The snapshot the detail pane shows, as a thin line on the timeline (a click on a point
    moves it there)."""

    plot.addItem(
        pg.InfiniteLine(
            pos=timestamp(day),
            angle=90,
            pen=pg.mkPen(theme.bar_selected, width=1, style=Qt.PenStyle.DotLine),
            label="details",
            labelOpts={"color": theme.bar_selected, "position": 0.97},
        )
    )


def draw_timeline(
    plot: pg.PlotItem, chart: TimelineChart, theme: ChartTheme, font_size: float = 12.0
) -> list[float]:
    """Points joined by lines; open symbols for non-exact values; whiskers for disputes; the
    launch date marked and the span before it shaded; dates without a figure ticked."""
    plot.clear()
    style_plot(plot, theme, font_size)
    counts = is_count_unit(chart.unit) and not chart.settings.per_capita
    _set_value_axis(plot, "left", chart.unit, counts, theme)
    plot.getAxis("bottom").setTicks(None)
    xs = [timestamp(p.day) for p in chart.points]
    ys = [p.value for p in chart.points]
    if not xs:
        plot.getAxis("left").setLabel("")
        _message(plot, chart.message, theme, font_size)
        return xs
    days = [timestamp(day) for day in chart.axis_days()]
    first, last = min(days), max(days)
    span = max(last - first, DAY * 30)
    top = max(p.high or p.value for p in chart.points)
    top = top if top > 0 else 1.0
    if chart.launch_date is not None and timestamp(chart.launch_date) > first:
        region = pg.LinearRegionItem(
            values=(first - span, timestamp(chart.launch_date)),
            movable=False,
            brush=pg.mkBrush(theme.shade),
            pen=pg.mkPen(None),
        )
        region.setZValue(-10)
        plot.addItem(region)
    plot.addItem(pg.PlotDataItem(xs, ys, pen=pg.mkPen(theme.bar, width=2)))
    disputed = [(x, p) for x, p in zip(xs, chart.points, strict=True) if p.low is not None]
    if disputed:
        plot.addItem(
            pg.ErrorBarItem(
                x=np.array([x for x, _ in disputed], dtype=float),
                y=np.array([p.value for _, p in disputed], dtype=float),
                bottom=np.array([p.value - (p.low or 0) for _, p in disputed], dtype=float),
                top=np.array([(p.high or 0) - p.value for _, p in disputed], dtype=float),
                beam=span * 0.01,
                pen=pg.mkPen(theme.foreground, width=1.6),
            )
        )
    # Exact values as filled dots, non-exact ones as open rings (explained in the legend).
    for exact, size, fill, width in ((True, 9, theme.bar, 1), (False, 10, theme.background, 2)):
        chosen = [
            (x, y)
            for x, y, p in zip(xs, ys, chart.points, strict=True)
            if (p.qualifier is Qualifier.EXACT) == exact
        ]
        if chosen:
            plot.addItem(
                pg.ScatterPlotItem(
                    [x for x, _ in chosen],
                    [y for _, y in chosen],
                    size=size,
                    brush=pg.mkBrush(fill),
                    pen=pg.mkPen(theme.bar, width=width),
                )
            )
    gaps = [timestamp(g.day) for g in chart.gaps if g.state is FigureState.NOT_REPORTED]
    if gaps:
        plot.addItem(
            pg.ScatterPlotItem(
                gaps, [0.0] * len(gaps), symbol="|", size=10, pen=pg.mkPen(theme.muted, width=1.5)
            )
        )
    sides = labels_below(xs, span / 18, [y >= top * 0.12 for y in ys])  # room: above 12 %
    for n, (x, y, point, below) in enumerate(zip(xs, ys, chart.points, sides, strict=True)):
        # The first label starts at its point and the last ends at it, so neither reaches
        # past the plot's edge (where the axis would hide its first digits).
        across = 0.5 if len(xs) == 1 else 0.0 if n == 0 else 1.0 if n == len(xs) - 1 else 0.5
        label = pg.TextItem(
            point.text, color=theme.foreground, anchor=(across, -0.35 if below else 1.3)
        )
        label.setFont(_font(font_size))
        label.setPos(QPointF(x, y))
        plot.addItem(label)
    if chart.launch_date is not None:
        plot.addItem(
            pg.InfiniteLine(
                pos=timestamp(chart.launch_date),
                angle=90,
                pen=pg.mkPen(theme.muted, style=Qt.PenStyle.DashLine),
                label="launch",
                labelOpts={"color": theme.muted, "position": 0.92},
            )
        )
    draw_context_marks(plot, chart, theme, timestamp)
    plot.showGrid(x=True, y=True, alpha=theme.grid_alpha)
    view = plot.getViewBox()
    view.setMouseEnabled(x=True, y=True)
    view.setLimits(xMin=first - span, xMax=last + span, yMin=-top * 0.1, yMax=top * 3)
    view.setRange(  # a little room below 0 so the first point is not drawn on the axis
        xRange=(first - span * 0.05, last + span * 0.05),
        yRange=(-top * 0.05, top * 1.18),
        padding=0,
    )
    return xs

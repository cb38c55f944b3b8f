"""Draw a ``BarChart`` or ``TimelineChart`` into a pyqtgraph ``PlotItem``.

Used by the on-screen chart and by the exporter, with a theme each, so what is exported is what
is shown. Importing this module imports pyqtgraph (≈0.75 s): the window loads it after its first
paint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen

from legend_gui.model.chart import BarChart, TimelineChart
from legend_gui.model.vocab import Qualifier

pg.setConfigOptions(antialias=True)  # crisp text and lines; the scenes are small


@dataclass(frozen=True, slots=True)
class ChartTheme:
    background: str
    foreground: str
    muted: str
    bar: str
    bar_selected: str
    grid_alpha: float = 0.25

    def color(self, name: str, alpha: int = 255) -> QColor:
        color = QColor(getattr(self, name))
        color.setAlpha(alpha)
        return color


LIGHT = ChartTheme(
    background="#ffffff",
    foreground="#1f2328",
    muted="#6e7781",
    bar="#3465a4",
    bar_selected="#e07b00",
)
DARK = ChartTheme(
    background="#1e1f22",
    foreground="#e6e6e6",
    muted="#9aa0a6",
    bar="#6fa8dc",
    bar_selected="#ffa94d",
)


def _font(pixel_size: float, bold: bool = False) -> QFont:
    """Fonts in pixels, not points: an export must not depend on the screen's or image's DPI."""
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
    # The label of the first tick ("0") sits half outside the axis; pyqtgraph would hide it.
    plot.getAxis("bottom").setStyle(hideOverlappingLabels=False)
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


def draw_bar_chart(
    plot: pg.PlotItem, chart: BarChart, theme: ChartTheme, font_size: float = 12.0
) -> BarGeometry:
    """Horizontal bars, largest on top; non-exact bars hatched; gaps labelled, never zero bars."""
    plot.clear()
    style_plot(plot, theme, font_size)
    bars = chart.bars
    count = len(bars)
    ys = [float(count - 1 - i) for i in range(count)]
    half = 0.34
    values = [bar.value for bar in bars if bar.value is not None]
    peak = max(values) if values else 1.0
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
                hatch = QBrush(color, Qt.BrushStyle.BDiagPattern)
                brushes.append(hatch)
                pen = QPen(color, 1.6)
                pen.setCosmetic(True)
                pens.append(pen)
        item = pg.BarGraphItem(
            x0=[0.0] * len(drawn),
            y=[y for y, _ in drawn],
            height=half * 2,
            width=[bar.value for _, bar in drawn],
            brushes=brushes,
            pens=pens,
        )
        plot.addItem(item)
    label_font = _font(font_size)
    for y, bar in zip(ys, bars, strict=True):
        if bar.value is None:
            text = pg.TextItem(bar.text, color=theme.muted, anchor=(0, 0.5))
            text.setFont(_italic(label_font))
            text.setPos(QPointF(peak * 0.008, y))  # clear of the axis line
        else:
            ink = theme.bar_selected if bar.selected else theme.foreground
            text = pg.TextItem(bar.text, color=ink, anchor=(0, 0.5))
            text.setFont(_font(font_size, bold=bar.selected))
            text.setPos(QPointF(bar.value, y))
        plot.addItem(text)
    left = plot.getAxis("left")
    left.setTicks([[(y, _short(bar.label)) for y, bar in zip(ys, bars, strict=True)], []])
    bottom = plot.getAxis("bottom")
    bottom.setTicks(None)
    plot.showGrid(x=True, y=False, alpha=theme.grid_alpha)
    x_max = peak * 1.22  # room for the value labels to the right of the longest bar
    view = plot.getViewBox()
    view.setLimits(
        xMin=-x_max * 0.02, xMax=x_max * 4, yMin=-1, yMax=max(count, 1), minXRange=peak / 50
    )
    view.setMouseEnabled(x=True, y=count > 12)
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


def _italic(font: QFont) -> QFont:
    font = QFont(font)
    font.setItalic(True)
    return font


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _timestamp(day: date) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()


def draw_timeline(
    plot: pg.PlotItem, chart: TimelineChart, theme: ChartTheme, font_size: float = 12.0
) -> list[float]:
    """Points joined by lines; open symbols for non-exact values; the launch date marked."""
    plot.clear()
    style_plot(plot, theme, font_size)
    left = plot.getAxis("left")
    left.setTicks(None)
    left.setStyle(hideOverlappingLabels=False)
    xs = [_timestamp(p.day) for p in chart.points]
    ys = [p.value for p in chart.points]
    if xs:
        plot.addItem(pg.PlotDataItem(xs, ys, pen=pg.mkPen(theme.bar, width=2)))
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
        span = max(xs) - min(xs) if len(xs) > 1 else 1.0
        below = False
        for index, (x, y, point) in enumerate(zip(xs, ys, chart.points, strict=True)):
            # Points close in time would print their labels over each other: alternate sides.
            crowded = index > 0 and x - xs[index - 1] < span / 18
            below = not below if crowded else False
            anchor = (0.5, -0.35) if below else (0.5, 1.3)
            label = pg.TextItem(point.text, color=theme.foreground, anchor=anchor)
            label.setFont(_font(font_size))
            label.setPos(QPointF(x, y))
            plot.addItem(label)
    if chart.launch_date is not None:
        launch = pg.InfiniteLine(
            pos=_timestamp(chart.launch_date),
            angle=90,
            pen=pg.mkPen(theme.muted, style=Qt.PenStyle.DashLine),
            label="launch",
            labelOpts={"color": theme.muted, "position": 0.92},
        )
        plot.addItem(launch)
    plot.showGrid(x=True, y=True, alpha=theme.grid_alpha)
    view = plot.getViewBox()
    view.setMouseEnabled(x=True, y=True)
    all_x = [*xs, *([_timestamp(chart.launch_date)] if chart.launch_date else [])]
    if all_x:
        span = max(max(all_x) - min(all_x), 86_400 * 7)
        top = max(ys) if ys else 1.0
        view.setLimits(
            xMin=min(all_x) - span,
            xMax=max(all_x) + span,
            yMin=-max(top, 1) * 0.1,
            yMax=max(top, 1) * 3,
        )
        view.setRange(  # a little room below 0 so the first point is not drawn on the axis
            xRange=(min(all_x) - span * 0.06, max(all_x) + span * 0.06),
            yRange=(-max(top, 1) * 0.05, max(top, 1) * 1.18),
            padding=0,
        )
    return xs

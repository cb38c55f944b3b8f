"""Paint a ``BarChart`` (and, in ``timeline_paint``, a ``TimelineChart``) with plain ``QPainter``
calls, for PNG and SVG.

Why not pyqtgraph's scene: it draws bars and lines in data coordinates inside a large scaling
transform with cosmetic (non-scaling) pens, which Qt's SVG writer expresses as
``vector-effect: non-scaling-stroke``; librsvg, ImageMagick and Inkscape ignore that and draw
the bars as blobs. Here every shape is placed in device units with ordinary pens, hatching is
drawn as line segments (no pattern brushes) and text stays text, so the SVG renders the same in
Qt, browsers and librsvg, and the PNG is the same picture.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from legend_gui.model.captions import shorten_middle
from legend_gui.model.chart import Bar, BarChart
from legend_gui.model.status import is_count_unit
from legend_gui.model.ticks import fitting_value_ticks
from legend_gui.ui.chart_theme import LIGHT
from legend_gui.ui.context_draw import paint_context_swatch
from legend_gui.ui.display_text import shown

INK = LIGHT.color("foreground")
MUTED = QColor("#57606a")  # darker than the screen's muted grey: print needs the contrast
GRID = LIGHT.color("grid")
BAR = LIGHT.color("bar")
SELECTED = LIGHT.color("bar_selected")
WHISKER = LIGHT.color("foreground")
SHADE = LIGHT.color("shade")
FONT_PX = 13.0


def font(pixels: float = FONT_PX, bold: bool = False, italic: bool = False) -> QFont:
    result = QFont()
    result.setPixelSize(max(1, round(pixels)))
    result.setBold(bold)
    result.setItalic(italic)
    return without_ligatures(result)


def without_ligatures(result: QFont) -> QFont:
    """No "fi" ligature: in a PDF or SVG it stays one glyph, and copied or searched text would
    read "ﬁgures" instead of "figures"."""
    for feature in ("liga", "clig"):
        result.setFeature(QFont.Tag(feature), 0)
    return result


def pen(color: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A pen that scales with the painter (never cosmetic: see the module docstring)."""
    result = QPen(color, width, style)
    result.setCosmetic(False)
    result.setCapStyle(Qt.PenCapStyle.FlatCap)
    return result


def text_width(text: str, which: QFont) -> float:
    return QFontMetricsF(which).horizontalAdvance(text)


def elide_middle(text: str, which: QFont, width: float) -> str:
    """Keep both ends (``Winston-Salem…area, NC``): the state is at the end of a name."""
    return QFontMetricsF(which).elidedText(text, Qt.TextElideMode.ElideMiddle, max(10.0, width))


def draw_text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    which: QFont,
    color: QColor,
    align: Qt.AlignmentFlag,
    wrap: bool = False,
) -> None:
    """``text`` in ``rect`` (``wrap``: on more lines where one is too short); its right-to-left
    stretches isolated (``display_text.shown``), so "תל אביב-יפו, IL" is drawn name first,
    and a name cannot carry a number across."""
    painter.setFont(which)
    painter.setPen(color)
    flags = int(align) | (int(Qt.TextFlag.TextWordWrap) if wrap else 0)
    painter.drawText(rect, flags, shown(text))


def hatch(painter: QPainter, rect: QRectF, color: QColor, spacing: float = 6.0) -> None:
    """Diagonal hatching as plain segments inside ``rect`` (pattern brushes are not portable)."""
    painter.setPen(pen(color, 1.4))
    x0, y0, x1, y1 = rect.left(), rect.top(), rect.right(), rect.bottom()
    c = x0 + y0
    while c < x1 + y1:
        c += spacing
        y_lo, y_hi = max(y0, c - x1), min(y1, c - x0)
        if y_lo < y_hi:
            painter.drawLine(QPointF(c - y_hi, y_hi), QPointF(c - y_lo, y_lo))


def draw_whisker(painter: QPainter, a: QPointF, b: QPointF, cap: float, horizontal: bool) -> None:
    """The range of the reports: a line from the lowest to the highest, with end caps."""
    painter.setPen(pen(WHISKER, 1.6))
    painter.drawLine(a, b)
    for end in (a, b):
        if horizontal:
            painter.drawLine(QPointF(end.x(), end.y() - cap), QPointF(end.x(), end.y() + cap))
        else:
            painter.drawLine(QPointF(end.x() - cap, end.y()), QPointF(end.x() + cap, end.y()))


def draw_key(painter: QPainter, items: list[tuple[str, str]], right: float, top: float) -> float:
    """A key at the top right: ``(kind, text)`` with kind ``selected``/``hatched``/``whisker``/
    ``gap``/``shade``; returns its height. Every mark the plot uses is explained here."""
    if not items:
        return 0.0
    small = font(12)
    x = right
    for kind, text in reversed(items):
        x -= text_width(text, small) + 6
        draw_text(
            painter, QRectF(x, top, text_width(text, small) + 4, 16), text, small, MUTED,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )  # fmt: skip
        swatch = QRectF(x - 20, top + 3, 16, 10)
        if kind == "selected":
            painter.fillRect(swatch, SELECTED)
        elif kind == "bar":
            painter.fillRect(swatch, BAR)
        elif kind == "hatched":
            painter.setBrush(Qt.BrushStyle.NoBrush)
            hatch(painter, swatch, BAR, 4.0)
            painter.setPen(pen(BAR, 1.2))
            painter.drawRect(swatch)
        elif kind == "whisker":
            draw_whisker(painter, QPointF(swatch.left(), swatch.center().y()),
                         QPointF(swatch.right(), swatch.center().y()), 4, True)  # fmt: skip
        elif kind == "shade":
            painter.fillRect(swatch, SHADE)
        elif kind == "context":
            paint_context_swatch(painter, swatch)
        elif kind == "gap":
            painter.setPen(pen(MUTED, 1.5))
            painter.drawLine(QPointF(swatch.center().x(), swatch.top()),
                             QPointF(swatch.center().x(), swatch.bottom()))  # fmt: skip
        x -= 34
    return 18.0


def _value_axis(
    painter: QPainter, ticks: list[tuple[float, str]], to_x: object, plot: QRectF, title: str
) -> None:
    small = font(12)
    assert callable(to_x)
    for value, label in ticks:
        x = to_x(value)
        painter.setPen(pen(GRID, 1.0))
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        width = text_width(label, small) + 4
        draw_text(
            painter, QRectF(x - width / 2, plot.bottom() + 4, width, 16), label, small, INK,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
        )  # fmt: skip
    painter.setPen(pen(MUTED, 1.0))
    painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    draw_text(
        painter, QRectF(plot.left(), plot.bottom() + 21, plot.width(), 16), title, small, MUTED,
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
    )  # fmt: skip


def _bar_key(chart: BarChart) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    highlighted = chart.highlighted
    if highlighted is not None:
        items.append(("selected", shorten_middle(highlighted.label)))  # the key stays short
    if any(not bar.exact for bar in chart.plotted):
        items.append(("hatched", "not given as exact"))
    if any(bar.disputed for bar in chart.plotted):
        items.append(("whisker", f"range of {'same-basis counts' if chart.context else 'reports'}"))
    return items


def paint_bars(painter: QPainter, chart: BarChart, area: QRectF) -> None:
    """Horizontal bars, largest on top; the extra selected row below a dashed rule; gaps as
    labelled rows (never zero bars); whiskers for disputed figures; a key for every mark."""
    painter.save()
    key_height = draw_key(painter, _bar_key(chart), area.right(), area.top())
    top = area.top() + key_height + (6 if key_height else 0)
    if not chart.bars:
        draw_text(
            painter, QRectF(area.left(), top, area.width(), area.bottom() - top),
            chart.message or "Nothing to show.", font(16, italic=True), MUTED,
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
        )  # fmt: skip
        painter.restore()
        return
    label_font, bold = font(), font(bold=True)
    labels = [bar.row_label for bar in chart.bars]
    label_room = min(max(text_width(t, bold) for t in labels) + 12, area.width() * 0.34)
    peak = max([b.high or b.value or 0.0 for b in chart.plotted] + [0.0])
    counts = is_count_unit(chart.unit) and not chart.settings.per_capita
    room = area.width() - label_room - 8

    def plot_width(scale_max: float) -> float:
        """As wide as lets every value label end inside the area; a label too long for 60 %
        of the room is wrapped there (``_paint_bar``)."""
        width = room
        for bar in chart.bars:
            end = (bar.high or bar.value or 0.0) / scale_max
            label = min(text_width(bar.text, bold), room * 0.6) + 14
            if end > 0:
                width = min(width, (room - label) / end)
        return width

    # Ticks that fit the plot as it would be if the axis ended at the peak: ending at the
    # last tick instead only widens it.
    top_value = peak if peak > 0 else 1.0
    width_of = QFontMetricsF(font(12)).horizontalAdvance
    ticks = fitting_value_ticks(0.0, top_value, counts, plot_width(top_value), width_of)
    scale_max = max(peak, ticks[-1][0]) or 1.0
    width = plot_width(scale_max)
    plot = QRectF(
        area.left() + label_room, top, max(40.0, width), max(30.0, area.bottom() - top - 40)
    )

    def to_x(value: float) -> float:
        return plot.left() + plot.width() * value / scale_max

    _value_axis(painter, ticks, to_x, plot, chart.unit)
    row = plot.height() / len(chart.bars)
    half = min(row * 0.32, 26.0)
    for index, bar in enumerate(chart.bars):
        center = plot.top() + row * (index + 0.5)
        if bar.extra and index > 0:
            painter.setPen(pen(MUTED, 1.0, Qt.PenStyle.DashLine))
            rule_y = plot.top() + row * index
            painter.drawLine(QPointF(area.left(), rule_y), QPointF(plot.right(), rule_y))
        name_font = bold if bar.selected else label_font
        draw_text(
            painter, QRectF(area.left(), center - row / 2, label_room - 8, row),
            elide_middle(labels[index], name_font, label_room - 10), name_font,
            INK,  # bold marks it; the colour is for the bar and its key
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        )  # fmt: skip
        _paint_bar(
            painter,
            bar,
            plot,
            to_x,
            center,
            half,
            QRectF(area.left(), center - row / 2, area.width(), row),
        )
    painter.restore()


def _paint_bar(
    painter: QPainter,
    bar: Bar,
    plot: QRectF,
    to_x: object,
    center: float,
    half: float,
    row: QRectF,
) -> None:
    """One bar in ``row`` (the whole width the bar's row may use), its value label after it."""
    assert callable(to_x)
    if bar.value is None:
        draw_text(
            painter, QRectF(plot.left() + 6, center - 10, plot.width(), 20), bar.text,
            font(italic=True), MUTED, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )  # fmt: skip
        return
    color = SELECTED if bar.selected else BAR
    rect = QRectF(QPointF(plot.left(), center - half), QPointF(to_x(bar.value), center + half))
    if bar.exact:
        painter.fillRect(rect, color)
    else:
        hatch(painter, rect, color)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(pen(color, 1.6))
        painter.drawRect(rect)
    end = rect.right()
    if bar.low is not None and bar.high is not None:
        draw_whisker(
            painter, QPointF(to_x(bar.low), center), QPointF(to_x(bar.high), center), half * 0.6,
            True,
        )  # fmt: skip
        end = max(end, to_x(bar.high))
    draw_text(  # a long disputed value goes on more lines in its row, never off the image
        painter, QRectF(end + 5, row.top(), row.right() - end - 5, row.height()), bar.text,
        font(bold=bar.selected), SELECTED if bar.selected else INK,
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, wrap=True,
    )  # fmt: skip
    painter.setBrush(QBrush())

"""The fact sheet's two small charts, drawn with QPainter in points (``unit`` device units
each): the city among the others on one metric, and the city's reports of it over time.
Simple on purpose: a printed page needs no interactive plot."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from legend_gui.model.fact_sheet import CHART_CITIES, FactSheet, SheetBar
from legend_gui.model.formatting import QUALIFIER_WORDS, format_date, format_number, format_value
from legend_gui.model.vocab import Qualifier

INK, MUTED, RULE = QColor("#1a1a1a"), QColor("#5f6368"), QColor("#c8ccd0")
BAR, SUBJECT = QColor("#a7b1bc"), QColor("#1f5fa8")


def sheet_font(size: float, bold: bool = False) -> QFont:
    """The sheet's font at ``size`` points, without ligatures: a PDF keeps "fi" as one glyph
    otherwise, and copied or searched text would read "ﬁgures"."""
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    for feature in ("liga", "clig"):
        font.setFeature(QFont.Tag(feature), 0)
    return font


def _ordinal(rank: int) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def bar_chart(painter: QPainter, sheet: FactSheet, box: QRectF, size: float, unit: float) -> None:
    """Each city's most recent figure of the chart's metric, the sheet's city in colour."""
    metric = sheet.chart_metric
    if metric is None:
        return
    painter.save()
    painter.setFont(sheet_font(size, bold=True))
    line = QFontMetricsF(painter.font()).height()
    painter.setPen(INK)
    painter.drawText(
        QRectF(box.left(), box.top(), box.width(), line),
        QFontMetricsF(painter.font()).elidedText(
            f"{metric.label} ({metric.unit})", Qt.TextElideMode.ElideRight, box.width()
        ),
    )
    painter.setFont(sheet_font(size * 0.85))
    small = QFontMetricsF(painter.font())
    shown = len(sheet.bars)
    top_n, reporting = min(shown, CHART_CITIES), sheet.reporting_cities
    caption = f"each city's most recent figure: the top {top_n} of {reporting} cities reporting it"
    if top_n == reporting:
        caption = f"each city's most recent figure ({reporting} cities report it)"
    painter.setPen(MUTED)
    painter.drawText(QRectF(box.left(), box.top() + line, box.width(), small.height()), caption)
    top = box.top() + line + small.height() * 1.4
    hatched = any(bar.qualifier is not Qualifier.EXACT for bar in sheet.bars)
    bottom = box.bottom() - (small.height() * 1.2 if hatched else 0)
    step = min((bottom - top) / max(shown, 1), small.height() * 1.6)  # few bars stay slim
    label_width = box.width() * 0.3
    value_width = max((small.horizontalAdvance(_bar_text(b)) for b in sheet.bars), default=0.0)
    span = box.width() - label_width - value_width - 4 * unit
    largest = max((bar.value for bar in sheet.bars), default=0.0) or 1.0
    for i, bar in enumerate(sheet.bars):
        y = top + i * step
        label = bar.label if bar.rank <= CHART_CITIES else f"{bar.label}, {_ordinal(bar.rank)}"
        painter.setFont(sheet_font(size * 0.85, bold=bar.is_subject))
        painter.setPen(INK)
        room = label_width - 3 * unit
        painter.drawText(
            QRectF(box.left(), y, room, step),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            # Cut in the middle, with an ellipsis: a name cut at its start reads as another.
            QFontMetricsF(painter.font()).elidedText(label, Qt.TextElideMode.ElideMiddle, room),
        )
        rect = QRectF(
            box.left() + label_width, y + step * 0.15, span * bar.value / largest, step * 0.7
        )
        colour = SUBJECT if bar.is_subject else BAR
        painter.fillRect(rect, colour)
        if bar.qualifier is not Qualifier.EXACT:
            painter.fillRect(rect, QBrush(QColor("white"), Qt.BrushStyle.BDiagPattern))
            painter.setPen(QPen(colour, 0.5 * unit))
            painter.drawRect(rect)
        painter.setFont(sheet_font(size * 0.85))
        painter.setPen(INK if bar.is_subject else MUTED)
        painter.drawText(
            QRectF(rect.right() + 2 * unit, y, value_width + unit, step),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            _bar_text(bar),
        )
    if hatched:
        words = sorted(
            {QUALIFIER_WORDS[b.qualifier] for b in sheet.bars} - {QUALIFIER_WORDS[Qualifier.EXACT]}
        )
        painter.setPen(MUTED)
        painter.drawText(
            QRectF(box.left(), bottom, box.width(), small.height() * 1.2),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            f"Hatched: not exact ({', '.join(words)})",
        )
    painter.restore()


def _bar_text(bar: SheetBar) -> str:
    return f"{format_value(bar.value, bar.qualifier)} · {format_date(bar.day)}"


def timeline(painter: QPainter, sheet: FactSheet, box: QRectF, size: float, unit: float) -> None:
    """The city's figures of the chart's metric over time: filled dots are exact figures."""
    metric, history = sheet.chart_metric, sheet.history
    if metric is None or not history:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(sheet_font(size, bold=True))
    line = QFontMetricsF(painter.font()).height()
    painter.setPen(INK)
    title = QFontMetricsF(painter.font()).elidedText(
        f"{metric.label} over time", Qt.TextElideMode.ElideRight, box.width()
    )
    painter.drawText(QRectF(box.left(), box.top(), box.width(), line), title)
    painter.setFont(sheet_font(size * 0.85))
    small = QFontMetricsF(painter.font())
    caption = "each report as announced"
    if any(point.figure.qualifier is not Qualifier.EXACT for point in history):
        caption += "; hollow: not exact"
    painter.setPen(MUTED)
    painter.drawText(QRectF(box.left(), box.top() + line, box.width(), small.height()), caption)
    plot = QRectF(
        box.left()
        + small.horizontalAdvance(format_number(max(p.figure.value for p in history)))
        + 3 * unit,
        box.top() + line + small.height() * 2.2,
        0,
        0,
    )
    plot.setRight(box.right() - 4 * unit)
    plot.setBottom(box.bottom() - small.height() * 1.4)
    first, last = history[0].day, history[-1].day
    days = max((last - first).days, 1)
    top_value = max(p.figure.value for p in history) or 1.0

    def at(index: int) -> QPointF:
        point = history[index]
        x = plot.left() + plot.width() * (
            (point.day - first).days / days if len(history) > 1 else 0.5
        )
        return QPointF(x, plot.bottom() - plot.height() * point.figure.value / top_value)

    painter.setPen(QPen(RULE, 0.6 * unit))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.bottomLeft(), plot.topLeft())
    painter.setPen(MUTED)
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for value, y in ((0.0, plot.bottom()), (top_value, plot.top())):
        label_box = QRectF(
            box.left(), y - small.height() / 2, plot.left() - box.left() - 2 * unit, small.height()
        )
        painter.drawText(label_box, right, format_number(value))
    below = plot.bottom() + 0.3 * small.height()
    painter.drawText(
        QRectF(plot.left(), below, plot.width(), small.height()),
        Qt.AlignmentFlag.AlignLeft,
        format_date(first),
    )
    if len(history) > 1:
        painter.drawText(
            QRectF(plot.left(), below, plot.width(), small.height()),
            Qt.AlignmentFlag.AlignRight,
            format_date(last),
        )
    painter.setPen(QPen(SUBJECT, 1.0 * unit))
    for i in range(1, len(history)):
        painter.drawLine(at(i - 1), at(i))
    radius = 1.8 * unit
    for i, point in enumerate(history):
        exact = point.figure.qualifier is Qualifier.EXACT
        painter.setBrush(SUBJECT if exact else QColor("white"))
        painter.drawEllipse(at(i), radius, radius)
    latest = history[-1].figure
    painter.setPen(INK)
    end = at(len(history) - 1)
    label = format_value(latest.value, latest.qualifier)
    width = small.horizontalAdvance(label) + unit
    painter.drawText(
        QRectF(end.x() - width, end.y() - small.height() * 1.3, width, small.height()),
        Qt.AlignmentFlag.AlignRight,
        label,
    )
    painter.restore()

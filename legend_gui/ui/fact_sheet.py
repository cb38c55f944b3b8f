"""A city's one-page fact sheet as PDF (``legend-gui sheet``, File ▸ Save Fact Sheet as PDF) or
on a printer (File ▸ Print Fact Sheet), painted with QPainter so text stays text.

What the sheet says comes from ``model.fact_sheet``; this module only lays it out: header,
a bar chart and a timeline drawn with QPainter, the figures table, warnings, numbered sources
with links, the data's caveats and a citation. Everything is sized in points and shrunk as a
whole until it fits one page (A4 or Letter, chosen from the locale by default).
"""

from __future__ import annotations

import os
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from legend_gui.fileio import atomic_write_bytes
from legend_gui.model.fact_sheet import CHART_CITIES, FactSheet, SheetBar, build_fact_sheet
from legend_gui.model.formatting import QUALIFIER_WORDS, format_date, format_number, format_value
from legend_gui.model.queries import Catalog
from legend_gui.model.vocab import Qualifier

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

INK, MUTED, RULE = QColor("#1a1a1a"), QColor("#5f6368"), QColor("#c8ccd0")
BAR, SUBJECT, LINK = QColor("#a7b1bc"), QColor("#1f5fa8"), "#1f5fa8"
MARGIN_MM = 14.0
_BASE_PT, _MIN_PT = 9.5, 5.0  # body text: tried from the first down to the second


def default_page_size(locale: QLocale | None = None) -> QPageSize.PageSizeId:
    """Letter where paper is Letter (US measurement system, the US and Canada), else A4."""
    locale = locale or QLocale()
    letter = (QLocale.Territory.UnitedStates, QLocale.Territory.Canada)
    if (
        locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
        or locale.territory() in letter
    ):
        return QPageSize.PageSizeId.Letter
    return QPageSize.PageSizeId.A4


def write_fact_sheet_pdf(
    catalog: Catalog,
    city_id: str,
    target: str | os.PathLike[str] | QIODevice,
    page_size: QPageSize.PageSizeId | None = None,
) -> None:
    """Write ``city_id``'s sheet as a one-page PDF to a file (atomically) or an open device.

    ``KeyError`` for an unknown city; ``fileio.WriteError`` when the file cannot be written.
    """
    sheet = build_fact_sheet(catalog, city_id)
    if isinstance(target, QIODevice):
        _write_pdf(sheet, target, page_size)
        return
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    _write_pdf(sheet, buffer, page_size)
    buffer.close()
    atomic_write_bytes(target, bytes(buffer.data().data()))


def _write_pdf(sheet: FactSheet, device: QIODevice, page_size: QPageSize.PageSizeId | None) -> None:
    writer = QPdfWriter(device)
    writer.setResolution(600)
    writer.setTitle(f"{sheet.title}: {sheet.dataset_title}")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(page_size or default_page_size()),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    _paint_on(writer, sheet)


def print_fact_sheet(catalog: Catalog, city_id: str, printer: QPrinter) -> None:
    """Paint ``city_id``'s sheet on a printer the caller set up (e.g. with QPrintDialog)."""
    _paint_on(printer, build_fact_sheet(catalog, city_id))


def _paint_on(device: QPagedPaintDevice, sheet: FactSheet) -> None:
    painter = QPainter(device)
    try:
        paint_fact_sheet(painter, sheet, QRectF(0, 0, device.width(), device.height()))
    finally:
        painter.end()


# -- layout -------------------------------------------------------------------------------------
def paint_fact_sheet(painter: QPainter, sheet: FactSheet, area: QRectF) -> None:
    """Lay the sheet out in ``area`` (device units) at the largest text size that fits, and
    paint it; below the smallest size the whole page is scaled down (still vector text)."""
    device = painter.device()
    unit = device.logicalDpiY() / 72.0  # device units per point
    size = _BASE_PT
    while True:
        head, table, foot = (
            _document(html, device, area.width(), size) for html in _html(sheet, size)
        )
        chart = 11 * size * unit  # the chart band grows and shrinks with the text
        gap = 0.8 * size * unit
        total = head.size().height() + chart + table.size().height() + foot.size().height()
        total += 3 * gap
        if total <= area.height() or size <= _MIN_PT:
            break
        size -= 0.25
    painter.save()
    painter.translate(area.topLeft())
    if total > area.height():
        factor = area.height() / total
        painter.scale(factor, factor)
    y = _draw(painter, head, 0.0) + gap
    half = (area.width() - 2 * size * unit) / 2
    _bar_chart(painter, sheet, QRectF(0, y, half, chart), size, unit)
    _timeline(painter, sheet, QRectF(area.width() - half, y, half, chart), size, unit)
    y = _draw(painter, table, y + chart + gap) + gap
    _draw(painter, foot, y)
    painter.restore()


def _document(html: str, device: QPagedPaintDevice, width: float, size: float) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    font = QFont()
    font.setPointSizeF(size)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setDefaultStyleSheet(
        f"a {{ color: {LINK}; text-decoration: none; }} .muted {{ color: {MUTED.name()}; }}"
        f" p {{ margin-top: 0; margin-bottom: {_px(size * 0.25)}; }}"
        f" .title {{ font-size: {size * 2.4:.2f}pt; font-weight: bold; }}"
        f" .heading {{ font-size: {size * 1.15:.2f}pt; font-weight: bold; }}"
        f" th {{ text-align: left; color: {MUTED.name()}; font-weight: normal; }}"
    )
    document.setHtml(html)
    document.setTextWidth(width)
    return document


def _draw(painter: QPainter, document: QTextDocument, y: float) -> float:
    painter.save()
    painter.translate(0, y)
    document.drawContents(painter)
    painter.restore()
    return y + document.size().height()


def _sup(numbers: tuple[int, ...]) -> str:
    return f"<sup>[{',&nbsp;'.join(map(str, numbers))}]</sup>" if numbers else ""


def _px(points: float) -> str:
    """A CSS length for Qt's rich text, which takes margins in px (1/96 in) and ignores pt."""
    return f"{points * 96 / 72:.2f}px"


def _heading(text: str, size: float) -> str:
    """A section heading with room above it (Qt's rich text takes the margin inline only)."""
    return f"<p class='heading' style='margin-top: {_px(size * 0.8)}'>{escape(text)}</p>"


def _html(sheet: FactSheet, size: float) -> tuple[str, str, str]:
    """The three text blocks: header, figures table, and the notes below it."""
    facts = " &nbsp;·&nbsp; ".join(
        f"<span class='muted'>{escape(label)}</span> {escape(text)}{_sup(notes)}"
        for label, text, notes in sheet.facts
    )
    head = (
        f"<p class='muted'>{escape(sheet.dataset_title)}</p>"
        f"<p class='title'>{escape(sheet.title)}</p><p>{facts}</p>"
    )
    rows = []
    for i, row in enumerate(sheet.rows):
        shade = " bgcolor='#f1f3f4'" if i % 2 else ""
        value = (
            f"<b>{escape(row.value_text)}</b>" if row.figure else f"<i>{escape(row.value_text)}</i>"
        )
        if row.others_text:
            value += f"<br><span class='muted'>{escape(row.others_text)}</span>"
        day = format_date(row.day) if row.day else ""
        rows.append(
            f"<tr{shade}><td>{escape(row.metric.label)}</td><td>{value}{_sup(row.notes)}</td>"
            f"<td>{escape(day).replace(' ', '&nbsp;')}</td><td>{escape(row.change_text)}</td></tr>"
        )
    table = (
        "<table width='100%' cellspacing='0' cellpadding='1.5'>"
        "<tr><th width='31%'>Figure</th><th width='29%'>Most recent value</th>"
        "<th width='13%'>As of</th><th>Change since previous report</th></tr>"
        + "".join(rows)
        + "</table>"
    )
    parts = []
    if sheet.warnings:
        parts.append(_heading("Data warnings", size))
        parts += [f"<p>⚠ {escape(warning)}</p>" for warning in sheet.warnings]
    parts.append(_heading("Sources", size))
    for number, source in sheet.footnotes:
        title = f", “{escape(source.title)}”" if source.title else ""
        when = f", {format_date(source.published)}" if source.published else ""
        url = escape(source.url, quote=True)
        parts.append(
            f"<p>[{number}] {escape(source.publisher)}{title}{when}: <a href='{url}'>{url}</a></p>"
        )
    parts.append(_heading("About the data", size))
    parts.append(f"<p>{escape(sheet.caveats)}</p>")
    if sheet.licence:
        parts.append(f"<p class='muted'>{escape(sheet.licence)}</p>")
    parts.append(f"<p><b>Cite:</b> {escape(sheet.citation)}</p>")
    return head, table, "".join(parts)


# -- charts -------------------------------------------------------------------------------------
def _font(size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _ordinal(rank: int) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def _bar_chart(painter: QPainter, sheet: FactSheet, box: QRectF, size: float, unit: float) -> None:
    """Each city's most recent figure of the chart's metric, the sheet's city in colour."""
    metric = sheet.chart_metric
    if metric is None:
        return
    painter.save()
    painter.setFont(_font(size, bold=True))
    line = QFontMetricsF(painter.font()).height()
    painter.setPen(INK)
    painter.drawText(
        QRectF(box.left(), box.top(), box.width(), line),
        QFontMetricsF(painter.font()).elidedText(
            f"{metric.label} ({metric.unit})", Qt.TextElideMode.ElideRight, box.width()
        ),
    )
    painter.setFont(_font(size * 0.85))
    small = QFontMetricsF(painter.font())
    shown = len(sheet.bars)
    top_n = min(shown, CHART_CITIES)
    caption = (
        f"each city's most recent figure: the top {top_n} of {sheet.reporting_cities} cities "
        "reporting it"
    )
    painter.setPen(MUTED)
    painter.drawText(QRectF(box.left(), box.top() + line, box.width(), small.height()), caption)
    top = box.top() + line + small.height() * 1.4
    hatched = any(bar.qualifier is not Qualifier.EXACT for bar in sheet.bars)
    bottom = box.bottom() - (small.height() * 1.2 if hatched else 0)
    step = (bottom - top) / max(shown, 1)
    label_width = box.width() * 0.3
    value_width = max((small.horizontalAdvance(_bar_text(b)) for b in sheet.bars), default=0.0)
    span = box.width() - label_width - value_width - 4 * unit
    largest = max((bar.value for bar in sheet.bars), default=0.0) or 1.0
    for i, bar in enumerate(sheet.bars):
        y = top + i * step
        label = bar.label if bar.rank <= CHART_CITIES else f"{bar.label}, {_ordinal(bar.rank)}"
        painter.setFont(_font(size * 0.85, bold=bar.is_subject))
        painter.setPen(INK)
        painter.drawText(
            QRectF(box.left(), y, label_width - 3 * unit, step),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            label,
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
        painter.setFont(_font(size * 0.85))
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


def _timeline(painter: QPainter, sheet: FactSheet, box: QRectF, size: float, unit: float) -> None:
    """The city's figures of the chart's metric over time: filled dots are exact figures."""
    metric, history = sheet.chart_metric, sheet.history
    if metric is None or not history:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(_font(size, bold=True))
    line = QFontMetricsF(painter.font()).height()
    painter.setPen(INK)
    title = QFontMetricsF(painter.font()).elidedText(
        f"{metric.label} over time", Qt.TextElideMode.ElideRight, box.width()
    )
    painter.drawText(QRectF(box.left(), box.top(), box.width(), line), title)
    painter.setFont(_font(size * 0.85))
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

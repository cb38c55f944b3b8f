"""A city's one-page fact sheet as PDF (``legend-gui sheet``, File ▸ Save Fact Sheet as PDF) or
on a printer (File ▸ Print Fact Sheet), painted with QPainter so text stays text.

What the sheet says comes from ``model.fact_sheet``; this module only lays it out: header,
a bar chart and a timeline drawn with QPainter, the figures table, warnings, numbered sources
with links, the data's caveats and a citation. Everything is sized in points and shrunk as a
whole until it fits one page (A4 or Letter, chosen from the locale by default).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QRectF
from PySide6.QtGui import (
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from legend_gui.fileio import atomic_write_bytes
from legend_gui.model.fact_sheet import FactSheet, build_fact_sheet
from legend_gui.model.formatting import format_date
from legend_gui.model.queries import Catalog
from legend_gui.ui.fact_sheet_charts import MUTED, SUBJECT, bar_chart, sheet_font, timeline

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

LINK = SUBJECT.name()
MARGIN_MM = 14.0
_BASE_PT, _MIN_PT = 9.5, 5.0  # body text: tried from the first down to the second


def default_page_size(locale: QLocale | None = None) -> QPageSize.PageSizeId:
    """Letter where paper is Letter (US measurement system, the US and Canada), else A4."""
    locale = locale or QLocale()
    letter = (QLocale.Country.UnitedStates, QLocale.Country.Canada)
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
    if isinstance(target, QIODevice):
        _write_pdf(build_fact_sheet(catalog, city_id), target, page_size)
        return
    atomic_write_bytes(target, fact_sheet_pdf_bytes(catalog, city_id, page_size))


def fact_sheet_pdf_bytes(
    catalog: Catalog, city_id: str, page_size: QPageSize.PageSizeId | None = None
) -> bytes:
    """``city_id``'s one-page sheet as PDF bytes (``KeyError`` for an unknown city)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    _write_pdf(build_fact_sheet(catalog, city_id), buffer, page_size)
    buffer.close()
    return bytes(buffer.data().data())


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
@dataclass(frozen=True, slots=True)
class _Layout:
    size: float  # body text, points
    head: QTextDocument
    table: QTextDocument
    foot: QTextDocument
    chart: float  # device units, as are the rest
    gap: float
    total: float


def _layout(sheet: FactSheet, device: QPaintDevice, width: float, size: float) -> _Layout:
    unit = device.logicalDpiY() / 72.0  # device units per point
    head, table, foot = (_document(html, device, width, size) for html in _html(sheet, size))
    chart = 11 * size * unit  # the chart band grows and shrinks with the text
    gap = 0.8 * size * unit
    blocks = head.size().height() + table.size().height() + foot.size().height()
    return _Layout(size, head, table, foot, chart, gap, blocks + chart + 3 * gap)


def paint_fact_sheet(painter: QPainter, sheet: FactSheet, area: QRectF) -> None:
    """Lay the sheet out in ``area`` (device units) at the largest text size that fits, and
    paint it; below the smallest size the whole page is scaled down (still vector text)."""
    device = painter.device()
    steps = int((_BASE_PT - _MIN_PT) / 0.25)
    low, high = 0, steps  # sizes _MIN_PT + 0.25 * i; the height grows with the size
    best = _layout(sheet, device, area.width(), _MIN_PT)
    while low < high:  # the largest size that fits, in a few layouts rather than one per step
        middle = (low + high + 1) // 2
        trial = _layout(sheet, device, area.width(), _MIN_PT + 0.25 * middle)
        if trial.total <= area.height():
            best, low = trial, middle
        else:
            high = middle - 1
    size, unit, chart = best.size, device.logicalDpiY() / 72.0, best.chart
    painter.save()
    painter.translate(area.topLeft())
    if best.total > area.height():
        factor = area.height() / best.total
        painter.scale(factor, factor)
    y = _draw(painter, best.head, 0.0) + best.gap
    half = (area.width() - 2 * size * unit) / 2
    bar_chart(painter, sheet, QRectF(0, y, half, chart), size, unit)
    timeline(painter, sheet, QRectF(area.width() - half, y, half, chart), size, unit)
    y = _draw(painter, best.table, y + chart + best.gap) + best.gap
    _draw(painter, best.foot, y)
    painter.restore()


def _document(html: str, device: QPaintDevice, width: float, size: float) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDefaultFont(sheet_font(size))
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
    # the description's paragraphs are separated by blank lines (data/README.md)
    parts += [f"<p>{escape(para.strip())}</p>" for para in sheet.caveats.split("\n\n") if para]
    if sheet.licence:
        parts.append(f"<p class='muted'>{escape(sheet.licence)}</p>")
    parts.append(f"<p><b>Cite:</b> {escape(sheet.citation)}</p>")
    return head, table, "".join(parts)

"""The Table view painted for an export (PNG, SVG): the header and as many rows as fit, in
the export's order (the chosen metric, largest first), with plain painter calls only, so the
SVG keeps text as text. A note says how many rows are not shown; the CSV has them all."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from legend_gui.model.city_table import Kind
from legend_gui.model.status import FigureState
from legend_gui.model.table_figure import TableFigure

INK = QColor("#1f2328")
MUTED = QColor("#6e7781")
RULE = QColor("#d0d7de")
STRIPE = QColor("#f6f8fa")
FONT_PX = 13.0
#: An image shows at most this many rows (the CSV has every city).
MAX_ROWS = 60


def _font(bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(round(FONT_PX))
    font.setBold(bold)
    return font


def paint_table(painter: QPainter, figure: TableFigure, rect: QRectF) -> None:
    """Paint ``figure``'s header and the rows that fit into ``rect``."""
    table = figure.table
    body, bold = _font(), _font(bold=True)
    metrics, bold_metrics = QFontMetricsF(body), QFontMetricsF(bold)
    line = metrics.height() + 6
    header_height = 2 * bold_metrics.height() + 8
    columns = list(range(len(table.columns)))
    # widths: the widest of each header line and cell; a table wider than the image is drawn
    # smaller as a whole (never cut): the scale also lets more rows fit
    candidates = figure.rows[:MAX_ROWS]
    widths = []
    for col in columns:
        header_lines = table.columns[col].header.split("\n")
        width = max(bold_metrics.horizontalAdvance(text) for text in header_lines)
        for row in candidates:
            width = max(width, metrics.horizontalAdvance(table.text(row, col)))
        widths.append(width + 14)
    scale = min(1.0, rect.width() / sum(widths)) if widths else 1.0
    painter.save()
    painter.setClipRect(rect)
    painter.translate(rect.topLeft())
    painter.scale(scale, scale)
    rect = QRectF(0, 0, rect.width() / scale, rect.height() / scale)
    capacity = max(0, int((rect.height() - header_height - line) // line))
    rows = candidates[:capacity]
    x = rect.left()
    painter.setFont(bold)
    painter.setPen(INK)
    for col, width in zip(columns, widths, strict=True):
        column = table.columns[col]
        align = Qt.AlignmentFlag.AlignLeft if column.metric is None else Qt.AlignmentFlag.AlignRight
        painter.drawText(
            QRectF(x + 5, rect.top(), width - 10, header_height),
            int(align | Qt.AlignmentFlag.AlignBottom),
            column.header,
        )
        x += width
    y = rect.top() + header_height + 2
    painter.setPen(QPen(INK, 1))
    painter.drawLine(int(rect.left()), int(y), int(rect.left() + sum(widths)), int(y))
    painter.setFont(body)
    for index, row in enumerate(rows):
        top = y + index * line
        if index % 2:
            painter.fillRect(QRectF(rect.left(), top, sum(widths), line), STRIPE)
        x = rect.left()
        for col, width in zip(columns, widths, strict=True):
            column = table.columns[col]
            gap = column.kind is Kind.VALUE and table.state(row, column) is not FigureState.REPORTED
            painter.setPen(MUTED if gap else INK)
            align = (
                Qt.AlignmentFlag.AlignLeft if column.metric is None else Qt.AlignmentFlag.AlignRight
            )
            text = metrics.elidedText(table.text(row, col), Qt.TextElideMode.ElideRight, width - 10)
            painter.drawText(
                QRectF(x + 5, top, width - 10, line),
                int(align | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
            x += width
    hidden = len(figure.rows) - len(rows)
    if hidden > 0:
        painter.setPen(MUTED)
        painter.drawText(
            QRectF(rect.left() + 5, y + len(rows) * line, rect.width(), line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            f"… and {hidden:,} more cities (the CSV export has every row).",
        )
    painter.setPen(QPen(RULE, 1))
    painter.drawLine(
        int(rect.left()),
        int(y + len(rows) * line),
        int(rect.left() + sum(widths)),
        int(y + len(rows) * line),
    )
    painter.restore()

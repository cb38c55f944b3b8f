"""Render a chart to a publishable image: PNG, SVG or PDF, explicit size, always the light theme.

The image stands on its own in an article: title, subtitle (snapshot or date range), the plot,
the qualifier legend, notes, the source line and a small "Legend Viewer" mark. The same
``paint_chart`` draws PNG, SVG and PDF, for the window's Export and for ``legend-gui export``, so
they give the same picture for the same settings (SVG and PDF keep text as text).

Why not pyqtgraph's ``ImageExporter`` or ``SVGExporter``: the first reports failure by returning
``False``, paints into a non-premultiplied image (Qt's slow path) and knows nothing of captions
(PITFALLS 1.1, PERFORMANCE.md); pyqtgraph's scenes use non-scaling strokes that librsvg and
Inkscape draw as blobs. Here ``chart_paint`` draws the plot with plain painter calls.
"""

from __future__ import annotations

from typing import TypeAlias

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QImageWriter,
    QPainter,
    QTextLayout,
    QTextOption,
)

from legend_gui import APP_NAME, __version__
from legend_gui.model.chart import BarChart, TimelineChart
from legend_gui.model.export_options import ViewFigure
from legend_gui.model.table_figure import TableFigure
from legend_gui.ui.display_text import shown

#: Layout is designed at this width and scaled up: a 3508-px A4 export looks like a 1200-px one,
#: only sharper, instead of tiny text on a huge canvas.
DESIGN_WIDTH = 1200.0
DESIGN_HEIGHT = 675.0
#: Small images shrink the layout too, but text below 60 % of its design size is unreadable.
MIN_SCALE = 0.6
#: "Larger text for print": the layout is designed on a canvas this much smaller, so every
#: text and line comes out this much larger.
LARGE_TEXT_FACTOR = 1.3
MARGIN = 28.0
INK = QColor("#1f2328")
MUTED = QColor("#57606a")
BACKGROUND = QColor("#ffffff")

Chart: TypeAlias = ViewFigure


class RenderError(RuntimeError):
    pass


def _font(pixels: float, bold: bool = False) -> QFont:
    from legend_gui.ui.chart_paint import without_ligatures

    font = QFont()
    font.setPixelSize(round(pixels))
    font.setBold(bold)
    return without_ligatures(font)


#: Most lines the title, the subtitle and the dataset's name may take: a paragraph-long metric
#: label or dataset title is cut with "…" instead of pushing the plot off the image.
TITLE_LINES, SUBTITLE_LINES, DATA_LINES = 3, 2, 2


def _wrapping() -> QTextOption:
    """Wrap at spaces, and inside a word only when it is longer than the line (a 300-letter
    name has no space to wrap at, and must not run past the margin)."""
    option = QTextOption(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return option


def _wrapped_lines(text: str, font: QFont, width: float) -> tuple[int, float]:
    """How many lines ``text`` wraps into at ``width``, and their height."""
    if not text:
        return 0, 0.0
    layout = QTextLayout(shown(text), font)
    layout.setTextOption(_wrapping())
    layout.beginLayout()
    count, height = 0, 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        line.setPosition(QPointF(0, height))
        count, height = count + 1, height + line.height()
    layout.endLayout()
    return count, height


def _wrapped_height(text: str, font: QFont, width: float) -> float:
    return _wrapped_lines(text, font, width)[1]


def clamped(text: str, font: QFont, width: float, lines: int) -> str:
    """``text`` as it fits in ``lines`` wrapped lines of ``width``: whole, or cut with "…"."""
    if _wrapped_lines(text, font, width)[0] <= lines:
        return text
    low, high = 0, len(text)  # the longest start of the text that fits with its "…"
    while low < high:
        middle = (low + high + 1) // 2
        if _wrapped_lines(text[:middle].rstrip() + "…", font, width)[0] <= lines:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _draw_text(
    painter: QPainter, text: str, font: QFont, color: QColor, top: float, width: float
) -> float:
    """Draw wrapped ``text`` at ``top``, right-to-left stretches isolated; returns the height
    used. A word longer than the line is broken (a 300-character name has no spaces to
    spare), so the text never runs past the margin."""
    if not text:
        return 0.0
    height = _wrapped_height(text, font, width)
    painter.setFont(font)
    painter.setPen(color)
    painter.drawText(QRectF(MARGIN, top, width, height + 2), shown(text), _wrapping())
    return height


def footer_lines(chart: Chart, font: QFont | None = None, width: float = 0.0) -> list[str]:
    """Legend, notes, every source (wrapped, never cut), and the dataset the figures are from
    with its licence (``chart.attribution``; the title alone on a chart built without it), cut
    after ``DATA_LINES`` lines of ``width`` when a ``font`` is given."""
    data = chart.attribution or (f"Data: {chart.dataset_title}." if chart.dataset_title else "")
    if data and font is not None:
        data = clamped(data, font, width, DATA_LINES)
    lines = (chart.legend_line(), *chart.notes, chart.source_line(), data)
    return [line for line in lines if line]


def paint_chart(
    painter: QPainter, chart: Chart, width: int, height: int, large_text: bool = False
) -> None:
    """Paint the whole figure into ``painter``'s device of ``width`` × ``height`` pixels."""
    scale = max(MIN_SCALE, min(width / DESIGN_WIDTH, height / DESIGN_HEIGHT))
    if large_text:
        scale *= LARGE_TEXT_FACTOR
    logical_w, logical_h = width / scale, height / scale
    painter.save()
    painter.scale(scale, scale)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRectF(0, 0, logical_w, logical_h), BACKGROUND)
    text_width = logical_w - 2 * MARGIN

    top = MARGIN * 0.8
    for text, font, color, most, gap in (
        (chart.title, _font(24, bold=True), INK, TITLE_LINES, 4),
        (chart.subtitle, _font(15), MUTED, SUBTITLE_LINES, 10),
    ):
        top += _draw_text(painter, clamped(text, font, text_width, most), font, color, top,
                          text_width) + gap  # fmt: skip

    footer_font = _font(12.5)
    lines = footer_lines(chart, footer_font, text_width)
    footer_height = sum(_wrapped_height(line, footer_font, text_width) + 3 for line in lines)
    brand_height = 16.0
    plot_bottom = logical_h - MARGIN * 0.6 - footer_height - brand_height - 8
    plot_rect = QRectF(MARGIN, top, logical_w - 2 * MARGIN, max(60.0, plot_bottom - top))
    _paint_plot(painter, chart, plot_rect)

    y = plot_rect.bottom() + 8
    for line in lines:
        y += _draw_text(painter, line, footer_font, MUTED, y, text_width) + 3
    painter.setFont(_font(11))
    painter.setPen(MUTED)
    painter.drawText(
        QRectF(MARGIN, logical_h - MARGIN * 0.6 - brand_height, text_width, brand_height),
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
        f"Made with {APP_NAME}",
    )
    painter.restore()


def _paint_plot(painter: QPainter, chart: Chart, target: QRectF) -> None:
    """The plot itself, drawn with plain painter calls (``chart_paint``), not pyqtgraph's
    scene: the same picture in PNG and in an SVG any renderer draws alike."""
    from legend_gui.ui.chart_paint import paint_bars
    from legend_gui.ui.timeline_paint import paint_timeline

    if isinstance(chart, BarChart):
        paint_bars(painter, chart, target)
    elif isinstance(chart, TimelineChart):
        paint_timeline(painter, chart, target)
    elif isinstance(chart, TableFigure):
        from legend_gui.ui.table_paint import paint_table

        paint_table(painter, chart, target)
    else:
        from legend_gui.ui.map_draw import LIGHT_MAP, paint_map

        paint_map(painter, chart.chart, target, LIGHT_MAP, font_px=13)


def chart_image(chart: Chart, width: int, height: int, large_text: bool = False) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise RenderError(f"cannot make an image of {width} × {height} pixels (out of memory?)")
    image.fill(BACKGROUND)
    painter = QPainter(image)
    try:
        paint_chart(painter, chart, width, height, large_text)
    finally:
        painter.end()
    image.setText("Title", chart.title)
    image.setText("Description", chart.subtitle)
    image.setText("Source", chart.source_line())
    image.setText("Software", f"{APP_NAME} {__version__}")
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):  # Qt reports failure by return value, not exception
        raise RenderError("the image could not be encoded as PNG")
    return bytes(data.data())


def chart_png(chart: Chart, width: int, height: int, large_text: bool = False) -> bytes:
    """The chart as PNG bytes, with title and source as PNG text metadata."""
    return png_bytes(chart_image(chart, width, height, large_text))


def chart_svg(chart: Chart, width: int, height: int, large_text: bool = False) -> bytes:
    from PySide6.QtSvg import QSvgGenerator

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(width, height))
    # 96 dpi is the CSS pixel: without it Qt writes the size in mm at 72 dpi, and a browser or
    # a word processor shows a "1200 px" SVG 1600 px wide.
    generator.setResolution(96)
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setTitle(chart.title)
    generator.setDescription(f"{chart.subtitle}. {chart.source_line()}")
    painter = QPainter()
    if not painter.begin(generator):
        raise RenderError("the SVG could not be started")
    try:
        paint_chart(painter, chart, width, height, large_text)
    finally:
        painter.end()
    return bytes(data.data())


def chart_pdf(chart: Chart, width: int, height: int, large_text: bool = False) -> bytes:
    """The chart as a one-page vector PDF of ``width`` × ``height`` CSS pixels (1/96 in), text
    as text, painted by the same ``paint_chart`` as PNG and SVG."""
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(96)  # one device unit is one CSS pixel: the layout PNG and SVG get
    writer.setTitle(chart.title)
    writer.setCreator(f"{APP_NAME} {__version__}")
    page = QPageSize(
        QSizeF(width * 0.75, height * 0.75),
        QPageSize.Unit.Point,
        "",
        QPageSize.SizeMatchPolicy.ExactMatch,
    )
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(writer):
        raise RenderError("the PDF could not be started")
    try:
        paint_chart(painter, chart, width, height, large_text)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def chart_bytes(chart: Chart, fmt: str, width: int, height: int, large_text: bool = False) -> bytes:
    """The chart as a ``png``, ``svg`` or ``pdf`` file's bytes: the one switch on the format
    that the window's Export and ``legend-gui export`` share."""
    makers = {"png": chart_png, "svg": chart_svg, "pdf": chart_pdf}
    if fmt not in makers:
        raise RenderError(f"not an image format: {fmt}")
    return makers[fmt](chart, width, height, large_text)

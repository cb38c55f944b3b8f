"""File ▸ Export Chart…, File ▸ Export Data (CSV)… and Edit ▸ Copy Chart.

The writing itself is ``legend_gui.export`` (shared with ``legend-gui export``), so a chart
exported from the window and one exported from the command line with the same settings are the
same file. This module only asks the questions: the options dialog (format, size, live preview)
is reached through the injectable dialog service (``window.dialogs.ask_export_options``), then
the save path (``window.dialogs.save_file``), then, if the file exists, one confirmation of ours.
Tests replace the service, so nothing here can block a test on a modal loop (PITFALLS 3.3).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from legend_gui import export
from legend_gui.model.chart import BarChart, ChartSettings, TimelineChart
from legend_gui.model.queries import Catalog

if TYPE_CHECKING:
    from legend_gui.ui.main_window import MainWindow
    from legend_gui.ui.settings import AppSettings

#: format id → (name shown in the dialog, file-dialog filter)
FORMATS: dict[str, tuple[str, str]] = {
    "png": ("PNG image", "PNG image (*.png)"),
    "svg": ("SVG drawing (scalable)", "SVG drawing (*.svg)"),
    "csv": ("CSV table of the plotted values", "CSV table (*.csv)"),
}
MIN_SIDE, MAX_SIDE = 16, 20_000
CLIPBOARD_SIZE = (1600, 900)
#: Under this the fixed-size caption leaves the plot little room (the layout is designed at
#: 1200 × 675 and only scaled up), so the dialog says so.
SMALL_SIZE = (800, 450)
#: The preview is rendered at most this wide: the layout is designed at 1200 px and scaled up
#: (render.DESIGN_WIDTH), so a 1200-px render of a 3508-px export looks the same, only smaller.
PREVIEW_RENDER_WIDTH = 1200
PREVIEW_RENDER_MAX_HEIGHT = 3000
PREVIEW_SIZE = (480, 300)
PREVIEW_DELAY_MS = 150
STATUS_MS = 6000


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What the export dialog asks: the format (``png``, ``svg``, ``csv``) and the pixel size."""

    format: str = "png"
    width: int = export.DEFAULT_SIZE[0]
    height: int = export.DEFAULT_SIZE[1]

    @property
    def suffix(self) -> str:
        return f".{self.format}"

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)


def initial_options(settings: AppSettings) -> ExportOptions:
    """The last choices (remembered in settings), or PNG at the default size."""
    fmt = settings.text("export/format", "png")
    return ExportOptions(
        format=fmt if fmt in FORMATS else "png",
        width=settings.number("export/width", export.DEFAULT_SIZE[0], MIN_SIDE, MAX_SIDE),
        height=settings.number("export/height", export.DEFAULT_SIZE[1], MIN_SIDE, MAX_SIDE),
    )


def remember_options(settings: AppSettings, options: ExportOptions) -> None:
    settings.set("export/format", options.format)
    settings.set("export/width", options.width)
    settings.set("export/height", options.height)


# -- the options dialog ---------------------------------------------------------------------
class ExportChartDialog(QDialog):
    """Format, size (presets or custom) and a live, debounced preview of the exported image.

    Signals: ``preview_rendered()`` each time the preview was redrawn (tests wait on it).
    """

    preview_rendered = Signal()

    def __init__(
        self,
        catalog: Catalog,
        settings: ChartSettings,
        initial: ExportOptions | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Chart")
        self._catalog = catalog
        self._chart: BarChart | TimelineChart = export.build_chart(catalog, settings)
        self._syncing = False
        self.render_count = 0  # how many previews were rendered (the debounce is tested)
        initial = initial or ExportOptions()

        self.format_box = QComboBox()
        for fmt, (name, _filter) in FORMATS.items():
            self.format_box.addItem(name, fmt)
        self.format_box.setAccessibleName("File format")

        self.size_box = QComboBox()
        for label, _width, _height in export.SIZE_PRESETS:
            self.size_box.addItem(label)
        self.size_box.addItem("Custom")
        self.size_box.setAccessibleName("Image size")

        self.width_box = QSpinBox()
        self.height_box = QSpinBox()
        for box, name in ((self.width_box, "Width"), (self.height_box, "Height")):
            box.setRange(MIN_SIDE, MAX_SIDE)
            box.setSuffix(" px")
            box.setAccessibleName(f"{name} in pixels")
            box.setKeyboardTracking(False)  # typing "1920" is one change, not four
        pixels = QHBoxLayout()
        pixels.addWidget(self.width_box)
        pixels.addWidget(QLabel("×"))
        pixels.addWidget(self.height_box)
        pixels.addStretch(1)

        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.note_label.setAccessibleName("About this export")

        form = QFormLayout()
        format_label = QLabel("&Format")
        format_label.setBuddy(self.format_box)
        size_label = QLabel("&Size")
        size_label.setBuddy(self.size_box)
        pixels_label = QLabel("&Pixels")
        pixels_label.setBuddy(self.width_box)
        form.addRow(format_label, self.format_box)
        form.addRow(size_label, self.size_box)
        form.addRow(pixels_label, pixels)

        self.preview_label = QLabel()
        self.preview_label.setFixedSize(*PREVIEW_SIZE)
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_label.setAccessibleName("Preview")
        self.preview_label.setAccessibleDescription("A small preview of the exported chart")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Export…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.note_label)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.render_preview)

        self.set_options(initial)
        self.format_box.currentIndexChanged.connect(self._on_format_changed)
        self.size_box.currentIndexChanged.connect(self._on_preset_changed)
        self.width_box.valueChanged.connect(self._on_pixels_changed)
        self.height_box.valueChanged.connect(self._on_pixels_changed)
        self.schedule_preview()

    # -- state ------------------------------------------------------------------------------
    def options(self) -> ExportOptions:
        return ExportOptions(
            format=self.format_box.currentData(),
            width=self.width_box.value(),
            height=self.height_box.value(),
        )

    def set_options(self, options: ExportOptions) -> None:
        self._syncing = True
        try:
            index = self.format_box.findData(options.format)
            self.format_box.setCurrentIndex(max(0, index))
            self.width_box.setValue(options.width)
            self.height_box.setValue(options.height)
            self._select_matching_preset()
        finally:
            self._syncing = False
        self._update_enabled()
        self.schedule_preview()

    def _select_matching_preset(self) -> None:
        size = (self.width_box.value(), self.height_box.value())
        presets = [(width, height) for _label, width, height in export.SIZE_PRESETS]
        custom = self.size_box.count() - 1
        self.size_box.setCurrentIndex(presets.index(size) if size in presets else custom)

    def _update_enabled(self) -> None:
        image = self.format_box.currentData() != "csv"
        for widget in (self.size_box, self.width_box, self.height_box):
            widget.setEnabled(image)
        if image:
            width, height = self.width_box.value(), self.height_box.value()
            text = (
                f"{width:,} × {height:,} pixels, light background, with title, legend and "
                "sources: ready to publish. Text and lines grow with the image."
            )
            if width < SMALL_SIZE[0] or height < SMALL_SIZE[1]:
                text += (
                    f" Below {SMALL_SIZE[0]:,} × {SMALL_SIZE[1]:,} the caption crowds the "
                    "plot: check the preview."
                )
            self.note_label.setText(text)
        else:
            rows = len(
                self._chart.bars if isinstance(self._chart, BarChart) else self._chart.points
            )
            self.note_label.setText(
                f"The {rows:,} plotted values, one row each, with qualifier and source "
                "(cities without a figure have an empty value, never 0)."
            )

    def _on_format_changed(self, _index: int) -> None:
        if self._syncing:
            return
        self._update_enabled()
        self.schedule_preview()

    def _on_preset_changed(self, _index: int) -> None:
        if self._syncing:
            return
        index = self.size_box.currentIndex()
        if not 0 <= index < len(export.SIZE_PRESETS):  # "Custom": keep the numbers
            self.width_box.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        _label, width, height = export.SIZE_PRESETS[index]
        self._syncing = True
        try:
            self.width_box.setValue(width)
            self.height_box.setValue(height)
        finally:
            self._syncing = False
        self._update_enabled()
        self.schedule_preview()

    def _on_pixels_changed(self, _value: int) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self._select_matching_preset()
        finally:
            self._syncing = False
        self._update_enabled()
        self.schedule_preview()

    # -- preview ----------------------------------------------------------------------------
    def schedule_preview(self) -> None:
        """Re-render after a short pause: dragging through sizes renders once, at the end."""
        self._timer.start()

    def preview_pending(self) -> bool:
        return self._timer.isActive()

    def render_preview(self) -> None:
        self._timer.stop()
        options = self.options()
        self.render_count += 1
        if options.format == "csv":
            text = export.chart_csv_bytes(self._catalog, self._chart).decode("utf-8")
            lines = text.splitlines()
            shown = lines[:14] + ([f"… {len(lines) - 14:,} more rows"] if len(lines) > 14 else [])
            self.preview_label.setPixmap(QPixmap())
            font = QFont("monospace")
            font.setStyleHint(QFont.StyleHint.Monospace)
            font.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.8))
            self.preview_label.setFont(font)
            self.preview_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.preview_label.setText("\n".join(shown))
        else:
            self.preview_label.setText("")
            self.preview_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.preview_label.setPixmap(self._preview_pixmap(options.width, options.height))
        self.preview_rendered.emit()

    def _preview_pixmap(self, width: int, height: int) -> QPixmap:
        from legend_gui.ui import render

        scale = min(1.0, PREVIEW_RENDER_WIDTH / width, PREVIEW_RENDER_MAX_HEIGHT / height)
        render_w, render_h = (
            max(MIN_SIDE, round(width * scale)),
            max(MIN_SIDE, round(height * scale)),
        )
        try:
            image = render.chart_image(self._chart, render_w, render_h)
        except render.RenderError as error:
            self.preview_label.setText(f"No preview: {error}")
            return QPixmap()
        target = self.preview_label.contentsRect().size()
        small = image.scaled(
            target, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        return QPixmap.fromImage(small)


def ask_export_options(window: MainWindow, parent: QWidget | None = None) -> ExportOptions | None:
    """The real ``Dialogs.ask_export_options``: runs ``ExportChartDialog`` modally."""
    dialog = ExportChartDialog(
        window.catalog, window.chart_settings, initial_options(window.settings), parent
    )
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.options()
    finally:
        dialog.deleteLater()


# -- the actions ----------------------------------------------------------------------------
def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("._") or "chart"


def suggested_name(settings: ChartSettings, fmt: str) -> str:
    """``federal_defendants_charged-2020-10-14.png``, ``…-per-100k-…``, ``…-timeline.png``."""
    parts = [_safe(settings.metric)]
    if settings.per_capita:
        parts.append("per-100k")
    if settings.view == "timeline":
        parts += [_safe(settings.city or "national"), "timeline"]
    elif settings.snapshot is not None:
        parts.append(settings.snapshot.isoformat())
    return "-".join(parts) + f".{fmt}"


def _export_folder(window: MainWindow) -> Path:
    stored = window.settings.text("folders/export", "")
    folder = Path(stored) if stored else Path.home()
    return folder if folder.is_dir() else Path.home()


def _with_suffix(path: Path, suffixes: tuple[str, ...], default: str) -> Path:
    """Keep a known extension the user typed; otherwise append the chosen format's."""
    if path.suffix.lower() in suffixes:
        return path
    return path.with_name(path.name + default)


def _ask_target(window: MainWindow, title: str, name: str, filters: list[str]) -> Path | None:
    """The save path, or ``None``. Asks once before replacing a file (our confirmation: the
    file dialog is told not to ask, since the extension may be appended after it closed)."""
    suggested = str(_export_folder(window) / name)
    return window.dialogs.save_file(
        window, title, suggested, ";;".join(filters), confirm_overwrite=False
    )


def _confirm_replace(window: MainWindow, path: Path) -> bool:
    if not path.exists() or path.is_dir():
        return True
    return window.dialogs.confirm(
        window,
        "Replace file?",
        f"{path.name} already exists in {path.parent}.\nDo you want to replace it?",
    )


@contextmanager
def _busy() -> Iterator[None]:
    """A wait cursor while writing, restored whatever happens."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _image_filters(first: str) -> list[str]:
    return [FORMATS[first][1]] + [f for key, (_n, f) in FORMATS.items() if key != first]


def export_chart_interactively(window: MainWindow) -> Path | None:
    """File ▸ Export Chart… (Ctrl+E): options, save path, confirmation, write. Returns the
    path written, or ``None`` if the user cancelled or the export failed (the user was told)."""
    options = window.dialogs.ask_export_options(window, window)
    if options is None:
        return None
    remember_options(window.settings, options)
    settings = window.chart_settings
    chosen = _ask_target(
        window,
        "Export Chart",
        suggested_name(settings, options.format),
        [*_image_filters(options.format), "All files (*)"],
    )
    if chosen is None:
        return None
    path = _with_suffix(Path(chosen), export.CHART_FORMATS, options.suffix)
    if not _confirm_replace(window, path):
        window.statusBar().showMessage("Export cancelled: the existing file was kept", STATUS_MS)
        return None
    with _busy():
        try:
            export.export_chart(window.catalog, settings, path, options.size)
        except export.ExportError as error:
            failure = str(error)
        else:
            failure = None
    if failure is not None:
        window.dialogs.error(window, "Export failed", f"The chart was not exported: {failure}.")
        return None
    window.settings.set("folders/export", str(path.parent))
    what = (
        "chart data (CSV)"
        if path.suffix.lower() == ".csv"
        else f"chart ({options.width:,} × {options.height:,} px)"
    )
    window.statusBar().showMessage(f"Exported the {what} to {path}", STATUS_MS)
    return path


def export_data_interactively(window: MainWindow) -> Path | None:
    """File ▸ Export Data (CSV)…: every figure of the dataset in long format (``export --all``)."""
    stem = Path(window.catalog.path).stem if window.catalog.path else "legend"
    chosen = _ask_target(
        window,
        "Export Data (CSV)",
        f"{_safe(stem)}-all-figures.csv",
        [FORMATS["csv"][1], "All files (*)"],
    )
    if chosen is None:
        return None
    path = _with_suffix(Path(chosen), (".csv",), ".csv")
    if not _confirm_replace(window, path):
        window.statusBar().showMessage("Export cancelled: the existing file was kept", STATUS_MS)
        return None
    with _busy():
        try:
            count = export.write_long_csv(window.catalog, path)
        except export.ExportError as error:
            failure = str(error)
        else:
            failure = None
    if failure is not None:
        window.dialogs.error(window, "Export failed", f"The data was not exported: {failure}.")
        return None
    window.settings.set("folders/export", str(path.parent))
    window.statusBar().showMessage(f"Exported {count:,} figures to {path}", STATUS_MS)
    return path


def copy_chart_to_clipboard(window: MainWindow) -> QImage | None:
    """Edit ▸ Copy Chart (Ctrl+Shift+C): the chart at 1600 × 900, as an image and as PNG."""
    from legend_gui.ui import render

    width, height = CLIPBOARD_SIZE
    chart = export.build_chart(window.catalog, window.chart_settings)
    try:
        image = render.chart_image(chart, width, height)
        png = render.png_bytes(image)
    except render.RenderError as error:
        window.dialogs.error(window, "Copy failed", f"The chart was not copied: {error}.")
        return None
    mime = QMimeData()
    mime.setImageData(image)
    mime.setData("image/png", QByteArray(png))
    QGuiApplication.clipboard().setMimeData(mime)
    window.statusBar().showMessage(
        f"Copied the chart to the clipboard ({width:,} × {height:,} px)", STATUS_MS
    )
    return image


__all__ = [
    "FORMATS",
    "ExportChartDialog",
    "ExportOptions",
    "ask_export_options",
    "copy_chart_to_clipboard",
    "export_chart_interactively",
    "export_data_interactively",
    "suggested_name",
]

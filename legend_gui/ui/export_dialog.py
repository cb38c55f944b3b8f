"""Export Chart's options dialog: format, size (presets or custom), the text an editor may
change (title, subtitle, note, larger text for print, the highlight) and a live preview.

It is reached only through the injectable dialog service (``Dialogs.ask_export_options``), so
tests replace it and nothing here can block a test on a modal loop (PITFALLS 3.3). The export
itself is ``ui/export_actions.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from legend_gui.model.chart import ChartSettings
from legend_gui.model.csvdata import chart_csv_bytes
from legend_gui.model.export_options import (
    MAX_SIDE,
    MIN_SIDE,
    ExportOptions,
    ExportText,
    ViewFigure,
    build_chart,
    csv_rows,
)
from legend_gui.model.formatting import counted
from legend_gui.ui import render

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog

#: format id → (name shown in the dialog, file-dialog filter)
FORMATS: dict[str, tuple[str, str]] = {
    "png": ("PNG image", "PNG image (*.png)"),
    "svg": ("SVG drawing (scalable)", "SVG drawing (*.svg)"),
    "pdf": ("PDF document (vector)", "PDF document (*.pdf)"),
    "csv": ("CSV table of the plotted values", "CSV table (*.csv)"),
}
#: Presets offered in the dialog: (label, width, height).
SIZE_PRESETS: tuple[tuple[str, int, int], ...] = (
    ("1200 × 675 (web, 16:9)", 1200, 675),
    ("1600 × 900 (web, large)", 1600, 900),
    ("1920 × 1080 (full HD)", 1920, 1080),
    ("A4 landscape, 300 dpi (3508 × 2480)", 3508, 2480),
)
#: Under this the fixed-size caption leaves the plot little room (the layout is designed at
#: 1200 × 675 and only scaled up), so the dialog says so.
SMALL_SIZE = (800, 450)
#: The preview is rendered at most this wide: the layout is designed at 1200 px and scaled up
#: (render.DESIGN_WIDTH), so a 1200-px render of a 3508-px export looks the same, only smaller.
PREVIEW_RENDER_WIDTH = 1200
PREVIEW_RENDER_MAX_HEIGHT = 3000
PREVIEW_SIZE = (480, 300)
PREVIEW_DELAY_MS = 150


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
        self._settings = settings
        self._default = build_chart(catalog, settings)  # the data's title and subtitle
        self._chart: ViewFigure = self._default
        self._syncing = False
        self.render_count = 0  # how many previews were rendered (the debounce is tested)
        initial = initial or ExportOptions()

        self.format_box = QComboBox()
        for fmt, (name, _filter) in FORMATS.items():
            self.format_box.addItem(name, fmt)
        self.format_box.setAccessibleName("File format")

        self.size_box = QComboBox()
        for label, _width, _height in SIZE_PRESETS:
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
        self._add_text_fields(form, initial.text)

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
        for edit in (self.title_edit, self.subtitle_edit, self.note_edit):
            edit.textChanged.connect(self._on_text_changed)
        for check in (self.large_text_box, self.highlight_box):
            check.toggled.connect(self._on_text_changed)
        self.schedule_preview()

    def _add_text_fields(self, form: QFormLayout, text: ExportText) -> None:
        """Title, subtitle and note (the data's by default), larger text, the highlight."""
        self.title_edit = QLineEdit(self._default.title if text.title is None else text.title)
        self.subtitle_edit = QLineEdit(
            self._default.subtitle if text.subtitle is None else text.subtitle
        )
        self.note_edit = QLineEdit(text.note)
        self.note_edit.setPlaceholderText("A note shown above the chart's own notes")
        self.large_text_box = QCheckBox("&Larger text for print", self)
        self.large_text_box.setChecked(text.large_text)
        self.highlight_box = QCheckBox("&Highlight the selected city", self)
        self.highlight_box.setChecked(text.highlight)
        has_highlight = self._settings.view == "bars" and self._settings.city is not None
        self.highlight_box.setVisible(has_highlight)
        for label, edit in (
            ("&Title", self.title_edit),
            ("S&ubtitle", self.subtitle_edit),
            ("&Note", self.note_edit),
        ):
            edit.setAccessibleName(label.replace("&", ""))
            edit.setCursorPosition(0)  # a long subtitle shows its start
            form.addRow(label, edit)
        form.addRow("", self.large_text_box)
        if has_highlight:
            form.addRow("", self.highlight_box)

    def text(self) -> ExportText:
        """The editor's text; a title or subtitle left as the data's stays ``None``."""
        title, subtitle = self.title_edit.text(), self.subtitle_edit.text()
        return ExportText(
            title=None if title == self._default.title else title,
            subtitle=None if subtitle == self._default.subtitle else subtitle,
            note=self.note_edit.text(),
            large_text=self.large_text_box.isChecked(),
            highlight=self.highlight_box.isChecked(),
        )

    def _on_text_changed(self, *_args: object) -> None:
        self._chart = build_chart(self._catalog, self._settings, self.text())
        self.schedule_preview()

    # -- state ------------------------------------------------------------------------------
    def options(self) -> ExportOptions:
        return ExportOptions(
            format=self.format_box.currentData(),
            width=self.width_box.value(),
            height=self.height_box.value(),
            text=self.text(),
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
        presets = [(width, height) for _label, width, height in SIZE_PRESETS]
        custom = self.size_box.count() - 1
        self.size_box.setCurrentIndex(presets.index(size) if size in presets else custom)

    def _update_enabled(self) -> None:
        image = self.format_box.currentData() != "csv"
        for widget in (
            self.size_box,
            self.width_box,
            self.height_box,
            self.title_edit,
            self.subtitle_edit,
            self.note_edit,
            self.large_text_box,
        ):
            widget.setEnabled(image)
        if image:
            width, height = self.width_box.value(), self.height_box.value()
            text = (
                f"{width:,} × {height:,} pixels, light background, with title, legend and "
                "sources: ready to publish. Text and lines grow with the image."
            )
            if self.format_box.currentData() in ("svg", "pdf"):
                text += " Vector: text stays text, editable and searchable."
            if width < SMALL_SIZE[0] or height < SMALL_SIZE[1]:
                text += (
                    f" Below {SMALL_SIZE[0]:,} × {SMALL_SIZE[1]:,} the caption crowds the "
                    "plot: check the preview."
                )
            self.note_label.setText(text)
        else:
            rows = csv_rows(self._chart)
            self.note_label.setText(
                f"The {counted(rows, 'plotted value')}, one row each, with qualifier and "
                "source "
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
        if not 0 <= index < len(SIZE_PRESETS):  # "Custom": keep the numbers
            self.width_box.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        _label, width, height = SIZE_PRESETS[index]
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
            text = chart_csv_bytes(self._catalog, self._chart).decode("utf-8")
            lines = text.splitlines()
            shown = lines[:14] + (
                [f"… {counted(len(lines) - 14, 'more row')}"] if len(lines) > 14 else []
            )
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
        scale = min(1.0, PREVIEW_RENDER_WIDTH / width, PREVIEW_RENDER_MAX_HEIGHT / height)
        render_w, render_h = (
            max(MIN_SIDE, round(width * scale)),
            max(MIN_SIDE, round(height * scale)),
        )
        try:
            large = self.large_text_box.isChecked()
            image = render.chart_image(self._chart, render_w, render_h, large)
        except render.RenderError as error:
            self.preview_label.setText(f"No preview: {error}")
            return QPixmap()
        target = self.preview_label.contentsRect().size()
        small = image.scaled(
            target, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        return QPixmap.fromImage(small)


def ask_export_options(
    catalog: Catalog, settings: ChartSettings, initial: ExportOptions, parent: QWidget | None
) -> ExportOptions | None:
    """The real ``Dialogs.ask_export_options``: runs ``ExportChartDialog`` modally."""
    dialog = ExportChartDialog(catalog, settings, initial, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.options()
    finally:
        dialog.deleteLater()

"""Every dialog the app shows goes through one injectable service.

Tests replace ``Dialogs`` with a recorder, so no test can ever block on a modal loop
(PITFALLS 3.3); the real implementation uses Qt's non-native dialogs only where it must.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from legend_gui.model.chart import ChartSettings
    from legend_gui.model.export_options import ExportOptions
    from legend_gui.model.queries import Catalog

#: Open non-modal boxes without a parent, kept alive until they are closed.
_open_boxes: set[QMessageBox] = set()


class Dialogs:
    """The real dialogs. Methods return what the user chose; ``None`` means cancelled."""

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        """A message the user must see; ``details`` goes behind "Show Details…" (scrollable)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # data text is never rich text
        if details:
            box.setDetailedText(details)
        box.exec()

    def error_nonblocking(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        details: str = "",
        on_closed: Callable[[], None] | None = None,
    ) -> None:
        """For the crash handler: shows the box without a nested event loop; ``on_closed`` is
        called when the user closes it."""
        box = QMessageBox(
            QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if details:
            box.setDetailedText(details)
        if parent is None:  # nothing holds a parentless box: Python would delete it at once
            _open_boxes.add(box)
            box.finished.connect(lambda _result: _open_boxes.discard(box))
        if on_closed is not None:
            box.finished.connect(lambda _result: on_closed())
        box.open()

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the text names a file: never rich text
        return box.exec() == QMessageBox.StandardButton.Yes.value

    def information(
        self, parent: QWidget | None, title: str, text: str, rich: bool = False
    ) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
        )
        box.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        box.exec()

    def open_file(self, parent: QWidget | None, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            parent, "Open data file", folder, "Legend Viewer data (*.json);;All files (*)"
        )
        return Path(name) if name else None

    def save_file(
        self,
        parent: QWidget | None,
        title: str,
        suggested: str,
        filters: str,
        *,
        confirm_overwrite: bool = True,
    ) -> Path | None:
        """``confirm_overwrite=False`` when the caller asks itself (exports append the
        extension after the dialog closed, so only they know the final name): one question."""
        options = QFileDialog.Option(0)
        if not confirm_overwrite:
            options |= QFileDialog.Option.DontConfirmOverwrite
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters, "", options)
        return Path(name) if name else None

    def ask_export_options(
        self,
        parent: QWidget | None,
        catalog: Catalog,
        settings: ChartSettings,
        initial: ExportOptions,
    ) -> ExportOptions | None:
        """Export Chart's options (format, size, with a live preview); ``None``: cancelled."""
        from legend_gui.ui.export_dialog import ask_export_options

        return ask_export_options(catalog, settings, initial, parent)

    def ask_printer(self, parent: QWidget | None) -> QPrinter | None:
        """The print dialog (File ▸ Print Fact Sheet…): the printer the user set up, or
        ``None`` if cancelled. Qt's print support is imported only now."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("Print Fact Sheet")
        return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted.value else None

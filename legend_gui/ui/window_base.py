"""What the main window does whatever data it shows: open a file dropped on it, and go full
screen. ``MainWindow`` builds on it and provides ``open_path`` and ``full_screen_action``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow


class WindowBase(QMainWindow):
    full_screen_action: QAction

    def open_path(self, path: Path) -> bool:  # pragma: no cover - MainWindow's
        raise NotImplementedError

    def toggle_full_screen(self, _checked: bool = False) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.full_screen_action.setChecked(self.isFullScreen())

    # -- files dropped on the window --------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            path = Path(urls[0].toLocalFile())
            QTimer.singleShot(0, lambda: self.open_path(path))

"""Noticing that the open data file changed on disk, once it has settled."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

#: Editors write in bursts: wait this long after the last change before saying so.
SETTLE_MS = 400
#: A save by rename leaves the path missing for a moment: look again this many times.
MAX_ATTEMPTS = 10


class FileWatcher(QObject):
    """Watches one file. Signals: ``changed(str)`` with the path, once per burst of writes
    and only when the file is there again (a save by rename replaces it)."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path: str | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._settled)
        self._attempts = 0

    def watch(self, path: str | None) -> None:
        """Watch ``path`` instead of the file watched so far (``None``: nothing)."""
        files = self._watcher.files()
        if files:
            self._watcher.removePaths(files)
        self._timer.stop()
        self._path = path
        if path and Path(path).is_file():
            self._watcher.addPath(path)

    def _on_file_changed(self, path: str) -> None:
        if path != self._path:
            return
        self._attempts = 0
        self._timer.start()

    def _settled(self) -> None:
        if self._path is None:
            return
        if not Path(self._path).is_file():  # saved by rename: the new file is not there yet
            self._attempts += 1
            if self._attempts < MAX_ATTEMPTS:
                self._timer.start()
            return
        if self._path not in self._watcher.files():
            self._watcher.addPath(self._path)  # a rename replaced the file we watched
        self.changed.emit(self._path)

"""Last-resort error handling: log every unexpected error to a file the user can send us.

Pure Python (no Qt) so the CLI can use it too; the GUI adds its dialog on top (ui/errors.py).
A windowed frozen build has no stderr, so the log file is the only place a traceback goes.
"""

from __future__ import annotations

import faulthandler
import logging
import traceback
from pathlib import Path
from typing import TextIO

from legend_gui.folders import user_folder

LOG_FILE_NAME = "legend-gui.log"
_logger = logging.getLogger("legend_gui")
_fault_stream: TextIO | None = None


def log_dir() -> Path:
    """The platform's folder for application logs (created on first use)."""
    return user_folder(
        "LEGEND_GUI_LOG_DIR",
        windows="Legend Viewer/Logs",
        macos="Logs/Legend Viewer",
        xdg=("XDG_STATE_HOME", ".local/state"),
        linux="legend-gui",
    )


def log_file() -> Path:
    return log_dir() / LOG_FILE_NAME


class RotatingLog(logging.Handler):
    """The rotating log file (1 MB × 3), made when the first record arrives: the module that
    rotates files (``logging.handlers``, which imports sockets, pickle and queues: ≈20 ms) is
    not needed for a session that logs nothing, and never before the window's first frame."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            import logging.handlers

            try:
                self._file = logging.handlers.RotatingFileHandler(
                    self.path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
                )
            except OSError:  # writable when set up, not now (a full disk, a removed folder):
                return  # this record is dropped, and the next one tries again
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def setup_logging(level: int = logging.INFO) -> Path | None:
    """A rotating log file (1 MB × 3) and faulthandler writing into it; ``None`` if unwritable."""
    global _fault_stream
    target = log_file()
    for handler in list(_logger.handlers):
        if isinstance(handler, RotatingLog):
            if handler.path.resolve() == target.resolve():
                return target
            _logger.removeHandler(handler)  # the log folder moved (tests, a changed setting)
            handler.close()
    try:
        log_dir().mkdir(parents=True, exist_ok=True)
        with open(target, "a", encoding="utf-8"):  # writable now: the file itself comes later
            pass
    except OSError:
        return None
    handler = RotatingLog(target)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    _logger.addHandler(handler)
    _logger.setLevel(level)
    try:
        stream = open(log_dir() / "faults.log", "a", encoding="utf-8")  # noqa: SIM115
        faulthandler.enable(stream)  # a hard crash (segfault) leaves its Python stack here
    except (OSError, RuntimeError):
        return target
    if _fault_stream is not None:  # the previous folder's file: faulthandler let go of it
        _fault_stream.close()
    _fault_stream = stream
    return target


def log_exception(error: BaseException) -> Path | None:
    """Write ``error`` with its traceback to the log; returns the log's path when written."""
    path = setup_logging()
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    _logger.error("unexpected error\n%s", text)
    return path

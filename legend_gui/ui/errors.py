"""Unexpected errors in the GUI: log them, tell the user once, keep running where possible."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from legend_gui.crash import log_exception, setup_logging
from legend_gui.ui.dialogs import Dialogs

_logger = logging.getLogger("legend_gui.qt")
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class CrashHandler:
    """``sys.excepthook`` for the GUI: one non-blocking dialog per burst, the rest in the log."""

    def __init__(self, dialogs: Dialogs) -> None:
        self.dialogs = dialogs
        self.showing = False
        self.count = 0

    def __call__(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        self.count += 1
        error.__traceback__ = tb
        path = log_exception(error)
        if self.showing:  # one box per burst: the rest of the burst is in the log
            return
        self.showing = True
        where = f"\n\nDetails were written to {path}." if path else ""
        try:
            self.dialogs.error_nonblocking(
                QApplication.activeWindow(),
                "Something went wrong",
                f"Legend Viewer hit an unexpected error ({kind.__name__}: {error}). Your data "
                f"is unchanged and the app keeps running.{where}",
                details="".join(traceback.format_exception(kind, error, tb)),
                on_closed=self._box_closed,
            )
        except Exception:  # no box could be shown: let the next error try again
            self.showing = False
            raise

    def _box_closed(self) -> None:
        """The user closed the box: the next error may show one again."""
        self.showing = False


def _qt_message_handler(kind: QtMsgType, _context: object, message: str) -> None:
    _logger.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def install(dialogs: Dialogs) -> CrashHandler:
    """Log file, faulthandler, excepthook and Qt message handler, for a real GUI session."""
    setup_logging()
    handler = CrashHandler(dialogs)
    sys.excepthook = handler
    qInstallMessageHandler(_qt_message_handler)
    return handler

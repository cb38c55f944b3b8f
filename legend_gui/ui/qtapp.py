"""The one QApplication: created on first use, offscreen when there is no display, and the
app-wide wait cursor. Imports no other ui module, so rendering and exports can use it freely.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import legend_gui.ui.pyside_scan  # noqa: F401 - first: before the modules PySide6 would scan
from legend_gui import APP_NAME, ORG_NAME, __version__
from legend_gui.resources import icon_path


def prefer_offscreen_without_display() -> None:
    """Headless commands need no display: fall back to the offscreen platform by themselves."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not display_available():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def display_available() -> bool:
    """Whether a window could be shown (always, off Linux or with a platform chosen)."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def application() -> QApplication:
    """The one QApplication, created on first use with names, version and icon."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else None
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "legend-gui"])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("legend-gui")
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        png = icon_path(size)
        if png.exists():
            icon.addFile(str(png))
    svg = icon_path()
    if icon.isNull() and svg.exists():
        icon.addFile(str(svg))
    if not icon.isNull():
        app.setWindowIcon(icon)
    return app


@contextmanager
def wait_cursor() -> Iterator[None]:
    """A wait cursor for a blocking step, taken down whatever happens (an error included)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()

"""The window's size and splitters: made, saved and restored (even after its monitor is gone)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from legend_gui.ui.settings import WindowLayout

DEFAULT_SIZE = (1280, 800)


def make_splitter(
    orientation: Qt.Orientation,
    name: str,
    panes: tuple[QWidget, QWidget],
    stretch: tuple[int, int],
    sizes: tuple[int, int],
) -> QSplitter:
    """Two panes that keep their minimum size (neither can be collapsed away)."""
    splitter = QSplitter(orientation)
    splitter.setObjectName(name)
    for index, pane in enumerate(panes):
        splitter.addWidget(pane)
        splitter.setStretchFactor(index, stretch[index])
    splitter.setSizes(list(sizes))
    splitter.setChildrenCollapsible(False)
    return splitter


def current_layout(window: QMainWindow, main: QSplitter, right: QSplitter) -> WindowLayout:
    return WindowLayout(
        QByteArray(window.saveGeometry()),
        QByteArray(main.saveState()),
        QByteArray(right.saveState()),
    )


def restore_layout(
    window: QMainWindow, main: QSplitter, right: QSplitter, layout: WindowLayout | None
) -> None:
    """The default size, then the saved layout where there is one that still fits a screen."""
    window.resize(*DEFAULT_SIZE)
    if layout is None:
        return
    restored = layout.geometry is not None and window.restoreGeometry(layout.geometry)
    if restored and not _on_some_screen(window):  # saved on a monitor that is gone
        window.resize(*DEFAULT_SIZE)
        window.move(40, 40)
    for state, splitter in ((layout.splitter, main), (layout.right_splitter, right)):
        if state is not None:
            splitter.restoreState(state)


def _on_some_screen(window: QWidget) -> bool:
    frame = window.frameGeometry()
    return any(screen.availableGeometry().intersects(frame) for screen in QGuiApplication.screens())

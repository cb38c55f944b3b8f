"""GUI test helpers: a recording ``Dialogs``, window set-up, and coarse pixel checks.

``FakeDialogs`` never opens a real dialog: every method records its call and answers from a
queue the test fills (an empty queue means "cancelled" / "no").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np


@dataclass
class SaveCall:
    title: str
    suggested: str
    filters: str
    options: dict[str, Any]


@dataclass
class FakeDialogs:
    export_answers: list[Any] = field(default_factory=list)  # ExportOptions | None
    save_answers: list[Path | None] = field(default_factory=list)
    confirm_answers: list[bool] = field(default_factory=list)
    open_answers: list[Path | None] = field(default_factory=list)
    errors: list[tuple[str, str, str]] = field(default_factory=list)
    infos: list[tuple[str, str]] = field(default_factory=list)
    confirmations: list[tuple[str, str]] = field(default_factory=list)
    saves: list[SaveCall] = field(default_factory=list)
    export_asks: int = 0
    export_asked_with: list[Any] = field(default_factory=list)  # the initial ExportOptions
    open_boxes: list[Callable[[], None]] = field(default_factory=list)
    printers: list[Any] = field(default_factory=list)  # QPrinter | None: the print dialog
    printer_asks: int = 0

    def error(self, _parent: object, title: str, text: str, details: str = "") -> None:
        self.errors.append((title, text, details))

    def error_nonblocking(
        self,
        _parent: object,
        title: str,
        text: str,
        details: str = "",
        on_closed: Callable[[], None] | None = None,
    ) -> None:
        """Like the real box, this one stays open until the test calls ``close_boxes()``."""
        self.errors.append((title, text, details))
        if on_closed is not None:
            self.open_boxes.append(on_closed)

    def close_boxes(self) -> None:
        """The user closes every open non-blocking box."""
        boxes, self.open_boxes = self.open_boxes, []
        for on_closed in boxes:
            on_closed()

    def confirm(self, _parent: object, title: str, text: str) -> bool:
        self.confirmations.append((title, text))
        return self.confirm_answers.pop(0) if self.confirm_answers else False

    def information(self, _parent: object, title: str, text: str, rich: bool = False) -> None:
        self.infos.append((title, text))

    def open_file(self, _parent: object, _folder: str) -> Path | None:
        return self.open_answers.pop(0) if self.open_answers else None

    def save_file(
        self, _parent: object, title: str, suggested: str, filters: str, **options: Any
    ) -> Path | None:
        self.saves.append(SaveCall(title, suggested, filters, options))
        return self.save_answers.pop(0) if self.save_answers else None

    def ask_printer(self, _parent: object) -> Any:
        self.printer_asks += 1
        return self.printers.pop(0) if self.printers else None

    def ask_export_options(
        self, _parent: object, _catalog: object, _settings: object, initial: Any
    ) -> Any:
        self.export_asks += 1
        self.export_asked_with.append(initial)
        return self.export_answers.pop(0) if self.export_answers else None


def make_window(qtbot: Any, bundled_path: Path, tmp_path: Path, dialogs: FakeDialogs) -> Any:
    """A shown main window on the bundled dataset, isolated settings, fake dialogs."""
    from PySide6.QtCore import QSettings

    from legend_gui.model import Catalog, load_dataset
    from legend_gui.ui.main_window import MainWindow
    from legend_gui.ui.settings import AppSettings

    catalog = Catalog(load_dataset(bundled_path), str(bundled_path))
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(catalog, dialogs=dialogs, settings=settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.chart_panel.load_plots()
    return window


# -- pixels: deliberately coarse (PITFALLS 3.1: no reference images across machines) ---------
def pixels(path: Path) -> np.ndarray:
    """The image as an (h, w, 3) RGB array."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not a readable image"
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * height)
    return raw.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).copy()


def color_mask(rgb: np.ndarray, color: str, tolerance: int = 10) -> np.ndarray:
    from PySide6.QtGui import QColor

    target = QColor(color)
    wanted = np.array([target.red(), target.green(), target.blue()], dtype=np.int16)
    return np.all(np.abs(rgb.astype(np.int16) - wanted) <= tolerance, axis=2)


def runs(column: np.ndarray, min_length: int) -> int:
    """How many runs of True at least ``min_length`` long (hatching gives 1–3 px runs)."""
    count, length = 0, 0
    for value in [*column.tolist(), False]:
        if value:
            length += 1
        else:
            count += length >= min_length
            length = 0
    return count


def bar_bands(rgb: np.ndarray, color: str) -> int:
    """Bands of ``color`` crossed by a vertical line just right of the bars' left edge."""
    mask = color_mask(rgb, color)
    columns = np.flatnonzero(mask.any(axis=0))
    if columns.size == 0:
        return 0
    x = int(columns[0]) + max(4, rgb.shape[1] // 200)
    return runs(mask[:, x], min_length=max(6, rgb.shape[0] // 120))


def clipped_controls(window: Any) -> list[str]:
    """Every visible control of ``window`` drawn smaller than its minimum size hint (clipped
    text, a cut-off box), and every tab bar whose tabs do not all fit (scroll arrows)."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLabel,
        QLineEdit,
        QTabBar,
        QWidget,
    )

    controls = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QTabBar)
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not widget.isVisible():
            continue
        is_buddy_label = isinstance(widget, QLabel) and widget.buddy() is not None
        if not (isinstance(widget, controls) or is_buddy_label):
            continue
        if isinstance(widget.parent(), controls):  # a part of a control (a spin box's editor)
            continue
        name = f"{type(widget).__name__} {widget.accessibleName() or widget.objectName()!r}"
        hint, size = widget.minimumSizeHint(), widget.size()
        if size.width() < hint.width() or size.height() < hint.height():
            problems.append(
                f"{name}: {size.width()}×{size.height()} < {hint.width()}×{hint.height()}"
            )
        if isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if not widget.rect().contains(widget.tabRect(index)):
                    problems.append(f"{name}: tab {widget.tabText(index)!r} cut off")
    return problems


# -- whole lines in a text pane ----------------------------------------------------------------
def text_lines(pane: Any) -> list[tuple[float, float, str]]:
    """Every laid-out line of ``pane`` (a QTextEdit): top and bottom in viewport pixels, text."""
    document = pane.document()
    layout = document.documentLayout()
    scrolled = pane.verticalScrollBar().value()
    lines = []
    block = document.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top() - scrolled
        text_layout = block.layout()
        for index in range(text_layout.lineCount()):
            line = text_layout.lineAt(index)
            text = block.text()[line.textStart() : line.textStart() + line.textLength()]
            lines.append((top + line.y(), top + line.y() + line.height(), text))
        block = block.next()
    return lines


def _viewport_rows(pane: Any) -> np.ndarray:
    """The viewport as the user sees it (with whatever is drawn over it), as an (h, w) array
    of 32-bit pixels, one row per device pixel."""
    from PySide6.QtGui import QImage

    image = pane.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    height, width = image.height(), image.width()
    words = np.frombuffer(image.constBits(), np.uint32, count=height * image.bytesPerLine() // 4)
    return words.reshape(height, image.bytesPerLine() // 4)[:, :width]


def cut_lines(pane: Any, slack: float = 1.0) -> list[str]:
    """The lines of ``pane`` a user sees cut at the viewport's top or bottom edge. A line the
    bottom edge cuts is not seen when everything from its top down is plain background."""
    from PySide6.QtGui import QColor, QPalette

    height = pane.viewport().height()
    rows = _viewport_rows(pane)
    ratio = rows.shape[0] / height
    background = QColor(pane.viewport().palette().color(QPalette.ColorRole.Base)).rgb()
    problems = []
    for top, bottom, text in text_lines(pane):
        if bottom <= slack or top >= height - slack:
            continue  # wholly outside
        if top < -slack:
            problems.append(f"cut at the top: {text!r} ({top:.1f}..{bottom:.1f})")
        elif bottom > height + slack:
            below = rows[int(max(top, 0) * ratio) :]
            if (below != np.uint32(background)).any():
                problems.append(f"cut at the bottom: {text!r} ({top:.1f}..{bottom:.1f})")
    return problems


def ink_between(pane: Any, top: float, bottom: float) -> bool:
    """Whether anything but the background is drawn between two viewport heights."""
    from PySide6.QtGui import QColor, QPalette

    rows = _viewport_rows(pane)
    ratio = rows.shape[0] / pane.viewport().height()
    background = QColor(pane.viewport().palette().color(QPalette.ColorRole.Base)).rgb()
    return bool((rows[int(top * ratio) : int(bottom * ratio) + 1] != np.uint32(background)).any())


def send_wheel(widget: Any, position: Any, notches: int) -> None:
    """``notches`` wheel clicks (120 units each; negative: towards the user) at ``position``
    (a ``QPoint`` in ``widget``), delivered to ``widget`` as Qt would."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    event = QWheelEvent(
        QPointF(position),
        QPointF(widget.mapToGlobal(position)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)

"""Whole lines in a text browser: a pane whose last visible line is cut mid-line reads as
broken, and a table row cut through its text hides half a figure.

``QTextEdit`` scrolls by pixels and shows whatever falls in its viewport. ``WholeLines`` keeps
every line it shows whole: scroll positions snap to line tops (a single step, an arrow key or
a wheel notch's worth, moves whole lines; Page Down starts at the first line not wholly shown),
the last position shows the last line whole, and the strip under the last whole line is left
blank. A table row's cells lay out lines side by side; lines that overlap vertically count as
one band, shown whole or not at all.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import (
    QContextMenuEvent,
    QEnterEvent,
    QMouseEvent,
    QPalette,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractSlider, QApplication, QTextEdit, QWidget

#: A viewport point over no text (far above and left of the document), for "the pointer left".
_NOWHERE = QPointF(-10_000.0, -10_000.0)

Action = QAbstractSlider.SliderAction


def line_bands(document: QTextDocument) -> list[tuple[int, int]]:
    """Every laid-out line's top and bottom in document pixels, sorted, lines that overlap
    vertically (the cells of one table row) merged into one band. Laying out is forced."""
    layout = document.documentLayout()
    spans: list[tuple[int, int]] = []
    block = document.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()  # document coordinates, table cells too
        text = block.layout()
        for index in range(text.lineCount()):
            line = text.lineAt(index)
            spans.append((round(top + line.y()), round(top + line.y() + line.height())))
        block = block.next()
    bands: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if bands and start < bands[-1][1]:
            bands[-1] = (bands[-1][0], max(bands[-1][1], end))
        else:
            bands.append((start, end))
    return bands


def line_tops(bands: list[tuple[int, int]]) -> list[int]:
    """The scroll positions that cut no band: each band's top, and 0 for the first (the
    document's margin above its first line is shown, as Qt shows it)."""
    return [0, *(top for top, _bottom in bands[1:])] if bands else []


class _Blank(QWidget):
    """The strip under the last whole line: the pane's background. No click, hover or context
    menu reaches a line hidden under it; a click focuses the pane, the wheel scrolls it."""

    def __init__(self, edit: QTextEdit) -> None:
        super().__init__(edit.viewport())
        self._edit = edit
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setMouseTracking(True)  # moves come here, not to the viewport behind
        self.setCursor(Qt.CursorShape.ArrowCursor)
        self.hide()

    def _leave_text(self) -> None:
        """The viewport forgets the link it hovered (its URL, its hand cursor)."""
        viewport = self._edit.viewport()
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            _NOWHERE,
            QPointF(viewport.mapToGlobal(_NOWHERE)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, move)

    def enterEvent(self, event: QEnterEvent) -> None:
        self._leave_text()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() == Qt.MouseButton.NoButton:
            self._leave_text()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._edit.setFocus(Qt.FocusReason.MouseFocusReason)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        event.accept()  # no menu for a figure nobody sees

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._edit.wheelEvent(event)  # handed on: Qt does not pass on every ignored wheel


class WholeLines(QObject):
    """Keeps ``edit`` showing whole lines only (see the module's docstring). Made once per
    widget, as its child; it follows the widget's own scroll bar, size and document."""

    def __init__(self, edit: QTextEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        self._bar = edit.verticalScrollBar()
        self._blank = _Blank(edit)
        self._top = self._bar.value()  # the last top shown: which way a jump went
        self._busy = False
        self._cached: list[tuple[int, int]] | None = None  # the bands, until the layout changes
        self._pending = False  # a refresh is posted
        self._bar.actionTriggered.connect(self._on_action)
        self._bar.valueChanged.connect(self._on_value)
        self._bar.rangeChanged.connect(self._refresh_soon)
        document = edit.document()
        document.contentsChanged.connect(self._forget)
        document.documentLayout().update.connect(self._forget)
        document.documentLayout().documentSizeChanged.connect(self._refresh_soon)
        edit.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._refresh_soon()  # the edit lays out again after this filter
        return False

    def _forget(self) -> None:
        self._cached = None

    def _refresh_soon(self) -> None:
        """Refresh once the layout has settled: showing, resizing or a new text lay the
        document out several times in a row (at first at a width of a few pixels). The call
        is posted at normal priority, so it runs before the repaint Qt posts at low priority:
        no frame shows a cut line."""
        self._forget()
        if not self._pending and not self._busy:
            self._pending = True
            QTimer.singleShot(0, self, self._refresh_posted)

    def _refresh_posted(self) -> None:
        self._pending = False
        self.refresh()

    def _bands(self) -> list[tuple[int, int]]:
        if self._cached is None:
            self._cached = line_bands(self._edit.document())
        return self._cached

    def refresh(self) -> None:
        """After a new text, a new size or a new range: the last top shows the last line
        whole, the top is a line's top (the line shown at the top stays), the strip is blank.
        Not while hidden (laying out a text nobody sees would only slow it down)."""
        if self._busy or not self._edit.isVisible():
            return
        self._busy = True
        try:
            bands = self._bands()
            tops = line_tops(bands)
            height = self._edit.viewport().height()
            last = 0
            if bands:
                fits = bisect_left(tops, bands[-1][1] - height)  # first top showing the end
                last = tops[min(fits, len(tops) - 1)] if bands[-1][1] > height else 0
            if self._bar.maximum() != last:
                self._bar.setMaximum(last)
            value = self._bar.value()
            if bands and value not in tops:
                self._bar.setValue(tops[max(bisect_right(tops, value) - 1, 0)])
            self._top = self._bar.value()
            self._place_blank(bands)
        finally:
            self._busy = False

    def _on_action(self, action: int) -> None:
        """Snap the step the user asked for to line tops, before it is shown."""
        if self._busy:
            return
        bands = self._bands()
        tops = line_tops(bands)
        if not tops:
            return
        value, wanted = self._bar.value(), self._bar.sliderPosition()
        height = self._edit.viewport().height()
        above = bisect_left(tops, value)  # tops[:above] are above the current top
        below = bisect_right(tops, value)  # tops[below:] are below it
        target = wanted
        if action == Action.SliderSingleStepAdd.value:
            target = tops[min(below, len(tops) - 1)]
        elif action == Action.SliderSingleStepSub.value:
            target = tops[max(above - 1, 0)]
        elif action == Action.SliderPageStepAdd.value:
            cut = next((top for top, bottom in bands if bottom > value + height), None)
            target = cut if cut is not None and cut > value else tops[min(below, len(tops) - 1)]
        elif action == Action.SliderPageStepSub.value:
            first = tops[bisect_left(tops, value - height)]
            target = first if first < value else tops[max(above - 1, 0)]
        elif action == Action.SliderMove.value and self._bar.isSliderDown():
            target = min(tops, key=lambda top: abs(top - wanted))  # dragging: the nearest
        elif action == Action.SliderMove.value and wanted != value:  # the wheel: whole lines
            lines = max(1, round(abs(wanted - value) / max(self._bar.singleStep(), 1)))
            index = below - 1 + lines if wanted > value else above - lines
            target = tops[min(max(index, 0), len(tops) - 1)]
        if target != wanted:
            self._bar.setSliderPosition(min(max(target, 0), self._bar.maximum()))

    def _on_value(self, value: int) -> None:
        """Any other jump (to a link, to a found word) ends on a line's top: going down, the
        next one (what it went to stays in view at the bottom), going up, the one above."""
        if self._busy or not self._edit.isVisible():  # a hidden pane is seen to when shown
            self._top = value
            return
        bands = self._bands()
        tops = line_tops(bands)
        if bands and value not in tops:
            if value > self._top:
                index = min(bisect_left(tops, value), len(tops) - 1)
            else:
                index = max(bisect_right(tops, value) - 1, 0)
            snapped = min(tops[index], self._bar.maximum())
            if snapped != value:
                self._bar.setValue(snapped)  # comes back here once, on a top
                return
        self._top = value
        self._place_blank(bands)

    def _place_blank(self, bands: list[tuple[int, int]]) -> None:
        """Blank from the top of the first band the viewport's bottom edge cuts."""
        viewport = self._edit.viewport()
        top, height = self._bar.value(), viewport.height()
        cut = next(
            (start for start, end in bands if end > top + height and start < top + height),
            None,
        )
        if cut is None:
            self._blank.hide()
            return
        start = max(cut - top, 0)
        self._blank.setGeometry(0, start, viewport.width(), height - start)
        self._blank.show()
        self._blank.raise_()

"""A large data file opened while the window keeps answering: the status bar shows how far the
load is, Esc cancels, and the data on screen stays until the new data is ready
(``model.fastload`` does the work, in steps of a few tens of milliseconds, one per event-loop
turn)."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar

from legend_gui.ui.turns import next_turn

if TYPE_CHECKING:
    from legend_gui.model.schema import Dataset


def is_large(path: Path) -> bool:
    """Whether opening ``path`` takes long enough to be done in steps (a file over the size
    limit is not: it is refused at once)."""
    from legend_gui.model.fastload import FAST_MIN_BYTES
    from legend_gui.model.loading import MAX_FILE_BYTES

    try:
        return FAST_MIN_BYTES <= path.stat().st_size <= MAX_FILE_BYTES
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return False  # the strict loader says what is wrong, at once


class BackgroundOpen(QObject):
    """Loads ``path`` for ``window`` one step per event-loop turn; then ``loaded(Catalog)``,
    ``failed(DatasetError)`` or ``cancelled()``, once. While it runs, a progress bar sits in
    the status bar.

    Not a worker thread: a thread shares the interpreter, and each of the window's many small
    calls into Python (a list view's rows, a timer) then waits for the worker to let go of it:
    measured, the window froze for seconds. Steps in the window's own thread freeze it for
    one step at most.
    """

    loaded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, window: QMainWindow, path: Path) -> None:
        super().__init__(window)
        self.path = path
        self._steps: Iterator[object] | None = _steps(path)
        self._label = QLabel(f"Opening {path.name}… (Esc cancels)")
        self._bar = QProgressBar()
        self._bar.setRange(0, 100)
        self._bar.setMaximumWidth(160)
        self._bar.setAccessibleName(f"Opening {path.name}")
        status = window.statusBar()
        status.addPermanentWidget(self._label)
        status.addPermanentWidget(self._bar)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self._escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self._escape.activated.connect(self.cancel)
        next_turn(self, self._step)

    @property
    def running(self) -> bool:
        return self._steps is not None

    def _step(self) -> None:
        from legend_gui.model.errors import DatasetError
        from legend_gui.model.queries import Catalog

        steps = self._steps
        if steps is None:
            return
        try:
            done = next(steps)
        except DatasetError as error:
            self._finish()
            self.failed.emit(error)
            return
        except BaseException:
            self._finish()
            raise
        if isinstance(done, Catalog):
            self._finish()
            self.loaded.emit(done)
            return
        if isinstance(done, float):
            self._bar.setValue(round(done * 100))
        next_turn(self, self._step)

    def cancel(self) -> None:
        """Stop loading; the window keeps what it shows."""
        steps = self._steps
        if steps is None:
            return
        self._finish()
        self.cancelled.emit()

    def _finish(self) -> None:
        steps, self._steps = self._steps, None
        if isinstance(steps, Generator):
            steps.close()
        self._escape.setEnabled(False)
        for widget in (self._label, self._bar):
            widget.hide()
            widget.deleteLater()
        self._escape.deleteLater()


def _steps(path: Path) -> Iterator[object]:
    """The load's steps (fractions done), then the catalog's, then the catalog itself."""
    from legend_gui.model.fastload import load_in_steps

    dataset = yield from load_in_steps(path)
    yield 0.99
    yield from _catalog(dataset, path)


def _catalog(dataset: Dataset, path: Path) -> Iterator[object]:
    """The catalog, with what the window asks first worked out in steps of their own (at
    100,000 cities the index takes a few steps; the national warnings, the cities' positions,
    the default snapshot and its ranking 30 to 70 ms each, which would all fall in one
    event-loop turn), then the catalog. What no one waits for before the new data is on
    screen comes in turns after it: the search keys (the city list's) and the sources'
    citations (the Sources tab's)."""
    from legend_gui.model.chart import ChartSettings
    from legend_gui.model.queries import Catalog

    catalog = yield from Catalog.in_steps(dataset, str(path))
    catalog.warnings_for(None)
    yield None
    catalog.city_position  # noqa: B018 - built here, in a step of its own
    yield None
    catalog.context_metrics  # noqa: B018 - the metric box's choices
    yield None
    catalog.launched_after(date.min)  # the chart's "not yet launched" count
    yield None
    metric = catalog.default_metric()
    day = catalog.default_snapshot(metric)
    yield None
    if day is not None:
        catalog.top(metric, day, False, ChartSettings(metric=metric, snapshot=day).top)
    yield None
    yield catalog

"""Deferred start-up: what waits until the city list is on screen.

The first frame shows the file's cities from a quick preview; reading the file's validated
dataset (``model.validated_cache``) or else validating it (pydantic costs more than the whole
Qt start-up) and loading pyqtgraph come after it, each in its own event-loop turn, so no step
keeps the window from answering for long.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QObject

from legend_gui.ui.turns import next_turn

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog


class StartData(Protocol):
    """The data a window starts on, read after its first frame."""

    def cached(self) -> Catalog | None:
        """The catalog of a file validated before, read without pydantic; ``None`` if none."""

    def validated(self) -> Catalog | None:
        """The file validated now (pydantic is imported by then); ``None`` if it failed."""

    def settled(self) -> None:
        """The chart is on screen: time for work nobody waits for."""


class DeferredStart(QObject):
    """After the first paint: the catalog of a file validated before (``start.cached()``);
    else pydantic's modules, imported in steps, and ``start.validated()``. It goes to
    ``on_loaded`` (or ``on_failed`` is called when there is none), then the chart is prepared
    with ``load_plots``; once it is drawn (``chart_drawn``), ``start.settled()``."""

    def __init__(
        self,
        start: StartData | None,
        on_loaded: Callable[[Catalog], None],
        on_failed: Callable[[], object],
        load_plots: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._data = start
        self._on_loaded = on_loaded
        self._on_failed = on_failed
        self._load_plots = load_plots

    def first_painted(self, _when: float = 0.0) -> None:
        next_turn(self, self._read_cache if self._data else self._prepare_chart)

    def chart_drawn(self, _when: float = 0.0) -> None:
        data, self._data = self._data, None
        if data is not None:
            next_turn(self, data.settled)  # not within the chart's paint event

    def _read_cache(self) -> None:
        catalog = self._data.cached() if self._data is not None else None
        if catalog is None:
            next_turn(self, self._import_validation)
        else:
            next_turn(self, lambda: self._install(catalog))

    def _import_validation(self, step: int = 0) -> None:
        """pydantic and the schema's validators (~200 ms together), imported in parts, a
        turn each."""
        if step < len(_VALIDATION_IMPORTS):
            importlib.import_module(_VALIDATION_IMPORTS[step])
            next_turn(self, lambda: self._import_validation(step + 1))
        else:
            next_turn(self, self._validate)

    def _validate(self) -> None:
        catalog = self._data.validated() if self._data is not None else None
        if catalog is None:
            self._data = None
            self._on_failed()
            return
        next_turn(self, lambda: self._install(catalog))

    def _install(self, catalog: Catalog) -> None:
        self._on_loaded(catalog)
        next_turn(self, self._prepare_chart)

    def _prepare_chart(self, step: int = 0) -> None:
        """numpy, then pyqtgraph's import cut into parts, then the plots, each part in its
        own event-loop turn so that none keeps the window from answering for long (a 100,000
        city file is loading meanwhile). Together they take about 400 ms."""
        if step < len(_CHART_IMPORTS):
            _CHART_IMPORTS[step]()
            next_turn(self, lambda: self._prepare_chart(step + 1))
        else:
            self._load_plots()


#: What validating a file needs, heaviest first: pydantic's compiled core, its Python part,
#: then the schema's classes and the cross-checks.
_VALIDATION_IMPORTS = (
    "pydantic_core",
    "pydantic.main",
    "pydantic.type_adapter",
    "legend_gui.model.validation",
    "legend_gui.model.checks",
)


def _import_numpy() -> None:
    import numpy  # noqa: F401 - imported for its cost (~120 ms), apart from pyqtgraph's


def _qt_types(module: ModuleType) -> Callable[[], None]:
    """pyqtgraph's import copies every name of QtCore, QtGui and QtWidgets into its own Qt
    namespace, which makes PySide6 create each of their ~700 lazily loaded types (~180 ms).
    Touching them first, one module per turn, leaves that copy cheap."""

    def touch() -> None:
        for name in dir(module):
            getattr(module, name)

    return touch


def _import_pyqtgraph_helpers() -> None:
    """Modules pyqtgraph imports for features the window does not use (remote views,
    parameter trees, SVG and OpenGL export, its test helpers): ~60 ms taken out of its
    import. Only a head start: one that is missing (a trimmed build) is skipped."""
    for name in _PYQTGRAPH_HELPERS:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


_PYQTGRAPH_HELPERS = (
    "multiprocessing.connection",
    "pydoc",
    "xml.etree.ElementTree",
    "subprocess",
    "cProfile",
    "importlib.resources",
    "numpy.typing",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSvg",
    "PySide6.QtTest",
)


def _import_pyqtgraph() -> None:
    import pyqtgraph  # noqa: F401


_CHART_IMPORTS: tuple[Callable[[], None], ...] = (
    _import_numpy,
    _qt_types(QtCore),
    _qt_types(QtGui),
    _qt_types(QtWidgets),
    _import_pyqtgraph_helpers,
    _import_pyqtgraph,
)

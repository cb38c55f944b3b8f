"""Deferred start-up: what waits until the city list is on screen.

The first frame shows the file's cities from a quick preview; validating the file (pydantic
costs more than the whole Qt start-up) and loading pyqtgraph come after it, each in its own
event-loop turn, so no step keeps the window from answering for long.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog


class DeferredStart(QObject):
    """Runs ``loader`` after the first paint, then hands the catalog to ``on_loaded`` (or
    calls ``on_failed`` when there is none), then prepares the chart with ``load_plots``."""

    def __init__(
        self,
        loader: Callable[[], Catalog | None] | None,
        on_loaded: Callable[[Catalog], None],
        on_failed: Callable[[], object],
        load_plots: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._loader = loader
        self._on_loaded = on_loaded
        self._on_failed = on_failed
        self._load_plots = load_plots

    def first_painted(self, _when: float = 0.0) -> None:
        QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        loader, self._loader = self._loader, None
        if loader is not None:
            catalog = loader()
            if catalog is None:
                self._on_failed()
                return
            self._on_loaded(catalog)
        QTimer.singleShot(0, self._prepare_chart)

    def _prepare_chart(self, step: int = 0) -> None:
        """numpy, pyqtgraph, then the plots, each in its own event-loop turn (together they
        take about 250 ms: numpy 50, the rest of pyqtgraph 150, the plots 50)."""
        if step == 0:
            import numpy  # noqa: F401 - imported for its cost, apart from pyqtgraph's
        elif step == 1:
            import pyqtgraph  # noqa: F401
        else:
            self._load_plots()
            return
        QTimer.singleShot(0, lambda: self._prepare_chart(step + 1))

"""Opening a data file from the window: a small one at once, a large one in steps
(``background_open``); the problems told in a box, the data on screen kept until new data is
ready, and at start-up (nothing on screen yet) the bundled dataset in place of a file that
could not be opened."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

from legend_gui.ui.qtapp import wait_cursor

if TYPE_CHECKING:
    from legend_gui.model.errors import DatasetError
    from legend_gui.model.queries import Catalog
    from legend_gui.ui.background_open import BackgroundOpen
    from legend_gui.ui.dialogs import Dialogs
    from legend_gui.ui.settings import AppSettings


class FileOpener:
    """Opens files for ``window`` and hands each new catalog to ``install``; ``has_data`` says
    whether the window shows a dataset."""

    def __init__(
        self,
        window: QMainWindow,
        dialogs: Dialogs,
        settings: AppSettings,
        install: Callable[[Catalog], None],
        has_data: Callable[[], bool],
    ) -> None:
        self._window = window
        self._dialogs = dialogs
        self._settings = settings
        self._install = install
        self._has_data = has_data
        self.loading: BackgroundOpen | None = None

    def open(self, path: Path) -> bool:
        """``True`` when ``path`` was opened, or (a large file) started loading."""
        from legend_gui.model import Catalog, DatasetError, load_dataset
        from legend_gui.ui.background_open import BackgroundOpen, is_large

        if self.loading is not None:
            self.loading.cancel()  # the newer choice wins
        if is_large(path):
            job = BackgroundOpen(self._window, path)
            job.loaded.connect(lambda catalog: self._opened(path, catalog))
            job.failed.connect(lambda error: self._failed(path, error))
            job.cancelled.connect(lambda: self._cancelled(path))
            self.loading = job
            return True
        try:
            with wait_cursor():  # taken down on every outcome, an unexpected error included
                catalog = Catalog(load_dataset(path), str(path))
        except DatasetError as error:
            return self._failed(path, error)
        return self._opened(path, catalog)

    def _opened(self, path: Path, catalog: Catalog) -> bool:
        self.loading = None
        self._settings.add_recent_file(str(path.resolve()))
        self._install(catalog)
        self._window.statusBar().showMessage(
            f"Opened {path.name}: {len(catalog.cities):,} cities", 5000
        )
        return True

    def _failed(self, path: Path, error: DatasetError) -> bool:
        self.loading = None
        count = error.total
        unchanged = "The data on screen is unchanged." if self._has_data() else ""
        self._dialogs.error(
            self._window,
            "Cannot open data file",
            f"{path.name} could not be opened: {count:,} problem{'s' if count != 1 else ''} "
            f"found. {unchanged}\n\n" + "\n".join(error.lines()[:3]),
            details=error.summary(),
        )
        self._fall_back()
        return False

    def _cancelled(self, path: Path) -> None:
        self.loading = None
        self._window.statusBar().showMessage(f"Opening {path.name} was cancelled", 5000)
        self._fall_back()

    def _fall_back(self) -> None:
        if not self._has_data():
            from legend_gui.resources import bundled_dataset

            self.open(bundled_dataset())

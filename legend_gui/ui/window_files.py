"""The main window's file commands: Open, Open Recent, Open Bundled Dataset, a dropped file,
and the reload offered when the open file changes on disk. A base class of ``MainWindow``:
it opens and reports; ``_install_catalog`` (the window's) shows what was opened."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QMenu

from legend_gui.model.formatting import counted
from legend_gui.model.text import printable
from legend_gui.resources import bundled_dataset
from legend_gui.ui.actions import fill_choice_menu
from legend_gui.ui.qtapp import wait_cursor

if TYPE_CHECKING:
    from legend_gui.model.errors import DatasetError
    from legend_gui.model.queries import Catalog
    from legend_gui.ui.background_open import BackgroundOpen
    from legend_gui.ui.dialogs import Dialogs
    from legend_gui.ui.settings import AppSettings


class FileCommands(QMainWindow):
    """Signals: ``data_loaded(Catalog)`` after a file was opened successfully."""

    data_loaded = Signal(object)

    dialogs: Dialogs
    settings: AppSettings
    catalog: Catalog | None
    recent_menu: QMenu
    _asking_reload: bool = False
    _loading: BackgroundOpen | None = None

    def _install_catalog(self, catalog: Catalog, restore: bool = False) -> None:
        raise NotImplementedError

    def open_path(self, path: Path) -> bool:
        """Open a data file; on failure show the problems and keep the current data. A large
        file loads in steps while the window answers (``background_open``): ``True`` then
        means it started."""
        from legend_gui.model import Catalog, DatasetError, load_dataset
        from legend_gui.ui.background_open import BackgroundOpen, is_large

        if self._loading is not None:
            self._loading.cancel()  # the newer choice wins
        if is_large(path):
            job = BackgroundOpen(self, path)
            job.loaded.connect(lambda catalog: self._opened(path, catalog))
            job.failed.connect(lambda error: self._open_failed(path, error))
            job.cancelled.connect(lambda: self._open_cancelled(path))
            self._loading = job
            return True
        try:
            with wait_cursor():  # taken down on every outcome, an unexpected error included
                catalog = Catalog(load_dataset(path), str(path))
        except DatasetError as error:
            return self._open_failed(path, error)
        return self._opened(path, catalog)

    def _opened(self, path: Path, catalog: Catalog) -> bool:
        self._loading = None
        if path.resolve() != bundled_dataset().resolve():  # File ▸ Open Bundled Dataset has it
            self.settings.add_recent_file(str(path.resolve()))
            self._fill_recent_menu()
        # At start-up (a large file given on the command line) the stored choices apply.
        self._install_catalog(catalog, restore=self.catalog is None)
        self.statusBar().showMessage(
            f"Opened {printable(path.name, 80)}: {counted(len(catalog.cities), 'city')}", 5000
        )
        self.data_loaded.emit(catalog)
        return True

    def _open_failed(self, path: Path, error: DatasetError) -> bool:
        self._loading = None
        problems, details = error.for_dialog()
        unchanged = " The data on screen is unchanged." if self.catalog is not None else ""
        self.dialogs.error(
            self,
            "Cannot open data file",
            f"{printable(path.name, 80)} could not be opened: "
            f"{counted(error.total, 'problem')} found."
            f"{unchanged}\n\n" + problems,
            details=details,
        )
        self._fall_back_to_bundled()
        return False

    def _open_cancelled(self, path: Path) -> None:
        self._loading = None
        self.statusBar().showMessage(f"Opening {printable(path.name, 80)} was cancelled", 5000)
        self._fall_back_to_bundled()

    def _fall_back_to_bundled(self) -> None:
        """At start-up (nothing on screen yet) the bundled dataset takes the place of a file
        that could not be opened."""
        if self.catalog is None:
            self.open_bundled_dataset()

    def open_file_dialog(self) -> None:
        path = self.dialogs.open_file(self, str(self.settings.open_folder()))
        if path is not None:
            self.settings.save_open_folder(path.parent)
            self.open_path(path)

    def open_bundled_dataset(self) -> None:
        """Back to the dataset that comes with the app, whatever was opened since."""
        self.open_path(bundled_dataset())

    def _fill_recent_menu(self) -> None:
        files: list[tuple[str, object]] = [(path, path) for path in self.settings.recent_files()]
        fill_choice_menu(self.recent_menu, files, lambda p: self.open_path(Path(str(p))), False)
        self.recent_menu.setEnabled(bool(files))

    def _offer_reload(self, path_text: str) -> None:
        if self.catalog is None or path_text != self.catalog.path or self._asking_reload:
            return
        path = Path(path_text)
        self._asking_reload = True
        try:
            reload = self.dialogs.confirm(
                self,
                "Data file changed",
                f"{printable(path.name, 80)} changed on disk. Reload it?\n\n"
                "If the new version has problems, "
                "the data on screen stays as it is.",
            )
        finally:
            self._asking_reload = False
        if reload:
            self.open_path(path)

    # -- files dropped on the window --------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            path = Path(urls[0].toLocalFile())
            QTimer.singleShot(0, lambda: self.open_path(path))

"""Qt application set-up, the GUI entry point, ``--smoke`` and ``screenshot``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from legend_gui import APP_NAME, ORG_NAME, __version__
from legend_gui.timing import since_start

if TYPE_CHECKING:
    from legend_gui.model.errors import DatasetError
    from legend_gui.model.loading import Document
    from legend_gui.model.queries import Catalog
    from legend_gui.ui.dialogs import Dialogs


def prefer_offscreen_without_display() -> None:
    """Headless commands need no display: fall back to the offscreen platform by themselves."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def application() -> "QApplication":  # noqa: F821, UP037 - imported lazily below
    """The one QApplication, created on first use with names, version and icon."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "legend-gui"])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("legend-gui")
    from legend_gui.resources import icon_path

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
    return app  # type: ignore[return-value]


def _read_for_gui(path: Path | None, dialogs: Dialogs) -> Document | None:
    """Stage one (JSON only): the user's file, or the bundled one if theirs cannot be read."""
    from legend_gui.model.errors import DatasetError
    from legend_gui.model.loading import read_document
    from legend_gui.resources import bundled_dataset

    if path is not None:
        try:
            return read_document(path)
        except DatasetError as error:
            _tell_fallback(dialogs, path, error)
    try:
        return read_document(bundled_dataset())
    except DatasetError as error:
        _tell_broken_install(dialogs, error)
        return None


def _validate_for_gui(document: Document, dialogs: Dialogs) -> Catalog | None:
    """Stage two (pydantic), run after the first frame; falls back to the bundled dataset."""
    from legend_gui.model.errors import DatasetError
    from legend_gui.model.loading import load_dataset, validate_document
    from legend_gui.model.queries import Catalog
    from legend_gui.resources import bundled_dataset

    try:
        return Catalog(validate_document(document), document.name)
    except DatasetError as error:
        bundled = bundled_dataset()
        if Path(document.name) == bundled:
            _tell_broken_install(dialogs, error)
            return None
        _tell_fallback(dialogs, Path(document.name), error)
    try:
        return Catalog(load_dataset(bundled), str(bundled))
    except DatasetError as error:
        _tell_broken_install(dialogs, error)
        return None


def _tell_fallback(dialogs: Dialogs, path: Path, error: DatasetError) -> None:
    dialogs.error(
        None,
        "Cannot open data file",
        f"{path.name} could not be opened; showing the bundled dataset instead.\n\n"
        + "\n".join(error.lines()[:3]),
        details=error.summary(),
    )


def _tell_broken_install(dialogs: Dialogs, error: DatasetError) -> None:
    dialogs.error(
        None,
        "Legend Viewer cannot start",
        "The bundled dataset could not be read; the installation may be damaged.",
        details=error.summary(),
    )


def run_gui(path: Path | None = None, smoke: bool = False) -> int:
    """Open the main window on ``path`` (or the bundled dataset) and run until it closes.

    The window shows the file's city list first and validates the file right after that
    first frame (pydantic costs more than the whole Qt start-up); the chart comes last.
    """
    if smoke:
        prefer_offscreen_without_display()
    elif not _display_available():
        _say("legend-gui: no display found (set DISPLAY, or run a headless command)")
        return 1
    app = application()
    from legend_gui.ui import errors
    from legend_gui.ui.dialogs import Dialogs

    dialogs = Dialogs()
    errors.install(dialogs)
    try:
        document = _read_for_gui(path, dialogs)
        if document is None:
            return 1
        from legend_gui.ui.city_list import preview_cities
        from legend_gui.ui.main_window import MainWindow

        preview = preview_cities(document.data)
        # The parsed JSON is large (≈250 MB at 100,000 cities): only load() may hold on to it,
        # and it lets go as soon as validation starts.
        pending = [document]
        del document

        def load() -> Catalog | None:
            try:
                return _validate_for_gui(pending.pop(), dialogs)
            except Exception as error:  # noqa: BLE001 - say it, then close the window
                _cannot_start(dialogs, error, smoke)
                return None

        window = MainWindow(
            dialogs=dialogs,
            settings=_throwaway_settings() if smoke else None,  # type: ignore[arg-type]
            preview=preview,
            loader=load,
        )
        if smoke:
            _arm_smoke(window)
        window.show()
    except Exception as error:  # noqa: BLE001 - a windowed build has no stderr: use a box
        _cannot_start(dialogs, error, smoke)
        return 1
    status = app.exec()
    return status if window.catalog is not None else 1


def _cannot_start(dialogs: Dialogs, error: Exception, smoke: bool) -> None:
    """A failure while the window is built: logged, and told in a box (or on stderr)."""
    import traceback

    from legend_gui.crash import log_exception

    log = log_exception(error)
    summary = f"{error.__class__.__name__}: {error}"
    if smoke or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        _say(f"legend-gui: cannot start: {summary}")  # nobody could close a box
        return
    where = f"\n\nDetails were written to {log}." if log else ""
    dialogs.error(
        None,
        "Legend Viewer cannot start",
        f"Legend Viewer could not open its window ({summary}).{where}",
        details="".join(traceback.format_exception(error)),
    )


def _display_available() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _say(line: str) -> None:
    if sys.stderr is not None:
        print(line, file=sys.stderr)


def _throwaway_settings() -> object:
    """Settings that never touch the user's own (smoke runs, screenshots)."""
    import tempfile

    from PySide6.QtCore import QSettings

    from legend_gui.ui.settings import AppSettings

    folder = tempfile.mkdtemp(prefix="legend-gui-")
    return AppSettings(QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat))


def _arm_smoke(window: object) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def first_paint(when: float) -> None:
        print(f"first paint after {since_start(when) * 1000:.0f} ms", flush=True)

    def chart_drawn(when: float) -> None:
        print(f"chart drawn after {since_start(when) * 1000:.0f} ms", flush=True)
        QTimer.singleShot(0, QApplication.quit)

    def give_up() -> None:
        print("smoke: the chart was not drawn within 60 s", file=sys.stderr, flush=True)
        QApplication.exit(1)

    window.city_view.first_painted.connect(first_paint)  # type: ignore[attr-defined]
    window.chart_panel.chart_painted.connect(chart_drawn)  # type: ignore[attr-defined]
    QTimer.singleShot(60_000, give_up)


def render_window(window: object, width: int, height: int) -> "QImage":  # noqa: F821, UP037
    """The window as a user sees it, drawn into an image at ``width`` × ``height``."""
    from PySide6.QtWidgets import QApplication

    window.resize(width, height)  # type: ignore[attr-defined]
    window.show()  # type: ignore[attr-defined]
    QApplication.processEvents()
    window.chart_panel.load_plots()  # type: ignore[attr-defined]
    for _ in range(3):
        QApplication.processEvents()
    return window.grab().toImage()  # type: ignore[attr-defined]


def screenshot(
    data: Path | None,
    output: Path,
    city: str | None = None,
    width: int = 1280,
    height: int = 800,
    dark: bool = False,
) -> int:
    """``legend-gui screenshot``: render the main window to a PNG without a display."""
    prefer_offscreen_without_display()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from legend_gui.export import ExportError, atomic_write_bytes
    from legend_gui.model import Catalog, load_dataset
    from legend_gui.resources import bundled_dataset

    app = application()
    file = data or bundled_dataset()
    catalog = Catalog(load_dataset(file), str(file))
    if city is not None and city not in catalog.city_by_id:
        raise ExportError(f"unknown city id '{city}'")
    from legend_gui.ui.main_window import MainWindow

    window = MainWindow(catalog, settings=_throwaway_settings())  # type: ignore[arg-type]
    if dark:
        window.set_dark(True)
    if city is not None:
        window.select_city(city)
    image = render_window(window, width, height)
    buffer = QByteArray()
    device = QBuffer(buffer)
    device.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(device, "PNG"):
        raise ExportError("the screenshot could not be encoded as PNG")
    atomic_write_bytes(output, bytes(buffer.data()))
    window.close()
    app.processEvents()
    if sys.stdout is not None:
        print(f"{output}: {image.width()}×{image.height()} screenshot")
    return 0

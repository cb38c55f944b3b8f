"""The GUI entry point (start-up in two stages, with fallbacks), ``--smoke`` and ``screenshot``."""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from legend_gui.timing import since_start
from legend_gui.ui.qtapp import application, display_available, prefer_offscreen_without_display

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from legend_gui.model.chart import ChartView
    from legend_gui.model.errors import DatasetError
    from legend_gui.model.loading import Document
    from legend_gui.model.queries import Catalog
    from legend_gui.model.schema import Dataset
    from legend_gui.ui.city_list import CityPreview
    from legend_gui.ui.dialogs import Dialogs
    from legend_gui.ui.main_window import MainWindow
    from legend_gui.ui.startup import StartData


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
    from legend_gui.model.text import printable  # a file name can hold any character

    problems, details = error.for_dialog()
    dialogs.error(
        None,
        "Cannot open data file",
        f"{printable(path.name, 80)} could not be opened; showing the bundled dataset instead.\n\n"
        + problems,
        details=details,
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
    elif not display_available():
        _say("legend-gui: no display found (set DISPLAY, or run a headless command)")
        return 1
    app = application()
    from legend_gui.ui import errors
    from legend_gui.ui.dialogs import Dialogs

    dialogs = Dialogs()
    errors.install(dialogs)
    try:
        if path is not None and _is_large(path):
            # Read in steps once the window is up (background_open), not before it.
            window = _window(dialogs, smoke, [], None)
            window.open_path(path)
        else:
            document = _read_for_gui(path, dialogs)
            if document is None:
                return 1
            window = _deferred_window(document, dialogs, smoke)
    except Exception as error:  # noqa: BLE001 - a windowed build has no stderr: use a box
        _cannot_start(dialogs, error, smoke)
        return 1
    status = app.exec()
    return status if window.catalog is not None else 1


def _is_large(path: Path) -> bool:
    # Imported only for a file named on the command line: the bundled dataset is small, and
    # the background loader's module is not needed before the first frame.
    from legend_gui.ui.background_open import is_large

    return is_large(path)


def _deferred_window(document: Document, dialogs: Dialogs, smoke: bool) -> MainWindow:
    """The window on a preview of ``document``'s cities, validating it after the first frame
    (unless it was validated before: ``model.validated_cache``)."""
    from legend_gui.ui.city_list import preview_cities

    preview = preview_cities(document.data)
    return _window(dialogs, smoke, preview, _StartFrom(document, dialogs, smoke))


class _StartFrom:
    """``StartData`` of a document read at start-up: its dataset kept from an earlier start,
    else validated now (and kept for the next start, once the chart is drawn)."""

    def __init__(self, document: Document, dialogs: Dialogs, smoke: bool) -> None:
        # The parsed JSON is large (≈250 MB at 100,000 cities): only this may hold on to it,
        # and it lets go as soon as the dataset is read or validation starts.
        self._pending = [document]
        self._name, self._text = document.name, document.text
        self._dialogs, self._smoke = dialogs, smoke
        self._validated: Dataset | None = None

    def cached(self) -> Catalog | None:
        from legend_gui.model.queries import Catalog
        from legend_gui.model.validated_cache import entry_for, read_entry, read_shipped

        dataset = read_entry(entry_for(self._text))
        if dataset is None:  # the packaged app's first start on the bundled file
            dataset = read_shipped(self._text)
        if dataset is None:
            return None
        try:
            catalog = Catalog(dataset, self._name)
        except Exception:  # noqa: BLE001 - an entry with records of the right classes but
            return None  # not of the right shapes (made by hand): validate the file instead
        self._pending.clear()
        return catalog

    def validated(self) -> Catalog | None:
        try:
            catalog = _validate_for_gui(self._pending.pop(), self._dialogs)
        except Exception as error:  # noqa: BLE001 - say it, then close the window
            _cannot_start(self._dialogs, error, self._smoke)
            return None
        if catalog is not None and catalog.path == self._name:  # not the bundled fallback
            self._validated = catalog.dataset
        return catalog

    def settled(self) -> None:
        from legend_gui.model.validated_cache import store

        if self._validated is not None:
            store(self._text, self._validated)
            self._validated = None


def _window(
    dialogs: Dialogs,
    smoke: bool,
    preview: list[CityPreview],
    loader: StartData | None,
) -> MainWindow:
    from legend_gui.ui.main_window import MainWindow
    from legend_gui.ui.settings import AppSettings

    window = MainWindow(
        dialogs=dialogs,
        settings=AppSettings.in_memory() if smoke else None,
        preview=preview,
        loader=loader,
    )
    if smoke:
        _arm_smoke(window)
    window.show()
    return window


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


def _say(line: str) -> None:
    if sys.stderr is not None:
        print(line, file=sys.stderr)


def _arm_smoke(window: MainWindow) -> None:
    """Print when the list and the chart were first painted, and the longest the event loop
    was blocked in between (a 10 ms timer's largest gap): the window must keep answering."""
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    ticks: list[float] = []
    ticker = QTimer(window)
    ticker.setInterval(10)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def first_paint(when: float) -> None:
        print(f"first paint after {since_start(when) * 1000:.0f} ms", flush=True)
        ticks.append(time.perf_counter())
        ticker.start()

    def chart_drawn(when: float) -> None:
        print(f"chart drawn after {since_start(when) * 1000:.0f} ms", flush=True)
        ticker.stop()
        ticks.append(when)
        stall = max((b - a for a, b in itertools.pairwise(ticks)), default=0.0)
        print(f"longest stall {stall * 1000:.0f} ms", flush=True)
        QTimer.singleShot(0, QApplication.quit)

    def give_up() -> None:
        print("smoke: the chart was not drawn within 60 s", file=sys.stderr, flush=True)
        QApplication.exit(1)

    window.city_view.first_painted.connect(first_paint)
    window.chart_panel.chart_painted.connect(chart_drawn)
    QTimer.singleShot(60_000, give_up)


def render_window(window: MainWindow, width: int, height: int) -> QImage:
    """The window as a user sees it, drawn into an image at ``width`` × ``height``."""
    import time

    from PySide6.QtWidgets import QApplication

    from legend_gui.ui import turns

    window.resize(width, height)
    window.show()
    QApplication.processEvents()
    window.chart_panel.load_plots()
    # Settled as a user would see it: the deferred steps run, and a long city list laid out
    # (in batches over several turns: at 100,000 cities about 20 turns, ≈0.2 s).
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if turns.idle() and window.cities.rows_laid_out():
            break
    for _ in range(3):
        QApplication.processEvents()
    return window.grab().toImage()


def screenshot(
    data: Path | None,
    output: Path,
    city: str | None = None,
    width: int = 1280,
    height: int = 800,
    dark: bool = False,
    view: ChartView = "bars",
    metric: str | None = None,
    show_context: bool = False,
) -> int:
    """``legend-gui screenshot``: render the main window (showing ``view``) to a PNG without a
    display."""
    prefer_offscreen_without_display()
    from legend_gui.fileio import WriteError, atomic_write_bytes
    from legend_gui.model import Catalog, load_dataset_fast
    from legend_gui.resources import bundled_dataset

    app = application()
    file = data or bundled_dataset()
    catalog = Catalog(load_dataset_fast(file), str(file))
    from legend_gui.model.ids import check_id

    if city is not None:
        check_id("--city", "cities", city, list(catalog.city_by_id))
    if metric is not None:
        check_id("--metric", "metrics", metric, list(catalog.metric_by_id))
    from legend_gui.ui import render
    from legend_gui.ui.main_window import MainWindow
    from legend_gui.ui.settings import AppSettings

    window = MainWindow(catalog, settings=AppSettings.in_memory())
    if dark:
        window.set_dark(True)
    if city is not None:
        window.select_city(city)
    chosen = window.chart_settings.with_(view=view, show_context=show_context)
    window.apply_chart_settings(chosen if metric is None else chosen.with_(metric=metric))
    image = render_window(window, width, height)
    try:
        png = render.png_bytes(image)
    except render.RenderError:
        raise WriteError("the screenshot could not be encoded as PNG") from None
    atomic_write_bytes(output, png)
    window.close()
    app.processEvents()
    if sys.stdout is not None:
        print(f"{output}: {image.width()}×{image.height()} screenshot")
    return 0

"""File ▸ Export Chart…, File ▸ Export Data (CSV)…, File ▸ Export Data as Package… and
Edit ▸ Copy Chart.

One flow for both exports: ask (through the injectable dialog service), fix the extension,
confirm a replacement once, make the bytes, write them atomically (``fileio``), say what was
done. The bytes are those of ``legend-gui export`` (``model.csvdata`` for CSV, ``ui.render``
for images), so a chart exported from the window and one from the command line are the same
file. ``ExportActions`` is given what it needs, never the window itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMimeData
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QWidget

from legend_gui.fileio import WriteError, atomic_write_bytes
from legend_gui.model.chart import ChartSettings
from legend_gui.model.export_options import (
    CHART_FORMATS,
    ExportOptions,
    ViewFigure,
    build_chart,
    safe_name,
    suggested_name,
)
from legend_gui.model.formatting import counted
from legend_gui.model.text import printable
from legend_gui.ui.qtapp import wait_cursor

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog
    from legend_gui.ui.dialogs import Dialogs
    from legend_gui.ui.settings import AppSettings

CLIPBOARD_SIZE = (1600, 900)
STATUS_MS = 6000


def chart_file_bytes(
    catalog: Catalog,
    chart: ViewFigure,
    fmt: str,
    size: tuple[int, int],
    large_text: bool = False,
) -> bytes:
    """The file for ``chart`` in ``fmt`` (``png``, ``svg``, ``pdf``, ``csv``); ``WriteError``
    if the image cannot be made."""
    # The writers (like the other exports' modules below) are imported when first used:
    # none of them is needed before the window's first frame or chart.
    from legend_gui.model.csvdata import chart_csv_bytes
    from legend_gui.ui import render

    if fmt == "csv":
        return chart_csv_bytes(catalog, chart)
    try:
        return render.chart_bytes(chart, fmt, *size, large_text)
    except render.RenderError as error:
        raise WriteError(str(error)) from None


@dataclass(frozen=True, slots=True)
class _Target:
    """A save question: the dialog's title, the suggested name, the filters, the extensions
    kept as typed, and the one appended otherwise."""

    title: str
    name: str
    filters: list[str]
    suffixes: tuple[str, ...]
    default_suffix: str


def _data_target(catalog: Catalog, title: str, kind: str, file_filter: str, suffix: str) -> _Target:
    """The save question for a whole-dataset export: ``<data file>-<kind><suffix>``."""
    stem = Path(catalog.path).stem if catalog.path else "legend"
    return _Target(
        title,
        f"{safe_name(stem)}-{kind}{suffix}",
        [file_filter, "All files (*)"],
        (suffix,),
        suffix,
    )


class ExportActions:
    """The export commands, built from what they need: the parent for dialogs, getters for the
    data and chart on screen, the dialog service, the settings and a status-bar callback."""

    def __init__(
        self,
        parent: QWidget,
        catalog: Callable[[], Catalog | None],
        chart_settings: Callable[[], ChartSettings],
        dialogs: Dialogs,
        settings: AppSettings,
        status: Callable[[str, int], None],
    ) -> None:
        self._parent = parent
        self._catalog = catalog
        self._chart_settings = chart_settings
        self._dialogs = dialogs
        self._settings = settings
        self._status = status

    def export_chart(self) -> Path | None:
        """File ▸ Export Chart… (Ctrl+E): options, save path, confirmation, write. Returns the
        path written, or ``None`` if the user cancelled or the export failed (the user was told)."""
        catalog = self._catalog()
        if catalog is None:
            return None
        from legend_gui.ui.export_dialog import FORMATS

        settings = self._chart_settings()
        options = self._dialogs.ask_export_options(
            self._parent, catalog, settings, self._settings.export_options()
        )
        if options is None:
            return None
        self._settings.save_export_options(options)
        filters = [FORMATS[options.format][1]]
        filters += [f for key, (_name, f) in FORMATS.items() if key != options.format]
        target = _Target(
            "Export Chart",
            suggested_name(settings, options.format, catalog.is_context_metric(settings.metric)),
            [*filters, "All files (*)"],
            tuple(f".{fmt}" for fmt in CHART_FORMATS),
            options.suffix,
        )

        def make(path: Path) -> tuple[bytes, str]:
            fmt = path.suffix.lower().lstrip(".")
            chart = build_chart(catalog, settings, options.text)
            data = chart_file_bytes(catalog, chart, fmt, options.size, options.text.large_text)
            what = "chart data (CSV)" if fmt == "csv" else _size_text(options)
            return data, f"Exported the {what} to {path}"

        return self._save(target, make, "The chart was not exported")

    def export_data(self) -> Path | None:
        """File ▸ Export Data (CSV)…: every figure in long format (``export --all``)."""
        catalog = self._catalog()
        if catalog is None:
            return None
        from legend_gui.model.csvdata import long_csv_bytes
        from legend_gui.ui.export_dialog import FORMATS

        target = _data_target(
            catalog, "Export Data (CSV)", "all-figures", FORMATS["csv"][1], ".csv"
        )

        def make(path: Path) -> tuple[bytes, str]:
            data, count = long_csv_bytes(catalog)
            return data, f"Exported {counted(count, 'figure')} to {path}"

        return self._save(target, make, "The data was not exported")

    def export_package(self) -> Path | None:
        """File ▸ Export Data as Package…: the Frictionless data package (``export --all`` to
        a .zip): the figures with their types, sources, cities, metrics and a README."""
        catalog = self._catalog()
        if catalog is None:
            return None
        from legend_gui.model.datapackage import data_package_zip

        target = _data_target(
            catalog, "Export Data as Package", "data-package", "Data package (*.zip)", ".zip"
        )

        def make(path: Path) -> tuple[bytes, str]:
            return data_package_zip(catalog), f"Exported the data package to {path}"

        return self._save(target, make, "The data package was not exported")

    def save_fact_sheet(self, city_id: str) -> Path | None:
        """File ▸ Save Fact Sheet as PDF…: ``city_id``'s one-page sheet (``legend-gui sheet``)."""
        catalog = self._catalog()
        if catalog is None:
            return None
        from legend_gui.ui.fact_sheet import fact_sheet_pdf_bytes

        target = _Target(
            "Save Fact Sheet as PDF",
            f"{safe_name(city_id, 'city')}-fact-sheet.pdf",
            ["PDF document (*.pdf)", "All files (*)"],
            (".pdf",),
            ".pdf",
        )

        def make(path: Path) -> tuple[bytes, str]:
            return fact_sheet_pdf_bytes(catalog, city_id), f"Saved the fact sheet to {path}"

        return self._save(target, make, "The fact sheet was not saved")

    def _save(
        self, target: _Target, make: Callable[[Path], tuple[bytes, str]], failed: str
    ) -> Path | None:
        """Ask where, confirm a replacement, then write what ``make`` returns and say so.
        The file dialog is told not to ask about overwriting: the extension may be appended
        after it closed, so only we know the final name (one question, ours)."""
        suggested = str(self._settings.export_folder() / target.name)
        filters = ";;".join(target.filters)
        path = self._dialogs.save_file(
            self._parent, target.title, suggested, filters, confirm_overwrite=False
        )
        if path is None:
            return None
        if path.suffix.lower() not in target.suffixes:
            path = path.with_name(path.name + target.default_suffix)
        if not self._confirm_replace(path):
            self._status("Export cancelled: the existing file was kept", STATUS_MS)
            return None
        try:
            with wait_cursor():
                data, done = make(path)
                atomic_write_bytes(path, data)
        except WriteError as error:
            self._dialogs.error(self._parent, "Export failed", f"{failed}: {error}.")
            return None
        self._settings.save_export_folder(path.parent)
        self._status(done, STATUS_MS)
        return path

    def _confirm_replace(self, path: Path) -> bool:
        if not path.exists() or path.is_dir():
            return True
        return self._dialogs.confirm(
            self._parent,
            "Replace file?",
            f"{printable(path.name, 80)} already exists in {printable(str(path.parent), 120)}."
            "\nDo you want to replace it?",
        )

    def copy_chart(self) -> QImage | None:
        """Edit ▸ Copy Chart (Ctrl+Shift+C): the chart at 1600 × 900, as an image and as PNG."""
        catalog = self._catalog()
        if catalog is None:
            return None
        from legend_gui.ui import render

        width, height = CLIPBOARD_SIZE
        chart = build_chart(catalog, self._chart_settings())
        try:
            image = render.chart_image(chart, width, height)
            png = render.png_bytes(image)
        except render.RenderError as error:
            self._dialogs.error(self._parent, "Copy failed", f"The chart was not copied: {error}.")
            return None
        mime = QMimeData()
        mime.setImageData(image)
        mime.setData("image/png", QByteArray(png))
        QGuiApplication.clipboard().setMimeData(mime)
        self._status(f"Copied the chart to the clipboard ({width:,} × {height:,} px)", STATUS_MS)
        return image


def _size_text(options: ExportOptions) -> str:
    return f"chart ({options.width:,} × {options.height:,} px)"

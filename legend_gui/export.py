"""``legend-gui export``: a chart as PNG, SVG, PDF or CSV; every figure as long-format CSV or
as a Frictionless data package (zip); ``legend-gui sheet``: a city's fact sheet as PDF.

The bytes come from the same places the window's File ▸ Export uses (``model.csvdata`` for
CSV, ``ui.render`` for images), and every file is written by ``fileio`` (atomic: a failed
export never leaves half a file and never damages an existing one). CSV stays pure Python;
images create the (offscreen, if need be) QApplication only when asked for.
"""

from __future__ import annotations

import os
from pathlib import Path

from legend_gui.fileio import WriteError, atomic_write_bytes
from legend_gui.model.chart import ChartSettings
from legend_gui.model.csvdata import chart_csv_bytes, long_csv_bytes
from legend_gui.model.export_options import (
    CHART_FORMATS,
    DEFAULT_SIZE,
    ExportText,
    ViewFigure,
    build_chart,
)
from legend_gui.model.queries import Catalog

#: An export could not be made or written; the message is for the user. The same class as a
#: failed write, so callers catch one thing.
ExportError = WriteError


def write_long_csv(catalog: Catalog, path: str | os.PathLike[str]) -> int:
    """``export --all``: every reported value, one row each; returns the row count."""
    data, count = long_csv_bytes(catalog)
    atomic_write_bytes(path, data)
    return count


def write_data_package(catalog: Catalog, path: str | os.PathLike[str]) -> int:
    """``export --all -o OUT.zip``: the Frictionless data package; returns the figure rows."""
    from legend_gui.model.datapackage import data_package_zip

    atomic_write_bytes(path, data_package_zip(catalog))
    return long_csv_bytes(catalog)[1]


def write_fact_sheet(
    catalog: Catalog, city_id: str, path: str | os.PathLike[str], paper: str | None = None
) -> None:
    """``legend-gui sheet``: ``city_id``'s one-page fact sheet as PDF on ``paper`` (``a4`` or
    ``letter``; ``None``: the locale's); creates the offscreen QApplication if need be."""
    from legend_gui.ui.qtapp import application, prefer_offscreen_without_display

    prefer_offscreen_without_display()
    application()
    from PySide6.QtGui import QPageSize

    from legend_gui.ui.fact_sheet import write_fact_sheet_pdf

    sizes = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
    write_fact_sheet_pdf(catalog, city_id, path, sizes[paper] if paper else None)


def export_chart(
    catalog: Catalog,
    settings: ChartSettings,
    path: str | os.PathLike[str],
    size: tuple[int, int] | None = None,
    text: ExportText | None = None,
) -> None:
    """Write the chart for ``settings`` (with the editor's ``text``) to ``path``; the format
    follows the extension."""
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in CHART_FORMATS:
        shown = target.suffix.lower() or target.name
        raise ExportError(f"unknown format '{shown}': use .png, .svg, .pdf or .csv")
    chart = build_chart(catalog, settings, text)
    if fmt == "csv":
        atomic_write_bytes(target, chart_csv_bytes(catalog, chart))
        return
    large = text.large_text if text else False
    atomic_write_bytes(target, chart_image_bytes(chart, fmt, size or DEFAULT_SIZE, large))


def chart_image_bytes(
    chart: ViewFigure, fmt: str, size: tuple[int, int], large_text: bool = False
) -> bytes:
    """PNG, SVG or PDF bytes of ``chart``; creates the (offscreen, if need be) QApplication."""
    from legend_gui.ui.qtapp import application, prefer_offscreen_without_display

    prefer_offscreen_without_display()
    application()
    from legend_gui.ui import render  # Qt and pyqtgraph, only now

    try:
        return render.chart_bytes(chart, fmt.lstrip("."), *size, large_text)
    except render.RenderError as error:
        raise ExportError(str(error)) from None

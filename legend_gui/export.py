"""``legend-gui export``: a chart as PNG, SVG or CSV, or every figure as long-format CSV.

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
from legend_gui.model.export_options import CHART_FORMATS, DEFAULT_SIZE, ViewFigure, build_chart
from legend_gui.model.queries import Catalog

#: An export could not be made or written; the message is for the user. The same class as a
#: failed write, so callers catch one thing.
ExportError = WriteError


def write_long_csv(catalog: Catalog, path: str | os.PathLike[str]) -> int:
    """``export --all``: every reported value, one row each; returns the row count."""
    data, count = long_csv_bytes(catalog)
    atomic_write_bytes(path, data)
    return count


def export_chart(
    catalog: Catalog,
    settings: ChartSettings,
    path: str | os.PathLike[str],
    size: tuple[int, int] | None = None,
) -> None:
    """Write the chart for ``settings`` to ``path``; the format follows the extension."""
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in CHART_FORMATS:
        shown = target.suffix.lower() or target.name
        raise ExportError(f"unknown format '{shown}': use .png, .svg or .csv")
    chart = build_chart(catalog, settings)
    if fmt == "csv":
        atomic_write_bytes(target, chart_csv_bytes(catalog, chart))
        return
    atomic_write_bytes(target, chart_image_bytes(chart, f".{fmt}", size or DEFAULT_SIZE))


def chart_image_bytes(chart: ViewFigure, suffix: str, size: tuple[int, int]) -> bytes:
    """PNG or SVG bytes of ``chart``; creates the (offscreen, if need be) QApplication."""
    from legend_gui.ui.qtapp import application, prefer_offscreen_without_display

    prefer_offscreen_without_display()
    application()
    from legend_gui.ui import render  # Qt and pyqtgraph, only now

    width, height = size
    try:
        if suffix == ".png":
            return render.chart_png(chart, width, height)
        return render.chart_svg(chart, width, height)
    except render.RenderError as error:
        raise ExportError(str(error)) from None

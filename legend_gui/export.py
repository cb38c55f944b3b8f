"""Exports, for the window and the command line alike: chart PNG/SVG/CSV and the long CSV.

Every file is written atomically (a temporary file in the target folder, then a rename), so a
failed export never leaves half a file and never damages an existing one. The CSV parts are
pure Python; PNG and SVG import Qt only when asked for (``validate`` must stay Qt-free).
"""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legend_gui.fileio import WriteError, atomic_write_bytes
from legend_gui.model.chart import (
    DEFAULT_TOP,
    BarChart,
    ChartSettings,
    TimelineChart,
    bar_chart,
    timeline_chart,
)
from legend_gui.model.chart_table import chart_table
from legend_gui.model.formatting import format_date
from legend_gui.model.queries import Catalog, LongRow

if TYPE_CHECKING:
    import argparse

CHART_FORMATS = (".png", ".svg", ".csv")
DEFAULT_SIZE = (1600, 900)
#: Presets offered in the export dialog: (label, width, height).
SIZE_PRESETS: tuple[tuple[str, int, int], ...] = (
    ("1200 × 675 (web, 16:9)", 1200, 675),
    ("1600 × 900 (web, large)", 1600, 900),
    ("1920 × 1080 (full HD)", 1920, 1080),
    ("A4 landscape, 300 dpi (3508 × 2480)", 3508, 2480),
)


#: An export could not be made or written; the message is for the user. The same class as a
#: failed write, so callers catch one thing.
ExportError = WriteError


def _csv_bytes(header: list[str] | tuple[str, ...], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def long_csv_bytes(catalog: Catalog) -> tuple[bytes, int]:
    rows = [
        [getattr(row, name) if name != "value" else _number(row.value) for name in LongRow.FIELDS]
        for row in catalog.long_rows()
    ]
    for row in rows:
        row[0] = row[0].isoformat()
    return _csv_bytes(LongRow.FIELDS, rows), len(rows)


def write_long_csv(catalog: Catalog, path: str | os.PathLike[str]) -> int:
    """``export --all``: every reported value, one row each; returns the row count."""
    data, count = long_csv_bytes(catalog)
    atomic_write_bytes(path, data)
    return count


def chart_csv_bytes(catalog: Catalog, chart: BarChart | TimelineChart) -> bytes:
    """Exactly what the chart shows (gaps with their state), from the model's table."""
    header, rows = chart_table(catalog, chart)
    return _csv_bytes(header, rows)


def build_chart(catalog: Catalog, settings: ChartSettings) -> BarChart | TimelineChart:
    if settings.view == "timeline":
        return timeline_chart(catalog, settings)
    return bar_chart(catalog, settings)


def settings_from_options(catalog: Catalog, options: argparse.Namespace) -> ChartSettings:
    """Turn ``export``'s options into chart settings, checking them against the data."""
    metric = options.metric or catalog.default_metric()
    if metric not in catalog.metric_by_id:
        known = ", ".join(m.id for m in catalog.chart_metrics[:8])
        raise ExportError(f"unknown metric '{metric}' (try one of: {known}, ...)")
    if options.snapshot:
        try:
            day = date.fromisoformat(options.snapshot)
        except ValueError:
            raise ExportError(
                f"--snapshot takes a date as YYYY-MM-DD, not {options.snapshot!r}"
            ) from None
        if day not in catalog.snapshot_by_date:
            dates = ", ".join(d.isoformat() for d in catalog.snapshot_dates[:10])
            raise ExportError(f"no snapshot on {day} (snapshots: {dates}, ...)")
    else:
        day = catalog.default_snapshot(metric)
    if options.city and options.city not in catalog.city_by_id:
        raise ExportError(f"unknown city id '{options.city}'")
    top = options.top if options.top else DEFAULT_TOP
    return ChartSettings(
        metric=metric,
        snapshot=day,
        per_capita=options.per_capita,
        city=options.city,
        view="timeline" if options.timeline else "bars",
        top=top,
    )


def describe(settings: ChartSettings) -> str:
    rate = ", per 100,000 residents" if settings.per_capita else ""
    if settings.view == "timeline":
        return f"timeline of {settings.metric}{rate}, {settings.city or 'all cities (national)'}"
    when = format_date(settings.snapshot) if settings.snapshot else "no snapshot"
    return f"bar chart of {settings.metric}{rate}, {when}"


def export_chart(
    catalog: Catalog,
    settings: ChartSettings,
    path: str | os.PathLike[str],
    size: tuple[int, int] | None = None,
) -> None:
    """Write the chart for ``settings`` to ``path``; the format follows the extension."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in CHART_FORMATS:
        raise ExportError(f"unknown format '{suffix or target.name}': use .png, .svg or .csv")
    chart = build_chart(catalog, settings)
    if suffix == ".csv":
        atomic_write_bytes(target, chart_csv_bytes(catalog, chart))
        return
    atomic_write_bytes(target, chart_image_bytes(chart, suffix, size or DEFAULT_SIZE))


def chart_image_bytes(chart: BarChart | TimelineChart, suffix: str, size: tuple[int, int]) -> bytes:
    """PNG or SVG bytes of ``chart``; creates the (offscreen, if need be) QApplication."""
    from legend_gui.ui.app import application, prefer_offscreen_without_display

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

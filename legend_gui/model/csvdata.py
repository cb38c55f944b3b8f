"""The two CSV exports as bytes: the plotted values of a chart, and every figure (long format).

Pure Python, shared by the window's File ▸ Export and ``legend-gui export``, so the two write
the same bytes. A figure no source reported has an empty value, never 0.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from legend_gui.model.chart_table import chart_table, csv_number
from legend_gui.model.city_table_text import table_csv

if TYPE_CHECKING:
    from legend_gui.model.export_options import ViewFigure
    from legend_gui.model.long_rows import LongRow
    from legend_gui.model.queries import Catalog


def _csv_bytes(header: list[str] | tuple[str, ...], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def long_csv_bytes(catalog: Catalog) -> tuple[bytes, int]:
    """``export --all``: every reported value, one row each; returns the bytes and row count."""
    from legend_gui.model.long_rows import LongRow

    rows = [[_long_cell(row, name) for name in LongRow.FIELDS] for row in catalog.long_rows()]
    return _csv_bytes(LongRow.FIELDS, rows), len(rows)


def _long_cell(row: LongRow, name: str) -> object:
    if name == "value":
        return csv_number(row.value)
    if name == "snapshot_date":  # none for a context count: it covers a period
        return row.snapshot_date.isoformat() if row.snapshot_date else ""
    return getattr(row, name)


def chart_csv_bytes(catalog: Catalog, chart: ViewFigure) -> bytes:
    """Exactly what the view shows (gaps with their state): the chart table, the map's rows
    (those of the bar chart it draws), or every city of the table in its order."""
    from legend_gui.model.map_entries import MapFigure
    from legend_gui.model.table_figure import TableFigure

    if isinstance(chart, TableFigure):
        header, rows = table_csv(chart.table, chart.rows)
    elif isinstance(chart, MapFigure):
        header, rows = chart_table(catalog, chart.bars)
    else:
        header, rows = chart_table(catalog, chart)
    return _csv_bytes(header, rows)

"""The two CSV exports as bytes: the plotted values of a chart, and every figure (long format).

Pure Python, shared by the window's File ▸ Export and ``legend-gui export``, so the two write
the same bytes. A figure no source reported has an empty value, never 0.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from legend_gui.model.chart import BarChart, TimelineChart
from legend_gui.model.formatting import QUALIFIER_WORDS

if TYPE_CHECKING:
    from legend_gui.model.long_rows import LongRow
    from legend_gui.model.queries import Catalog

CHART_CSV_HEADER = (
    "city",
    "state",
    "metric",
    "snapshot_date",
    "value",
    "qualifier",
    "per_100k",
    "publisher",
    "source_url",
    "published_date",
)


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
    """``export --all``: every reported value, one row each; returns the bytes and row count."""
    from legend_gui.model.long_rows import LongRow

    rows = [[_long_cell(row, name) for name in LongRow.FIELDS] for row in catalog.long_rows()]
    return _csv_bytes(LongRow.FIELDS, rows), len(rows)


def _long_cell(row: LongRow, name: str) -> object:
    if name == "value":
        return _number(row.value)
    if name == "snapshot_date":
        return row.snapshot_date.isoformat()
    return getattr(row, name)


def _bar_rows(catalog: Catalog, chart: BarChart) -> list[list[Any]]:
    settings = chart.settings
    day = settings.snapshot.isoformat() if settings.snapshot else ""
    rows: list[list[Any]] = []
    for bar in chart.bars:
        city = catalog.city_by_id[bar.city_id]
        figure, source = bar.figure, bar.source
        rows.append(
            [
                city.name,
                city.state,
                settings.metric,
                day,
                _number(figure.value if figure else None),
                QUALIFIER_WORDS[bar.qualifier] if figure else "not reported",
                _number(bar.value) if settings.per_capita and bar.value is not None else "",
                source.publisher if source else "",
                source.url if source else "",
                source.published.isoformat() if source and source.published else "",
            ]
        )
    return rows


def _timeline_rows(catalog: Catalog, chart: TimelineChart) -> list[list[Any]]:
    settings = chart.settings
    city = catalog.city_by_id.get(settings.city) if settings.city else None
    return [
        [
            city.name if city else "All cities (national)",
            city.state if city else "",
            settings.metric,
            point.day.isoformat(),
            _number(point.figure.value),
            QUALIFIER_WORDS[point.qualifier],
            _number(point.value) if settings.per_capita else "",
            point.source.publisher,
            point.source.url,
            point.source.published.isoformat() if point.source.published else "",
        ]
        for point in chart.points
    ]


def chart_csv_bytes(catalog: Catalog, chart: BarChart | TimelineChart) -> bytes:
    """Exactly the plotted values (gaps included, value empty), from the model, not pyqtgraph."""
    if isinstance(chart, BarChart):
        rows = _bar_rows(catalog, chart)
    else:
        rows = _timeline_rows(catalog, chart)
    header = list(CHART_CSV_HEADER)
    if not chart.settings.per_capita:
        index = header.index("per_100k")
        header.pop(index)
        for row in rows:
            row.pop(index)
    return _csv_bytes(header, rows)

"""The chart as a table: the header and rows of the chart CSV, for the export and the window.

Exactly what the chart shows, one row per bar (gaps included, with their state) or per timeline
date, with the unit and the other reports' values beside the primary. Pure Python.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from legend_gui.model.formatting import QUALIFIER_MARKS, csv_qualifier
from legend_gui.model.latest import is_latest
from legend_gui.model.status import FigureState, OtherValue, disputed_values

if TYPE_CHECKING:
    from legend_gui.model.chart import BarChart, TimelineChart
    from legend_gui.model.queries import Catalog
    from legend_gui.model.schema import Figure, Source

CHART_TABLE_HEADER = (
    "city",
    "state",
    "metric",
    "snapshot_date",
    "status",  # reported / not reported / not yet launched
    "value",
    "unit",
    "qualifier",
    "per_100k",
    "other_values",  # other reports' different values, "25; >200" (disputed figures)
    "other_publishers",  # who reported each of them, in the same order
    "other_source_urls",
    "rank",
    "publisher",
    "source_url",
    "published_date",
)


def csv_number(value: float | None) -> str:
    """A value as a machine reads it: ``1234``, ``31.6``, ``0.000000001``; empty for none.

    The shortest text that reads back as the same float, never in scientific notation: a
    spreadsheet reads ``1e-09`` as a number, but a person reading the file may take it for a
    typo, and some tools read it as text.
    """
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(float(value))), "f")


def _others(catalog: Catalog, others: list[OtherValue]) -> list[str]:
    """``other_values`` and, in the same order, who reported each value and where."""
    sources = [catalog.source(other.source) for other in others]
    return [
        "; ".join(QUALIFIER_MARKS[o.qualifier] + csv_number(o.value) for o in others),
        "; ".join(source.publisher for source in sources),
        "; ".join(source.url for source in sources),
    ]


def _source_cells(source: Source | None) -> list[str]:
    if source is None:
        return ["", "", ""]
    published = source.published.isoformat() if source.published else ""
    return [source.publisher, source.url, published]


def _row(
    catalog: Catalog,
    name: str,
    state: str,
    metric: str,
    day: str,
    status: FigureState,
    figure: Figure | None,
    unit: str,
    rate: float | None,
    rank: int | None,
    source: Source | None,
) -> list[str]:
    return [
        name,
        state,
        metric,
        day,
        status.value,
        csv_number(figure.value) if figure else "",
        unit,
        csv_qualifier(figure.qualifier) if figure else "",
        csv_number(rate),
        *_others(catalog, disputed_values(figure)),
        str(rank) if rank is not None else "",
        *_source_cells(source),
    ]


def chart_table(
    catalog: Catalog, chart: BarChart | TimelineChart
) -> tuple[list[str], list[list[str]]]:
    """``(header, rows)`` of the chart CSV. ``per_100k`` is left out unless the chart shows
    rates; ``unit`` is the metric's own unit (of ``value``, not of the rate). A context chart
    (period counts) has no snapshot date; its rows end with ``period``, ``definition`` and
    ``basis`` (and ``population_year`` for rates)."""
    from legend_gui.model.chart import BarChart

    if isinstance(chart, BarChart) and chart.context:
        return _context_table(catalog, chart)
    from legend_gui.model.schema import ContextFigure  # loaded: the catalog holds its records

    settings = chart.settings
    metric = catalog.metric_by_id.get(settings.metric)
    unit = metric.unit if metric else ""
    per_capita = settings.per_capita
    rows: list[list[str]] = []
    if isinstance(chart, BarChart):
        latest = is_latest(settings.snapshot)
        snapshot_day = settings.snapshot.isoformat() if settings.snapshot and not latest else ""
        for bar in chart.bars:
            # under Latest each row's own date (empty for a gap: no figure, no date)
            day = bar.day.isoformat() if latest and bar.day else snapshot_day
            city = catalog.city_by_id[bar.city_id]
            rate = bar.value if per_capita else None
            figure = bar.figure if not isinstance(bar.figure, ContextFigure) else None
            rows.append(
                _row(
                    catalog,
                    city.name,
                    city.state,
                    settings.metric,
                    day,
                    bar.state,
                    figure,
                    unit,
                    rate,
                    bar.rank,
                    bar.source,
                )
            )
    else:
        for timeline in (chart, *chart.companions):  # the selected city, then the others
            rows += _timeline_rows(catalog, timeline, unit, per_capita)
    header = list(CHART_TABLE_HEADER)
    if not per_capita:
        index = header.index("per_100k")
        header.pop(index)
        for row in rows:
            row.pop(index)
    return header, rows


def _timeline_rows(
    catalog: Catalog, chart: TimelineChart, unit: str, per_capita: bool
) -> list[list[str]]:
    """One timeline's rows: every snapshot date, reported or not, oldest first."""
    settings = chart.settings
    place = catalog.city_by_id.get(settings.city) if settings.city else None
    name, state = (place.name, place.state) if place else (chart.place, "")
    entries: list[tuple[str, list[str]]] = []
    for point in chart.points:
        rate = point.value if per_capita else None
        entries.append(
            (
                point.day.isoformat(),
                _row(
                    catalog,
                    name,
                    state,
                    settings.metric,
                    point.day.isoformat(),
                    FigureState.REPORTED,
                    point.figure,
                    unit,
                    rate,
                    None,
                    point.source,
                ),
            )
        )
    for gap in chart.gaps:
        entries.append(
            (
                gap.day.isoformat(),
                _row(
                    catalog,
                    name,
                    state,
                    settings.metric,
                    gap.day.isoformat(),
                    gap.state,
                    None,
                    unit,
                    None,
                    None,
                    None,
                ),
            )
        )
    entries.sort(key=lambda entry: entry[0])
    return [row for _day, row in entries]


#: Appended to a context chart's columns: what period, by what definition and basis.
CONTEXT_COLUMNS = ("period", "definition", "basis")


def _context_table(catalog: Catalog, chart: BarChart) -> tuple[list[str], list[list[str]]]:
    """A context chart's rows: the snapshot chart's columns (``snapshot_date`` empty: period
    counts have none), the other counts on the same basis in ``other_values``, then the
    period as an ISO interval, the source's definition and the basis; ``per_100k`` and the
    population's year for rates."""
    from legend_gui.model.context import period_iso
    from legend_gui.model.schema import ContextFigure

    settings = chart.settings
    metric = catalog.metric_by_id.get(settings.metric)
    unit = metric.unit if metric else ""
    per_capita = settings.per_capita
    header = list(CHART_TABLE_HEADER)
    extra = list(CONTEXT_COLUMNS) + (["population_year"] if per_capita else [])
    rows: list[list[str]] = []
    for bar in chart.bars:
        city = catalog.city_by_id[bar.city_id]
        figure = bar.figure if isinstance(bar.figure, ContextFigure) else None
        population = city.population
        row = [
            city.name,
            city.state,
            settings.metric,
            "",
            bar.state.value,
            csv_number(figure.value) if figure else "",
            unit,
            csv_qualifier(figure.qualifier) if figure else "",
            csv_number(bar.value if per_capita else None),
            *_others(catalog, _counts(figure)),
            str(bar.rank) if bar.rank is not None else "",
            *_source_cells(bar.source),
            period_iso(figure.period) if figure else "",
            figure.definition if figure else "",
            figure.basis if figure else "",
        ]
        if per_capita:
            row.append(str(population.year) if population and figure else "")
        rows.append(row)
    if not per_capita:
        index = header.index("per_100k")
        header.pop(index)
        for row in rows:
            row.pop(index)
    return header + extra, rows


def _counts(figure: object) -> list[OtherValue]:
    """The other counts as counted (not as rates): ``other_values`` holds counts, like ``value``."""
    from legend_gui.model.context import disputing_counts
    from legend_gui.model.schema import ContextFigure

    if not isinstance(figure, ContextFigure):
        return []
    seen: dict[tuple[int, str], OtherValue] = {}
    for count in disputing_counts(figure):
        key = (count.value, count.qualifier.value)
        seen.setdefault(key, OtherValue(count.value, count.qualifier, count.source))
    return list(seen.values())

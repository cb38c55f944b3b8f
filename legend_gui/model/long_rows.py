"""The long-format export (``export --all``): one row per report of a figure: its primary, each
source that gave the same value (corroborating) and each that gave another (alternate), every
one with its own source and note, as the data file has them (DESIGN §4); then every context
count (period counts: no snapshot date, a ``period``, a ``definition`` and a ``basis``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from legend_gui.model.formatting import csv_qualifier
from legend_gui.model.index import FigureIndex
from legend_gui.model.vocab import Qualifier

if TYPE_CHECKING:
    from legend_gui.model.context import ContextIndex


@dataclass(frozen=True, slots=True)
class LongRow:
    """One reported value in the long-format export (``export --all``). A context count has no
    snapshot date; its ``period`` (ISO interval), ``definition`` and ``basis`` are appended
    after the snapshot columns (empty for announced figures), so readers of those keep working."""

    snapshot_date: date | None
    scope: str
    city: str
    state: str
    metric: str
    value: float
    unit: str
    qualifier: str
    source_url: str
    publisher: str
    published_date: str
    role: str  # "primary" | "corroborating" | "alternate"
    note: str
    period: str = ""  # 2020-01-01/2020-07-08: the days a context count covers
    definition: str = ""  # what the context count's source says it counts
    basis: str = ""  # what kind of count it is; same basis and period, other value: disputed

    FIELDS = (
        "snapshot_date",
        "scope",
        "city",
        "state",
        "metric",
        "value",
        "unit",
        "qualifier",
        "source_url",
        "publisher",
        "published_date",
        "role",
        "note",
        "period",
        "definition",
        "basis",
    )


#: The roles of a report, in the order a figure's rows are written.
ROLES = ("primary", "corroborating", "alternate")


def long_rows(index: FigureIndex) -> Iterator[LongRow]:
    """Every report, in snapshot order: each figure's primary, then the sources that gave the
    same value (each with its own note), then those that gave another."""
    for snapshot in index.snapshots:
        for figure in snapshot.figures:
            city = index.city_by_id.get(figure.city) if figure.city else None
            metric = index.metric_by_id.get(figure.metric)
            unit = metric.unit if metric is not None else ""
            reports: list[tuple[str, float, Qualifier, str, str | None]] = [
                ("primary", figure.value, figure.qualifier, figure.source, figure.note)
            ]
            reports += [
                ("corroborating", figure.value, figure.qualifier, other.source, other.note)
                for other in figure.corroborated_by
            ]
            reports += [
                ("alternate", alt.value, alt.qualifier, alt.source, alt.note)
                for alt in figure.alternates
            ]
            for role, value, qualifier, source_id, note in reports:
                source = index.source(source_id)
                yield LongRow(
                    snapshot.date,
                    figure.scope.value,
                    city.name if city else "",
                    city.state if city else "",
                    figure.metric,
                    value,
                    unit,
                    csv_qualifier(qualifier),
                    source.url,
                    source.publisher,
                    source.published.isoformat() if source.published else "",
                    role,
                    note or "",
                )


def context_long_rows(context: ContextIndex) -> Iterator[LongRow]:
    """Every context count as a long row: the primary of each figure, then its other counts
    (``alternate``, whatever their basis: the ``basis`` column says which compare)."""
    units = {metric.id: metric.unit for metric in context.dataset.metrics}
    for row in context.rows():
        yield LongRow(
            None,
            "city",
            row.city,
            row.state,
            row.metric,
            row.value,
            units.get(row.metric, ""),
            row.qualifier,
            row.source_url,
            row.publisher,
            row.published_date,
            row.role,
            row.note,
            period=row.period,
            definition=row.definition,
            basis=row.basis,
        )

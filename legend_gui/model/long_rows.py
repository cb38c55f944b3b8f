"""The long-format export (``export --all``): one row per report of a figure: its primary, each
source that gave the same value (corroborating) and each that gave another (alternate), every
one with its own source and note, as the data file has them (DESIGN §4)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from legend_gui.model.formatting import csv_qualifier
from legend_gui.model.index import FigureIndex
from legend_gui.model.schema import Qualifier


@dataclass(frozen=True, slots=True)
class LongRow:
    """One reported value in the long-format export (``export --all``)."""

    snapshot_date: date
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

"""The long-format export (``export --all``): one row per reported value, alternates included."""

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
    qualifier: str
    source_url: str
    publisher: str
    published_date: str
    role: str  # "primary" | "alternate"
    note: str

    FIELDS = (
        "snapshot_date",
        "scope",
        "city",
        "state",
        "metric",
        "value",
        "qualifier",
        "source_url",
        "publisher",
        "published_date",
        "role",
        "note",
    )


def long_rows(index: FigureIndex) -> Iterator[LongRow]:
    """Every reported value, primary then alternates, in snapshot order."""
    for snapshot in index.snapshots:
        for figure in snapshot.figures:
            city = index.city_by_id.get(figure.city) if figure.city else None
            reports: list[tuple[str, float, Qualifier, str, str | None]] = [
                ("primary", figure.value, figure.qualifier, figure.source, figure.note)
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
                    csv_qualifier(qualifier),
                    source.url,
                    source.publisher,
                    source.published.isoformat() if source.published else "",
                    role,
                    note or "",
                )

"""The long-format export (``export --all``): one row per reported value, alternates included,
then every context count (period counts: no snapshot date, a ``period`` and a ``definition``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from legend_gui.model.index import FigureIndex
from legend_gui.model.schema import Qualifier

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
    qualifier: str
    source_url: str
    publisher: str
    published_date: str
    role: str  # "primary" | "alternate"
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
                    qualifier.value,
                    source.url,
                    source.publisher,
                    source.published.isoformat() if source.published else "",
                    role,
                    note or "",
                )


def context_long_rows(context: ContextIndex) -> Iterator[LongRow]:
    """Every context count as a long row: the primary of each figure, then its alternates."""
    for row in context.rows():
        yield LongRow(
            None,
            "city",
            row.city,
            row.state,
            row.metric,
            row.value,
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

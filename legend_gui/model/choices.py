"""Which of the user's choices carry over to a newly opened file (or from the last session).

A choice carries over only where the new data has it: an offered metric, an existing snapshot,
a known city; anything else falls back to the data's own default. Pure Python, tested without Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legend_gui.model.chart import ChartSettings
from legend_gui.model.latest import is_latest

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog
    from legend_gui.model.schema import Metric


def offered_metrics(catalog: Catalog) -> list[Metric]:
    """The metrics the selectors offer: those with city figures to compare, then the context
    metrics (period counts, compared without a snapshot; their group titles their section)."""
    return [*catalog.chart_metrics, *catalog.context_metrics]


def fit_choices(
    catalog: Catalog, wanted: ChartSettings, city: str | None
) -> tuple[ChartSettings, str | None]:
    """``wanted`` and ``city`` fitted to ``catalog``: the chart settings and the current city."""
    # only a metric the selector offers (one with city figures) can carry over: a national-
    # only metric would leave the Metric box showing another metric than the chart
    offered = {m.id for m in offered_metrics(catalog)}
    metric = wanted.metric if wanted.metric in offered else None
    metric = metric or catalog.default_metric()
    known = wanted.snapshot in catalog.snapshot_by_date or is_latest(wanted.snapshot)
    snapshot = wanted.snapshot if known else None
    fitted_city = city if city in catalog.city_by_id else None
    settings = wanted.with_(
        metric=metric,
        snapshot=snapshot or catalog.default_snapshot(metric),
        city=fitted_city,
    )
    return settings, fitted_city

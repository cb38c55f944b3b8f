"""What ``export``'s options choose: the chart settings, checked against the data, and the
one line that says what was written. Pure Python: a CSV export never loads Qt."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from legend_gui.model.chart import ChartSettings, ChartView
    from legend_gui.model.queries import Catalog


def settings_from_options(
    catalog: Catalog, options: argparse.Namespace, view: ChartView
) -> ChartSettings:
    """Turn ``export``'s options into chart settings, checking them against the data: an id the
    data does not have is ``UnknownId`` naming the nearest ids; ``view`` is the one the
    command line chose (``cli.chosen_view``)."""
    from datetime import date

    from legend_gui.fileio import WriteError
    from legend_gui.model.captions import NO_POPULATIONS, has_populations
    from legend_gui.model.chart import DEFAULT_TOP, ChartSettings
    from legend_gui.model.ids import check_id
    from legend_gui.model.latest import LATEST, LATEST_WORD

    metric = options.metric or catalog.default_metric()
    check_id("--metric", "metrics", metric, list(catalog.metric_by_id))
    day: date | None
    if options.snapshot:
        if options.snapshot.strip().casefold() == LATEST_WORD:
            day = LATEST
        else:
            dates = [d.isoformat() for d in catalog.snapshot_dates]
            check_id("--snapshot", "snapshots", options.snapshot, dates)
            day = date.fromisoformat(options.snapshot)
    else:
        day = catalog.default_snapshot(metric)
    if options.per_capita and not has_populations(catalog):
        raise WriteError(NO_POPULATIONS)  # not a header-only CSV or an empty chart
    if options.city:
        check_id("--city", "cities", options.city, list(catalog.city_by_id))
    return ChartSettings(
        metric=metric,
        snapshot=day,
        per_capita=options.per_capita,
        city=options.city,
        view=view,
        top=options.top if options.top else DEFAULT_TOP,
        show_context=bool(getattr(options, "context", False)),
    )


def describe(settings: ChartSettings, period_counts: bool = False) -> str:
    """What ``export`` wrote, in one line: ``bar chart of <metric id>, 14 Oct 2020``."""
    from legend_gui.model.latest import snapshot_text

    rate = ", per 100,000 residents" if settings.per_capita else ""
    if settings.view == "timeline":
        place = settings.city or "all cities (reported totals)"
        return f"timeline of {settings.metric}{rate}, {place}"
    if period_counts:  # a context metric's counts cover periods, not a snapshot
        when = "period counts, no snapshot date"
    else:
        when = snapshot_text(settings.snapshot) if settings.snapshot else "no snapshot"
    what = {"map": "map", "table": "table"}.get(settings.view, "bar chart")
    return f"{what} of {settings.metric}{rate}, {when}"

"""What a bar chart shows, decided once for the window and for every export.

The on-screen chart, the PNG/SVG export and the chart CSV all read a ``BarChart`` or
``TimelineChart`` built here (the timeline in ``model.timeline``), so they cannot disagree about
order, top N, labels, states or sources.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from legend_gui.model.bars import Bar, BarChart
from legend_gui.model.captions import (
    NO_POPULATIONS,
    cities_text,
    has_populations,
    legend_line,
    ordinal,
    population_note,
    source_line,
)
from legend_gui.model.chart_common import (
    DEFAULT_TOP,
    VIEWS,
    ChartSettings,
    ChartView,
    as_view,
    cited_sources,
    disputed_of,
    ordered_qualifiers,
    title_of,
    unit_of,
    value_text,
    with_others,
)
from legend_gui.model.formatting import format_date, format_value
from legend_gui.model.latest import LATEST_SUBTITLE, dates_caption, is_latest
from legend_gui.model.rates import PER_CAPITA_BASE
from legend_gui.model.status import (
    OtherValue,
    disputed_values,
    figure_state,
    others_text,
    state_text,
    with_unit,
)
from legend_gui.model.timeline import TimelineChart, TimelineGap, TimelinePoint, timeline_chart

if TYPE_CHECKING:  # the window builds ChartSettings before the schema is imported
    from legend_gui.model.queries import Catalog
    from legend_gui.model.ranking import SeriesPoint
    from legend_gui.model.schema import City

__all__ = [  # re-exported: callers import every chart name from here
    "DEFAULT_TOP",
    "VIEWS",
    "Bar",
    "BarChart",
    "ChartSettings",
    "ChartView",
    "TimelineChart",
    "TimelineGap",
    "TimelinePoint",
    "as_view",
    "legend_line",
    "source_line",
    "timeline_chart",
]


#: Per catalog and (metric, snapshot, per-capita): every value, negated and sorted, so the rank
#: of the selected city is a bisection. Built once; a selection change then costs nothing.
_RANKINGS: WeakKeyDictionary[Catalog, dict[tuple[str, date, bool], list[float]]] = (
    WeakKeyDictionary()
)


def _rank(catalog: Catalog, settings: ChartSettings, value: float) -> int:
    """Competition rank of ``value`` (1 + how many cities have a larger one)."""
    day = settings.snapshot
    assert day is not None
    key = (settings.metric, day, settings.per_capita)
    cache = _RANKINGS.setdefault(catalog, {})
    ranking = cache.get(key)
    if ranking is None:
        figure_of, metric, per_capita = catalog.figure, settings.metric, settings.per_capita
        negated = []
        for city in catalog.cities:
            figure = figure_of(day, city.id, metric)
            if figure is None:
                continue
            if not per_capita:
                negated.append(-figure.value)
            elif city.population is not None:
                negated.append(-figure.value * PER_CAPITA_BASE / city.population.value)
        negated.sort()
        if len(cache) >= 16:
            cache.pop(next(iter(cache)))
        cache[key] = ranking = negated
    return bisect_left(ranking, -value) + 1


def bar_chart(catalog: Catalog, settings: ChartSettings) -> BarChart:
    """Bars of one metric at one snapshot: the real top ``settings.top``, then the selected
    city as an extra, marked row when it is not among them (never swapped in), then gaps. A
    context metric (period counts, no snapshot) is charted by ``model.context_chart``."""
    if catalog.is_context_metric(settings.metric):
        from legend_gui.model.context_chart import context_bar_chart

        return context_bar_chart(catalog, settings)
    day = settings.snapshot
    top = max(1, settings.top)
    unit = unit_of(catalog, settings)
    metric = catalog.metric_by_id.get(settings.metric)
    raw_unit = metric.unit if metric else ""
    total = len(catalog.cities) if day is not None else 0  # no snapshot: no cities to show
    title = title_of(catalog, settings)
    subtitle = f"As announced on {format_date(day)}" if day else "No snapshot"
    if is_latest(day):
        subtitle = LATEST_SUBTITLE
    snapshot = catalog.snapshot_by_date.get(day) if day else None
    if snapshot and snapshot.label:
        subtitle += f" · {snapshot.label}"
    if settings.per_capita and not has_populations(catalog):
        return BarChart(
            settings,
            title,
            subtitle,
            [],
            [NO_POPULATIONS],
            [],
            [],
            total,
            message=NO_POPULATIONS,
            unit=unit,
            dataset_title=catalog.dataset.title,
        )
    leaders: list[tuple[SeriesPoint, int]] = []
    extra_point: SeriesPoint | None = None
    gaps: list[SeriesPoint] = []
    extra_gap: SeriesPoint | None = None
    reported = missing = no_population = 0
    if day is not None:
        board = catalog.top(settings.metric, day, settings.per_capita, top)
        reported, missing, no_population = board.reported, board.missing, board.no_population

        def point(city_id: str) -> SeriesPoint:
            found = catalog.point(settings.metric, day, city_id, settings.per_capita)
            assert found is not None  # ids come from the catalog
            return found

        leader_ids = board.leaders[:top]
        previous: float | None = None
        rank = 0
        for index, city_id in enumerate(leader_ids):
            entry = point(city_id)
            if entry.value != previous:
                rank, previous = index + 1, entry.value
            leaders.append((entry, rank))
        room = top - len(leader_ids)
        gap_ids = board.first_missing[:room] if room > 0 else []
        gaps = [point(city_id) for city_id in gap_ids]
        selected = settings.city or ""
        if selected in catalog.city_by_id and selected not in leader_ids:
            chosen = point(selected)
            if chosen.value is not None:
                extra_point = chosen
            elif selected not in gap_ids:
                extra_gap = chosen

    def make_bar(entry: SeriesPoint, rank: int | None = None, extra: bool = False) -> Bar:
        figure, city = entry.figure, entry.city
        assert day is not None
        state = figure_state(city, day, figure)
        population = city.population.value if city.population else None
        others: tuple[OtherValue, ...] = ()
        low = high = None
        if entry.value is None:
            text = state_text(state, city) if figure is None else "no population"
        else:
            assert figure is not None  # a value comes from a figure
            others, low, high = disputed_of(figure, population, settings.per_capita)
            text = with_others(
                value_text(entry.value, entry.qualifier, settings.per_capita, raw_unit),
                others,
                settings.per_capita,
                raw_unit,
            )
        own_day = catalog.figure_day(day, city.id, settings.metric) if figure else None
        if is_latest(day) and own_day is not None:  # Latest: each value says its date
            text = f"{text} · {format_date(own_day)}"
        return Bar(
            city_id=city.id,
            label=f"{city.name}, {city.state}",
            value=entry.value,
            qualifier=entry.qualifier,
            text=text,
            selected=city.id == settings.city,
            figure=figure,
            source=catalog.source(figure.source) if figure else None,
            missing_reason=None if entry.value is not None else text,
            state=state,
            rank=rank,
            extra=extra,
            others=others,
            low=low,
            high=high,
            unit=unit,
            day=own_day,
        )

    bars = [make_bar(entry, rank) for entry, rank in leaders]
    if extra_point is not None:
        assert extra_point.value is not None
        bars.append(make_bar(extra_point, _rank(catalog, settings, extra_point.value), True))
    bars += [make_bar(entry) for entry in gaps]
    if extra_gap is not None:
        bars.append(make_bar(extra_gap, extra=True))
    notes = _bar_notes(catalog, settings, bars, total, reported, missing, no_population)
    shown = [bar for bar in bars if bar.figure is not None and bar.value is not None]
    message = ""
    if not bars and day is not None:
        message = "No city reported this figure on this date."
    return BarChart(
        settings=settings,
        title=title,
        subtitle=subtitle,
        bars=bars,
        notes=notes,
        sources=cited_sources(catalog, shown),
        qualifiers=ordered_qualifiers({bar.qualifier for bar in shown}),
        total_cities=total,
        message=message,
        unit=unit,
        dataset_title=catalog.dataset.title,
    )


def _bar_notes(
    catalog: Catalog,
    settings: ChartSettings,
    bars: list[Bar],
    total: int,
    reported: int,
    missing: int,
    no_population: int,
) -> list[str]:
    """The caption, counting exactly what is shown."""
    day = settings.snapshot
    if day is None:
        return []
    notes: list[str] = []
    if is_latest(day):
        notes.append(dates_caption({bar.city_id: bar.day for bar in bars if bar.day}))
    ranked = [bar for bar in bars if bar.value is not None and not bar.extra]
    if reported > len(ranked):
        notes.append(
            f"Top {len(ranked):,} of the {cities_text(reported)} with a value "
            f"({total:,} in the data)."
        )
    extra = next((bar for bar in bars if bar.extra), None)
    if extra is not None and extra.rank is not None:
        notes.append(f"Also shown: {extra.label}, the selected city, ranked {ordinal(extra.rank)}.")
    not_launched = catalog.launched_after(day)
    not_reported = missing - not_launched - no_population
    counts = []
    if not_reported > 0:
        counts.append(f"{cities_text(not_reported)} not reported")
    if not_launched > 0:
        counts.append(f"{cities_text(not_launched)} not yet launched")
    if counts:
        gaps_shown = sum(1 for bar in bars if bar.figure is None)
        hidden = ""
        if gaps_shown < missing:
            hidden = f" ({gaps_shown:,} shown)" if gaps_shown else " (not shown)"
        notes.append(f"No figure {_on(day)}: {', '.join(counts)}{hidden}.")
    if not reported:
        best = catalog.default_snapshot(settings.metric)
        hint = f"; the most cities did on {format_date(best)}" if best and best != day else ""
        notes.append(f"No city reported this figure {_on(day)}{hint}.")
    national = catalog.figure(day, None, settings.metric)
    if national is not None and not settings.per_capita:
        source = catalog.source(national.source)
        metric = catalog.metric_by_id.get(settings.metric)
        value = with_unit(
            format_value(national.value, national.qualifier), metric.unit if metric else ""
        )
        others = disputed_values(national)
        disputed = f" ({others_text(others)})" if others else ""
        notes.append(
            f"Total reported for all cities: {value}{disputed} ({source.publisher}); a reported "
            "figure, not the sum of the bars."
        )
    if settings.per_capita:
        note = population_note(catalog, _cities_of(catalog, bars))
        if no_population:
            verb = "is" if no_population == 1 else "are"
            note += f" {cities_text(no_population)} without one {verb} left out."
        notes.append(note.strip())
    return notes


def _on(day: date) -> str:
    return "on any date" if is_latest(day) else f"on {format_date(day)}"


def _cities_of(catalog: Catalog, bars: list[Bar]) -> list[City]:
    return [catalog.city_by_id[bar.city_id] for bar in bars if bar.value is not None]

"""The comparison chart of a context metric: every city's count for a period, no snapshot.

Context counts are period counts, not announcements, so the chart ignores the snapshot: the
subtitle names the period(s), the caption the definition bases, and a count to a different
day in each city carries its period beside its value. Bars, gaps ("not reported", never 0),
the real top N with the selected city as an extra row, whiskers for counts that others on the
same basis dispute, and rates per 100,000 from the city's recorded population, all as the
snapshot chart does, in the same ``BarChart`` every view and export reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legend_gui.model.bars import Bar, BarChart
from legend_gui.model.captions import (
    NO_POPULATIONS,
    cities_text,
    has_populations,
    ordinal,
    population_note,
)
from legend_gui.model.chart_common import (
    ChartSettings,
    cited_sources,
    ordered_qualifiers,
    title_of,
    unit_of,
    value_text,
    with_others,
)
from legend_gui.model.context import ContextPoint, disputing_counts, period_text
from legend_gui.model.context_text import background_line, bases_note, periods_text
from legend_gui.model.rates import rate_per_100k
from legend_gui.model.status import FigureState, OtherValue

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog
    from legend_gui.model.schema import City, ContextFigure


def _plotted(point: ContextPoint, per_capita: bool) -> float | None:
    if point.value is None:
        return None
    return point.rate if per_capita else float(point.value)


def _others(
    point: ContextPoint, per_capita: bool
) -> tuple[tuple[OtherValue, ...], float | None, float | None]:
    """Other counts on the figure's own basis and period with another value (in plotted
    units), and the whisker's ends; counts on another basis differ by definition: none."""
    figure = point.figure
    primary = _plotted(point, per_capita)
    if figure is None or primary is None:
        return (), None, None
    seen: set[tuple[float, str]] = set()
    others: list[OtherValue] = []
    for count in disputing_counts(figure):
        value = rate_per_100k(count.value, point.population) if per_capita else count.value
        key = (count.value, count.qualifier.value)
        if value is None or key in seen:
            continue
        seen.add(key)
        others.append(OtherValue(value, count.qualifier, count.source))
    if not others:
        return (), None, None
    values = [primary, *(other.value for other in others)]
    return tuple(others), min(values), max(values)


def context_bar_chart(catalog: Catalog, settings: ChartSettings) -> BarChart:
    """Bars of one context metric across cities: the real top ``settings.top``, the selected
    city as an extra, marked row when it is not among them, then the cities without a count."""
    index = catalog.context
    metric = catalog.metric_by_id[settings.metric]
    per_capita = settings.per_capita
    periods = index.periods(metric.id)
    several = len(periods) > 1
    title = title_of(catalog, settings)
    unit = unit_of(catalog, settings)
    subtitle = periods_text(periods)
    total = len(catalog.cities)
    if per_capita and not has_populations(catalog):
        return BarChart(
            settings, title, subtitle, [], [NO_POPULATIONS], [], [], total,
            unit=unit, message=NO_POPULATIONS, dataset_title=catalog.dataset.title,
            context=True,
        )  # fmt: skip
    points = index.series(metric.id)
    order = {point.city.id: n for n, point in enumerate(points)}
    valued = [p for p in points if _plotted(p, per_capita) is not None]
    valued.sort(key=lambda p: (-(_plotted(p, per_capita) or 0.0), order[p.city.id]))
    ranks: dict[str, int] = {}
    previous: float | None = None
    for position, point in enumerate(valued, start=1):
        value = _plotted(point, per_capita)
        if value != previous:
            rank, previous = position, value
        ranks[point.city.id] = rank
    missing = [p for p in points if _plotted(p, per_capita) is None]
    top = max(1, settings.top)
    leaders = valued[:top]
    gaps = missing[: max(0, top - len(leaders))]
    shown_ids = {p.city.id for p in (*leaders, *gaps)}
    extra = next(
        (p for p in points if p.city.id == settings.city and p.city.id not in shown_ids), None
    )

    def make_bar(point: ContextPoint, is_extra: bool = False) -> Bar:
        city, figure = point.city, point.figure
        value = _plotted(point, per_capita)
        others, low, high = _others(point, per_capita)
        source = index.source(figure.source) if figure is not None else None
        if value is None:
            text = FigureState.NOT_REPORTED.value if figure is None else "no population"
        else:
            assert figure is not None  # a value comes from a figure
            text = with_others(
                value_text(value, point.qualifier, per_capita, metric.unit),
                others,
                per_capita,
                metric.unit,
            )
            if several:
                text += f" · {period_text(figure.period)}"
        return Bar(
            city_id=city.id,
            label=f"{city.name}, {city.state}",
            value=value,
            qualifier=point.qualifier,
            text=text,
            selected=city.id == settings.city,
            figure=figure,
            source=source,
            missing_reason=None if value is not None else text,
            state=FigureState.REPORTED if figure is not None else FigureState.NOT_REPORTED,
            rank=ranks.get(city.id),
            extra=is_extra,
            others=others,
            low=low,
            high=high,
            unit=unit,
        )

    bars = [make_bar(p) for p in leaders] + [make_bar(p) for p in gaps]
    if extra is not None:
        bars.insert(len(leaders) if extra.city.id in ranks else len(bars), make_bar(extra, True))
    shown = [bar for bar in bars if bar.figure is not None and bar.value is not None]
    counted = [
        (point.city, point.figure)
        for point in (*leaders, *([extra] if extra is not None else []))
        if point.figure is not None and _plotted(point, per_capita) is not None
    ]
    notes = _notes(catalog, settings, bars, len(valued), len(missing), counted)
    return BarChart(
        settings=settings,
        title=title,
        subtitle=subtitle,
        bars=bars,
        notes=notes,
        sources=cited_sources(catalog, shown),
        qualifiers=ordered_qualifiers({bar.qualifier for bar in shown}),
        total_cities=total,
        unit=unit,
        message="" if bars else "No city has a count for this period.",
        dataset_title=catalog.dataset.title,
        context=True,
    )


def _notes(
    catalog: Catalog,
    settings: ChartSettings,
    bars: list[Bar],
    reported: int,
    missing: int,
    counted: list[tuple[City, ContextFigure]],
) -> list[str]:
    """The caption: what is shown of how many, the definitions, what the counts are."""
    notes: list[str] = []
    ranked = [bar for bar in bars if bar.value is not None and not bar.extra]
    if reported > len(ranked):
        notes.append(
            f"Top {len(ranked):,} of the {cities_text(reported)} with a count "
            f"({len(catalog.cities):,} in the data)."
        )
    extra = next((bar for bar in bars if bar.extra), None)
    if extra is not None and extra.rank is not None:
        notes.append(f"Also shown: {extra.label}, the selected city, ranked {ordinal(extra.rank)}.")
    gaps = [bar.label for bar in bars if bar.figure is None]
    if missing:
        if len(gaps) == missing and missing <= 3:
            notes.append(f"No count: {'; '.join(gaps)} (not reported).")
        else:
            hidden = "" if len(gaps) == missing else f" ({len(gaps):,} shown)"
            notes.append(f"No count: {cities_text(missing)} not reported{hidden}.")
    basis = bases_note(counted)
    if basis:
        notes.append(basis)
    if settings.per_capita:
        note = population_note(catalog, [city for city, _figure in counted])
        without = sum(1 for bar in bars if bar.figure is not None and bar.value is None)
        if without:
            note += f" {cities_text(without)} without one {'is' if without == 1 else 'are'} "
            note += "left out."
        notes.append(note.strip())
    metric = catalog.metric_by_id.get(settings.metric)
    notes.append(background_line(catalog.dataset, metric))
    return notes

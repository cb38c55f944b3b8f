"""What a chart shows, decided once for the window and for every export.

The on-screen chart, the PNG/SVG export and the chart CSV all read a ``BarChart`` or
``TimelineChart`` built here, so they cannot disagree about order, top-K, labels or sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Literal

from legend_gui.model.formatting import (
    NOT_REPORTED,
    QUALIFIER_MARKS,
    QUALIFIER_WORDS,
    format_date,
    format_rate,
    format_value,
)
from legend_gui.model.rates import rate_per_100k
from legend_gui.model.vocab import Qualifier

if TYPE_CHECKING:  # the window builds ChartSettings before pydantic is imported
    from legend_gui.model.queries import Catalog
    from legend_gui.model.ranking import SeriesPoint
    from legend_gui.model.schema import Figure, Source

DEFAULT_TOP = 25
ChartView = Literal["bars", "timeline", "map", "table"]
#: The views, in the order of their tabs and shortcuts.
VIEWS: tuple[ChartView, ...] = ("bars", "timeline", "map", "table")


def as_view(name: str) -> ChartView:
    """``name`` as a view (an unknown name is the bar chart)."""
    return next((view for view in VIEWS if view == name), "bars")


@dataclass(frozen=True, slots=True)
class ChartSettings:
    """Everything that decides what a chart shows; the window and the CLI both fill one in."""

    metric: str
    snapshot: date | None
    per_capita: bool = False
    city: str | None = None  # the selected city; None is "All cities" (national)
    view: ChartView = "bars"
    top: int = DEFAULT_TOP

    def with_(self, **changes: object) -> ChartSettings:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Bar:
    city_id: str
    label: str  # "Kansas City, MO"
    value: float | None  # None: a labelled gap, never a zero bar
    qualifier: Qualifier
    text: str  # the value as printed beside the bar: ">1,000", "≈217", "not reported"
    selected: bool
    figure: Figure | None
    source: Source | None
    missing_reason: str | None = None

    @property
    def exact(self) -> bool:
        return self.qualifier is Qualifier.EXACT


@dataclass(frozen=True, slots=True)
class BarChart:
    settings: ChartSettings
    title: str
    subtitle: str
    bars: list[Bar]  # top to bottom: largest first, gaps last
    notes: list[str]  # "Showing 25 of 100,000 cities", "2 cities have no population ..."
    sources: list[Source]
    qualifiers: list[Qualifier]  # non-exact qualifiers present, for the legend
    total_cities: int

    @property
    def plotted(self) -> list[Bar]:
        return [bar for bar in self.bars if bar.value is not None]

    def source_line(self) -> str:
        return source_line(self.sources)

    def legend_line(self) -> str:
        return legend_line(self.qualifiers)


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    day: date
    value: float
    qualifier: Qualifier
    text: str
    source: Source
    figure: Figure


@dataclass(frozen=True, slots=True)
class TimelineChart:
    settings: ChartSettings
    title: str
    subtitle: str
    points: list[TimelinePoint]
    launch_date: date | None
    sources: list[Source]
    qualifiers: list[Qualifier]
    notes: list[str] = field(default_factory=list)

    def source_line(self) -> str:
        return source_line(self.sources)

    def legend_line(self) -> str:
        return legend_line(self.qualifiers, mark="Open rings")


def _cities(count: int) -> str:
    return f"{count:,} city" if count == 1 else f"{count:,} cities"


def source_line(sources: list[Source]) -> str:
    """``Sources: KMOV 4 St. Louis (19 Aug 2020); ...`` — capped so it fits under a chart."""
    if not sources:
        return "Sources: none (no figures reported)"
    parts = [f"{s.publisher} ({format_date(s.published)})" for s in sources[:6]]
    more = len(sources) - 6
    if more > 0:
        parts.append(f"and {more} more")
    return "Sources: " + "; ".join(parts)


def legend_line(qualifiers: list[Qualifier], mark: str = "Hatched bars") -> str:
    """Explains how non-exact values are drawn; empty when every value is exact."""
    if not qualifiers:
        return ""
    marks = ", ".join(f"{QUALIFIER_MARKS[q]} {QUALIFIER_WORDS[q]}" for q in qualifiers)
    return f"{mark} are figures the source did not give as exact ({marks})."


def _title(catalog: Catalog, settings: ChartSettings) -> str:
    metric = catalog.metric_by_id.get(settings.metric)
    label = metric.label if metric else settings.metric
    return f"{label} per 100,000 residents" if settings.per_capita else label


def _city_label(catalog: Catalog, city_id: str | None) -> str:
    if city_id is None:
        return "All cities (national)"
    city = catalog.city_by_id[city_id]
    return f"{city.name}, {city.state}"


def _ordered_qualifiers(found: set[Qualifier]) -> list[Qualifier]:
    return [q for q in Qualifier if q in found and q is not Qualifier.EXACT]


def bar_chart(catalog: Catalog, settings: ChartSettings) -> BarChart:
    """Bars of one metric at one snapshot: top ``settings.top`` values, selected city always."""
    day = settings.snapshot
    top = max(1, settings.top)
    total = len(catalog.cities) if day is not None else 0  # no snapshot: no cities to show
    shown: list[SeriesPoint] = []
    gaps: list[SeriesPoint] = []
    reported_count = missing_count = no_population = 0
    if day is not None:
        # Points only for what is shown: the top values, the first gaps, the selected city.
        board = catalog.top(settings.metric, day, settings.per_capita, top)
        reported_count, missing_count = board.reported, board.missing
        no_population = board.no_population

        def point(city_id: str) -> SeriesPoint:
            found = catalog.point(settings.metric, day, city_id, settings.per_capita)
            assert found is not None  # ids come from the catalog
            return found

        shown = [point(city_id) for city_id in board.leaders[:top]]
        selected = settings.city or ""
        selected_point = point(selected) if selected in catalog.city_by_id else None
        if (
            selected_point is not None
            and selected_point.value is not None
            and selected not in board.leaders[:top]
        ):
            shown = [*shown[: top - 1], selected_point]
        room = top - len(shown)
        gap_ids = board.first_missing[:room] if room > 0 else []
        gaps = [point(city_id) for city_id in gap_ids]
        if selected_point is not None and selected_point.value is None and selected not in gap_ids:
            gaps = [*gaps[: max(0, room - 1)], selected_point]

    def make_bar(point: SeriesPoint) -> Bar:
        figure = point.figure
        if point.value is None:
            text = NOT_REPORTED if point.missing_reason == NOT_REPORTED else "no population"
        elif settings.per_capita:
            text = format_rate(point.value, point.qualifier)
        else:
            text = format_value(point.value, point.qualifier)
        return Bar(
            city_id=point.city.id,
            label=f"{point.city.name}, {point.city.state}",
            value=point.value,
            qualifier=point.qualifier,
            text=text,
            selected=point.city.id == settings.city,
            figure=figure,
            source=catalog.source(figure.source) if figure else None,
            missing_reason=point.missing_reason,
        )

    bars = [make_bar(p) for p in shown] + [make_bar(p) for p in gaps]
    notes: list[str] = []
    if len(bars) < total:
        notes.append(
            f"Showing {len(bars):,} of {total:,} cities "
            f"({reported_count:,} reported a figure, top {len(shown):,} shown)."
        )
    elif missing_count:
        notes.append(f"{missing_count:,} of {total:,} cities: no figure reported.")
    if day is not None and not reported_count:
        best = catalog.default_snapshot(settings.metric)
        hint = f"; the most cities did on {format_date(best)}" if best and best != day else ""
        notes.append(f"No city reported this figure on {format_date(day)}{hint}.")
    national = catalog.figure(day, None, settings.metric) if day else None
    if national is not None and not settings.per_capita:
        source = catalog.source(national.source)
        notes.append(
            f"National total reported: {format_value(national.value, national.qualifier)} "
            f"({source.publisher}); a reported figure, not the sum of the bars."
        )
    if settings.per_capita:
        left_out = no_population
        if left_out:
            verb = "is" if left_out == 1 else "are"
            notes.append(
                f"Rates use 2020 census populations; {_cities(left_out)} without one {verb} "
                "left out."
            )
        else:
            notes.append("Rates use 2020 census populations.")
    sources = catalog.sources_of(shown)
    qualifiers = _ordered_qualifiers({p.qualifier for p in shown})
    subtitle = f"As announced on {format_date(day)}" if day else "No snapshot"
    snapshot = catalog.snapshot_by_date.get(day) if day else None
    if snapshot and snapshot.label:
        subtitle += f" · {snapshot.label}"
    return BarChart(
        settings=settings,
        title=_title(catalog, settings),
        subtitle=subtitle,
        bars=bars,
        notes=notes,
        sources=sources,
        qualifiers=qualifiers,
        total_cities=total,
    )


def timeline_chart(catalog: Catalog, settings: ChartSettings) -> TimelineChart:
    """Every dated figure of the selected city (or national) for the metric."""
    city = catalog.city_by_id.get(settings.city) if settings.city else None
    population = city.population.value if city and city.population else None
    points: list[TimelinePoint] = []
    notes: list[str] = []
    for entry in catalog.timeline(settings.city, settings.metric):
        figure = entry.figure
        value: float | None = figure.value
        if settings.per_capita:
            value = rate_per_100k(figure.value, population)
        if value is None:
            continue
        text = (
            format_rate(value, figure.qualifier)
            if settings.per_capita
            else format_value(value, figure.qualifier)
        )
        points.append(
            TimelinePoint(
                entry.day, value, figure.qualifier, text, catalog.source(figure.source), figure
            )
        )
    if settings.per_capita and population is None:
        notes.append("No population for this selection: per-100,000 rates are not available.")
    if not points:
        notes.append("No dated figures for this metric.")
    seen: dict[str, Source] = {}
    for point in points:
        seen.setdefault(point.source.id, point.source)
    if points:
        subtitle = (
            f"{_city_label(catalog, settings.city)}, "
            f"{format_date(points[0].day)} – {format_date(points[-1].day)}"
        )
    else:
        subtitle = _city_label(catalog, settings.city)
    return TimelineChart(
        settings=settings,
        title=_title(catalog, settings),
        subtitle=subtitle,
        points=points,
        launch_date=city.launch_date if city else None,
        sources=list(seen.values()),
        qualifiers=_ordered_qualifiers({p.qualifier for p in points}),
        notes=notes,
    )

"""What a timeline shows: one place's dated figures of one metric, and its gaps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from legend_gui.model.captions import (
    CONTEXT_MARK_KEY,
    DISPUTE_KEY,
    legend_line,
    population_note,
    source_line,
)
from legend_gui.model.chart_common import (
    ChartSettings,
    cited_sources,
    disputed_of,
    ordered_qualifiers,
    place_label,
    scaled,
    title_of,
    unit_of,
    value_text,
    with_others,
)
from legend_gui.model.formatting import format_date
from legend_gui.model.status import FigureState, OtherValue, figure_state
from legend_gui.model.vocab import Qualifier

if TYPE_CHECKING:
    from legend_gui.model.context_marks import ContextMark
    from legend_gui.model.queries import Catalog
    from legend_gui.model.schema import Figure, Source


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    day: date
    value: float
    qualifier: Qualifier
    text: str
    source: Source
    figure: Figure
    others: tuple[OtherValue, ...] = ()
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True, slots=True)
class TimelineGap:
    """A snapshot date without a figure for the place: not reported, or not yet launched."""

    day: date
    state: FigureState


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
    gaps: list[TimelineGap] = field(default_factory=list)
    unit: str = ""
    place: str = ""  # "St. Louis, MO" or the national name
    dataset_title: str = ""
    attribution: str = ""  # "Data: <title>, <licence>." (export_options.build_chart)
    companions: tuple[TimelineChart, ...] = ()  # more cities, each drawn in its own colour
    context: list[ContextMark] = field(default_factory=list)  # background counts, if asked

    @property
    def message(self) -> str:
        """Why there is nothing to draw, in the plot area; empty when there are points."""
        if self.points:
            return ""
        return self.notes[-1] if self.notes else "No dated figures for this metric."

    def axis_days(self) -> list[date]:
        """The days the time axis spans, on screen and in exports alike: every line's points
        (the compared cities' too), the dates without a figure, the context marks' last days
        and the launch (its line and the shaded span before it)."""
        every = (self, *self.companions)
        days = [point.day for line in every for point in line.points]
        days += [gap.day for gap in self.gaps] + [mark.end for mark in self.context]
        if self.launch_date is not None:
            days.append(self.launch_date)
        return days

    def source_line(self) -> str:
        """Every source of the points; none without points (the message says why, and "no
        figures reported" would be false where only the totals are missing)."""
        return source_line(self.sources) if self.points else ""

    def legend_line(self) -> str:
        lines = [legend_line(self.qualifiers, mark="Open rings")]
        if any(point.others for point in self.points):
            lines.append(DISPUTE_KEY)
        if any(gap.state is FigureState.NOT_REPORTED for gap in self.gaps):
            lines.append("Grey ticks on the axis: snapshot dates without a figure (not reported).")
        if any(gap.state is FigureState.NOT_YET_LAUNCHED for gap in self.gaps):
            lines.append("The shaded span is before the launch (not yet launched).")
        if self.context:
            lines.append(CONTEXT_MARK_KEY)
        return " ".join(line for line in lines if line)


#: A dataset may give only city figures for a metric: then there is no total to follow.
NO_TOTALS = (
    "The data reports no totals for all cities for this metric, only city figures: "
    "choose a city to follow its figures."
)

#: At most this many cities beside the selected one (the palette has as many distinct colours).
MAX_COMPANIONS = 5


def timeline_chart(catalog: Catalog, settings: ChartSettings) -> TimelineChart:
    """Every dated figure of the selected city (or national) for the metric, and every
    snapshot date without one (not reported, or not yet launched); with
    ``settings.compared``, the other cities' timelines as ``companions``."""
    chart = _one_timeline(catalog, settings)
    others = [c for c in settings.compared if c != settings.city and c in catalog.city_by_id]
    if not others:
        return chart
    companions = tuple(
        _one_timeline(catalog, settings.with_(city=city_id, compared=()))
        for city_id in others[:MAX_COMPANIONS]
    )
    seen = {source.id: source for source in chart.sources}
    for companion in companions:
        for source in companion.sources:
            seen.setdefault(source.id, source)
    names = ", ".join(companion.place for companion in companions)
    notes = list(chart.notes)
    if chart.launch_date is not None:
        notes.append(f"The launch line and the shaded span are {chart.place}'s.")
    if len(others) > MAX_COMPANIONS:
        notes.append(f"Showing {MAX_COMPANIONS} of the {len(others)} cities added to compare.")
    return replace(
        chart,
        subtitle=f"{chart.place} compared with {names}",
        sources=list(seen.values()),
        companions=companions,
        notes=notes,
    )


def _one_timeline(catalog: Catalog, settings: ChartSettings) -> TimelineChart:
    city = catalog.city_by_id.get(settings.city) if settings.city else None
    population = city.population.value if city and city.population else None
    metric = catalog.metric_by_id.get(settings.metric)
    raw_unit = metric.unit if metric else ""
    points: list[TimelinePoint] = []
    notes: list[str] = []
    reported_days = set()
    for entry in catalog.timeline(settings.city, settings.metric):
        figure = entry.figure
        reported_days.add(entry.day)
        value = scaled(figure.value, population, settings.per_capita)
        if value is None:
            continue
        others, low, high = disputed_of(figure, population, settings.per_capita)
        text = with_others(
            value_text(value, figure.qualifier, settings.per_capita, raw_unit),
            others,
            settings.per_capita,
            raw_unit,
        )
        points.append(
            TimelinePoint(
                entry.day,
                value,
                figure.qualifier,
                text,
                catalog.source(figure.source),
                figure,
                others,
                low,
                high,
            )
        )
    gaps = [
        TimelineGap(day, figure_state(city, day, None))
        for day in catalog.snapshot_dates
        if day not in reported_days
    ]
    if settings.per_capita and population is None:
        if city is None:
            notes.append(
                "Rates per 100,000 residents need a population: the reported totals have none."
            )
        else:
            notes.append(
                "No population for this city: rates per 100,000 residents are not available."
            )
    elif settings.per_capita and city is not None:
        notes.append(population_note(catalog, [city]))
    if not reported_days:
        notes.append(NO_TOTALS if city is None else "No dated figures for this metric.")
        if catalog.is_context_metric(settings.metric):
            notes.append(
                "Period counts have no dates to plot: compare the cities, or show them on a "
                "figure's timeline with “Show context counts”."
            )
    seen = {source.id: source for source in cited_sources(catalog, points)}
    marks: list[ContextMark] = []
    if settings.show_context and points:  # the context modules load pydantic: only now
        from legend_gui.model.context_marks import context_marks, marks_note

        days = [point.day for point in points]
        if city is not None:
            days.append(city.launch_date)
        marks = context_marks(catalog, settings.city, days)
        if marks:
            notes.append(marks_note(marks))
        for mark in marks:
            seen.setdefault(mark.source.id, mark.source)
    place = place_label(catalog, settings.city)
    if points:
        first, last = format_date(points[0].day), format_date(points[-1].day)
        subtitle = f"{place}, {first}" if first == last else f"{place}, {first} – {last}"
    else:
        subtitle = place
    return TimelineChart(
        settings=settings,
        title=title_of(catalog, settings),
        subtitle=subtitle,
        points=points,
        launch_date=city.launch_date if city else None,
        sources=list(seen.values()),
        qualifiers=ordered_qualifiers({p.qualifier for p in points}),
        notes=notes,
        gaps=gaps,
        unit=unit_of(catalog, settings),
        place=place,
        dataset_title=catalog.dataset.title,
        context=marks,
    )


def labels_below(xs: Sequence[float], min_gap: float, room_below: Sequence[bool]) -> list[bool]:
    """For each point's value label, whether it goes below the point rather than above: a
    point closer than ``min_gap`` to the one before takes the other side (so their labels do
    not overlap), but only where ``room_below`` says a label there clears the axis. The same
    rule on screen and in exports; each passes its own units."""
    below = False
    sides: list[bool] = []
    for index, (x, room) in enumerate(zip(xs, room_below, strict=True)):
        crowded = index > 0 and x - xs[index - 1] < min_gap
        below = (not below if crowded else False) and room
        sides.append(below)
    return sides

"""Questions the app asks of a dataset, answered without Qt and tested on their own.

``Catalog`` indexes a validated ``Dataset`` once (dict look-ups instead of scans), so a metric
or snapshot change at 100,000 cities costs one pass over the cities, not over every figure.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import pairwise

from legend_gui.model.formatting import format_number, format_value
from legend_gui.model.schema import (
    AlternateReport,
    City,
    Dataset,
    Figure,
    Metric,
    Qualifier,
    Scope,
    Snapshot,
    Source,
)

PER_CAPITA_BASE = 100_000
#: Metrics shown in every city's table even when a snapshot has no figure for them, so "not
#: reported" is visible for the figures readers look for first.
CORE_METRICS = (
    "federal_defendants_charged",
    "arrests_total",
    "homicide_arrests",
    "firearms_seized",
)
#: Qualifiers whose value is a lower bound: city figures adding up to more is no contradiction.
_LOWER_BOUNDS = {Qualifier.MORE_THAN, Qualifier.AT_LEAST}


def goes_down(old: Figure, new: Figure) -> bool:
    """A running total that really went down: not when the later figure is only a lower bound
    ("more than 30" after 32 may well be 32 or more) or the earlier one an upper bound."""
    if new.qualifier in _LOWER_BOUNDS or old.qualifier is Qualifier.AT_MOST:
        return False
    return new.value < old.value


FigureKey = tuple[date, str | None, str]  # (snapshot date, city id or None for national, metric)


def rate_per_100k(value: float | None, population: int | None) -> float | None:
    """Value per 100,000 residents; ``None`` (not available, never 0) without a population."""
    if value is None or not population:
        return None
    return value * PER_CAPITA_BASE / population


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One city's bar in the comparison chart, or why it has none."""

    city: City
    figure: Figure | None
    value: float | None  # the plotted number: the figure's value or its per-100k rate
    missing_reason: str | None = None  # "not reported" / "no population"

    @property
    def qualifier(self) -> Qualifier:
        return self.figure.qualifier if self.figure else Qualifier.EXACT


def _point(city: City, figure: Figure | None, per_capita: bool) -> SeriesPoint:
    if figure is None:
        return SeriesPoint(city, None, None, "not reported")
    if per_capita:
        population = city.population.value if city.population else None
        rate = rate_per_100k(figure.value, population)
        return SeriesPoint(city, figure, rate, None if rate is not None else "no population")
    return SeriesPoint(city, figure, figure.value)


@dataclass(frozen=True, slots=True)
class Leaderboard:
    """The top of one metric at one snapshot, without a point per city (see ``Catalog.top``):
    only what a chart of ``top`` bars can show."""

    leaders: list[str]  # city ids of the largest values, largest first (ties: name, then order)
    first_missing: list[str]  # city ids without a value, dataset order
    reported: int  # cities with a value
    missing: int  # cities without: not reported, or no population for a rate
    no_population: int  # of ``missing``: a figure but no population (rates only)
    top: int  # how many leaders and gaps were asked for


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    day: date
    figure: Figure


@dataclass(frozen=True, slots=True)
class DataWarning:
    """Something in the data a reader should know; shown, never silently fixed."""

    kind: str  # "sum_exceeds_national" | "cumulative_decrease"
    message: str
    metric: str
    days: tuple[date, ...]
    city_ids: frozenset[str] = field(default_factory=frozenset)
    national: bool = False

    def concerns(self, city_id: str | None) -> bool:
        return self.national if city_id is None else city_id in self.city_ids


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


class Catalog:
    """A validated dataset with the indexes its queries need."""

    def __init__(self, dataset: Dataset, path: str | None = None) -> None:
        self.dataset = dataset
        self.path = path
        self.cities: list[City] = list(dataset.cities)
        self.city_by_id: dict[str, City] = {city.id: city for city in dataset.cities}
        self.metric_by_id: dict[str, Metric] = {metric.id: metric for metric in dataset.metrics}
        self.source_by_id: dict[str, Source] = {source.id: source for source in dataset.sources}
        self.snapshots: list[Snapshot] = sorted(dataset.snapshots, key=lambda s: s.date)
        self.snapshot_dates: list[date] = [snapshot.date for snapshot in self.snapshots]
        self.snapshot_by_date: dict[date, Snapshot] = {s.date: s for s in self.snapshots}
        self._warnings_by_city: dict[str | None, list[DataWarning]] = {}
        self._positions: dict[int, dict[int, int]] = {}  # snapshot -> id(figure) -> index
        self._leaderboards: dict[tuple[str, date, bool], Leaderboard] = {}
        # (date, metric) -> figures of cities by city id, for look-ups, series and sums; and
        # the national figures. No index per figure or per (city, metric): at 100,000 cities
        # such an index took 600 ms and 100 MiB (a key tuple, and a list of dates, per entry).
        self._by_metric: dict[tuple[date, str], dict[str, Figure]] = {}
        self._national: dict[tuple[date, str], Figure] = {}
        by_metric, national = self._by_metric, self._national
        city_scope = Scope.CITY
        for snapshot in self.snapshots:
            day = snapshot.date
            groups: dict[str, dict[str, Figure]] = {}
            for figure in snapshot.figures:  # once per figure: local names only
                if figure.scope is city_scope:
                    group = groups.get(figure.metric)
                    if group is None:
                        group = groups[figure.metric] = {}
                    group[figure.city] = figure  # type: ignore[index] # checked: city figures name one
                else:
                    national[(day, figure.metric)] = figure
            for metric, group in groups.items():
                known = by_metric.get((day, metric))
                if known is None:
                    by_metric[(day, metric)] = group
                else:  # two snapshots with one date: only in a file the checks refuse
                    known.update(group)

    # -- look-ups -------------------------------------------------------------------------
    def figure(self, day: date, city_id: str | None, metric_id: str) -> Figure | None:
        if city_id is None:
            return self._national.get((day, metric_id))
        group = self._by_metric.get((day, metric_id))
        return group.get(city_id) if group is not None else None

    def source(self, source_id: str) -> Source:
        return self.source_by_id[source_id]

    def metric(self, metric_id: str) -> Metric:
        return self.metric_by_id[metric_id]

    def figure_count(self) -> int:
        return len(self._national) + sum(len(group) for group in self._by_metric.values())

    def alternate_count(self) -> int:
        return sum(len(figure.alternates) for figure in self._all_figures())

    def _all_figures(self) -> Iterator[Figure]:
        yield from self._national.values()
        for group in self._by_metric.values():
            yield from group.values()

    @cached_property
    def chart_metrics(self) -> list[Metric]:
        """Metrics with at least one city figure (only those can be compared across cities)."""
        with_cities = {metric for (_day, metric) in self._by_metric}
        return [metric for metric in self.dataset.metrics if metric.id in with_cities]

    def default_metric(self) -> str:
        """The first core metric with city figures, else the first comparable metric."""
        ids = [metric.id for metric in self.chart_metrics] or [m.id for m in self.dataset.metrics]
        return next((m for m in CORE_METRICS if m in ids), ids[0] if ids else "")

    def default_snapshot(self, metric_id: str) -> date | None:
        """The snapshot where the most cities report ``metric_id`` (latest on a tie)."""
        best: date | None = None
        best_count = -1
        for day in self.snapshot_dates:
            count = len(self._by_metric.get((day, metric_id), {}))
            if count >= best_count:
                best, best_count = day, count
        return best

    # -- the comparison chart ---------------------------------------------------------------
    def series(self, metric_id: str, day: date, per_capita: bool = False) -> list[SeriesPoint]:
        """Every city's value of ``metric_id`` at snapshot ``day``, in dataset order."""
        figures = self._by_metric.get((day, metric_id), {})
        return [_point(city, figures.get(city.id), per_capita) for city in self.cities]

    def point(
        self, metric_id: str, day: date, city_id: str, per_capita: bool = False
    ) -> SeriesPoint | None:
        """One city's entry of ``series`` (``None`` for an unknown city), without the others."""
        city = self.city_by_id.get(city_id)
        if city is None:
            return None
        return _point(city, self._by_metric.get((day, metric_id), {}).get(city_id), per_capita)

    def top(self, metric_id: str, day: date, per_capita: bool, top: int) -> Leaderboard:
        """The ``top`` largest values (largest first; ties by name) and the first ``top`` gaps.

        A metric change at 100,000 cities must not build a point for every city and sort them
        all (≈250 ms): this selects the leaders from the figures alone, then orders only those.
        Cached per (metric, snapshot, per-capita), so a selection change costs no pass at all.
        """
        key = (metric_id, day, per_capita)
        board = self._leaderboards.get(key)
        if board is not None and board.top >= top:
            return board
        figures = self._by_metric.get((day, metric_id), {})
        city_by_id = self.city_by_id
        no_population = 0
        if per_capita:
            values: dict[str, float] = {}
            for city_id, figure in figures.items():
                population = city_by_id[city_id].population
                if population is None:
                    no_population += 1
                else:
                    values[city_id] = figure.value * PER_CAPITA_BASE / population.value
        else:
            values = {city_id: figure.value for city_id, figure in figures.items()}
        if len(values) > top:  # only values from the top-th largest on can be leaders
            threshold = heapq.nlargest(top, values.values())[-1]
            candidates = [city_id for city_id, value in values.items() if value >= threshold]
        else:
            candidates = list(values)
        order = self._city_order
        candidates.sort(
            key=lambda city_id: (-values[city_id], city_by_id[city_id].name, order[city_id])
        )
        first_missing: list[str] = []
        if len(values) < len(self.cities):
            for city in self.cities:
                if city.id not in values:
                    first_missing.append(city.id)
                    if len(first_missing) >= top:
                        break
        board = Leaderboard(
            leaders=candidates[:top],
            first_missing=first_missing,
            reported=len(values),
            missing=len(self.cities) - len(values),
            no_population=no_population,
            top=top,
        )
        if len(self._leaderboards) >= 32:
            self._leaderboards.pop(next(iter(self._leaderboards)))
        self._leaderboards[key] = board
        return board

    @cached_property
    def _city_order(self) -> dict[str, int]:
        """City id -> position in the dataset: the last tie-break of a ranking."""
        return {city.id: index for index, city in enumerate(self.cities)}

    @cached_property
    def _citations(self) -> dict[str, tuple[int, int, int]]:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for city in self.cities:
            if city.population is not None:
                counts[city.population.source][0] += 1
        for snapshot in self.snapshots:
            for figure in snapshot.figures:
                counts[figure.source][0] += 1
                for other in figure.corroborated_by:
                    counts[other][1] += 1
                for alternate in figure.alternates:
                    counts[alternate.source][2] += 1
        return {source: (a, b, c) for source, (a, b, c) in counts.items()}

    def citations(self) -> dict[str, tuple[int, int, int]]:
        """Per source id: how many figures (and populations) it is the primary source of, how
        many it corroborates, and how many it gives a different value for."""
        return self._citations

    def sources_of(self, points: Iterable[SeriesPoint]) -> list[Source]:
        """The distinct primary sources behind ``points``, in first-use order."""
        seen: dict[str, Source] = {}
        for point in points:
            if point.figure is not None and point.figure.source not in seen:
                seen[point.figure.source] = self.source(point.figure.source)
        return list(seen.values())

    # -- one city -------------------------------------------------------------------------
    def timeline(self, city_id: str | None, metric_id: str) -> list[TimelinePoint]:
        """Every dated figure of one city (``None``: national) for one metric, oldest first."""
        points = []
        for day in self.snapshot_dates:
            figure = self.figure(day, city_id, metric_id)
            if figure is not None:
                points.append(TimelinePoint(day, figure))
        return points

    def previous(self, day: date, city_id: str | None, metric_id: str) -> TimelinePoint | None:
        """The latest figure before ``day`` for the same city and metric."""
        for earlier in reversed(self.snapshot_dates):
            if earlier < day:
                figure = self.figure(earlier, city_id, metric_id)
                if figure is not None:
                    return TimelinePoint(earlier, figure)
        return None

    def table(self, day: date, city_id: str | None) -> list[tuple[Metric, Figure | None]]:
        """Metrics for one city at one snapshot: the core ones always, others when reported."""
        rows: list[tuple[Metric, Figure | None]] = []
        for metric in self.dataset.metrics:
            figure = self.figure(day, city_id, metric.id)
            if figure is not None or metric.id in CORE_METRICS:
                rows.append((metric, figure))
        return rows

    def days_active(self, city_id: str, day: date) -> int | None:
        """Days since the operation launched in the city, or ``None`` before the launch."""
        city = self.city_by_id[city_id]
        days = (day - city.launch_date).days
        return days if days >= 0 else None

    def alternates_with_sources(self, figure: Figure) -> list[tuple[AlternateReport, Source]]:
        return [(alt, self.source(alt.source)) for alt in figure.alternates]

    # -- warnings -------------------------------------------------------------------------
    @cached_property
    def warnings(self) -> list[DataWarning]:
        return list(self._sum_warnings()) + list(self._decrease_warnings())

    def warnings_for(self, city_id: str | None) -> list[DataWarning]:
        """The warnings about one city (``None``: national), in the order of ``warnings``.

        Worked out for that city alone unless every warning is known already: the detail pane
        asks on every selection, and all warnings at 100,000 cities take 0.3 s.
        """
        if "warnings" in self.__dict__:
            return [warning for warning in self.warnings if warning.concerns(city_id)]
        found = self._warnings_by_city.get(city_id)
        if found is None:
            sums = [warning for warning in self._sum_warning_list if warning.concerns(city_id)]
            found = sums + self._decreases_of(city_id)
            self._warnings_by_city[city_id] = found
        return found

    @cached_property
    def _sum_warning_list(self) -> list[DataWarning]:
        return list(self._sum_warnings())

    def _decreases_of(self, city_id: str | None) -> list[DataWarning]:
        found = []
        for metric in self.metric_by_id.values():
            if not metric.cumulative:
                continue
            line = self.timeline(city_id, metric.id)
            for before, after in pairwise(line):
                if goes_down(before.figure, after.figure):
                    rank = self._first_use(city_id, metric.id)
                    found.append(
                        (rank, before.day, after.day, before.figure, after.figure, city_id, metric)
                    )
        found.sort(key=lambda entry: (entry[0], entry[1]))
        return [self._decrease_warning(*entry[1:]) for entry in found]

    def _first_use(self, city_id: str | None, metric_id: str) -> tuple[int, int]:
        """(snapshot, figure) position of the first figure of a city and metric: warnings
        about decreases are listed in the order their series first appear in the file."""
        for s, snapshot in enumerate(self.snapshots):
            figure = self.figure(snapshot.date, city_id, metric_id)
            if figure is not None:
                if s not in self._positions:
                    self._positions[s] = {id(f): i for i, f in enumerate(snapshot.figures)}
                return (s, self._positions[s][id(figure)])
        return (len(self.snapshots), 0)  # pragma: no cover - called for figures found

    def _decrease_warning(
        self,
        before: date,
        after: date,
        old: Figure,
        new: Figure,
        city_id: str | None,
        metric: Metric,
    ) -> DataWarning:
        where = self.city_by_id[city_id].name if city_id else "National"
        return DataWarning(
            "cumulative_decrease",
            f"{where}: “{metric.label}” is a running total but goes down from "
            f"{format_value(old.value, old.qualifier)} ({before}) to "
            f"{format_value(new.value, new.qualifier)} ({after}).",
            metric.id,
            (before, after),
            frozenset({city_id}) if city_id else frozenset(),
            national=city_id is None,
        )

    def _sum_warnings(self) -> Iterator[DataWarning]:
        for (day, metric_id), figures in sorted(self._by_metric.items()):
            national = self._national.get((day, metric_id))
            if national is None or national.qualifier in _LOWER_BOUNDS:
                continue
            total = sum(figure.value for figure in figures.values())
            if total > national.value:
                label = self.metric_by_id[metric_id].label
                yield DataWarning(
                    "sum_exceeds_national",
                    f"{day}: the city figures for “{label}” add up to {format_number(total)}, "
                    f"more than the national total of "
                    f"{format_value(national.value, national.qualifier)}.",
                    metric_id,
                    (day,),
                    frozenset(figures),
                    national=True,
                )

    def _decrease_warnings(self) -> Iterator[DataWarning]:
        """Running totals that go down from one of their snapshots to the next.

        Per metric, each snapshot's figures are compared with the latest earlier figure of the
        same city (dict operations, no index per city). Warnings come in the order of each
        (city, metric)'s first figure in the sorted snapshots, then by date.
        """
        found: list[tuple[tuple[int, int], date, date, Figure, Figure, str | None, Metric]] = []

        for metric in self.metric_by_id.values():
            if not metric.cumulative:
                continue
            latest: dict[str | None, Figure] = {}
            latest_day: dict[str | None, date] = {}
            for day in self.snapshot_dates:
                group: dict[str | None, Figure] = self._by_metric.get((day, metric.id), {})  # type: ignore[assignment]
                national = self._national.get((day, metric.id))
                if national is not None:
                    group = {None: national, **group}  # a copy: the index stays as it is
                if not group:
                    continue
                drops = [
                    city_id
                    for city_id, figure in group.items()
                    if (old := latest.get(city_id)) is not None and goes_down(old, figure)
                ]
                for city_id in drops:
                    old, new = latest[city_id], group[city_id]
                    rank = self._first_use(city_id, metric.id)
                    found.append((rank, latest_day[city_id], day, old, new, city_id, metric))
                latest.update(group)
                latest_day.update(dict.fromkeys(group, day))
        found.sort(key=lambda entry: (entry[0], entry[1]))
        for entry in found:
            yield self._decrease_warning(*entry[1:])

    # -- export ---------------------------------------------------------------------------
    def long_rows(self) -> Iterator[LongRow]:
        """Every reported value, primary then alternates, in snapshot order."""
        for snapshot in self.snapshots:
            for figure in snapshot.figures:
                city = self.city_by_id.get(figure.city) if figure.city else None
                reports: list[tuple[str, float, Qualifier, str, str | None]] = [
                    ("primary", figure.value, figure.qualifier, figure.source, figure.note)
                ]
                reports += [
                    ("alternate", alt.value, alt.qualifier, alt.source, alt.note)
                    for alt in figure.alternates
                ]
                for role, value, qualifier, source_id, note in reports:
                    source = self.source(source_id)
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

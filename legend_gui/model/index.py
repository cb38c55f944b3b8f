"""A validated dataset indexed once: dict look-ups instead of scans over every figure.

A metric or snapshot change at 100,000 cities then costs one pass over the cities, not over
every figure. The queries built on it live in ``queries``, ``ranking`` and ``data_warnings``.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Self

from legend_gui.model.latest import LATEST, latest_figures
from legend_gui.model.vocab import Scope

if TYPE_CHECKING:
    from legend_gui.model.schema import City, Dataset, Figure, Metric, Snapshot, Source

#: Figures indexed between two pauses of ``FigureIndex.in_steps`` (≈15 ms).
FIGURES_PER_STEP = 50_000

#: (snapshot date, city id or None for the national scope, metric id): one figure.
FigureKey = tuple[date, str | None, str]


@dataclass(frozen=True, slots=True)
class DatedFigure:
    """One figure of a city's (or the national) series, with its snapshot's date."""

    day: date
    figure: Figure


class FigureIndex:
    """The dataset's cities, metrics, sources and snapshots by key, and its figures by
    (snapshot date, metric)."""

    def __init__(self, dataset: Dataset, path: str | None = None) -> None:
        for _ in self._index(dataset, path):
            pass

    @classmethod
    def in_steps(cls, dataset: Dataset, path: str | None = None) -> Generator[None, None, Self]:
        """The same index, built with a pause (``None``) every ``FIGURES_PER_STEP`` figures:
        a window indexing 360,000 figures between event-loop turns stops at each."""
        index = cls.__new__(cls)
        yield from index._index(dataset, path)
        return index

    def _index(self, dataset: Dataset, path: str | None) -> Iterator[None]:
        self.dataset = dataset
        self.path = path
        self.cities: list[City] = list(dataset.cities)
        #: The cities' ids in dataset order: scans that need only the id (which cities lack a
        #: figure) read these strings, not 100,000 records scattered in memory.
        self.city_ids: list[str] = [city.id for city in self.cities]
        self.city_by_id: dict[str, City] = dict(zip(self.city_ids, self.cities, strict=True))
        self.metric_by_id: dict[str, Metric] = {metric.id: metric for metric in dataset.metrics}
        self.source_by_id: dict[str, Source] = {source.id: source for source in dataset.sources}
        self.snapshots: list[Snapshot] = sorted(dataset.snapshots, key=lambda s: s.date)
        self.snapshot_dates: list[date] = [snapshot.date for snapshot in self.snapshots]
        self.snapshot_by_date: dict[date, Snapshot] = {s.date: s for s in self.snapshots}
        # (date, metric) -> figures of cities by city id, for look-ups, series and sums; and
        # the national figures. No index per figure or per (city, metric): at 100,000 cities
        # such an index took 600 ms and 100 MiB (a key tuple, and a list of dates, per entry).
        self.city_figures: dict[tuple[date, str], dict[str, Figure]] = {}
        self.national_figures: dict[tuple[date, str], Figure] = {}
        #: The same groups' values (city id -> number), read while indexing: a metric change
        #: ranks these instead of reading 100,000 figure records again (≈30 ms).
        self.city_values: dict[tuple[date, str], dict[str, float]] = {}
        national = self.national_figures
        city_scope = Scope.CITY
        for snapshot in self.snapshots:
            day = snapshot.date
            groups: dict[str, tuple[dict[str, Figure], dict[str, float]]] = {}
            figures = snapshot.figures
            for start in range(0, len(figures), FIGURES_PER_STEP):
                yield None
                for figure in figures[start : start + FIGURES_PER_STEP]:  # local names only
                    if figure.scope is city_scope:
                        city = figure.city
                        if city is None:  # a city figure names its city: checks refuse others
                            continue
                        group = groups.get(figure.metric)
                        if group is None:
                            group = groups[figure.metric] = ({}, {})
                        group[0][city] = figure
                        group[1][city] = figure.value
                    else:
                        national[(day, figure.metric)] = figure
            for metric, (by_city, values) in groups.items():
                known = self.city_figures.get((day, metric))
                if known is None:
                    self.city_figures[(day, metric)] = by_city
                    self.city_values[(day, metric)] = values
                else:  # two snapshots with one date: only in a file the checks refuse
                    known.update(by_city)
                    self.city_values[(day, metric)].update(values)

        # metric -> the virtual snapshot LATEST's figures and their dates (built on first
        # use; kept apart from city_figures, which holds real snapshots only)
        self._latest: dict[str, dict[str, Figure]] = {}
        self._latest_days: dict[str, dict[str, date]] = {}

    def figures_at(self, day: date, metric_id: str) -> dict[str, Figure]:
        """The city figures of ``metric_id`` at ``day`` by city id; ``LATEST`` gives each
        city's most recent one (see ``model.latest``)."""
        if day == LATEST:
            return self._latest_group(metric_id)
        return self.city_figures.get((day, metric_id), {})

    def values_at(self, day: date, metric_id: str) -> dict[str, float]:
        """``figures_at``'s values by city id (read-only: shared with the index)."""
        if day == LATEST:
            return {city: figure.value for city, figure in self._latest_group(metric_id).items()}
        return self.city_values.get((day, metric_id), {})

    def latest_days(self, metric_id: str) -> dict[str, date]:
        """City id -> the date of its figure in the virtual snapshot ``LATEST``."""
        self._latest_group(metric_id)
        return self._latest_days[metric_id]

    def figure_day(self, day: date, city_id: str, metric_id: str) -> date | None:
        """The real date of the figure ``figure(day, city_id, metric_id)`` stands for."""
        if day == LATEST:
            return self.latest_days(metric_id).get(city_id)
        return day if self.figure(day, city_id, metric_id) is not None else None

    def last_reported_day(self, city_id: str | None) -> date | None:
        """The latest snapshot with any figure of ``city_id`` (``None``: national): the day
        the detail pane shows when the chosen snapshot is ``LATEST``."""
        metric_ids = list(self.metric_by_id)
        for day in reversed(self.snapshot_dates):
            for metric_id in metric_ids:
                if self.figure(day, city_id, metric_id) is not None:
                    return day
        return None

    def _latest_group(self, metric_id: str) -> dict[str, Figure]:
        group = self._latest.get(metric_id)
        if group is None:
            group, days = latest_figures(self.snapshot_dates, self.city_figures, metric_id)
            self._latest[metric_id], self._latest_days[metric_id] = group, days
        return group

    def figure(self, day: date, city_id: str | None, metric_id: str) -> Figure | None:
        if city_id is None:
            return self.national_figures.get((day, metric_id))
        if day == LATEST:
            return self._latest_group(metric_id).get(city_id)
        group = self.city_figures.get((day, metric_id))
        return group.get(city_id) if group is not None else None

    def source(self, source_id: str) -> Source:
        return self.source_by_id[source_id]

    def metric(self, metric_id: str) -> Metric:
        return self.metric_by_id[metric_id]

    def figure_count(self) -> int:
        return len(self.national_figures) + sum(len(g) for g in self.city_figures.values())

    def alternate_count(self) -> int:
        return sum(len(figure.alternates) for figure in self._all_figures())

    def _all_figures(self) -> Iterator[Figure]:
        yield from self.national_figures.values()
        for group in self.city_figures.values():
            yield from group.values()

    def timeline(self, city_id: str | None, metric_id: str) -> list[DatedFigure]:
        """Every dated figure of one city (``None``: national) for one metric, oldest first."""
        points = []
        for day in self.snapshot_dates:
            figure = self.figure(day, city_id, metric_id)
            if figure is not None:
                points.append(DatedFigure(day, figure))
        return points

    def previous(self, day: date, city_id: str | None, metric_id: str) -> DatedFigure | None:
        """The latest figure before ``day`` for the same city and metric."""
        for earlier in reversed(self.snapshot_dates):
            if earlier < day:
                figure = self.figure(earlier, city_id, metric_id)
                if figure is not None:
                    return DatedFigure(earlier, figure)
        return None

"""``Catalog``: the questions the app asks of a dataset, answered without Qt and tested on
their own.

It answers from the ``FigureIndex`` it extends; the longer algorithms live in ``ranking``
(the comparison chart's leaders), ``data_warnings`` and ``long_rows`` (the long export).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cached_property
from itertools import accumulate
from operator import attrgetter
from typing import TYPE_CHECKING

from legend_gui.model.context import ContextIndex
from legend_gui.model.data_warnings import DataWarning, WarningFinder
from legend_gui.model.index import FIGURES_PER_STEP, FigureIndex
from legend_gui.model.long_rows import LongRow, context_long_rows, long_rows
from legend_gui.model.ranking import Leaderboard, SeriesPoint, leaderboard, series_point
from legend_gui.model.search import fold_all
from legend_gui.model.status import core_metrics

if TYPE_CHECKING:
    from legend_gui.model.schema import AlternateReport, Dataset, Figure, Metric, Source

#: Leaderboards kept per (metric, snapshot, per-capita): a selection change then costs no pass.
_LEADERBOARDS_KEPT = 32
_LAUNCH_DATE = attrgetter("launch_date")


class Catalog(FigureIndex):
    """A validated dataset with the indexes its queries need."""

    def _index(self, dataset: Dataset, path: str | None) -> Iterator[None]:
        yield from super()._index(dataset, path)
        self._warnings_by_city: dict[str | None, list[DataWarning]] = {}
        self._leaderboards: dict[tuple[str, date, bool], Leaderboard] = {}
        self._warning_finder = WarningFinder()
        self._default_snapshots: dict[str, date | None] = {}
        self._citation_counts: dict[str, tuple[int, int, int]] | None = None

    # -- choices --------------------------------------------------------------------------
    @cached_property
    def chart_metrics(self) -> list[Metric]:
        """Metrics that some snapshot reports for at least two cities: only those can be
        compared across cities. Others stay in the detail pane and the exports."""
        compared = {metric for (_day, metric), group in self.city_figures.items() if len(group) > 1}
        return [metric for metric in self.dataset.metrics if metric.id in compared]

    @cached_property
    def context(self) -> ContextIndex:
        """The dataset's background period counts (empty when it has no context section)."""
        return ContextIndex(self.dataset)

    @cached_property
    def context_metrics(self) -> list[Metric]:
        """Metrics with context counts and no snapshot figures: compared across cities by
        period, without a snapshot (their own group in the menus)."""
        dated = {metric.id for metric in self.chart_metrics}
        return [metric for metric in self.context.metrics if metric.id not in dated]

    def is_context_metric(self, metric_id: str) -> bool:
        return any(metric.id == metric_id for metric in self.context_metrics)

    def default_metric(self) -> str:
        """The first core metric (group ``core``) with city figures, else the first comparable
        metric."""
        ids = [metric.id for metric in self.chart_metrics] or [m.id for m in self.dataset.metrics]
        core = [metric.id for metric in core_metrics(self.dataset)]
        return next((m for m in core if m in ids), ids[0] if ids else "")

    @cached_property
    def _launch_days(self) -> tuple[list[date], list[int]]:
        """Each distinct launch date, earliest first, and how many cities launch on it or
        later: counting 100,000 cities by date in C takes half as long as sorting their dates."""
        counts = Counter(map(_LAUNCH_DATE, self.cities))
        days = sorted(counts)
        on_or_after = list(accumulate(map(counts.__getitem__, reversed(days))))
        return days, on_or_after[::-1]

    def launched_after(self, day: date) -> int:
        """How many cities launch after ``day`` (a bisection, not a pass over the cities)."""
        days, on_or_after = self._launch_days
        later = bisect_right(days, day)
        return on_or_after[later] if later < len(days) else 0

    @cached_property
    def search_keys(self) -> list[str]:
        """Each city's "name state", folded as a typed search is (``search.fold``), in
        ``cities`` order: built once per dataset, not per keystroke."""
        return fold_all([f"{city.name} {city.state}" for city in self.cities])

    def default_snapshot(self, metric_id: str) -> date | None:
        """The snapshot where the most cities give their most recent figure of ``metric_id``
        (the later on a tie; the last snapshot when no city reports it).

        Not the snapshot where the most cities report it at all: that may be an interim
        release (the bundled data's mid-October one), which a reader would take for the
        latest figures; the cities' newest figures are mostly in the final results.
        Worked out once per metric (tens of milliseconds at 100,000 cities).
        """
        if metric_id in self._default_snapshots:
            return self._default_snapshots[metric_id]
        best: date | None = self.snapshot_dates[-1] if self.snapshot_dates else None
        best_count = 0
        groups = [
            (day, group)
            for day in reversed(self.snapshot_dates)  # newest first: a city counts once
            if (group := self.city_figures.get((day, metric_id)))
        ]
        seen: set[str] = set()
        for step, (day, group) in enumerate(groups, 1):
            newest = len(group.keys() - seen) if seen else len(group)
            if newest > best_count:
                best, best_count = day, newest
            if step < len(groups):  # a set made from a dict reuses its hashes: no key is read
                seen.update(group)
        self._default_snapshots[metric_id] = best
        return best

    # -- the comparison chart ---------------------------------------------------------------
    def series(self, metric_id: str, day: date, per_capita: bool = False) -> list[SeriesPoint]:
        """Every city's value of ``metric_id`` at snapshot ``day``, in dataset order."""
        figures = self.figures_at(day, metric_id)
        return [series_point(city, figures.get(city.id), day, per_capita) for city in self.cities]

    def point(
        self, metric_id: str, day: date, city_id: str, per_capita: bool = False
    ) -> SeriesPoint | None:
        """One city's entry of ``series`` (``None`` for an unknown city), without the others."""
        city = self.city_by_id.get(city_id)
        if city is None:
            return None
        figure = self.figures_at(day, metric_id).get(city_id)
        return series_point(city, figure, day, per_capita)

    def top(self, metric_id: str, day: date, per_capita: bool, top: int) -> Leaderboard:
        """The ``top`` largest values and the first ``top`` gaps (see ``ranking.leaderboard``),
        cached per (metric, snapshot, per-capita), so a selection change costs no pass."""
        key = (metric_id, day, per_capita)
        board = self._leaderboards.get(key)
        if board is not None and board.top >= top:
            return board
        board = leaderboard(self, self._city_order, metric_id, day, per_capita, top)
        if len(self._leaderboards) >= _LEADERBOARDS_KEPT:
            self._leaderboards.pop(next(iter(self._leaderboards)))
        self._leaderboards[key] = board
        return board

    @cached_property
    def _city_order(self) -> dict[str, int]:
        """City id -> position in the dataset: the last tie-break of a ranking."""
        return {city_id: index for index, city_id in enumerate(self.city_ids)}

    @property
    def city_position(self) -> dict[str, int]:
        """City id -> its index in ``cities`` (built once)."""
        return self._city_order

    # -- sources --------------------------------------------------------------------------
    def citations(self) -> dict[str, tuple[int, int, int]]:
        """Per source id: how many figures (and populations, and context counts) it is the
        primary source of, how many it corroborates, and how many it gives a different value
        for (for a context count: another count, whatever its basis)."""
        if self._citation_counts is None:
            for _ in self.citations_in_steps():
                pass
        assert self._citation_counts is not None  # counted by the steps just run
        return self._citation_counts

    def citations_counted(self) -> bool:
        """Whether ``citations`` answers at once (else it passes over every figure first)."""
        return self._citation_counts is not None

    def citations_take_steps(self) -> bool:
        """Whether ``citations`` would first count more figures than ``citations_in_steps``
        counts in one step: worth counting in steps, not in one go."""
        return not self.citations_counted() and self.figure_count() > FIGURES_PER_STEP

    def citations_in_steps(self) -> Iterator[None]:
        """Count ``citations`` with a pause (``None``) every ``FIGURES_PER_STEP`` figures: in
        one go, 360,000 figures took an event-loop turn of 110–170 ms, the longest of a large
        file's load."""
        if self._citation_counts is not None:
            return
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for city in self.cities:
            if city.population is not None:
                counts[city.population.source][0] += 1
        for snapshot in self.snapshots:
            figures = snapshot.figures
            for start in range(0, len(figures), FIGURES_PER_STEP):
                yield None
                for figure in figures[start : start + FIGURES_PER_STEP]:
                    counts[figure.source][0] += 1
                    for other in figure.corroborated_by:
                        counts[other.source][1] += 1
                    for alternate in figure.alternates:
                        counts[alternate.source][2] += 1
        for counted in self.dataset.context:  # background counts: cited the same way
            counts[counted.source][0] += 1
            for count in counted.alternates:
                counts[count.source][1 if count.value == counted.value else 2] += 1
        self._citation_counts = {source: (a, b, c) for source, (a, b, c) in counts.items()}

    def sources_of(self, points: Iterable[SeriesPoint]) -> list[Source]:
        """The distinct primary sources behind ``points``, in first-use order."""
        seen: dict[str, Source] = {}
        for point in points:
            if point.figure is not None and point.figure.source not in seen:
                seen[point.figure.source] = self.source(point.figure.source)
        return list(seen.values())

    def alternates_with_sources(self, figure: Figure) -> list[tuple[AlternateReport, Source]]:
        return [(alt, self.source(alt.source)) for alt in figure.alternates]

    # -- one city -------------------------------------------------------------------------
    def table(self, day: date, city_id: str | None) -> list[tuple[Metric, Figure | None]]:
        """Metrics for one city at one snapshot: the core ones (group ``core``) always, others
        when reported."""
        rows: list[tuple[Metric, Figure | None]] = []
        core = {metric.id for metric in core_metrics(self.dataset)}
        for metric in self.dataset.metrics:
            figure = self.figure(day, city_id, metric.id)
            if figure is not None or metric.id in core:
                rows.append((metric, figure))
        return rows

    def days_active(self, city_id: str, day: date) -> int | None:
        """Days since the operation launched in the city, or ``None`` before the launch."""
        city = self.city_by_id[city_id]
        days = (day - city.launch_date).days
        return days if days >= 0 else None

    # -- warnings -------------------------------------------------------------------------
    @cached_property
    def warnings(self) -> list[DataWarning]:
        return self._warning_finder.all(self)

    def warnings_for(self, city_id: str | None) -> list[DataWarning]:
        """The warnings about one city (``None``: national), in the order of ``warnings``.

        Worked out for that city alone unless every warning is known already: the detail pane
        asks on every selection, and all warnings at 100,000 cities take 0.3 s.
        """
        if "warnings" in self.__dict__:
            return [warning for warning in self.warnings if warning.concerns(city_id)]
        found = self._warnings_by_city.get(city_id)
        if found is None:
            found = self._warning_finder.of_city(self, city_id)
            self._warnings_by_city[city_id] = found
        return found

    # -- export ---------------------------------------------------------------------------
    def long_rows(self) -> Iterator[LongRow]:
        """Every reported value, primary then alternates, in snapshot order; then every
        context count (a period instead of a snapshot date)."""
        yield from long_rows(self)
        yield from context_long_rows(self.context)

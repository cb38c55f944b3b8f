"""Things in the data a reader should know, shown and never silently fixed: city figures that
add up to more than the national total, and running totals that go down.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import cast

from legend_gui.model.formatting import format_number, format_value
from legend_gui.model.index import FigureIndex
from legend_gui.model.schema import Figure, Metric, Qualifier

#: Qualifiers whose value is a lower bound: city figures adding up to more is no contradiction.
LOWER_BOUNDS = {Qualifier.MORE_THAN, Qualifier.AT_LEAST}

#: A decrease found: (first use of its series, date before, date after, old, new, city, metric).
_Decrease = tuple[tuple[int, int], date, date, Figure, Figure, str | None, Metric]


def goes_down(old: Figure, new: Figure) -> bool:
    """A running total that really went down: not when the later figure is only a lower bound
    ("more than 30" after 32 may well be 32 or more) or the earlier one an upper bound."""
    if new.qualifier in LOWER_BOUNDS or old.qualifier is Qualifier.AT_MOST:
        return False
    return new.value < old.value


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


class WarningFinder:
    """Finds the warnings of one indexed dataset, all at once or those of one city, and keeps
    what it learns between questions.

    The index is passed to every call, never kept: the catalog keeps its finder, and a finder
    that kept the catalog would make a cycle, which holds an old dataset in memory until the
    next GC pass after a new file is opened (+45 MiB peak at 10,000 cities).
    """

    def __init__(self) -> None:
        self._positions: dict[int, dict[int, int]] = {}  # snapshot -> id(figure) -> index
        self._sums: list[DataWarning] | None = None

    def all(self, index: FigureIndex) -> list[DataWarning]:
        """Sums first (by date, then metric), then decreases (by first use, then date)."""
        decreases = self._all_decreases(index)
        return self.sums(index) + [self._warning(index, *entry[1:]) for entry in decreases]

    def of_city(self, index: FigureIndex, city_id: str | None) -> list[DataWarning]:
        """The warnings about one city (``None``: national), in the order of ``all``."""
        sums = [warning for warning in self.sums(index) if warning.concerns(city_id)]
        return sums + self._decreases_of(index, city_id)

    def sums(self, index: FigureIndex) -> list[DataWarning]:
        """City figures adding up to more than an exact or upper-bound national figure."""
        if self._sums is None:
            self._sums = self._find_sums(index)
        return self._sums

    @staticmethod
    def _find_sums(index: FigureIndex) -> list[DataWarning]:
        found = []
        for (day, metric_id), figures in sorted(index.city_figures.items()):
            national = index.national_figures.get((day, metric_id))
            if national is None or national.qualifier in LOWER_BOUNDS:
                continue
            total = sum(figure.value for figure in figures.values())
            if total > national.value:
                label = index.metric_by_id[metric_id].label
                found.append(
                    DataWarning(
                        "sum_exceeds_national",
                        f"{day}: the city figures for “{label}” add up to "
                        f"{format_number(total)}, more than the reported total of "
                        f"{format_value(national.value, national.qualifier)}.",
                        metric_id,
                        (day,),
                        frozenset(figures),
                        national=True,
                    )
                )
        return found

    def _decreases_of(self, index: FigureIndex, city_id: str | None) -> list[DataWarning]:
        found: list[_Decrease] = []
        for metric in index.metric_by_id.values():
            if not metric.cumulative:
                continue
            line = index.timeline(city_id, metric.id)
            for before, after in pairwise(line):
                if goes_down(before.figure, after.figure):
                    rank = self._first_use(index, city_id, metric.id)
                    found.append(
                        (rank, before.day, after.day, before.figure, after.figure, city_id, metric)
                    )
        found.sort(key=lambda entry: (entry[0], entry[1]))
        return [self._warning(index, *entry[1:]) for entry in found]

    def _all_decreases(self, index: FigureIndex) -> list[_Decrease]:
        """Running totals that go down from one of their snapshots to the next.

        Per metric, each snapshot's figures are compared with the latest earlier figure of the
        same city (dict operations, no index per city). Sorted by the (city, metric)'s first
        figure in the sorted snapshots, then by date.
        """
        found: list[_Decrease] = []
        for metric in index.metric_by_id.values():
            if not metric.cumulative:
                continue
            latest: dict[str | None, Figure] = {}
            latest_day: dict[str | None, date] = {}
            for day in index.snapshot_dates:
                # Only read: a dict keyed by city id is one keyed by city id or None.
                group = cast(
                    "dict[str | None, Figure]", index.city_figures.get((day, metric.id), {})
                )
                national = index.national_figures.get((day, metric.id))
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
                    rank = self._first_use(index, city_id, metric.id)
                    found.append((rank, latest_day[city_id], day, old, new, city_id, metric))
                latest.update(group)
                latest_day.update(dict.fromkeys(group, day))
        found.sort(key=lambda entry: (entry[0], entry[1]))
        return found

    def _first_use(
        self, index: FigureIndex, city_id: str | None, metric_id: str
    ) -> tuple[int, int]:
        """(snapshot, figure) position of the first figure of a city and metric: warnings
        about decreases are listed in the order their series first appear in the file."""
        snapshots = index.snapshots
        for s, snapshot in enumerate(snapshots):
            figure = index.figure(snapshot.date, city_id, metric_id)
            if figure is not None:
                if s not in self._positions:
                    self._positions[s] = {id(f): i for i, f in enumerate(snapshot.figures)}
                return (s, self._positions[s][id(figure)])
        return (len(snapshots), 0)  # pragma: no cover - called for figures found

    @staticmethod
    def _warning(
        index: FigureIndex,
        before: date,
        after: date,
        old: Figure,
        new: Figure,
        city_id: str | None,
        metric: Metric,
    ) -> DataWarning:
        where = index.city_by_id[city_id].name if city_id else "National"
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

"""Things in the data a reader should know, shown and never silently fixed: city figures that
add up to more than the national total, parts that exceed their whole (a metric's ``part_of``),
and running totals that fall below an earlier figure.

Which metric is a part of which is data (``Metric.part_of`` and ``overlaps``), never code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, cast

from legend_gui.model.formatting import format_number, format_value
from legend_gui.model.index import FigureIndex, FigureKey
from legend_gui.model.part_warnings import find_parts, parts_of_place
from legend_gui.model.vocab import LOWER_BOUNDS, Qualifier

if TYPE_CHECKING:
    from legend_gui.model.schema import Figure, Metric

    #: A fall found: (first use of its series, (day, figure) of the earlier, higher figure,
    #: the later lower ones, city, metric).
    _Fall = tuple[
        tuple[int, int], tuple[date, Figure], list[tuple[date, Figure]], str | None, Metric
    ]
    #: The falls of one metric: (city, the peak's date) -> (the peak, the later lower ones).
    _Falls = dict[tuple[str | None, date], tuple[Figure, list[tuple[date, Figure]]]]

__all__ = ["LOWER_BOUNDS", "DataWarning", "WarningFinder", "goes_down"]


def goes_down(old: Figure, new: Figure) -> bool:
    """A running total that really went down: not when the later figure is only a lower bound
    ("more than 30" after 32 may well be 32 or more) or the earlier one an upper bound."""
    if new.qualifier in LOWER_BOUNDS or old.qualifier is Qualifier.AT_MOST:
        return False
    return new.value < old.value


@dataclass(frozen=True, slots=True)
class DataWarning:
    """Something in the data a reader should know; shown, never silently fixed."""

    kind: str  # "sum_exceeds_national" | "part_exceeds_whole" | "cumulative_decrease"
    message: str
    metric: str
    days: tuple[date, ...]
    city_ids: frozenset[str] = field(default_factory=frozenset)
    national: bool = False
    #: The figures the warning is about, as (date, city id or None, metric id).
    figures: tuple[FigureKey, ...] = ()

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
        """Sums first (by date, then metric), then parts above their whole (by date, whole,
        place), then falls (by the series' first use, then date)."""
        falls = self._all_falls(index)
        parts = [_part_warning(index, *found) for found in find_parts(index)]
        return self.sums(index) + parts + [self._warning(index, *entry[1:]) for entry in falls]

    def of_city(self, index: FigureIndex, city_id: str | None) -> list[DataWarning]:
        """The warnings about one city (``None``: national), in the order of ``all``."""
        sums = [warning for warning in self.sums(index) if warning.concerns(city_id)]
        parts = [_part_warning(index, *found) for found in parts_of_place(index, city_id)]
        return sums + parts + self._falls_of(index, city_id)

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
            total = sum(index.values_at(day, metric_id).values())  # read while indexing
            if total > national.value:
                label = index.metric_by_id[metric_id].label
                keys: list[FigureKey] = [(day, None, metric_id)]
                keys += [(day, city_id, metric_id) for city_id in figures]
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
                        figures=tuple(keys),
                    )
                )
        return found

    def _falls_of(self, index: FigureIndex, city_id: str | None) -> list[DataWarning]:
        found: list[_Fall] = []
        for metric in index.metric_by_id.values():
            if metric.cumulative:
                series = index.timeline(city_id, metric.id)
                groups = ((point.day, {city_id: point.figure}) for point in series)
                found += self._falls_in(index, metric, groups)
        found.sort(key=lambda entry: (entry[0], entry[1][0]))
        return [self._warning(index, *entry[1:]) for entry in found]

    def _all_falls(self, index: FigureIndex) -> list[_Fall]:
        """Running totals that fall below an earlier figure of their series.

        Per metric, each snapshot's figures are compared with the highest earlier figure of
        the same city (dict operations, no index per city); every later figure below that
        peak is listed under it. Sorted by the (city, metric)'s first figure in the sorted
        snapshots, then by the peak's date.
        """
        found: list[_Fall] = []
        for metric in index.metric_by_id.values():
            if metric.cumulative:
                found += self._falls_in(index, metric, self._groups(index, metric.id))
        found.sort(key=lambda entry: (entry[0], entry[1][0]))
        return found

    @staticmethod
    def _groups(
        index: FigureIndex, metric_id: str
    ) -> Iterator[tuple[date, dict[str | None, Figure]]]:
        """Each snapshot's figures of a metric, keyed by city id (None: the reported total)."""
        for day in index.snapshot_dates:
            # Only read: a dict keyed by city id is one keyed by city id or None.
            group = cast("dict[str | None, Figure]", index.city_figures.get((day, metric_id), {}))
            national = index.national_figures.get((day, metric_id))
            if national is not None:
                group = {None: national, **group}  # a copy: the index stays as it is
            if group:
                yield day, group

    def _falls_in(
        self,
        index: FigureIndex,
        metric: Metric,
        groups: Iterable[tuple[date, dict[str | None, Figure]]],
    ) -> list[_Fall]:
        """One metric's figures below an earlier peak, from its figures in date order."""
        peaks: dict[str | None, Figure] = {}
        peak_days: dict[str | None, date] = {}
        falls: _Falls = {}
        for day, group in groups:
            _step(peaks, peak_days, falls, day, group)
        return [
            (self._first_use(index, city_id, metric.id), (peak_day, peak), lower, city_id, metric)
            for (city_id, peak_day), (peak, lower) in falls.items()
        ]

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
        peak: tuple[date, Figure],
        lower: list[tuple[date, Figure]],
        city_id: str | None,
        metric: Metric,
    ) -> DataWarning:
        where = index.city_by_id[city_id].name if city_id else "National"
        before, old = peak
        texts = [f"{format_value(new.value, new.qualifier)} ({day})" for day, new in lower]
        listed = texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]
        days = (before, *(day for day, _new in lower))
        return DataWarning(
            "cumulative_decrease",
            f"{where}: “{metric.label}” is a running total but goes down from "
            f"{format_value(old.value, old.qualifier)} ({before}) to {listed}.",
            metric.id,
            days,
            frozenset({city_id}) if city_id else frozenset(),
            national=city_id is None,
            figures=tuple((day, city_id, metric.id) for day in days),
        )


def _step(
    peaks: dict[str | None, Figure],
    peak_days: dict[str | None, date],
    falls: _Falls,
    day: date,
    group: dict[str | None, Figure],
) -> None:
    """One snapshot of a metric's series: a figure below its series' peak so far is a fall
    (listed under the peak), one above it is the new peak. A lower bound is never a fall
    ("more than 30" after 32), an upper bound never a peak ("at most 40" then 35)."""
    at_most, bounds = Qualifier.AT_MOST, LOWER_BOUNDS
    get = peaks.get
    for city_id, figure in group.items():  # once per figure of the metric: no calls
        top = get(city_id)
        if top is None:
            if figure.qualifier is not at_most:
                peaks[city_id] = figure
                peak_days[city_id] = day
        elif figure.value < top.value:
            if figure.qualifier not in bounds:
                key = (city_id, peak_days[city_id])
                fall = falls.get(key)
                if fall is None:
                    falls[key] = (top, [(day, figure)])
                else:
                    fall[1].append((day, figure))
        elif figure.value > top.value and figure.qualifier is not at_most:
            peaks[city_id] = figure
            peak_days[city_id] = day


def _part_warning(
    index: FigureIndex,
    day: date,
    city_id: str | None,
    whole: Figure,
    parts: list[Figure],
) -> DataWarning:
    """A part above its whole, or disjoint parts adding up to more than it."""
    metrics = index.metric_by_id
    label = metrics[whole.metric].label
    where = index.city_by_id[city_id].name if city_id else "National"
    shown = f"“{label}” ({format_value(whole.value, whole.qualifier)})"
    if len(parts) == 1:
        part = parts[0]
        what = (
            f"“{metrics[part.metric].label}” ({format_value(part.value, part.qualifier)}) is "
            f"more than {shown}, which it is a part of."
        )
    else:
        total = sum(part.value for part in parts)
        each = " + ".join(
            f"{metrics[p.metric].label} {format_value(p.value, p.qualifier)}" for p in parts
        )
        what = f"{each} add up to {format_number(total)}, more than {shown}."
    keys = ((day, city_id, whole.metric), *((day, city_id, p.metric) for p in parts))
    return DataWarning(
        "part_exceeds_whole",
        f"{where}, {day}: {what}",
        whole.metric,
        (day,),
        frozenset({city_id}) if city_id else frozenset(),
        national=city_id is None,
        figures=keys,
    )

"""One metric across the cities at one snapshot: each city's point, and the leaders.

The comparison chart shows only the top values and the first gaps; ``leaderboard`` finds them
from the figures alone, without a point per city.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date
from itertools import filterfalse, islice
from typing import TYPE_CHECKING

from legend_gui.model.index import FigureIndex
from legend_gui.model.rates import rate_per_100k
from legend_gui.model.status import figure_state
from legend_gui.model.vocab import Qualifier

if TYPE_CHECKING:
    from legend_gui.model.schema import City, Figure


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One city's bar in the comparison chart, or why it has none."""

    city: City
    figure: Figure | None
    value: float | None  # the plotted number: the figure's value or its per-100k rate
    missing_reason: str | None = None  # "not reported", "not yet launched", "no population"

    @property
    def qualifier(self) -> Qualifier:
        return self.figure.qualifier if self.figure else Qualifier.EXACT


def series_point(city: City, figure: Figure | None, day: date, per_capita: bool) -> SeriesPoint:
    """``city``'s point for ``figure`` on ``day`` as a count or a rate; without a figure, its
    state (``not reported``, or ``not yet launched`` before the city's launch date)."""
    if figure is None:
        return SeriesPoint(city, None, None, figure_state(city, day, None).value)
    if per_capita:
        population = city.population.value if city.population else None
        rate = rate_per_100k(figure.value, population)
        return SeriesPoint(city, figure, rate, None if rate is not None else "no population")
    return SeriesPoint(city, figure, figure.value)


@dataclass(frozen=True, slots=True)
class Leaderboard:
    """The top of one metric at one snapshot, without a point per city (see ``leaderboard``):
    only what a chart of ``top`` bars can show."""

    leaders: list[str]  # city ids of the largest values, largest first (ties: name, then order)
    first_missing: list[str]  # city ids without a value, dataset order
    reported: int  # cities with a value
    missing: int  # cities without: not reported, or no population for a rate
    no_population: int  # of ``missing``: a figure but no population (rates only)
    top: int  # how many leaders and gaps were asked for


def leaderboard(
    index: FigureIndex,
    city_order: dict[str, int],
    metric_id: str,
    day: date,
    per_capita: bool,
    top: int,
) -> Leaderboard:
    """The ``top`` largest values (largest first; ties by name, then ``city_order``) and the
    first ``top`` gaps.

    A metric change at 100,000 cities must not build a point for every city and sort them
    all (≈250 ms): this selects the leaders from the figures alone, then orders only those.
    """
    counts = index.values_at(day, metric_id)  # read-only: the index's own dict
    city_by_id = index.city_by_id
    no_population = 0
    values = counts
    if per_capita:
        values = {}
        for city_id, count in counts.items():
            population = city_by_id[city_id].population
            rate = rate_per_100k(count, population.value if population else None)
            if rate is None:
                no_population += 1
            else:
                values[city_id] = rate
    if len(values) > top:  # only values from the top-th largest on can be leaders
        threshold = heapq.nlargest(top, values.values())[-1]
        candidates = [city_id for city_id, value in values.items() if value >= threshold]
    else:
        candidates = list(values)
    candidates.sort(
        key=lambda city_id: (-values[city_id], city_by_id[city_id].name, city_order[city_id])
    )
    city_ids = index.city_ids
    first_missing: list[str] = []
    if len(values) < len(city_ids):
        first_missing = list(islice(filterfalse(values.__contains__, city_ids), top))
    return Leaderboard(
        leaders=candidates[:top],
        first_missing=first_missing,
        reported=len(values),
        missing=len(city_ids) - len(values),
        no_population=no_population,
        top=top,
    )

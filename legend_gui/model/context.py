"""Queries on the ``context`` section: each city's background counts (e.g. homicides by year).

Context figures are period counts, not announcements, so they sit outside the snapshots: a
city, a metric, a period, a value with its source and the definition the source counts by.
They are background for the operation's figures and never a measure of its effect. Counts on
different bases (police vs newspaper, all homicides vs murders) are alternates labelled by
their definition, not disputes; a figure is disputed only when a count on the same basis and
period gives another value. Pure Python, no Qt; the views and exports read these.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar, TypeGuard

from legend_gui.model.formatting import NOT_REPORTED
from legend_gui.model.vocab import Qualifier

if TYPE_CHECKING:  # annotations only: the window imports this before the schema
    from legend_gui.model.schema import (
        City,
        ContextCount,
        ContextFigure,
        Dataset,
        Metric,
        Period,
        Source,
    )

#: A rate is per this many residents.
PER_100K = 100_000
#: A point's state: a value, or the labelled gap ``NOT_REPORTED`` (never 0). Context counts
#: have no launch date, so "not yet launched" does not apply to them.
REPORTED = "reported"


def is_context_figure(figure: object) -> TypeGuard[ContextFigure]:
    """Whether ``figure`` is a period count rather than an announced figure. The schema is
    imported here, not at the top: views built before the first frame ask this, and any figure
    they are given was made by the schema, which is loaded by then."""
    from legend_gui.model.schema import ContextFigure

    return isinstance(figure, ContextFigure)


def period_text(period: Period) -> str:
    """``2020`` for a calendar year, ``1 Jan – 29 Jul 2020`` for a part of one,
    ``3 Feb 2019 – 29 Jul 2020`` across years."""
    start, end = period.start, period.end
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    last = f"{end.day} {end:%b %Y}"
    first = f"{start.day} {start:%b}" if start.year == end.year else f"{start.day} {start:%b %Y}"
    return last if start == end else f"{first} – {last}"


def period_iso(period: Period) -> str:
    """The period as an ISO 8601 interval, ``2020-01-01/2020-07-29``: for CSV and JSON."""
    return f"{period.start.isoformat()}/{period.end.isoformat()}"


def count_period(figure: ContextFigure, count: ContextCount) -> Period:
    """An alternate's period: its own when it states one, else its figure's."""
    return count.period if count.period is not None else figure.period


def is_disputed(figure: ContextFigure) -> bool:
    """True when a count on the figure's own basis and period gives another value or
    framing: no rule settles that. Counts on another basis or period differ by definition."""
    return any(
        count.basis == figure.basis
        and count_period(figure, count) == figure.period
        and (count.value, count.qualifier) != (figure.value, figure.qualifier)
        for count in figure.alternates
    )


def disputing_counts(figure: ContextFigure) -> list[ContextCount]:
    """The alternates that dispute the primary (same basis and period, another value)."""
    return [
        count
        for count in figure.alternates
        if count.basis == figure.basis
        and count_period(figure, count) == figure.period
        and (count.value, count.qualifier) != (figure.value, figure.qualifier)
    ]


def rate_per_100k(value: float, city: City) -> float | None:
    """Per 100,000 residents of the city's recorded population; ``None`` without one."""
    population = city.population
    if population is None:
        return None
    return value * PER_100K / population.value


@dataclass(frozen=True, slots=True)
class ContextPoint:
    """One city's value of a context metric, or a labelled gap: the chart without a snapshot.

    ``rate`` is per 100,000 residents of ``population`` (counted in ``population_year``, as
    the dataset records it); ``None`` when the city has no population or no count.
    """

    city: City
    figure: ContextFigure | None
    state: str  # REPORTED or NOT_REPORTED
    rate: float | None
    population: int | None
    population_year: int | None

    @property
    def value(self) -> int | None:
        return self.figure.value if self.figure is not None else None

    @property
    def qualifier(self) -> Qualifier:
        return self.figure.qualifier if self.figure is not None else Qualifier.EXACT

    @property
    def period(self) -> Period | None:
        return self.figure.period if self.figure is not None else None


@dataclass(frozen=True, slots=True)
class ContextRow:
    """One count in the long-format export: the primary of a figure or one of its alternates.

    Columns (``FIELDS``): the city's name and state, the metric id, the period as an ISO
    interval and as text, the value and qualifier, the source's URL, publisher and date, the
    role (``primary`` or ``alternate``), the source's definition, the basis that says which
    counts compare, whether the figure is disputed, and the compiler's note.
    """

    city: str
    state: str
    metric: str
    period: str  # ISO 8601 interval: 2020-01-01/2020-12-31
    period_label: str  # 2020, 1 Jan – 29 Jul 2020
    value: int
    qualifier: str
    source_url: str
    publisher: str
    published_date: str
    role: str  # "primary" | "alternate"
    definition: str
    basis: str
    disputed: bool
    note: str

    FIELDS: ClassVar[tuple[str, ...]] = (
        "city",
        "state",
        "metric",
        "period",
        "period_label",
        "value",
        "qualifier",
        "source_url",
        "publisher",
        "published_date",
        "role",
        "definition",
        "basis",
        "disputed",
        "note",
    )


class ContextIndex:
    """The context figures of a dataset, indexed by city and metric (one figure each: the
    loader refuses a second)."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.figures: list[ContextFigure] = list(dataset.context)
        self._sources: dict[str, Source] = {source.id: source for source in dataset.sources}
        used = {figure.metric for figure in self.figures}
        #: The metrics that have context figures, in the dataset's (menu) order.
        self.metrics: list[Metric] = [m for m in dataset.metrics if m.id in used]
        order = {metric.id: n for n, metric in enumerate(self.metrics)}
        self._by_key: dict[tuple[str, str], ContextFigure] = {}
        self._by_city: dict[str, list[ContextFigure]] = {}
        for figure in self.figures:
            self._by_key.setdefault((figure.city, figure.metric), figure)
            self._by_city.setdefault(figure.city, []).append(figure)
        for figures in self._by_city.values():
            figures.sort(key=lambda figure: order[figure.metric])

    def __bool__(self) -> bool:
        return bool(self.figures)

    @cached_property
    def _cities(self) -> dict[str, City]:
        """The cities by id, for the export's rows only: at 100,000 cities, a file without
        context would otherwise pay 30–50 ms for a dictionary no one reads."""
        return {city.id: city for city in self.dataset.cities}

    def is_context_metric(self, metric_id: str) -> bool:
        return any(metric.id == metric_id for metric in self.metrics)

    def for_city(self, city_id: str) -> list[ContextFigure]:
        """A city's context figures in metric order (empty when it has none)."""
        return list(self._by_city.get(city_id, ()))

    def figure(self, city_id: str, metric_id: str) -> ContextFigure | None:
        return self._by_key.get((city_id, metric_id))

    def source(self, source_id: str) -> Source:
        return self._sources[source_id]

    def series(self, metric_id: str) -> list[ContextPoint]:
        """Every city's count of a context metric, in the dataset's city order: a value, or
        "not reported" (never 0), with its per-100,000 rate where the city has a population."""
        points: list[ContextPoint] = []
        for city in self.dataset.cities:
            figure = self._by_key.get((city.id, metric_id))
            population = city.population
            points.append(
                ContextPoint(
                    city=city,
                    figure=figure,
                    state=REPORTED if figure is not None else NOT_REPORTED,
                    rate=rate_per_100k(figure.value, city) if figure is not None else None,
                    population=population.value if population is not None else None,
                    population_year=population.year if population is not None else None,
                )
            )
        return points

    def periods(self, metric_id: str) -> list[Period]:
        """The distinct periods of a metric's figures, earliest end first: for the caption
        ("homicides in 2020"; a count to each city's launch has one period per city)."""
        found = {f.period for f in self.figures if f.metric == metric_id}
        return sorted(found, key=lambda period: (period.end, period.start))

    def rows(self) -> Iterator[ContextRow]:
        """Every count, primary first then its alternates, for CSV and data-package export."""
        for figure in self.figures:
            city = self._cities[figure.city]
            disputed = is_disputed(figure)
            yield self._row(city, figure, figure, figure.period, "primary", disputed)
            for count in figure.alternates:
                period = count_period(figure, count)
                yield self._row(city, figure, count, period, "alternate", disputed)

    def _row(
        self,
        city: City,
        figure: ContextFigure,
        count: ContextFigure | ContextCount,
        period: Period,
        role: str,
        disputed: bool,
    ) -> ContextRow:
        source = self._sources[count.source]
        published: date | None = source.published
        return ContextRow(
            city=city.name,
            state=city.state,
            metric=figure.metric,
            period=period_iso(period),
            period_label=period_text(period),
            value=count.value,
            qualifier=count.qualifier.value,
            source_url=source.url,
            publisher=source.publisher,
            published_date=published.isoformat() if published else "",
            role=role,
            definition=count.definition,
            basis=count.basis,
            disputed=disputed,
            note=count.note or "",
        )

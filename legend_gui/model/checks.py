"""Rules that need the whole dataset: unique ids, references that resolve, dates that fit.

Each rule yields every violation with its JSON path, so the user sees all of them at once.
Values quoted from the file go through ``printable``: a message may reach a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import chain, compress, repeat
from operator import attrgetter, eq, is_, is_not
from typing import NamedTuple

from legend_gui.model.context_checks import context_violations
from legend_gui.model.schema import (
    AlternateReport,
    Corroboration,
    Dataset,
    Figure,
    Metric,
    Scope,
    Snapshot,
)
from legend_gui.model.text import printable

Path = tuple[str | int, ...]


class Violation(NamedTuple):
    path: Path
    message: str


def _duplicates(section: str, field: str, keys: Iterable[object], what: str) -> Iterator[Violation]:
    """Every repeat of a key in ``section``; the path is built only for a repeat."""
    seen: dict[object, int] = {}
    for index, key in enumerate(keys):
        first = seen.setdefault(key, index)
        if first != index:
            yield Violation(
                (section, index, field),
                f"duplicate {what} {printable(str(key), 80)} "
                f"(first used at {section}[{first}].{field})",
            )


def _parts(metrics: Iterable[Metric], metric_ids: set[str]) -> Iterator[Violation]:
    """``part_of`` names another metric of the file, and no metric is a part of itself."""
    for m, metric in enumerate(metrics):
        whole = metric.part_of
        if whole is None:
            continue
        if whole == metric.id:
            yield Violation(("metrics", m, "part_of"), "a metric cannot be a part of itself")
        elif whole not in metric_ids:
            yield Violation(
                ("metrics", m, "part_of"),
                f"unknown metric id '{printable(whole, 80)}' (not in 'metrics')",
            )


def check_dataset(dataset: Dataset) -> list[Violation]:
    """Every cross-reference rule of the format; an empty list means the dataset is sound."""
    return [violation for violation in checks_in_steps(dataset) if violation is not None]


#: Figures checked between two pauses of ``checks_in_steps`` by the per-figure loop (≈20 ms),
#: and by the quick verdict (≈20 ms; cities too, by the same count).
_FIGURES_PER_STEP = 16_384
FIGURES_PER_QUICK_STEP = 32_768

_ID = attrgetter("id")
_SCOPE = attrgetter("scope")
_CITY = attrgetter("city")
_METRIC = attrgetter("metric")
_SOURCE = attrgetter("source")
_CORROBORATIONS = attrgetter("corroborated_by")
_ALTERNATES = attrgetter("alternates")
_LAUNCH = attrgetter("launch_date")
_POPULATION = attrgetter("population")


def checks_in_steps(dataset: Dataset) -> Iterator[Violation | None]:
    """``check_dataset``'s violations, with a ``None`` every few thousand figures: a window
    checking a large file between event-loop turns stops at each ``None``.

    The many records (cities, figures) first get a quick verdict from whole-column set
    operations run in C; only a part that is not sound goes through the per-record rules, which
    say what is wrong where, in file order.
    """
    source_ids = {source.id for source in dataset.sources}
    metric_ids = {metric.id for metric in dataset.metrics}
    city_ids: list[str] = []
    launches: dict[str, date] = {}
    populations_sound = True
    cities = dataset.cities
    for start in range(0, len(cities), FIGURES_PER_QUICK_STEP):
        part = cities[start : start + FIGURES_PER_QUICK_STEP]
        ids = list(map(_ID, part))
        city_ids += ids
        launches.update(zip(ids, map(_LAUNCH, part), strict=True))  # a repeated id: the last
        populations_sound = populations_sound and source_ids.issuperset(
            map(_SOURCE, filter(None, map(_POPULATION, part)))
        )
        yield None

    yield from _duplicates("sources", "id", (s.id for s in dataset.sources), "source id")
    yield from _duplicates("metrics", "id", (m.id for m in dataset.metrics), "metric id")
    if len(launches) != len(city_ids):
        yield from _duplicates("cities", "id", city_ids, "city id")
    yield from _duplicates(
        "snapshots", "date", (s.date for s in dataset.snapshots), "snapshot date"
    )
    yield from _duplicates("groups", "id", (g.id for g in dataset.groups), "group id")
    yield from _parts(dataset.metrics, metric_ids)
    if not populations_sound:
        yield from _population_sources(dataset, source_ids)

    if dataset.context:
        for path, message in context_violations(dataset.context, launches, metric_ids, source_ids):
            yield Violation(path, message)

    known = _Known(launches, metric_ids, source_ids)
    for s, snapshot in enumerate(dataset.snapshots):
        sound = True
        for sound in _figures_sound(snapshot.figures, snapshot.date, known):
            if not sound:
                break
            yield None
        if not sound:
            yield from _figure_violations(s, snapshot, known)


def _population_sources(dataset: Dataset, source_ids: set[str]) -> Iterator[Violation]:
    for c, listed in enumerate(dataset.cities):
        population = listed.population
        if population is not None and population.source not in source_ids:
            yield _unknown_source(("cities", c, "population", "source"), population.source)


def _unknown_source(path: Path, source: str) -> Violation:
    return Violation(path, f"unknown source id '{printable(source, 80)}' (not in 'sources')")


class _Known(NamedTuple):
    """What figures may refer to: each city's launch, the metric and source ids."""

    launches: dict[str, date]
    metric_ids: set[str]
    source_ids: set[str]


def _figures_sound(figures: list[Figure], day: date, known: _Known) -> Iterator[bool]:
    """A quick verdict on one snapshot's figures, a slice at a time: ``True`` for each sound
    slice, then ``False`` at the first slice breaking a rule (and nothing more).

    Every rule of ``_figure_violations`` as whole-column operations in C: a city figure names
    a city and a national one does not (so a figure's key is its city and metric), no key
    repeats, every id is known, and no named city launched after ``day``.
    """
    launches, metric_ids, source_ids = known
    city_scope = Scope.CITY
    keys = _Keys(len(metric_ids))
    for start in range(0, len(figures), FIGURES_PER_QUICK_STEP):
        part = figures[start : start + FIGURES_PER_QUICK_STEP]
        cities = list(map(_CITY, part))
        metrics = list(map(_METRIC, part))
        is_city = list(map(is_, map(_SCOPE, part), repeat(city_scope)))
        # Looked up in file order, as the cities were read: a look-up in hash order (of a set
        # of the ids) misses the memory caches and takes three times as long. An unknown city
        # launches never, after any snapshot.
        launched = map(launches.get, compress(cities, is_city), repeat(date.max))
        sound = (
            is_city == list(map(is_not, cities, repeat(None)))
            and metric_ids.issuperset(metrics)
            and keys.all_new(cities, metrics)
            and max(launched, default=day) <= day
            and source_ids.issuperset(map(_SOURCE, part))
            and source_ids.issuperset(
                map(_SOURCE, chain.from_iterable(filter(None, map(_CORROBORATIONS, part))))
            )
            and source_ids.issuperset(
                map(_SOURCE, chain.from_iterable(filter(None, map(_ALTERNATES, part))))
            )
        )
        yield sound
        if not sound:
            return


class _Keys:
    """The (city, metric) keys of one snapshot's figures so far. With a few metrics, a set of
    cities per metric: a set of (city, metric) pairs costs a tuple per figure, and making and
    freeing 180,000 of them takes twice as long as a pass per metric."""

    _MAX_PASSES = 16

    def __init__(self, metrics: int) -> None:
        self._by_metric: dict[str, set[str | None]] | None = (
            {} if metrics <= self._MAX_PASSES else None
        )
        self._pairs: set[tuple[str | None, str]] = set()

    def all_new(self, cities: list[str | None], metrics: list[str]) -> bool:
        """Add the keys of a slice of figures: whether all of them are new."""
        if self._by_metric is None:
            before = len(self._pairs)
            self._pairs.update(zip(cities, metrics, strict=True))
            return len(self._pairs) == before + len(cities)
        for metric in set(metrics):
            named = list(compress(cities, map(eq, metrics, repeat(metric))))
            seen = self._by_metric.setdefault(metric, set())
            before = len(seen)
            seen.update(named)
            if len(seen) != before + len(named):
                return False
        return True


def _figure_violations(s: int, snapshot: Snapshot, known: _Known) -> Iterator[Violation | None]:
    """Every broken rule of one snapshot's figures, in file order, figure by figure."""
    launches, metric_ids, source_ids = known
    # The loop below runs once per figure (hundreds of thousands in a large file): paths and
    # messages are built only for a violation, never for a sound figure.
    city_scope = Scope.CITY
    day = snapshot.date
    # Keyed by (is a city figure, city, metric): a Scope in the key would cost a Python-level
    # Enum.__hash__ call per figure (≈0.1 s at 360,000 figures); Scope has two members.
    seen: dict[tuple[bool, str | None, str], int] = {}
    setdefault = seen.setdefault
    for f, figure in enumerate(snapshot.figures):
        if not f % _FIGURES_PER_STEP:
            yield None
        city_id = figure.city
        metric = figure.metric
        is_city = figure.scope is city_scope
        if is_city:
            launch = launches.get(city_id) if city_id is not None else None
            if city_id is None:
                yield Violation(("snapshots", s, "figures", f), "a city figure needs a 'city' id")
            elif launch is None:
                yield Violation(
                    ("snapshots", s, "figures", f, "city"),
                    f"unknown city id '{printable(city_id, 80)}' (not in 'cities')",
                )
            elif day < launch:
                yield Violation(
                    ("snapshots", s, "figures", f),
                    f"figure dated {day} is before {printable(city_id, 80)}'s launch on {launch}",
                )
        elif city_id is not None:
            yield Violation(
                ("snapshots", s, "figures", f, "city"), "a national figure must not name a city"
            )
        if metric not in metric_ids:
            yield Violation(
                ("snapshots", s, "figures", f, "metric"),
                f"unknown metric id '{printable(metric, 80)}' (not in 'metrics')",
            )
        if figure.source not in source_ids:
            yield _unknown_source(("snapshots", s, "figures", f, "source"), figure.source)
        others_by_field: tuple[tuple[str, tuple[Corroboration | AlternateReport, ...]], ...] = (
            ("corroborated_by", figure.corroborated_by),
            ("alternates", figure.alternates),
        )
        for field, others in others_by_field:
            for k, other in enumerate(others):
                if other.source not in source_ids:
                    yield _unknown_source(
                        ("snapshots", s, "figures", f, field, k, "source"), other.source
                    )
        first = setdefault((is_city, city_id, metric), f)
        if first != f:
            yield Violation(
                ("snapshots", s, "figures", f),
                f"a second '{printable(metric, 80)}' figure for "
                f"{printable(city_id or 'national', 80)} in this snapshot "
                f"(first at figures[{first}]); give other values as alternates",
            )

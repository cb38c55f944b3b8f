"""Rules that need the whole dataset: unique ids, references that resolve, dates that fit.

Each rule yields every violation with its JSON path, so the user sees all of them at once.
Values quoted from the file go through ``printable``: a message may reach a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from legend_gui.model.context_checks import context_violations
from legend_gui.model.schema import Dataset, Metric, Scope
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


#: Figures checked between two pauses of ``checks_in_steps`` (≈20 ms).
_FIGURES_PER_STEP = 16_384


def checks_in_steps(dataset: Dataset) -> Iterator[Violation | None]:
    """``check_dataset``'s violations, with a ``None`` every few thousand figures: a window
    checking a large file between event-loop turns stops at each ``None``."""
    yield from _duplicates("sources", "id", (s.id for s in dataset.sources), "source id")
    yield from _duplicates("metrics", "id", (m.id for m in dataset.metrics), "metric id")
    yield from _duplicates("cities", "id", (c.id for c in dataset.cities), "city id")
    yield from _duplicates(
        "snapshots", "date", (s.date for s in dataset.snapshots), "snapshot date"
    )

    source_ids = {source.id for source in dataset.sources}
    metric_ids = {metric.id for metric in dataset.metrics}
    launches = {city.id: city.launch_date for city in dataset.cities}

    def unknown_source(path: Path, source: str) -> Violation:
        return Violation(path, f"unknown source id '{printable(source, 80)}' (not in 'sources')")

    yield from _duplicates("groups", "id", (g.id for g in dataset.groups), "group id")
    yield from _parts(dataset.metrics, metric_ids)

    for c, listed in enumerate(dataset.cities):
        population = listed.population
        if population is not None and population.source not in source_ids:
            yield unknown_source(("cities", c, "population", "source"), population.source)

    if dataset.context:
        for path, message in context_violations(dataset.context, launches, metric_ids, source_ids):
            yield Violation(path, message)

    # The loop below runs once per figure (hundreds of thousands in a large file): paths and
    # messages are built only for a violation, never for a sound figure.
    city_scope = Scope.CITY
    for s, snapshot in enumerate(dataset.snapshots):
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
                    yield Violation(
                        ("snapshots", s, "figures", f), "a city figure needs a 'city' id"
                    )
                elif launch is None:
                    yield Violation(
                        ("snapshots", s, "figures", f, "city"),
                        f"unknown city id '{printable(city_id, 80)}' (not in 'cities')",
                    )
                elif day < launch:
                    yield Violation(
                        ("snapshots", s, "figures", f),
                        f"figure dated {day} is before {printable(city_id, 80)}'s launch "
                        f"on {launch}",
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
                yield unknown_source(("snapshots", s, "figures", f, "source"), figure.source)
            if figure.corroborated_by:
                for k, other in enumerate(figure.corroborated_by):
                    if other.source not in source_ids:
                        yield unknown_source(
                            ("snapshots", s, "figures", f, "corroborated_by", k, "source"),
                            other.source,
                        )
            if figure.alternates:
                for a, alternate in enumerate(figure.alternates):
                    if alternate.source not in source_ids:
                        yield unknown_source(
                            ("snapshots", s, "figures", f, "alternates", a, "source"),
                            alternate.source,
                        )
            first = setdefault((is_city, city_id, metric), f)
            if first != f:
                yield Violation(
                    ("snapshots", s, "figures", f),
                    f"a second '{printable(metric, 80)}' figure for "
                    f"{printable(city_id or 'national', 80)} in this snapshot "
                    f"(first at figures[{first}]); give other values as alternates",
                )

"""Rules that need the whole dataset: unique ids, references that resolve, dates that fit.

Each rule yields every violation with its JSON path, so the user sees all of them at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from legend_gui.model.schema import Dataset, Scope

Path = tuple[str | int, ...]


class Violation(NamedTuple):
    path: Path
    message: str


def _duplicates(items: Iterable[tuple[Path, object]], what: str) -> Iterator[Violation]:
    seen: dict[object, Path] = {}
    for path, key in items:
        if key in seen:
            first = _dotted(seen[key])
            yield Violation(path, f"duplicate {what} {key!s:.80} (first used at {first})")
        else:
            seen[key] = path


def _dotted(path: Path) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def check_dataset(dataset: Dataset) -> list[Violation]:
    """Every cross-reference rule of the format; an empty list means the dataset is sound."""
    return list(_violations(dataset))


def _violations(dataset: Dataset) -> Iterator[Violation]:
    yield from _duplicates(
        ((("sources", i, "id"), s.id) for i, s in enumerate(dataset.sources)), "source id"
    )
    yield from _duplicates(
        ((("metrics", i, "id"), m.id) for i, m in enumerate(dataset.metrics)), "metric id"
    )
    yield from _duplicates(
        ((("cities", i, "id"), c.id) for i, c in enumerate(dataset.cities)), "city id"
    )
    yield from _duplicates(
        ((("snapshots", i, "date"), s.date) for i, s in enumerate(dataset.snapshots)),
        "snapshot date",
    )

    source_ids = {source.id for source in dataset.sources}
    metric_ids = {metric.id for metric in dataset.metrics}
    launches = {city.id: city.launch_date for city in dataset.cities}

    def unknown_source(path: Path, source: str) -> Iterator[Violation]:
        if source not in source_ids:
            yield Violation(path, f"unknown source id '{source:.80}' (not in 'sources')")

    for c, city in enumerate(dataset.cities):
        if city.population is not None:
            yield from unknown_source(("cities", c, "population", "source"), city.population.source)

    for s, snapshot in enumerate(dataset.snapshots):
        seen: dict[tuple[str, str | None, str], int] = {}
        for f, figure in enumerate(snapshot.figures):
            here: Path = ("snapshots", s, "figures", f)
            if figure.scope is Scope.CITY:
                if figure.city is None:
                    yield Violation(here, "a city figure needs a 'city' id")
                elif figure.city not in launches:
                    yield Violation(
                        (*here, "city"), f"unknown city id '{figure.city:.80}' (not in 'cities')"
                    )
                elif snapshot.date < launches[figure.city]:
                    yield Violation(
                        here,
                        f"figure dated {snapshot.date} is before {figure.city}'s launch on "
                        f"{launches[figure.city]}",
                    )
            elif figure.city is not None:
                yield Violation((*here, "city"), "a national figure must not name a city")
            if figure.metric not in metric_ids:
                yield Violation(
                    (*here, "metric"), f"unknown metric id '{figure.metric:.80}' (not in 'metrics')"
                )
            yield from unknown_source((*here, "source"), figure.source)
            for k, other in enumerate(figure.corroborated_by):
                yield from unknown_source((*here, "corroborated_by", k), other)
            for a, alternate in enumerate(figure.alternates):
                yield from unknown_source((*here, "alternates", a, "source"), alternate.source)
            key = (figure.scope.value, figure.city, figure.metric)
            if key in seen:
                yield Violation(
                    here,
                    f"a second '{figure.metric}' figure for {figure.city or 'national'} in this "
                    f"snapshot (first at figures[{seen[key]}]); give other values as alternates",
                )
            else:
                seen[key] = f

"""Parts that exceed their whole, found from the data's own ``part_of`` links.

A metric with ``part_of: W`` counts a part of W at the same date and place: one agency's
firearms of all firearms seized, one lead charge's defendants of all federal defendants. Parts
that do not overlap (the default: an agency's split by lead charge, the per-agency counts) can never
add up to more than their whole; parts that may count one thing twice (``overlaps``: a
defendant faces several charges) can each never exceed it. A whole that is a lower bound
("more than 2,000") contradicts neither, and an upper-bound part ("at most 5") proves nothing.
Which metric is a part of which is data: no metric id is written here.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from legend_gui.model.index import FigureIndex
from legend_gui.model.vocab import LOWER_BOUNDS, Qualifier

if TYPE_CHECKING:
    from legend_gui.model.schema import Figure

    #: One finding: (date, city id or None, the whole's figure, the parts' figures over it).
    PartFound = tuple[date, str | None, Figure, list[Figure]]
#: Per whole metric id, in the dataset's metric order: (disjoint parts, overlapping parts).
_Structure = dict[str, tuple[list[str], list[str]]]


def _structure(index: FigureIndex) -> _Structure:
    found: _Structure = {}
    for metric in index.dataset.metrics:
        if metric.part_of is not None:
            found.setdefault(metric.part_of, ([], []))[1 if metric.overlaps else 0].append(
                metric.id
            )
    order = {metric_id: n for n, metric_id in enumerate(index.metric_by_id)}
    return dict(sorted(found.items(), key=lambda item: order[item[0]]))


def _exceeding(
    whole: Figure, disjoint: list[Figure], overlapping: list[Figure]
) -> list[list[Figure]]:
    """The parts of one place and day that exceed ``whole``: the disjoint ones together (first),
    then each overlapping one alone."""
    if whole.qualifier in LOWER_BOUNDS:
        return []
    at_most = Qualifier.AT_MOST
    found = []
    counted = [part for part in disjoint if part.qualifier is not at_most]
    if counted and sum(part.value for part in counted) > whole.value:
        found.append(counted)
    found += [
        [part] for part in overlapping if part.qualifier is not at_most and part.value > whole.value
    ]
    return found


def parts_of_place(index: FigureIndex, city_id: str | None) -> list[PartFound]:
    """The findings of one city (``None``: national), by date, then whole (metric order)."""
    structure = _structure(index)
    found: list[PartFound] = []
    if not structure:
        return found
    for day in index.snapshot_dates:
        for whole_id, (disjoint, overlapping) in structure.items():
            whole = index.figure(day, city_id, whole_id)
            if whole is None:
                continue
            figures = [index.figure(day, city_id, part) for part in disjoint]
            others = [index.figure(day, city_id, part) for part in overlapping]
            for parts in _exceeding(
                whole,
                [f for f in figures if f is not None],
                [f for f in others if f is not None],
            ):
                found.append((day, city_id, whole, parts))
    return found


def find_parts(index: FigureIndex) -> list[PartFound]:
    """Every finding, by date, then whole (metric order), then place (national first, then the
    cities in dataset order): one pass over the parts' figures, dict look-ups only."""
    structure = _structure(index)
    found: list[PartFound] = []
    if not structure:
        return found
    city_order: dict[str, int] | None = None
    for day in index.snapshot_dates:
        for whole_id, (disjoint, overlapping) in structure.items():
            national = index.national_figures.get((day, whole_id))
            if national is not None:
                found += [
                    (day, None, national, parts)
                    for parts in _exceeding(
                        national,
                        _national_parts(index, day, disjoint),
                        _national_parts(index, day, overlapping),
                    )
                ]
            wholes = index.city_figures.get((day, whole_id))
            if not wholes:
                continue
            hits = _city_hits(index, day, wholes, disjoint, overlapping)
            if hits:
                if city_order is None:
                    city_order = {city.id: n for n, city in enumerate(index.cities)}
                order = city_order
                hits.sort(key=lambda hit: order[hit[0]])  # stable: sums stay before parts
                found += [(day, city, wholes[city], parts) for city, parts in hits]
    return found


def _national_parts(index: FigureIndex, day: date, metric_ids: list[str]) -> list[Figure]:
    figures = (index.national_figures.get((day, metric_id)) for metric_id in metric_ids)
    return [figure for figure in figures if figure is not None]


def _city_hits(
    index: FigureIndex,
    day: date,
    wholes: dict[str, Figure],
    disjoint: list[str],
    overlapping: list[str],
) -> list[tuple[str, list[Figure]]]:
    """(city, parts) of one date and whole, disjoint sums of a city before its single parts."""
    sums: dict[str, list[Figure]] = {}
    for part_id in disjoint:
        for city_id, figure in index.city_figures.get((day, part_id), {}).items():
            if city_id in wholes:
                sums.setdefault(city_id, []).append(figure)
    hits: list[tuple[str, list[Figure]]] = []
    for city_id, parts in sums.items():
        hits += [(city_id, found) for found in _exceeding(wholes[city_id], parts, [])]
    bounds, at_most = LOWER_BOUNDS, Qualifier.AT_MOST
    for part_id in overlapping:
        for city_id, figure in index.city_figures.get((day, part_id), {}).items():
            whole = wholes.get(city_id)  # once per part figure: no calls unless it exceeds
            if (
                whole is not None
                and figure.value > whole.value
                and whole.qualifier not in bounds
                and figure.qualifier is not at_most
            ):
                hits.append((city_id, [figure]))
    return hits

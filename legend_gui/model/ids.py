"""Ids typed on the command line: what a dataset has (``legend-gui list``) and, for an id it
does not have, the nearest ones, so a typo is answered with the right spelling."""

from __future__ import annotations

from difflib import get_close_matches
from typing import TYPE_CHECKING, Literal

from legend_gui.model.formatting import format_date
from legend_gui.model.text import printable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from legend_gui.model.queries import Catalog

Listing = Literal["cities", "metrics", "snapshots"]
LISTINGS: tuple[Listing, ...] = ("cities", "metrics", "snapshots")


def listing(catalog: Catalog, what: Listing) -> list[tuple[str, str]]:
    """``(id, what it is)`` for every city, metric or snapshot of ``catalog``, in file order."""
    dataset = catalog.dataset
    if what == "cities":
        return [(city.id, f"{city.name}, {city.state}") for city in dataset.cities]
    if what == "metrics":
        return [(metric.id, f"{metric.label} [{metric.unit}]") for metric in dataset.metrics]
    return [
        (s.date.isoformat(), format_date(s.date) + (f": {s.label}" if s.label else ""))
        for s in dataset.snapshots
    ]


def listing_lines(rows: Sequence[tuple[str, str]]) -> list[str]:
    """Two aligned columns, every character safe for a terminal."""
    ids = [printable(row_id) for row_id, _ in rows]
    width = max((len(row_id) for row_id in ids), default=0)
    return [
        f"{row_id:<{width}}  {printable(text)}" for row_id, (_, text) in zip(ids, rows, strict=True)
    ]


_KINDS: dict[Listing, str] = {
    "cities": "city id",
    "metrics": "metric id",
    "snapshots": "snapshot date",
}


class UnknownId(Exception):
    """An id the data does not have, typed by a user: a usage error (exit 2)."""


def check_id(option: str, what: Listing, wanted: str, known: Sequence[str]) -> None:
    """Raise ``UnknownId`` naming the nearest ids when ``wanted`` is not one of ``known``."""
    if wanted not in known:
        raise UnknownId(f"{option}: {unknown_id(what, wanted, known)}")


def unknown_id(what: Listing, wanted: str, known: Sequence[str]) -> str:
    """``unknown city id 'kansas-city' (nearest: kansas-city-mo)``; the typed text escaped."""
    nearest = get_close_matches(wanted, list(known), n=3, cutoff=0.5)
    if nearest:
        hint = "nearest: " + ", ".join(printable(n) for n in nearest)
    else:
        hint = f"none is close; 'legend-gui list {what}' lists them"
    return f"unknown {_KINDS[what]} '{printable(wanted, 60)}' ({hint})"

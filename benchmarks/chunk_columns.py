"""Prototype (e) of ``other_cores.py``: a chunk's records as columns ``marshal`` writes (in a
load process), and the app's own records made again from them (in the window), slots filled
in C with no ``__init__`` or check per record. For the synthetic file's records only."""

from __future__ import annotations

import gc
import marshal
import os
import select
import subprocess
from collections import deque
from collections.abc import Iterator
from datetime import date
from itertools import chain, repeat
from operator import attrgetter
from typing import Any


def _column(records: list[Any], name: str) -> list[Any]:
    return list(map(attrgetter(name), records))


def city_columns(cities: list[Any]) -> list[list[Any]]:
    """A city's fields as ``marshal`` writes them: dates as ordinals, records as tuples."""
    populations = _column(cities, "population")
    locations = _column(cities, "location")
    return [
        _column(cities, "id"),
        _column(cities, "name"),
        _column(cities, "state"),
        list(map(date.toordinal, _column(cities, "launch_date"))),
        _column(cities, "usao_district"),
        [p and (p.value, p.year, p.source) for p in populations],
        [where and (where.lat, where.lon) for where in locations],
    ]


def figure_columns(figures: list[Any]) -> list[list[Any]]:
    """A figure's fields as ``marshal`` writes them: enums as their positions (looked up by
    identity: an enum's ``value`` and hash are Python calls), records as tuples."""
    from legend_gui.model.schema import Qualifier, Scope

    scopes = {id(member): n for n, member in enumerate(Scope)}
    qualifiers = {id(member): n for n, member in enumerate(Qualifier)}
    corroborations = _column(figures, "corroborated_by")
    alternates = _column(figures, "alternates")
    return [
        list(map(scopes.__getitem__, map(id, _column(figures, "scope")))),
        _column(figures, "city"),
        _column(figures, "metric"),
        _column(figures, "value"),
        list(map(qualifiers.__getitem__, map(id, _column(figures, "qualifier")))),
        _column(figures, "source"),
        _column(figures, "note"),
        [tuple((c.source, c.note) for c in each) if each else () for each in corroborations],
        [tuple(map(_alternate, each)) if each else () for each in alternates],
    ]


def _alternate(alternate: Any) -> tuple[Any, ...]:
    qualifier = list(type(alternate.qualifier)).index(alternate.qualifier)
    return (alternate.value, qualifier, alternate.source, alternate.note)


class _Records:
    """The window's side of (e): the app's records made from the columns, as the app's
    pydantic load makes them (slots filled in C, with no ``__init__`` call per record)."""

    def __init__(self) -> None:
        from legend_gui.model import schema

        self.schema = schema
        self.scopes = list(schema.Scope)
        self.qualifiers = list(schema.Qualifier)
        self.days: dict[int, date] = {}

    @staticmethod
    def _made(record: type, columns: list[list[Any]]) -> list[Any]:
        made = list(map(object.__new__, repeat(record, len(columns[0]))))
        for name, column in zip(record.__slots__, columns, strict=True):
            deque(map(getattr(record, name).__set__, made, column), 0)
        return made

    def _nested(self, record: type, column: list[Any], build: Any = None) -> None:
        """Tuples in ``column`` made records of ``record`` in place (``None`` kept)."""
        at = [i for i, value in enumerate(column) if value]
        rows = [column[i] for i in at]
        if build is not None:
            made = list(map(build, rows))
        elif rows:
            made = self._made(record, [list(field) for field in zip(*rows, strict=True)])
        else:
            made = []
        for i, value in zip(at, made, strict=True):
            column[i] = value

    def cities(self, columns: list[list[Any]]) -> list[Any]:
        days = self.days
        columns[3] = [days.get(n) or days.setdefault(n, date.fromordinal(n)) for n in columns[3]]
        self._nested(self.schema.Population, columns[5])
        self._nested(self.schema.Location, columns[6])
        return self._made(self.schema.City, columns)

    def figures(self, columns: list[list[Any]]) -> list[Any]:
        schema = self.schema
        columns[0] = list(map(self.scopes.__getitem__, columns[0]))
        columns[4] = list(map(self.qualifiers.__getitem__, columns[4]))
        self._nested(schema.Corroboration, columns[7], self._corroborations)
        self._nested(schema.AlternateReport, columns[8], self._alternates)
        return self._made(schema.Figure, columns)

    def _corroborations(self, rows: tuple[tuple[Any, ...], ...]) -> tuple[Any, ...]:
        made = self.schema.Corroboration
        return tuple(made(source=source, note=note) for source, note in rows)

    def _alternates(self, rows: tuple[tuple[Any, ...], ...]) -> tuple[Any, ...]:
        made, qualifier = self.schema.AlternateReport, self.qualifiers
        return tuple(made(value=v, qualifier=qualifier[q], source=s, note=n) for v, q, s, n in rows)


def _frames(loads: list[subprocess.Popen[bytes]]) -> Iterator[tuple[int, int, list[Any]]]:
    """Each chunk's columns as soon as some load has sent it (no load waits on a full pipe)."""
    pending = {load.stdout.fileno(): bytearray() for load in loads if load.stdout}
    while pending:
        ready, _, _ = select.select(list(pending), [], [])
        for descriptor in ready:
            buffer = pending[descriptor]
            data = os.read(descriptor, 1 << 20)
            if not data:
                del pending[descriptor]
                continue
            buffer += data
            while len(buffer) >= 8:
                size = int.from_bytes(buffer[:8], "little")
                if len(buffer) < 8 + size:
                    break
                yield marshal.loads(bytes(buffer[8 : 8 + size]))
                del buffer[: 8 + size]


def records_from(loads: list[subprocess.Popen[bytes]]) -> list[list[Any]]:
    """(e): each long array's records, made from its chunks' columns as they come."""
    gc.disable()  # as the app's fast load
    made = _Records()
    arrays: dict[int, dict[int, list[Any]]] = {}
    for array_number, chunk_number, columns in _frames(loads):
        build = made.cities if len(columns) == 7 else made.figures
        arrays.setdefault(array_number, {})[chunk_number] = build(columns)
    return [
        list(chain.from_iterable(parts[n] for n in sorted(parts)))
        for _, parts in sorted(arrays.items())
    ]

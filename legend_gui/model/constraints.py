"""What the schema's fields must hold, written down without importing pydantic.

The records of ``schema.py`` are plain dataclasses, so that a file validated before
(``validated_cache``) loads without pydantic (≈250 ms of imports and validator building at
start-up). Their annotations carry the markers below, which pydantic reads only when it
validates a file (``validation.py``): each builds its part of pydantic's core schema then,
importing ``pydantic_core`` itself.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema


class Constrained:
    """Bounds, lengths, a pattern or strictness of the annotated type's own core schema
    (``int``: ``ge``, ``le``; ``str``: ``min_length``, ``pattern``…), as ``Field`` would set.
    ``strict=True`` marks a field of a lax record that must not be coerced: lax mode would take
    ``"5"`` or ``5.0`` for an int and ``1`` for a bool; a data file holds exactly its type."""

    __slots__ = ("constraints",)

    def __init__(self, **constraints: Any) -> None:
        self.constraints = constraints

    def __repr__(self) -> str:  # readable in an annotation, with no memory address
        return f"Constrained({self.constraints!r})"

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema = handler(source)
        cast(dict[str, Any], schema).update(self.constraints)  # keys its type's schema has
        return schema


class Described:
    """A field's description in the shipped JSON Schema (``data/schema.json``)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Described({self.text!r})"

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        written = handler(schema)
        written["description"] = self.text
        return written


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only
#: Dates already read: 100,000 cities share a few hundred launch dates, and a look-up is
#: cheaper than the pattern and the parse (dates are immutable, so sharing one is safe).
_KNOWN_DATES: dict[str, date] = {}


def iso_date(value: object) -> object:
    """Accept only ``YYYY-MM-DD`` strings (strict mode would refuse strings for dates at all).

    Pydantic's lax mode would also take Unix timestamps and datetimes; a data file has neither.
    """
    if type(value) is str:
        known = _KNOWN_DATES.get(value)
        if known is not None:
            return known
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("must be a date written as YYYY-MM-DD")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real calendar date") from None
    if len(_KNOWN_DATES) < 10_000:
        _KNOWN_DATES[value] = day
    return day


class IsoDateText:
    """A date written ``YYYY-MM-DD`` (``iso_date`` runs before pydantic's date check)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "IsoDateText()"

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(iso_date, handler(source))


FIGURE_MAX = 1e15


def figure_bounds(value: float) -> float:
    """``ge=0, le=1e15, allow_inf_nan=False`` in one call, with pydantic's errors.

    On a union pydantic checks each bound with a Python call of its own: three calls per
    figure, ≈0.15 s at 360,000 figures. NaN fails the first test and infinity the second.
    """
    if not value >= 0:
        from pydantic_core import PydanticKnownError

        raise PydanticKnownError("greater_than_equal", {"ge": 0})
    if not value <= FIGURE_MAX:
        from pydantic_core import PydanticKnownError

        raise PydanticKnownError("less_than_equal", {"le": FIGURE_MAX})
    return value


class FigureNumber:
    """A figure's value: a strict int or float from 0 to 1e15, never NaN or infinite.

    From JSON text (the fast loader's chunks) the bounds are checked in Rust, on each member
    of the union: no Python call per figure (≈0.3 s less at 360,000 figures). Only the strict
    loader's Python objects go through ``figure_bounds``, whose single error the messages
    quote; the fast loader gives up on any error, so the JSON path needs only the same verdict
    and the same value.
    """

    __slots__ = ()

    def __repr__(self) -> str:  # readable in an annotation, with no memory address
        return f"FigureNumber(0, {FIGURE_MAX})"

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        in_python = core_schema.no_info_after_validator_function(
            figure_bounds,
            core_schema.union_schema(
                [core_schema.int_schema(strict=True), core_schema.float_schema(strict=True)]
            ),
        )
        in_rust = core_schema.union_schema(
            [
                core_schema.int_schema(strict=True, ge=0, le=int(FIGURE_MAX)),
                core_schema.float_schema(strict=True, ge=0, le=FIGURE_MAX, allow_inf_nan=False),
            ]
        )
        return core_schema.json_or_python_schema(json_schema=in_rust, python_schema=in_python)

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        python_schema = cast(dict[str, Any], schema)["python_schema"]  # made above
        written = handler(python_schema)
        written.update({"ge": 0, "le": FIGURE_MAX})  # as pydantic writes the bounds
        return written

"""The data file's schema: pydantic v2 models, strict, closed to unknown fields.

Pure Python: nothing here may import Qt. Rules that need the whole dataset (unique ids,
references that resolve, no figure before its city's launch) live in ``checks.py`` so they can
report every problem with its location instead of stopping at the first.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    Strict,
)
from pydantic.dataclasses import dataclass
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticKnownError, core_schema

from legend_gui.model.text import MULTI_LINE_PATTERN, ONE_LINE_PATTERN
from legend_gui.model.vocab import SCHEMA_VERSION, Qualifier, Scope, SourceKind

__all__ = ["SCHEMA_VERSION", "Qualifier", "Scope", "SourceKind"]  # re-exported


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only


def _iso_date(value: object) -> object:
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


#: Dates already read: 100,000 cities share a few hundred launch dates, and a look-up is
#: cheaper than the pattern and the parse (dates are immutable, so sharing one is safe).
_KNOWN_DATES: dict[str, date] = {}


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Identifier = Annotated[
    str,
    Field(
        min_length=1,
        max_length=120,
        pattern=r"^[a-z0-9][a-z0-9_\-.]*$",
        description="A stable id: lower-case letters, digits, '-', '_' and '.'.",
    ),
]
#: Text fields are matched against a pattern (in pydantic's Rust regex: no Python call per
#: value) refusing control characters and bidi overrides (``text.py`` says why): ``Text`` on
#: one line (names, labels, units, titles, urls), ``LongText`` with line breaks (notes,
#: descriptions, the licence).
Text = Annotated[str, Field(min_length=1, max_length=2_000, pattern=ONE_LINE_PATTERN)]
LongText = Annotated[str, Field(max_length=20_000, pattern=MULTI_LINE_PATTERN)]
_FIGURE_MAX = 1e15


def _figure_bounds(value: float) -> float:
    """``ge=0, le=1e15, allow_inf_nan=False`` in one call, with pydantic's errors.

    On a union pydantic checks each bound with a Python call of its own: three calls per
    figure, ≈0.15 s at 360,000 figures. NaN fails the first test and infinity the second.
    """
    if not value >= 0:
        raise PydanticKnownError("greater_than_equal", {"ge": 0})
    if not value <= _FIGURE_MAX:
        raise PydanticKnownError("less_than_equal", {"le": _FIGURE_MAX})
    return value


class _BoundsInRustForJson:
    """From JSON text (the fast loader's chunks) a figure value's bounds are checked in Rust,
    on each member of the union: no Python call per figure (≈0.3 s less at 360,000 figures).
    Only the strict loader's Python objects go through ``_figure_bounds``, whose single error
    the messages quote; the fast loader gives up on any error, so the JSON path needs only the
    same verdict (``_figure_bounds`` on a strict int or float, exactly) and the same value."""

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        in_rust = core_schema.union_schema(
            [
                core_schema.int_schema(strict=True, ge=0, le=int(_FIGURE_MAX)),
                core_schema.float_schema(strict=True, ge=0, le=_FIGURE_MAX, allow_inf_nan=False),
            ]
        )
        return core_schema.json_or_python_schema(json_schema=in_rust, python_schema=handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        if schema["type"] == "json-or-python":  # the schema above: written as in Python
            return handler(schema["python_schema"])
        return handler(schema)  # pragma: no cover - pydantic passes the schema made above


#: Figures are counts, amounts of money or weights: never negative, never NaN or infinite.
#: The upper bound refuses absurd values (1e300) that would break charts and arithmetic.
FigureValue = Annotated[
    Annotated[int, Strict()] | Annotated[float, Strict()],  # strict in lax records too
    AfterValidator(_figure_bounds),
    _BoundsInRustForJson(),
    Field(json_schema_extra={"ge": 0, "le": _FIGURE_MAX}),  # as pydantic writes the bounds
]


class _Strict(BaseModel):
    """Shared configuration: strict types, unknown fields rejected (typos must not pass).

    Input comes from ``json.loads`` (Python objects), so enum fields are validated laxly: in
    strict Python mode they would demand enum instances rather than their JSON strings.
    """

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        allow_inf_nan=False,
        str_strip_whitespace=False,
        defer_build=True,
    )


class Source(_Strict):
    id: Identifier
    publisher: Text
    title: Text | None = None
    url: Text = Field(description="Where the figure can be read. Only http(s) links are opened.")
    published: IsoDate | None = Field(
        default=None, description="Publication date, when the page shows one."
    )
    kind: SourceKind = Field(default=SourceKind.NEWS, strict=False)
    note: LongText | None = None


class Metric(_Strict):
    id: Identifier
    label: Text
    unit: Text = Field(description="What is counted: 'defendants', 'firearms', 'kg', 'USD' ...")
    description: LongText = ""
    group: Identifier = Field(
        default="other", description="For grouping in menus: 'core', 'charges', 'seizures' ..."
    )
    cumulative: bool = Field(
        default=True,
        description="True when later snapshots include earlier ones (a running total).",
    )
    part_of: Identifier | None = Field(
        default=None,
        description="The id of the metric this one is a part of (one agency's firearms, one "
        "lead charge's defendants): at the same date and place it can never exceed the whole.",
    )
    overlaps: bool = Field(
        default=False,
        description="With part_of: the parts may count one thing twice (a defendant faces "
        "several charges), so each is checked against the whole alone. Otherwise the parts of "
        "a whole are disjoint and together never exceed it.",
    )


class MetricGroup(_Strict):
    """A group of metrics as menus title it: ``{"id": "charges", "label": "Charges"}``."""

    id: Identifier
    label: Text


#: The numerous small records (a figure per city, metric and snapshot: 360,000 at 100,000
#: cities) are slotted pydantic dataclasses, not models: a model instance carries a ``__dict__``
#: and a fields-set ``set``, several times the size of the values, and each is one more object
#: for the cyclic GC to walk. A strict dataclass would accept only instances of itself, not the
#: JSON object read from the file, so these are lax and every field that lax mode would coerce
#: (numbers from strings, ints from floats) is marked ``Strict()`` itself; strings, enums and
#: dates behave the same in both modes for JSON input. Lists are tuples (immutable, and an empty
#: one is shared); a tuple field in lax mode takes the JSON array, nothing else JSON has.
_RECORD = ConfigDict(extra="forbid", strict=False, allow_inf_nan=False, defer_build=True)
_record = dataclass(config=_RECORD, frozen=True, slots=True, kw_only=True)
StrictInt = Annotated[int, Strict()]
StrictFloat = Annotated[float, Strict()]


@_record
class Population:
    value: Annotated[StrictInt, Field(gt=0, le=10**10)]
    year: Annotated[StrictInt, Field(ge=1790, le=2100)]
    source: Identifier


@_record
class Location:
    lat: Annotated[StrictFloat, Field(ge=-90, le=90)]
    lon: Annotated[StrictFloat, Field(ge=-180, le=180)]


@_record
class City:
    id: Identifier
    name: Text
    state: Annotated[str, Field(min_length=1, max_length=40, pattern=ONE_LINE_PATTERN)]
    launch_date: IsoDate
    usao_district: Text | None = None
    population: Population | None = None
    location: Location | None = None


@_record
class AlternateReport:
    """A different value for the same figure from another source: kept, never dropped."""

    value: FigureValue
    qualifier: Qualifier = Field(default=Qualifier.EXACT, strict=False)
    source: Identifier
    note: LongText | None = None


@_record
class Corroboration:
    """Another source that gave the same value with the same framing, with its own note."""

    source: Identifier
    note: LongText | None = None


@_record
class Figure:
    scope: Scope = Field(strict=False)
    city: Identifier | None = Field(
        default=None, description="The city's id; required for city scope, absent for national."
    )
    metric: Identifier
    value: FigureValue
    qualifier: Qualifier = Field(default=Qualifier.EXACT, strict=False)
    source: Identifier
    note: LongText | None = None
    corroborated_by: tuple[Corroboration, ...] = Field(
        default=(),
        description="Other sources that report the same value with the same framing, each "
        "with its own note (format version 1 listed their ids only).",
    )
    alternates: tuple[AlternateReport, ...] = ()


#: A period count is a whole number of events (homicides): never negative, never a fraction.
CountValue = Annotated[StrictInt, Field(ge=0, le=10**9)]


@_record
class Period:
    """The days a count covers, both included: a calendar year is 1 Jan to 31 Dec, a count
    "to date" is 1 Jan to its as-of day. Two dates say both without a second format."""

    start: IsoDate
    end: IsoDate


@_record
class ContextCount:
    """Another count of the same city, metric and period from another source (or the same
    source under another definition, or as of another day): kept, never dropped."""

    value: CountValue
    qualifier: Qualifier = Field(default=Qualifier.EXACT, strict=False)
    source: Identifier
    definition: Text = Field(description="What the source says it counts, in its terms.")
    basis: Text = Field(
        description="What kind of count this is, in words shared by comparable counts "
        "('police count of all homicides'). Counts on the same basis and period that differ "
        "are a dispute; counts on different bases are not."
    )
    period: Period | None = Field(
        default=None, description="The count's own period when it differs from the figure's."
    )
    note: LongText | None = None


@_record
class ContextFigure:
    """A background count for a city over a period (e.g. its homicides in 2019), with its
    source and the source's definition. Not an operation figure: it never measures one."""

    city: Identifier
    metric: Identifier
    period: Period
    value: CountValue
    qualifier: Qualifier = Field(default=Qualifier.EXACT, strict=False)
    source: Identifier
    definition: Text = Field(description="What the source says it counts, in its terms.")
    basis: Text = Field(description="What kind of count this is; see the alternates' basis.")
    note: LongText | None = None
    alternates: tuple[ContextCount, ...] = ()


class Snapshot(_Strict):
    """Cumulative figures as announced on one date."""

    date: IsoDate
    label: Text | None = Field(default=None, description="e.g. 'National update', 'Final report'.")
    figures: list[Figure] = Field(default_factory=list)


class Dataset(_Strict):
    schema_version: Literal[2] = Field(
        description="The file format's version (a version-1 file is upgraded when read)."
    )
    title: Text
    description: LongText = ""
    compiled: IsoDate | None = Field(default=None, description="When the figures were compiled.")
    licence: LongText | None = None
    sources: list[Source]
    metrics: list[Metric]
    groups: list[MetricGroup] = Field(
        default_factory=list,
        description="Titles of the metrics' groups, in menu order; optional (a group without "
        "one is titled from its id).",
    )
    cities: list[City]
    snapshots: list[Snapshot]
    context: list[ContextFigure] = Field(
        default_factory=list,
        description="Background period counts per city (e.g. homicides in a year); optional.",
    )


def json_schema_text() -> str:
    """The JSON Schema of the data format, as shipped in ``data/schema.json``.

    Regenerate with ``uv run python -m legend_gui.model.write_schema``; a test fails when it
    is stale.
    """
    import json

    schema = Dataset.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://legend-viewer.invalid/schema/v2.json"
    schema["description"] = (
        "Legend Viewer data file, format version 2. Figures are cumulative counts as "
        "announced on a date; a figure that is absent is 'not reported', never zero."
    )
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"

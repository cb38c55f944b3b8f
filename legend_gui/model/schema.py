"""The data file's schema: frozen dataclasses, strict, closed to unknown fields.

Plain dataclasses, not pydantic models: a file validated before (``validated_cache``) loads
without pydantic, whose import and validators cost more than the whole Qt start-up. The constraints
ride in the annotations (``constraints``), and pydantic checks them when ``validation``
validates a file. Pure Python: nothing here may import Qt or pydantic. Rules that need the
whole dataset (unique ids, references that resolve, no figure before its city's launch) live
in ``checks.py`` so they can report every problem with its location instead of stopping at
the first.

Every class is lax for pydantic (``extra`` forbidden, no NaN): a strict dataclass would accept
only instances of itself, not the JSON object read from the file. So every field lax mode would
coerce (numbers from strings, ints from floats, bools from 1) is marked strict itself; strings,
enums and dates behave the same in both modes for JSON input. Lists of records are tuples
(immutable, and an empty one is shared); a tuple field in lax mode takes the JSON array, nothing
else JSON has. The numerous small records (a figure per city, metric and snapshot: 360,000 at
100,000 cities) have slots: no ``__dict__`` each, and one object less for the cyclic GC to walk;
the few large parts (the dataset, its snapshots, sources and metrics) keep theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, is_dataclass
from datetime import date
from typing import Annotated, Any, Literal

from legend_gui.model.constraints import (
    Constrained,
    Described,
    FigureNumber,
    IsoDateText,
)
from legend_gui.model.text import MULTI_LINE_PATTERN, ONE_LINE_PATTERN
from legend_gui.model.vocab import SCHEMA_VERSION, Qualifier, Scope, SourceKind

__all__ = ["SCHEMA_VERSION", "Qualifier", "Scope", "SourceKind"]  # re-exported

#: pydantic's configuration of every class (read by pydantic, not imported from it).
_CONFIG: dict[str, Any] = {"extra": "forbid", "strict": False, "allow_inf_nan": False}

IsoDate = Annotated[date, IsoDateText()]
Identifier = Annotated[
    str,
    Constrained(min_length=1, max_length=120, pattern=r"^[a-z0-9][a-z0-9_\-.]*$"),
    Described("A stable id: lower-case letters, digits, '-', '_' and '.'."),
]
#: Text fields are matched against a pattern (in pydantic's Rust regex: no Python call per
#: value) refusing control characters and bidi overrides (``text.py`` says why): ``Text`` on
#: one line (names, labels, units, titles, urls), ``LongText`` with line breaks (notes,
#: descriptions, the licence).
Text = Annotated[str, Constrained(min_length=1, max_length=2_000, pattern=ONE_LINE_PATTERN)]
LongText = Annotated[str, Constrained(max_length=20_000, pattern=MULTI_LINE_PATTERN)]
StrictBool = Annotated[bool, Constrained(strict=True)]
#: Figures are counts, amounts of money or weights: never negative, never NaN or infinite.
#: The upper bound refuses absurd values (1e300) that would break charts and arithmetic.
FigureValue = Annotated[int | float, FigureNumber()]
#: A period count is a whole number of events (homicides): never negative, never a fraction.
CountValue = Annotated[int, Constrained(strict=True, ge=0, le=10**9)]


@dataclass(frozen=True, kw_only=True)
class Source:
    __pydantic_config__ = _CONFIG

    id: Identifier
    publisher: Text
    title: Text | None = None
    url: Annotated[Text, Described("Where the figure can be read. Only http(s) links are opened.")]
    published: Annotated[
        IsoDate | None, Described("Publication date, when the page shows one.")
    ] = None
    kind: SourceKind = SourceKind.NEWS
    note: LongText | None = None


@dataclass(frozen=True, kw_only=True)
class Metric:
    __pydantic_config__ = _CONFIG

    id: Identifier
    label: Text
    unit: Annotated[Text, Described("What is counted: 'defendants', 'firearms', 'kg', 'USD' ...")]
    description: LongText = ""
    group: Annotated[
        Identifier, Described("For grouping in menus: 'core', 'charges', 'seizures' ...")
    ] = "other"
    cumulative: Annotated[
        StrictBool,
        Described("True when later snapshots include earlier ones (a running total)."),
    ] = True
    part_of: Annotated[
        Identifier | None,
        Described(
            "The id of the metric this one is a part of (one agency's firearms, one lead "
            "charge's defendants): at the same date and place it can never exceed the whole."
        ),
    ] = None
    overlaps: Annotated[
        StrictBool,
        Described(
            "With part_of: the parts may count one thing twice (a defendant faces several "
            "charges), so each is checked against the whole alone. Otherwise the parts of a "
            "whole are disjoint and together never exceed it."
        ),
    ] = False


@dataclass(frozen=True, kw_only=True)
class MetricGroup:
    """A group of metrics as menus title it: ``{"id": "charges", "label": "Charges"}``."""

    __pydantic_config__ = _CONFIG

    id: Identifier
    label: Text


@dataclass(frozen=True, slots=True, kw_only=True)
class Population:
    __pydantic_config__ = _CONFIG

    value: Annotated[int, Constrained(strict=True, gt=0, le=10**10)]
    year: Annotated[int, Constrained(strict=True, ge=1790, le=2100)]
    source: Identifier


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    __pydantic_config__ = _CONFIG

    lat: Annotated[float, Constrained(strict=True, ge=-90, le=90)]
    lon: Annotated[float, Constrained(strict=True, ge=-180, le=180)]


@dataclass(frozen=True, slots=True, kw_only=True)
class City:
    __pydantic_config__ = _CONFIG

    id: Identifier
    name: Text
    state: Annotated[str, Constrained(min_length=1, max_length=40, pattern=ONE_LINE_PATTERN)]
    launch_date: IsoDate
    usao_district: Text | None = None
    population: Population | None = None
    location: Location | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AlternateReport:
    """A different value for the same figure from another source: kept, never dropped."""

    __pydantic_config__ = _CONFIG

    value: FigureValue
    qualifier: Qualifier = Qualifier.EXACT
    source: Identifier
    note: LongText | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Corroboration:
    """Another source that gave the same value with the same framing, with its own note."""

    __pydantic_config__ = _CONFIG

    source: Identifier
    note: LongText | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    __pydantic_config__ = _CONFIG

    scope: Scope
    city: Annotated[
        Identifier | None,
        Described("The city's id; required for city scope, absent for national."),
    ] = None
    metric: Identifier
    value: FigureValue
    qualifier: Qualifier = Qualifier.EXACT
    source: Identifier
    note: LongText | None = None
    corroborated_by: Annotated[
        tuple[Corroboration, ...],
        Described(
            "Other sources that report the same value with the same framing, each with its "
            "own note (format version 1 listed their ids only)."
        ),
    ] = ()
    alternates: tuple[AlternateReport, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Period:
    """The days a count covers, both included: a calendar year is 1 Jan to 31 Dec, a count
    "to date" is 1 Jan to its as-of day. Two dates say both without a second format."""

    __pydantic_config__ = _CONFIG

    start: IsoDate
    end: IsoDate


@dataclass(frozen=True, slots=True, kw_only=True)
class ContextCount:
    """Another count of the same city, metric and period from another source (or the same
    source under another definition, or as of another day): kept, never dropped."""

    __pydantic_config__ = _CONFIG

    value: CountValue
    qualifier: Qualifier = Qualifier.EXACT
    source: Identifier
    definition: Annotated[Text, Described("What the source says it counts, in its terms.")]
    basis: Annotated[
        Text,
        Described(
            "What kind of count this is, in words shared by comparable counts ('police count "
            "of all homicides'). Counts on the same basis and period that differ are a "
            "dispute; counts on different bases are not."
        ),
    ]
    period: Annotated[
        Period | None, Described("The count's own period when it differs from the figure's.")
    ] = None
    note: LongText | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ContextFigure:
    """A background count for a city over a period (e.g. its homicides in 2019), with its
    source and the source's definition. Not an operation figure: it never measures one."""

    __pydantic_config__ = _CONFIG

    city: Identifier
    metric: Identifier
    period: Period
    value: CountValue
    qualifier: Qualifier = Qualifier.EXACT
    source: Identifier
    definition: Annotated[Text, Described("What the source says it counts, in its terms.")]
    basis: Annotated[Text, Described("What kind of count this is; see the alternates' basis.")]
    note: LongText | None = None
    alternates: tuple[ContextCount, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Snapshot:
    """Cumulative figures as announced on one date."""

    __pydantic_config__ = _CONFIG

    date: IsoDate
    label: Annotated[Text | None, Described("e.g. 'National update', 'Final report'.")] = None
    figures: list[Figure] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Dataset:
    __pydantic_config__ = _CONFIG

    schema_version: Annotated[
        Literal[2],
        Described("The file format's version (a version-1 file is upgraded when read)."),
    ]
    title: Text
    description: LongText = ""
    compiled: Annotated[IsoDate | None, Described("When the figures were compiled.")] = None
    licence: LongText | None = None
    sources: list[Source]
    metrics: list[Metric]
    groups: Annotated[
        list[MetricGroup],
        Described(
            "Titles of the metrics' groups, in menu order; optional (a group without one is "
            "titled from its id)."
        ),
    ] = field(default_factory=list)
    cities: list[City]
    snapshots: list[Snapshot]
    context: Annotated[
        list[ContextFigure],
        Described("Background period counts per city (e.g. homicides in a year); optional."),
    ] = field(default_factory=list)


def _set_state(record: Any, state: list[Any]) -> None:
    """A slotted record read back from the validated cache: its fields in ``__slots__``
    order, set without ``dataclasses.fields()`` per record (≈3× faster than the default)."""
    for name, value in zip(record.__slots__, state, strict=True):
        object.__setattr__(record, name, value)


#: Every class of the schema: the only classes (with dates and the enums) a kept dataset holds.
RECORD_CLASSES: tuple[type, ...] = tuple(
    value
    for value in list(vars().values())
    if isinstance(value, type) and is_dataclass(value) and value.__module__ == __name__
)
for _record in RECORD_CLASSES:  # the slotted records (the few large parts keep a dict)
    if "__slots__" in vars(_record):
        setattr(_record, "__setstate__", _set_state)  # noqa: B010 - a dunder, set from outside


del _record

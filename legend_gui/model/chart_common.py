"""What every chart shares: its settings and how a value, its unit and its disputes are
written (pure Python; the bar chart and the timeline both use these)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, Protocol

from legend_gui.model.formatting import format_rate, format_value, rate_decimals
from legend_gui.model.rates import rate_per_100k
from legend_gui.model.status import OtherValue, disputed_values, others_text, with_unit
from legend_gui.model.vocab import Qualifier

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog
    from legend_gui.model.schema import Figure, Source

DEFAULT_TOP = 25
ChartView = Literal["bars", "timeline", "map", "table"]
#: The views, in the order of their tabs and shortcuts.
VIEWS: tuple[ChartView, ...] = ("bars", "timeline", "map", "table")


def as_view(name: str) -> ChartView:
    """``name`` as a view (an unknown name is the bar chart)."""
    return next((view for view in VIEWS if view == name), "bars")


@dataclass(frozen=True, slots=True)
class ChartSettings:
    """Everything that decides what a chart shows; the window and the CLI both fill one in."""

    metric: str
    snapshot: date | None
    per_capita: bool = False
    city: str | None = None  # the selected city; None is "All cities" (national)
    view: ChartView = "bars"
    top: int = DEFAULT_TOP
    compared: tuple[str, ...] = ()  # more cities on the timeline, beside the selected one
    show_context: bool = False  # the timeline's background counts (the city's context figures)

    def with_(self, **changes: Any) -> ChartSettings:
        return replace(self, **changes)


def unit_of(catalog: Catalog, settings: ChartSettings) -> str:
    metric = catalog.metric_by_id.get(settings.metric)
    unit = metric.unit if metric else ""
    return f"{unit} per 100,000 residents" if settings.per_capita else unit


def title_of(catalog: Catalog, settings: ChartSettings) -> str:
    metric = catalog.metric_by_id.get(settings.metric)
    label = metric.label if metric else settings.metric
    return f"{label} per 100,000 residents" if settings.per_capita else label


#: The place of the data's ``national`` figures: totals for the whole dataset, which need not
#: be a nation (an island chain, a region); the words say what they are, not where.
ALL_CITIES_PLACE = "All cities (reported totals)"


def place_label(catalog: Catalog, city_id: str | None) -> str:
    if city_id is None:
        return ALL_CITIES_PLACE
    city = catalog.city_by_id[city_id]
    return f"{city.name}, {city.state}"


def ordered_qualifiers(found: set[Qualifier]) -> list[Qualifier]:
    return [q for q in Qualifier if q in found and q is not Qualifier.EXACT]


def scaled(value: float, population: int | None, per_capita: bool) -> float | None:
    if not per_capita:
        return value
    return rate_per_100k(value, population)


def value_text(value: float, qualifier: Qualifier, per_capita: bool, unit: str) -> str:
    if per_capita:
        return format_rate(value, qualifier)
    return with_unit(format_value(value, qualifier), unit)


def disputed_of(
    figure: Figure, population: int | None, per_capita: bool
) -> tuple[tuple[OtherValue, ...], float | None, float | None]:
    """The other values (in plotted units) and the whisker's ends, or ``((), None, None)``."""
    others = []
    for other in disputed_values(figure):
        value = scaled(other.value, population, per_capita)
        if value is not None:
            others.append(OtherValue(value, other.qualifier, other.source))
    primary = scaled(figure.value, population, per_capita)
    if not others or primary is None:
        return (), None, None
    values = [primary, *(other.value for other in others)]
    return tuple(others), min(values), max(values)


def with_others(text: str, others: tuple[OtherValue, ...], per_capita: bool, unit: str) -> str:
    if not others:
        return text
    if per_capita:  # rates as precise as the primary's (``format_rate``)
        rates = [
            OtherValue(round(o.value, rate_decimals(o.value)), o.qualifier, o.source)
            for o in others
        ]
        return f"{text} ({others_text(rates)})"
    return f"{text} ({others_text(list(others), unit)})"


class _Mark(Protocol):
    """A bar or a point: a value from its source, and the other reports' values it prints."""

    @property
    def source(self) -> Source | None: ...

    @property
    def others(self) -> tuple[OtherValue, ...]: ...


def cited_sources(catalog: Catalog, marks: Sequence[_Mark]) -> list[Source]:
    """The sources of every number ``marks`` print, in order: each mark's own, then those of
    the values "in other reports" they print beside their own."""
    seen: dict[str, Source] = {}
    for mark in marks:
        if mark.source is not None:
            seen.setdefault(mark.source.id, mark.source)
    for mark in marks:
        for other in mark.others:
            seen.setdefault(other.source, catalog.source(other.source))
    return list(seen.values())

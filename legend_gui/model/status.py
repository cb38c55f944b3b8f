"""What one figure *is* for one place on one day: the single place every view asks.

Three states, never confused (DESIGN §2): a **reported** value, **not reported** (no source
gave a figure: a labelled gap, never 0), and **not yet launched** (the day is before the
city's launch date: neither a gap in the reporting nor 0). The bar chart, the timeline, the
detail pane, tooltips, every export, and later the map and the table call ``figure_state``
and ``disputed_values`` here instead of deciding on their own.

Pure Python (no Qt, no pydantic import at run time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, cast

from legend_gui.model.formatting import QUALIFIER_MARKS, format_date, format_number
from legend_gui.model.vocab import CORE_GROUP, Qualifier

if TYPE_CHECKING:
    from legend_gui.model.schema import (
        AlternateReport,
        City,
        ContextCount,
        ContextFigure,
        Dataset,
        Figure,
        Metric,
    )


class FigureState(StrEnum):
    """The three states of a (place, metric, day). The values are the words shown to readers."""

    REPORTED = "reported"
    NOT_REPORTED = "not reported"
    NOT_YET_LAUNCHED = "not yet launched"


def figure_state(
    city: City | None, day: date, figure: Figure | ContextFigure | None
) -> FigureState:
    """The state of ``figure`` (``None`` = no figure) for ``city`` (``None`` = national) on
    ``day``. A figure always wins: the loader refuses figures dated before a launch."""
    if figure is not None:
        return FigureState.REPORTED
    if city is not None and day < city.launch_date:
        return FigureState.NOT_YET_LAUNCHED
    return FigureState.NOT_REPORTED


def state_text(state: FigureState, city: City | None = None) -> str:
    """What a gap says: ``not reported``, or ``not yet launched (from 22 Jul 2020)``."""
    if state is FigureState.NOT_YET_LAUNCHED and city is not None:
        return f"{state.value} (from {format_date(city.launch_date)})"
    return state.value


@dataclass(frozen=True, slots=True)
class OtherValue:
    """Another source's different value for the same figure."""

    value: float
    qualifier: Qualifier
    source: str  # source id

    @property
    def text(self) -> str:
        return QUALIFIER_MARKS[self.qualifier] + format_number(self.value)


def disputed_values(figure: Figure | ContextFigure | None) -> list[OtherValue]:
    """The alternates whose value differs from the primary's (one per distinct value and
    qualifier, in file order). Empty: the figure is not disputed. An alternate that only
    repeats the primary value is corroboration, not a dispute. A context count is disputed
    only by counts on its own basis and period (``context.disputing_counts``): counts on
    another basis differ by definition."""
    if figure is None:
        return []
    seen: set[tuple[float, Qualifier]] = set()
    found: list[OtherValue] = []
    for alternate in differing_counts(figure):
        key = (alternate.value, alternate.qualifier)
        if key in seen:
            continue
        seen.add(key)
        found.append(OtherValue(alternate.value, alternate.qualifier, alternate.source))
    return found


def differing_alternates(figure: Figure) -> list[AlternateReport]:
    """Every alternate report whose value differs from the primary's, in file order: the one
    definition of a dispute (the same value framed otherwise is no dispute)."""
    return [alternate for alternate in figure.alternates if alternate.value != figure.value]


def differing_counts(figure: Figure | ContextFigure) -> list[AlternateReport] | list[ContextCount]:
    """``differing_alternates``, and for a context count the counts on its own basis and
    period with another value (``context.disputing_counts``): counts on another basis differ
    by definition, not a dispute."""
    if hasattr(figure, "basis"):  # a context count (no import on the hot path of figures)
        from legend_gui.model.context import disputing_counts

        counted = cast("ContextFigure", figure)
        return [c for c in disputing_counts(counted) if c.value != counted.value]
    return differing_alternates(figure)


def is_disputed(figure: Figure | ContextFigure | None) -> bool:
    """A figure whose reports differ in value: every view shows the other values."""
    return figure is not None and bool(differing_counts(figure))


def others_text(others: list[OtherValue], unit: str = "") -> str:
    """``25 in other reports`` / ``200 or 207 in other reports``; empty if undisputed."""
    if not others:
        return ""
    texts = [other.text for other in others]
    joined = texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " or " + texts[-1]
    suffix = f" {unit}" if unit and not is_count_unit(unit) else ""
    return f"{joined}{suffix} in other reports"


#: Units that measure an amount rather than count things (lower case). Values in them are
#: printed with their unit everywhere and may be fractions; any other unit counts things.
MEASURE_UNITS = frozenset(
    {"kg", "g", "mg", "lb", "lbs", "oz", "t", "tonnes", "usd", "eur", "gbp", "$", "€", "£"}
    | {"%", "percent", "km", "mi", "m", "l", "litres", "liters", "gal", "hours", "days"}
)


def is_count_unit(unit: str) -> bool:
    """``defendants``, ``firearms``, ``people``: whole things; ``kg``, ``USD``: amounts."""
    return unit.strip().casefold() not in MEASURE_UNITS


def with_unit(text: str, unit: str, always: bool = False) -> str:
    """``31.6 kg``; a count's unit only when ``always`` (tooltips, the detail pane)."""
    if not unit or (not always and is_count_unit(unit)):
        return text
    return f"{text} {unit}"


def core_metrics(dataset: Dataset) -> list[Metric]:
    """The metrics whose ``group`` is ``core``: shown in every place's table even where not
    reported, and the first choice of metric. Decided by the data, not by the code."""
    return [metric for metric in dataset.metrics if metric.group == CORE_GROUP]

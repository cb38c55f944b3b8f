"""A city's context counts as marks on its timeline: background, apart from its figures.

A mark is one count over a period (``1 Jan – 8 Jul 2020``, ``2020``), drawn at the period's last
day as a dotted line with its label, not on the chart's value scale: it shows when a count ran
to, not a point of the series. Only periods in the calendar years the timeline covers are
marked (a year-to-date count and that year's total, not the years before).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from legend_gui.model.context import period_text
from legend_gui.model.formatting import format_value

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog
    from legend_gui.model.schema import Source
    from legend_gui.model.vocab import Qualifier


@dataclass(frozen=True, slots=True)
class ContextMark:
    metric: str
    start: date
    end: date
    value: int
    qualifier: Qualifier
    text: str  # "99 homicides, 1 Jan – 8 Jul 2020"
    basis: str
    definition: str
    source: Source


def context_marks(catalog: Catalog, city_id: str | None, days: list[date]) -> list[ContextMark]:
    """The city's context counts whose period lies in the years of ``days`` (the timeline's
    dates), earliest end first; none for the national figures or without dates."""
    if city_id is None or not days:
        return []
    years = range(min(days).year, max(days).year + 1)
    marks: list[ContextMark] = []
    for figure in catalog.context.for_city(city_id):
        period = figure.period
        if period.start.year not in years or period.end.year not in years:
            continue
        metric = catalog.metric_by_id.get(figure.metric)
        unit = f" {metric.unit}" if metric and metric.unit else ""
        marks.append(
            ContextMark(
                metric=figure.metric,
                start=period.start,
                end=period.end,
                value=figure.value,
                qualifier=figure.qualifier,
                text=f"{format_value(figure.value, figure.qualifier)}{unit}, {period_text(period)}",
                basis=figure.basis,
                definition=figure.definition,
                source=catalog.context.source(figure.source),
            )
        )
    marks.sort(key=lambda mark: (mark.end, mark.start))
    return marks


def marks_note(marks: list[ContextMark]) -> str:
    """``Context counts: 99 homicides, 1 Jan – 8 Jul 2020 (police count of all homicides;
    KSHB 41 Action News); ...`` — each mark with its basis and source, for the caption."""
    if not marks:
        return ""
    parts = [f"{mark.text} ({mark.basis}; {mark.source.publisher})" for mark in marks]
    return "Context counts: " + "; ".join(parts) + "."

"""The words around context counts, from the data: the background line, the periods a chart
covers, the definition bases it mixes, and one count written out with its definition.

Every sentence is built from the dataset (its description, the metric's group, the figures'
periods, definitions and bases); none names an operation, an agency or a year. Nothing here
relates a context count to an operation figure: they are background, side by side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from legend_gui.model.captions import cities_text
from legend_gui.model.context import is_disputed, period_text
from legend_gui.model.formatting import format_date, format_value

if TYPE_CHECKING:
    from legend_gui.model.schema import (
        City,
        ContextCount,
        ContextFigure,
        Dataset,
        Metric,
        Period,
    )

#: Said when the data's description has no paragraph for the context group: neutral, and
#: relating the counts to nothing else in the data.
BACKGROUND_FALLBACK = (
    "Background counts, each as its source defines it; they are shown beside the other "
    "figures for reference and do not measure them."
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def background_line(dataset: Dataset, metric: Metric | None) -> str:
    """What the context counts are, in the data's own words: the first sentence of the
    description's paragraph titled with the group's title or id (``Context: ...``), else a
    neutral sentence (``BACKGROUND_FALLBACK``)."""
    from legend_gui.model.metric_menu import group_title  # loads the schema: only when asked

    if metric is None:
        return BACKGROUND_FALLBACK
    group = metric.group
    titles = {group_title(dataset, group).casefold(), group.replace("_", " ").casefold()}
    for paragraph in dataset.description.split("\n\n"):
        head, colon, body = paragraph.strip().partition(":")
        if colon and head.strip().casefold() in titles and body.strip():
            first = _SENTENCE_END.split(" ".join(body.split()), maxsplit=1)[0]
            return first[:1].upper() + first[1:]
    return BACKGROUND_FALLBACK


def periods_text(periods: list[Period]) -> str:
    """The chart's subtitle: ``Period: 2020``, or for counts to different days
    ``Periods: 1 Jan 2020 to a day from 8 Jul to 31 Aug 2020 (each city's beside its value)``."""
    if not periods:
        return "No counts"
    if len(periods) == 1:
        return f"Period: {period_text(periods[0])}"
    starts = {period.start for period in periods}
    if len(starts) == 1:
        first = min(period.end for period in periods)
        last = max(period.end for period in periods)
        return (
            f"Periods: {format_date(periods[0].start)} to a day from {format_date(first)} to "
            f"{format_date(last)} (each city's beside its value)"
        )
    return "Periods differ by city (each city's beside its value)"


def bases_note(figures: Iterable[tuple[City, ContextFigure]]) -> str:
    """``Counted as: police count of all homicides (8 cities); The Kansas City Star's own
    count (Kansas City, MO).`` The definition basis of every count shown."""
    cities: dict[str, list[City]] = {}
    for city, figure in figures:
        cities.setdefault(figure.basis, []).append(city)
    if not cities:
        return ""
    parts = []
    for basis, members in cities.items():
        if len(members) <= 3:
            named = "; ".join(f"{c.name}, {c.state}" for c in members)
        else:
            named = cities_text(len(members))
        parts.append(f"{basis} ({named})")
    return "Counted as: " + "; ".join(parts) + "."


def count_line(figure: ContextFigure, count: ContextFigure | ContextCount, unit: str) -> str:
    """``182 homicides, 2020 — The Kansas City Star's own count: Kansas City Star count``."""
    period = count.period or figure.period
    value = format_value(count.value, count.qualifier)
    unit_text = f" {unit}" if unit else ""
    return f"{value}{unit_text}, {period_text(period)} — {count.basis}: {count.definition}"


def disputed_note(figure: ContextFigure) -> str:
    """Why a count has a whisker: another count on its own basis and period differs."""
    if not is_disputed(figure):
        return ""
    return f"Counts on the same basis ({figure.basis}) and period differ."

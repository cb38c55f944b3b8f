"""**Latest**: a virtual snapshot holding, for each city, its most recent reported figure of a
metric (DESIGN §2). Each figure keeps its own date, and every view shows it.

``LATEST`` is the virtual snapshot's key: a date after every real one, so the index answers
``figure(LATEST, city, metric)`` and the rankings work on it unchanged; only text and CSV
must ask ``is_latest`` and show each figure's own date instead. Pure Python.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from legend_gui.model.formatting import format_date

if TYPE_CHECKING:
    from legend_gui.model.schema import Figure

#: The key of the virtual snapshot: never a real snapshot's date (the schema refuses
#: dates this far out), stored in settings as ``9999-12-31``.
LATEST = date.max
#: How the menu, the command line and the settings call it.
LATEST_WORD = "latest"
LATEST_LABEL = "Latest (each city's most recent figure)"
#: The subtitle of a view of Latest (the dates are on the values and in the caption).
LATEST_SUBTITLE = "Latest: each city's most recent figure, with its date"


def is_latest(day: date | None) -> bool:
    return day == LATEST


def parse_snapshot(text: str) -> date:
    """``latest`` or ``YYYY-MM-DD`` (raises ``ValueError`` on anything else)."""
    if text.strip().casefold() == LATEST_WORD:
        return LATEST
    return date.fromisoformat(text)


def snapshot_text(day: date | None) -> str:
    """A snapshot as a reader sees it: ``14 Oct 2020``, or ``Latest``."""
    return "Latest" if is_latest(day) else format_date(day)


def snapshot_iso(day: date | None) -> str:
    """A snapshot for a file name or CSV: ``2020-10-14``, ``latest``, or empty."""
    if day is None:
        return ""
    return LATEST_WORD if is_latest(day) else day.isoformat()


def latest_figures(
    dates: list[date],
    groups: dict[tuple[date, str], dict[str, Figure]],
    metric_id: str,
    with_days: bool = True,
) -> tuple[dict[str, Figure], dict[str, date]]:
    """Each city's most recent figure of ``metric_id`` and (``with_days``) its date, from the
    index's ``(date, metric) -> {city: figure}`` groups over ``dates`` (oldest first).

    The result may be one of the index's own groups (when only one date has figures): read
    it, never change it.
    """
    found = [(day, group) for day in dates if (group := groups.get((day, metric_id)))]
    if len(found) == 1:  # nothing to merge: no copy of 100,000 entries
        day, group = found[0]
        return group, (dict.fromkeys(group, day) if with_days else {})
    figures: dict[str, Figure] = {}
    days: dict[str, date] = {}
    for day, group in found:  # oldest first: a later figure overwrites an earlier one
        figures.update(group)
        if with_days:
            days.update(dict.fromkeys(group, day))
    return figures, days


def dates_caption(days: dict[str, date]) -> str:
    """The caption's line about Latest: the dates differ (or, if they do not, the one date)."""
    distinct = sorted(set(days.values()))
    if not distinct:
        return "Latest: no city reported this figure on any date."
    if len(distinct) == 1:
        return f"Latest: every city's most recent figure is from {format_date(distinct[0])}."
    return (
        f"Latest: each city's most recent figure, so the dates differ "
        f"({format_date(distinct[0])} to {format_date(distinct[-1])}); each value shows its own."
    )

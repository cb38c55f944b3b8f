"""Axis ticks a reader can read: round steps, thousands separators, no scientific notation,
whole numbers on an axis of counts, and date ticks that suit the span (one point, two points,
months, years) without crowding. The on-screen chart and the exported image both use these.
"""

from __future__ import annotations

import math
from calendar import monthrange
from collections.abc import Callable
from datetime import date, timedelta

from legend_gui.model.formatting import format_number

Tick = tuple[float, str]


def nice_step(span: float, target: int = 6, integer: bool = False) -> float:
    """A step of 1, 2 or 5 × 10^k giving about ``target`` intervals over ``span``."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / max(1, target)
    power: float = 10.0 ** math.floor(math.log10(raw))
    step = next((m * power for m in (1, 2, 5, 10) if m * power >= raw), 10 * power)
    return max(1.0, round(step)) if integer else step


def value_ticks(low: float, high: float, integer: bool = False, target: int = 6) -> list[Tick]:
    """Ticks from the first step at or below ``low`` to the first at or above ``high``,
    labelled ``1,000,000`` (never ``1e+06``). ``integer``: counts, so no ``0.2`` ticks."""
    if high < low:
        low, high = high, low
    if high == low:
        high = low + 1
    step = nice_step(high - low, target, integer)
    decimals = 0 if step >= 1 else max(0, -math.floor(math.log10(step) + 1e-9))
    first = math.floor(low / step + 1e-9) * step
    ticks: list[Tick] = []
    index = 0
    while True:
        value = round(first + index * step, decimals)
        ticks.append((value, format_number(value, decimals) if value else "0"))
        if value >= high - step * 1e-6:
            break
        index += 1
    return ticks


#: Pixels kept free between two neighbouring tick labels.
LABEL_GAP = 16.0


def fitting_value_ticks(
    low: float,
    high: float,
    integer: bool,
    length: float,
    width_of: Callable[[str], float],
    target: int = 6,
) -> list[Tick]:
    """``value_ticks`` for an axis from ``low`` to ``high`` drawn ``length`` pixels long,
    with steps no narrower than their labels (``width_of``: a label's width in pixels) and a
    gap: long labels (``300,000,000,000``) get fewer, wider steps instead of running into
    each other. The ticks reach from at or below ``low`` to at or above ``high``, so each of
    their steps is at least ``length`` over their number of steps."""
    while True:
        ticks = value_ticks(low, high, integer, target)
        widest = max((width_of(label) for _, label in ticks), default=0.0)
        if target <= 1 or (len(ticks) - 1) * (widest + LABEL_GAP) <= length:
            return ticks
        target -= 1


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def _day_label(day: date, with_year: bool) -> str:
    text = f"{day.day} {day:%b}"
    return f"{text} {day.year}" if with_year else text


def date_ticks(first: date, last: date, max_ticks: int = 7) -> list[tuple[date, str]]:
    """Labelled dates between ``first`` and ``last`` (inclusive).

    One day: that day, with its year. Up to about two months: days at a 1/2/7/14-day step
    (``19 Aug``), the year on the first. Up to about three years: month starts (``Sep``), the
    year on the first and on each January. Longer: year starts (``2021``).
    """
    if last < first:
        first, last = last, first
    span = (last - first).days
    if span == 0:
        return [(first, _day_label(first, True))]
    if span <= 62:
        step = next((s for s in (1, 2, 7, 14) if span / s <= max_ticks - 1), 28)
        ticks: list[tuple[date, str]] = []
        day = first
        while day <= last:
            ticks.append((day, _day_label(day, not ticks)))
            day += timedelta(days=step)
        return ticks
    months = (last.year - first.year) * 12 + last.month - first.month
    if months <= 36:
        every = next((m for m in (1, 2, 3, 6) if months / m <= max_ticks - 1), 12)
        start = _month_start(first) if first.day == 1 else _add_months(_month_start(first), 1)
        ticks = []  # the same list type as above
        day = start
        while day <= last:
            with_year = not ticks or day.month == 1
            ticks.append((day, f"{day:%b} {day.year}" if with_year else f"{day:%b}"))
            day = _add_months(day, every)
        return ticks or [(first, _day_label(first, True))]
    years = last.year - first.year
    every = max(1, math.ceil(years / (max_ticks - 1)))
    start_year = first.year if (first.month, first.day) == (1, 1) else first.year + 1
    return [(date(year, 1, 1), str(year)) for year in range(start_year, last.year + 1, every)]

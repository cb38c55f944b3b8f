"""How numbers and their qualifiers are written, the same in the app, the chart and exports."""

from __future__ import annotations

import math
from datetime import date

from legend_gui.model.vocab import Qualifier

#: Short marks shown before a value: ``>1,000``, ``≈217``, ``~400``. "Exact" has none.
QUALIFIER_MARKS: dict[Qualifier, str] = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: ">",
    Qualifier.AT_LEAST: "≥",
    Qualifier.APPROXIMATELY: "≈",
    Qualifier.NEARLY: "~",
    Qualifier.AT_MOST: "≤",
}

#: The words a reader would use, for tooltips, legends and CSV.
QUALIFIER_WORDS: dict[Qualifier, str] = {
    Qualifier.EXACT: "exactly",
    Qualifier.MORE_THAN: "more than",
    Qualifier.AT_LEAST: "at least",
    Qualifier.APPROXIMATELY: "approximately",
    Qualifier.NEARLY: "nearly",
    Qualifier.AT_MOST: "at most",
}

NOT_REPORTED = "not reported"

#: Plurals that are not the word plus "s".
_PLURALS = {"city": "cities", "is": "are"}


def counted(count: int, word: str) -> str:
    """``1 city``, ``9 cities``, ``1,200 figures``: a count with its noun agreeing."""
    return f"{count:,} {word if count == 1 else _PLURALS.get(word, word + 's')}"


def csv_qualifier(qualifier: Qualifier) -> str:
    """A qualifier as every CSV writes it: the data file's own word (``exact``,
    ``more_than``), the same in the long CSV and the chart CSV."""
    return qualifier.value


def _significant_decimals(value: float, digits: int = 2) -> int:
    """Decimals that keep ``digits`` significant digits of a value below 1: 0.0012 → 4."""
    magnitude = math.floor(math.log10(abs(value)))
    return max(0, digits - 1 - magnitude)


def format_number(value: float, decimals: int | None = None) -> str:
    """``1234`` → ``1,234``; ``1.2`` → ``1.2``; whole floats lose their ``.0``.

    Never scientific notation, and a value that is not zero is never printed as ``0``:
    ``0.000000001`` keeps its significant digits (``decimals`` is raised as far as needed).
    """
    if not math.isfinite(value):
        return str(value)
    strip = decimals is None
    if decimals is None:
        if float(value).is_integer():
            return f"{int(value):,}"
        decimals = 2
    if value != 0 and abs(value) < 10 ** (-decimals) * 5:
        decimals, strip = _significant_decimals(value), True
    text = f"{value:,.{decimals}f}"
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_value(value: float | None, qualifier: Qualifier = Qualifier.EXACT) -> str:
    """A figure as a reader should see it, qualifier first: ``>1,000``."""
    if value is None:
        return NOT_REPORTED
    return QUALIFIER_MARKS[qualifier] + format_number(value)


def format_rate(rate: float | None, qualifier: Qualifier = Qualifier.EXACT) -> str:
    """A per-100,000 rate: one decimal is honest for counts this small; a rate below 0.05
    keeps two significant digits (``0.035``) instead of printing as ``0``."""
    if rate is None:
        return "not available"
    return QUALIFIER_MARKS[qualifier] + f"{rate:,.{rate_decimals(rate)}f}"


def rate_decimals(rate: float) -> int:
    """How many decimals ``format_rate`` shows of ``rate``: one below 100, none above."""
    if 0 < rate < 0.05:
        return _significant_decimals(rate)
    return 1 if rate < 100 else 0


def describe_qualifier(qualifier: Qualifier) -> str:
    """``'more than'``; used where a mark alone would be cryptic (tooltips, legends)."""
    return QUALIFIER_WORDS[qualifier]


#: English month abbreviations, from this table rather than ``strftime("%b")``: strftime
#: follows ``LC_TIME``, which creating the QApplication sets from the user's environment.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(day: date | None) -> str:
    """``19 Aug 2020``: the one way a date is shown to a reader, in the app, charts and exports.

    Day, English month abbreviation, year: unambiguous (8/9/2020 is August or September) and
    the same in every locale, so a screenshot, an exported chart and the CLI all agree whatever
    ``LC_TIME`` is. Machine-readable places (CSV columns, file names, settings, messages quoting
    a data file) write ISO 8601 ``2020-08-19`` instead, as the data file does.
    """
    if day is None:
        return "date not shown"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def not_exact(*qualifiers: Qualifier) -> bool:
    """Whether any of ``qualifiers`` is not exact: a change between such values is only
    approximate (``≈``)."""
    return any(qualifier is not Qualifier.EXACT for qualifier in qualifiers)


def format_change(current: float, previous: float, rough: bool = False) -> str:
    """``+43`` or ``−36`` (a real minus sign); ``≈+43`` if either value is not exact."""
    return format_delta(current - previous, rough)


def format_delta(delta: float, rough: bool = False, decimals: int | None = None) -> str:
    """A change as ``format_change`` writes it, from the difference itself."""
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    return f"{'≈' if rough else ''}{sign}{format_number(abs(delta), decimals)}"

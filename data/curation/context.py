"""Context figures: each city's homicide counts by year and to its launch, from the context CSV.

One figure per (city, metric); its primary is chosen by the rules below (``data/README.md``
states them for readers) and every other row of the CSV is kept as an alternate with its own
definition, note and, when it differs, period. Each count gets a **basis**, a short label of
what kind of count it is (police count of all homicides, of murders, a medical examiner's,
one news outlet's own ...): counts on the same basis compare like with like, so only a different
value on the same basis and period is a dispute.

Primary, the first row by:
1. the period: for a calendar-year metric a count of the whole year before a count "as of"
   a day in it; for a count to the launch, a count to a day within two weeks of the city's
   launch date (before or after) before one further away;
2. a final count before one the page calls preliminary or not final;
3. the basis: police (or city, DOJ) count of all homicides, then of murders or criminal
   homicides, then the medical examiner's, the FBI's, a news outlet's own count, a count whose
   counter or definition is not stated, and a county-wide count last;
4. the period's end nearest the year's end or the launch (on a tie, the day before it);
5. an official page (justice.gov) before the press;
6. a count the page calls revised, then the most recently published page (the latest
   revision), undated pages after dated ones;
7. the value most rows agree on, then the URL, so ties always break the same way.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from curation.errors import CurationError
from curation.facts import QUALIFIERS, read_csv

CONTEXT_CSV = "city_homicides_context.csv"
COLUMNS = (
    "period",
    "city",
    "state",
    "metric",
    "value",
    "qualifier",
    "source_url",
    "publisher",
    "published_date",
    "definition",
    "note",
)
#: The metric whose period runs from 1 Jan to a day near the launch; the others are years.
_TO_DATE = re.compile(r"_ytd$")
_YEAR = re.compile(r"\d{4}")
_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})")
_MONTH = re.compile(r"(\d{4}-\d{2})(?!-\d)")

#: Bases (what kind of count a row is), in the order a primary is preferred (rule 3). A news
#: outlet's own tally is named after the outlet: two outlets' tallies are different counts.
POLICE_ALL = "police count of all homicides"
POLICE_MURDERS = "police count of murders or criminal homicides"
EXAMINER = "medical examiner's count"
FBI = "FBI count of murders (UCR)"
NOT_STATED = "counter or definition not stated"
COUNTY = "medical examiner's count for the whole county"
_OUTLET = "own count"  # the tail of every outlet's basis: "The Kansas City Star's own count"
_OUTLETS: tuple[tuple[str, str], ...] = (
    (r"\bStar (count|database|data)\b|Star count", "The Kansas City Star"),
    (r"Sun-Times", "the Chicago Sun-Times"),
    (r"Journal Sentinel", "the Milwaukee Journal Sentinel"),
    (r"Journal count|\(Journal/", "the Albuquerque Journal"),
    (r"cleveland\.com", "cleveland.com"),
    (r"KRQE count", "KRQE"),
    (r"WOIO tally", "WOIO (Cleveland 19)"),
    (r"CNN count", "CNN"),
    (r"IndyStar analysis", "The Indianapolis Star"),
    (r"\bblog\b", "a blog"),
    (r"count reported by station", "a TV station"),
)
#: (basis, pattern), tried in this order on the definition column; the first match wins.
_BASIS_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (COUNTY, re.compile(r"whole county", re.IGNORECASE)),
    (EXAMINER, re.compile(r"medical examiner", re.IGNORECASE)),
    (FBI, re.compile(r"^FBI\b")),  # not "Cleveland Police; follows FBI UCR" (a police count)
    *((f"{name}'s {_OUTLET}", re.compile(pattern)) for pattern, name in _OUTLETS),
    # "homicides (301 murders)": the word and a breakdown, but no counter.
    (NOT_STATED, re.compile(r"^homicides\b")),
    # "MPD homicides (all categories); of which 290 murders", "IMPD total homicides (murders:
    # 152)": a total that names its murders is a count of all homicides.
    (
        POLICE_ALL,
        re.compile(
            r"total homicides|all categories|includes murders",
            re.IGNORECASE,
        ),
    ),
    (
        POLICE_MURDERS,
        re.compile(r"murder|criminal homicide|intentional homicide", re.IGNORECASE),
    ),
    (
        POLICE_ALL,
        re.compile(
            r"police|\b(K?C|A|D|IM|M|SLM)PD\b|\bCity of\b|official|crime statistics|"
            r"U\.S\. Attorney|\bDOJ\b|MCCA|Mayor|Homicide Review",
            re.IGNORECASE,
        ),
    ),
)


def basis_rank(basis: str) -> int:
    """Rule 3's order: police (all, then murders), examiner, FBI, outlets, unstated, county."""
    order = (POLICE_ALL, POLICE_MURDERS, EXAMINER, FBI)
    if basis in order:
        return order.index(basis)
    if basis.endswith(_OUTLET):
        return len(order)
    return len(order) + 1 + (basis == COUNTY)


#: A count its page calls preliminary or not yet final (rule 2).
_PRELIMINARY = re.compile(
    r"prelim|not final|possibly before|likely to go up|could change", re.IGNORECASE
)
_REVISED = re.compile(r"\brevised\b", re.IGNORECASE)
#: A count to a day this close to the launch (before or after) counts as "to the launch".
NEAR_LAUNCH_DAYS = 14


@dataclass(frozen=True, slots=True)
class ContextRow:
    """One count of the context CSV, read and checked."""

    line: int
    city: str
    metric: str
    start: date
    end: date
    value: int
    qualifier: str
    url: str
    publisher: str
    published: str  # the page's full date, "" when it shows none
    published_note: str  # "" or what the CSV says about a partial date
    definition: str
    note: str
    basis: str

    @property
    def full_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)

    @property
    def preliminary(self) -> bool:
        return bool(_PRELIMINARY.search(self.definition) or _PRELIMINARY.search(self.note))


def basis_of(definition: str) -> str:
    """The kind of count a definition describes (see ``_BASIS_PATTERNS``)."""
    for basis, pattern in _BASIS_PATTERNS:
        if pattern.search(definition):
            return basis
    return NOT_STATED


def _period(text: str, metric: str, where: str) -> tuple[date, date]:
    """``2019`` is the calendar year; a day is "1 Jan of its year to that day"."""
    if _YEAR.fullmatch(text):
        year = int(text)
        return date(year, 1, 1), date(year, 12, 31)
    try:
        end = date.fromisoformat(text)
    except ValueError:
        raise CurationError(f"{where}: unreadable period {text!r}") from None
    if not _TO_DATE.search(metric) and not metric.endswith(str(end.year)):
        raise CurationError(f"{where}: period {text} is outside the year of {metric}")
    return date(end.year, 1, 1), end


def _published(text: str) -> tuple[str, str]:
    """The page's full date and, when the CSV gives less or more than a date, a note."""
    day = _DAY.match(text)
    if day:
        extra = text[day.end() :].strip()
        return day.group(1), (f"Publication date as the facts give it: {text}." if extra else "")
    month = _MONTH.match(text)
    if month:
        return "", f"The page gives only the month of publication ({text})."
    if text:
        raise CurationError(f"unreadable published date {text!r}")
    return "", ""


def read_context_rows(path: Path) -> list[ContextRow]:
    """Every row of the context CSV, checked: a city, a metric, a period, a whole count."""
    rows: list[ContextRow] = []
    raw_rows = read_csv(path)
    for number, raw in enumerate(raw_rows, start=2):
        where = f"{path.name}:{number}"
        if tuple(raw) != COLUMNS:
            raise CurationError(f"{where}: the columns must be {', '.join(COLUMNS)}")
        value = raw["value"].strip()
        if not value.isdigit():
            raise CurationError(f"{where}: value {value!r} is not a whole count")
        qualifier = raw["qualifier"].strip()
        if qualifier not in QUALIFIERS:
            raise CurationError(f"{where}: unknown qualifier {qualifier!r}")
        url = raw["source_url"].strip()
        if not url.startswith(("http://", "https://")):
            raise CurationError(f"{where}: a row needs an http(s) source_url")
        metric = raw["metric"].strip()
        start, end = _period(raw["period"].strip(), metric, where)
        published, published_note = _published(raw["published_date"].strip())
        definition = raw["definition"].strip()
        if not definition:
            raise CurationError(f"{where}: a row needs its source's definition")
        rows.append(
            ContextRow(
                line=number,
                city=raw["city"].strip(),
                metric=metric,
                start=start,
                end=end,
                value=int(value),
                qualifier=QUALIFIERS[qualifier],
                url=url,
                publisher=raw["publisher"].strip(),
                published=published,
                published_note=published_note,
                definition=definition,
                note=raw["note"].strip(),
                basis=basis_of(definition),
            )
        )
    return rows


def rank_key(
    row: ContextRow, launch: date, kinds: dict[str, str], agreement: Counter[int]
) -> tuple[Any, ...]:
    """Sort key of a row as its figure's primary: the smallest wins (rules 1–7)."""
    if _TO_DATE.search(row.metric):
        days = abs((row.end - launch).days)
        fit, distance = days > NEAR_LAUNCH_DAYS, (days, row.end > launch)
    else:
        fit, distance = not row.full_year, ((date(row.end.year, 12, 31) - row.end).days, False)
    published = (0, -date.fromisoformat(row.published).toordinal()) if row.published else (1, 0)
    return (
        fit,
        row.preliminary,
        basis_rank(row.basis),
        distance,
        kinds[row.url] != "official",
        not _REVISED.search(row.definition),
        published,
        -agreement[row.value],
        row.url,
    )


def _period_entry(row: ContextRow) -> dict[str, str]:
    return {"start": row.start.isoformat(), "end": row.end.isoformat()}


def _count(row: ContextRow, source: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "value": row.value,
        "qualifier": row.qualifier,
        "source": source,
        "definition": row.definition,
        "basis": row.basis,
    }
    if row.note:
        entry["note"] = row.note
    return entry


def build_context(
    rows: list[ContextRow],
    city_ids: dict[str, str],
    launches: dict[str, str],
    metric_order: dict[str, int],
    ids: dict[str, str],
    kinds: dict[str, str],
) -> list[dict[str, Any]]:
    """One figure per (city, metric), cities in launch order, metrics in menu order; every
    row of the CSV is its primary or one of its alternates."""
    groups: dict[tuple[str, str], list[ContextRow]] = defaultdict(list)
    for row in rows:
        if row.city not in city_ids:
            raise CurationError(f"{CONTEXT_CSV}:{row.line}: unknown city {row.city!r}")
        if row.metric not in metric_order:
            raise CurationError(f"{CONTEXT_CSV}:{row.line}: metric {row.metric!r} undefined")
        groups[(row.city, row.metric)].append(row)
    city_order = {name: n for n, name in enumerate(city_ids)}
    figures: list[dict[str, Any]] = []
    for city, metric in sorted(groups, key=lambda k: (city_order[k[0]], metric_order[k[1]])):
        group = groups[(city, metric)]
        launch = date.fromisoformat(launches[city])
        agreement = Counter(row.value for row in group)
        ordered = sorted(group, key=lambda row: rank_key(row, launch, kinds, agreement))
        primary, others = ordered[0], ordered[1:]
        figure: dict[str, Any] = {
            "city": city_ids[city],
            "metric": metric,
            "period": _period_entry(primary),
        }
        figure |= _count(primary, ids[primary.url])
        alternates = []
        for row in others:
            alternate = _count(row, ids[row.url])
            if (row.start, row.end) != (primary.start, primary.end):
                alternate["period"] = _period_entry(row)
            alternates.append(alternate)
        if alternates:
            figure["alternates"] = alternates
        figures.append(figure)
    return figures

"""Ranking the reports of one figure: the primary by rule, every other report kept."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from curation.facts import ISO_DATE, Row
from curation.sources import LOCAL_OUTLETS

#: A row whose note says it gives the DOJ or USAO count ("DOJ release for ...", "USAO-WDMO
#: update; ...") rather than a speaker's remark or the outlet's own tally.
_QUOTES_RELEASE = re.compile(r"(DOJ|USAO)\b")
#: A row the researchers flagged as the side that disagrees with the official count.
_DISSENT = re.compile(r"^CONFLICT|CONFLICTS? with [^;]*\b(DOJ|USAO)\b", re.IGNORECASE)
#: A page dated this long after the announcement is a late repost (its.network, 2022), not
#: the first report of the figure.
LATE_REPOST = timedelta(days=90)


def rank(row: Row, agreement: Counter[tuple[int | float, str]], kind: str) -> tuple[Any, ...]:
    """Sort key of a row as the primary of its figure: the smallest key wins.

    1. the Justice Department's own page, then a reprint of its release, then the press;
    2. a report the researchers flagged as disagreeing with the official count comes last;
    3. for a city figure, an outlet of that city (or a copy of its story) before others;
    4. a row whose note says it gives the DOJ/USAO count before a remark or own tally;
    5. the (value, qualifier) most sources agree on;
    6. an exact number before a rounded or bounded one;
    7. the earliest dated page; undated pages after those, and pages dated long after the
       announcement (late reposts) after the undated ones;
    8. the URL, so ties always break the same.
    """
    kind_rank = {"official": 0, "reprint": 1}.get(kind, 2)
    dissent = 1 if _DISSENT.search(row.note) else 0
    local = 0 if row.scope == "national" or LOCAL_OUTLETS.get(row.publisher) == row.city else 1
    quotes_release = 0 if _QUOTES_RELEASE.match(row.note) else 1
    if not ISO_DATE.fullmatch(row.published):
        published: tuple[int, str] = (1, "")
    elif date.fromisoformat(row.published) - date.fromisoformat(row.snapshot) > LATE_REPOST:
        published = (2, row.published)
    else:
        published = (0, row.published)
    return (
        kind_rank,
        dissent,
        local,
        quotes_release,
        -agreement[(row.value, row.qualifier)],
        0 if row.qualifier == "exact" else 1,
        published,
        row.url,
    )


def build_figure(
    rows: Sequence[Row], ids: dict[str, str], kinds: dict[str, str], city: str | None
) -> dict[str, Any]:
    """One figure from all rows of its (snapshot, scope, city, metric), none dropped."""
    agreement = Counter((row.value, row.qualifier) for row in rows)
    ordered = sorted(rows, key=lambda row: rank(row, agreement, kinds[row.url]))
    primary, others = ordered[0], ordered[1:]
    figure: dict[str, Any] = {"scope": primary.scope}
    if city is not None:
        figure["city"] = city
    figure |= {
        "metric": primary.metric,
        "value": primary.value,
        "qualifier": primary.qualifier,
        "source": ids[primary.url],
    }
    if primary.note:
        figure["note"] = primary.note
    corroborated: list[str] = []
    alternates: list[dict[str, Any]] = []
    for row in others:
        source = ids[row.url]
        if (row.value, row.qualifier) == (primary.value, primary.qualifier):
            if source != figure["source"] and source not in corroborated:
                corroborated.append(source)
            continue
        alternate: dict[str, Any] = {
            "value": row.value,
            "qualifier": row.qualifier,
            "source": source,
        }
        if row.note:
            alternate["note"] = row.note
        alternates.append(alternate)
    if corroborated:
        figure["corroborated_by"] = corroborated
    if alternates:
        figure["alternates"] = alternates
    return figure

"""Ranking the reports of one figure: the primary by rule, every other report kept.

The rules, in the order they are tried (``data/README.md`` states them for readers):

1. a figure announced at the event before a preview written ahead of it or a repeated
   earlier count;
2. a row the researchers flagged as disagreeing with the official count after the others;
3. a speaker's quoted remark after the counts (even in a reprint of the release);
4. a row that kept the framing of the count it quotes before one whose page dropped it;
5. the Justice Department's own page, then a reprint of its release, then the press;
6. for a city figure, an outlet of that city (or a copy of its story) before others;
7. a row whose note says it gives the DOJ or USAO count before the outlet's own tally;
8. the (value, qualifier) most sources agree on;
9. an exact number before a rounded or bounded one;
10. the earliest dated page; undated pages after those, and pages dated long after the
    announcement (late reposts) after the undated ones;
11. the URL, so ties always break the same.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from curation.facts import DROPPED_QUALIFIER
from curation.row import ISO_DATE, Row
from curation.sources import LOCAL_OUTLETS

#: A page written before the event it announces ("WGN pre-conference summary of earlier DOJ
#: numbers"): every number on it is an earlier count, whatever its own row's note says.
_PREVIEW_PAGE = re.compile(r"pre-conference|\bpreview\b", re.IGNORECASE)
#: A row that repeats an older figure ("CONFLICT/stale: repeats the Aug. 31 firearm figure").
_STALE = re.compile(r"\bstale\b|\brepeats the\b[^;]*\bfigure\b", re.IGNORECASE)
#: A row the researchers flagged as the side that disagrees with the official count.
_DISSENT = re.compile(r"^CONFLICT|CONFLICTS? with [^;]*\b(DOJ|USAO)\b", re.IGNORECASE)
#: A row whose note says it gives the DOJ or USAO count ("DOJ release for ...", "USAO-WDMO
#: update; ...") rather than the outlet's own tally.
_QUOTES_RELEASE = re.compile(r"(DOJ|USAO)\b")
#: A speaker's words, even when printed in a reprint of the release ("Garrison remark: ...").
_REMARK = re.compile(r"\bremarks?\b", re.IGNORECASE)
#: A page dated this long after the announcement is a late repost (its.network, 2022), not
#: the first report of the figure.
LATE_REPOST = timedelta(days=90)
_KIND_ORDER = {"official": 0, "reprint": 1}


def preview_pages(rows: Iterable[Row]) -> frozenset[str]:
    """URLs of pages that any of their rows' notes call a preview of the event."""
    return frozenset(row.url for row in rows if _PREVIEW_PAGE.search(row.note))


@dataclass(frozen=True, slots=True)
class Ranker:
    """What ranking needs to know about pages: their kind and which ones are previews."""

    kinds: dict[str, str]  # url → official / reprint / news
    previews: frozenset[str]

    def key(self, row: Row, agreement: Counter[tuple[int | float, str]]) -> tuple[Any, ...]:
        """Sort key of a row as the primary of its figure: the smallest key wins."""
        kind = self.kinds[row.url]
        earlier = row.url in self.previews or bool(_STALE.search(row.note))
        local = row.scope == "national" or LOCAL_OUTLETS.get(row.publisher) == row.city
        if not ISO_DATE.fullmatch(row.published):
            published: tuple[int, str] = (1, "")
        elif date.fromisoformat(row.published) - date.fromisoformat(row.snapshot) > LATE_REPOST:
            published = (2, row.published)
        else:
            published = (0, row.published)
        return (
            earlier,
            bool(_DISSENT.search(row.note)),
            bool(_REMARK.search(row.note)),
            bool(DROPPED_QUALIFIER.search(row.note)),
            _KIND_ORDER.get(kind, 2),
            not local,
            not _QUOTES_RELEASE.match(row.note),
            -agreement[(row.value, row.qualifier)],
            row.qualifier != "exact",
            published,
            row.url,
        )


def build_figure(
    rows: Sequence[Row], ids: dict[str, str], ranker: Ranker, city: str | None
) -> dict[str, Any]:
    """One figure from all rows of its (snapshot, scope, city, metric), none dropped."""
    agreement = Counter((row.value, row.qualifier) for row in rows)
    ordered = sorted(rows, key=lambda row: ranker.key(row, agreement))
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
    corroborated: list[dict[str, Any]] = []
    alternates: list[dict[str, Any]] = []
    for row in others:
        source = ids[row.url]
        if (row.value, row.qualifier) == (primary.value, primary.qualifier):
            if source != figure["source"] and all(c["source"] != source for c in corroborated):
                corroboration: dict[str, Any] = {"source": source}
                if row.note:
                    corroboration["note"] = row.note
                corroborated.append(corroboration)
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

"""Sources: one entry per page of the facts, with a readable id and a kind."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from curation.errors import CurationError
from curation.row import ISO_DATE, Row

#: Hosts whose pages are the Justice Department's own (DOJ, its U.S. Attorney's Offices and
#: components such as the DEA and the Office of Justice Programs): first-hand figures.
OFFICIAL_HOSTS = ("justice.gov", "ojp.gov", "dea.gov")
#: A publisher that says it carries a DOJ or USAO release verbatim.
_REPRINT_OF_RELEASE = re.compile(r"\b(reprint|repost)\b[^)]*\b(DOJ|USAO)", re.IGNORECASE)
_YEAR_MONTH = re.compile(r"\d{4}-\d{2}")

#: Outlets that cover one city as their home market, and copies of their stories. For a city
#: figure these are the most specific sources. Blogs, national and out-of-market outlets are
#: deliberately absent.
LOCAL_OUTLETS: dict[str, str] = {
    "KCUR 89.3 (Kansas City Public Radio)": "Kansas City",
    "The Kansas City Star": "Kansas City",
    "The Kansas City Star (via kiji.is syndication)": "Kansas City",
    "FOX4 Kansas City (WDAF)": "Kansas City",
    "KCTV5": "Kansas City",
    "KSHB 41 Kansas City": "Kansas City",
    "Iola Register (KCUR story)": "Kansas City",
    "TonysKansasCity (reprint of USAO-WDMO release)": "Kansas City",
    "Chicago Tribune": "Chicago",
    "ABC7 Chicago": "Chicago",
    "NBC Chicago": "Chicago",
    "WGN-TV": "Chicago",
    "FOX 32 Chicago": "Chicago",
    "inkl (Chicago Sun-Times story)": "Chicago",
    "KRQE News 13": "Albuquerque",
    "Cleveland 19 News (WOIO)": "Cleveland",
    "News 5 Cleveland (WEWS)": "Cleveland",
    "WTAM 1100 (iHeartMedia)": "Cleveland",
    "fullcourtgreta.com (reprint of Cleveland 19/WOIO story)": "Cleveland",
    "Detroit Free Press": "Detroit",
    "The Detroit News": "Detroit",
    "WXYZ Detroit": "Detroit",
    "Milwaukee Journal Sentinel": "Milwaukee",
    "FOX6 News Milwaukee": "Milwaukee",
    "TMJ4 News": "Milwaukee",
    "KMOV 4 St. Louis": "St. Louis",
    "KSDK 5 On Your Side": "St. Louis",
    "FOX 2 St. Louis (KTVI)": "St. Louis",
    "KTRS 550": "St. Louis",
    "STL.News (reprint of DOJ release)": "St. Louis",
    "Four States Homepage (Nexstar; FOX2 St. Louis story)": "St. Louis",
    "The Commercial Appeal (Memphis)": "Memphis",
    "Memphis Flyer": "Memphis",
    "WMC Action News 5": "Memphis",
    "WREG News Channel 3": "Memphis",
    "Indianapolis Star": "Indianapolis",
    "Indianapolis Star (via Bucyrus Telegraph-Forum syndication)": "Indianapolis",
    "FOX59 Indianapolis": "Indianapolis",
    "WISH-TV 8": "Indianapolis",
    "WTHR 13 News": "Indianapolis",
    "WRTV Indianapolis": "Indianapolis",
    "CBS4 Indianapolis": "Indianapolis",
    "WFYI Indianapolis": "Indianapolis",
    "The Indiana Lawyer": "Indianapolis",
}


@dataclass(slots=True)
class SourceInfo:
    url: str
    publisher: str
    published: str
    snapshots: set[str]


def slug(text: str) -> str:
    """Lower-case words joined by '-', punctuation dropped: ``St. Louis`` → ``st-louis``."""
    words = re.sub(r"[^a-z0-9\s-]", "", text.lower()).split()
    return re.sub(r"-+", "-", "-".join(words)).strip("-") or "x"


def source_kind(url: str, publisher: str) -> str:
    host = re.sub(r"^https?://", "", url).split("/", 1)[0].lower()
    if any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS):
        return "official"
    if _REPRINT_OF_RELEASE.search(publisher):
        return "reprint"
    return "news"


def collect_sources(rows: Iterable[Row]) -> dict[str, SourceInfo]:
    """One source per URL; a URL must always come with the same publisher and date."""
    sources: dict[str, SourceInfo] = {}
    for row in rows:
        info = sources.get(row.url)
        if info is None:
            sources[row.url] = SourceInfo(row.url, row.publisher, row.published, {row.snapshot})
            continue
        if (info.publisher, info.published) != (row.publisher, row.published):
            raise CurationError(
                f"line {row.line}: {row.url} appears with two publishers or dates "
                f"({info.publisher!r} {info.published!r} / {row.publisher!r} {row.published!r})"
            )
        info.snapshots.add(row.snapshot)
    return sources


def source_ids(sources: dict[str, SourceInfo]) -> dict[str, str]:
    """Readable ids: publisher (without its parenthesis) and date, '-2', '-3' on collisions."""
    base: dict[str, str] = {}
    for url, info in sources.items():
        publisher = re.sub(r"\s*\(.*\)\s*$", "", info.publisher) or info.publisher
        day = info.published if ISO_DATE.fullmatch(info.published) else min(info.snapshots)
        base[url] = f"{slug(publisher)}-{day}"
    ids: dict[str, str] = {}
    by_base: dict[str, list[str]] = defaultdict(list)
    for url in sorted(base):
        by_base[base[url]].append(url)
    for stem, urls in by_base.items():
        for n, url in enumerate(urls, start=1):
            ids[url] = stem if n == 1 else f"{stem}-{n}"
    return ids


def source_entries(sources: dict[str, SourceInfo], ids: dict[str, str]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for url, info in sources.items():
        entry: dict[str, Any] = {
            "id": ids[url],
            "publisher": info.publisher,
            "url": url,
            "published": info.published if ISO_DATE.fullmatch(info.published) else None,
            "kind": source_kind(url, info.publisher),
        }
        if _YEAR_MONTH.fullmatch(info.published):
            entry["note"] = f"The page gives only the month of publication ({info.published})."
        elif info.published and not ISO_DATE.fullmatch(info.published):
            raise CurationError(f"{url}: unreadable published date {info.published!r}")
        entries.append(entry)
    return entries

"""Which page of a publisher a source is, when its date cannot say: three undated KCTV5
stories must not all read "KCTV5, date not shown". The source's title where the data gives
one, else the wordiest part of its URL's path (a news site's slug names the story)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from legend_gui.model.schema import Source

_WORD = re.compile(r"[A-Za-z]{2,}")
_SEPARATORS = re.compile(r"[-_,.+\s]+")
_EXTENSION = re.compile(r"\.(html?|php|aspx?|jsp|pdf)$", re.IGNORECASE)
#: A path part longer than this is shown cut, ending in "…".
MAX_SLUG = 48


def page_name(source: Source) -> str:
    """The source's title, or the URL path's most word-like part (``…/operation-legend-update``);
    "" when neither tells anything (a bare domain)."""
    if source.title:
        return source.title
    try:
        path = urlsplit(source.url).path
    except ValueError:
        return ""
    parts = [_EXTENSION.sub("", unquote(part)) for part in path.split("/") if part]
    scored = [(_words(part), index, part) for index, part in enumerate(parts)]
    best = max(scored, default=(0, 0, ""))
    if best[0] == 0:
        return ""
    slug = best[2]
    return "…/" + (slug if len(slug) <= MAX_SLUG else slug[: MAX_SLUG - 1] + "…")


def _words(part: str) -> int:
    """How many real words a path part holds (``63-bde1387a-68a0`` holds none)."""
    return sum(1 for piece in _SEPARATORS.split(part) if _WORD.fullmatch(piece))

"""Text from a data file made safe to show: what a file may hold, and how the rest is shown.

A data file is written by someone else: a name can carry a terminal escape (``ESC[31m``
recolours the user's terminal), a bell, a line break that spreads one list row over three, or a
bidi override that makes "Port \\u202eruhtrA Harbor" read "Port Arthur Harbor" (the "Trojan
Source" trick, CVE-2021-42574). The schema refuses these with the patterns below; ``printable``
makes any text safe for a terminal, and ``isolate_rtl`` keeps right-to-left names from
reordering the text around them. Pure Python: no Qt.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters no text of a data file may hold, written as regex escapes so that the same
#: pattern serves pydantic (Rust regex), Python's ``re`` and the JSON Schema (ECMA-262):
#: - C0 controls U+0000–U+001F but the line feed, DEL U+007F and C1 controls U+0080–U+009F
#:   (U+009B is a one-character CSI to some terminals, U+0085 a line break to Qt and Python);
#: - bidi embeddings and overrides U+202A–U+202E, which display text in another order than its
#:   characters have;
#: - bidi isolates U+2066–U+2069: right-to-left letters carry their own direction, so no name
#:   needs one, and the app isolates right-to-left text itself (``isolate_rtl``): a stray PDI
#:   from the file would end that isolation early, and an isolate inside a name can still
#:   reorder its digits and punctuation.
_REFUSED = r"\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
#: Names, labels, units, titles, urls: one line, so also no line feed, line or paragraph
#: separator (a tab is a C0 control, refused above).
_REFUSED_ONE_LINE = r"\n\u2028\u2029" + _REFUSED

#: For the schema's ``pattern``: the whole value free of refused characters. ``\z``-style
#: anchors differ between engines; ``^…$`` means the whole text in Rust regex and ECMA-262
#: (pydantic matches with Rust regex, where ``$`` never matches before a final line feed).
ONE_LINE_PATTERN = rf"^[^{_REFUSED_ONE_LINE}]*$"
MULTI_LINE_PATTERN = rf"^[^{_REFUSED}]*$"

_FIRST_REFUSED = {
    ONE_LINE_PATTERN: re.compile(f"[{_REFUSED_ONE_LINE}]"),
    MULTI_LINE_PATTERN: re.compile(f"[{_REFUSED}]"),
}

#: Names for the characters a reader may not recognise by code point alone.
_CHARACTER_NAMES = {
    "\x00": "NUL",
    "\x07": "BEL, the bell",
    "\x08": "backspace",
    "\n": "line feed",
    "\r": "carriage return",
    "\x1b": "ESC, which starts terminal escape sequences",
    "\x7f": "DEL",
    "\x85": "NEL, next line",
    "\x9b": "CSI, a terminal command",
}
_LINE_BREAKS = frozenset("\n\u2028\u2029")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def refusal(value: object, pattern: object) -> str | None:
    """Why ``value`` failed ``pattern``, one of this module's patterns; ``None`` for another.

    For the loader's messages: "has a control character (U+001B, ESC, ...) at character 5".
    """
    finder = _FIRST_REFUSED.get(pattern) if isinstance(pattern, str) else None
    found = finder.search(value) if finder is not None and isinstance(value, str) else None
    if found is None:
        return None
    char = found.group()
    position = f"at character {found.start() + 1:,}"
    if char == "\t":
        return f"has a tab (U+0009) {position}; text in a data file takes no tabs: use a space"
    where = f"(U+{ord(char):04X}, {_character_name(char)}) {position}"
    if char in _LINE_BREAKS:
        return (
            f"has a line break {where}; names, labels and other one-line fields must be one "
            "line (use a space)"
        )
    if char in _BIDI_CONTROLS:
        return (
            f"has a bidi control {where}: it can make text display in another order than it is "
            "written; remove it (right-to-left text needs none, its letters give its direction)"
        )
    return f"has a control character {where}; text in a data file must not hold one: remove it"


def _character_name(char: str) -> str:
    return _CHARACTER_NAMES.get(char) or unicodedata.name(char, "a control character").lower()


def printable(text: str, limit: int | None = None) -> str:
    """``text`` safe for a terminal and on one line: what would not print is escaped.

    ESC shows as ``\\x1b``, a line feed as ``\\n``, U+202E as ``\\u202e``: no control, bidi or
    other invisible character is ever written raw. Printable text of any script (Hebrew and
    Arabic included) is kept. With ``limit``, at most that many characters, ending in "…" when
    cut (after a whole escape).
    """
    head = text if limit is None else text[: limit + 1]
    pieces = [head] if head.isprintable() else [_escaped(char) for char in head]
    shown = "".join(pieces)
    if limit is None or len(shown) <= limit:
        return shown
    if len(pieces) == 1:
        return shown[: limit - 1] + "…"
    kept, length = [], 0
    for piece in pieces:  # whole escapes only: "\x1b…", never "\x…"
        length += len(piece)
        if length > limit - 1:
            break
        kept.append(piece)
    return "".join(kept) + "…"


def _escaped(char: str) -> str:
    if char.isprintable():
        return char
    code = ord(char)
    if char in "\t\n\r":
        return {"\t": "\\t", "\n": "\\n", "\r": "\\r"}[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


#: Unicode's strong right-to-left bidi classes: Hebrew-like (R) and Arabic-like (AL) letters.
_STRONG_RTL = frozenset({"R", "AL"})
#: FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (Unicode bidi algorithm, UAX #9).
FSI = "\u2068"
PDI = "\u2069"


def has_strong_rtl(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, ...)."""
    if text.isascii():  # the common case, at C speed
        return False
    bidirectional = unicodedata.bidirectional
    return any(bidirectional(char) in _STRONG_RTL for char in text)


def isolate_rtl(text: str) -> str:
    """``text`` wrapped in FSI … PDI when it holds right-to-left letters, else unchanged.

    For views that put data text among other text: "תל אביב, IL" would otherwise take a
    right-to-left paragraph direction from its first letter and show as "IL ,תל אביב", and a
    right-to-left name before a number can carry the number to its other side. Inside the
    isolate the name keeps its own order; outside, the text around it keeps its own.
    """
    return f"{FSI}{text}{PDI}" if has_strong_rtl(text) else text


#: Where a right-to-left stretch may end: a right-to-left letter or an Arabic digit (after it,
#: European digits and punctuation belong to the text around it: "הארץ (19 Aug 2020)").
_RUN_END = frozenset({"R", "AL", "AN", "NSM"})
#: A stretch stops at a left-to-right letter and at a line break (each line is a paragraph).
_RUN_STOP = frozenset({"L", "B"})
_CLOSING = {"(": ")", "[": "]", "{": "}", "«": "»", "‹": "›"}


def isolate_rtl_runs(text: str) -> str:
    """Each right-to-left stretch of ``text`` wrapped in FSI … PDI; left-to-right text as is.

    For text a view composes from data and its own words ("תל אביב-יפו, IL (5th)", "Sources:
    הארץ (19 Aug 2020)"): isolating only the names would need the parts, and isolating the
    whole line would turn it around. A stretch runs from a right-to-left letter to the last
    right-to-left letter or Arabic digit before the next left-to-right letter, with the closing
    brackets of what it opened. Text already holding an isolate (``isolate_rtl``) is returned
    unchanged: a data file cannot hold one (``_REFUSED``), so it was isolated already.
    """
    if not has_strong_rtl(text) or FSI in text:
        return text
    bidirectional = unicodedata.bidirectional
    pieces: list[str] = []
    start, length = 0, len(text)
    while start < length:
        if bidirectional(text[start]) not in _STRONG_RTL:
            pieces.append(text[start])
            start += 1
            continue
        end = scan = start
        while scan < length and bidirectional(text[scan]) not in _RUN_STOP:
            if bidirectional(text[scan]) in _RUN_END:
                end = scan
            scan += 1
        end = _after_closing_brackets(text, start, end + 1)
        pieces.append(f"{FSI}{text[start:end]}{PDI}")
        start = end
    return "".join(pieces)


def _after_closing_brackets(text: str, start: int, end: int) -> int:
    """``end`` moved past the brackets that close what ``text[start:end]`` opened, when they
    follow with no letter between (an isolate must not split a pair of brackets)."""
    expected: list[str] = []
    for char in text[start:end]:
        if char in _CLOSING:
            expected.append(_CLOSING[char])
        elif expected and char == expected[-1]:
            expected.pop()
    while expected:
        scan = end
        while scan < len(text) and text[scan] != expected[-1]:
            if unicodedata.bidirectional(text[scan]) in {"L", "R", "AL", "B"}:
                return end
            scan += 1
        if scan == len(text):
            return end
        end = scan + 1
        expected.pop()
    return end

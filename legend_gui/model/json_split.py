"""A large data file's bytes cut into pieces pydantic can validate one at a time, without
parsing them in Python: the long arrays (cities, figures, context) in chunks of whole elements,
and the small rest (the "skeleton", those arrays left empty).

Nothing here decides that a file is sound. Cuts are found by cheap byte searches and may be
wrong (a ``},{`` inside a string, say); a wrong cut leaves a piece that is not valid JSON, and
the caller then falls back to the strict loader. The argument, for a cut at a structural
comma: ``{"`` never occurs inside a JSON string (a quote there is escaped), so a piece that
starts after such a comma and parses on its own tokenizes exactly as it does in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

#: A key whose array may hold many elements: ``"cities": [``, ``"figures": [``, ...
_LONG_ARRAY = re.compile(rb'"(cities|figures|context)"[ \t\r\n]*:[ \t\r\n]*\[')
_BETWEEN_OBJECTS = re.compile(rb"\}[ \t\r\n]*,[ \t\r\n]*\{")
_WHITESPACE = b" \t\r\n"
#: Keys written with blanks before the colon (``"id" :``) are not counted by ``key_counts``.
_SPACED_KEY = re.compile(rb'"[ \t\r\n]+:')


class LongArray(NamedTuple):
    """The array of ``key``: ``raw[start]`` is its ``[``, ``raw[end]`` its ``]``."""

    key: str
    start: int
    end: int


class Unsplittable(Exception):
    """The cheap searches cannot cut this file: let the strict loader read it whole."""


def long_arrays(raw: bytes) -> list[LongArray]:
    """The long arrays of ``raw`` in file order (none nested in another)."""
    found: list[LongArray] = []
    position = 0
    while True:
        match = _LONG_ARRAY.search(raw, position)
        if match is None:
            return found
        if match.start() > 0 and raw[match.start() - 1] == ord("\\"):
            raise Unsplittable  # the key ends in an escaped quote: an odd key, read strictly
        start = match.end() - 1
        end = _array_end(raw, start)
        found.append(LongArray(match[1].decode("ascii"), start, end))
        position = end + 1


def _array_end(raw: bytes, start: int) -> int:
    """The ``]`` closing the array of objects opened at ``raw[start]``."""
    first = start + 1
    while first < len(raw) and raw[first] in _WHITESPACE:
        first += 1
    if first < len(raw) and raw[first] == ord("]"):
        return first
    # Brackets counted from one to the next: the arrays nested in the elements (alternates)
    # are few, so this is a few thousand ``find`` calls in C (≈15 ms at 100,000 cities).
    end = _closing_bracket(raw, start)
    if end >= 0 and _after_brace(raw, end):
        return end
    # The first "]" after a "}" at which the braces balance: an object's nested array
    # (alternates) ends in "}]" too, but inside that object. (A byte search, not a regular
    # expression: ``find`` skips megabytes in C.) Slower (a count at each nested array's end):
    # for a file whose strings hold brackets that the count above took for the array's.
    depth = _Depth(raw, first)
    position = raw.find(b"]", first)
    while position >= 0:
        if _after_brace(raw, position) and depth.balanced_at(position):
            return position
        position = raw.find(b"]", position + 1)
    raise Unsplittable


def _closing_bracket(raw: bytes, start: int) -> int:
    """The ``]`` matching the ``[`` at ``raw[start]`` by a count of brackets (-1: none)."""
    find = raw.find
    depth = 1
    position = start + 1
    next_open = find(b"[", position)
    while True:
        close = find(b"]", position)
        if close < 0:
            return -1
        while 0 <= next_open < close:
            depth += 1
            next_open = find(b"[", next_open + 1)
        depth -= 1
        if depth == 0:
            return close
        position = close + 1


def _after_brace(raw: bytes, position: int) -> bool:
    """Whether the last byte before ``position`` that is not a blank is ``}``."""
    before = position - 1
    while before >= 0 and raw[before] in _WHITESPACE:
        before -= 1
    return before >= 0 and raw[before] == ord("}")


class _Depth:
    """Braces opened minus closed from ``start``, counted forward in C. (Brackets need no
    count: the format has no array directly inside an array, so a cut inside an object's
    nested array is inside that object, and its braces do not balance.)"""

    def __init__(self, raw: bytes, start: int) -> None:
        self._raw = raw
        self._at = start
        self._open = 0

    def balanced_at(self, position: int) -> bool:
        raw, at = self._raw, self._at
        self._open += raw.count(b"{", at, position) - raw.count(b"}", at, position)
        self._at = position
        return self._open == 0


def chunks(raw: bytes, array: LongArray, size: int) -> Iterator[bytes]:
    """The array's elements as JSON arrays of about ``size`` bytes each."""
    start = array.start + 1
    end = array.end
    if not raw[start:end].strip(_WHITESPACE):
        return
    view = memoryview(raw)
    while end - start > size:
        cut = _cut_after(raw, start, start + size, end)
        if cut is None:
            break
        yield b"".join((b"[", view[start:cut], b"]"))  # one copy of the piece, not three
        start = cut + 1
    yield b"".join((b"[", view[start:end], b"]"))


def _cut_after(raw: bytes, start: int, target: int, end: int) -> int | None:
    """The first comma between two elements after ``target`` (``None``: none before ``end``).

    A ``},{`` between the objects of an array nested in an element (alternates) is passed
    over: there the last ``[`` before it, found by a short search back, is not yet closed.
    """
    for match in _BETWEEN_OBJECTS.finditer(raw, target, end):
        brace = match.start() + 1
        opened = raw.rfind(b"[", start, brace)
        if opened < 0 or raw.find(b"]", opened, brace) >= 0:
            return raw.index(b",", brace)
    return None


def skeleton(raw: bytes, arrays: list[LongArray]) -> bytes:
    """``raw`` with every long array emptied (``"cities": []``)."""
    parts = []
    position = 0
    for array in arrays:
        parts.append(raw[position : array.start + 1])
        position = array.end
    parts.append(raw[position:])
    return b"".join(parts)


def holds_keys(chunk: bytes, keys: int) -> bool:
    """Whether the objects of ``chunk`` (valid JSON) are written with at most ``keys`` keys in
    all; ``False`` means they may hold more (or the cheap counts cannot tell).

    Every key is followed by a colon, so a chunk with no more colons than ``keys`` holds no
    more keys. Colons inside strings only make this say ``False`` when it need not; then keys
    are counted by their closing ``":`` (an escaped quote before a colon in a string is
    counted too: again only too many), unless some key has blanks before its colon.
    """
    if chunk.count(b":") <= keys:
        return True
    return chunk.count(b'":') <= keys and _SPACED_KEY.search(chunk) is None

"""Find where a JSON path sits in the text, so every problem can name a line and column.

pydantic knows only the path of a validation error (pydantic-core #187), and ``json`` reports
positions only for syntax errors. These small scanners walk the text without building values;
they run only when there is a problem to report, never on a good file's load.
"""

from __future__ import annotations

import json.decoder
import re
from collections.abc import Callable, Iterator, Sequence

PathStep = str | int

#: ``json``'s own string scanner (the C one where available): typeshed does not declare it.
scanstring: Callable[[str, int], tuple[str, int]] = vars(json.decoder)["scanstring"]

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"[^ \t\n\r,:\[\]{}\"]+")


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _skip_ws(text: str, index: int) -> int:
    match = _WHITESPACE.match(text, index)  # always matches: the pattern may be empty
    return match.end() if match else index


def _skip_value(text: str, index: int) -> int:
    """Index just past the JSON value that starts at ``index`` (iterative: no recursion)."""
    depth = 0
    while True:
        index = _skip_ws(text, index)
        char = text[index]
        if char == '"':
            index = scanstring(text, index + 1)[1]
        elif char in "[{":
            depth += 1
            index += 1
        elif char in "]}":
            depth -= 1
            index += 1
        elif char in ",:":
            index += 1
        else:
            match = _SCALAR.match(text, index)
            if match is None:
                raise ValueError(f"unexpected character at {index}")
            index = match.end()
        if depth == 0:
            return index


def offset_of(text: str, path: Sequence[PathStep]) -> int:
    """Offset of the value (or, for the last key of an object, the key) at ``path``.

    Where the path does not exist (a missing field, say) the nearest enclosing value's offset
    is returned, which is where a reader should look.
    """
    index = _skip_ws(text, 1 if text.startswith("\ufeff") else 0)
    try:
        for position, step in enumerate(path):
            is_last = position == len(path) - 1
            container = index
            if isinstance(step, int):
                if text[index] != "[":
                    return container
                index = _skip_ws(text, index + 1)
                for _ in range(step):
                    if text[index] == "]":
                        return container
                    index = _skip_ws(text, _skip_value(text, index))
                    if text[index] == ",":
                        index = _skip_ws(text, index + 1)
                if text[index] == "]":
                    return container
            else:
                if text[index] != "{":
                    return container
                index = _skip_ws(text, index + 1)
                while True:
                    if text[index] != '"':
                        return container
                    key_offset = index
                    key, index = scanstring(text, index + 1)
                    index = _skip_ws(text, index)
                    index = _skip_ws(text, index + 1)  # past ':'
                    if key == step:
                        if is_last:
                            return key_offset
                        break
                    index = _skip_ws(text, _skip_value(text, index))
                    if text[index] == ",":
                        index = _skip_ws(text, index + 1)
        return index
    except (IndexError, ValueError):
        return index


def _walk(text: str) -> Iterator[tuple[str, int, str, list[PathStep | None]]]:
    """Yield ``(kind, offset, token, path)`` for every token of the JSON in ``text``.

    ``kind`` is ``"{"``, ``"["``, ``"}"``, ``"]"``, ``"key"``, ``"string"`` or ``"scalar"``
    (numbers, ``true``, ``NaN`` ...). For a key, ``path`` is the enclosing object's path plus
    the previous key (or ``None``); for a value, its own path. ``path`` is the walker's working
    list: copy it to keep it. Stops quietly where the text stops being JSON.
    """
    index = _skip_ws(text, 1 if text.startswith("\ufeff") else 0)
    kinds: list[str] = []  # "{" or "[" per open container
    path: list[PathStep | None] = []
    expecting_key = False
    try:
        while index < len(text):
            char = text[index]
            if char in " \t\n\r:":
                index += 1
            elif char in "{[":
                yield char, index, char, path
                kinds.append(char)
                path.append(0 if char == "[" else None)
                expecting_key = char == "{"
                index += 1
            elif char in "]}":
                kinds.pop()
                path.pop()
                yield char, index, char, path
                expecting_key = False
                index += 1
            elif char == ",":
                if kinds and kinds[-1] == "[":
                    path[-1] = int(path[-1] or 0) + 1
                else:
                    expecting_key = True
                index += 1
            elif char == '"':
                start = index
                value, index = scanstring(text, index + 1)
                if expecting_key and kinds:
                    yield "key", start, value, path
                    path[-1] = value
                    expecting_key = False
                else:
                    yield "string", start, value, path
            else:
                match = _SCALAR.match(text, index)
                end = match.end() if match else index + 1
                yield "scalar", index, text[index:end], path
                index = end
    except (IndexError, ValueError):
        return


def first_duplicate_key(text: str) -> tuple[int, str, tuple[PathStep, ...]] | None:
    """Offset, name and enclosing path of the first key that repeats within its object."""
    keys: list[set[str] | None] = []  # keys seen, one set per open object (None for arrays)
    for kind, offset, token, path in _walk(text):
        if kind == "{":
            keys.append(set())
        elif kind == "[":
            keys.append(None)
        elif kind in ("]", "}"):
            keys.pop()
        elif kind == "key":
            seen = keys[-1]
            if seen is not None:
                if token in seen:
                    return offset, token, _steps(path[:-1])
                seen.add(token)
    return None


def first_scalar(
    text: str, predicate: Callable[[str], bool]
) -> tuple[int, str, tuple[PathStep, ...]] | None:
    """Offset, text and path of the first bare value (not a string) that ``predicate`` picks.

    Used to locate what ``json`` refuses without saying where: ``NaN``, ``Infinity`` and
    integers too long to convert.
    """
    for kind, offset, token, path in _walk(text):
        if kind == "scalar" and predicate(token):
            return offset, token, _steps(path)
    return None


def _steps(path: Sequence[PathStep | None]) -> tuple[PathStep, ...]:
    return tuple(step for step in path if step is not None)


def first_deep_offset(text: str, limit: int) -> int:
    """Offset of the first bracket nested deeper than ``limit`` (strings are skipped)."""
    depth = 0
    index = 0
    significant = re.compile(r'["\[\]{}]')
    while True:
        match = significant.search(text, index)
        if match is None:
            return 0
        index = match.start()
        char = text[index]
        if char == '"':
            try:
                index = scanstring(text, index + 1)[1]
            except ValueError:
                return index
            continue
        depth += 1 if char in "[{" else -1
        if depth > limit:
            return index
        index += 1

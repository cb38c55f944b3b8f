"""A data file's text parsed as strict JSON: one object, no repeated key, no ``NaN``, no
absurd nesting or number, and a format version this build can read.

Python's ``json`` accepts repeated keys (the last wins) and ``NaN``/``Infinity``; JSON has
neither, and a silently dropped figure is worse than a refusal. Positions come from ``jsonpos``.
"""

from __future__ import annotations

import gc
import json
import re
import sys
from typing import Any

from legend_gui.model.errors import DatasetError, Problem
from legend_gui.model.jsonpos import (
    first_deep_offset,
    first_duplicate_key,
    first_scalar,
    line_column,
    offset_of,
)
from legend_gui.model.jsonsyntax import syntax_message
from legend_gui.model.messages import dotted, shown
from legend_gui.model.text import printable
from legend_gui.model.vocab import SCHEMA_VERSION

#: Python's json refuses integers longer than this many digits (CVE-2020-10735 guard).
_MAX_INT_DIGITS = sys.get_int_max_str_digits() or 4300
#: Deeper nesting than this is never a Legend Viewer file; say so rather than recurse.
_MAX_DEPTH = 64
_LONG_INTEGER = re.compile(rf"-?[0-9]{{{_MAX_INT_DIGITS + 1},}}")


class _DuplicateKeyError(Exception):
    pass


class _NonFiniteError(Exception):
    """``NaN``, ``Infinity`` or ``-Infinity``: Python's json reads them, JSON has no such thing."""


def _reject_constant(name: str) -> float:
    raise _NonFiniteError(name)


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKeyError
    return result


def repeats_a_key(text: str | bytes) -> bool:
    """Whether some object in the JSON ``text`` holds one key twice (invalid JSON: ``True``
    too, so a caller in doubt reads the file strictly)."""
    try:
        json.loads(text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant)
    except (_DuplicateKeyError, _NonFiniteError, ValueError, RecursionError):
        return True
    return False


def parse_json(text: str, name: str) -> dict[str, Any]:
    """The JSON object in ``text``, or a ``DatasetError`` placing what is wrong."""
    # The parse makes millions of objects, nearly all untracked by the GC (dicts and lists of
    # strings and numbers) or garbage at once (each object's list of pairs), and the GC's passes
    # during it found nothing to collect (≈0.1 s at 100,000 cities): pause it. What the parse
    # leaves tracked (lists, dicts of dicts) is few and young.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        document = json.loads(
            text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as error:
        raise DatasetError(
            [Problem(name, syntax_message(error), line=error.lineno, column=error.colno)]
        ) from None
    except _DuplicateKeyError:
        raise DatasetError([_duplicate_key_problem(text, name)]) from None
    except _NonFiniteError as error:
        constant = str(error.args[0])
        found = first_scalar(text, constant.__eq__)
        offset, path = (found[0], found[2]) if found else (0, ())
        line, column = line_column(text, offset)
        raise DatasetError(
            [
                Problem(
                    name,
                    f"{constant} is not a number JSON allows; write a number, or leave "
                    "the figure out if it was not reported",
                    location=dotted(path),
                    line=line,
                    column=column,
                )
            ]
        ) from None
    except RecursionError:
        line, column = line_column(text, first_deep_offset(text, _MAX_DEPTH))
        raise DatasetError(
            [Problem(name, "the JSON is nested far too deeply", line=line, column=column)]
        ) from None
    except ValueError:  # integers beyond Python's digit limit
        raise DatasetError([_long_integer_problem(text, name)]) from None
    finally:
        if gc_was_enabled:
            gc.enable()
    if not isinstance(document, dict):
        kind = _json_kind(document)
        raise DatasetError(
            [
                Problem(
                    name,
                    f"the file holds a JSON {kind}; a data file is a JSON object",
                    line=1,
                    column=1,
                )
            ]
        )
    return document


def _duplicate_key_problem(text: str, name: str) -> Problem:
    found = first_duplicate_key(text)
    if found is None:  # pragma: no cover - the scanner and json agree on valid JSON
        return Problem(name, "a key appears twice in one object")
    offset, key, path = found
    line, column = line_column(text, offset)
    return Problem(
        name,
        f"the key '{printable(key, 80)}' appears twice in the same object",
        location=dotted(path),
        line=line,
        column=column,
    )


def _long_integer_problem(text: str, name: str) -> Problem:
    found = first_scalar(text, _is_long_integer)
    if found is None:
        return Problem(name, f"a number has more than {_MAX_INT_DIGITS:,} digits")
    offset, token, path = found
    line, column = line_column(text, offset)
    return Problem(
        name,
        f"a number with {len(token.lstrip('-')):,} digits is too long (at most "
        f"{_MAX_INT_DIGITS:,})",
        location=dotted(path),
        line=line,
        column=column,
    )


def _is_long_integer(token: str) -> bool:
    return _LONG_INTEGER.fullmatch(token) is not None


def _json_kind(value: object) -> str:
    """What a JSON reader calls ``value``'s type: object, array, string, number, ..."""
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "true/false value"
    if value is None:
        return "null"
    return "number"


def check_version(document: dict[str, Any], text: str, name: str) -> None:
    """Refuse a format version that is not a whole number, or newer than this build reads."""
    if "schema_version" not in document:
        return  # reported with the other missing fields
    version = document["schema_version"]
    line, column = line_column(text, offset_of(text, ["schema_version"]))
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DatasetError(
            [
                Problem(
                    name,
                    f"the format version must be a whole number such as {SCHEMA_VERSION} "
                    f"(found {shown(version)})",
                    location="schema_version",
                    line=line,
                    column=column,
                )
            ]
        )
    if version > SCHEMA_VERSION:
        raise DatasetError(
            [
                Problem(
                    name,
                    f"this file was made by a newer version of Legend Viewer (format version "
                    f"{version}; this version reads format {SCHEMA_VERSION}). Please update "
                    "Legend Viewer.",
                    location="schema_version",
                    line=line,
                    column=column,
                )
            ]
        )

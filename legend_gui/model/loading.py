"""Read a data file into a validated ``Dataset``, or raise one ``DatasetError`` that says why.

Order matters: size before reading, encoding before parsing, syntax before schema, schema
before cross-references. Nothing in a data file is ever executed: it is JSON, parsed by ``json``.
"""

from __future__ import annotations

import gc
import json
import math
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from legend_gui.model.errors import MAX_SHOWN_PROBLEMS, DatasetError, Problem
from legend_gui.model.jsonpos import (
    first_deep_offset,
    first_duplicate_key,
    first_scalar,
    line_column,
    offset_of,
)
from legend_gui.model.text import printable, refusal
from legend_gui.model.vocab import SCHEMA_VERSION

if TYPE_CHECKING:
    from pydantic import ValidationError

    from legend_gui.model.schema import Dataset

#: Refuse larger files before reading them: a real dataset of 100,000 cities is well under it,
#: and parsing a huge file would freeze the app and eat memory for nothing.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: More new objects than this made by a load (≈4,000 cities: about 16 GC-tracked objects per
#: city, the parsed JSON's and the dataset's) are collected at once: see ``_validate``.
_GC_YOUNG_LIMIT = 60_000
#: Python's json refuses integers longer than this many digits (CVE-2020-10735 guard).
_MAX_INT_DIGITS = sys.get_int_max_str_digits() or 4300
#: Deeper nesting than this is never a Legend Viewer file; say so rather than recurse.
_MAX_DEPTH = 64

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = "\ufeff"


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


class Document(NamedTuple):
    """A data file read and parsed as JSON, not yet validated (no pydantic needed so far)."""

    name: str
    text: str
    data: dict[str, Any]


def load_dataset(path: str | os.PathLike[str]) -> Dataset:
    """Load and validate the data file at ``path``."""
    name, text, data = read_document(path)
    # Nothing else holds the parsed JSON: the validation lets go of it before its final GC
    # pass, which then need not walk it.
    holder = [data]
    del data
    return _validate(name, text, holder)


def read_document(path: str | os.PathLike[str]) -> Document:
    """Stage one of loading: size, encoding and JSON syntax. Cheap to import and run."""
    name = os.fspath(path)
    text = _text(_read_bytes(path, name), name)  # the bytes are freed before the JSON parse
    return _document(text, name)


def _read_bytes(path: str | os.PathLike[str], name: str) -> bytes:
    file = Path(path)
    try:
        if file.is_dir():
            raise DatasetError([Problem(name, "this is a folder, not a data file")])
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DatasetError(
                [
                    Problem(
                        name,
                        f"the file is {size / 1024 / 1024:,.1f} MB; Legend Viewer opens data "
                        f"files of at most {MAX_FILE_BYTES // 1024 // 1024} MB",
                    )
                ]
            )
        with file.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise DatasetError([Problem(name, "no such file")]) from None
    except PermissionError:
        raise DatasetError([Problem(name, "permission denied: the file cannot be read")]) from None
    except IsADirectoryError:
        raise DatasetError([Problem(name, "this is a folder, not a data file")]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise DatasetError([Problem(name, f"the file cannot be read ({reason})")]) from None
    except ValueError:  # e.g. a NUL character in the name: no such file can exist
        raise DatasetError([Problem(name, "this is not a valid file name")]) from None
    return data


def parse_dataset(data: bytes, name: str = "<data>") -> Dataset:
    """Validate the bytes of a data file; ``name`` is used in messages."""
    return validate_document(parse_document(data, name))


def parse_document(data: bytes, name: str = "<data>") -> Document:
    """Decode and parse the bytes of a data file as JSON, checking its format version."""
    return _document(_text(data, name), name)


def _text(data: bytes, name: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise DatasetError(
            [Problem(name, f"more than {MAX_FILE_BYTES // 1024 // 1024} MB of data")]
        )
    return _decode(data, name)


def _document(text: str, name: str) -> Document:
    document = _parse_json(text, name)
    _check_version(document, text, name)
    return Document(name, text, document)


def validate_document(document: Document) -> Dataset:
    """Stage two: the schema, then the rules that need the whole dataset."""
    return _validate(document.name, document.text, [document.data])


def _validate(name: str, text: str, holder: list[dict[str, Any]]) -> Dataset:
    """``validate_document`` for a parsed document held in ``holder``, which it empties."""
    from pydantic import ValidationError

    from legend_gui.model.checks import check_dataset
    from legend_gui.model.schema import Dataset

    data = holder.pop()
    # The cyclic GC gains nothing here: pydantic builds millions of small acyclic objects
    # (2.3 million at 100,000 cities) and every GC pass walks all of them. Pausing it for the
    # validation alone only postponed the cost: after re-enabling, the young generation held
    # every new object and the next passes walked them all, more than once (≈2.5 s at 100,000
    # cities, paid by the checks or the next query). So the pause covers the checks too, and if
    # it leaves many objects behind, one full collection moves them to the old generation in a
    # single pass (≈1 s). gc.freeze() would cost nothing here but stops the GC from ever
    # collecting what is alive at that point (Qt wrappers in cycles included) and, with the old
    # generation near empty, makes every later query pay for more full passes.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            dataset = Dataset.model_validate(data)
        except ValidationError as error:
            raise _validation_error(error, text, name, data) from None
        violations = check_dataset(dataset)
        if violations:
            problems = [
                _problem_at(name, text, violation.path, violation.message, data)
                for violation in violations[:MAX_SHOWN_PROBLEMS]
            ]
            raise DatasetError(problems, total=len(violations))
        # Counted before the JSON is freed: freeing objects lowers the count of new ones.
        young = gc.get_count()[0]
        del data  # the last reference unless the caller keeps the document
        if gc_was_enabled and young > _GC_YOUNG_LIMIT:
            gc.collect()
    finally:
        if gc_was_enabled:
            gc.enable()
    return dataset


def _decode(data: bytes, name: str) -> str:
    if not data or data.isspace():  # isspace stops at the first non-space; strip copies
        raise DatasetError([Problem(name, "the file is empty; a data file is a JSON object")])
    if data.startswith(_UTF16_BOMS) or (len(data) > 1 and (data[0] == 0 or data[1] == 0)):
        raise DatasetError(
            [
                Problem(
                    name, "the file is UTF-16 (or binary); save it as UTF-8 JSON", line=1, column=1
                )
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8", "replace")
        line, column = line_column(before, len(before))
        raise DatasetError(
            [
                Problem(
                    name,
                    f"not valid UTF-8 text (byte 0x{data[error.start]:02x} at offset "
                    f"{error.start:,}); is this a data file?",
                    line=line,
                    column=column,
                )
            ]
        ) from None
    # A UTF-8 byte-order mark is harmless and some Windows editors write one: accept it.
    text = text.removeprefix(_UTF8_BOM)
    if not text or text.isspace():
        raise DatasetError([Problem(name, "the file is empty; a data file is a JSON object")])
    return text


def _parse_json(text: str, name: str) -> dict[str, Any]:
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
            [Problem(name, f"not valid JSON: {error.msg}", line=error.lineno, column=error.colno)]
        ) from None
    except _DuplicateKeyError:
        found = first_duplicate_key(text)
        if found is None:  # pragma: no cover - the scanner and json agree on valid JSON
            raise DatasetError([Problem(name, "a key appears twice in one object")]) from None
        offset, key, path = found
        line, column = line_column(text, offset)
        raise DatasetError(
            [
                Problem(
                    name,
                    f"the key '{_printable(key, 80)}' appears twice in the same object",
                    location=_dotted(path),
                    line=line,
                    column=column,
                )
            ]
        ) from None
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
                    location=_dotted(path),
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
        found = first_scalar(text, _is_long_integer)
        if found is None:
            problem = Problem(name, f"a number has more than {_MAX_INT_DIGITS:,} digits")
        else:
            offset, token, path = found
            line, column = line_column(text, offset)
            problem = Problem(
                name,
                f"a number with {len(token.lstrip('-')):,} digits is too long (at most "
                f"{_MAX_INT_DIGITS:,})",
                location=_dotted(path),
                line=line,
                column=column,
            )
        raise DatasetError([problem]) from None
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


_LONG_INTEGER = re.compile(rf"-?[0-9]{{{_MAX_INT_DIGITS + 1},}}")


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


def _check_version(document: dict[str, Any], text: str, name: str) -> None:
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
                    f"(found {_shown(version)})",
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


_TYPE_TAGS = {"int", "float", "str", "bool", "date", "none", "list", "dict"}


def _is_tag(step: str) -> bool:
    return step in _TYPE_TAGS or "[" in step or "-" in step


def _clean_location(loc: Sequence[str | int], document: Any = None) -> tuple[str | int, ...]:
    """Drop pydantic's union-member and validator tags ('int', 'function-before[...]').

    A step that exists in the document is always kept, so an unknown field called ``date`` or
    ``usao-district`` is still named; only steps that resolve nowhere may be tags.
    """
    path: list[str | int] = []
    node = document
    for step in loc:
        if isinstance(step, int):
            path.append(step)
            node = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
        elif isinstance(node, dict) and step in node:
            path.append(step)
            node = node[step]
        elif not _is_tag(step):
            path.append(step)
            node = None
    return tuple(path)


_NUMBER_ERRORS = {"int_type", "float_type", "int_parsing", "float_parsing", "int_from_float"}
_OBJECT_ERRORS = {"model_type", "model_attributes_type", "dict_type", "dataclass_type"}
#: The records of ``schema.py`` that are dataclasses name these errors differently from models.
_EXTRA_ERRORS = {"extra_forbidden", "unexpected_keyword_argument"}
_ARRAY_ERRORS = {"list_type", "tuple_type"}


def _friendly(error: dict[str, Any]) -> str:
    """pydantic's message for one error, rewritten for someone who edits JSON by hand."""
    kind = error["type"]
    loc = error["loc"]
    value = error.get("input")
    found = f"(found {_shown(value)})"
    ctx = error.get("ctx") or {}
    if kind == "value_error":  # our own validators already say what they found
        return str(error["msg"]).removeprefix("Value error, ")
    if kind in _EXTRA_ERRORS:
        return (
            f"unknown field '{_printable(str(loc[-1]), 80)}' (not part of the format; "
            "check the spelling)"
        )
    if kind == "missing":
        return f"the required field '{loc[-1]}' is missing"
    if isinstance(value, float) and not math.isfinite(value):
        return "the number is too large (it overflows to infinity)"
    if kind in _NUMBER_ERRORS and loc and loc[-1] in ("int", "float"):
        return f"must be a number {found}"
    if kind == "greater_than_equal" and ctx.get("ge") == 0:
        return f"must not be negative {found}"
    bounds = {
        "greater_than_equal": ("at least", "ge"),
        "greater_than": ("more than", "gt"),
        "less_than_equal": ("at most", "le"),
        "less_than": ("less than", "lt"),
    }
    if kind in bounds and bounds[kind][1] in ctx:
        words, key = bounds[kind]
        return f"must be {words} {_bound(ctx[key])} {found}"
    if kind == "string_pattern_mismatch":
        refused = refusal(value, ctx.get("pattern"))
        if refused is not None:
            return refused
        return (
            "must be an id of lower-case letters, digits, '-', '_' and '.', starting with a "
            f"letter or digit {found}"
        )
    if kind == "string_too_short":
        return f"must not be empty {found}"
    if kind == "string_too_long" and "max_length" in ctx:
        return f"is too long: at most {ctx['max_length']:,} characters"
    if kind in _OBJECT_ERRORS:
        return f"must be a JSON object {{...}} {found}"
    if kind in _ARRAY_ERRORS:
        return f"must be a JSON array [...] {found}"
    if kind == "string_type":
        return f"must be text in double quotes {found}"
    if kind == "string_unicode":
        return "contains a broken character (an unpaired surrogate escape such as \\ud800)"
    if kind == "bool_type":
        return f"must be true or false {found}"
    message = str(error["msg"])
    if message.startswith("Input should be"):
        message = "must be" + message.removeprefix("Input should be")
    return f"{message[0].lower()}{message[1:]} {found}"


def _bound(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def _printable(text: str, limit: int = 60) -> str:
    """``text`` on one line and safe for a terminal, at most ``limit`` characters."""
    return printable(text, limit)


def _shown(value: object) -> str:
    """A short, safe rendering of the offending input, written as JSON would write it."""
    if isinstance(value, dict | list):
        return f"a JSON {'object' if isinstance(value, dict) else 'array'}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return f'"{_printable(value)}"'
    return _printable(repr(value))


def _validation_error(
    error: ValidationError, text: str, name: str, document: dict[str, Any]
) -> DatasetError:
    problems: list[Problem] = []
    seen: set[tuple[str | int, ...]] = set()
    errors = error.errors(include_url=False)
    for item in errors:
        path = _clean_location(item["loc"], document)
        if path in seen:  # int|float unions report each member; one line is enough
            continue
        seen.add(path)
        if len(problems) < MAX_SHOWN_PROBLEMS:
            problems.append(_problem_at(name, text, path, _friendly(item), document))
    return DatasetError(problems, total=len(seen))


def _problem_at(
    name: str, text: str, path: Sequence[str | int], message: str, document: Any
) -> Problem:
    line, column = line_column(text, offset_of(text, path))
    return Problem(name, message, _dotted(path, document), line, column)


def _dotted(path: Sequence[str | int], document: Any = None) -> str:
    """``snapshots[2].figures[5].value``; cities get their name: ``cities[3] (Detroit).name``."""
    text = ""
    node = document
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
            try:
                node = node[step]
                label = node.get("name") if isinstance(node, dict) else None
            except (IndexError, KeyError, TypeError):
                node, label = None, None
            if isinstance(label, str) and label:
                text += f" ({_printable(label, 40)})"
        else:
            shown = _printable(step, 80)
            text += f".{shown}" if text else shown
            node = node.get(step) if isinstance(node, dict) else None
    return text

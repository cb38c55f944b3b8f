"""The wording of a data file's problems: pydantic's errors and JSON paths, rewritten for
someone who edits JSON by hand, each placed at its line and column.

Runs only when a file is refused, never on a good file's load.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from legend_gui.model.errors import MAX_SHOWN_PROBLEMS, DatasetError, Problem
from legend_gui.model.jsonpos import line_column, offset_of
from legend_gui.model.text import printable, refusal

if TYPE_CHECKING:
    from pydantic import ValidationError

_TYPE_TAGS = {"int", "float", "str", "bool", "date", "none", "list", "dict"}
_NUMBER_ERRORS = {"int_type", "float_type", "int_parsing", "float_parsing", "int_from_float"}
_OBJECT_ERRORS = {"model_type", "model_attributes_type", "dict_type", "dataclass_type"}
#: The records of ``schema.py`` that are dataclasses name these errors differently from models.
_EXTRA_ERRORS = {"extra_forbidden", "unexpected_keyword_argument"}
_ARRAY_ERRORS = {"list_type", "tuple_type"}


def shown(value: object) -> str:
    """A short, safe rendering of the offending input, written as JSON would write it."""
    if isinstance(value, dict | list):
        return f"a JSON {'object' if isinstance(value, dict) else 'array'}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return f'"{printable(value, 60)}"'
    return printable(repr(value), 60)


def dotted(path: Sequence[str | int], document: Any = None) -> str:
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
                text += f" ({printable(label, 40)})"
        else:
            step_text = printable(step, 80)
            text += f".{step_text}" if text else step_text
            node = node.get(step) if isinstance(node, dict) else None
    return text


def problem_at(
    name: str, text: str, path: Sequence[str | int], message: str, document: Any
) -> Problem:
    """A problem at the JSON ``path`` of ``text``, with its line, column and dotted path."""
    line, column = line_column(text, offset_of(text, path))
    return Problem(name, message, dotted(path, document), line, column)


def validation_error(
    error: ValidationError, text: str, name: str, document: dict[str, Any]
) -> DatasetError:
    """pydantic's errors as one ``DatasetError``: one problem per place, capped."""
    problems: list[Problem] = []
    seen: set[tuple[str | int, ...]] = set()
    for item in error.errors(include_url=False):
        path = _clean_location(item["loc"], document)
        if path in seen:  # int|float unions report each member; one line is enough
            continue
        seen.add(path)
        if len(problems) < MAX_SHOWN_PROBLEMS:
            problems.append(problem_at(name, text, path, _friendly(item), document))
    return DatasetError(problems, total=len(seen))


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


def _friendly(error: Mapping[str, Any]) -> str:
    """pydantic's message for one error, rewritten for someone who edits JSON by hand."""
    kind = error["type"]
    loc = error["loc"]
    value = error.get("input")
    found = f"(found {shown(value)})"
    ctx = error.get("ctx") or {}
    if kind == "value_error":  # our own validators already say what they found
        return str(error["msg"]).removeprefix("Value error, ")
    if kind in _EXTRA_ERRORS:
        return (
            f"unknown field '{printable(str(loc[-1]), 80)}' (not part of the format; "
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

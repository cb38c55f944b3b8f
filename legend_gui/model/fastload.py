"""A large data file loaded in short steps, fast: pydantic parses each chunk of the long arrays
in Rust straight into the records (no Python dict tree), so a window can answer between steps
and the load takes about twice a plain ``json.load``.

The strict loader (``loading``) stays the judge. The fast path either vouches for a file with
the same result or gives up (``_Unsure``), and then the strict loader reads the file and says
what is wrong, with its line and column, exactly as before. To vouch it keeps every refusal:
the skeleton (the file with its long arrays emptied, ``json_split``) goes through the strict
JSON parser and schema; each chunk through the schema, which refuses NaN, infinities and
anything a record does not hold; repeated keys, which pydantic's parser lets the last one win,
by counting each key's spellings in the chunk against the fields the records hold (a key
written twice, or a default written out, breaks the count; then the chunk is parsed strictly);
and the cross-checks.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Generator
from dataclasses import MISSING, fields, is_dataclass, replace
from functools import cache
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any, get_args, get_origin, get_type_hints

from legend_gui.model.errors import DatasetError
from legend_gui.model.json_split import (
    LongArray,
    Unsplittable,
    chunks,
    holds_keys,
    long_arrays,
    skeleton,
)
from legend_gui.model.jsonparse import repeats_a_key
from legend_gui.model.loading import MAX_FILE_BYTES, parse_dataset, parse_document
from legend_gui.model.reading import read_bytes

if TYPE_CHECKING:
    from legend_gui.model.schema import Dataset

#: Smaller files go to the strict loader alone: it reads them in a few tens of milliseconds.
FAST_MIN_BYTES = 2 * 1024 * 1024
#: About 35 ms of validation per chunk on the project machine (a step of the load).
CHUNK_BYTES = 750_000
_UTF8_BOM = b"\xef\xbb\xbf"

#: Each step yields how much of the load is done (0 to 1); the generator returns the dataset.
Steps = Generator[float, None, "Dataset"]


class _Unsure(Exception):
    """The fast path cannot vouch for the file: the strict loader reads it."""


def load_dataset_fast(path: str | os.PathLike[str]) -> Dataset:
    """``load_dataset(path)`` for the command line: the same dataset or the same
    ``DatasetError``, a large file read the fast way, all in one go (100,000 cities: about
    half the time and 170 MB less memory than the strict loader)."""
    steps = load_in_steps(path)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            dataset: Dataset = done.value
            return dataset


def load_in_steps(path: str | os.PathLike[str], min_bytes: int = FAST_MIN_BYTES) -> Steps:
    """``load_dataset(path)`` in steps: the same dataset, or the same ``DatasetError``."""
    name = os.fspath(path)
    raw = read_bytes(path, name, MAX_FILE_BYTES)
    yield 0.02
    return (yield from parse_in_steps(raw, name, min_bytes))


def parse_in_steps(raw: bytes, name: str, min_bytes: int = FAST_MIN_BYTES) -> Steps:
    """``parse_dataset(raw, name)`` in steps."""
    if min_bytes <= len(raw) <= MAX_FILE_BYTES:
        # Millions of acyclic records: a GC pass during the load walks them all for nothing.
        # At the end they are frozen out of the GC's reach (reference counting still frees
        # them), so no later pass walks them either.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            dataset = yield from _fast(raw, name)
        except _Unsure:
            pass
        else:
            gc.freeze()
            return dataset
        finally:
            if gc_was_enabled:
                gc.enable()
        yield 0.5
    return parse_dataset(raw, name)  # one long step: it says what is wrong


def _fast(raw: bytes, name: str) -> Steps:
    # pydantic and its validators take ≈0.3 s to import: in steps of their own.
    import pydantic_core  # noqa: F401

    yield 0.02
    from pydantic import ValidationError

    yield 0.03
    import legend_gui.model.validation  # noqa: F401 - pydantic's models, in a step of their own

    yield 0.035
    from legend_gui.model.checks import FIGURES_PER_QUICK_STEP, checks_in_steps

    yield 0.04
    body = raw.removeprefix(_UTF8_BOM)
    try:
        arrays = long_arrays(body)
        yield 0.045
        outline, holds_figures = _outline(skeleton(body, arrays), name)
    except (Unsplittable, DatasetError, ValidationError):
        raise _Unsure from None
    yield 0.05
    total = sum(array.end - array.start for array in arrays) or 1
    done = 0
    contents: list[list[Any]] = []
    for array in arrays:
        items: list[Any] = []
        for chunk in chunks(body, array, CHUNK_BYTES):
            items.extend(_records(chunk, array.key))
            done += len(chunk)
            yield 0.05 + 0.8 * done / total
        contents.append(items)
    dataset = _assemble(outline, holds_figures, arrays, contents)
    checked = len(dataset.cities) + sum(len(snapshot.figures) for snapshot in dataset.snapshots)
    for steps, violation in enumerate(checks_in_steps(dataset), 1):
        if violation is not None:
            raise _Unsure
        yield min(0.99, 0.85 + 0.14 * steps * FIGURES_PER_QUICK_STEP / (checked or 1))
    return dataset


def _outline(text: bytes, name: str) -> tuple[Dataset, list[bool]]:
    """The skeleton, strictly (JSON syntax, repeated keys, NaN, version, schema), and which
    of its snapshots hold a "figures" array (emptied in the skeleton, or absent)."""
    from legend_gui.model.validation import validate_dataset

    data = parse_document(text, name).data
    outline = validate_dataset(data)
    return outline, ["figures" in snapshot for snapshot in data["snapshots"]]


def _records(chunk: bytes, key: str) -> list[Any]:
    from pydantic import ValidationError

    from legend_gui.model.validation import records_adapter

    record = _RECORDS[key]()
    try:
        records: list[Any] = records_adapter(record).validate_json(chunk)
    except ValidationError:
        raise _Unsure from None
    # Each object holds at least one key per required field and per field whose value is not
    # its default; a key written twice (or a default written out) makes one more.
    if not holds_keys(chunk, _fields_given(records, record)) and repeats_a_key(chunk):
        raise _Unsure
    return records


def _assemble(
    outline: Dataset, holds_figures: list[bool], arrays: list[LongArray], contents: list[list[Any]]
) -> Dataset:
    """The outline with its long arrays filled in. The strict skeleton proved where each one
    sits: the schema has "cities" and "context" only at the top, once (a repeated key is
    refused), and "figures" only in snapshots."""
    update: dict[str, Any] = {}
    figures = []
    for array, items in zip(arrays, contents, strict=True):
        if array.key == "figures":
            figures.append(items)
        else:
            update[array.key] = items
    if sum(holds_figures) != len(figures):
        raise _Unsure  # pragma: no cover - the skeleton's schema makes them match
    filled = iter(figures)
    update["snapshots"] = [
        replace(snapshot, figures=next(filled)) if holds else snapshot
        for snapshot, holds in zip(outline.snapshots, holds_figures, strict=True)
    ]
    return replace(outline, **update)


def _city() -> type:
    from legend_gui.model.schema import City

    return City


def _figure() -> type:
    from legend_gui.model.schema import Figure

    return Figure


def _context_figure() -> type:
    from legend_gui.model.schema import ContextFigure

    return ContextFigure


_RECORDS = {"cities": _city, "figures": _figure, "context": _context_figure}


@cache
def _fields(record: type) -> dict[str, tuple[bool, object]]:
    """A record's fields: whether each is required, and its default (made afresh)."""
    found: dict[str, tuple[bool, object]] = {}
    for each in fields(record):
        if each.default is not MISSING:
            found[each.name] = (False, each.default)
        elif each.default_factory is not MISSING:
            found[each.name] = (False, each.default_factory())
        else:
            found[each.name] = (True, None)
    return found


@cache
def _nested(record: type) -> dict[str, tuple[type, bool]]:
    """The fields of ``record`` holding records: their class, and whether a tuple of them."""
    found = {}
    for name, annotation in get_type_hints(record).items():
        inner = _record_in(annotation)
        if inner is not None:
            found[name] = (inner, _is_tuple(annotation))
    return found


def _record_in(annotation: Any) -> type | None:
    if isinstance(annotation, type) and is_dataclass(annotation):
        return annotation
    for argument in get_args(annotation):
        inner = _record_in(argument)
        if inner is not None:
            return inner
    return None


def _is_tuple(annotation: Any) -> bool:
    return get_origin(annotation) is tuple or any(_is_tuple(a) for a in get_args(annotation))


def _fields_given(records: list[Any], record: type) -> int:
    """How many keys the objects ``records`` came from held at least: one per required
    field, and one per optional field whose value is not its default, nested records too."""
    count = 0
    nested = _nested(record)
    for name, (required, default) in _fields(record).items():
        if required and name not in nested:
            count += len(records)
            continue
        values = list(map(attrgetter(name), records))
        if required:
            count += len(values)
        else:
            count += len(values) - values.count(default)
        if name in nested:
            inner, many = nested[name]
            present = list(filter(None, values))
            count += _fields_given(list(chain.from_iterable(present)) if many else present, inner)
    return count

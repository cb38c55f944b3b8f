"""Read a data file into a validated ``Dataset``, or raise one ``DatasetError`` that says why.

Order matters: size before reading, encoding before parsing, syntax before schema, schema
before cross-references. Nothing in a data file is ever executed: it is JSON, parsed by ``json``.
Stage one (``read_document``) needs no pydantic; stage two (``validate_document``) does.
"""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING, Any, NamedTuple

from legend_gui.model.errors import MAX_SHOWN_PROBLEMS, DatasetError
from legend_gui.model.jsonparse import check_version, parse_json
from legend_gui.model.messages import problem_at, validation_error
from legend_gui.model.reading import read_bytes, text_of
from legend_gui.model.upgrade import upgrade_document

if TYPE_CHECKING:
    from legend_gui.model.schema import Dataset

#: Refuse larger files before reading them: a real dataset of 100,000 cities is well under it,
#: and parsing a huge file would freeze the app and eat memory for nothing.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: More new objects than this made by a load (≈4,000 cities: about 16 GC-tracked objects per
#: city, the parsed JSON's and the dataset's) are collected at once: see ``_validate``.
_GC_YOUNG_LIMIT = 60_000


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
    # The bytes are freed before the JSON parse.
    text = text_of(read_bytes(path, name, MAX_FILE_BYTES), name, MAX_FILE_BYTES)
    return _document(text, name)


def parse_dataset(data: bytes, name: str = "<data>") -> Dataset:
    """Validate the bytes of a data file; ``name`` is used in messages."""
    return validate_document(parse_document(data, name))


def parse_document(data: bytes, name: str = "<data>") -> Document:
    """Decode and parse the bytes of a data file as JSON, checking its format version."""
    return _document(text_of(data, name, MAX_FILE_BYTES), name)


def _document(text: str, name: str) -> Document:
    document = parse_json(text, name)
    check_version(document, text, name)
    upgrade_document(document)  # a version-1 file reads as version 2
    return Document(name, text, document)


def validate_document(document: Document) -> Dataset:
    """Stage two: the schema, then the rules that need the whole dataset."""
    return _validate(document.name, document.text, [document.data])


def _validate(name: str, text: str, holder: list[dict[str, Any]]) -> Dataset:
    """``validate_document`` for a parsed document held in ``holder``, which it empties."""
    from pydantic import ValidationError

    from legend_gui.model.checks import check_dataset
    from legend_gui.model.validation import validate_dataset

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
            dataset = validate_dataset(data)
        except ValidationError as error:
            raise validation_error(error, text, name, data) from None
        violations = check_dataset(dataset)
        if violations:
            problems = [
                problem_at(name, text, violation.path, violation.message, data)
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

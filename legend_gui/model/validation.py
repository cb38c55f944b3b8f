"""pydantic's validators for the schema's dataclasses: the one place that imports pydantic.

Each validator is built once, on first use (building the dataset's takes ≈60 ms), and the
window imports this module only to validate a file it has not validated before
(``validated_cache``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import TypeAdapter

from legend_gui.model.schema import Dataset


@cache
def _dataset_adapter() -> TypeAdapter[Dataset]:
    return TypeAdapter(Dataset)


def validate_dataset(data: object) -> Dataset:
    """``data`` (a parsed JSON document) as a ``Dataset``; pydantic's ``ValidationError`` if
    it breaks the schema (the cross-checks are ``checks``')."""
    return _dataset_adapter().validate_python(data)


@cache
def records_adapter(record: type) -> TypeAdapter[list[Any]]:
    """A validator of a JSON array of ``record`` (cities, figures…), for the fast loader."""
    return TypeAdapter(list[record])  # type: ignore[valid-type]  # a record class, at run time


def json_schema_text() -> str:
    """The JSON Schema of the data format, as shipped in ``data/schema.json``.

    Regenerate with ``uv run python -m legend_gui.model.write_schema``; a test fails when it
    is stale.
    """
    import json

    schema = _dataset_adapter().json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://legend-viewer.invalid/schema/v2.json"
    schema["description"] = (
        "Legend Viewer data file, format version 2. Figures are cumulative counts as "
        "announced on a date; a figure that is absent is 'not reported', never zero."
    )
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


__all__ = ["json_schema_text", "records_adapter", "validate_dataset"]

"""data/schema.json is generated from the models and must not go stale."""

import json

from legend_gui.model.validation import json_schema_text
from legend_gui.resources import data_dir


def test_shipped_schema_matches_the_models() -> None:
    shipped = (data_dir() / "schema.json").read_text(encoding="utf-8")
    assert shipped == json_schema_text(), (
        "data/schema.json is stale: run `uv run python -m legend_gui.model.write_schema`"
    )


def test_schema_forbids_unknown_fields_and_names_the_qualifiers() -> None:
    schema = json.loads(json_schema_text())
    figure = schema["$defs"]["Figure"]
    assert figure["additionalProperties"] is False
    assert set(schema["$defs"]["Qualifier"]["enum"]) == {
        "exact",
        "more_than",
        "at_least",
        "approximately",
        "nearly",
        "at_most",
    }

"""Regenerate ``data/schema.json``: ``uv run python -m legend_gui.model.write_schema``."""

from pathlib import Path

from legend_gui.model.validation import json_schema_text

if __name__ == "__main__":
    target = Path(__file__).resolve().parents[2] / "data" / "schema.json"
    target.write_text(json_schema_text(), encoding="utf-8")
    print(f"wrote {target}")  # noqa: T201 - a developer command

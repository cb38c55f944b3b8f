"""The metric definitions: ``data/metrics.csv``, one row per metric id of the facts.

The table is data, not code: label, unit, menu group, whether it is a running total, and a
one-line description. Its row order is the order of the dataset's metric list (core first),
which is also the order of figures within a snapshot.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curation.errors import CurationError

METRICS_CSV = Path(__file__).resolve().parents[1] / "metrics.csv"
COLUMNS = ("id", "label", "unit", "group", "cumulative", "description")
GROUPS = (
    "core",
    "doj_split",
    "charges",
    "federal_cases",
    "arrests",
    "seizures",
    "agency",
    "past_week",
    "single_cases",
    "resources",
    "context",
)
_BOOLEANS = {"true": True, "false": False}


@dataclass(frozen=True, slots=True)
class MetricSpec:
    id: str
    label: str
    unit: str
    group: str
    cumulative: bool
    description: str

    def entry(self) -> dict[str, Any]:
        """The metric as the dataset writes it (key order fixed)."""
        return {
            "id": self.id,
            "label": self.label,
            "unit": self.unit,
            "description": self.description,
            "group": self.group,
            "cumulative": self.cumulative,
        }


def read_metrics(path: Path = METRICS_CSV) -> dict[str, MetricSpec]:
    """Every metric of the table by id, in table order; a malformed row is a CurationError."""
    if not path.is_file():
        raise CurationError(f"{path}: not found")
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise CurationError(f"{path.name}: the columns must be {', '.join(COLUMNS)}")
        metrics: dict[str, MetricSpec] = {}
        for number, raw in enumerate(reader, start=2):
            where = f"{path.name}:{number}"
            if any(not (raw[column] or "").strip() for column in COLUMNS):
                raise CurationError(f"{where}: every column needs a value")
            if raw["id"] in metrics:
                raise CurationError(f"{where}: metric {raw['id']!r} is defined twice")
            if raw["group"] not in GROUPS:
                raise CurationError(f"{where}: unknown group {raw['group']!r}")
            if raw["cumulative"] not in _BOOLEANS:
                raise CurationError(f"{where}: cumulative must be true or false")
            metrics[raw["id"]] = MetricSpec(
                id=raw["id"],
                label=raw["label"],
                unit=raw["unit"],
                group=raw["group"],
                cumulative=_BOOLEANS[raw["cumulative"]],
                description=raw["description"],
            )
    return metrics

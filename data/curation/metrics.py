"""The metric definitions: ``data/metrics.csv``, one row per metric id of the facts.

The table is data, not code: label, unit, menu group, whether it is a running total, and a
one-line description. Its row order is the order of the dataset's metric list (core first),
which is also the order of figures within a snapshot.
"""

from __future__ import annotations

import csv
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curation.errors import CurationError

METRICS_CSV = Path(__file__).resolve().parents[1] / "metrics.csv"
GROUPS_CSV = METRICS_CSV.with_name("groups.csv")
COLUMNS = ("id", "label", "unit", "group", "cumulative", "part_of", "overlaps", "description")
#: Columns that may be empty: a metric that is no part of another leaves both empty.
OPTIONAL = ("part_of", "overlaps")
GROUP_COLUMNS = ("id", "label")
_BOOLEANS = {"true": True, "false": False}


@dataclass(frozen=True, slots=True)
class MetricSpec:
    id: str
    label: str
    unit: str
    group: str
    cumulative: bool
    description: str
    part_of: str | None = None
    overlaps: bool = False

    def entry(self) -> dict[str, Any]:
        """The metric as the dataset writes it (key order fixed)."""
        entry: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "unit": self.unit,
            "description": self.description,
            "group": self.group,
            "cumulative": self.cumulative,
        }
        if self.part_of is not None:
            entry["part_of"] = self.part_of
            if self.overlaps:
                entry["overlaps"] = True
        return entry


def read_groups(path: Path = GROUPS_CSV) -> dict[str, str]:
    """Menu groups in menu order: id -> title (``groups.csv``)."""
    if not path.is_file():
        raise CurationError(f"{path}: not found")
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        if tuple(reader.fieldnames or ()) != GROUP_COLUMNS:
            raise CurationError(f"{path.name}: the columns must be {', '.join(GROUP_COLUMNS)}")
        groups: dict[str, str] = {}
        for number, raw in enumerate(reader, start=2):
            if not (raw["id"] or "").strip() or not (raw["label"] or "").strip():
                raise CurationError(f"{path.name}:{number}: every column needs a value")
            if raw["id"] in groups:
                raise CurationError(f"{path.name}:{number}: group {raw['id']!r} is listed twice")
            groups[raw["id"]] = raw["label"]
    return groups


def read_metrics(
    path: Path = METRICS_CSV, groups: Collection[str] | None = None
) -> dict[str, MetricSpec]:
    """Every metric of the table by id, in table order; a malformed row is a CurationError.

    ``part_of`` names the metric a metric is a part of (the app warns where a part exceeds
    its whole); ``overlaps`` is true when such parts may count one thing twice (a defendant
    faces several charges), so they are not added up.
    """
    groups = read_groups() if groups is None else groups
    if not path.is_file():
        raise CurationError(f"{path}: not found")
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise CurationError(f"{path.name}: the columns must be {', '.join(COLUMNS)}")
        metrics: dict[str, MetricSpec] = {}
        for number, raw in enumerate(reader, start=2):
            where = f"{path.name}:{number}"
            if any(not (raw[column] or "").strip() for column in COLUMNS if column not in OPTIONAL):
                raise CurationError(f"{where}: every column needs a value")
            if raw["id"] in metrics:
                raise CurationError(f"{where}: metric {raw['id']!r} is defined twice")
            if raw["group"] not in groups:
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
                part_of=raw["part_of"] or None,
                overlaps=_part_flag(raw, where),
            )
    for spec in metrics.values():
        if spec.part_of is not None and spec.part_of not in metrics:
            raise CurationError(
                f"{path.name}: {spec.id} is part_of unknown metric {spec.part_of!r}"
            )
    return metrics


def _part_flag(raw: dict[str, str], where: str) -> bool:
    """``overlaps``: empty without ``part_of``, true or false with it."""
    if not raw["part_of"]:
        if raw["overlaps"]:
            raise CurationError(f"{where}: overlaps needs part_of")
        return False
    if raw["overlaps"] not in _BOOLEANS:
        raise CurationError(f"{where}: overlaps must be true or false")
    return _BOOLEANS[raw["overlaps"]]

"""Writing: stable bytes, validated by the app's own loader before they replace the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from curation.build import Build
from legend_gui.fileio import atomic_write_bytes
from legend_gui.model import Catalog, load_dataset, status
from legend_gui.model.context import is_disputed


def render(document: dict[str, Any]) -> bytes:
    """Stable bytes: fixed key order (as built), one-space indent, UTF-8, final newline."""
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def write_validated(data: bytes, output: Path) -> Catalog:
    """Write ``data`` beside ``output``, validate it with the app's loader, then move it into
    place: a dataset the app would refuse never replaces the bundled one."""
    output.parent.mkdir(parents=True, exist_ok=True)
    validated: list[Catalog] = []
    atomic_write_bytes(
        output, data, check=lambda temp: validated.append(Catalog(load_dataset(temp), str(output)))
    )
    return validated[0]


def summary(catalog: Catalog, built: Build) -> str:
    dataset = catalog.dataset
    figures = [figure for snapshot in dataset.snapshots for figure in snapshot.figures]
    lines = [
        f"cities:         {len(dataset.cities)}",
        f"metrics:        {len(dataset.metrics)}",
        f"snapshots:      {len(dataset.snapshots)}",
        f"figures:        {len(figures)}",
        f"alternates:     {sum(len(f.alternates) for f in figures)}",
        f"corroborations: {sum(len(f.corroborated_by) for f in figures)}",
        f"disputed:       {sum(status.is_disputed(f) for f in figures)}",
        f"context:        {len(dataset.context)} figures, "
        f"{sum(1 + len(f.alternates) for f in dataset.context)} counts, "
        f"{sum(is_disputed(f) for f in dataset.context)} disputed on the same basis",
        f"sources:        {len(dataset.sources)}",
        f"warnings:       {len(catalog.warnings)}",
    ]
    lines += [f"  - {warning.message}" for warning in catalog.warnings]
    if built.regrouped:
        lines.append(
            f"national rows filed under the DOJ release they repeat: {len(built.regrouped)}"
        )
        lines += [
            f"  - line {row.line}: {row.metric} = {row.value} ({said} → {row.snapshot})"
            for row, said in built.regrouped
        ]
    if built.before_launch:
        lines.append(f"left out, dated before the city's launch: {len(built.before_launch)}")
        lines += [
            f"  - line {row.line}: {row.snapshot} {row.city} {row.metric} = {row.value}"
            for row in built.before_launch
        ]
    return "\n".join(lines) + "\n"

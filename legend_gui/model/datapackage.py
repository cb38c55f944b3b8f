"""The whole dataset as a Frictionless Data Package: one zip a spreadsheet, R or pandas reads
with its types (``export --all -o OUT.zip``, File ▸ Export Data as Package).

The zip holds ``datapackage.json`` (https://specs.frictionlessdata.io/data-package/: name,
title, licences, sources, and per resource its path, format, media type, encoding and a Table
Schema with typed, described fields and keys), ``figures.csv`` (the long format of
``export --all``), ``sources.csv``, ``cities.csv``, ``metrics.csv`` and a ``README.md`` with the
data's description, its data warnings, its licence and how to cite it. The bytes depend on the
data alone (fixed member order and timestamps), so the same data gives the same zip.

Texts about the data come from the data; the words written here describe the columns.
Pure Python: no Qt.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from legend_gui.model.chart_table import csv_number
from legend_gui.model.citation import STYLE_LABELS, CitationStyle, cite_dataset, licence_name
from legend_gui.model.long_rows import LongRow
from legend_gui.model.package_columns import (
    CITY_COLUMNS,
    FIGURE_COLUMNS,
    METRIC_COLUMNS,
    SOURCE_COLUMNS,
    Column,
)
from legend_gui.model.queries import Catalog

if TYPE_CHECKING:
    from legend_gui.model.schema import Source

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
CSV_FILES = ("figures.csv", "sources.csv", "cities.csv", "metrics.csv")
PACKAGE_FILES = ("datapackage.json", *CSV_FILES, "README.md")


# -- CSV --------------------------------------------------------------------------------------
def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def figures_csv_bytes(catalog: Catalog) -> bytes:
    """Every reported value in long format, byte for byte what ``export --all -o X.csv``
    writes (``LongRow.FIELDS``), so the package's CSV and the plain export are one thing."""

    def cell(row: LongRow, name: str) -> object:
        if name == "snapshot_date":  # none for a context count: it covers a period
            return row.snapshot_date.isoformat() if row.snapshot_date else ""
        return csv_number(row.value) if name == "value" else getattr(row, name)

    rows = ([cell(row, name) for name in LongRow.FIELDS] for row in catalog.long_rows())
    return _csv(LongRow.FIELDS, rows)


def _sources_csv(catalog: Catalog) -> bytes:
    rows = (
        [s.id, s.publisher, s.title or "", s.url, s.published or "", s.kind.value, s.note or ""]
        for s in catalog.dataset.sources
    )
    return _csv([c[0] for c in SOURCE_COLUMNS], rows)


def _cities_csv(catalog: Catalog) -> bytes:
    rows = []
    for city in catalog.cities:
        population, location = city.population, city.location
        rows.append(
            [
                city.id,
                city.name,
                city.state,
                city.launch_date.isoformat(),
                city.usao_district or "",
                population.value if population else "",
                population.year if population else "",
                population.source if population else "",
                csv_number(location.lat) if location else "",
                csv_number(location.lon) if location else "",
            ]
        )
    return _csv([c[0] for c in CITY_COLUMNS], rows)


def _metrics_csv(catalog: Catalog) -> bytes:
    rows = (
        [
            m.id,
            m.label,
            m.unit,
            m.description,
            m.group,
            "true" if m.cumulative else "false",
            m.part_of or "",
            ("true" if m.overlaps else "false") if m.part_of else "",
        ]
        for m in catalog.dataset.metrics
    )
    return _csv([c[0] for c in METRIC_COLUMNS], rows)


# -- datapackage.json -------------------------------------------------------------------------
def _slug(text: str) -> str:
    """A package or licence name the spec accepts: lower-case letters, digits, ``-._``."""
    return re.sub(r"[^a-z0-9._]+", "-", text.lower()).strip("-._") or "dataset"


def _schema(columns: list[Column], **keys: Any) -> dict[str, Any]:
    fields = [
        {"name": name, "type": kind, "description": description, **extra}
        for name, kind, description, extra in columns
    ]
    return {"fields": fields, "missingValues": [""], **keys}


def _resource(name: str, title: str, columns: list[Column], **keys: Any) -> dict[str, Any]:
    return {
        "name": name,
        "title": title,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "doubleQuote": True, "header": True},
        "schema": _schema(columns, **keys),
    }


def _licences(catalog: Catalog) -> list[dict[str, str]]:
    """The spec wants a licence's id (``name``) or a ``path``: the short name as an id (``CC BY
    4.0`` → ``cc-by-4.0``) and the full text in the README, which the entry points to."""
    name = licence_name(catalog.dataset)
    if name is None:
        return []
    return [{"name": _slug(name), "title": name, "path": "README.md"}]


def _source_title(source: Source) -> str:
    return f"{source.publisher}: {source.title}" if source.title else source.publisher


def package_descriptor(catalog: Catalog) -> dict[str, Any]:
    """The ``datapackage.json`` of the dataset, as a JSON-ready dict."""
    dataset = catalog.dataset
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": _slug(dataset.title),
        "title": dataset.title,
        "description": dataset.description,
        "licenses": _licences(catalog),
        "sources": [
            {"title": _source_title(source), "path": source.url} for source in dataset.sources
        ],
    }
    if dataset.compiled is not None:
        descriptor["created"] = f"{dataset.compiled.isoformat()}T00:00:00Z"
    figures_keys = {
        "foreignKeys": [
            {"fields": "metric", "reference": {"resource": "metrics", "fields": "id"}},
        ]
    }
    city_keys = {
        "primaryKey": ["id"],
        "foreignKeys": [
            {"fields": "population_source", "reference": {"resource": "sources", "fields": "id"}}
        ],
    }
    descriptor["resources"] = [
        _resource("figures", "Every reported value, one row each", FIGURE_COLUMNS, **figures_keys),
        _resource(
            "sources", "The pages the values were read in", SOURCE_COLUMNS, primaryKey=["id"]
        ),
        _resource("cities", "The cities and their populations", CITY_COLUMNS, **city_keys),
        _resource("metrics", "What the values count", METRIC_COLUMNS, primaryKey=["id"]),
    ]
    return descriptor


# -- README and zip ---------------------------------------------------------------------------
def readme_text(catalog: Catalog) -> str:
    """The package's README: the data's description, its warnings, licence, how to cite it,
    and the columns of each file (from the same table as the schema)."""
    dataset = catalog.dataset
    lines = [f"# {dataset.title}", ""]
    if dataset.description:
        lines += [dataset.description, ""]
    if dataset.compiled:
        lines += [f"Compiled: {dataset.compiled.isoformat()}.", ""]
    if catalog.warnings:
        lines += ["## Data warnings", ""]
        lines += [f"- {warning.message}" for warning in catalog.warnings]
        lines += [""]
    lines += ["## Licence", "", dataset.licence or "(the data file states no licence)", ""]
    lines += ["## How to cite", ""]
    lines += [
        "Cite each value with its own source (figures.csv: publisher, published_date, "
        "source_url) and add the line for this compilation:",
        "",
    ]
    for style in CitationStyle:
        lines += [f"- {STYLE_LABELS[style]}: {cite_dataset(catalog, style)}"]
    lines += ["", "## Files", ""]
    tables = zip(
        CSV_FILES, (FIGURE_COLUMNS, SOURCE_COLUMNS, CITY_COLUMNS, METRIC_COLUMNS), strict=True
    )
    for file_name, columns in tables:
        lines += [f"### {file_name}", ""]
        lines += [f"- `{name}` ({kind}): {text}" for name, kind, text, _extra in columns]
        lines += [""]
    lines += [
        "`datapackage.json` describes these files (types, keys) as a Frictionless Data "
        "Package; an empty cell is a missing value.",
        "",
    ]
    return "\n".join(lines)


def data_package_zip(catalog: Catalog) -> bytes:
    """The package as zip bytes; write them with ``fileio.atomic_write_bytes``."""
    day = catalog.dataset.compiled
    stamp = (day.year, day.month, day.day, 0, 0, 0) if day and day.year >= 1980 else _ZIP_EPOCH
    members = {
        "datapackage.json": (
            json.dumps(package_descriptor(catalog), indent=2, ensure_ascii=False) + "\n"
        ).encode("utf-8"),
        "figures.csv": figures_csv_bytes(catalog),
        "sources.csv": _sources_csv(catalog),
        "cities.csv": _cities_csv(catalog),
        "metrics.csv": _metrics_csv(catalog),
        "README.md": readme_text(catalog).encode("utf-8"),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in PACKAGE_FILES:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name])
    return buffer.getvalue()

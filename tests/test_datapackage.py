"""The dataset as a Frictionless Data Package (model, no Qt): valid per the spec, typed, and
the same figures as ``export --all``."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from legend_gui.model import Catalog, load_dataset
from legend_gui.model.datapackage import (
    PACKAGE_FILES,
    data_package_zip,
    figures_csv_bytes,
    package_descriptor,
)

SMALL = Path(__file__).parent / "data" / "publish" / "small.json"


@pytest.fixture(scope="module")
def small() -> Catalog:
    return Catalog(load_dataset(SMALL), str(SMALL))


def _unzip(data: bytes, folder: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == list(PACKAGE_FILES)
        archive.extractall(folder)
    return folder / "datapackage.json"


def _validate(descriptor_path: Path) -> list[str]:
    from frictionless import validate

    report = validate(str(descriptor_path))
    return [error.message for task in report.tasks for error in task.errors] + [
        error.message for error in report.errors
    ]


@pytest.mark.parametrize("which", ["small", "bundled"])
def test_package_validates_with_frictionless(
    which: str, small: Catalog, catalog: Catalog, tmp_path: Path
) -> None:
    chosen = small if which == "small" else catalog
    assert _validate(_unzip(data_package_zip(chosen), tmp_path)) == []


def test_validation_is_real_a_broken_figure_fails(small: Catalog, tmp_path: Path) -> None:
    path = _unzip(data_package_zip(small), tmp_path)
    figures = tmp_path / "figures.csv"
    text = figures.read_text(encoding="utf-8")
    figures.write_text(text.replace(",boats_checked,43,", ",boats_chekced,forty-three,"), "utf-8")
    problems = _validate(path)
    assert any("forty-three" in problem or "type" in problem for problem in problems)
    assert any("foreign" in problem.lower() for problem in problems)


def test_descriptor_names_title_licence_sources_and_typed_fields(small: Catalog) -> None:
    descriptor = package_descriptor(small)
    assert descriptor["name"] == "harbor-watch-figures"
    assert descriptor["title"] == "Harbor Watch figures"
    assert descriptor["description"].startswith("Running totals announced")
    assert descriptor["licenses"] == [{"name": "ex-1.0", "title": "EX-1.0", "path": "README.md"}]
    assert descriptor["created"] == "2031-03-04T00:00:00Z"
    gazette = {
        "title": "Bay Gazette: Harbor Watch: first month",
        "path": "https://gazette.example/harbor-watch-first-month",
    }
    assert gazette in descriptor["sources"]
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert list(resources) == ["figures", "sources", "cities", "metrics"]
    for resource in resources.values():
        assert resource["path"] == f"{resource['name']}.csv"
        assert (resource["format"], resource["mediatype"], resource["encoding"]) == (
            "csv",
            "text/csv",
            "utf-8",
        )
        assert all(field["description"] for field in resource["schema"]["fields"])
    types = {f["name"]: f["type"] for f in resources["figures"]["schema"]["fields"]}
    assert types["snapshot_date"] == "date"
    assert types["value"] == "number"
    assert resources["cities"]["schema"]["primaryKey"] == ["id"]


def test_zip_is_deterministic(small: Catalog) -> None:
    first, second = data_package_zip(small), data_package_zip(small)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2031, 3, 4, 0, 0, 0)}


def test_figures_csv_equals_export_all(catalog: Catalog) -> None:
    from legend_gui.export import long_csv_bytes

    assert figures_csv_bytes(catalog) == long_csv_bytes(catalog)[0]


def _typed(value: str, field: dict[str, Any]) -> object:
    """Read one cell by its Table Schema type, with the csv module alone (no pandas)."""
    if value == "":
        return None
    kind = field["type"]
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "boolean":
        return {"true": True, "false": False}[value]
    return value


def _read(folder: Path, name: str) -> list[dict[str, object]]:
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == name)
    fields = {field["name"]: field for field in resource["schema"]["fields"]}
    with (folder / resource["path"]).open(encoding=resource["encoding"], newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert rows
    assert list(rows[0]) == list(fields)
    return [{key: _typed(value, fields[key]) for key, value in row.items()} for row in rows]


def test_metrics_csv_says_which_metric_is_a_part_of_which(catalog: Catalog, tmp_path: Path) -> None:
    _unzip(data_package_zip(catalog), tmp_path)
    metrics = {row["id"]: row for row in _read(tmp_path, "metrics")}
    atf = metrics["firearms_seized_atf"]
    assert (atf["part_of"], atf["overlaps"]) == ("firearms_seized", False)  # disjoint agencies
    drugs = metrics["charge_drug_trafficking"]
    assert (drugs["part_of"], drugs["overlaps"]) == ("federal_defendants_charged", True)
    whole = metrics["federal_defendants_charged"]
    assert (whole["part_of"], whole["overlaps"]) == (None, None)  # empty: no part of anything


def test_csv_round_trips_types_per_schema(small: Catalog, tmp_path: Path) -> None:
    _unzip(data_package_zip(small), tmp_path)
    figures = _read(tmp_path, "figures")
    expected = [
        (date(2031, 1, 9), "Port Ambrose", "boats_checked", 43.0, "exact", "primary"),
        (date(2031, 1, 9), "Port Ambrose", "nets_seized", 1000.0, "more_than", "primary"),
        (date(2031, 1, 9), "Port Ambrose", "fines_paid", 2500.5, "exact", "primary"),
        (date(2031, 1, 9), None, "boats_checked", 60.0, "exact", "primary"),
        (date(2031, 1, 9), None, "boats_checked", 60.0, "exact", "corroborating"),
        (date(2031, 1, 9), None, "boats_checked", 75.0, "exact", "alternate"),
        (date(2031, 2, 1), "Port Ambrose", "boats_checked", 90.0, "approximately", "primary"),
        (date(2031, 2, 1), "Gull Rock", "boats_checked", 12.0, "exact", "primary"),
        (date(2031, 2, 1), "Gull Rock", "boats_checked", 12.0, "nearly", "alternate"),
    ]
    got = [
        (r["snapshot_date"], r["city"], r["metric"], r["value"], r["qualifier"], r["role"])
        for r in figures
    ]
    assert got == expected
    assert figures[3]["published_date"] == date(2031, 1, 9)
    assert figures[5]["published_date"] is None  # the source shows no date: empty, not invented
    assert figures[4]["publisher"] != figures[3]["publisher"]  # the corroborating source's own
    cities = {row["id"]: row for row in _read(tmp_path, "cities")}
    assert cities["port-ambrose-zz"]["population"] == 48210
    assert cities["port-ambrose-zz"]["lat"] == 10.5
    assert cities["gull-rock-yy"]["population"] is None  # not recorded: empty, never 0
    metrics = {row["id"]: row for row in _read(tmp_path, "metrics")}
    assert metrics["fines_paid"]["unit"] == "USD"
    assert metrics["boats_checked"]["cumulative"] is True


def test_readme_has_description_licence_warnings_and_citation(
    catalog: Catalog, tmp_path: Path
) -> None:
    _unzip(data_package_zip(catalog), tmp_path)
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    dataset = catalog.dataset
    assert readme.startswith(f"# {dataset.title}\n")
    assert dataset.description in readme
    assert dataset.licence is not None
    assert dataset.licence in readme
    assert all(warning.message in readme for warning in catalog.warnings)
    assert f"Compiled in {dataset.title}" in readme

"""Shared test helpers: a small, valid dataset built in code, and ways to write it to disk.

The dataset is deliberately small but covers every feature the model has: national and city
figures, qualifiers, alternates, corroborating sources, a city without population, a metric
that is not a running total, and two snapshots. Tests take a fresh copy and break one thing.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

SOURCES: list[dict[str, Any]] = [
    {
        "id": "doj-2020-12-23",
        "publisher": "U.S. Department of Justice",
        "title": "Operation Legend: Final Report",
        "url": "https://www.justice.gov/opa/pr/operation-legend-final-report",
        "published": "2020-12-23",
        "kind": "official",
    },
    {
        "id": "kmov-2020-08-19",
        "publisher": "KMOV 4 St. Louis",
        "url": "https://www.kmov.com/news/operation-legend-st-louis/",
        "published": "2020-08-19",
        "kind": "news",
    },
    {
        "id": "census-2020",
        "publisher": "U.S. Census Bureau",
        "url": "https://www.census.gov/programs-surveys/decennial-census.html",
        "kind": "reference",
    },
]

METRICS: list[dict[str, Any]] = [
    {
        "id": "federal_defendants_charged",
        "label": "Federal defendants charged",
        "unit": "defendants",
        "group": "core",
    },
    {"id": "arrests_total", "label": "Arrests", "unit": "arrests", "group": "core"},
    {"id": "homicide_arrests", "label": "Homicide arrests", "unit": "arrests", "group": "core"},
    {"id": "firearms_seized", "label": "Firearms seized", "unit": "firearms", "group": "core"},
    {
        "id": "federal_agents_deployed",
        "label": "Federal agents deployed",
        "unit": "agents",
        "group": "other",
        "cumulative": False,
    },
    {"id": "drugs_seized_kg", "label": "Drugs seized", "unit": "kg", "group": "seizures"},
]


def _population(value: int) -> dict[str, Any]:
    return {"value": value, "year": 2020, "source": "census-2020"}


CITIES: list[dict[str, Any]] = [
    {
        "id": "kansas-city-mo",
        "name": "Kansas City",
        "state": "MO",
        "launch_date": "2020-07-08",
        "usao_district": "Western District of Missouri",
        "population": _population(508_090),
        "location": {"lat": 39.09972, "lon": -94.57833},
    },
    {
        "id": "chicago-il",
        "name": "Chicago",
        "state": "IL",
        "launch_date": "2020-07-22",
        "population": _population(2_746_388),
    },
    {
        # No population on purpose: per-capita queries must leave it out, never show 0.
        "id": "albuquerque-nm",
        "name": "Albuquerque",
        "state": "NM",
        "launch_date": "2020-07-22",
    },
    {
        "id": "detroit-mi",
        "name": "Detroit",
        "state": "MI",
        "launch_date": "2020-07-29",
        "population": _population(639_111),
    },
    {
        "id": "st-louis-mo",
        "name": "St. Louis",
        "state": "MO",
        "launch_date": "2020-08-06",
        "population": _population(301_578),
    },
]


def _figure(
    metric: str,
    value: float,
    city: str | None = None,
    source: str = "doj-2020-12-23",
    **extra: Any,
) -> dict[str, Any]:
    figure: dict[str, Any] = {"scope": "city" if city else "national"}
    if city:
        figure["city"] = city
    figure.update({"metric": metric, "value": value, "source": source})
    figure.update(extra)
    return figure


SNAPSHOTS: list[dict[str, Any]] = [
    {
        "date": "2020-08-19",
        "label": "DOJ national update",
        "figures": [
            _figure("arrests_total", 1000, qualifier="more_than"),
            _figure("federal_defendants_charged", 217, qualifier="approximately"),
            _figure("arrests_total", 300, "kansas-city-mo"),
            _figure("arrests_total", 200, "chicago-il"),
            _figure("arrests_total", 150, "detroit-mi", qualifier="approximately"),
            _figure(
                "arrests_total",
                25,
                "st-louis-mo",
                source="kmov-2020-08-19",
                note="Arrests in the first weeks.",
            ),
            _figure(
                "federal_defendants_charged",
                100,
                "kansas-city-mo",
                corroborated_by=[
                    {"source": "kmov-2020-08-19", "note": "KMOV gives the same count"}
                ],
                alternates=[
                    {
                        "value": 95,
                        "qualifier": "nearly",
                        "source": "kmov-2020-08-19",
                        "note": "Local count.",
                    }
                ],
            ),
            _figure("federal_agents_deployed", 225, "kansas-city-mo"),
            _figure("drugs_seized_kg", 12.5, "chicago-il"),
        ],
    },
    {
        "date": "2020-12-23",
        "label": "Final report",
        "figures": [
            _figure("arrests_total", 6000),
            _figure("federal_defendants_charged", 1500),
            _figure("arrests_total", 560, "kansas-city-mo"),
            _figure("arrests_total", 2000, "chicago-il"),
            _figure("arrests_total", 400, "albuquerque-nm", qualifier="nearly"),
            _figure("arrests_total", 230, "detroit-mi"),
            _figure("arrests_total", 90, "st-louis-mo"),
            _figure("federal_defendants_charged", 150, "kansas-city-mo"),
            _figure("federal_defendants_charged", 43, "chicago-il"),
            _figure("homicide_arrests", 22, "kansas-city-mo"),
            _figure("firearms_seized", 300, "detroit-mi", qualifier="at_least"),
            _figure("federal_agents_deployed", 200, "kansas-city-mo"),
            _figure("drugs_seized_kg", 40.25, "chicago-il"),
        ],
    },
]

DATASET: dict[str, Any] = {
    "schema_version": 2,
    "title": "Operation Legend test data",
    "description": "A small dataset for tests.",
    "compiled": "2024-01-01",
    "licence": "CC0",
    "sources": SOURCES,
    "metrics": METRICS,
    "cities": CITIES,
    "snapshots": SNAPSHOTS,
}

#: Index of each snapshot in ``DATASET['snapshots']``, by date.
FIRST, FINAL = 0, 1


def valid_dataset() -> dict[str, Any]:
    """A fresh, deep copy of the small valid dataset: tests may change it freely."""
    return copy.deepcopy(DATASET)


def dumps(data: Any) -> str:
    """JSON as a person would write it: indented, so line numbers mean something."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_json(folder: Path, data: Any, name: str = "data.json") -> Path:
    path = folder / name
    path.write_text(dumps(data), encoding="utf-8")
    return path


def at(text: str, line: int, column: int) -> str:
    """The text starting at 1-based ``line`` and ``column``: what a message points at."""
    return text.splitlines()[line - 1][column - 1 :]


#: The long-format CSV's columns, as DESIGN.md §4 promises them (``export --all``), then the
#: context counts' ``period``, ``definition`` and ``basis`` (empty for announced figures).
LONG_HEADER = [
    "snapshot_date",
    "scope",
    "city",
    "state",
    "metric",
    "value",
    "unit",
    "qualifier",
    "source_url",
    "publisher",
    "published_date",
    "role",
    "note",
    "period",
    "definition",
    "basis",
]


def three_city_copy(bundled_path: Path, folder: Path) -> Path:
    """A valid copy of the bundled dataset with only its first three cities."""
    data = json.loads(bundled_path.read_text(encoding="utf-8"))
    data["cities"] = data["cities"][:3]
    kept = {city["id"] for city in data["cities"]}
    for snapshot in data["snapshots"]:
        snapshot["figures"] = [
            f for f in snapshot["figures"] if f["scope"] == "national" or f["city"] in kept
        ]
    data["context"] = [f for f in data.get("context", []) if f["city"] in kept]
    path = folder / "three cities.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


SYNTHETIC = Path(__file__).resolve().parents[1] / "benchmarks" / "synthetic.py"


@cache
def synthetic() -> ModuleType:
    """``benchmarks/synthetic.py``, loaded by path: ``benchmarks`` is not an installed package."""
    spec = importlib.util.spec_from_file_location("legend_synthetic", SYNTHETIC)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def synthetic_document(cities: int) -> dict[str, Any]:
    """A synthetic dataset of ``cities`` cities (deterministic), as parsed JSON."""
    document: dict[str, Any] = synthetic().make_dataset(cities)
    return document


def synthetic_bytes(cities: int) -> bytes:
    """The same dataset as the bytes of a data file."""
    data: bytes = synthetic().dumps(synthetic_document(cities))
    return data


def run_python(
    args: list[str], environment: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """This interpreter in a child process, offscreen, with ``environment`` added: what a user
    who starts the app gets, without this test process's imports."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(environment or {})}
    command = [sys.executable, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)

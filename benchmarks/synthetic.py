"""Write a synthetic Legend Viewer data file of N made-up cities, to measure the app at scale.

Why: the real Operation Legend data has nine cities, but the design goals (DESIGN.md §5) are set
for 100,000: load, list, filter and chart must stay responsive at that size. Benchmarks and
tests need such a file without shipping one, and they need the *same* file on every run so
that timings are comparable: the generator is seeded with ``random.Random(N)`` and writes
identical bytes for a given N.

What it generates (every part of the format a real file uses, so no code path is skipped):

- N cities with unique, plausible names built from syllables ("Ashford", "Millbrook"; a number
  is appended once a name is taken: "Ashford 2"), ids ``<name-slug>-<state>`` ("ashford-2-tx"),
  US state codes, launch dates in July–August 2020, a 2020 population for ~97 % of the cities
  (the other ~3 % exercise "not available" per-capita rates) and a location for ~1 %.
- A handful of sources (official and news, https URLs on example.org) and the four core
  metrics (group "core", cumulative).
- Snapshots dated 2020-08-19 … 2020-12-23 with labels. For every city, every snapshot on or
  after its launch and every metric in the plan (below), a figure: running totals that never go
  down; ~10 % of them are absent ("not reported"), ~10 % carry a non-exact qualifier
  (more_than, approximately, nearly; their value is rounded down to a multiple of ten, never
  below the previous figure), ~2 % have one alternate report from a news source and ~1 % are
  corroborated by a second source. Homicide arrests are a part of all arrests (``part_of``).
- National figures per snapshot and metric, never less than the sum of that snapshot's city
  figures nor the previous national figure, so the file raises no data warnings.

Size plan: the loader refuses files over 50 MiB (``loading.MAX_FILE_BYTES``), and a full plan
(4 snapshots × 4 metrics per city) costs ≈1.6 kB per city. ``plan(n)`` therefore picks the
richest plan whose estimated size stays under ``SIZE_BUDGET`` (45 MiB): 4 × 4 up to ≈29,000
cities, 4 × 3 up to ≈38,000, 3 × 3 up to ≈49,000, 3 × 2 up to ≈68,000, and 2 snapshots ×
2 metrics per city beyond that. Fewer snapshots keep the *latest* ones (every city has launched
by then); fewer metrics keep the ones with the shortest ids (``arrests_total``,
``firearms_seized``), since every figure repeats its metric's id. Metrics outside the plan still
get national figures. The JSON is compact (``separators=(",", ":")``) and names are short, so
100,000 cities (≈360,000 figures) make a 48.1 MiB file, just under the limit; the smallest plan
exceeds it from ≈104,000 cities on (the command says so, and validation then fails).

Usage: ``python benchmarks/synthetic.py --cities 100000 -o /tmp/legend-100k.json``
(``--no-validate`` skips loading the written file back).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

#: Keep generated files this far under the loader's 50 MiB limit.
SIZE_BUDGET = 45 * 1024 * 1024
#: Plans tried in order, richest first: (snapshots per city, metrics per city).
PLANS: tuple[tuple[int, int], ...] = ((4, 4), (4, 3), (3, 3), (3, 2), (2, 2))
#: Measured average bytes of one city entry and one city figure in compact JSON (N = 100,000),
#: rounded up; only used to choose a plan.
_CITY_BYTES = 145
_FIGURE_BYTES = 100

SNAPSHOTS: tuple[tuple[str, str], ...] = (
    ("2020-08-19", "DOJ update: first results"),
    ("2020-09-23", "DOJ update: two months in"),
    ("2020-10-28", "DOJ update: three months in"),
    ("2020-12-23", "DOJ final update"),
)

METRICS: tuple[dict[str, Any], ...] = (
    {
        "id": "federal_defendants_charged",
        "label": "Federal defendants charged",
        "unit": "defendants",
        "description": "People charged with federal crimes as part of the operation.",
        "group": "core",
        "cumulative": True,
    },
    {
        "id": "arrests_total",
        "label": "Arrests",
        "unit": "arrests",
        "description": "Arrests by federal, state and local officers taking part.",
        "group": "core",
        "cumulative": True,
    },
    {
        "id": "homicide_arrests",
        "label": "Homicide arrests",
        "unit": "arrests",
        "description": "Arrests of suspects in homicide cases.",
        "group": "core",
        "cumulative": True,
        "part_of": "arrests_total",  # homicide arrests are arrests: the part check runs
        "overlaps": True,
    },
    {
        "id": "firearms_seized",
        "label": "Firearms seized",
        "unit": "firearms",
        "description": "Firearms seized by the agencies taking part.",
        "group": "core",
        "cumulative": True,
    },
)
#: Typical final value per 100,000 residents, per metric (in METRICS order).
_RATES = (40.0, 300.0, 4.0, 60.0)
#: Which metrics a smaller plan keeps, first kept first (indices into METRICS): the shortest
#: ids first, since every figure repeats its metric's id.
_KEPT_METRICS = (1, 3, 0, 2)

_OFFICIAL = ("usao-1", "usao-2", "usao-3")
_NEWS = ("news-1", "news-2", "news-3")
_NATIONAL = "doj"
_CENSUS = "census"

_QUALIFIERS = ("more_than", "approximately", "nearly")

# fmt: off
STATES = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY",
)
_ONSETS = (
    "Ald", "Ash", "Bel", "Bir", "Bro", "Cal", "Cor", "Dal", "Dun", "Elm", "Fal", "Gar", "Han",
    "Har", "Kel", "Lan", "Lin", "Mar", "Mil", "Nor", "Oak", "Pal", "Red", "Ros", "San", "Sel",
    "Tal", "Ver", "Wal", "Win",
)
_MIDDLES = ("a", "e", "i", "o", "an", "en", "er", "in", "on")
_ENDINGS = (
    "by", "ton", "ham", "ley", "well", "dale", "burg", "port", "wood", "ford", "mont", "view",
)
# fmt: on
_BASE_NAMES: tuple[str, ...] = tuple(
    sorted(
        {onset + ending for onset in _ONSETS for ending in _ENDINGS}
        | {o + m + e for o in _ONSETS for m in _MIDDLES for e in _ENDINGS}
    )
)


def plan(n: int) -> tuple[int, int]:
    """(snapshots, metrics) per city: the richest plan whose estimate fits ``SIZE_BUDGET``."""
    for snapshots, metrics in PLANS:
        per_city = _CITY_BYTES + snapshots * metrics * 0.9 * _FIGURE_BYTES
        if n * per_city <= SIZE_BUDGET:
            return snapshots, metrics
    return PLANS[-1]


def _slug(text: str) -> str:
    return text.lower().replace(" ", "-")


def _sources() -> list[dict[str, Any]]:
    sources: list[dict[str, Any]] = [
        {
            "id": _NATIONAL,
            "publisher": "U.S. Department of Justice (synthetic)",
            "title": "Operation Legend: national results (synthetic)",
            "url": "https://example.org/doj/operation-legend",
            "published": "2020-12-23",
            "kind": "official",
        },
        {
            "id": _CENSUS,
            "publisher": "Census figures (synthetic)",
            "url": "https://example.org/census/2020",
            "kind": "official",
        },
    ]
    for number, source_id in enumerate(_OFFICIAL, start=1):
        sources.append(
            {
                "id": source_id,
                "publisher": f"U.S. Attorney's Office, District {number} (synthetic)",
                "url": f"https://example.org/usao/{number}/operation-legend",
                "kind": "official",
            }
        )
    for number, source_id in enumerate(_NEWS, start=1):
        sources.append(
            {
                "id": source_id,
                "publisher": f"Example News {number}",
                "title": f"Operation Legend results, report {number}",
                "url": f"https://example.org/news/{number}/legend",
                "published": f"2020-10-{10 + number:02d}",
                "kind": "news",
            }
        )
    return sources


def _cities(rng: random.Random, n: int) -> list[dict[str, Any]]:
    used: dict[str, int] = {}
    first_launch = date(2020, 7, 1)
    cities: list[dict[str, Any]] = []
    for _ in range(n):
        base = rng.choice(_BASE_NAMES)
        count = used.get(base, 0) + 1
        used[base] = count
        name = base if count == 1 else f"{base} {count}"
        state = rng.choice(STATES)
        city: dict[str, Any] = {
            "id": f"{_slug(name)}-{state.lower()}",
            "name": name,
            "state": state,
            "launch_date": (first_launch + timedelta(days=rng.randrange(62))).isoformat(),
        }
        if rng.random() >= 0.03:
            value = int(10 ** rng.uniform(4.0, 6.4))
            city["population"] = {"value": value, "year": 2020, "source": _CENSUS}
        if rng.random() < 0.01:
            city["location"] = {
                "lat": round(rng.uniform(25.5, 48.5), 4),
                "lon": round(rng.uniform(-124.0, -68.0), 4),
            }
        cities.append(city)
    return cities


def _city_figures(
    rng: random.Random,
    city: dict[str, Any],
    days: Sequence[str],
    metric_count: int,
) -> list[list[dict[str, Any]]]:
    """This city's figures per snapshot (an empty list before its launch)."""
    per_snapshot: list[list[dict[str, Any]]] = [[] for _ in days]
    active = [i for i, day in enumerate(days) if day >= city["launch_date"]]
    population = city["population"]["value"] if "population" in city else 100_000
    scale = population / 100_000
    official = rng.choice(_OFFICIAL)
    for m in sorted(_KEPT_METRICS[:metric_count]):
        final = _RATES[m] * scale * rng.uniform(0.3, 2.0)
        last = 0  # the last reported value: a running total never goes down
        for step, i in enumerate(active, start=1):
            value = max(last, int(final * step / len(active)))
            if rng.random() < 0.10:
                continue  # not reported in this snapshot
            figure: dict[str, Any] = {
                "scope": "city",
                "city": city["id"],
                "metric": METRICS[m]["id"],
                "value": value,
            }
            if rng.random() < 0.10:
                value = max(last, value // 10 * 10)
                figure["value"] = value
                figure["qualifier"] = rng.choice(_QUALIFIERS)
            last = value
            figure["source"] = official
            if rng.random() < 0.02:
                figure["alternates"] = [
                    {
                        "value": value + rng.randrange(1, 20),
                        "qualifier": "approximately",
                        "source": rng.choice(_NEWS),
                    }
                ]
            elif rng.random() < 0.01:
                figure["corroborated_by"] = [{"source": rng.choice(_NEWS)}]
            per_snapshot[i].append(figure)
    return per_snapshot


def make_dataset(n: int) -> dict[str, Any]:
    """A valid dataset of ``n`` synthetic cities as JSON-ready Python objects (deterministic)."""
    if n < 0:
        raise ValueError("the number of cities cannot be negative")
    rng = random.Random(n)
    snapshot_count, metric_count = plan(n)
    chosen = SNAPSHOTS[len(SNAPSHOTS) - snapshot_count :]
    days = [day for day, _label in chosen]
    cities = _cities(rng, n)
    city_figures: list[list[dict[str, Any]]] = [[] for _ in days]
    for city in cities:
        for i, figures in enumerate(_city_figures(rng, city, days, metric_count)):
            city_figures[i].extend(figures)

    snapshots: list[dict[str, Any]] = []
    previous = [0] * len(METRICS)
    for i, (day, label) in enumerate(chosen):
        sums = {metric["id"]: 0 for metric in METRICS}
        for figure in city_figures[i]:
            sums[figure["metric"]] += figure["value"]
        national: list[dict[str, Any]] = []
        for m, metric in enumerate(METRICS):
            floor = max(previous[m], sums[metric["id"]])
            value = floor + rng.randrange(1, 50) + int(floor * rng.uniform(0.0, 0.05))
            previous[m] = value
            national.append(
                {
                    "scope": "national",
                    "metric": metric["id"],
                    "value": value,
                    "source": _NATIONAL,
                }
            )
        snapshots.append({"date": day, "label": label, "figures": national + city_figures[i]})

    return {
        "schema_version": 2,
        "title": f"Synthetic Operation Legend data, {n:,} cities",
        "description": (
            "Made-up cities and figures for benchmarks and tests, written by "
            "benchmarks/synthetic.py. Not real data."
        ),
        "compiled": "2020-12-31",
        "licence": "Public domain (synthetic).",
        "sources": _sources(),
        "metrics": [dict(metric) for metric in METRICS],
        "cities": cities,
        "snapshots": snapshots,
    }


def dumps(dataset: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON, as written to disk."""
    return json.dumps(dataset, separators=(",", ":")).encode("utf-8")


def _city_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="synthetic.py",
        description="Write a deterministic synthetic Legend Viewer data file of N cities.",
    )
    parser.add_argument("--cities", type=_city_count, required=True, metavar="N")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    parser.add_argument(
        "--no-validate",
        action="store_true",
        help="do not load the written file back with load_dataset",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Write the file; 0 on success, 1 if it cannot be written or does not load, 2 on usage."""
    args = _parser().parse_args(argv)
    n: int = args.cities
    output: Path = args.output
    started = time.perf_counter()
    dataset = make_dataset(n)
    data = dumps(dataset)
    figures = sum(len(snapshot["figures"]) for snapshot in dataset["snapshots"])
    from legend_gui.fileio import WriteError, atomic_write_bytes

    try:
        atomic_write_bytes(output, data)
    except WriteError as error:
        print(f"cannot write {output}: {error}", file=sys.stderr)
        return 1
    snapshots, metrics = plan(n)
    print(
        f"wrote {output}: {len(data):,} bytes ({len(data) / 1024 / 1024:.1f} MiB), "
        f"{n:,} {'city' if n == 1 else 'cities'}, {figures:,} figures "
        f"({snapshots} snapshots × {metrics} metrics per city) "
        f"in {time.perf_counter() - started:.2f} s"
    )
    from legend_gui.model.loading import MAX_FILE_BYTES

    if len(data) > MAX_FILE_BYTES:
        print(
            f"note: larger than the {MAX_FILE_BYTES // 1024 // 1024} MiB Legend Viewer opens",
            file=sys.stderr,
        )
    if args.no_validate:
        return 0

    from legend_gui.model.errors import DatasetError
    from legend_gui.model.loading import load_dataset
    from legend_gui.model.queries import Catalog

    started = time.perf_counter()
    try:
        loaded = load_dataset(output)
    except DatasetError as error:
        print(f"the written file does not load: {error}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    warnings = len(Catalog(loaded, str(output)).warnings)
    print(f"validated with load_dataset in {elapsed:.2f} s; data warnings: {warnings}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

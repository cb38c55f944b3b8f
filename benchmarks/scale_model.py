"""Measure the data model at 1,000, 10,000 and 100,000 cities: does it meet DESIGN.md §5?

Why: the goal is that a 100,000-city file loads and validates in ≤ 1.5 s on a 2-core machine,
and that what the window does next (index the data, build a chart, list warnings) does not
freeze it. This measures each step separately, and how it grows with N, so a regression shows
where it happened instead of only "opening is slow".

For each N a synthetic file (``benchmarks/synthetic.py``, deterministic) is written to a
temporary folder, then measured in a fresh subprocess (so peak RSS figures do not mix and no
warm caches carry over from a smaller N). Each step is the median of ``--repeat`` runs (3):

- ``load_dataset`` (read, decode, JSON, schema validation, cross-checks, with the GC as the
  loader sets it), and its parts on their own with the cyclic GC paused: ``parse_document``
  (decode, JSON with the duplicate-key hook, version), ``validate_dataset``,
  ``check_dataset``. What the load costs beyond their sum is GC work: passes during the JSON
  parse, and the loader's one full collection after a large load (≈1 s at 100,000 cities);
- ``Catalog(...)`` build; ``Catalog.series`` for the default metric and snapshot;
  ``Catalog.warnings`` (on a fresh catalog: it is cached); ``chart.bar_chart`` (top 25,
  a selected city), then for another metric and its per-100,000 rates (a metric change in the
  window: nothing cached for it; DESIGN.md §5 asks for ≤ 100 ms);
- peak RSS of the subprocess (``resource.getrusage``), and its RSS after imports alone.

Usage: ``python benchmarks/scale_model.py [--sizes 1000 10000 100000] [--repeat 3]``.
The machines are noisy (±15 % between runs): compare ratios measured in one run.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
GOAL_CITIES = 100_000
GOAL_LOAD_MS = 1500.0
GOAL_METRIC_CHANGE_MS = 100.0
SYNTHETIC = Path(__file__).with_name("synthetic.py")

#: (key, label, unit) of each row, in table order.
ROWS: tuple[tuple[str, str, str], ...] = (
    ("size", "file size", "MiB"),
    ("figures", "figures", "count"),
    ("load", "load_dataset", "ms"),
    ("parse", "  parse_document, GC paused", "ms"),
    ("validate", "  validation, GC paused", "ms"),
    ("check", "  cross-checks, GC paused", "ms"),
    ("catalog", "Catalog(...) build", "ms"),
    ("series", "Catalog.series", "ms"),
    ("warnings", "Catalog.warnings", "ms"),
    ("bar_chart", "chart.bar_chart", "ms"),
    ("metric_change", "  another metric, cold", "ms"),
    ("per_capita", "  per 100,000, cold", "ms"),
    ("rss_base", "RSS after imports", "MiB"),
    ("rss_peak", "peak RSS", "MiB"),
)


def _timed(function: Callable[..., T], *args: Any) -> tuple[float, T]:
    started = time.perf_counter()
    result = function(*args)
    return (time.perf_counter() - started) * 1000, result


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(path: Path, repeat: int) -> dict[str, float]:
    """Run in the child: every step ``repeat`` times on the file at ``path``; medians."""
    from legend_gui.model import loading
    from legend_gui.model.chart import ChartSettings, bar_chart
    from legend_gui.model.checks import check_dataset
    from legend_gui.model.queries import Catalog
    from legend_gui.model.validation import validate_dataset

    rss_base = _peak_rss_mib()
    samples: dict[str, list[float]] = {}

    def add(key: str, value: float) -> None:
        samples.setdefault(key, []).append(value)

    def paused(function: Callable[..., T], *args: Any) -> T:
        """Run with the cyclic GC paused: the CPU cost of a step, without GC passes."""
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args)
        finally:
            if gc_was_enabled:
                gc.enable()

    # Parts of the load, on their own, with the GC paused (the full load below includes it).
    data = path.read_bytes()
    for _ in range(repeat):
        elapsed, document = _timed(paused, loading.parse_document, data, str(path))
        add("parse", elapsed)
        elapsed, dataset = _timed(paused, validate_dataset, document.data)
        add("validate", elapsed)
        elapsed, _violations = _timed(paused, check_dataset, dataset)
        add("check", elapsed)
        document = dataset = _violations = None
        gc.collect()
    data = b""
    gc.collect()

    figures = 0
    for _ in range(repeat):
        elapsed, dataset = _timed(loading.load_dataset, path)
        add("load", elapsed)
        figures = sum(len(snapshot.figures) for snapshot in dataset.snapshots)
        elapsed, catalog = _timed(Catalog, dataset, str(path))
        add("catalog", elapsed)
        metric = catalog.default_metric()
        day = catalog.default_snapshot(metric)
        assert day is not None
        elapsed, _points = _timed(catalog.series, metric, day)
        add("series", elapsed)
        elapsed, _warnings = _timed(getattr, catalog, "warnings")
        add("warnings", elapsed)
        selected = catalog.cities[len(catalog.cities) // 2].id
        settings = ChartSettings(metric=metric, snapshot=day, city=selected)
        elapsed, _chart = _timed(bar_chart, catalog, settings)
        add("bar_chart", elapsed)
        # A metric change in the window: bar_chart for a metric not charted yet (nothing cached).
        other = next((m.id for m in catalog.chart_metrics if m.id != metric), metric)
        elapsed, _chart = _timed(bar_chart, catalog, settings.with_(metric=other))
        add("metric_change", elapsed)
        elapsed, _chart = _timed(bar_chart, catalog, settings.with_(metric=other, per_capita=True))
        add("per_capita", elapsed)
        dataset = catalog = _points = _warnings = _chart = None

    result = {key: statistics.median(values) for key, values in samples.items()}
    result["size"] = path.stat().st_size / 1024 / 1024
    result["figures"] = float(figures)
    result["rss_base"] = rss_base
    result["rss_peak"] = _peak_rss_mib()
    return result


def _run_child(path: Path, repeat: int) -> dict[str, float]:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", str(path), "--repeat", str(repeat)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _cell(key: str, unit: str, value: float) -> str:
    if unit == "count":
        return f"{value:,.0f}"
    if unit == "MiB":
        return f"{value:,.1f}"
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def _short(n: int) -> str:
    return f"{n // 1000:,}k" if n % 1000 == 0 else f"{n:,}"


def table(sizes: Sequence[int], results: Sequence[dict[str, float]]) -> str:
    """A Markdown table: one column per N, then the growth per 10× N."""
    header = ["", *(f"N={n:,}" for n in sizes)]
    growth = [(i - 1, i) for i in range(1, len(sizes)) if sizes[i] == sizes[i - 1] * 10]
    header += [f"{_short(sizes[b])} / {_short(sizes[a])}" for a, b in growth]
    lines = ["| " + " | ".join(header) + " |", "|---" + "|---:" * (len(header) - 1) + "|"]
    for key, label, unit in ROWS:
        cells = [f"{label} ({unit})"]
        cells += [_cell(key, unit, result[key]) for result in results]
        for a, b in growth:
            before, after = results[a][key], results[b][key]
            cells.append(f"{after / before:.1f}×" if before > 0 else "–")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(measure(args.child, args.repeat)))
        return 0

    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="legend-scale-") as folder:
        for n in args.sizes:
            path = Path(folder) / f"synthetic-{n}.json"
            # In its own process: a child forked from a parent holding a big dataset would
            # inherit the parent's peak RSS.
            command = [sys.executable, str(SYNTHETIC), "--cities", str(n), "-o", str(path)]
            subprocess.run([*command, "--no-validate"], check=True, stdout=subprocess.DEVNULL)
            print(f"N={n:,}: measuring {path.stat().st_size / 1024 / 1024:.1f} MiB …", flush=True)
            results.append(_run_child(path, args.repeat))
            path.unlink()
    print()
    print(f"Medians of {args.repeat} runs, each N in its own process.")
    print(table(args.sizes, results))
    if GOAL_CITIES in args.sizes:
        result = results[args.sizes.index(GOAL_CITIES)]
        for key, what, goal in (
            ("load", "load", GOAL_LOAD_MS),
            ("metric_change", "metric change", GOAL_METRIC_CHANGE_MS),
        ):
            verdict = "meets" if result[key] <= goal else "misses"
            print(
                f"{what} at N={GOAL_CITIES:,}: {result[key]:,.0f} ms, {verdict} the goal of "
                f"{goal:,.0f} ms (DESIGN.md §5)."
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

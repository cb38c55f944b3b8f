"""A large file as a user meets it: process start to chart drawn, against ``json.load``.

    uv run python benchmarks/synthetic.py --cities 100000 -o /tmp/big100k.json
    uv run python benchmarks/end_to_end.py /tmp/big100k.json [--runs 3] [--source DIR]

Two programs, run in alternation (A B A B …) after one warm-up each, so that machine noise hits
them alike (DESIGN.md §5):

  (a) ``json.load`` of the file, timed inside a plain interpreter (the same one)
  (b) ``legend-gui --smoke FILE``: first paint, chart drawn, and the longest the event loop was
      blocked in between (the app prints them), from process start

``--floors`` adds two programs that bound what any app on this stack could reach:

  (c) the records validated alone: pydantic's ``validate_json`` of the long arrays' chunks into
      the schema's records, timed inside a plain interpreter with the garbage collector off,
      as in the app's load (its imports, the file read and the validators' building are not
      counted)
  (d) the bare PySide6 window drawing a pyqtgraph bar chart (``startup.py``'s floor), from
      process start

A window that shows a chart of validated records pays both, one after the other: in one
interpreter ``validate_json`` holds the GIL throughout, and records validated in another
process cost more to send back than to make (README, Performance). (c) + (d) is printed as a
ratio to ``json.load``, beside the goal; and so is (d) + (e), where

  (e) the app's own load (``load_dataset_fast``: the file read, pydantic imported, the records
      validated, the repeated-key refusal and the cross-checks) and its index, from the first
      line of a plain interpreter: what the window needs before it can rank and draw, without
      the window's event-loop steps

For each run the kernel's accounting of the child (``os.wait4``) gives its CPU time (user +
system) and peak resident memory; CPU time moves far less than wall time on a shared machine.
Medians and the ratios the goals are written in are printed: chart drawn ≤ 2.5 × json.load,
peak ≤ 400 MB, longest stall ≤ 200 ms. ``--source DIR`` runs another checkout's ``legend_gui``
(e.g. an export of an older commit) with this interpreter, for before/after figures.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

from child import run_child
from startup import BARE_CHART

REPO = Path(__file__).resolve().parents[1]
GOAL_RATIO = 2.5
GOAL_PEAK_MB = 400
GOAL_STALL_MS = 200

JSON_LOAD = r"""
import json, sys, time
start = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as stream:
    json.load(stream)
print(f"json.load {1000 * (time.perf_counter() - start):.0f} ms", flush=True)
"""

VALIDATE_ALONE = r"""
import gc, sys, time
from legend_gui.model.fastload import CHUNK_BYTES
from legend_gui.model.json_split import chunks, long_arrays
from legend_gui.model.schema import City, ContextFigure, Figure
from legend_gui.model.validation import records_adapter
records = {"cities": City, "figures": Figure, "context": ContextFigure}
with open(sys.argv[1], "rb") as stream:
    raw = stream.read()
arrays = long_arrays(raw)
for array in arrays:
    records_adapter(records[array.key])  # built before the clock starts
gc.disable()  # as the app's load does: a collection would walk every record made so far
start = time.perf_counter()
kept = [
    records_adapter(records[array.key]).validate_json(part)
    for array in arrays
    for part in chunks(raw, array, CHUNK_BYTES)
]
print(f"validated {1000 * (time.perf_counter() - start):.0f} ms", flush=True)
"""

DATA_ALONE = r"""
import time
start = time.perf_counter()
import sys
from legend_gui.model.fastload import load_dataset_fast
from legend_gui.model.index import FigureIndex
FigureIndex(load_dataset_fast(sys.argv[1]))
print(f"indexed {1000 * (time.perf_counter() - start):.0f} ms", flush=True)
"""

_FIGURE = re.compile(
    r"(first paint|chart drawn|longest stall|json\.load|validated|indexed)(?: after)? (\d+) ms"
)


def run(command: list[str], cwd: Path) -> dict[str, float]:
    """Run ``command``; its printed figures (ms), wall and CPU ms and peak MB."""
    return run_child(command, cwd, _FIGURE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="a large data file (benchmarks/synthetic.py)")
    parser.add_argument("--runs", type=int, default=3, help="runs per program (median)")
    parser.add_argument("--source", type=Path, default=REPO, help="checkout whose app to run")
    parser.add_argument(
        "--floors", action="store_true", help="also (c) validation alone, (d) a bare chart"
    )
    options = parser.parse_args()
    data = str(options.file.resolve())
    programs = {
        "(a) json.load": [sys.executable, "-c", JSON_LOAD, data],
        "(b) legend-gui --smoke": [sys.executable, "-m", "legend_gui", "--smoke", data],
    }
    if options.floors:
        programs["(c) validation alone"] = [sys.executable, "-c", VALIDATE_ALONE, data]
        programs["(d) bare pyqtgraph bars"] = [sys.executable, "-c", BARE_CHART]
        programs["(e) load and index alone"] = [sys.executable, "-c", DATA_ALONE, data]
    for command in programs.values():  # warm bytecode and file caches
        run(command, options.source)
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in programs}
    for _ in range(options.runs):
        for name, command in programs.items():
            samples[name].append(run(command, options.source))

    def median(name: str, key: str) -> float:
        return statistics.median(sample[key] for sample in samples[name])

    print(f"{options.file.name}: median of {options.runs} alternating runs")
    keys = ("json.load", "validated", "indexed", "first paint", "chart drawn", "longest stall")
    keys += ("cpu", "peak MB")
    print(f"{'program':<24}" + "".join(f"{key:>15}" for key in keys))
    for name in programs:
        cells = [f"{median(name, key):,.0f}" if key in samples[name][0] else "—" for key in keys]
        print(f"{name:<24}" + "".join(f"{cell:>15}" for cell in cells))
    load = median("(a) json.load", "json.load")
    load_cpu = median("(a) json.load", "cpu")
    chart = median("(b) legend-gui --smoke", "chart drawn")
    app_cpu = median("(b) legend-gui --smoke", "cpu")
    print()
    print(f"chart drawn: {chart / load:.2f} × json.load (goal ≤ {GOAL_RATIO})")
    print(f"CPU time:    {app_cpu / load_cpu:.2f} × the json.load process's")
    peak = median("(b) legend-gui --smoke", "peak MB")
    print(f"peak memory: {peak:.0f} MB (goal ≤ {GOAL_PEAK_MB})")
    if "longest stall" in samples["(b) legend-gui --smoke"][0]:
        stall = median("(b) legend-gui --smoke", "longest stall")
        print(f"longest stall: {stall:.0f} ms (goal ≤ {GOAL_STALL_MS})")
    if options.floors:
        floor = median("(c) validation alone", "validated")
        floor += median("(d) bare pyqtgraph bars", "chart drawn")
        print(
            f"floor (c) + (d): {floor / load:.2f} × json.load: a chart window plus validating "
            "the records, before any cross-check, index or catalog"
        )
        data_path = median("(e) load and index alone", "indexed")
        data_path += median("(d) bare pyqtgraph bars", "chart drawn")
        print(
            f"(d) + (e):       {data_path / load:.2f} × json.load: a chart window plus the "
            "app's load (cross-checks included) and index, without a window's steps"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What a large file's load cannot go below while every record is a validated object.

    uv run python benchmarks/synthetic.py --cities 100000 -o /tmp/big100k.json
    uv run python benchmarks/load_floor.py /tmp/big100k.json [--runs 5]

The end-to-end goal (DESIGN.md §5) is chart drawn within 2.5 × ``json.load`` of the file. This
splits the load's work into the layers it is built from and times each against ``json.load``,
in one process, in alternation (A B C … A B C …), medians of ``--runs``:

  (a) ``json.load`` of the file: the yardstick
  (b) ``json.loads`` of the long arrays' chunks (``model.json_split``): the same text in parts
  (c) pydantic's ``from_json`` of the chunks: pydantic's parser alone, into dicts
  (d) ``validate_json`` of the chunks into the records (cities, figures): what the app does,
      without the skeleton, the key counts, the cross-checks or the index
  (e) the cross-checks' quick verdict and the index (``checks_in_steps``, ``Catalog``) on the
      dataset the fast loader builds

The cyclic GC is paused as the fast loader pauses it. (d) over (a) is the floor of a load that
validates every record into an object; the app's first frame and its chart's imports
(numpy, pyqtgraph: ``benchmarks/startup.py`` times them) come on top, before any check.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from legend_gui.model import fastload  # noqa: E402 - after the path is set
from legend_gui.model.checks import checks_in_steps  # noqa: E402
from legend_gui.model.json_split import chunks, long_arrays  # noqa: E402
from legend_gui.model.queries import Catalog  # noqa: E402
from legend_gui.model.validation import records_adapter  # noqa: E402


def _timed(action: Callable[[], object]) -> float:
    """Milliseconds to make ``action``'s result; freeing it afterwards is not counted (the app
    keeps what it loads)."""
    start = time.perf_counter()
    result = action()
    elapsed = (time.perf_counter() - start) * 1000
    del result
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="a large data file (benchmarks/synthetic.py)")
    parser.add_argument("--runs", type=int, default=5, help="runs per layer (median)")
    options = parser.parse_args()
    raw = options.file.read_bytes()
    parts = [
        (array.key, chunk)
        for array in long_arrays(raw)
        for chunk in chunks(raw, array, fastload.CHUNK_BYTES)
    ]
    adapters = {key: records_adapter(fastload._RECORDS[key]()) for key, _ in parts}
    dataset = fastload.load_dataset_fast(options.file)

    def load() -> object:
        with options.file.open(encoding="utf-8") as stream:
            return json.load(stream)

    def checks_and_index() -> None:
        for _ in checks_in_steps(dataset):
            pass
        Catalog(dataset, str(options.file))

    from pydantic_core import from_json

    layers: dict[str, Callable[[], object]] = {
        "(a) json.load of the file": load,
        "(b) json.loads of the chunks": lambda: [json.loads(c) for _, c in parts],
        "(c) pydantic from_json of the chunks": lambda: [from_json(c) for _, c in parts],
        "(d) validate_json into the records": lambda: [
            adapters[key].validate_json(c) for key, c in parts
        ],
        "(e) cross-checks and index": checks_and_index,
    }
    times: dict[str, list[float]] = {name: [] for name in layers}
    gc.disable()
    for _ in range(options.runs + 1):  # the first round warms up and is dropped
        for name, action in layers.items():
            times[name].append(_timed(action))
            gc.collect()
    floor = statistics.median(times["(a) json.load of the file"][1:])
    print(f"{options.file.name}: medians of {options.runs} alternating runs, in one process")
    print(f"{'layer':40} {'ms':>8} {'× json.load':>12}")
    for name, measured in times.items():
        median = statistics.median(measured[1:])
        print(f"{name:40} {median:8,.0f} {median / floor:12.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Prototypes of a large file's load on other cores, against ``json.load`` and the app.

    uv run python benchmarks/other_cores.py /tmp/big100k.json [--runs 5]

Not the app: what the README's Performance section cites for how near the 100,000-city goal
(chart drawn ≤ 2.5 × ``json.load``) a load on other cores could come. Run in alternation
(A B C D A B C D …) after one warm-up each:

  (a) ``json.load`` of the file (as in ``end_to_end.py``)
  (b) ``legend-gui --smoke FILE``
  (c) two processes: a window starts and imports pyqtgraph while a second process runs the
      app's fast load (validation, repeated keys, cross-checks) and sends back columns
      (positions and values as arrays, names as lists); the window charts the top 25
  (d) three processes: the same with two loads, each leaving out the other's snapshots
  (e) three processes, the window holding the app's records: two loads validate every other
      chunk of the long arrays (as the app's fast load cuts them) and send each chunk's
      fields as columns; the window makes the app's own records from them (no pydantic, no
      checks) and charts the top 25 from those records

The prototypes have no catalog, detail pane, search, warnings or cross-checks: they are the
least these designs could cost. Each process prints its own peak memory; the table sums them.
``--verify`` checks once that (e)'s records equal the app's load of the file.
"""

from __future__ import annotations

import argparse
import gc
import heapq
import marshal
import os
import re
import statistics
import subprocess
import sys
import time
from array import array
from collections import Counter
from operator import attrgetter
from pathlib import Path

from child import run_child
from chunk_columns import city_columns, figure_columns, records_from
from end_to_end import JSON_LOAD

REPO = Path(__file__).resolve().parents[1]
_FIGURE = re.compile(r"(json\.load|chart drawn|peak)(?: after)? (\d+) (?:ms|MB)")


def _process_age() -> float:
    """Seconds since this process started (the kernel's record), as ``startup.py`` times."""
    with open("/proc/self/stat") as stat:
        start = int(stat.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as uptime:
        now = float(uptime.read().split()[0])
    return now - start / os.sysconf("SC_CLK_TCK")


def _peak_mb() -> int:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def load(path: str, part: int, parts: int) -> None:
    """A load process: the app's fast load of ``path`` with the figures of every snapshot but
    those numbered ``part`` modulo ``parts`` left out; their columns to stdout."""
    from legend_gui.model.fastload import parse_in_steps
    from legend_gui.model.json_split import long_arrays

    raw = Path(path).read_bytes()
    pieces, last = [], 0
    for number, array_ in enumerate(a for a in long_arrays(raw) if a.key == "figures"):
        if number % parts != part:
            pieces.append(raw[last : array_.start + 1])  # up to and with its "["
            last = array_.end  # from its "]"
    pieces.append(raw[last:])
    steps = parse_in_steps(b"".join(pieces), path, 0)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            dataset = done.value
            break
    position = {city.id: index for index, city in enumerate(dataset.cities)}
    metric_ids = [metric.id for metric in dataset.metrics]
    metric_position = {metric_id: index for index, metric_id in enumerate(metric_ids)}
    snapshots = []
    for number, snapshot in enumerate(dataset.snapshots):
        if number % parts != part:
            continue
        figures = snapshot.figures
        cities = array("i", [position.get(f.city, -1) if f.city else -1 for f in figures])
        metrics = array("i", [metric_position[f.metric] for f in figures])
        values = array("d", [f.value for f in figures])
        snapshots.append((number, cities.tobytes(), metrics.tobytes(), values.tobytes()))
    names = None
    if part == 0:
        names = [f"{city.name}, {city.state}" for city in dataset.cities]
    payload = marshal.dumps((names, snapshots))
    sys.stdout.buffer.write(len(payload).to_bytes(8, "little") + payload)
    sys.stdout.flush()
    print(f"peak {_peak_mb()} MB", file=sys.stderr, flush=True)


def chunk_load(path: str, part: int, parts: int) -> None:
    """(e)'s load process: every chunk numbered ``part`` modulo ``parts`` validated by the
    app's validators, and sent as it is done: (array number, chunk number, its columns)."""
    from legend_gui.model.fastload import CHUNK_BYTES
    from legend_gui.model.json_split import chunks, long_arrays
    from legend_gui.model.schema import City, Figure
    from legend_gui.model.validation import records_adapter

    gc.disable()  # as the app's fast load: no collection walks the records for nothing
    raw = Path(path).read_bytes()
    encode = {"cities": (City, city_columns), "figures": (Figure, figure_columns)}
    number = -1
    for array_number, array_ in enumerate(long_arrays(raw)):
        record, columns = encode[array_.key]  # the synthetic file has no "context"
        adapter = records_adapter(record)
        for chunk_number, chunk in enumerate(chunks(raw, array_, CHUNK_BYTES)):
            number += 1
            if number % parts == part:
                encoded = columns(adapter.validate_json(chunk))
                payload = marshal.dumps((array_number, chunk_number, encoded))
                sys.stdout.buffer.write(len(payload).to_bytes(8, "little") + payload)
    sys.stdout.flush()
    print(f"peak {_peak_mb()} MB", file=sys.stderr, flush=True)


def window(path: str, parts: int, started: float, records: bool) -> None:
    """The window: first frame and pyqtgraph while ``parts`` load processes run; then the
    top 25 from the loads' columns, or (``records``, prototype (e)) from the app's records."""

    def ms() -> float:
        return (time.perf_counter() - started) * 1000

    mode = "--chunk-load" if records else "--load"
    loads = [
        subprocess.Popen(
            [sys.executable, __file__, mode, path, str(part), str(parts)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=REPO,
        )
        for part in range(parts)
    ]
    from PySide6.QtCore import QStringListModel, QTimer
    from PySide6.QtWidgets import QApplication, QListView, QSplitter

    app = QApplication([])
    split = QSplitter()
    view = QListView()
    split.addWidget(view)
    split.resize(1280, 800)
    split.show()
    app.processEvents()
    import pyqtgraph as pg

    class Plot(pg.PlotWidget):
        ready = False
        done = False

        def paintEvent(self, event: object) -> None:
            super().paintEvent(event)
            if self.ready and not self.done:
                self.done = True
                print(f"chart drawn after {ms():.0f} ms", flush=True)
                QTimer.singleShot(0, app.quit)

    plot = Plot()
    split.addWidget(plot)
    app.processEvents()
    names, values, labels = (_top_from_records if records else _top_from_columns)(loads)
    peaks = 0
    for process in loads:
        assert process.stderr is not None
        peaks += int(re.findall(r"peak (\d+) MB", process.stderr.read().decode())[-1])
        process.wait()
    view.setModel(QStringListModel(names))
    plot.addItem(pg.BarGraphItem(x0=0, y=list(range(len(values))), height=0.6, width=values))
    plot.getAxis("left").setTicks([list(enumerate(labels))])
    plot.ready = True
    plot.update()
    app.exec()
    print(f"peak {peaks + _peak_mb()} MB", flush=True)


_Top = tuple[list[str], list[float], list[str]]


def _top_from_columns(loads: list[subprocess.Popen[bytes]]) -> _Top:
    """(c) and (d): the list's names, and the top 25 of the last snapshot's metric most
    cities report, from the loads' columns."""
    import numpy as np

    names: list[str] = []
    snapshots = []
    for process in loads:
        assert process.stdout is not None
        size = int.from_bytes(process.stdout.read(8), "little")
        part_names, part_snapshots = marshal.loads(process.stdout.read(size))
        names = part_names or names
        snapshots += part_snapshots
    _number, city_bytes, metric_bytes, value_bytes = max(snapshots)  # the last snapshot
    cities = np.frombuffer(city_bytes, dtype=np.int32)
    metrics = np.frombuffer(metric_bytes, dtype=np.int32)
    values = np.frombuffer(value_bytes)
    named = cities >= 0
    metric = np.bincount(metrics[named]).argmax()
    chosen = named & (metrics == metric)
    top = np.argsort(-values[chosen], kind="stable")[:25]
    return names, list(values[chosen][top]), [names[cities[chosen][i]] for i in top]


def _top_from_records(loads: list[subprocess.Popen[bytes]]) -> _Top:
    """(e): the same from the app's records."""
    whole = records_from(loads)
    cities, last = whole[0], whole[-1]
    names = [f"{city.name}, {city.state}" for city in cities]
    named = [figure for figure in last if figure.city is not None]
    metric = Counter(figure.metric for figure in named).most_common(1)[0][0]
    top = heapq.nlargest(25, (f for f in named if f.metric == metric), key=attrgetter("value"))
    by_id = {city.id: name for city, name in zip(cities, names, strict=True)}
    return names, [figure.value for figure in top], [by_id[figure.city] for figure in top]


def _verify(path: str) -> bool:
    """Whether (e)'s records equal the app's load of ``path``, array by array."""
    from legend_gui.model.fastload import load_dataset_fast

    loads = [
        subprocess.Popen(
            [sys.executable, __file__, "--chunk-load", path, str(part), "2"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=REPO,
        )
        for part in range(2)
    ]
    made = records_from(loads)
    for process in loads:
        process.wait()
    dataset = load_dataset_fast(path)
    app = [list(dataset.cities), *(list(snapshot.figures) for snapshot in dataset.snapshots)]
    return made == app


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="a large data file (benchmarks/synthetic.py)")
    parser.add_argument("--runs", type=int, default=5, help="runs per program (median)")
    parser.add_argument("--verify", action="store_true", help="check (e)'s records, once")
    options = parser.parse_args()
    data = str(options.file.resolve())
    if options.verify:
        same = _verify(data)
        print(f"(e)'s records {'equal' if same else 'DIFFER FROM'} the app's load")
        return 0 if same else 1
    here = str(Path(__file__).resolve())
    programs = {
        "(a) json.load": [sys.executable, "-c", JSON_LOAD, data],
        "(b) legend-gui --smoke": [sys.executable, "-m", "legend_gui", "--smoke", data],
        "(c) two processes": [sys.executable, here, "--window", data, "1"],
        "(d) three processes": [sys.executable, here, "--window", data, "2"],
        "(e) records in window": [sys.executable, here, "--records-window", data, "2"],
    }
    for command in programs.values():  # warm bytecode and file caches
        run_child(command, REPO, _FIGURE)
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in programs}
    for _ in range(options.runs):
        for name, command in programs.items():
            samples[name].append(run_child(command, REPO, _FIGURE))

    def median(name: str, key: str) -> float:
        return statistics.median(sample[key] for sample in samples[name])

    loaded = median("(a) json.load", "json.load")
    print(f"{options.file.name}: median of {options.runs} alternating runs")
    print(f"{'program':<24}{'chart drawn':>14}{'× json.load':>14}{'memory, all processes':>24}")
    print(f"{'(a) json.load':<24}{loaded:>14,.0f}")
    for name in list(programs)[1:]:
        chart = median(name, "chart drawn")
        memory = median(name, "peak") if "peak" in samples[name][0] else median(name, "peak MB")
        print(f"{name:<24}{chart:>14,.0f}{chart / loaded:>14.2f}{memory:>21,.0f} MB")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--load"]:
        load(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[1:2] == ["--chunk-load"]:
        chunk_load(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[1:2] in (["--window"], ["--records-window"]):
        started = time.perf_counter() - _process_age()
        window(sys.argv[2], int(sys.argv[3]), started, sys.argv[1] == "--records-window")
    else:
        sys.exit(main())

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

The prototypes have no catalog, detail pane, search or warnings: they are the least these
designs could cost. Each process prints its own peak memory; the table sums them.
"""

from __future__ import annotations

import argparse
import marshal
import os
import re
import statistics
import subprocess
import sys
import time
from array import array
from pathlib import Path

from child import run_child
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


def window(path: str, parts: int, started: float) -> None:
    """The window: first frame and pyqtgraph while ``parts`` load processes run."""

    def ms() -> float:
        return (time.perf_counter() - started) * 1000

    loads = [
        subprocess.Popen(
            [sys.executable, __file__, "--load", path, str(part), str(parts)],
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
    import numpy as np
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
    names: list[str] = []
    snapshots = []
    peaks = 0
    for process in loads:
        assert process.stdout is not None
        assert process.stderr is not None
        size = int.from_bytes(process.stdout.read(8), "little")
        part_names, part_snapshots = marshal.loads(process.stdout.read(size))
        names = part_names or names
        snapshots += part_snapshots
        peaks += int(re.findall(r"peak (\d+) MB", process.stderr.read().decode())[-1])
        process.wait()
    _number, city_bytes, metric_bytes, value_bytes = max(snapshots)  # the last snapshot
    cities = np.frombuffer(city_bytes, dtype=np.int32)
    metrics = np.frombuffer(metric_bytes, dtype=np.int32)
    values = np.frombuffer(value_bytes)
    named = cities >= 0
    metric = np.bincount(metrics[named]).argmax()  # the metric most cities report
    chosen = named & (metrics == metric)
    top = np.argsort(-values[chosen], kind="stable")[:25]
    view.setModel(QStringListModel(names))
    plot.addItem(
        pg.BarGraphItem(x0=0, y=list(range(len(top))), height=0.6, width=values[chosen][top])
    )
    labels = [names[cities[chosen][i]] for i in top]
    plot.getAxis("left").setTicks([list(enumerate(labels))])
    plot.ready = True
    plot.update()
    app.exec()
    print(f"peak {peaks + _peak_mb()} MB", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="a large data file (benchmarks/synthetic.py)")
    parser.add_argument("--runs", type=int, default=5, help="runs per program (median)")
    options = parser.parse_args()
    data = str(options.file.resolve())
    here = str(Path(__file__).resolve())
    programs = {
        "(a) json.load": [sys.executable, "-c", JSON_LOAD, data],
        "(b) legend-gui --smoke": [sys.executable, "-m", "legend_gui", "--smoke", data],
        "(c) two processes": [sys.executable, here, "--window", data, "1"],
        "(d) three processes": [sys.executable, here, "--window", data, "2"],
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
    elif sys.argv[1:2] == ["--window"]:
        window(sys.argv[2], int(sys.argv[3]), time.perf_counter() - _process_age())
    else:
        sys.exit(main())

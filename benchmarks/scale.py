"""The app at 1,000, 10,000 and 100,000 cities: load, list, filter, chart, export, memory.

    uv run python benchmarks/scale.py [--sizes 1000 10000 100000] [--repeat 5]

Each N runs in its own process (so peak memory is that N's alone) on a synthetic dataset from
``benchmarks/synthetic.py``, offscreen, and reports medians in ms:

  load       read + validation + cross-reference checks + Catalog index, as the command line
             does it (``load_dataset_fast``: a large file the GUI's fast way, in one go)
  list       window constructed and shown until the city list's first paint
  keystroke  one more character in the search box: filter, model reset, list repainted
  metric     a metric change: chart data from the model, bars redrawn and repainted
  export     the chart as a 1920 × 1080 PNG (light theme, captions, encoding)
  stall      the longest the event loop was blocked in the 3 s after the window shows
             (pyqtgraph's import, run once after the first frame, is part of it)
  peak MB    the process's peak resident memory

Goals at 100,000 (DESIGN.md §5, issue "Speed at every scale"): load ≤ 1,500, keystroke ≤ 50,
metric ≤ 100, stall ≤ 200, peak ≤ 400 MB. The last column shows how a figure grows from one N
to the next (×10 cities); linear growth is 10×.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
GOALS = {"load": 1500, "keystroke": 50, "metric": 100, "stall": 200, "peak MB": 400}
COLUMNS = ("load", "list", "keystroke", "metric", "export", "stall", "peak MB")


def measure(n: int, repeat: int) -> dict[str, float]:
    """Everything for one N, in this process (run by the parent in a subprocess)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import synthetic

    folder = Path(tempfile.mkdtemp(prefix="legend-scale-"))
    data_file = folder / f"cities-{n}.json"
    data_file.write_bytes(synthetic.dumps(synthetic.make_dataset(n)))

    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer

    from legend_gui.model import Catalog, load_dataset_fast
    from legend_gui.ui.qtapp import application

    app = application()
    loads = []
    catalog = None
    for _ in range(repeat):
        catalog = None  # as when a user opens a file: the previous dataset is already gone
        gc.collect()
        start = time.perf_counter()
        catalog = Catalog(load_dataset_fast(data_file), str(data_file))
        loads.append((time.perf_counter() - start) * 1000)

    from legend_gui.ui.main_window import MainWindow
    from legend_gui.ui.settings import AppSettings

    settings = AppSettings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    painted: list[float] = []
    start = time.perf_counter()
    window = MainWindow(catalog, settings=settings)
    window.city_view.first_painted.connect(painted.append)
    window.resize(1280, 800)
    window.show()
    while not painted:
        app.processEvents()
    list_ms = (painted[0] - start) * 1000

    # The event loop's longest block while the deferred work (pyqtgraph, first chart) runs.
    ticks: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
    timer.start()
    end = time.perf_counter() + 3.0
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    stall = float(max([ticks[0], *gaps])) if ticks else 3000.0

    def timed(action) -> float:  # type: ignore[no-untyped-def]
        begin = time.perf_counter()
        action()
        return (time.perf_counter() - begin) * 1000

    keystrokes = []
    for letter in "aeiou"[:repeat]:
        window.search_box.clear()
        window.search_box.setText("m")
        app.processEvents()

        def type_one(letter: str = letter) -> None:
            window.search_box.insert(letter)  # as a key press would: textChanged, filter, reset
            window.city_view.viewport().repaint()

        keystrokes.append(timed(type_one))
    window.search_box.clear()
    app.processEvents()

    metrics = [m.id for m in catalog.chart_metrics]
    changes = []
    for i in range(repeat):
        metric = metrics[(i + 1) % len(metrics)]

        def change(metric: str = metric) -> None:
            window.set_metric(metric)
            window.chart_panel.plot("bars").viewport().repaint()

        changes.append(timed(change))

    from legend_gui import export

    chart = window.chart_panel.chart
    exports = [
        timed(lambda: export.chart_image_bytes(chart, ".png", (1920, 1080))) for _ in range(3)
    ]
    window.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "load": statistics.median(loads),
        "list": list_ms,
        "keystroke": statistics.median(keystrokes),
        "metric": statistics.median(changes),
        "export": statistics.median(exports),
        "stall": stall,
        "peak MB": peak,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process mode
    options = parser.parse_args()
    if options.one:
        print(json.dumps(measure(options.one, options.repeat)))
        return 0
    results: dict[int, dict[str, float]] = {}
    for n in options.sizes:
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--repeat", str(options.repeat)],
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )
        if child.returncode != 0:
            print(child.stderr, file=sys.stderr)
            return 1
        results[n] = json.loads(child.stdout.strip().splitlines()[-1])
    header = f"{'':<11}" + "".join(f"{n:>11,}" for n in options.sizes) + "   goal   growth/10×"
    print("Legend Viewer at scale (ms, medians; peak in MB)")
    print(header)
    for column in COLUMNS:
        row = f"{column:<11}" + "".join(f"{results[n][column]:>11,.0f}" for n in options.sizes)
        goal = GOALS.get(column)
        row += f"{('≤' + format(goal, ',')) if goal else '':>7}"
        growth = [
            results[b][column] / results[a][column]
            for a, b in zip(options.sizes, options.sizes[1:], strict=False)
            if results[a][column] > 0
        ]
        row += "   " + ", ".join(f"{g:.1f}×" for g in growth)
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())

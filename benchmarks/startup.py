"""Start-up against the floor of the same stack, measured side by side in one run.

    uv run python benchmarks/startup.py [--runs 7] [--frozen dist/legend-gui/legend-gui]

Programs, run in alternation (A B C D A B C D …) after one warm-up each, so that machine noise
hits them alike; medians are reported with the ratios the project's goals are written in:

  (a) a bare PySide6 window showing a list of nine names        floor for "list on screen"
  (b) a bare PySide6 window drawing a nine-bar pyqtgraph chart  floor for "chart drawn"
  (c) ``legend-gui --smoke`` from source, as every start after the first: the file's validated
      dataset is kept (``model/validated_cache.py``, here in a folder of the benchmark's own)
  (d) the frozen one-folder app's ``--smoke``, when it has been built (the same)
  (e) ``legend-gui --smoke`` from source as the very first start: nothing kept, so pydantic
      validates the file (each run gets an empty folder)
  (f) the frozen app's very first start (an empty folder too): it reads the bundled dataset
      its build validated

Goals (DESIGN.md §5): (c) list ≤ 2.0 × (a); (c) chart ≤ 1.25 × (b); (d) ≤ 1.1 × (c).
All times are from process start (the kernel's record), measured by the program itself; CPU
time (user + system) is the kernel's account of each process (``os.wait4``).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

from child import run_child

REPO = Path(__file__).resolve().parents[1]

_AGE = r"""
import os, time
def _age():
    with open('/proc/self/stat') as f:
        start = int(f.read().rsplit(')', 1)[1].split()[19])
    with open('/proc/uptime') as f:
        now = float(f.read().split()[0])
    return now - start / os.sysconf('SC_CLK_TCK')
_OFFSET, _T0 = _age(), time.perf_counter()
def ms(): return (_OFFSET + time.perf_counter() - _T0) * 1000
"""

BARE_LIST = (
    _AGE
    + r"""
from PySide6.QtCore import QStringListModel, QTimer
from PySide6.QtWidgets import QApplication, QListView
app = QApplication([])
names = ["Kansas City", "Chicago", "Albuquerque", "Cleveland", "Detroit", "Milwaukee",
         "St. Louis", "Memphis", "Indianapolis"]
class View(QListView):
    done = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not View.done:
            View.done = True
            print(f"first paint after {ms():.0f} ms", flush=True)
            QTimer.singleShot(0, app.quit)
view = View()
view.setModel(QStringListModel(names))
view.resize(400, 300)
view.show()
app.exec()
"""
)

BARE_CHART = (
    _AGE
    + r"""
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import pyqtgraph as pg
app = QApplication([])
values = [274, 176, 136, 113, 96, 94, 65, 54, 51]
class Plot(pg.PlotWidget):
    done = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not Plot.done:
            Plot.done = True
            print(f"chart drawn after {ms():.0f} ms", flush=True)
            QTimer.singleShot(0, app.quit)
plot = Plot()
plot.addItem(pg.BarGraphItem(x0=0, y=list(range(9)), height=0.6, width=values))
plot.getAxis("left").setTicks([[(i, f"City {i}") for i in range(9)]])
plot.resize(800, 500)
plot.show()
app.exec()
"""
)

_TIMING = re.compile(r"(first paint|chart drawn) after (\d+) ms")


def run(command: list[str], environment: dict[str, str] | None = None) -> dict[str, float]:
    """The program's printed figures (ms), and its CPU time (ms)."""
    return run_child(command, REPO, _TIMING, environment)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per program (median)")
    parser.add_argument(
        "--frozen",
        type=Path,
        default=REPO / "dist" / "legend-gui" / "legend-gui",
        help="the frozen app to include if it exists",
    )
    options = parser.parse_args()
    app = [sys.executable, "-m", "legend_gui", "--smoke"]
    programs: dict[str, list[str]] = {
        "(a) bare PySide6 list": [sys.executable, "-c", BARE_LIST],
        "(b) bare pyqtgraph bars": [sys.executable, "-c", BARE_CHART],
        "(c) legend-gui --smoke": app,
    }
    if options.frozen.exists():
        programs["(d) frozen --smoke"] = [str(options.frozen), "--smoke"]
    programs["(e) first start"] = app
    if options.frozen.exists():
        programs["(f) frozen first start"] = [str(options.frozen), "--smoke"]
    with tempfile.TemporaryDirectory() as folder:
        kept = {"LEGEND_GUI_CACHE_DIR": str(Path(folder) / "kept")}

        def environment(name: str) -> dict[str, str]:
            if name.startswith(("(e)", "(f)")):
                return {"LEGEND_GUI_CACHE_DIR": tempfile.mkdtemp(dir=folder)}
            return kept

        for name, command in programs.items():  # warm bytecode, file caches and the kept data
            run(command, environment(name))
        samples: dict[str, list[dict[str, float]]] = {name: [] for name in programs}
        for _ in range(options.runs):
            for name, command in programs.items():
                samples[name].append(run(command, environment(name)))

    def median(name: str, key: str) -> float:
        return statistics.median(sample[key] for sample in samples[name])

    print(f"start-up, median of {options.runs} alternating runs (ms from process start)")
    print(f"{'program':<26}{'first paint':>12}{'chart drawn':>13}{'CPU':>8}")
    for name in programs:
        paint = median(name, "first paint") if "first paint" in samples[name][0] else None
        chart = median(name, "chart drawn") if "chart drawn" in samples[name][0] else None
        print(
            f"{name:<26}{(f'{paint:.0f}' if paint else '—'):>12}"
            f"{(f'{chart:.0f}' if chart else '—'):>13}{median(name, 'cpu'):>8.0f}"
        )
    floor_list = median("(a) bare PySide6 list", "first paint")
    floor_chart = median("(b) bare pyqtgraph bars", "chart drawn")
    app_paint = median("(c) legend-gui --smoke", "first paint")
    app_chart = median("(c) legend-gui --smoke", "chart drawn")
    print()
    print(f"list on screen: {app_paint / floor_list:.2f} × the bare list window (goal ≤ 2.0)")
    print(f"chart drawn:    {app_chart / floor_chart:.2f} × the bare chart window (goal ≤ 1.25)")
    cpu_ratio = median("(c) legend-gui --smoke", "cpu") / median("(b) bare pyqtgraph bars", "cpu")
    print(f"CPU time:       {cpu_ratio:.2f} × the bare chart window's")
    if "(d) frozen --smoke" in programs:
        frozen = median("(d) frozen --smoke", "chart drawn")
        print(f"frozen:         {frozen / app_chart:.2f} × from source (goal ≤ 1.1)")
    first = median("(e) first start", "chart drawn") / floor_chart
    print(f"first start:    chart drawn {first:.2f} × the bare chart window (nothing kept yet)")
    if "(f) frozen first start" in programs:
        frozen_first = median("(f) frozen first start", "chart drawn") / floor_chart
        print(f"frozen, first:  chart drawn {frozen_first:.2f} × the bare chart window")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The Map and Table views: how long a redraw takes at 9 and at 100,000 cities (goal ≤ 100 ms).

    uv run python benchmarks/views.py [--big FILE] [--repeat 5]

What is timed is what the window does on a change, end to end from the catalog:

- **map, metric change**: the map model from the chart model (``map_entries.map_chart``: the
  top ``MAX_MARKERS`` cities, cold rankings), layout and paint into a 1280 × 800 image;
- **map, selection change**: the same with the rankings cached (what a click costs);
- **table, metric change**: ``CityTable`` built for every city, the Qt model reset and the
  visible rows painted (``viewport().repaint()``, 1280 × 800 window);
- **table, back to a metric**: the same with the earlier figures and sorts cached;
- **table, sort**: one click on a value column's header (a cold sort) and the repaint.

``--big`` is a file from ``benchmarks/synthetic.py`` (made in /tmp if missing). Wall times
(median, minimum) and the process's CPU time (minimum) in ms: the machine is shared, so when
other processes compete for the cores the minimum and the CPU time are the better guides.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from legend_gui.ui.qtapp import application, prefer_offscreen_without_display

prefer_offscreen_without_display()


def timed(
    run: Callable[[], object], repeat: int, before: Callable[[], object] = lambda: None
) -> list[tuple[float, float]]:
    """(wall, CPU) ms of ``repeat`` runs; the first run warms fonts and outlines: not counted."""
    times = []
    for index in range(repeat + 1):
        before()
        cpu, start = time.process_time(), time.perf_counter()
        run()
        if index:
            wall = (time.perf_counter() - start) * 1000
            times.append((wall, (time.process_time() - cpu) * 1000))
    return times


def measure(path: Path | None, repeat: int) -> dict[str, list[tuple[float, float]]]:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter

    from legend_gui.model import Catalog, city_table
    from legend_gui.model.chart import ChartSettings
    from legend_gui.model.city_table import CityTable
    from legend_gui.model.fastload import load_dataset_fast
    from legend_gui.model.map_entries import map_chart
    from legend_gui.resources import bundled_dataset
    from legend_gui.ui.map_draw import LIGHT_MAP, layout_scene, paint_scene
    from legend_gui.ui.table_view import TablePanel

    file = path or bundled_dataset()
    # As the app reads it: a large file the fast way, its records then out of the garbage
    # collector's reach (a small one goes to the strict loader all the same).
    catalog = Catalog(load_dataset_fast(file), str(file))
    metric = catalog.default_metric()
    day = catalog.default_snapshot(metric)
    settings = ChartSettings(metric, day, city=catalog.cities[-1].id)
    image = QImage(1280, 800, QImage.Format.Format_ARGB32_Premultiplied)

    def cold() -> None:
        """A change meets no cached ranking, earlier figures or sort order."""
        catalog._leaderboards.clear()
        city_table._CACHES.clear()

    def draw_map() -> None:
        chart = map_chart(catalog, settings)
        scene = layout_scene(chart, QRectF(0, 0, 1280, 800))
        painter = QPainter(image)
        paint_scene(painter, scene, LIGHT_MAP)
        painter.end()

    panel = TablePanel()
    panel.resize(1280, 800)
    panel.show()
    application().processEvents()

    def table_change() -> None:
        panel.set_table(CityTable(catalog, settings), settings.city)
        panel.view.viewport().repaint()

    column = 2  # the first metric's values

    def unsorted() -> None:
        panel.model.sort_column = -1
        panel.set_table(CityTable(catalog, settings), None)
        cold()

    def table_sort() -> None:
        panel.view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        panel.view.viewport().repaint()

    return {
        "map, metric change": timed(draw_map, repeat, cold),
        "map, selection change": timed(draw_map, repeat),
        "table, metric change": timed(table_change, repeat, cold),
        "table, back to a metric": timed(table_change, repeat),
        "table, sort": timed(table_sort, repeat, unsorted),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", type=Path, default=Path("/tmp/legend-100k.json"))
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    application()
    if not options.big.exists():
        here = Path(__file__).resolve().parent
        subprocess.run(
            [
                sys.executable,
                str(here / "synthetic.py"),
                "--cities",
                "100000",
                "-o",
                str(options.big),
            ],
            check=True,
        )
    print(f"{'':<26}{'9 cities':>24}{'100,000 cities':>26}   (ms: median wall, min wall, min CPU)")
    small = measure(None, options.repeat)
    big = measure(options.big, options.repeat)
    for name in small:
        cells = ""
        for times in (small[name], big[name]):
            walls, cpus = [w for w, _c in times], [c for _w, c in times]
            cells += f"{statistics.median(walls):9.1f} ({min(walls):6.1f}, {min(cpus):6.1f})"
        print(f"{name:<26}{cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How long a chart export takes: PNG at 1920×1080 and A4 300 dpi, SVG, CSV (median of N).

    uv run python benchmarks/export_times.py [--data FILE] [--repeat 5]

Times ``legend_gui.export.export_chart`` end to end (build the chart from the model, render,
encode, write atomically to a temporary folder), in one warm process: the first export, which
creates the QApplication and imports pyqtgraph, is timed apart as "first export (cold)".
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from legend_gui.ui.qtapp import prefer_offscreen_without_display

prefer_offscreen_without_display()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="data file (default: the bundled dataset)")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()

    from legend_gui import export
    from legend_gui.model import Catalog, load_dataset
    from legend_gui.model.chart import ChartSettings
    from legend_gui.resources import bundled_dataset

    file = options.data or bundled_dataset()
    catalog = Catalog(load_dataset(file), str(file))
    metric = catalog.default_metric()
    settings = ChartSettings(metric=metric, snapshot=catalog.default_snapshot(metric))
    cases = [
        ("PNG 1920×1080", ".png", (1920, 1080)),
        ("PNG A4 300 dpi 3508×2480", ".png", (3508, 2480)),
        ("PNG 1200×675", ".png", (1200, 675)),
        ("SVG 1920×1080", ".svg", (1920, 1080)),
        ("CSV (plotted values)", ".csv", None),
    ]
    with tempfile.TemporaryDirectory(prefix="legend-export-bench-") as folder:
        start = time.perf_counter()
        export.export_chart(catalog, settings, Path(folder) / "cold.png", (1920, 1080))
        cold = (time.perf_counter() - start) * 1000
        print(
            f"{file.name}: {len(catalog.cities):,} cities; {settings.metric}, {settings.snapshot}"
        )
        print(f"{'first export (cold: QApplication, pyqtgraph import)':<52} {cold:8.1f} ms")
        for name, suffix, size in cases:
            times = []
            target = Path(folder) / f"chart{suffix}"
            for _ in range(options.repeat):
                start = time.perf_counter()
                export.export_chart(catalog, settings, target, size)
                times.append((time.perf_counter() - start) * 1000)
            kib = os.path.getsize(target) / 1024
            print(
                f"{name:<32} median {statistics.median(times):8.1f} ms"
                f"  (min {min(times):7.1f}, max {max(times):7.1f}; {kib:,.0f} KiB)"
            )
        start = time.perf_counter()
        rows = export.write_long_csv(catalog, Path(folder) / "all.csv")
        elapsed = (time.perf_counter() - start) * 1000
        print(f"{f'long CSV, {rows:,} rows (once)':<32} {elapsed:15.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The Map view: how long a redraw takes at 9 and at 100,000 cities, and a look at it.

    uv run python benchmarks/map_redraw.py [--repeat 5] [--look /tmp]

A redraw is what a metric, snapshot or selection change costs the map: build the ``MapChart``
from the entries (select the largest ``MAX_MARKERS``, project them), lay it out (fit, radii,
labels) and paint it into a 1280 × 800 image. Medians in ms; "CPU time" is the process's own
(close to the wall time on an idle machine, when other processes compete for the cores). At
100,000 cities the entries are random places in the lower 48; "top N passed" hands over only
the largest ``MAX_MARKERS`` (as the window can, from ``Catalog.top``) and counts the rest as
``omitted``. ``--look DIR`` writes PNGs to open.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from legend_gui.ui.app import prefer_offscreen_without_display

prefer_offscreen_without_display()

EXTRA_PLACES = [  # the insets, and a few far corners of the lower 48
    ("anchorage-ak", "Anchorage", "AK", 61.2181, -149.9003, 420.0),
    ("honolulu-hi", "Honolulu", "HI", 21.3069, -157.8583, 260.0),
    ("san-juan-pr", "San Juan", "PR", 18.4655, -66.1057, 180.0),
    ("fairbanks-ak", "Fairbanks", "AK", 64.8378, -147.7164, 12.0),
    ("hilo-hi", "Hilo", "HI", 19.7241, -155.0868, None),
    ("ponce-pr", "Ponce", "PR", 18.0111, -66.6141, 40.0),
    ("miami-fl", "Miami", "FL", 25.7617, -80.1918, 300.0),
    ("seattle-wa", "Seattle", "WA", 47.6062, -122.3321, 0.0),
    ("bangor-me", "Bangor", "ME", 44.8016, -68.7712, 9.0),
    ("san-diego-ca", "San Diego", "CA", 32.7157, -117.1611, 75.0),
]


def bundled_entries(per_capita: bool = False) -> tuple[list[object], str]:
    """The bundled dataset's default metric at its default snapshot, as map entries.

    A stand-in for the window's adapter: the model's own three-state logic should feed the
    real one (not yet launched is approximated here by the launch date).
    """
    from legend_gui.model import Catalog, load_dataset
    from legend_gui.model.formatting import format_date, format_rate, format_value
    from legend_gui.model.map_chart import NOT_REPORTED, NOT_YET_LAUNCHED, REPORTED, MapEntry
    from legend_gui.model.status import is_disputed
    from legend_gui.resources import bundled_dataset

    catalog = Catalog(load_dataset(bundled_dataset()))
    metric = catalog.default_metric()
    day = catalog.default_snapshot(metric)
    assert day is not None
    entries = []
    for point in catalog.series(metric, day, per_capita):
        city = point.city
        figure = point.figure
        if point.value is not None and figure is not None:
            status, text = (
                REPORTED,
                (format_rate if per_capita else format_value)(point.value, figure.qualifier),
            )
        elif day < city.launch_date:
            status, text = NOT_YET_LAUNCHED, "not yet launched"
        else:
            status, text = NOT_REPORTED, point.missing_reason or "not reported"
        disputed = is_disputed(figure)
        entries.append(
            MapEntry(
                city_id=city.id,
                name=city.name,
                state=city.state,
                location=(city.location.lat, city.location.lon) if city.location else None,
                status=status,
                value=point.value,
                value_text=text,
                exact=figure is None or figure.qualifier == "exact",
                disputed=disputed,
                tooltip=f"{city.name}, {city.state}: {text} ({format_date(day)})",
            )
        )
    label = catalog.metric(metric).label
    return entries, f"{label}{' per 100,000 residents' if per_capita else ''}, {day}"


def extra_entries() -> list[object]:
    from legend_gui.model.map_chart import NOT_REPORTED, REPORTED, MapEntry

    entries = []
    for index, (city_id, name, state, lat, lon, value) in enumerate(EXTRA_PLACES):
        reported = value is not None
        entries.append(
            MapEntry(
                city_id=city_id,
                name=name,
                state=state,
                location=(lat, lon),
                status=REPORTED if reported else NOT_REPORTED,
                value=value,
                value_text=(f"{value:,.0f}" if reported else "not reported")
                if index != 1
                else "≈260",
                exact=index != 1,
                disputed=index == 2,
                tooltip=name,
            )
        )
    return entries


def random_entries(count: int, seed: int = 7) -> list[object]:
    from legend_gui.model.map_chart import REPORTED, MapEntry

    rng = random.Random(seed)
    return [
        MapEntry(
            city_id=f"city-{i}",
            name=f"City {i}",
            state="XX",
            location=(rng.uniform(26.0, 48.5), rng.uniform(-123.0, -70.0)),
            status=REPORTED,
            value=(value := float(int(rng.paretovariate(1.2) * 10))),
            value_text=f"{value:,.0f}",
            tooltip=f"City {i}",
        )
        for i in range(count)
    ]


def redraw_ms(entries: list[object], repeat: int, omitted: int = 0) -> dict[str, list[float]]:
    """Times of each phase (build, layout, paint, total) over ``repeat`` runs, in ms."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from legend_gui.model.map_chart import build_map_chart
    from legend_gui.ui.map_draw import LIGHT_MAP, layout_scene, paint_scene

    image = QImage(1280, 800, QImage.Format.Format_ARGB32_Premultiplied)
    times: dict[str, list[float]] = {
        "build": [],
        "layout": [],
        "paint": [],
        "total": [],
        "CPU": [],
    }
    for run in range(repeat + 1):  # the first run builds the outline paths: not timed
        cpu = time.process_time()
        start = time.perf_counter()
        chart = build_map_chart(entries, size_title="Value", omitted=omitted)  # type: ignore[arg-type]
        built = time.perf_counter()
        scene = layout_scene(chart, QRectF(0, 0, 1280, 800))
        laid = time.perf_counter()
        painter = QPainter(image)
        paint_scene(painter, scene, LIGHT_MAP)
        painter.end()
        done = time.perf_counter()
        cpu = time.process_time() - cpu
        if run:
            phases = (built - start, laid - built, done - laid, done - start, cpu)
            for name, value in zip(times, phases, strict=True):
                times[name].append(value * 1000)
    return times


def report(name: str, times: dict[str, list[float]]) -> None:
    cells = "".join(
        f"{statistics.median(values):8.1f} ({min(values):5.1f})" for values in times.values()
    )
    print(f"{name:<40}{cells}")


def look(folder: Path) -> None:
    from PySide6.QtCore import QSize

    from legend_gui.model.map_chart import build_map_chart
    from legend_gui.ui.map_draw import DARK_MAP, LIGHT_MAP
    from legend_gui.ui.map_view import MapView

    nine, title = bundled_entries()
    nine_rate, rate_title = bundled_entries(per_capita=True)
    view = MapView()
    cases = [
        ("map.png", nine, title, LIGHT_MAP, QSize(1280, 800), "chicago-il"),
        ("map-dark.png", nine, title, DARK_MAP, QSize(1024, 700), None),
        ("map-rate.png", nine_rate, rate_title, LIGHT_MAP, QSize(1920, 1080), None),
        ("map-insets.png", nine + extra_entries(), title, LIGHT_MAP, QSize(1280, 800), None),
        ("map-narrow.png", nine + extra_entries(), title, DARK_MAP, QSize(700, 800), None),
        ("map-100k.png", random_entries(100_000), "random", LIGHT_MAP, QSize(1280, 800), None),
    ]
    for name, entries, size_title, theme, size, selected in cases:
        chart = build_map_chart(entries, size_title=size_title, selected=selected)  # type: ignore[arg-type]
        view.set_chart(chart)
        view.set_theme(theme)
        view.resize(size)
        view.render_image(size).save(str(folder / name))
        print(f"wrote {folder / name}: {len(chart.markers)} markers; notes: {chart.notes}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--look", type=Path, help="write PNGs of the map into this folder")
    options = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    if options.look:
        look(options.look)
    nine, _title = bundled_entries()
    start = time.perf_counter()
    big = random_entries(100_000)
    making = (time.perf_counter() - start) * 1000
    from legend_gui.model.map_chart import MAX_MARKERS, _sort_key

    top = sorted(big, key=_sort_key)[:MAX_MARKERS]  # type: ignore[arg-type]
    print(f"map redraw into 1280 × 800, ms: median (min) of {options.repeat}")
    print(f"{'':<40}{'build':>15}{'layout':>15}{'paint':>15}{'total':>15}{'CPU time':>15}")
    report("9 cities (bundled)", redraw_ms(nine, options.repeat))
    report(
        f"100,000 cities, top {MAX_MARKERS:,} passed",
        redraw_ms(top, options.repeat, omitted=len(big) - len(top)),
    )
    report("100,000 cities, all passed", redraw_ms(big, options.repeat))
    print(f"(making 100,000 MapEntry objects took {making:.0f} ms)")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

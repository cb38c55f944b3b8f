"""Build ``resources/us_states.json``: simplified outlines of the 50 states, DC and Puerto Rico.

Run at development time only; the app never fetches anything. The input is the npm package
``us-atlas`` version 3 (ISC licence, © Michael Bostock), a TopoJSON redistribution of the US
Census Bureau's cartographic boundary files, 2017 edition (1:10,000,000; public domain as a
work of the US government)::

    cd /tmp && npm pack us-atlas@3 && tar xzf us-atlas-3.*.tgz
    uv run python resources/map/make_us_states.py /tmp/package/states-10m.json

What it does, without any GIS library:

1. decodes the TopoJSON (quantised, delta-encoded arcs; polygons as lists of arc indices);
2. projects every arc with ``legend_gui.model.geo`` (the app's own projection, so the tolerance
   below is in map units: 1 unit ≈ 1,000 px on a typical screen);
3. simplifies each *arc* with Douglas–Peucker (endpoints kept), so a border two states share is
   simplified once and the states still meet without gaps or overlaps;
4. assembles each state's rings, drops rings that collapse or are smaller than a few square
   pixels, and rings outside the state's inset frame (the far Aleutians, the Northwestern
   Hawaiian Islands, as d3's ``geoAlbersUsa`` clips them);
5. writes longitude/latitude (3 decimals, ~100 m) of the points kept: the app projects them at
   start (a few milliseconds), so the file stays independent of the map's layout.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from legend_gui.fileio import atomic_write_bytes  # noqa: E402
from legend_gui.model.geo import FRAMES, PROJECTIONS, Region  # noqa: E402

#: Douglas–Peucker tolerance in map units (≈ 0.45 px at 1,000 px per unit).
TOLERANCE = 0.00045
#: Rings smaller than this (map units²) vanish: about 1 px² at 1,000 px per unit.
MIN_RING_AREA = 1e-6
DECIMALS = 3

#: State FIPS code → USPS abbreviation (the data files name states by abbreviation).
POSTAL = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "72": "PR",
}  # fmt: skip
REGIONS = {"02": Region.ALASKA, "15": Region.HAWAII, "72": Region.PUERTO_RICO}

LICENCE = (
    "Outlines: US Census Bureau cartographic boundary files, 2017 edition (public domain), "
    "via the us-atlas package (ISC licence, © 2013-2019 Michael Bostock); simplified for "
    "Legend Viewer by resources/map/make_us_states.py."
)

Point = tuple[float, float]  # (lon, lat)


def decode_arcs(topology: dict[str, object]) -> list[list[Point]]:
    transform = topology["transform"]
    assert isinstance(transform, dict)
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs: list[list[Point]] = []
    raw_arcs = topology["arcs"]
    assert isinstance(raw_arcs, list)
    for raw in raw_arcs:
        x = y = 0
        points: list[Point] = []
        for dx, dy in raw:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def perpendicular(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return float(((px - ax) ** 2 + (py - ay) ** 2) ** 0.5)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    cx, cy = ax + t * dx, ay + t * dy
    return float(((px - cx) ** 2 + (py - cy) ** 2) ** 0.5)


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[int]:
    """Indices of the points kept (first and last always), iteratively (no recursion limit)."""
    if len(points) < 3:
        return list(range(len(points)))
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, worst_distance = -1, tolerance
        for index in range(first + 1, last):
            distance = perpendicular(points[index], points[first], points[last])
            if distance > worst_distance:
                worst, worst_distance = index, distance
        if worst >= 0:
            keep.add(worst)
            stack.extend(((first, worst), (worst, last)))
    return sorted(keep)


def ring_area(points: Sequence[Point]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(points))) / 2


def build(topology: dict[str, object]) -> dict[str, object]:
    arcs = decode_arcs(topology)
    objects = topology["objects"]
    assert isinstance(objects, dict)
    geometries = [g for g in objects["states"]["geometries"] if g["id"] in POSTAL]

    # Every arc belongs to one region (no land border crosses an inset).
    arc_region: dict[int, Region] = {}
    for geometry in geometries:
        region = REGIONS.get(geometry["id"], Region.LOWER48)
        for ring in _rings(geometry):
            for index in ring:
                arc_region[index if index >= 0 else ~index] = region

    simplified: dict[int, list[Point]] = {}
    for index, region in arc_region.items():
        project = PROJECTIONS[region]
        lonlat = arcs[index]
        projected = [project(lat, lon) for lon, lat in lonlat]
        simplified[index] = [lonlat[i] for i in douglas_peucker(projected, TOLERANCE)]

    states = []
    kept_points = dropped_rings = 0
    for geometry in sorted(geometries, key=lambda g: POSTAL[g["id"]]):
        region = REGIONS.get(geometry["id"], Region.LOWER48)
        project, frame = PROJECTIONS[region], FRAMES[region]
        rings = []
        for ring in _rings(geometry):
            points: list[Point] = []
            for index in ring:
                arc = simplified[index] if index >= 0 else simplified[~index][::-1]
                points.extend(arc if not points else arc[1:])
            rounded = [(round(lon, DECIMALS), round(lat, DECIMALS)) for lon, lat in points]
            deduplicated = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
            projected = [project(lat, lon) for lon, lat in deduplicated]
            centre_x = sum(x for x, _ in projected) / max(1, len(projected))
            centre_y = sum(y for _, y in projected) / max(1, len(projected))
            if (
                len(deduplicated) < 4
                or ring_area(projected) < MIN_RING_AREA
                or not frame.contains(centre_x, centre_y)
            ):
                dropped_rings += 1
                continue
            kept_points += len(deduplicated)
            rings.append([coordinate for point in deduplicated for coordinate in point])
        states.append(
            {
                "fips": geometry["id"],
                "postal": POSTAL[geometry["id"]],
                "name": geometry["properties"]["name"],
                "region": str(region),
                "rings": rings,
            }
        )
    sys.stderr.write(
        f"{len(states)} states, {kept_points:,} points, {dropped_rings} small rings dropped\n"
    )
    return {
        "licence": LICENCE,
        "source": "https://www2.census.gov/geo/tiger/GENZ2017/shp/ (cb_2017_us_state_5m, "
        "via https://github.com/topojson/us-atlas v3, states-10m.json)",
        "coordinates": "rings are flat [lon, lat, lon, lat, ...] lists, WGS84 degrees; "
        "outer rings and holes alike (fill even-odd)",
        "states": states,
    }


def _rings(geometry: dict[str, object]) -> list[list[int]]:
    arcs = geometry["arcs"]
    assert isinstance(arcs, list)
    if geometry["type"] == "Polygon":
        return list(arcs)
    return [ring for polygon in arcs for ring in polygon]  # MultiPolygon


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("topojson", type=Path, help="us-atlas@3's states-10m.json")
    parser.add_argument("-o", "--output", type=Path, default=REPO / "resources/us_states.json")
    args = parser.parse_args()
    result = build(json.loads(args.topojson.read_text(encoding="utf-8")))
    text = json.dumps(result, separators=(",", ":"), ensure_ascii=False) + "\n"
    atomic_write_bytes(args.output, text.encode("utf-8"))
    sys.stderr.write(f"wrote {args.output} ({len(text.encode()):,} bytes)\n")


if __name__ == "__main__":
    main()

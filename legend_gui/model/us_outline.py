"""The state outlines shipped in ``resources/us_states.json``, projected once per process.

The file is made at development time by ``resources/map/make_us_states.py`` (Census Bureau
cartographic boundaries via the ISC-licensed ``us-atlas``; see that script), holds longitude and
latitude, and is projected here with :mod:`legend_gui.model.geo` (about 5 ms for its ~4,300
points). Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from legend_gui.model.geo import PROJECTIONS, Box, Region
from legend_gui.resources import resources_dir

OUTLINE_FILE = "us_states.json"

Ring = tuple[tuple[float, float], ...]  # projected (x, y) in map units, y southward


@dataclass(frozen=True, slots=True)
class StateOutline:
    postal: str  # "MO"
    name: str  # "Missouri"
    region: Region
    rings: tuple[Ring, ...]  # outer rings and holes alike: fill them even-odd


@dataclass(frozen=True, slots=True)
class UsOutline:
    states: tuple[StateOutline, ...]
    licence: str  # the attribution an About box or a caption can show as it is
    source: str
    region_boxes: tuple[tuple[Region, Box], ...]  # each region's outline extent, map units

    def boxes(self) -> dict[Region, Box]:
        return dict(self.region_boxes)


def outline_path() -> Path:
    return resources_dir() / OUTLINE_FILE


def parse_outline(text: str) -> UsOutline:
    """Project the outline file's rings; a broken file is a packaging bug, so it raises."""
    raw = json.loads(text)
    states = []
    for state in raw["states"]:
        region = Region(state["region"])
        project = PROJECTIONS[region]
        rings = []
        for flat in state["rings"]:
            rings.append(
                tuple(project(lat, lon) for lon, lat in zip(flat[0::2], flat[1::2], strict=True))
            )
        states.append(StateOutline(state["postal"], state["name"], region, tuple(rings)))
    return UsOutline(tuple(states), raw["licence"], raw["source"], _extents(states))


def _extents(states: list[StateOutline]) -> tuple[tuple[Region, Box], ...]:
    boxes: dict[Region, Box] = {}
    for state in states:
        for ring in state.rings:
            xs = [x for x, _ in ring]
            ys = [y for _, y in ring]
            box = Box(min(xs), min(ys), max(xs), max(ys))
            known = boxes.get(state.region)
            boxes[state.region] = box if known is None else known.union(box)
    return tuple(boxes.items())


@functools.cache
def us_outline() -> UsOutline:
    """The bundled outline, read and projected on first use."""
    return parse_outline(outline_path().read_text(encoding="utf-8"))

"""Where a place on the Earth goes on the US map: Albers equal-area with insets.

The layout follows d3's ``geoAlbersUsa`` (the projection every US choropleth on the web uses, so
readers know it): the lower 48 in an Albers equal-area conic with standard parallels 29.5° and
45.5°, Alaska (at 0.35 of the scale) and Hawaii in insets at the bottom left; Puerto Rico, which
``geoAlbersUsa`` leaves out, in an inset at the bottom right, beside Florida.

Coordinates are unit-less map units at scale 1 (the lower 48 span about x ∈ [-0.455, 0.455],
y ∈ [-0.238, 0.238]); y grows **southward**, as on a screen, so a painter maps them to pixels with
one scale and one offset. Pure Python: no Qt, no GIS library.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class Region(StrEnum):
    """The four parts of the composite map; the three insets are drawn in their own boxes."""

    LOWER48 = "lower48"
    ALASKA = "alaska"
    HAWAII = "hawaii"
    PUERTO_RICO = "puerto_rico"


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle in map units (y southward)."""

    left: float
    top: float
    right: float
    bottom: float

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.top <= y <= self.bottom

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def intersection(self, other: Box) -> Box:
        """The overlap (degenerate, not empty, when there is none: callers check sizes)."""
        return Box(
            max(self.left, other.left),
            max(self.top, other.top),
            min(self.right, other.right),
            min(self.bottom, other.bottom),
        )

    def union(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )


class ConicEqualArea:
    """Albers equal-area conic, as d3's ``geoConicEqualArea`` configures it.

    ``rotate`` shifts the central meridian to 0; ``center`` (in the rotated frame) lands on
    ``translate``; ``scale`` multiplies the raw projection. Output y grows southward.
    """

    __slots__ = ("_c", "_cx", "_cy", "_n", "_r0", "_rotate", "_scale", "_tx", "_ty")

    def __init__(
        self,
        *,
        rotate: float,
        center: tuple[float, float],
        parallels: tuple[float, float],
        scale: float,
        translate: tuple[float, float],
    ) -> None:
        sin0 = math.sin(math.radians(parallels[0]))
        self._n = (sin0 + math.sin(math.radians(parallels[1]))) / 2
        self._c = 1 + sin0 * (2 * self._n - sin0)
        self._r0 = math.sqrt(self._c) / self._n
        self._rotate = rotate
        self._scale = scale
        self._tx, self._ty = translate
        self._cx, self._cy = self._raw(math.radians(center[0]), math.radians(center[1]))

    def _raw(self, lam: float, phi: float) -> tuple[float, float]:
        r = math.sqrt(self._c - 2 * self._n * math.sin(phi)) / self._n
        angle = lam * self._n
        return r * math.sin(angle), self._r0 - r * math.cos(angle)

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        lam = (lon + self._rotate + 180.0) % 360.0 - 180.0  # the antimeridian (Aleutians)
        x, y = self._raw(math.radians(lam), math.radians(lat))
        return (
            self._tx + (x - self._cx) * self._scale,
            self._ty - (y - self._cy) * self._scale,
        )


# d3.geoAlbersUsa's parameters at scale 1 and translate (0, 0).
_LOWER48 = ConicEqualArea(
    rotate=96, center=(-0.6, 38.7), parallels=(29.5, 45.5), scale=1.0, translate=(0.0, 0.0)
)
_ALASKA = ConicEqualArea(
    rotate=154, center=(-2, 58.5), parallels=(55, 65), scale=0.35, translate=(-0.307, 0.201)
)
_HAWAII = ConicEqualArea(
    rotate=157, center=(-3, 19.9), parallels=(8, 18), scale=1.0, translate=(-0.205, 0.212)
)
# Not in geoAlbersUsa: at the lower 48's scale, in the Atlantic east of Florida.
_PUERTO_RICO = ConicEqualArea(
    rotate=66.4, center=(0, 18.2), parallels=(8, 18), scale=1.0, translate=(0.345, 0.207)
)

PROJECTIONS: dict[Region, ConicEqualArea] = {
    Region.LOWER48: _LOWER48,
    Region.ALASKA: _ALASKA,
    Region.HAWAII: _HAWAII,
    Region.PUERTO_RICO: _PUERTO_RICO,
}

#: Each region's frame in map units; the insets are drawn as boxes and outlines are clipped to
#: them (the far Aleutians and the Northwestern Hawaiian Islands fall outside, as in d3).
FRAMES: dict[Region, Box] = {
    Region.LOWER48: Box(-0.455, -0.238, 0.455, 0.238),
    Region.ALASKA: Box(-0.425, 0.120, -0.214, 0.234),
    Region.HAWAII: Box(-0.214, 0.166, -0.115, 0.234),
    Region.PUERTO_RICO: Box(0.300, 0.183, 0.390, 0.234),
}


def region_of(lat: float, lon: float) -> Region:
    """Which part of the map a location belongs to, by where it is on the Earth."""
    if lat > 50.5 and (lon < -129.9 or lon > 170.0):
        return Region.ALASKA
    if 18.0 <= lat <= 29.0 and -179.0 <= lon <= -154.0:
        return Region.HAWAII
    if 17.5 <= lat <= 18.8 and -68.0 <= lon <= -64.5:
        return Region.PUERTO_RICO
    return Region.LOWER48


def project(lat: float, lon: float) -> tuple[float, float]:
    """Map units (x east, y south) of a location, in the inset its location belongs to."""
    return PROJECTIONS[region_of(lat, lon)](lat, lon)


def locate(lat: float, lon: float) -> tuple[float, float] | None:
    """``project``, or ``None`` where that falls outside its region's frame (Guam, say)."""
    region = region_of(lat, lon)
    x, y = PROJECTIONS[region](lat, lon)
    return (x, y) if FRAMES[region].contains(x, y) else None

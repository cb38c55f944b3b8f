"""Where everything of a ``MapChart`` goes in a rectangle of pixels, labels included.

Pure geometry, so the window and every export place markers and labels identically and tests
need no Qt: the caller passes a ``measure`` function that gives a text's size in pixels.

Labels are placed greedily, most important city first (the selected one, then the largest
values): each tries eight spots around its marker and takes the first that stays inside the map
and overlaps no marker and no label already placed; then the same eight one to three lines
further out, tied to the marker by a leader line that crosses no other marker; a label that
fits nowhere is left out (its city still has its marker and tooltip). A uniform grid keeps this
fast with thousands of markers.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from legend_gui.model.geo import FRAMES, Box, Region
from legend_gui.model.map_chart import MapChart, MapMarker, MarkerKind

Measure = Callable[[str], tuple[float, float]]  # text -> (width, height) in pixels

#: Non-zero values never shrink below this radius (area is then no longer exact: tiny values
#: would vanish). Fixed-size marks for zero, not reported and not yet launched.
MIN_RADIUS = 2.5
FIXED_RADIUS = {
    MarkerKind.ZERO: 4.0,
    MarkerKind.NOT_REPORTED: 4.5,
    MarkerKind.NOT_YET_LAUNCHED: 5.5,
}
DISPUTED_RING = 3.0  # the dashed ring sits this far outside the marker
LABEL_GAP = 3.0
MAX_LABELS = 120  # beyond this the map is a cloud; the tooltip names every city
GIVE_UP_AFTER = 25  # labels in a row that found no room: in a crowd, smaller ones will not fit
INSET_PADDING = 0.008  # map units around an inset's outline, for its frame
_CELL = 48.0


def max_radius_for(width: float, height: float) -> float:
    """The largest marker's radius: ~3 % of the map's size, within 8–36 px."""
    return max(8.0, min(36.0, 0.032 * min(width, height * 1.6)))


@dataclass(frozen=True, slots=True)
class Rect:
    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def intersects(self, other: Rect) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def inside(self, other: Rect) -> bool:
        return (
            other.left <= self.left
            and self.right <= other.right
            and other.top <= self.top
            and self.bottom <= other.bottom
        )

    def nearest(self, x: float, y: float) -> tuple[float, float]:
        """The point of the rectangle (edge or inside) closest to ``(x, y)``."""
        return min(max(x, self.left), self.right), min(max(y, self.top), self.bottom)

    def hits_circle(self, cx: float, cy: float, r: float) -> bool:
        nearest_x, nearest_y = self.nearest(cx, cy)
        return (cx - nearest_x) ** 2 + (cy - nearest_y) ** 2 < r * r


@dataclass(frozen=True, slots=True)
class Transform:
    """Map units → pixels: one scale, one offset (y already points down)."""

    scale: float
    dx: float
    dy: float

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        return x * self.scale + self.dx, y * self.scale + self.dy

    def box(self, box: Box) -> Rect:
        left, top = self(box.left, box.top)
        return Rect(left, top, box.width * self.scale, box.height * self.scale)


def fit(bounds: Box, area: Rect, align_top: bool = False) -> Transform:
    """The largest transform that shows ``bounds`` whole inside ``area``, centred (or at the
    top, so a legend can follow right below)."""
    scale = min(area.width / bounds.width, area.height / bounds.height)
    dx = area.left + (area.width - bounds.width * scale) / 2 - bounds.left * scale
    spare = 0.0 if align_top else (area.height - bounds.height * scale) / 2
    dy = area.top + spare - bounds.top * scale
    return Transform(scale, dx, dy)


@dataclass(frozen=True, slots=True)
class PlacedMarker:
    marker: MapMarker
    x: float
    y: float
    radius: float  # of the marker itself (VALUE: area ∝ value)

    @property
    def outer(self) -> float:
        """The radius it occupies, its disputed ring included."""
        return self.radius + (DISPUTED_RING if self.marker.entry.disputed else 0.0)


@dataclass(frozen=True, slots=True)
class PlacedLabel:
    text: str
    rect: Rect
    marker: int  # index into ``MapLayout.markers``
    #: A label set one to three lines away from its marker is tied to it by a thin line: from
    #: the marker's edge to the label's nearest point (x1, y1, x2, y2); ``None`` beside it.
    leader: tuple[float, float, float, float] | None = None


@dataclass(frozen=True, slots=True)
class MapLayout:
    chart: MapChart
    area: Rect  # the rectangle the map was fitted into
    transform: Transform
    max_radius: float
    markers: tuple[PlacedMarker, ...]  # in drawing order (chart.markers)
    labels: tuple[PlacedLabel, ...]
    insets: tuple[tuple[Region, Rect], ...]  # frames drawn around Alaska, Hawaii, Puerto Rico
    map_rect: Rect  # where the map itself ended up, margins for the largest marker included

    def marker_at(self, x: float, y: float, slack: float = 2.0) -> PlacedMarker | None:
        """The marker drawn on top at pixel (x, y); small marks are easier to hit."""
        for placed in reversed(self.markers):
            reach = max(placed.outer, 6.0) + slack
            if (placed.x - x) ** 2 + (placed.y - y) ** 2 <= reach * reach:
                return placed
        return None

    def find(self, city_id: str) -> PlacedMarker | None:
        return next((m for m in self.markers if m.marker.entry.city_id == city_id), None)


class _Grid:
    """Obstacles (circles and rectangles) bucketed by cell, for quick overlap checks."""

    def __init__(self) -> None:
        self._circles: defaultdict[tuple[int, int], list[tuple[float, float, float, int]]] = (
            defaultdict(list)
        )
        self._rects: defaultdict[tuple[int, int], list[Rect]] = defaultdict(list)

    @staticmethod
    def _cells(left: float, top: float, right: float, bottom: float) -> list[tuple[int, int]]:
        columns = range(int(left // _CELL), int(right // _CELL) + 1)
        rows = range(int(top // _CELL), int(bottom // _CELL) + 1)
        return [(i, j) for i in columns for j in rows]

    def add_circle(self, x: float, y: float, r: float, owner: int) -> None:
        circle = (x, y, r, owner)
        for cell in self._cells(x - r, y - r, x + r, y + r):
            self._circles[cell].append(circle)

    def add_rect(self, rect: Rect) -> None:
        for cell in self._cells(rect.left, rect.top, rect.right, rect.bottom):
            self._rects[cell].append(rect)

    def clear_line(
        self, line: tuple[float, float, float, float], owner: int, centre: tuple[float, float]
    ) -> bool:
        """Whether ``line`` misses every marker but ``owner``'s: a leader that crosses another
        marker could be read as that marker's. A marker holding ``owner``'s centre does not
        count: a small ring drawn within a larger one (two close cities, one far smaller) has
        no other way out, and its leader visibly starts at the small ring."""
        x1, y1, x2, y2 = line
        dx, dy = x2 - x1, y2 - y1
        length = dx * dx + dy * dy or 1.0
        cells = self._cells(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
        for cell in cells:
            for x, y, r, who in self._circles.get(cell, ()):
                if who == owner or (x - centre[0]) ** 2 + (y - centre[1]) ** 2 < r * r:
                    continue
                t = min(1.0, max(0.0, ((x - x1) * dx + (y - y1) * dy) / length))
                nearest_x, nearest_y = x1 + t * dx, y1 + t * dy
                if (x - nearest_x) ** 2 + (y - nearest_y) ** 2 < r * r:
                    return False
        return True

    def free(self, rect: Rect, owner: int) -> bool:
        left, top = rect.left, rect.top
        right, bottom = left + rect.width, top + rect.height
        circles, rects = self._circles, self._rects
        for cell in self._cells(left, top, right, bottom):
            if cell in circles:
                for x, y, r, who in circles[cell]:
                    nearest_x = left if x < left else right if x > right else x
                    nearest_y = top if y < top else bottom if y > bottom else y
                    if (x - nearest_x) ** 2 + (y - nearest_y) ** 2 < r * r and who != owner:
                        return False
            if cell in rects:
                for other in rects[cell]:
                    if (
                        left < other.left + other.width
                        and other.left < right
                        and top < other.top + other.height
                        and other.top < bottom
                    ):
                        return False
        return True


def _candidates(x: float, y: float, r: float, w: float, h: float) -> Iterator[Rect]:
    """Spots around a marker, in the order cartographers prefer: right, left, above, below."""
    gap = r + LABEL_GAP
    diagonal = r * math.sqrt(0.5) + LABEL_GAP
    yield Rect(x + gap, y - h / 2, w, h)  # right
    yield Rect(x - gap - w, y - h / 2, w, h)  # left
    yield Rect(x + diagonal, y - diagonal - h, w, h)  # above right
    yield Rect(x + diagonal, y + diagonal, w, h)  # below right
    yield Rect(x - w / 2, y - gap - h, w, h)  # above
    yield Rect(x - w / 2, y + gap, w, h)  # below
    yield Rect(x - diagonal - w, y - diagonal - h, w, h)  # above left
    yield Rect(x - diagonal - w, y + diagonal, w, h)  # below left


def place_labels(
    markers: tuple[PlacedMarker, ...],
    order: tuple[int, ...],
    area: Rect,
    measure: Measure,
    max_labels: int = MAX_LABELS,
) -> tuple[PlacedLabel, ...]:
    """Greedy, collision-free labels for ``markers`` taken in ``order`` (see module doc)."""
    grid = _Grid()
    for index, placed in enumerate(markers):
        grid.add_circle(placed.x, placed.y, max(placed.outer, 1.0), index)
    labels: list[PlacedLabel] = []
    misses = 0
    for index in order[:max_labels]:
        placed = markers[index]
        text = placed.marker.entry.label
        width, height = measure(text)
        label = _first_free(placed, index, width, height, area, grid)
        if label is None:
            misses += 1
            if misses >= GIVE_UP_AFTER:
                break
            continue
        grid.add_rect(label.rect)
        labels.append(label)
        misses = 0
    return tuple(labels)


def _first_free(
    placed: PlacedMarker, index: int, width: float, height: float, area: Rect, grid: _Grid
) -> PlacedLabel | None:
    """The first free spot beside the marker; else one to three lines further out, with a
    leader (a crowded city keeps its name: an export has no tooltip to give it)."""
    text = placed.marker.entry.label
    for push in (0.0, height, 2 * height, 3 * height):
        for rect in _candidates(placed.x, placed.y, placed.outer + push, width, height):
            if not (rect.inside(area) and grid.free(rect, index)):
                continue
            if not push:
                return PlacedLabel(text, rect, index)
            leader = _leader(placed, rect)
            if grid.clear_line(leader, index, (placed.x, placed.y)):  # not at others
                return PlacedLabel(text, rect, index, leader)
    return None


def _leader(placed: PlacedMarker, rect: Rect) -> tuple[float, float, float, float]:
    """From the marker's edge towards the label's nearest point, ending at that point."""
    x, y = placed.x, placed.y
    nearest_x, nearest_y = rect.nearest(x, y)
    distance = math.hypot(nearest_x - x, nearest_y - y) or 1.0
    edge = placed.outer / distance
    return (x + (nearest_x - x) * edge, y + (nearest_y - y) * edge, nearest_x, nearest_y)


def _radius(marker: MapMarker, max_radius: float) -> float:
    if marker.kind is MarkerKind.VALUE:
        return max(MIN_RADIUS, marker.scale * max_radius)
    return FIXED_RADIUS[marker.kind]


def layout_map(
    chart: MapChart,
    area: Rect,
    measure: Measure,
    region_boxes: dict[Region, Box],
    max_radius: float | None = None,
    align_top: bool = False,
) -> MapLayout:
    """Fit the drawn regions (and every marker) into ``area`` and place markers and labels."""
    if max_radius is None:
        max_radius = max_radius_for(area.width, area.height)
    bounds = region_boxes[Region.LOWER48]
    insets = [r for r in (Region.ALASKA, Region.HAWAII, Region.PUERTO_RICO) if r in chart.regions]
    frames = {region: _frame(region, region_boxes[region]) for region in insets}
    for frame in frames.values():
        bounds = bounds.union(frame)
    if chart.markers:
        xs = [marker.x for marker in chart.markers]
        ys = [marker.y for marker in chart.markers]
        bounds = bounds.union(Box(min(xs), min(ys), max(xs), max(ys)))
    margin = min(max_radius * 0.6, area.width / 4, area.height / 4)  # the largest marker
    transform = fit(bounds, _shrunk(area, margin), align_top)
    placed = tuple(
        PlacedMarker(m, *transform(m.x, m.y), _radius(m, max_radius)) for m in chart.markers
    )
    order = chart.priority or tuple(range(len(placed)))
    labels = place_labels(placed, order, area, measure)
    inner = transform.box(bounds)
    map_rect = Rect(
        inner.left - margin, inner.top - margin, inner.width + 2 * margin, inner.height + 2 * margin
    )
    boxes = tuple((region, transform.box(frame)) for region, frame in frames.items())
    return MapLayout(chart, area, transform, max_radius, placed, labels, boxes, map_rect)


def _frame(region: Region, outline: Box) -> Box:
    """An inset's frame: its outline with some room, within the inset's slot (so the Alaska
    and Hawaii frames never overlap)."""
    pad = INSET_PADDING
    padded = Box(outline.left - pad, outline.top - pad, outline.right + pad, outline.bottom + pad)
    return padded.intersection(FRAMES[region])


def _shrunk(area: Rect, margin: float) -> Rect:
    return Rect(
        area.left + margin, area.top + margin, area.width - 2 * margin, area.height - 2 * margin
    )

"""What the map shows: one marker per city, its kind and size, a size legend and a key.

The caller (the window or an export) turns its chart data into ``MapEntry`` values: the model
decides elsewhere whether a city is reported, not reported or not yet launched, and how a value
is written; this module only decides how each of those is *drawn*. Marker **area** is
proportional to the value (radius ∝ √value), because readers judge circles by area.
Pure Python: pixel sizes are applied later, by ``map_layout``.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from enum import StrEnum
from operator import attrgetter

from legend_gui.model.formatting import format_number
from legend_gui.model.geo import Region, locate, region_of

#: Beyond this many markers the map draws the largest ones and says how many it left out.
MAX_MARKERS = 1000
#: Legend circles smaller than this fraction of the largest radius are not worth a step.
_MIN_STEP_SCALE = 0.18

# The three states of a city's figure, as the model names them (a StrEnum with these values, or
# the plain strings, may be passed as ``MapEntry.status``).
REPORTED = "reported"
NOT_REPORTED = "not_reported"
NOT_YET_LAUNCHED = "not_yet_launched"


@dataclass(frozen=True, slots=True)
class MapEntry:
    """One city as the caller sees it; every text is the caller's, shown as given."""

    city_id: str
    name: str  # "Kansas City"
    state: str  # "MO", as in the data
    location: tuple[float, float] | None  # (latitude, longitude); None: not on the map
    status: str  # REPORTED, NOT_REPORTED or NOT_YET_LAUNCHED
    value: float | None = None  # the plotted number (a count or a rate); None unless reported
    value_text: str = ""  # as printed beside the marker: ">1,000", "15 (25 in other reports)"
    exact: bool = True  # False for more than / approximately / nearly ...: hatched
    disputed: bool = False  # the reports differ: a dashed ring
    tooltip: str = ""  # shown on hover, as given

    @property
    def label(self) -> str:
        return f"{self.name} {self.value_text}" if self.value_text else self.name


class MarkerKind(StrEnum):
    VALUE = "value"  # a circle of area ∝ value
    ZERO = "zero"  # a reported 0: a small square, not an invisible circle
    NOT_REPORTED = "not_reported"  # a dashed ring of fixed size
    NOT_YET_LAUNCHED = "not_yet_launched"  # a hollow triangle


@dataclass(frozen=True, slots=True)
class MapMarker:
    entry: MapEntry
    x: float  # map units (see ``geo``), y southward
    y: float
    kind: MarkerKind
    scale: float  # √(value / largest value) for VALUE, else 0: radius = scale × largest radius
    selected: bool


@dataclass(frozen=True, slots=True)
class SizeStep:
    """One circle of the size legend: a round value and its radius as a fraction."""

    value: float
    text: str
    scale: float


@dataclass(frozen=True, slots=True)
class KeyItem:
    """One symbol of the key and what it means, in the order the legend lists them."""

    symbol: str  # "exact", "non_exact", "disputed", "zero", "not_reported", ...
    text: str


@dataclass(frozen=True, slots=True)
class MapChart:
    """Everything a map painter needs; texts about the dataset come from the caller."""

    markers: tuple[MapMarker, ...]  # in drawing order: largest first, so small ones stay visible
    size_steps: tuple[SizeStep, ...]  # largest first
    size_title: str  # e.g. "Federal charges (people)" or "... per 100,000 residents"
    key: tuple[KeyItem, ...]
    regions: frozenset[Region]  # the parts of the map to draw
    max_value: float  # the value a radius of 1 × the largest radius stands for
    total_cities: int
    not_drawn: int  # cities left out by MAX_MARKERS
    selected: str | None = None
    title: str = ""
    subtitle: str = ""
    notes: tuple[str, ...] = ()
    source_text: str = ""
    priority: tuple[int, ...] = ()  # marker indices, most important label first

    def legend_line(self) -> str:
        """One sentence for a caption: how to read the marker sizes."""
        if not self.size_steps:
            return ""
        return "Circle areas are proportional to the values."

    def source_line(self) -> str:
        return self.source_text


def _sort_key(entry: MapEntry) -> tuple[int, float]:
    """Reported values largest first, then reported zeros, not reported, not yet launched."""
    if entry.status == REPORTED and entry.value is not None:
        return (0 if entry.value > 0 else 1, -entry.value)
    return (2 if entry.status == NOT_REPORTED else 3, 0.0)


def _has_size(entry: MapEntry) -> bool:
    return entry.status == REPORTED and entry.value is not None and entry.value > 0


def _ranked(located: list[MapEntry], limit: int) -> list[MapEntry]:
    """The first ``limit`` entries in ``_sort_key`` order, without sorting 100,000 of them."""
    if len(located) <= limit:
        return sorted(located, key=_sort_key)
    sized = [e for e in located if e.status == REPORTED and (e.value or 0) > 0]  # _has_size
    ranked = heapq.nlargest(limit, sized, key=attrgetter("value"))
    if len(ranked) < limit:
        rest = heapq.nsmallest(
            limit - len(ranked), (e for e in located if not _has_size(e)), key=_sort_key
        )
        ranked.extend(rest)
    return ranked


def _nice_below(value: float) -> float:
    """The largest of 1, 2, 5 × 10^k not above ``value``."""
    exponent = math.floor(math.log10(value))
    for mantissa in (5, 2, 1):
        candidate = mantissa * 10.0**exponent
        if candidate <= value * (1 + 1e-9):
            return candidate
    return 10.0 ** (exponent - 1) * 5


def size_steps(max_value: float, whole_numbers: bool) -> tuple[SizeStep, ...]:
    """Two or three round values for the size legend: the roundest below the largest value,
    then each about a quarter of the one before (half the radius), while still visible."""
    if max_value <= 0 or not math.isfinite(max_value):
        return ()
    steps: list[SizeStep] = []
    target = max_value
    for _ in range(3):
        if whole_numbers and target < 1:
            break
        value = _nice_below(target)
        target = value / 3.5
        scale = math.sqrt(value / max_value)
        if scale < _MIN_STEP_SCALE or any(step.value == value for step in steps):
            continue
        steps.append(SizeStep(value, format_number(value), scale))
    return tuple(steps)


def _key(markers: list[MapMarker], selected: bool) -> tuple[KeyItem, ...]:
    values = [m for m in markers if m.kind is MarkerKind.VALUE]
    items: list[KeyItem] = []
    if any(m.entry.exact for m in values):
        items.append(KeyItem("exact", "exact figure"))
    if any(not m.entry.exact for m in values):
        items.append(KeyItem("non_exact", "approximate or bound (>, ≈, ~)"))
    if any(m.entry.disputed for m in markers):
        items.append(KeyItem("disputed", "disputed: reports differ"))
    kinds = {m.kind for m in markers}
    if MarkerKind.ZERO in kinds:
        items.append(KeyItem("zero", "reported zero"))
    if MarkerKind.NOT_REPORTED in kinds:
        # The caller's words: "not reported", or "no population" for a rate with no divisor.
        reasons = {m.entry.value_text for m in markers if m.kind is MarkerKind.NOT_REPORTED}
        text = " / ".join(sorted(r for r in reasons if r)) if len(reasons) <= 3 else ""
        items.append(KeyItem("not_reported", text or "not reported"))
    if MarkerKind.NOT_YET_LAUNCHED in kinds:
        items.append(KeyItem("not_yet_launched", "not yet launched"))
    if selected:
        items.append(KeyItem("selected", "selected city"))
    return tuple(items)


def _kind(entry: MapEntry) -> MarkerKind:
    if entry.status == REPORTED and entry.value is not None:
        return MarkerKind.VALUE if entry.value > 0 else MarkerKind.ZERO
    if entry.status == NOT_YET_LAUNCHED:
        return MarkerKind.NOT_YET_LAUNCHED
    return MarkerKind.NOT_REPORTED


def _cities(count: int) -> str:
    return f"{count:,} city" if count == 1 else f"{count:,} cities"


def _names(entries: list[MapEntry], limit: int = 5) -> str:
    names = [f"{e.name}, {e.state}" for e in entries[:limit]]
    more = len(entries) - limit
    return "; ".join(names) + (f" and {more:,} more" if more > 0 else "")


def build_map_chart(
    entries: list[MapEntry],
    *,
    selected: str | None = None,
    size_title: str = "",
    max_markers: int = MAX_MARKERS,
    omitted: int = 0,
    title: str = "",
    subtitle: str = "",
    notes: tuple[str, ...] = (),
    source_text: str = "",
) -> MapChart:
    """Markers for ``entries``: the ``max_markers`` most important (the selected city always).

    ``omitted`` counts cities the caller chose not to pass (it passed only its top N), so the
    note about cities not drawn stays true.
    """
    located = [e for e in entries if e.location is not None]
    no_location = [e for e in entries if e.location is None]
    chosen: list[tuple[MapEntry, tuple[float, float]]] = []
    off_map: list[MapEntry] = []
    for entry in _ranked(located, max_markers * 2):
        if len(chosen) >= max_markers:
            break
        assert entry.location is not None
        point = locate(*entry.location)
        if point is None:
            off_map.append(entry)
        else:
            chosen.append((entry, point))
    if selected and all(entry.city_id != selected for entry, _ in chosen):
        extra = next((e for e in located if e.city_id == selected), None)
        if extra is not None and extra.location is not None:
            point = locate(*extra.location)
            if point is not None:
                chosen.append((extra, point))
    not_drawn = len(located) - len(chosen) - len(off_map) + omitted

    values = [e.value for e, _ in chosen if e.value is not None and e.status == REPORTED]
    max_value = max(values, default=0.0)
    markers: list[MapMarker] = []
    for entry, (x, y) in chosen:
        kind = _kind(entry)
        scale = 0.0
        if kind is MarkerKind.VALUE and entry.value is not None:
            scale = math.sqrt(entry.value / max_value)
        markers.append(MapMarker(entry, x, y, kind, scale, entry.city_id == selected))
    # Draw big circles first; fixed-size marks last, on top of any circle.
    # ``chosen`` is in label priority already (the selected city, if added, last); drawing
    # order is big circles first, fixed-size marks last, on top of any circle.
    order = sorted(
        range(len(markers)),
        key=lambda i: (markers[i].kind is not MarkerKind.VALUE, -markers[i].scale),
    )
    position = {index: drawn for drawn, index in enumerate(order)}
    ranked = sorted(range(len(markers)), key=lambda i: not markers[i].selected)  # stable
    priority = [position[index] for index in ranked]
    markers = [markers[index] for index in order]

    all_notes = list(notes)
    if not_drawn > 0:
        all_notes.append(
            f"Showing the {len(chosen):,} largest of {_cities(len(located) + omitted)}; "
            f"{not_drawn:,} more are not drawn."
        )
    if no_location:
        all_notes.append(f"Not on the map (no location in the data): {_names(no_location)}.")
    if off_map:
        all_notes.append(f"Not on the map (outside the area drawn): {_names(off_map)}.")

    regions = {Region.LOWER48, Region.ALASKA, Region.HAWAII}
    regions.update(region_of(*e.location) for e, _ in chosen if e.location is not None)
    whole = all(float(v).is_integer() for v in values)
    return MapChart(
        markers=tuple(markers),
        size_steps=size_steps(max_value, whole),
        size_title=size_title,
        key=_key(markers, selected is not None and any(m.selected for m in markers)),
        regions=frozenset(regions),
        max_value=max_value,
        total_cities=len(entries) + omitted,
        not_drawn=not_drawn,
        selected=selected,
        title=title,
        subtitle=subtitle,
        notes=tuple(all_notes),
        source_text=source_text,
        priority=tuple(priority),
    )

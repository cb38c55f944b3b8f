"""What the map shows and where it goes: markers, sizes, legend, notes, labels (no Qt)."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from legend_gui.model.geo import Box, Region, project
from legend_gui.model.map_chart import (
    NOT_REPORTED,
    NOT_YET_LAUNCHED,
    REPORTED,
    MapEntry,
    MarkerKind,
    build_map_chart,
    size_steps,
)
from legend_gui.model.map_layout import (
    FIXED_RADIUS,
    MIN_RADIUS,
    PlacedMarker,
    Rect,
    layout_map,
    place_labels,
)
from legend_gui.model.us_outline import us_outline

PLACES = {
    "kansas-city-mo": ("Kansas City", "MO", (39.09972, -94.57833)),
    "chicago-il": ("Chicago", "IL", (41.88194, -87.62778)),
    "albuquerque-nm": ("Albuquerque", "NM", (35.08444, -106.65028)),
    "seattle-wa": ("Seattle", "WA", (47.6062, -122.3321)),
    "miami-fl": ("Miami", "FL", (25.7617, -80.1918)),
    "san-juan-pr": ("San Juan", "PR", (18.4655, -66.1057)),
    "guam": ("Hagåtña", "GU", (13.4443, 144.7937)),
}


def entry(city_id: str, value: float | None, status: str = REPORTED, **extra: object) -> MapEntry:
    name, state, location = PLACES.get(city_id, (city_id, "XX", (39.0, -95.0)))
    text = f"{value:,.0f}" if value is not None else status.replace("_", " ")
    return MapEntry(
        city_id=city_id,
        name=name,
        state=state,
        location=location,
        status=status,
        value=value,
        value_text=text,
        **extra,  # type: ignore[arg-type]
    )


def char_measure(text: str) -> tuple[float, float]:
    return 7.0 * len(text), 14.0


def by_id(chart_markers: tuple[object, ...]) -> dict[str, object]:
    return {m.entry.city_id: m for m in chart_markers}  # type: ignore[attr-defined]


def test_area_not_radius_is_proportional_to_the_value() -> None:
    chart = build_map_chart([entry("chicago-il", 400.0), entry("seattle-wa", 100.0)])
    markers = by_id(chart.markers)
    big, small = markers["chicago-il"], markers["seattle-wa"]
    assert big.scale == pytest.approx(1.0)  # type: ignore[attr-defined]
    assert small.scale == pytest.approx(0.5)  # type: ignore[attr-defined]  # ¼ of the value
    layout = layout_map(chart, Rect(0, 0, 1000, 600), char_measure, us_outline().boxes())
    radii = {p.marker.entry.city_id: p.radius for p in layout.markers}
    area_ratio = (radii["chicago-il"] / radii["seattle-wa"]) ** 2
    assert area_ratio == pytest.approx(4.0)


def test_tiny_values_stay_visible_and_zero_and_gaps_have_their_own_marks() -> None:
    chart = build_map_chart(
        [
            entry("chicago-il", 1_000_000.0),
            entry("seattle-wa", 1.0),
            entry("miami-fl", 0.0),
            entry("albuquerque-nm", None, NOT_REPORTED),
            entry("kansas-city-mo", None, NOT_YET_LAUNCHED),
        ]
    )
    kinds = {m.entry.city_id: m.kind for m in chart.markers}
    assert kinds == {
        "chicago-il": MarkerKind.VALUE,
        "seattle-wa": MarkerKind.VALUE,
        "miami-fl": MarkerKind.ZERO,
        "albuquerque-nm": MarkerKind.NOT_REPORTED,
        "kansas-city-mo": MarkerKind.NOT_YET_LAUNCHED,
    }
    layout = layout_map(chart, Rect(0, 0, 1000, 600), char_measure, us_outline().boxes())
    radii = {p.marker.entry.city_id: p.radius for p in layout.markers}
    assert radii["seattle-wa"] == MIN_RADIUS
    assert radii["miami-fl"] == FIXED_RADIUS[MarkerKind.ZERO]
    symbols = [item.symbol for item in chart.key]
    assert symbols == ["exact", "zero", "not_reported", "not_yet_launched"]
    # Fixed-size marks are drawn last, on top of the circles.
    assert [m.kind for m in chart.markers][:2] == [MarkerKind.VALUE, MarkerKind.VALUE]


def test_a_gap_is_keyed_in_the_callers_words() -> None:
    no_population = MapEntry(
        "seattle-wa", "Seattle", "WA", (47.6, -122.3), REPORTED, None, "no population"
    )
    chart = build_map_chart([entry("chicago-il", None, NOT_REPORTED), no_population])
    assert [m.kind for m in chart.markers] == [MarkerKind.NOT_REPORTED] * 2
    assert chart.key[-1].text == "no population / not reported"


def test_non_exact_and_disputed_values_are_keyed() -> None:
    chart = build_map_chart(
        [
            entry("chicago-il", 1000.0, exact=False),
            entry("seattle-wa", 15.0, disputed=True),
        ]
    )
    assert [item.symbol for item in chart.key] == ["exact", "non_exact", "disputed"]


def test_the_selected_city_is_keyed_and_labelled_first() -> None:
    chart = build_map_chart(
        [entry("chicago-il", 1000.0), entry("seattle-wa", 15.0)], selected="seattle-wa"
    )
    assert chart.key[-1].symbol == "selected"
    first = chart.markers[chart.priority[0]]
    assert first.entry.city_id == "seattle-wa"
    assert first.selected


@pytest.mark.parametrize(
    ("largest", "whole", "expected"),
    [
        (274.0, True, [200.0, 50.0, 10.0]),
        (1234.0, True, [1000.0, 200.0, 50.0]),
        (9.0, True, [5.0, 1.0]),
        (1.0, True, [1.0]),
        (12.5, False, [10.0, 2.0, 0.5]),
        (0.0, True, []),
    ],
)
def test_size_legend_uses_round_values_that_are_visibly_different(
    largest: float, whole: bool, expected: list[float]
) -> None:
    steps = size_steps(largest, whole)
    assert [step.value for step in steps] == expected
    for step in steps:
        assert step.value <= largest
        assert step.scale == pytest.approx(math.sqrt(step.value / largest))
    assert [step.text for step in size_steps(1234.0, True)] == ["1,000", "200", "50"]


def test_a_big_dataset_draws_the_true_top_n_and_says_so() -> None:
    rng = random.Random(3)
    entries = [
        MapEntry(f"c{i}", f"City {i}", "XX", (rng.uniform(30, 45), rng.uniform(-120, -75)),
                 REPORTED, float(i), f"{i}")
        for i in range(5000)
    ]  # fmt: skip
    entries.append(entry("chicago-il", 1.0))
    chart = build_map_chart(entries, max_markers=100, selected="chicago-il")
    drawn = {m.entry.city_id for m in chart.markers}
    assert drawn == {f"c{i}" for i in range(4900, 5000)} | {"chicago-il"}  # the selection too
    assert chart.not_drawn == 5001 - 101
    assert any("Showing the 101 largest of 5,001 cities; 4,900 more" in n for n in chart.notes)


def test_a_caller_that_passes_only_its_top_n_counts_the_rest() -> None:
    chart = build_map_chart([entry("chicago-il", 5.0)], omitted=99_999)
    assert chart.not_drawn == 99_999
    assert chart.total_cities == 100_000
    assert "99,999 more are not drawn" in chart.notes[-1]


def test_cities_without_a_place_on_the_map_are_named_in_a_note() -> None:
    no_location = MapEntry("nowhere", "Nowhere", "XX", None, REPORTED, 3.0, "3")
    chart = build_map_chart([entry("chicago-il", 5.0), entry("guam", 2.0), no_location])
    assert {m.entry.city_id for m in chart.markers} == {"chicago-il"}
    assert "Not on the map (no location in the data): Nowhere, XX." in chart.notes
    assert "Not on the map (outside the area drawn): Hagåtña, GU." in chart.notes
    assert chart.not_drawn == 0


def test_puerto_rico_is_drawn_only_when_a_city_is_there() -> None:
    plain = build_map_chart([entry("chicago-il", 5.0)])
    assert plain.regions == {Region.LOWER48, Region.ALASKA, Region.HAWAII}
    with_pr = build_map_chart([entry("chicago-il", 5.0), entry("san-juan-pr", 3.0)])
    assert Region.PUERTO_RICO in with_pr.regions
    layout = layout_map(with_pr, Rect(0, 0, 1000, 600), char_measure, us_outline().boxes())
    assert Region.PUERTO_RICO in {region for region, _ in layout.insets}
    x, y = project(18.4655, -66.1057)
    placed = layout.find("san-juan-pr")
    assert placed is not None
    assert (placed.x, placed.y) == pytest.approx(layout.transform(x, y))


def test_layout_fits_the_map_inside_the_area() -> None:
    chart = build_map_chart([entry("seattle-wa", 5.0), entry("miami-fl", 50.0)])
    area = Rect(20, 30, 800, 500)
    layout = layout_map(chart, area, char_measure, us_outline().boxes())
    for placed in layout.markers:
        assert area.left <= placed.x - placed.radius
        assert placed.x + placed.radius <= area.right
        assert area.top <= placed.y - placed.radius
        assert placed.y + placed.radius <= area.bottom
    for _region, frame in layout.insets:
        assert frame.inside(Rect(area.left - 1, area.top - 1, area.width + 2, area.height + 2))


def _overlaps(rect: Rect, placed: PlacedMarker) -> bool:
    return rect.hits_circle(placed.x, placed.y, placed.outer)


def test_labels_never_overlap_labels_or_markers_and_stay_inside() -> None:
    rng = random.Random(11)
    entries = [
        MapEntry(f"c{i}", f"City {i}", "XX", (rng.uniform(30, 45), rng.uniform(-110, -80)),
                 REPORTED, rng.uniform(1, 500), "123", disputed=i % 7 == 0)
        for i in range(300)
    ]  # fmt: skip
    chart = build_map_chart(entries)
    area = Rect(0, 0, 1000, 620)
    layout = layout_map(chart, area, char_measure, us_outline().boxes())
    assert 10 < len(layout.labels) < 300  # some placed, some skipped in the crowd
    for label in layout.labels:
        assert label.rect.inside(area)
        for index, placed in enumerate(layout.markers):
            assert index == label.marker or not _overlaps(label.rect, placed)
    for a, b in itertools.combinations(layout.labels, 2):
        assert not a.rect.intersects(b.rect)


def test_a_label_that_fits_nowhere_is_left_out() -> None:
    chart = build_map_chart([entry("chicago-il", 5.0)])
    layout = layout_map(chart, Rect(0, 0, 1000, 600), char_measure, us_outline().boxes())
    placed = layout.markers
    assert len(place_labels(placed, (0,), Rect(0, 0, 1000, 600), char_measure)) == 1
    tiny = Rect(placed[0].x - 20, placed[0].y - 20, 40, 40)  # no room for any spot
    assert place_labels(placed, (0,), tiny, char_measure) == ()


def test_a_crowded_label_goes_a_line_out_with_a_leader() -> None:
    """When every spot beside a marker is taken, its label goes one to three lines further
    out, tied to it by a line from the marker's edge to the label that crosses no other
    marker; spots beside a marker need no line."""
    chart = build_map_chart([entry("chicago-il", 5.0)])
    layout = layout_map(chart, Rect(0, 0, 1000, 600), char_measure, us_outline().boxes())
    (marker,) = layout.markers
    area = Rect(0, 0, 1000, 600)
    (beside,) = place_labels(layout.markers, (0,), area, char_measure)
    assert beside.leader is None
    # small markers at the outer end of each spot beside it: every spot is taken, and the
    # straight ways out between them stay clear
    width, height = char_measure(marker.marker.entry.label)
    blockers = tuple(
        PlacedMarker(marker.marker, x, y, 4.0)
        for x, y in _outer_ends(marker.x, marker.y, marker.outer, width, height)
    )
    (label,) = place_labels((marker, *blockers), (0,), area, char_measure)
    assert label.leader is not None
    x1, y1, x2, y2 = label.leader
    assert math.hypot(x1 - marker.x, y1 - marker.y) == pytest.approx(marker.outer)
    assert label.rect.left <= x2 <= label.rect.right
    assert label.rect.top <= y2 <= label.rect.bottom
    assert not any(_overlaps(label.rect, other) for other in blockers)


def test_a_label_whose_leader_would_cross_another_marker_is_left_out() -> None:
    """Inside a ring of markers any line out crosses one of them, and could be read as
    naming it: the label is left out (the marker keeps its tooltip)."""
    chart = build_map_chart([entry("chicago-il", 5.0)])
    layout = layout_map(chart, Rect(0, 0, 1000, 600), char_measure, us_outline().boxes())
    (marker,) = layout.markers
    ring = tuple(
        PlacedMarker(
            marker.marker, marker.x + 30 * math.cos(k / 4), marker.y + 30 * math.sin(k / 4), 12
        )
        for k in range(26)  # 26 steps of a quarter radian: round the whole circle
    )
    assert place_labels((marker, *ring), (0,), Rect(0, 0, 1000, 600), char_measure) == ()


def _outer_ends(
    x: float, y: float, r: float, width: float, height: float
) -> list[tuple[float, float]]:
    """The far end of each of the eight spots beside a marker (see ``_candidates``)."""
    gap = r + 3.0
    d = r * math.sqrt(0.5) + 3.0
    return [
        (x + gap + width - 3, y),  # right
        (x - gap - width + 3, y),  # left
        (x + d + width - 3, y - d - height / 2),  # above right
        (x + d + width - 3, y + d + height / 2),  # below right
        (x + width / 2 - 3, y - gap - height / 2),  # above
        (x + width / 2 - 3, y + gap + height / 2),  # below
        (x - d - width + 3, y - d - height / 2),  # above left
        (x - d - width + 3, y + d + height / 2),  # below left
    ]


def test_marker_at_finds_the_small_marker_drawn_on_top() -> None:
    near = (41.9, -87.6)
    chart = build_map_chart(
        [
            MapEntry("big", "Big", "IL", near, REPORTED, 1000.0, "1,000"),
            MapEntry("small", "Small", "IL", near, REPORTED, 10.0, "10"),
        ]
    )
    layout = layout_map(chart, Rect(0, 0, 1000, 600), char_measure, us_outline().boxes())
    big = layout.find("big")
    assert big is not None
    hit = layout.marker_at(big.x, big.y)
    assert hit is not None
    assert hit.marker.entry.city_id == "small"
    edge = layout.marker_at(big.x + big.radius - 1, big.y)
    assert edge is not None
    assert edge.marker.entry.city_id == "big"
    assert layout.marker_at(0, 0) is None


def test_fit_keeps_the_aspect_and_centres() -> None:
    from legend_gui.model.map_layout import fit

    transform = fit(Box(0, 0, 2, 1), Rect(0, 0, 400, 400))
    assert transform.scale == 200
    assert transform(0, 0) == (0, 100)
    assert transform(2, 1) == (400, 300)
    top = fit(Box(0, 0, 2, 1), Rect(0, 0, 400, 400), align_top=True)
    assert top(0, 0) == (0, 0)

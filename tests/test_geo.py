"""The map projection and the shipped state outlines (pure: no Qt)."""

from __future__ import annotations

import json

import pytest

from legend_gui.model.geo import FRAMES, Region, locate, project, region_of
from legend_gui.model.us_outline import outline_path, parse_outline, us_outline

# (lat, lon) from the bundled dataset and public gazetteers.
KANSAS_CITY = (39.09972, -94.57833)
ALBUQUERQUE = (35.08444, -106.65028)
CLEVELAND = (41.49917, -81.69472)
HONOLULU = (21.3069, -157.8583)
HILO = (19.7241, -155.0868)
SAN_JUAN = (18.4655, -66.1057)
PONCE = (18.0111, -66.6141)
ANCHORAGE = (61.2181, -149.9003)
FAIRBANKS = (64.8378, -147.7164)
JUNEAU = (58.3019, -134.4197)
ADAK = (51.88, -176.6581)
MINNEAPOLIS = (44.9778, -93.2650)
DALLAS = (32.7767, -96.7970)
SEATTLE = (47.6062, -122.3321)
MIAMI = (25.7617, -80.1918)
BOSTON = (42.3601, -71.0589)
KEY_WEST = (24.5551, -81.7800)
GUAM = (13.4443, 144.7937)

# d3.geoAlbersUsa().scale(1300).translate([487.5, 305]), as us-atlas@3 ships it projected
# (states-albers-10m.json): each state's bounding box in pixels. Our outline, projected here,
# must land on the same pixels.
D3_BOXES = {
    "CO": (264.6, 237.2, 395.3, 340.7),
    "AK": (-57.6, 465.0, 202.9, 604.1),
    "HI": (216.2, 528.1, 332.1, 603.1),
    "ME": (890.9, 45.8, 957.1, 150.1),
    "TX": (294.3, 350.7, 546.1, 597.6),
    "CA": (18.5, 160.0, 162.8, 407.1),
}


def test_kansas_city_lies_between_albuquerque_and_cleveland() -> None:
    xs = [project(*place)[0] for place in (ALBUQUERQUE, KANSAS_CITY, CLEVELAND)]
    assert xs[0] < xs[1] < xs[2]


def test_north_is_up_and_east_is_right() -> None:
    assert project(*MINNEAPOLIS)[1] < project(*DALLAS)[1]  # y grows southward, like a screen
    assert project(*FAIRBANKS)[1] < project(*ANCHORAGE)[1]  # inside an inset too
    assert project(*SEATTLE)[0] < project(*MINNEAPOLIS)[0] < project(*BOSTON)[0]
    assert project(*MIAMI)[1] > project(*BOSTON)[1]


@pytest.mark.parametrize(
    ("place", "region"),
    [
        (HONOLULU, Region.HAWAII),
        (HILO, Region.HAWAII),
        (SAN_JUAN, Region.PUERTO_RICO),
        (PONCE, Region.PUERTO_RICO),
        (ANCHORAGE, Region.ALASKA),
        (FAIRBANKS, Region.ALASKA),
        (JUNEAU, Region.ALASKA),
        (ADAK, Region.ALASKA),
        (KANSAS_CITY, Region.LOWER48),
        (SEATTLE, Region.LOWER48),
        (KEY_WEST, Region.LOWER48),
    ],
)
def test_places_fall_in_their_inset(place: tuple[float, float], region: Region) -> None:
    assert region_of(*place) is region
    x, y = project(*place)
    assert FRAMES[region].contains(x, y)
    for other, frame in FRAMES.items():
        if other not in (region, Region.LOWER48):
            assert not frame.contains(x, y), f"{place} also inside the {other} inset"


def test_insets_sit_bottom_left_and_bottom_right() -> None:
    lower48 = FRAMES[Region.LOWER48]
    for region in (Region.ALASKA, Region.HAWAII):
        assert FRAMES[region].right < 0 < FRAMES[region].top  # left half, bottom half
    assert FRAMES[Region.PUERTO_RICO].left > 0 < FRAMES[Region.PUERTO_RICO].top
    assert all(lower48.contains(f.left, f.top) for f in FRAMES.values())


def test_a_place_outside_every_region_is_not_on_the_map() -> None:
    assert locate(*GUAM) is None
    assert locate(*HONOLULU) == project(*HONOLULU)


def test_projection_matches_d3_albers_usa_on_the_shipped_outline() -> None:
    for state in us_outline().states:
        if state.postal not in D3_BOXES:
            continue
        xs = [x * 1300 + 487.5 for ring in state.rings for x, _ in ring]
        ys = [y * 1300 + 305 for ring in state.rings for _, y in ring]
        box = (min(xs), min(ys), max(xs), max(ys))
        assert box == pytest.approx(D3_BOXES[state.postal], abs=0.6), state.postal


def test_outline_has_every_state_dc_and_puerto_rico_and_a_licence() -> None:
    outline = us_outline()
    postals = {state.postal for state in outline.states}
    assert len(postals) == 52
    assert {"AK", "HI", "DC", "PR", "MO", "ME"} <= postals
    assert "Census Bureau" in outline.licence
    assert "ISC" in outline.licence
    assert outline_path().stat().st_size < 300_000
    by_postal = {state.postal: state for state in outline.states}
    assert by_postal["AK"].region is Region.ALASKA
    assert by_postal["PR"].region is Region.PUERTO_RICO
    assert by_postal["TX"].region is Region.LOWER48


def test_insets_do_not_cover_the_lower_48() -> None:
    """No lower-48 outline point lies inside an inset's frame."""
    for state in us_outline().states:
        if state.region is not Region.LOWER48:
            continue
        for ring in state.rings:
            for x, y in ring:
                for region in (Region.ALASKA, Region.HAWAII, Region.PUERTO_RICO):
                    assert not FRAMES[region].contains(x, y), (state.postal, region)


def test_every_city_of_the_bundled_dataset_is_on_the_lower_48(bundled_path) -> None:  # type: ignore[no-untyped-def]
    cities = json.loads(bundled_path.read_text(encoding="utf-8"))["cities"]
    for city in cities:
        lat, lon = city["location"]["lat"], city["location"]["lon"]
        assert region_of(lat, lon) is Region.LOWER48
        assert locate(lat, lon) is not None


def test_parse_outline_projects_each_ring_in_its_region() -> None:
    text = json.dumps(
        {
            "licence": "test",
            "source": "test",
            "states": [
                {"postal": "HI", "name": "Hawaii", "region": "hawaii", "fips": "15",
                 "rings": [[-157.9, 21.2, -157.6, 21.2, -157.6, 21.6, -157.9, 21.2]]},
            ],
        }
    )  # fmt: skip
    outline = parse_outline(text)
    (ring,) = outline.states[0].rings
    assert all(FRAMES[Region.HAWAII].contains(x, y) for x, y in ring)
    assert outline.boxes()[Region.HAWAII].width > 0

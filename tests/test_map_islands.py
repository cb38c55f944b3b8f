"""A dataset of another operation with cities in Alaska, Hawaii and Puerto Rico maps correctly."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF, QSize

from legend_gui.model import Catalog, load_dataset
from legend_gui.model.geo import FRAMES, Region, region_of
from legend_gui.model.map_chart import (
    NOT_REPORTED,
    NOT_YET_LAUNCHED,
    REPORTED,
    MapEntry,
    MarkerKind,
    build_map_chart,
)
from legend_gui.ui.map_draw import LIGHT_MAP
from legend_gui.ui.map_view import MapView

ISLANDS = Path(__file__).parent / "data" / "islands_operation.json"
FIRST = date(2021, 1, 15)


def entries_at(catalog: Catalog, metric: str, day: date) -> list[MapEntry]:
    """A minimal stand-in for the window's adapter (the model owns the real three states)."""
    entries = []
    for point in catalog.series(metric, day):
        city, figure = point.city, point.figure
        if figure is not None:
            status, text = REPORTED, f"{figure.value:,}"
        elif day < city.launch_date:
            status, text = NOT_YET_LAUNCHED, "not yet launched"
        else:
            status, text = NOT_REPORTED, "not reported"
        assert city.location is not None
        entries.append(
            MapEntry(
                city_id=city.id,
                name=city.name,
                state=city.state,
                location=(city.location.lat, city.location.lon),
                status=status,
                value=point.value,
                value_text=text,
                exact=figure is None or figure.qualifier == "exact",
                disputed=bool(figure and any(a.value != figure.value for a in figure.alternates)),
                tooltip=city.name,
            )
        )
    return entries


def test_island_cities_fall_in_their_insets_with_every_state_keyed(qtbot: Any) -> None:
    catalog = Catalog(load_dataset(ISLANDS), str(ISLANDS))
    expected = {"PR": Region.PUERTO_RICO, "HI": Region.HAWAII, "AK": Region.ALASKA}
    for city in catalog.cities:
        assert city.location is not None
        assert region_of(city.location.lat, city.location.lon) is expected.get(
            city.state, Region.LOWER48
        )

    chart = build_map_chart(entries_at(catalog, "arrests_total", FIRST), size_title="Arrests")
    assert Region.PUERTO_RICO in chart.regions
    kinds = {m.entry.city_id: m.kind for m in chart.markers}
    assert kinds["ponce-pr"] is MarkerKind.ZERO
    assert kinds["hilo-hi"] is MarkerKind.NOT_REPORTED
    assert kinds["seattle-wa"] is MarkerKind.NOT_YET_LAUNCHED
    assert [item.symbol for item in chart.key] == [
        "exact", "non_exact", "disputed", "zero", "not_reported", "not_yet_launched",
    ]  # fmt: skip

    view = MapView()
    qtbot.addWidget(view)
    view.set_theme(LIGHT_MAP)
    view.set_chart(chart)
    view.resize(1024, 700)
    scene = view.scene()
    assert scene is not None
    frames = dict(scene.layout.insets)
    for city_id, region in (
        ("san-juan-pr", Region.PUERTO_RICO),
        ("ponce-pr", Region.PUERTO_RICO),
        ("honolulu-hi", Region.HAWAII),
        ("hilo-hi", Region.HAWAII),
        ("anchorage-ak", Region.ALASKA),
    ):
        placed = scene.layout.find(city_id)
        assert placed is not None
        frame = frames[region]
        assert frame.left <= placed.x <= frame.right, city_id
        assert frame.top <= placed.y <= frame.bottom, city_id
        x, y = placed.marker.x, placed.marker.y
        assert FRAMES[region].contains(x, y)
    # The frames of the insets do not overlap one another.
    boxes = list(frames.values())
    for index, box in enumerate(boxes):
        for other in boxes[index + 1 :]:
            assert not box.intersects(other)

    image = view.render_image(QSize(1024, 700))
    anchorage = scene.layout.find("anchorage-ak")
    assert anchorage is not None
    colour = image.pixelColor(round(anchorage.x), round(anchorage.y))
    assert colour.blue() - colour.red() > 45  # a filled marker, not the land


@pytest.mark.parametrize("size", [(1004, 334), (1200, 500), (800, 400)])
def test_a_small_ring_inside_a_larger_one_keeps_its_name(qtbot: Any, size: tuple[int, int]) -> None:
    """Ponce's ring (30 arrests) lies within San Juan's (240) in the small Puerto Rico inset:
    every way out crosses San Juan's ring, which its leader may do, since it starts inside it.
    Every city is named: on screen (the first size) and in exports."""
    from legend_gui.model.chart import ChartSettings
    from legend_gui.model.export_options import build_chart
    from legend_gui.ui.map_draw import layout_scene

    catalog = Catalog(load_dataset(ISLANDS), str(ISLANDS))
    metric = "arrests_total"
    settings = ChartSettings(metric, catalog.default_snapshot(metric), view="map")
    figure = build_chart(catalog, settings)
    scene = layout_scene(figure.chart, QRectF(0, 0, *size), 12.0)
    markers = scene.layout.markers
    named = {markers[label.marker].marker.entry.city_id: label for label in scene.layout.labels}
    assert set(named) == {placed.marker.entry.city_id for placed in markers}
    ponce, san_juan = scene.layout.find("ponce-pr"), scene.layout.find("san-juan-pr")
    assert ponce is not None
    assert san_juan is not None
    assert math.hypot(ponce.x - san_juan.x, ponce.y - san_juan.y) < san_juan.outer
    leader = named["ponce-pr"].leader
    assert leader is not None
    x1, y1, _x2, _y2 = leader
    assert math.hypot(x1 - ponce.x, y1 - ponce.y) == pytest.approx(ponce.outer)

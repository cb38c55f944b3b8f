"""The Map view on screen and painted to images, SVG and PDF (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from helpers_gui import color_mask, pixels
from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QHelpEvent, QImage, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication, QToolTip

from legend_gui.model.geo import project
from legend_gui.model.map_chart import NOT_REPORTED, REPORTED, MapEntry, build_map_chart
from legend_gui.ui.map_draw import DARK_MAP, LIGHT_MAP, paint_map
from legend_gui.ui.map_view import MapView

SEATTLE = (47.6062, -122.3321)
MIAMI = (25.7617, -80.1918)
KANSAS_CITY = (39.09972, -94.57833)


def city(
    city_id: str, location: tuple[float, float], value: float | None, **extra: Any
) -> MapEntry:
    name = city_id.split("-")[0].title()
    reported = value is not None
    return MapEntry(
        city_id=city_id,
        name=name,
        state="XX",
        location=location,
        status=REPORTED if reported else NOT_REPORTED,
        value=value,
        value_text=f"{value:,.0f}" if reported else "not reported",
        tooltip=f"{name}: {value if reported else 'not reported'} (tooltip)",
        **extra,
    )


THREE = [
    city("seattle-wa", SEATTLE, 400.0),
    city("miami-fl", MIAMI, 100.0),
    city("kansas-city-mo", KANSAS_CITY, None),
]


@pytest.fixture
def view(qtbot: Any) -> MapView:
    widget = MapView()
    qtbot.addWidget(widget)
    widget.set_theme(LIGHT_MAP)
    widget.set_chart(build_map_chart(THREE, size_title="Arrests"))
    widget.resize(1000, 640)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def rgb_of(image: QImage, tmp_path: Path, name: str = "map.png") -> np.ndarray:
    path = tmp_path / name
    assert image.save(str(path))
    return pixels(path)


def bluish(rgb: np.ndarray) -> np.ndarray:
    """The markers' fill and rim: blue well above red (land, text and borders are grey)."""
    channels = rgb.astype(np.int16)
    return (channels[:, :, 2] - channels[:, :, 0]) > 45


def test_clicking_a_marker_emits_its_city(view: MapView, qtbot: Any) -> None:
    centre = view.marker_center("miami-fl")
    assert centre is not None
    with qtbot.waitSignal(view.city_clicked, timeout=1000) as signal:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre.toPoint())
    assert signal.args == ["miami-fl"]
    gap = view.marker_center("kansas-city-mo")  # a not-reported ring is clickable too
    assert gap is not None
    with qtbot.waitSignal(view.city_clicked, timeout=1000) as signal:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=gap.toPoint())
    assert signal.args == ["kansas-city-mo"]


def test_clicking_the_empty_map_emits_nothing(view: MapView, qtbot: Any) -> None:
    clicked: list[str] = []
    view.city_clicked.connect(clicked.append)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert clicked == []


#: QToolTip.showText on the offscreen platform (a platform limit, not the app's warning).
OFFSCREEN_TOOLTIP = "This plugin does not support raise()"


@pytest.mark.qt_log_ignore(OFFSCREEN_TOOLTIP)
def test_hovering_a_marker_shows_the_callers_tooltip(view: MapView) -> None:
    centre = view.marker_center("seattle-wa")
    assert centre is not None
    assert view.tooltip_at(centre) == "Seattle: 400.0 (tooltip)"
    event = QHelpEvent(QEvent.Type.ToolTip, centre.toPoint(), view.mapToGlobal(centre.toPoint()))
    QApplication.sendEvent(view, event)
    assert QToolTip.text() == "Seattle: 400.0 (tooltip)"
    QToolTip.hideText()
    assert view.tooltip_at(centre + type(centre)(0, 200)) == ""


def test_rendered_markers_sit_at_the_projected_places(view: MapView, tmp_path: Path) -> None:
    rgb = rgb_of(view.render_image(), tmp_path)
    scene = view.scene()
    assert scene is not None
    transform = scene.layout.transform
    for location in (SEATTLE, MIAMI):
        x, y = transform(*project(*location))
        patch = bluish(rgb[round(y) - 2 : round(y) + 3, round(x) - 2 : round(x) + 3])
        assert patch.all(), f"no marker at {location}"
    # The not-reported city is a grey dashed ring, never a blue circle.
    x, y = transform(*project(*KANSAS_CITY))
    assert not bluish(rgb[round(y) - 8 : round(y) + 9, round(x) - 8 : round(x) + 9]).any()
    assert color_mask(rgb, LIGHT_MAP.land, tolerance=3).sum() > 100_000  # the states are there


def test_marker_areas_are_proportional_to_the_values(view: MapView, tmp_path: Path) -> None:
    """Seattle's value is 4 × Miami's: its painted disc has 4 × the pixels."""
    rgb = rgb_of(view.render_image(), tmp_path)
    scene = view.scene()
    assert scene is not None
    counts = {}
    for city_id in ("seattle-wa", "miami-fl"):
        placed = scene.layout.find(city_id)
        assert placed is not None
        reach = round(placed.radius) + 4
        x, y = round(placed.x), round(placed.y)
        disc = rgb[y - reach : y + reach + 1, x - reach : x + reach + 1]
        counts[city_id] = int(bluish(disc).sum())
    assert counts["miami-fl"] > 200
    assert counts["seattle-wa"] / counts["miami-fl"] == pytest.approx(4.0, rel=0.12)


def test_the_view_follows_a_dark_palette(qtbot: Any, tmp_path: Path) -> None:
    from legend_gui.ui.theme import dark_palette

    widget = MapView()
    qtbot.addWidget(widget)
    widget.setPalette(dark_palette())
    widget.set_chart(build_map_chart(THREE))
    assert widget.theme() is DARK_MAP
    rgb = rgb_of(widget.render_image(QSize(800, 500)), tmp_path)
    assert color_mask(rgb[:5, :5], DARK_MAP.background, tolerance=2).all()
    assert color_mask(rgb, DARK_MAP.land, tolerance=3).sum() > 50_000


def test_an_empty_chart_paints_the_map_alone(qtbot: Any, tmp_path: Path) -> None:
    widget = MapView()
    qtbot.addWidget(widget)
    widget.set_theme(LIGHT_MAP)
    widget.set_chart(build_map_chart([]))
    rgb = rgb_of(widget.render_image(QSize(600, 400)), tmp_path)
    assert not bluish(rgb).any()
    assert color_mask(rgb, LIGHT_MAP.land, tolerance=3).sum() > 20_000


def _paint_to(device: Any, width: int, height: int) -> None:
    painter = QPainter()
    assert painter.begin(device)
    try:
        chart = build_map_chart(THREE, size_title="Arrests", selected="miami-fl")
        paint_map(painter, chart, QRectF(0, 0, width, height), LIGHT_MAP)
    finally:
        painter.end()


def test_svg_keeps_labels_as_text_and_draws_no_pattern_brushes(qtbot: Any) -> None:
    from PySide6.QtSvg import QSvgGenerator

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(1000, 640))
    generator.setViewBox(QRectF(0, 0, 1000, 640))
    _paint_to(generator, 1000, 640)
    svg = bytes(data.data()).decode("utf-8")
    for text in ("Seattle 400", "Miami 100", "Arrests", "not reported", "selected city"):
        assert text in svg, text
    assert "<text" in svg
    assert "pattern" not in svg.lower()


def test_pdf_is_written(qtbot: Any, tmp_path: Path) -> None:
    target = tmp_path / "map.pdf"
    writer = QPdfWriter(str(target))
    writer.setResolution(96)
    _paint_to(writer, 1000, 640)
    content = target.read_bytes()
    assert content.startswith(b"%PDF")
    assert len(content) > 5_000


@pytest.mark.parametrize("size", [(1200, 500), (1600, 700), (800, 400)])
def test_an_export_of_the_bundled_map_names_every_city(
    catalog: Any, qtbot: Any, size: tuple[int, int]
) -> None:
    """At export sizes Cleveland's marker takes every spot beside Detroit's: the label goes a
    line out with a leader, so no ring on the printed map is left without its name."""
    from legend_gui.model.chart import ChartSettings
    from legend_gui.model.export_options import build_chart
    from legend_gui.ui.map_draw import layout_scene

    metric = "federal_defendants_charged"
    settings = ChartSettings(metric, catalog.default_snapshot(metric), city="chicago-il")
    figure = build_chart(catalog, settings.with_(view="map"))
    scene = layout_scene(figure.chart, QRectF(0, 0, *size), 12.0)
    named = {label.marker for label in scene.layout.labels}
    assert named == set(range(len(scene.layout.markers)))
    assert any(label.leader is not None for label in scene.layout.labels)

"""The four views in the window: one set of choices, shortcuts, the view remembered, clicks on
map markers and table rows select the city, Latest in the snapshot box, and every view's export
opened and checked (pytest-qt, offscreen)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from helpers_gui import pixels
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence

from legend_gui.cli import main
from legend_gui.model.latest import LATEST, LATEST_WORD
from legend_gui.model.map_chart import MarkerKind

ISLANDS = Path(__file__).parent / "data" / "islands_operation.json"


def _orange(rgb: np.ndarray) -> np.ndarray:
    """The selected city's marker (#e07b00, drawn with some transparency)."""
    r, g, b = (rgb[..., i].astype(int) for i in range(3))
    return (r > 200) & (g > 90) & (g < 190) & (b < 90)


def _blue(rgb: np.ndarray) -> np.ndarray:
    """Markers (#3465a4, drawn with some transparency): blue well above red and green."""
    r, g, b = (rgb[..., i].astype(int) for i in range(3))
    return (b > r + 50) & (b > g + 25)


def test_views_share_the_choices_and_switch_by_shortcut(make_window: Any, catalog: Any) -> None:
    window = make_window(catalog)
    window.apply_chart_settings(
        window.chart_settings.with_(metric="arrests_total", per_capita=True)
    )
    window.select_city("memphis-tn")
    panel = window.chart_panel
    for key, view, widget in (
        (Qt.Key.Key_3, "map", panel.views.map_view),
        (Qt.Key.Key_4, "table", panel.views.table_panel),
        (Qt.Key.Key_2, "timeline", panel.plot("timeline")),
        (Qt.Key.Key_1, "bars", panel.plot("bars")),
    ):
        assert window.view_actions[view].shortcut() == QKeySequence(f"Ctrl+{key - Qt.Key.Key_0}")
        # the offscreen platform activates no window, so Qt delivers no shortcut: the action
        # carries the key (checked above) and is triggered as the key would
        window.view_actions[view].trigger()
        settings = window.chart_settings
        assert settings.view == view
        assert panel.stack.currentWidget() is widget
        assert (settings.metric, settings.per_capita, settings.city) == (
            "arrests_total",
            True,
            "memphis-tn",
        )
        assert panel.view_tabs.tabText(panel.view_tabs.currentIndex()) != ""
        assert window.view_actions[view].isChecked()


def test_the_view_is_remembered(make_window: Any, catalog: Any) -> None:
    window = make_window(catalog)
    window.show_table()
    window.save_settings()
    window.close()
    again = make_window(catalog)
    assert again.chart_settings.view == "table"
    assert again.chart_panel.stack.currentWidget() is again.chart_panel.views.table_panel


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_clicking_a_map_marker_selects_its_city(make_window: Any, catalog: Any, qtbot: Any) -> None:
    window = make_window(catalog)
    window.show_map()
    view = window.chart_panel.views.map_view
    qtbot.waitUntil(lambda: view.marker_center("memphis-tn") is not None)
    center = view.marker_center("memphis-tn")
    assert center is not None
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=center.toPoint())
    assert window.city_id == "memphis-tn"
    assert window.chart_settings.city == "memphis-tn"
    # the map rings the selected city and its tooltip is the bar chart's
    chart = view.chart()
    assert chart is not None
    assert chart.selected == "memphis-tn"
    center = view.marker_center("memphis-tn")
    assert center is not None
    tip = view.tooltip_at(QPointF(center))
    assert tip.startswith("Memphis, TN: ")
    assert "Source: " in tip


def test_clicking_a_table_row_selects_its_city(make_window: Any, catalog: Any, qtbot: Any) -> None:
    window = make_window(catalog)
    window.show_table()
    table = window.chart_panel.views.table_panel
    model = table.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Detroit")
    rect = table.view.visualRect(model.index(row, 2))
    qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.city_id == "detroit-mi"
    # the list follows, and the table keeps the selected row highlighted after a redraw
    window.set_metric("arrests_total")
    selected = table.view.selectionModel().selectedRows()
    assert [model.index(i.row(), 0).data() for i in selected] == ["Detroit"]


def test_latest_is_the_first_snapshot_and_labels_each_bar_with_its_date(
    make_window: Any, catalog: Any
) -> None:
    window = make_window(catalog)
    box = window.chart_panel.snapshot_box
    assert box.itemData(0) == LATEST_WORD
    assert window.snapshot_menu.actions()[0].data() == LATEST
    box.setCurrentIndex(0)
    assert window.chart_settings.snapshot == LATEST
    chart = window.chart_panel.chart
    assert chart is not None
    assert "dates differ" in window.chart_panel.caption_label.text()
    reported = [bar for bar in chart.bars if bar.value is not None]
    assert reported
    for bar in reported:
        assert bar.day is not None
        assert bar.text.endswith(f" · {bar.day.day} " + bar.day.strftime("%b") + f" {bar.day.year}")
    # the detail pane shows the selected city's most recent snapshot, never a far-off date
    assert "9999" not in window.detail.toPlainText()


def test_export_views_headless(tmp_path: Path, capsys: Any) -> None:
    png, svg, table_csv, table_png = (
        tmp_path / name for name in ("map.png", "map.svg", "table.csv", "table.png")
    )
    common = ["--snapshot", "latest", "--city", "memphis-tn"]
    assert main(["export", "--view", "map", "-o", str(png), *common]) == 0
    assert main(["export", "--view", "map", "-o", str(svg), *common]) == 0
    assert main(["export", "--view", "table", "-o", str(table_csv), *common]) == 0
    assert main(["export", "--view", "table", "-o", str(table_png), "--width", "1200",
                 "--height", "700"]) == 0  # fmt: skip
    rgb = pixels(png)
    assert _orange(rgb).sum() > 100  # the selected city's marker
    assert _blue(rgb).sum() > 1000  # the other markers
    text = svg.read_text(encoding="utf-8")
    assert "Federal defendants charged" in text  # text stays text
    assert "Memphis" in text
    with table_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 9
    memphis = next(row for row in rows if row["city_id"] == "memphis-tn")
    assert memphis["federal_defendants_charged_date"] == "2020-12-23"
    inked = (pixels(table_png).sum(axis=2) < 300).any(axis=1).tolist()
    lines = sum(
        1 for above, here in zip([False, *inked], inked, strict=False) if here and not above
    )
    assert lines >= 9 + 2 + 2  # nine rows, a two-line header, title and subtitle (and captions)
    out = capsys.readouterr().out
    assert "map of federal_defendants_charged, Latest" in out
    # a contradiction between --timeline and --view is a usage error
    assert main(["export", "--timeline", "--view", "map", "-o", str(png)]) == 2


def test_an_operation_in_puerto_rico_and_hawaii_maps_into_the_insets(tmp_path: Path) -> None:
    from legend_gui.model import Catalog, load_dataset
    from legend_gui.model.chart import ChartSettings
    from legend_gui.model.geo import Region, region_of
    from legend_gui.model.map_entries import map_chart

    catalog = Catalog(load_dataset(ISLANDS))
    metric = catalog.default_metric()
    chart = map_chart(catalog, ChartSettings(metric, LATEST))
    drawn = {marker.entry.city_id: marker for marker in chart.markers}
    assert set(drawn) == {city.id for city in catalog.cities}
    for city_id, region in (
        ("honolulu-hi", Region.HAWAII),
        ("san-juan-pr", Region.PUERTO_RICO),
        ("anchorage-ak", Region.ALASKA),
    ):
        location = drawn[city_id].entry.location
        assert location is not None
        assert region_of(*location) is region
        assert region in chart.regions
    assert any(m.kind is MarkerKind.VALUE for m in chart.markers)
    out = tmp_path / "islands.png"
    assert main(["export", "--view", "map", "--data", str(ISLANDS), "-o", str(out)]) == 0
    assert _blue(pixels(out)).sum() > 200


def test_screenshot_of_the_map(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    assert main(["screenshot", "--view", "map", "--dark", "-o", str(out)]) == 0
    rgb = pixels(out)
    assert rgb.shape[:2] == (800, 1280)
    light_blue = (rgb[..., 2].astype(int) > 180) & (rgb[..., 0].astype(int) < 150)
    assert light_blue.sum() > 300  # the dark theme's markers (#6fa8dc)

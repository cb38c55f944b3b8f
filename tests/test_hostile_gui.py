"""Issue 17.2 and 17.4 in the window and the exports: right-to-left names isolated wherever a
view puts them among other text, and a 1,300-character metric label or a 300-character city
name that never breaks the layout (``tests/data/long_labels.json``, ``rtl_names.json``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolTip

from legend_gui import export
from legend_gui.model.chart import ChartSettings
from legend_gui.model.loading import load_dataset
from legend_gui.model.queries import Catalog
from legend_gui.model.text import FSI, PDI
from legend_gui.ui import render
from legend_gui.ui.chart_paint import BAR
from legend_gui.ui.city_list import CityIdRole
from legend_gui.ui.display_text import MENU_CHARACTERS
from tests.helpers_gui import color_mask, pixels

DATA = Path(__file__).parent / "data"
MIXED = "Port Arthur (פורט ארתור\u200f)"
TEL_AVIV = "תל אביב-יפו"
LONG_METRIC = "arrests_total"  # its label is 1,300 characters in long_labels.json
LONG_CITY = "chicago-il"  # its name is 300 characters


@pytest.fixture(scope="module")
def rtl() -> Catalog:
    path = DATA / "rtl_names.json"
    return Catalog(load_dataset(path), str(path))


@pytest.fixture(scope="module")
def long() -> Catalog:
    path = DATA / "long_labels.json"
    return Catalog(load_dataset(path), str(path))


def test_long_labels_dataset_is_as_described(long: Catalog) -> None:
    assert len(long.metric_by_id[LONG_METRIC].label) == 1_300
    assert len(long.city_by_id[LONG_CITY].name) == 300


def _row_of(window: Any, city_id: str) -> Any:
    model = window.city_model
    return next(
        model.index(row, 0)
        for row in range(model.rowCount())
        if model.index(row, 0).data(CityIdRole) == city_id
    )


# -- 17.2: right-to-left names isolated in every view ----------------------------------------
def test_city_list_tooltip_isolates_the_name(make_window: Any, rtl: Catalog) -> None:
    window = make_window(rtl, load_plots=False)
    tip = _row_of(window, "tel-aviv").data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"{FSI}{TEL_AVIV}{PDI}, IL · since")
    assert _row_of(window, "tel-aviv").data(Qt.ItemDataRole.DisplayRole) == TEL_AVIV  # the data


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen tooltips
def test_chart_labels_key_caption_and_tooltips_isolate_names(
    make_window: Any, rtl: Catalog, qtbot: Any
) -> None:
    window = make_window(rtl)
    window.select_city("tel-aviv")
    panel = window.chart_panel
    axis = panel.plot("bars").getPlotItem().getAxis("left")
    labels = [label for _y, label in axis._tickLevels[0]]
    assert f"{FSI}{TEL_AVIV}{PDI}, IL" in labels
    assert f"Port Arthur ({FSI}פורט ארתור\u200f{PDI}), TX" in labels
    assert f"{FSI}{TEL_AVIV}{PDI}, IL" in panel.key_label.text()
    assert f"Sources: {FSI}הארץ{PDI} (19 Aug 2020)" in panel.caption_label.text()
    index = next(i for i, bar in enumerate(panel.chart.bars) if bar.city_id == "tel-aviv")
    assert panel.chart.bars[index].label == f"{TEL_AVIV}, IL"  # the model's words: no marks
    panel.hover(panel.bar_scene_position(index))
    qtbot.waitUntil(lambda: QToolTip.text() != "")
    assert QToolTip.text().startswith(f"{FSI}{TEL_AVIV}{PDI}, IL: 12")
    QToolTip.hideText()


def test_detail_pane_isolates_and_stays_left_to_right(make_window: Any, rtl: Catalog) -> None:
    window = make_window(rtl, load_plots=False)
    window.select_city("mixed")
    text = window.detail.toPlainText()
    assert text.startswith(f"Port Arthur ({FSI}פורט ארתור\u200f{PDI}), TX\n")
    assert f"— {FSI}דוח סופי{PDI}" in text
    block = window.detail.document().begin()
    directions = {}
    while block.isValid():
        directions[block.text()] = block.textDirection()
        block = block.next()
    # a cell holding only a right-to-left label stays a left-to-right paragraph: it lines up
    # with the others instead of jumping to the right edge of its cell
    assert directions[f"{FSI}מעצרים{PDI}"] == Qt.LayoutDirection.LeftToRight


def test_menus_about_and_window_title_isolate_and_name_the_dataset(
    make_window: Any, rtl: Catalog, fake_dialogs: Any
) -> None:
    window = make_window(rtl, load_plots=False)
    assert [a.text() for a in window.metric_menu.actions()] == [f"{FSI}מעצרים{PDI}"]
    assert window.windowTitle().startswith(
        f"Legend Viewer — Right-to-left names: {FSI}תל אביב{PDI} and {FSI}عمّان{PDI}"
    )
    window.show_about()
    _title, about = fake_dialogs.infos[-1]
    assert f"{FSI}תל אביב{PDI}" in about  # the dataset's own title, isolated
    assert "<b>The data</b>: CC0" in about


def test_about_box_speaks_the_dataset_words(make_window: Any, fake_dialogs: Any) -> None:
    path = DATA / "other" / "harbor.json"
    harbor = Catalog(load_dataset(path), str(path))
    window = make_window(harbor, load_plots=False)
    window.show_about()
    _title, about = fake_dialogs.infos[-1]
    assert "Operation Harbor (Coastal Task Force, 2031): test figures" in about
    assert "A made-up operation for tests" in about
    assert "Compiled 1 Jul 2031" in about
    assert "Test data, public domain (CC0)." in about
    assert f"{len(harbor.dataset.sources)} public sources" in about
    for word in ("Legend (", "DOJ", "Department of Justice", "Attorney"):
        assert word not in about


# -- 17.4: long names and labels keep the layout ---------------------------------------------
def test_long_labels_keep_the_window_layout(make_window: Any, long: Catalog) -> None:
    window = make_window(long)
    window.select_city(LONG_CITY)
    window.set_metric(LONG_METRIC)
    panel = window.chart_panel
    assert panel.title_label.text() == long.metric_by_id[LONG_METRIC].label
    # the city list keeps its width; the right side fits in the window beside it
    assert window.cities.width() >= 250
    assert window.right_splitter.minimumSizeHint().width() < 1280 - 250
    assert window.right_splitter.geometry().right() <= window.width()
    # the title and the key elide within the panel; the full title is the tooltip
    for label in (panel.title_label, panel.subtitle_label, panel.key_label):
        assert label.geometry().right() <= panel.width()
    assert panel.title_label.is_elided()
    assert long.metric_by_id[LONG_METRIC].label in panel.title_label.toolTip()
    assert panel.key_label.width() < 420
    assert panel.view_tabs.width() >= panel.view_tabs.sizeHint().width()  # tabs not squeezed
    # the metric box shows a shortened label, the full one in its tooltip; it keeps its size
    assert len(panel.metric_box.currentText()) <= MENU_CHARACTERS
    full = panel.metric_box.itemData(panel.metric_box.currentIndex(), Qt.ItemDataRole.ToolTipRole)
    assert long.metric_by_id[LONG_METRIC].label in full.replace("&amp;", "&")
    assert panel.metric_box.sizeHint().width() < 400
    assert long.metric_by_id[LONG_METRIC].label in panel.metric_box.toolTip().replace("&amp;", "&")
    # the View menu's entries too
    entry = next(a for a in window.metric_menu.actions() if a.data() == LONG_METRIC)
    assert len(entry.text()) <= MENU_CHARACTERS
    assert long.metric_by_id[LONG_METRIC].label in entry.toolTip()
    assert window.metric_menu.sizeHint().width() < 800
    assert len(window.windowTitle()) < 200


def test_a_long_city_name_keeps_the_list_and_its_rows(make_window: Any, long: Catalog) -> None:
    window = make_window(long, load_plots=False)
    index = _row_of(window, LONG_CITY)
    rect = window.city_view.visualRect(index)
    assert rect.height() < 30  # one line
    assert rect.width() <= window.city_view.viewport().width()
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert long.city_by_id[LONG_CITY].name in tip  # the full name, wrapped by Qt as rich text
    assert tip.startswith("<p style='white-space:pre-wrap'>")


def test_exported_title_fits_the_image(long: Catalog, tmp_path: Path) -> None:
    settings = ChartSettings(LONG_METRIC, long.snapshot_dates[-1], city=LONG_CITY)
    target = tmp_path / "long.png"
    export.export_chart(long, settings, target, (1200, 675))
    image = pixels(target)
    margin = int(render.MARGIN) - 4
    white = (image >= 250).all(axis=2)
    assert white[:, -margin:].all()  # nothing runs past the right margin
    assert white[:, :margin].all()
    assert color_mask(image, BAR.name()).sum() > 5_000  # the plot kept its room: bars drawn
    from PySide6.QtGui import QFont

    title = render.clamped(long.metric_by_id[LONG_METRIC].label, QFont(), 1000, 3)
    assert title.endswith("…")
    assert len(title) < 1_300


def test_exported_svg_keeps_the_title_short(long: Catalog, tmp_path: Path) -> None:
    settings = ChartSettings(LONG_METRIC, long.snapshot_dates[-1], city=LONG_CITY)
    target = tmp_path / "long.svg"
    export.export_chart(long, settings, target, (1200, 675))
    svg = target.read_text(encoding="utf-8")
    body = svg.split("</desc>", 1)[-1]  # the title element holds the full metadata
    assert long.metric_by_id[LONG_METRIC].label not in body


def test_painted_labels_draw_like_a_left_to_right_line() -> None:
    """The painted label keeps ", IL" after the name: compare the label row with the same
    text made left-to-right explicitly (LRM), drawn the same way."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from legend_gui.ui.chart_paint import draw_text, font

    def drawn(text: str) -> QImage:
        image = QImage(300, 24, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        draw_text(painter, QRectF(0, 0, 300, 24), text, font(), QColor("black"),
                  Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)  # fmt: skip
        painter.end()
        return image

    assert drawn(f"{TEL_AVIV}, IL") == drawn(f"\u200e{TEL_AVIV}, IL")
    plain = QImage(300, 24, QImage.Format.Format_RGB32)  # QPainter alone turns the line around
    plain.fill(QColor("white"))
    painter = QPainter(plain)
    painter.setFont(font())
    painter.setPen(QColor("black"))
    painter.drawText(QRectF(0, 0, 300, 24),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                     f"{TEL_AVIV}, IL")  # fmt: skip
    painter.end()
    assert plain != drawn(f"{TEL_AVIV}, IL")


# -- 17.5: a tiny value is never shown as 0 ---------------------------------------------------
TINY = 1e-9


@pytest.fixture
def tiny(tmp_path: Path) -> Catalog:
    """Chicago's drugs seized are 1e-9 kg and its arrests 1e-9 (a count unit); the national
    arrests 2e-9."""
    from helpers import valid_dataset, write_json

    data = valid_dataset()
    for snapshot in data["snapshots"]:
        for figure in snapshot["figures"]:
            if figure.get("city") == "chicago-il" and figure["metric"] in (
                "drugs_seized_kg",
                "arrests_total",
            ):
                figure["value"] = TINY
            if figure["scope"] == "national" and figure["metric"] == "arrests_total":
                figure["value"] = 2 * TINY
    path = write_json(tmp_path, data, "tiny.json")
    return Catalog(load_dataset(path), str(path))


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen tooltips
@pytest.mark.parametrize("metric", ["drugs_seized_kg", "arrests_total"])
def test_a_tiny_value_never_shows_as_zero_in_the_window(
    make_window: Any, tiny: Catalog, metric: str
) -> None:
    import pyqtgraph as pg

    window = make_window(tiny)
    window.select_city("chicago-il")
    window.set_metric(metric)
    window.apply_chart_settings(window.chart_settings.with_(snapshot=tiny.snapshot_dates[-1]))
    panel = window.chart_panel
    items = panel.plot("bars").getPlotItem().items
    texts = [item.textItem.toPlainText() for item in items if isinstance(item, pg.TextItem)]
    assert any(text.startswith("0.000000001") for text in texts), texts
    index = next(i for i, bar in enumerate(panel.chart.bars) if bar.city_id == "chicago-il")
    assert ": 0.000000001 " in panel.bar_tooltip(index)
    assert "0.000000001" in window.detail.toPlainText()
    if metric == "drugs_seized_kg":  # the tiny value is the largest: the axis is in its scale
        axis = panel.plot("bars").getPlotItem().getAxis("bottom")
        low, high = panel.plot("bars").getPlotItem().getViewBox().viewRange()[0]
        values = axis.tickValues(low, high, 600)[0][1]  # what the axis asks for when painted
        labels = dict(zip(values, axis.tickStrings(values, 1.0, 1.0), strict=True))
        assert labels[0] == "0"
        assert "0.0000000005" in labels.values()
        assert all(label != "0" for value, label in labels.items() if value != 0)
    window.select_city(None)
    window.set_metric("arrests_total")
    assert "0.000000002" in window.detail.toPlainText()


def test_a_tiny_value_never_shows_as_zero_in_exports(tiny: Catalog, tmp_path: Path) -> None:
    settings = ChartSettings("drugs_seized_kg", tiny.snapshot_dates[-1], city="chicago-il")
    export.export_chart(tiny, settings, tmp_path / "chart.csv")
    rows = (tmp_path / "chart.csv").read_text(encoding="utf-8").splitlines()
    chicago = next(row for row in rows if row.startswith("Chicago,"))
    assert ",0.000000001,kg," in chicago  # positional, not 1e-09 and never 0
    export.export_chart(tiny, settings, tmp_path / "chart.svg", (1200, 675))
    svg = (tmp_path / "chart.svg").read_text(encoding="utf-8")
    assert "0.000000001 kg" in svg  # the bar's label, as text
    assert ">0.0000000002<" in svg  # an axis tick
    export.write_long_csv(tiny, tmp_path / "all.csv")
    everything = (tmp_path / "all.csv").read_text(encoding="utf-8")
    assert ",0.000000001," in everything
    assert "e-09" not in everything
    table = settings.with_(metric="arrests_total", view="table")
    export.export_chart(tiny, table, tmp_path / "table.csv")
    rows = (tmp_path / "table.csv").read_text(encoding="utf-8").splitlines()
    chicago = next(row for row in rows if row.startswith("chicago-il,"))
    assert ",0.000000001," in chicago  # the table's CSV too: not 0.0, not 1e-09
    assert "e-0" not in chicago

"""Amounts of money in the hundreds of billions, some disputed: every number is shown whole,
on one line where it is a column's, never cut off at an edge, and no axis claims a scale its
labels do not use (``tests/data/other/billions.json``)."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from legend_gui import export
from legend_gui.model.chart import ChartSettings
from legend_gui.model.loading import load_dataset
from legend_gui.model.queries import Catalog
from legend_gui.model.ticks import LABEL_GAP, fitting_value_ticks, value_ticks
from tests.helpers_gui import pixels

BILLIONS = Path(__file__).parent / "data" / "other" / "billions.json"
LAST = date(2031, 6, 1)


@pytest.fixture(scope="module")
def billions() -> Catalog:
    return Catalog(load_dataset(BILLIONS), str(BILLIONS))


def _width(label: str) -> float:
    return 7.0 * len(label)  # about a 12-pixel font's digits


def test_ticks_leave_room_for_their_labels() -> None:
    length = 400.0
    crowded = value_ticks(0.0, 5.8e11, False, 6)
    widest = max(_width(label) for _, label in crowded)
    assert (len(crowded) - 1) * (widest + LABEL_GAP) > length  # as they were: overlapping
    ticks = fitting_value_ticks(0.0, 5.8e11, False, length, _width, 6)
    values = [value for value, _ in ticks]
    assert values[0] == 0.0
    assert values[-1] >= 5.8e11
    pixels_per_unit = length / (values[-1] - values[0])
    widest = max(_width(label) for _, label in ticks)
    for left, right in pairwise(values):
        assert (right - left) * pixels_per_unit >= widest + LABEL_GAP
    # Short labels keep the ticks they had.
    assert fitting_value_ticks(0.0, 196.0, True, length, _width, 6) == value_ticks(
        0.0, 196.0, True, 6
    )


def test_the_value_axis_claims_no_scale_its_labels_do_not_use(
    make_window: Any, billions: Catalog
) -> None:
    window = make_window(billions)
    window.set_metric("cash_taken")
    plot = window.chart_panel.plot("bars").getPlotItem()
    axis = plot.getAxis("bottom")
    assert axis.label.toPlainText().strip() == "USD"  # not "USD (x1e+09)"
    low, high = plot.getViewBox().viewRange()[0]
    values = axis.tickValues(low, high, axis.width())[0][1]
    labels = axis.tickStrings(values, 1.0, 1.0)
    assert "200,000,000,000" in labels or "500,000,000,000" in labels  # whole numbers
    # Side by side, each label has its own room: the steps are wider than the labels.
    metrics = axis.style["tickFont"]
    from PySide6.QtGui import QFontMetricsF

    widest = max(QFontMetricsF(metrics).horizontalAdvance(label) for label in labels)
    step_pixels = (values[1] - values[0]) * axis.width() / (high - low)
    assert step_pixels >= widest + LABEL_GAP


def test_the_timeline_shows_every_whisker_whole(make_window: Any, billions: Catalog) -> None:
    window = make_window(billions)
    window.set_metric("cash_taken")
    window.select_city("san-jose-ca")
    window.apply_chart_settings(window.chart_settings.with_(view="timeline"))
    view = window.chart_panel.plot("timeline").getPlotItem().getViewBox()
    highest_report = 580_017_400_000.5  # the other report of the last figure
    assert view.viewRange()[1][1] >= highest_report


def test_a_change_column_keeps_a_number_on_one_line(make_window: Any, billions: Catalog) -> None:
    window = make_window(billions)
    window.set_metric("cash_taken")
    window.select_city("san-jose-ca")
    document = window.detail.document()
    document.setTextWidth(window.detail.viewport().width())
    change = "163,574,907,100"  # 290,008,700,000.25 - 126,433,792,900.25
    block = document.begin()
    found = []
    while block.isValid():
        if change in block.text():
            found.append(block.layout().lineCount())
        block = block.next()
    assert found == [1]


def test_a_change_from_a_value_not_given_as_exact_is_marked(billions: Catalog) -> None:
    from legend_gui.ui.detail_html import render_detail

    pane = render_detail(billions, "san-jose-ca", LAST)  # ≈126… on 1 Mar, ≈290… on 1 Jun
    assert "≈+163,574,907,100" in pane
    assert "+28<" in pane  # 12 then 40 detentions, both exact: no mark


def _ink_columns(image: np.ndarray) -> np.ndarray:
    """Which pixel columns hold dark ink (text), not the white page or pale grid lines."""
    dark = image[..., :3].astype(int).sum(axis=2) < 3 * 140
    return np.asarray(dark.any(axis=0))


@pytest.mark.parametrize("view", ["bars", "timeline"])
def test_an_export_cuts_no_label_at_its_edge(billions: Catalog, tmp_path: Path, view: str) -> None:
    settings = ChartSettings("cash_taken", LAST, city="san-jose-ca", view=view)
    png = tmp_path / f"{view}.png"
    export.export_chart(billions, settings, png, (1200, 675))
    svg = tmp_path / f"{view}.svg"
    export.export_chart(billions, settings, svg, (1200, 675))
    text = svg.read_text(encoding="utf-8")
    assert "290,008,700,000.25" in text
    assert "580,017,400,000.5" in text
    ink = _ink_columns(pixels(png))
    assert not ink[-12:].any()  # the page's margin is clear: nothing runs off the image
    assert ink[: len(ink) // 2].any()


@pytest.mark.parametrize(
    ("rates", "expected"),
    [
        ((28_621_915_834.4, 57_243_831_668.8), "≈28,621,915,834 (57,243,831,669 in other reports)"),
        ((12.34, 14.06), "≈12.3 (14.1 in other reports)"),
        ((0.034, 0.0351), "≈0.034 (0.035 in other reports)"),  # never "0"
    ],
)
def test_the_other_reports_rates_are_as_precise_as_the_primary(
    rates: tuple[float, float], expected: str
) -> None:
    from legend_gui.model.chart_common import value_text, with_others
    from legend_gui.model.status import OtherValue
    from legend_gui.model.vocab import Qualifier

    primary, other = rates
    text = value_text(primary, Qualifier.APPROXIMATELY, True, "USD")
    assert with_others(text, (OtherValue(other, Qualifier.EXACT, "x"),), True, "USD") == expected

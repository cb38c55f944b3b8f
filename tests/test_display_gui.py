"""Issue 10 in the window and the exported images: search that ignores accents, the detail
pane's three states and disputes, tooltips, per 100,000 without populations, ticks, and an SVG
that librsvg draws like the PNG."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtGui import QImage

from legend_gui import export
from legend_gui.model.chart import ChartSettings, bar_chart
from legend_gui.model.formatting import format_number, format_rate
from legend_gui.model.loading import load_dataset
from legend_gui.model.queries import Catalog
from legend_gui.model.search import fold
from legend_gui.model.ticks import date_ticks, value_ticks
from legend_gui.ui.chart_tips import bar_tooltip
from legend_gui.ui.city_list import CityListModel
from legend_gui.ui.detail_html import render_detail
from tests.helpers_gui import pixels

OTHER = Path(__file__).parent / "data" / "other"
HARBOR_FIRST = date(2031, 3, 1)


@pytest.fixture(scope="module")
def harbor() -> Catalog:
    return Catalog(load_dataset(OTHER / "harbor.json"))


@pytest.fixture(scope="module")
def prairie() -> Catalog:
    return Catalog(load_dataset(OTHER / "prairie_no_populations.json"))


# -- 5. numbers and ticks ------------------------------------------------------------------
def test_numbers_never_scientific_and_never_zero_when_not_zero() -> None:
    assert format_number(1_264_300) == "1,264,300"
    assert format_number(1e-9) == "0.000000001"
    assert format_number(0.004) == "0.004"
    assert format_number(7, decimals=1) == "7.0"
    assert format_rate(0.03) == "0.030"
    assert format_rate(0.0004) == "0.00040"
    assert format_rate(38.57) == "38.6"
    for value in (1e6, 2e7, 1e15, 3.2e-7):
        assert "e" not in format_number(value)


def test_value_ticks_are_round_separated_and_whole_for_counts() -> None:
    ticks = value_ticks(0, 24_000_000, integer=True)
    assert [label for _, label in ticks] == [
        "0", "5,000,000", "10,000,000", "15,000,000", "20,000,000", "25,000,000",
    ]  # fmt: skip
    assert [value for value, _ in value_ticks(0, 1.3, integer=True)] == [0, 1, 2]
    assert all(float(v).is_integer() for v, _ in value_ticks(0, 3, integer=True))
    assert ticks[-1][0] >= 24_000_000  # the scale covers the largest bar
    small = value_ticks(0, 0.0000012)
    assert all("e" not in label for _, label in small)
    assert len({label for _, label in small}) == len(small)  # no two ticks read the same


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2020, 8, 19), date(2020, 8, 19), ["19 Aug 2020"]),
        (date(2020, 8, 19), date(2020, 8, 20), ["19 Aug 2020", "20 Aug"]),
        (date(2020, 7, 20), date(2020, 12, 23), ["Aug 2020", "Sep", "Oct", "Nov", "Dec"]),
        (date(2016, 3, 1), date(2021, 2, 1), ["2017", "2018", "2019", "2020", "2021"]),
    ],
    ids=["one-point", "two-points", "five-months", "five-years"],
)
def test_date_ticks_suit_the_span(first: date, last: date, expected: list[str]) -> None:
    assert [label for _, label in date_ticks(first, last)] == expected


def test_date_ticks_never_crowd() -> None:
    for days in (3, 10, 40, 90, 400, 3000):
        first = date(2020, 1, 15)
        last = date.fromordinal(first.toordinal() + days)
        for room in (2, 4, 7):
            ticks = date_ticks(first, last, room)
            assert 1 <= len(ticks) <= room, (days, room)


# -- 6. search ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("San Jose", "San José"),
        ("SAN JOSÉ", "San José"),
        ("mayaguez", "Mayagüez"),
        ("Mayagu\u0308ez", "Mayagüez"),  # decomposed, as some files spell it
        ("o'fallon", "O’Fallon"),  # a straight apostrophe finds a curly one
        ("O’FALLON", "O’Fallon"),
        ("greensboro", "Winston-Salem–Greensboro metropolitan statistical area"),
    ],
)
def test_search_ignores_case_accents_and_apostrophes(
    qapp: object, harbor: Catalog, typed: str, found: str
) -> None:
    model = CityListModel()
    model.set_catalog(harbor)
    model.set_filter(typed)
    names = [model.data(model.index(row)) for row in range(model.rowCount())]
    assert names == [found]


def test_fold() -> None:
    assert fold("Mayagüez") == fold("Mayagu\u0308ez") == "mayaguez"
    assert fold("O’Fallon") == fold("O'Fallon") == "o'fallon"
    assert fold("Kansas City") == "kansas city"


# -- 2, 3, 4. the detail pane and tooltips ------------------------------------------------------
def test_detail_pane_shows_states_units_and_disputes(harbor: Catalog) -> None:
    honolulu = render_detail(harbor, "honolulu-hi", HARBOR_FIRST)
    assert "not yet launched (from 15 Apr 2031)" in honolulu
    assert "Vessels boarded" in honolulu  # a core metric (group "core") with no figure
    mayaguez = render_detail(harbor, "mayaguez-pr", HARBOR_FIRST)
    assert "25 in other reports" in mayaguez
    assert "people" in mayaguez
    assert "USD" in mayaguez
    o_fallon = render_detail(harbor, "o-fallon-mo", HARBOR_FIRST)
    assert "not reported" in o_fallon
    national = render_detail(harbor, None, HARBOR_FIRST)
    assert harbor.dataset.title in national
    assert "DOJ" not in national


def test_bar_tooltip_names_unit_rank_and_other_reports(harbor: Catalog) -> None:
    chart = bar_chart(harbor, ChartSettings("detentions", HARBOR_FIRST, city="mayaguez-pr"))
    text = bar_tooltip(harbor, chart.bars[0])
    assert text.startswith("Mayagüez, PR: 15 people")
    assert "Ranked 1st" in text
    assert "Other report: 25 people — Isla Noticias" in text
    gap = next(bar for bar in chart.bars if bar.city_id == "honolulu-hi")
    assert bar_tooltip(harbor, gap) == "Honolulu, HI: not yet launched (from 15 Apr 2031)"


def test_per_capita_is_disabled_with_the_reason_without_populations(
    make_window: Any, prairie: Catalog
) -> None:
    window = make_window(prairie)
    box = window.chart_panel.per_capita_box
    assert not box.isEnabled()
    assert "no city populations" in box.toolTip()


def test_the_highlighted_city_has_a_key(make_window: Any, catalog: Catalog) -> None:
    window = make_window(catalog)
    # a snapshot where St. Louis has a bar (the first-start one, the final results, has none)
    window.apply_chart_settings(window.chart_settings.with_(snapshot=date(2020, 8, 19)))
    window.select_city("st-louis-mo")
    key = window.chart_panel.key_label
    assert key.isVisible()
    assert "St. Louis, MO" in key.text()
    assert "■" in key.text()


# -- 8. SVG that renders anywhere ----------------------------------------------------------------
RSVG = shutil.which("rsvg-convert")


@pytest.mark.skipif(RSVG is None, reason="rsvg-convert (Debian: librsvg2-bin) is not installed")
@pytest.mark.parametrize(
    "settings",
    [
        ChartSettings("federal_defendants_charged", date(2020, 12, 23), True, "memphis-tn", top=3),
        ChartSettings("federal_defendants_charged", date(2020, 8, 19), city="st-louis-mo"),
        ChartSettings("arrests_total", date(2020, 10, 14), city="chicago-il"),
        ChartSettings("federal_defendants_charged", None, city="st-louis-mo", view="timeline"),
    ],
    ids=["top3-per-capita", "disputed", "hatched", "timeline"],
)
def test_librsvg_draws_the_svg_like_the_png(
    qapp: object, catalog: Catalog, tmp_path: Path, settings: ChartSettings
) -> None:
    png, svg, drawn = tmp_path / "c.png", tmp_path / "c.svg", tmp_path / "rsvg.png"
    export.export_chart(catalog, settings, png, (1200, 675))
    export.export_chart(catalog, settings, svg, (1200, 675))
    assert "non-scaling-stroke" not in svg.read_text(encoding="utf-8")
    assert RSVG is not None
    size = ["-w", "1200", "-h", "675"]  # the mm size Qt writes rounds to 676 px
    subprocess.run([RSVG, *size, "-b", "white", str(svg), "-o", str(drawn)], check=True, timeout=60)
    expected, got = pixels(png).astype(int), pixels(drawn).astype(int)
    assert got.shape == expected.shape

    # Coarse comparison: 12 × 12 blocks, mean brightness; text anti-aliasing may differ a little.
    def blocks(rgb: np.ndarray) -> np.ndarray:
        grey = rgb.mean(axis=2)
        h, w = grey.shape[0] // 12 * 12, grey.shape[1] // 12 * 12
        return grey[:h, :w].reshape(h // 12, 12, w // 12, 12).mean(axis=(1, 3))

    difference = np.abs(blocks(expected) - blocks(got))
    assert float(np.mean(difference < 12)) > 0.97, float(np.mean(difference < 12))
    assert float(difference.max()) < 90
    image = QImage(str(drawn))
    assert not image.isNull()

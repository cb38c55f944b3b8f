"""Chart export without the window: PNG pixels and metadata, SVG, CSV values, failures, CLI.

Pixel checks are deliberately coarse (PITFALLS 3.1: no reference images across machines): the
size, the background at the corners, and how many separate bands of the bar colour a vertical
line through the bars crosses.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from helpers import LONG_HEADER
from helpers_gui import bar_bands, pixels

from legend_gui import export, fileio
from legend_gui.model import Catalog, load_dataset
from legend_gui.model.chart import BarChart, ChartSettings, TimelineChart
from legend_gui.model.export_options import DEFAULT_SIZE, build_chart

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DAY = date(2020, 10, 14)  # federal_defendants_charged: all nine cities, all exact
HATCHED = ChartSettings(  # seven bars, Chicago's "more than 60" hatched, two cities not reported
    metric="federal_charged_firearms_offenses",
    snapshot=date(2020, 9, 3),
    city="detroit-mi",
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    path = REPO / "data" / "operation_legend.json"
    return Catalog(load_dataset(path), str(path))


# -- PNG ------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [(1200, 675), (1920, 1080)])
def test_png_has_the_requested_size_a_white_background_and_metadata(
    qapp: object, catalog: Catalog, tmp_path: Path, size: tuple[int, int]
) -> None:
    from PySide6.QtGui import QImage

    settings = ChartSettings(metric="federal_defendants_charged", snapshot=DEFAULT_DAY)
    out = tmp_path / "chart.png"
    export.export_chart(catalog, settings, out, size)

    image = QImage(str(out))
    assert (image.width(), image.height()) == size
    rgb = pixels(out)
    for corner in (rgb[0, 0], rgb[0, -1], rgb[-1, 0], rgb[-1, -1]):
        assert corner.tolist() == [255, 255, 255]
    assert len(np.unique(rgb.reshape(-1, 3), axis=0)) > 50  # not a blank canvas

    chart = build_chart(catalog, settings)
    assert image.text("Title") == chart.title == "Federal defendants charged"
    assert image.text("Source") == chart.source_line()
    assert image.text("Source").startswith("Sources: ")
    assert image.text("Description") == chart.subtitle
    assert image.text("Software").startswith("Legend Viewer ")


@pytest.mark.parametrize(
    "settings",
    [
        ChartSettings("federal_defendants_charged", DEFAULT_DAY),
        ChartSettings("federal_defendants_charged", DEFAULT_DAY, city="kansas-city-mo"),
        HATCHED,
        HATCHED.with_(per_capita=True),
    ],
    ids=["all-exact", "one-selected", "hatched-and-selected", "per-capita"],
)
def test_png_shows_one_solid_band_per_exact_unselected_bar(
    qapp: object, catalog: Catalog, tmp_path: Path, settings: ChartSettings
) -> None:
    from legend_gui.ui.chart_draw import LIGHT

    chart = build_chart(catalog, settings)
    assert isinstance(chart, BarChart)
    solid = [bar for bar in chart.plotted if bar.exact and not bar.selected]
    selected = [bar for bar in chart.plotted if bar.exact and bar.selected]
    assert solid, "the case must plot at least one exact bar"
    for size in ((1200, 675), (1920, 1080)):
        out = tmp_path / f"bars-{size[0]}.png"
        export.export_chart(catalog, settings, out, size)
        rgb = pixels(out)
        assert bar_bands(rgb, LIGHT.bar) == len(solid), size
        assert bar_bands(rgb, LIGHT.bar_selected) == len(selected), size


def test_the_hatched_case_really_has_hatched_and_missing_bars(catalog: Catalog) -> None:
    """Guards the case above: if the data changes, the band count must still mean something."""
    chart = build_chart(catalog, HATCHED)
    assert isinstance(chart, BarChart)
    assert [bar.city_id for bar in chart.plotted if not bar.exact] == ["chicago-il"]
    assert [bar.city_id for bar in chart.plotted if bar.selected] == ["detroit-mi"]
    assert len(chart.plotted) == 7
    assert len(chart.bars) == 9  # two labelled gaps, no zero bars


# -- SVG ------------------------------------------------------------------------------------
@pytest.mark.parametrize("per_capita", [False, True])
def test_svg_parses_and_names_every_plotted_city(
    qapp: object, catalog: Catalog, tmp_path: Path, per_capita: bool
) -> None:
    settings = HATCHED.with_(per_capita=per_capita)
    out = tmp_path / "chart.svg"
    export.export_chart(catalog, settings, out, (1200, 675))

    root = ET.parse(out).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 1200 675"
    # 1200 CSS px at 96 dpi = 317.5 mm: a viewer shows the size asked for, not 4/3 of it
    assert (root.get("width"), root.get("height")) == ("317.5mm", "178.594mm")
    text = " ".join("".join(element.itertext()) for element in root.iter())
    chart = build_chart(catalog, settings)
    assert isinstance(chart, BarChart)
    assert chart.plotted
    for bar in chart.plotted:
        city = catalog.city_by_id[bar.city_id]
        assert city.name in text, city.name
        assert bar.text in text
    assert chart.title in text
    assert "Made with Legend Viewer" in text


# -- CSV ------------------------------------------------------------------------------------
def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("per_capita", [False, True])
@pytest.mark.parametrize(
    ("metric", "day"),
    [
        ("federal_defendants_charged", DEFAULT_DAY),
        ("federal_charged_firearms_offenses", date(2020, 9, 3)),
        ("arrests_total", date(2020, 12, 23)),
    ],
)
def test_chart_csv_values_equal_the_model_query(
    catalog: Catalog, tmp_path: Path, metric: str, day: date, per_capita: bool
) -> None:
    out = tmp_path / "chart.csv"
    export.export_chart(catalog, ChartSettings(metric, day, per_capita=per_capita), out)
    rows = read_csv(out)
    by_name = {row["city"]: row for row in rows}
    assert len(by_name) == len(rows)

    series = catalog.series(metric, day, per_capita)
    assert len(rows) == len(series)  # nine cities: everything fits in the top 25
    for point in series:
        row = by_name[point.city.name]
        assert row["state"] == point.city.state
        assert row["metric"] == metric
        assert row["snapshot_date"] == day.isoformat()
        assert row["unit"] == catalog.metric(metric).unit
        if point.figure is None:
            assert row["value"] == ""
            assert row["status"] in ("not reported", "not yet launched")
            assert row["qualifier"] == ""
            assert row["source_url"] == ""
        else:
            assert row["status"] == "reported"
            assert float(row["value"]) == point.figure.value
            assert row["source_url"] == catalog.source(point.figure.source).url
        if per_capita:
            if point.value is None:
                assert row["per_100k"] == ""
            else:
                assert float(row["per_100k"]) == pytest.approx(point.value, rel=1e-12)
        else:
            assert "per_100k" not in row


def test_timeline_csv_equals_the_city_timeline(catalog: Catalog, tmp_path: Path) -> None:
    settings = ChartSettings(
        "federal_defendants_charged", DEFAULT_DAY, city="kansas-city-mo", view="timeline"
    )
    out = tmp_path / "timeline.csv"
    export.export_chart(catalog, settings, out)
    every_date = read_csv(out)
    assert [row["snapshot_date"] for row in every_date] == [
        day.isoformat() for day in catalog.snapshot_dates
    ]
    rows = [row for row in every_date if row["status"] == "reported"]
    assert {row["status"] for row in every_date} == {"reported", "not reported"}
    timeline = catalog.timeline("kansas-city-mo", "federal_defendants_charged")
    assert len(timeline) >= 3
    assert [row["snapshot_date"] for row in rows] == [p.day.isoformat() for p in timeline]
    assert [float(row["value"]) for row in rows] == [p.figure.value for p in timeline]
    assert {row["city"] for row in rows} == {"Kansas City"}


def test_long_csv_has_the_contract_columns_and_one_row_per_figure(
    catalog: Catalog, tmp_path: Path
) -> None:
    out = tmp_path / "all.csv"
    count = export.write_long_csv(catalog, out)
    rows = read_csv(out)
    assert count == len(rows) == len(list(catalog.long_rows()))
    assert list(rows[0]) == LONG_HEADER
    assert {row["role"] for row in rows} == {"primary", "corroborating", "alternate"}
    assert all(row["value"] != "" for row in rows)  # not reported has no row, never a 0


# -- failures -------------------------------------------------------------------------------
def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize("suffix", [".png", ".svg", ".csv"])
def test_missing_folder_is_a_clear_error_and_writes_nothing(
    qapp: object, catalog: Catalog, tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / "no such folder" / f"chart{suffix}"
    settings = ChartSettings("federal_defendants_charged", DEFAULT_DAY)
    with pytest.raises(export.ExportError, match="does not exist") as caught:
        export.export_chart(catalog, settings, target, (400, 300))
    assert str(tmp_path / "no such folder") in str(caught.value)
    assert not target.parent.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_file_where_the_folder_should_be_is_a_clear_error(
    qapp: object, catalog: Catalog, tmp_path: Path
) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("I am a file")
    target = blocker / "x.png"
    with pytest.raises(export.ExportError, match="not a folder") as caught:
        export.export_chart(catalog, ChartSettings("arrests_total", None), target, (400, 300))
    assert str(blocker) in str(caught.value)
    assert blocker.read_text() == "I am a file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        (OSError(errno.ENOSPC, "No space left on device"), "disk is full"),
        (OSError(errno.EIO, "Input/output error"), "Input/output error"),
    ],
    ids=["read-only", "disk-full", "io-error"],
)
@pytest.mark.parametrize("stage", ["replace", "fsync"])
def test_a_failed_write_leaves_no_file_no_temp_and_the_old_file_intact(
    qapp: object,
    catalog: Catalog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: OSError,
    message: str,
    stage: str,
) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise error

    settings = ChartSettings("federal_defendants_charged", DEFAULT_DAY)
    fresh = tmp_path / "fresh.png"
    existing = tmp_path / "existing.csv"
    existing.write_bytes(b"old contents")
    monkeypatch.setattr(fileio.os, stage, fail)
    for target in (fresh, existing):
        with pytest.raises(export.ExportError, match=message):
            export.export_chart(catalog, settings, target, (400, 300))
    monkeypatch.undo()
    assert not fresh.exists()
    assert existing.read_bytes() == b"old contents"
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.csv"]


@pytest.mark.gui  # a .png target loads the renderer, and Qt
def test_unknown_extension_and_a_folder_as_target_are_refused(
    catalog: Catalog, tmp_path: Path
) -> None:
    settings = ChartSettings("federal_defendants_charged", DEFAULT_DAY)
    with pytest.raises(export.ExportError, match=r"unknown format '\.jpg'"):
        export.export_chart(catalog, settings, tmp_path / "chart.jpg")
    folder = tmp_path / "chart.png"
    folder.mkdir()
    with pytest.raises(export.ExportError, match="is a folder"):
        export.export_chart(catalog, settings, folder)
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]


# -- the command line -----------------------------------------------------------------------
@pytest.mark.gui  # reads the PNG back with Qt
def test_cli_export_runs_headless_in_a_fresh_process(tmp_path: Path) -> None:
    """No QT_QPA_PLATFORM, no DISPLAY: ``export`` must pick the offscreen platform itself."""
    from PySide6.QtGui import QImage

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    out = tmp_path / "x.png"
    result = subprocess.run(
        [sys.executable, "-m", "legend_gui", "export", "-o", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert str(out) in result.stdout
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(out))
    assert (image.width(), image.height()) == DEFAULT_SIZE
    assert image.text("Title")
    assert leftovers(tmp_path) == []


def test_cli_export_failure_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from legend_gui.cli import main

    target = tmp_path / "missing" / "x.csv"
    assert main(["export", "-o", str(target)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("legend-gui export: the folder ")
    assert "does not exist" in err[0]


def test_cli_size_options_reach_the_image(qapp: object, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from legend_gui.cli import main

    out = tmp_path / "small.png"
    assert main(["export", "-o", str(out), "--width", "640", "--height", "480"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (640, 480)


def test_chart_types_are_what_the_settings_ask(catalog: Catalog) -> None:
    bars = build_chart(catalog, ChartSettings("arrests_total", DEFAULT_DAY))
    line = build_chart(
        catalog, ChartSettings("arrests_total", None, city="kansas-city-mo", view="timeline")
    )
    assert isinstance(bars, BarChart)
    assert isinstance(line, TimelineChart)


def test_every_csv_writes_the_qualifiers_in_the_long_csvs_words(tmp_path: Path) -> None:
    """One vocabulary: the chart CSV (bars and timeline) writes ``exact``, ``more_than`` ...
    as the long CSV and the data file do, never "exactly" or "more than"."""
    import csv as csv_module

    from legend_gui.cli import main
    from legend_gui.model.vocab import Qualifier

    words = {qualifier.value for qualifier in Qualifier}
    found: dict[str, set[str]] = {}
    runs = {
        "long": ["--all"],
        "bars": ["--metric", "arrests_total"],
        "timeline": ["--timeline", "--metric", "federal_defendants_charged", "--city",
                     "kansas-city-mo"],
    }  # fmt: skip
    for name, options in runs.items():
        out = tmp_path / f"{name}.csv"
        assert main(["export", "-o", str(out), *options]) == 0
        with out.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv_module.DictReader(stream))
        found[name] = {row["qualifier"] for row in rows if row["qualifier"]}
    assert "exact" in found["long"]
    assert "exact" in found["bars"]
    assert found["bars"] | found["timeline"] | found["long"] <= words
    assert len(found["long"]) > 1  # more than one word was checked

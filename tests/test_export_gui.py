"""Export from the window: File ▸ Export Chart…, Export Data (CSV)…, Edit ▸ Copy Chart.

Every question goes through ``FakeDialogs`` (no real dialog can open); the options dialog itself
is tested as a widget, never exec()'d.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers_gui import FakeDialogs, bar_bands, pixels
from helpers_gui import make_window as build_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QDialog

from legend_gui import fileio
from legend_gui.cli import main as cli_main
from legend_gui.model.chart import BarChart, ChartSettings
from legend_gui.model.export_options import ExportOptions, build_chart, suggested_name
from legend_gui.ui import export_actions
from legend_gui.ui.chart_draw import DARK, LIGHT
from legend_gui.ui.export_dialog import SIZE_PRESETS, ExportChartDialog

DAY = date(2020, 10, 14)
PNG_1200 = ExportOptions("png", 1200, 675)


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def window(qtbot: Any, bundled_path: Path, tmp_path: Path, dialogs: FakeDialogs) -> Iterator[Any]:
    window = build_window(qtbot, bundled_path, tmp_path, dialogs)
    yield window
    window.close()


def show(window: Any, **changes: Any) -> ChartSettings:
    settings = window.chart_settings.with_(**changes)
    window.apply_chart_settings(settings)
    assert window.chart_settings == settings
    return settings


def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir(exist_ok=True)
    return folder


def same_pixels(a: Path, b: Path) -> bool:
    first = QImage(str(a)).convertToFormat(QImage.Format.Format_ARGB32)
    second = QImage(str(b)).convertToFormat(QImage.Format.Format_ARGB32)
    assert not first.isNull()
    assert not second.isNull()
    return first == second


# -- Export Chart ---------------------------------------------------------------------------
def test_export_chart_writes_the_png_asked_for(
    window: Any, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    show(window, metric="federal_defendants_charged", snapshot=DAY, city="kansas-city-mo")
    target = out_dir(tmp_path) / "chart.png"
    dialogs.export_answers.append(ExportOptions("png", 1920, 1080))
    dialogs.save_answers.append(target)

    assert window.exports.export_chart() == target

    image = QImage(str(target))
    assert (image.width(), image.height()) == (1920, 1080)
    assert image.text("Title") == "Federal defendants charged"
    assert dialogs.errors == []
    assert dialogs.confirmations == []  # a new file: nothing to confirm
    (save,) = dialogs.saves
    assert Path(save.suggested).name == "federal_defendants_charged-2020-10-14.png"
    assert save.filters.split(";;")[0] == "PNG image (*.png)"
    assert save.options == {"confirm_overwrite": False}  # one confirmation: ours
    assert "chart.png" in window.statusBar().currentMessage()
    assert "1,920 × 1,080" in window.statusBar().currentMessage()
    assert [p.name for p in target.parent.iterdir()] == ["chart.png"]  # no temp left


def test_the_next_export_starts_in_the_last_folder_with_the_last_options(
    window: Any, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    folder = out_dir(tmp_path)
    dialogs.export_answers.append(ExportOptions("svg", 800, 600))
    dialogs.save_answers.append(folder / "first.svg")
    window.exports.export_chart()
    assert window.settings.get(window.settings.EXPORT_FOLDER) == str(folder)
    assert window.settings.export_options() == ExportOptions("svg", 800, 600)

    dialogs.export_answers.append(PNG_1200)
    assert window.exports.export_chart() is None  # cancelled at the save dialog
    assert dialogs.export_asked_with[-1] == ExportOptions("svg", 800, 600)
    assert len(dialogs.saves) == 2
    assert Path(dialogs.saves[-1].suggested).parent == folder


def test_the_extension_decides_the_format(
    window: Any, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    folder = out_dir(tmp_path)
    dialogs.export_answers += [PNG_1200, PNG_1200, ExportOptions("csv", 1200, 675)]
    dialogs.save_answers += [folder / "typed", folder / "drawing.SVG", folder / "table"]
    assert window.exports.export_chart() == folder / "typed.png"
    assert window.exports.export_chart() == folder / "drawing.SVG"
    assert window.exports.export_chart() == folder / "table.csv"
    assert (folder / "typed.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in (folder / "drawing.SVG").read_bytes()[:400]
    assert (folder / "table.csv").read_text().startswith("city,state,metric,")
    assert dialogs.errors == []


def test_cancelling_either_question_writes_nothing(
    window: Any, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    folder = out_dir(tmp_path)
    assert window.exports.export_chart() is None  # options dialog cancelled
    assert dialogs.export_asks == 1
    assert dialogs.saves == []
    dialogs.export_answers.append(PNG_1200)
    assert window.exports.export_chart() is None  # save dialog cancelled
    assert len(dialogs.saves) == 1
    assert list(folder.iterdir()) == []
    assert dialogs.errors == []


def test_an_existing_file_is_kept_unless_the_user_confirms(
    window: Any, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    target = out_dir(tmp_path) / "chart.png"
    target.write_bytes(b"the user's own file")
    os.utime(target, (1_000_000_000, 1_000_000_000))

    dialogs.export_answers.append(PNG_1200)
    dialogs.save_answers.append(target)
    dialogs.confirm_answers.append(False)
    assert window.exports.export_chart() is None
    assert target.read_bytes() == b"the user's own file"
    assert target.stat().st_mtime == 1_000_000_000
    assert len(dialogs.confirmations) == 1
    assert "chart.png already exists" in dialogs.confirmations[0][1]
    assert "kept" in window.statusBar().currentMessage()

    dialogs.export_answers.append(PNG_1200)
    dialogs.save_answers.append(target)
    dialogs.confirm_answers.append(True)
    assert window.exports.export_chart() == target
    assert QImage(str(target)).width() == 1200
    assert len(dialogs.confirmations) == 2
    assert [p.name for p in target.parent.iterdir()] == ["chart.png"]


def test_the_appended_extension_is_checked_for_overwriting_too(
    window: Any, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    target = out_dir(tmp_path) / "chart.png"
    target.write_bytes(b"keep me")
    dialogs.export_answers.append(PNG_1200)
    dialogs.save_answers.append(target.with_suffix(""))  # "chart", becomes chart.png
    assert window.exports.export_chart() is None
    assert target.read_bytes() == b"keep me"
    assert len(dialogs.confirmations) == 1


@pytest.mark.parametrize("where", ["missing folder", "under a file", "read-only"])
def test_a_failed_export_is_reported_and_writes_nothing(
    window: Any,
    dialogs: FakeDialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    folder = out_dir(tmp_path)
    if where == "missing folder":
        target = folder / "gone" / "chart.png"
        expected = "does not exist"
    elif where == "under a file":
        (folder / "afile").write_text("x")
        target = folder / "afile" / "chart.png"
        expected = "is a file, not a folder"
    else:
        target = folder / "chart.png"
        expected = "permission denied"

        def deny(*_args: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(fileio.os, "replace", deny)
    dialogs.export_answers.append(PNG_1200)
    dialogs.save_answers.append(target)

    assert window.exports.export_chart() is None
    monkeypatch.undo()

    (error,) = dialogs.errors
    assert error[0] == "Export failed"
    assert error[1].startswith("The chart was not exported: ")
    assert expected in error[1]
    assert not target.exists()
    assert [p.name for p in folder.iterdir()] == (["afile"] if where == "under a file" else [])
    # a failed folder is not remembered
    assert window.settings.get(window.settings.EXPORT_FOLDER) == ""
    assert QApplication.overrideCursor() is None


def test_gui_and_cli_exports_are_pixel_identical(
    window: Any, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    folder = out_dir(tmp_path)
    cases = [
        ("federal_defendants_charged", "2020-10-14", "kansas-city-mo", 1200, 675, False),
        ("federal_charged_firearms_offenses", "2020-09-03", "detroit-mi", 1920, 1080, True),
    ]
    for metric, day, city, width, height, per_capita in cases:
        show(
            window,
            metric=metric,
            snapshot=date.fromisoformat(day),
            city=city,
            per_capita=per_capita,
            view="bars",
        )
        gui = folder / f"gui-{metric}.png"
        cli = folder / f"cli-{metric}.png"
        dialogs.export_answers.append(ExportOptions("png", width, height))
        dialogs.save_answers.append(gui)
        assert window.exports.export_chart() == gui
        argv = ["export", "-o", str(cli), "--metric", metric, "--snapshot", day, "--city", city]
        argv += ["--width", str(width), "--height", str(height)]
        argv += ["--per-capita"] if per_capita else []
        assert cli_main(argv) == 0
        assert same_pixels(gui, cli), metric
        assert QImage(str(gui)).text("Source") == QImage(str(cli)).text("Source")

    # and a different selection really does change the pixels (the comparison has teeth)
    show(window, city="chicago-il")
    other = folder / "other.png"
    dialogs.export_answers.append(ExportOptions("png", 1920, 1080))
    dialogs.save_answers.append(other)
    window.exports.export_chart()
    assert not same_pixels(other, folder / "cli-federal_charged_firearms_offenses.png")


def test_the_export_is_light_even_when_the_app_is_dark(
    window: Any, dialogs: FakeDialogs, tmp_path: Path, qtbot: Any
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old_palette = app.palette()
    hints = QGuiApplication.styleHints()
    dark = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        dark.setColor(role, QColor(DARK.background))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        dark.setColor(role, QColor(DARK.foreground))
    try:
        hints.setColorScheme(Qt.ColorScheme.Dark)  # may be ignored by the offscreen platform
        app.setPalette(dark)
        window.chart_panel.set_dark(True)  # what a Dark colorSchemeChanged does
        settings = show(window, metric="federal_defendants_charged", snapshot=DAY, city=None)
        on_screen = window.chart_panel.grab().toImage()
        assert QColor(on_screen.pixel(on_screen.width() // 2, on_screen.height() // 2)) != QColor(
            "#ffffff"
        )

        target = out_dir(tmp_path) / "dark.png"
        dialogs.export_answers.append(PNG_1200)
        dialogs.save_answers.append(target)
        window.exports.export_chart()
    finally:
        hints.unsetColorScheme()
        app.setPalette(old_palette)
        window.chart_panel.set_dark(False)
    rgb = pixels(target)
    for corner in (rgb[0, 0], rgb[0, -1], rgb[-1, 0], rgb[-1, -1]):
        assert corner.tolist() == [255, 255, 255]
    chart = build_chart(window.catalog, settings)
    assert isinstance(chart, BarChart)
    assert bar_bands(rgb, LIGHT.bar) == len(chart.plotted) == 9
    assert bar_bands(rgb, DARK.bar) == 0


def test_the_timeline_exports_too(window: Any, dialogs: FakeDialogs, tmp_path: Path) -> None:
    settings = show(window, view="timeline", city="kansas-city-mo")
    folder = out_dir(tmp_path)
    for fmt in ("png", "svg", "csv"):
        dialogs.export_answers.append(ExportOptions(fmt, 1200, 675))
        dialogs.save_answers.append(folder / f"timeline.{fmt}")
        assert window.exports.export_chart() == folder / f"timeline.{fmt}"
    assert dialogs.errors == []
    assert Path(dialogs.saves[0].suggested).name == (
        f"{settings.metric}-kansas-city-mo-timeline.png"
    )
    image = QImage(str(folder / "timeline.png"))
    assert (image.width(), image.height()) == (1200, 675)
    assert image.text("Description").startswith("Kansas City, MO")
    rows = list(csv.DictReader(io.StringIO((folder / "timeline.csv").read_text())))
    timeline = window.catalog.timeline("kansas-city-mo", settings.metric)
    reported = [row for row in rows if row["status"] == "reported"]
    assert [row["snapshot_date"] for row in reported] == [p.day.isoformat() for p in timeline]
    assert len(rows) == len(window.catalog.snapshot_dates)  # every date, with its state
    assert "Kansas City" in (folder / "timeline.svg").read_text()


# -- Export Data ----------------------------------------------------------------------------
def test_export_data_writes_every_figure(window: Any, dialogs: FakeDialogs, tmp_path: Path) -> None:
    folder = out_dir(tmp_path)
    dialogs.save_answers.append(folder / "figures")
    assert window.exports.export_data() == folder / "figures.csv"
    rows = list(csv.DictReader(io.StringIO((folder / "figures.csv").read_text())))
    assert len(rows) == len(list(window.catalog.long_rows()))
    assert Path(dialogs.saves[0].suggested).name == "operation_legend-all-figures.csv"
    assert dialogs.saves[0].options == {"confirm_overwrite": False}
    assert f"{len(rows):,} figures" in window.statusBar().currentMessage()

    dialogs.save_answers.append(folder / "figures.csv")
    dialogs.confirm_answers.append(False)
    before = (folder / "figures.csv").stat().st_mtime_ns
    assert window.exports.export_data() is None
    assert (folder / "figures.csv").stat().st_mtime_ns == before

    dialogs.save_answers.append(folder / "missing" / "figures.csv")
    assert window.exports.export_data() is None
    assert "does not exist" in dialogs.errors[-1][1]
    assert sorted(p.name for p in folder.iterdir()) == ["figures.csv"]


# -- Copy Chart -----------------------------------------------------------------------------
def test_copy_chart_puts_an_image_and_a_png_on_the_clipboard(window: Any) -> None:
    show(window, metric="federal_defendants_charged", snapshot=DAY)
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    copied = window.exports.copy_chart()
    assert copied is not None
    image = clipboard.image()
    assert not image.isNull()
    assert (image.width(), image.height()) == (1600, 900)
    mime = clipboard.mimeData()
    assert mime.hasImage()
    png = bytes(mime.data("image/png").data())
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    decoded = QImage.fromData(png)
    assert (decoded.width(), decoded.height()) == (1600, 900)
    assert decoded.text("Title") == "Federal defendants charged"
    assert "clipboard" in window.statusBar().currentMessage()
    clipboard.clear()


# -- the menu -------------------------------------------------------------------------------
def test_the_menu_actions_and_shortcuts_reach_the_exports(
    window: Any, dialogs: FakeDialogs
) -> None:
    assert window.export_chart_action.shortcut().toString() == "Ctrl+E"
    assert window.copy_chart_action.shortcut().toString() == "Ctrl+Shift+C"
    window.export_chart_action.trigger()
    assert dialogs.export_asks == 1  # cancelled there: nothing else asked
    window.export_data_action.trigger()
    assert len(dialogs.saves) == 1
    QGuiApplication.clipboard().clear()
    window.copy_chart_action.trigger()
    assert not QGuiApplication.clipboard().image().isNull()
    QGuiApplication.clipboard().clear()


def test_suggested_names() -> None:
    bars = ChartSettings("federal_defendants_charged", DAY)
    assert suggested_name(bars, "png") == "federal_defendants_charged-2020-10-14.png"
    assert suggested_name(bars.with_(per_capita=True), "svg") == (
        "federal_defendants_charged-per-100k-2020-10-14.svg"
    )
    line = bars.with_(view="timeline", city=None)
    assert suggested_name(line, "csv") == "federal_defendants_charged-national-timeline.csv"
    assert suggested_name(ChartSettings("a/b c", None), "png") == "a_b_c.png"


# -- the options dialog (as a widget; never exec()'d) ---------------------------------------
@pytest.fixture
def options_dialog(qtbot: Any, window: Any) -> Iterator[ExportChartDialog]:
    # Not shown: the offscreen platform warns "does not support propagateSizeHints()" for a
    # dialog window, and the preview and controls work the same unshown.
    dialog = ExportChartDialog(window.catalog, window.chart_settings, PNG_1200, window)
    qtbot.addWidget(dialog)
    yield dialog
    dialog.close()


def test_dialog_offers_formats_presets_and_custom(options_dialog: ExportChartDialog) -> None:
    dialog = options_dialog
    assert [dialog.format_box.itemData(i) for i in range(dialog.format_box.count())] == [
        "png",
        "svg",
        "pdf",
        "csv",
    ]
    presets = [dialog.size_box.itemText(i) for i in range(dialog.size_box.count())]
    assert presets == [label for label, _w, _h in SIZE_PRESETS] + ["Custom"]
    assert dialog.size_box.currentText().startswith("1200 × 675")
    assert (dialog.width_box.minimum(), dialog.width_box.maximum()) == (16, 20_000)
    assert (dialog.height_box.minimum(), dialog.height_box.maximum()) == (16, 20_000)

    dialog.size_box.setCurrentIndex(3)  # A4 300 dpi
    assert dialog.options() == ExportOptions("png", 3508, 2480)
    dialog.width_box.setValue(1000)
    assert dialog.size_box.currentText() == "Custom"
    assert dialog.options() == ExportOptions("png", 1000, 2480)
    dialog.width_box.setValue(1920)
    dialog.height_box.setValue(1080)
    assert dialog.size_box.currentText().startswith("1920 × 1080")  # a preset again
    dialog.width_box.setValue(25_000)
    assert dialog.options().width == 20_000

    dialog.format_box.setCurrentIndex(dialog.format_box.findData("csv"))
    assert not dialog.size_box.isEnabled()
    assert not dialog.width_box.isEnabled()
    assert dialog.options().format == "csv"


def test_dialog_preview_is_debounced_and_follows_the_size(
    options_dialog: ExportChartDialog, qtbot: Any
) -> None:
    dialog = options_dialog
    with qtbot.waitSignal(dialog.preview_rendered, timeout=5000):
        pass
    first = dialog.render_count
    pixmap = dialog.preview_label.pixmap()
    assert not pixmap.isNull()
    assert pixmap.width() / pixmap.height() == pytest.approx(1200 / 675, rel=0.02)

    for width in (1300, 1400, 1500, 1600):  # typing or spinning: one render at the end
        dialog.width_box.setValue(width)
    dialog.height_box.setValue(1600)
    assert dialog.preview_pending()
    assert dialog.render_count == first
    with qtbot.waitSignal(dialog.preview_rendered, timeout=5000):
        pass
    assert dialog.render_count == first + 1
    pixmap = dialog.preview_label.pixmap()
    assert pixmap.width() / pixmap.height() == pytest.approx(1.0, rel=0.02)  # 1600 × 1600
    corner = pixmap.toImage().pixelColor(1, 1)
    assert corner == QColor("#ffffff")

    dialog.format_box.setCurrentIndex(dialog.format_box.findData("csv"))
    with qtbot.waitSignal(dialog.preview_rendered, timeout=5000):
        pass
    assert dialog.preview_label.text().startswith(
        "city,state,metric,snapshot_date,status,value,unit,qualifier"
    )


def test_dialog_warns_about_small_sizes(options_dialog: ExportChartDialog) -> None:
    options_dialog.width_box.setValue(400)
    options_dialog.height_box.setValue(300)
    assert "crowds the plot" in options_dialog.note_label.text()
    options_dialog.size_box.setCurrentIndex(0)
    assert "crowds" not in options_dialog.note_label.text()


def test_the_real_service_runs_the_dialog_and_returns_its_options(
    window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``Dialogs.ask_export_options`` builds ExportChartDialog from the stored options and
    returns what it shows on OK, ``None`` on Cancel (exec() is replaced: it never blocks)."""
    from legend_gui.ui.dialogs import Dialogs

    window.settings.save_export_options(ExportOptions("svg", 1920, 1080))
    asked = (window.catalog, window.chart_settings, window.settings.export_options())
    seen: list[ExportChartDialog] = []

    def accept(self: ExportChartDialog) -> int:
        seen.append(self)
        assert self.options() == ExportOptions("svg", 1920, 1080)
        self.size_box.setCurrentIndex(0)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ExportChartDialog, "exec", accept)
    assert Dialogs().ask_export_options(window, *asked) == ExportOptions("svg", 1200, 675)

    monkeypatch.setattr(ExportChartDialog, "exec", lambda _self: 0)
    assert Dialogs().ask_export_options(window, *asked) is None
    assert len(seen) == 1


def test_the_real_save_dialog_leaves_the_overwrite_question_to_us(
    monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from legend_gui.ui.dialogs import Dialogs

    calls: list[tuple[Any, ...]] = []

    def record(*args: Any) -> tuple[str, str]:
        calls.append(args)
        return ("/tmp/chosen.png", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(record))
    dialogs = Dialogs()
    assert dialogs.save_file(None, "Export", "/tmp/x.png", "PNG (*.png)") == Path("/tmp/chosen.png")
    chosen = dialogs.save_file(None, "Export", "/tmp/x.png", "PNG", confirm_overwrite=False)
    assert chosen == Path("/tmp/chosen.png")
    assert not calls[0][-1] & QFileDialog.Option.DontConfirmOverwrite  # default: Qt asks
    assert calls[1][-1] & QFileDialog.Option.DontConfirmOverwrite


def test_an_unexpected_failure_still_restores_the_cursor(
    window: Any, dialogs: FakeDialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(export_actions, "chart_file_bytes", boom)
    dialogs.export_answers.append(PNG_1200)
    dialogs.save_answers.append(out_dir(tmp_path) / "chart.png")
    with pytest.raises(RuntimeError, match="boom"):  # the crash handler's business, not ours
        window.exports.export_chart()
    assert QApplication.overrideCursor() is None

"""The main window driven like a user would: typing, arrows, clicks, menus, files, settings."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers import three_city_copy
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QKeySequence

from legend_gui.model import Catalog, load_dataset
from legend_gui.model.chart import BarChart
from legend_gui.ui.actions import menu_text
from legend_gui.ui.city_list import CityListModel


def visible_names(window) -> list[str]:
    model = window.city_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def bar_widths(window) -> list[float]:
    """The widths of the bars actually drawn in the pyqtgraph scene."""
    return window.chart_panel.drawn_bar_widths()


def test_window_title_names_the_dataset_and_the_file(make_window, catalog: Catalog) -> None:
    window = make_window(catalog)
    title = catalog.dataset.title  # the data's own title, not one written in the code
    assert window.windowTitle() == f"Legend Viewer — {title} — operation_legend.json"


def test_list_starts_with_all_cities_then_the_nine(make_window, catalog: Catalog) -> None:
    window = make_window(catalog)
    names = visible_names(window)
    assert names[0] == "All cities"
    assert len(names) == 10
    assert "Kansas City" in names
    assert window.count_label.text() == "9 cities"


def test_typing_filters_the_list_literally_and_case_insensitively(
    make_window, catalog: Catalog, qtbot
) -> None:
    window = make_window(catalog)
    qtbot.keyClicks(window.search_box, "CHI")
    assert visible_names(window) == ["Chicago"]
    assert window.count_label.text() == "1 of 9 cities"
    # the current city follows the first match at once in the list; the detail pane and the
    # chart follow it in the next event-loop turn (once for a burst of keystrokes)
    current = window.city_view.currentIndex()
    assert window.cities.model.city_id_at(current.row()) == "chicago-il"
    qtbot.waitUntil(lambda: window.city_id == "chicago-il", timeout=2_000)
    assert "Chicago, IL" in window.detail.toPlainText()
    assert window.chart_settings.city == "chicago-il"
    window.search_box.clear()
    qtbot.keyClicks(window.search_box, "st.")  # regex characters are literal
    assert visible_names(window) == ["St. Louis"]
    window.search_box.clear()
    qtbot.keyClicks(window.search_box, "zzz")
    assert visible_names(window) == []
    assert window.count_label.text() == "No city matches"


def test_a_burst_of_keystrokes_redraws_the_chart_once(make_window, catalog: Catalog, qtbot) -> None:
    """Each letter of "mi" moves the selection ("m": Kansas City, MO, is the first match;
    "mi": Detroit, MI); the detail pane and the chart follow once, for the last one."""
    window = make_window(catalog)
    chosen: list[str | None] = []
    window.cities.city_chosen.connect(chosen.append)
    qtbot.keyClicks(window.search_box, "mi")
    assert chosen == []  # the list has moved; the chart waits for the next turn
    qtbot.waitUntil(lambda: bool(chosen), timeout=2_000)
    qtbot.wait(50)
    assert chosen == ["detroit-mi"]
    assert window.chart_settings.city == "detroit-mi"


def test_a_click_on_the_row_typing_selected_chooses_it_at_once(
    make_window, catalog: Catalog, qtbot
) -> None:
    """Typing selects a row and leaves the chart for the next turn; a click on that row
    makes it the window's city at once, as a click on any row does."""
    window = make_window(catalog)
    qtbot.keyClicks(window.search_box, "indian")
    assert window.city_id != "indianapolis-in"  # the chart waits for the next turn
    row = window.city_model.row_of("indianapolis-in")
    assert row is not None
    index = window.city_model.index(row, 0)
    center = window.city_view.visualRect(index).center()
    qtbot.mouseClick(window.city_view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert window.city_id == "indianapolis-in"


def test_escape_clears_the_search_and_ctrl_f_focuses_it(
    make_window, catalog: Catalog, qtbot
) -> None:
    window = make_window(catalog)
    window.city_view.setFocus()
    qtbot.keyClicks(window.search_box, "mem")
    assert len(visible_names(window)) == 1
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""
    assert len(visible_names(window)) == 10
    window.city_view.setFocus()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.city_view.hasFocus())
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    window.find_action.trigger()
    qtbot.waitUntil(lambda: window.search_box.hasFocus())


def test_arrow_keys_move_the_selection_and_update_detail_and_chart(
    make_window, catalog: Catalog, qtbot
) -> None:
    window = make_window(catalog)
    window.city_view.setFocus()
    window.select_city(None)
    assert window.city_id is None
    assert "All cities" in window.detail.toPlainText()
    qtbot.keyClick(window.city_view, Qt.Key.Key_Down)
    first_city = catalog.cities[0]
    assert window.city_id == first_city.id
    assert f"{first_city.name}, {first_city.state}" in window.detail.toPlainText()
    chart = window.chart_panel.chart
    assert isinstance(chart, BarChart)
    assert [bar.city_id for bar in chart.bars if bar.selected] == [first_city.id]
    qtbot.keyClick(window.city_view, Qt.Key.Key_Down)
    assert window.city_id == catalog.cities[1].id


def test_arrow_keys_in_the_search_box_move_through_the_list(
    make_window, catalog: Catalog, qtbot
) -> None:
    window = make_window(catalog)
    window.select_city(None)
    window.search_box.setFocus()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.city_id == catalog.cities[0].id


def test_clicking_a_bar_selects_that_city(make_window, catalog: Catalog, qtbot) -> None:
    window = make_window(catalog)
    window.select_city(None)
    panel = window.chart_panel
    chart = panel.chart
    assert isinstance(chart, BarChart)
    target = next(i for i, bar in enumerate(chart.bars) if bar.value is not None and i > 0)
    plot = panel.plot("bars")
    qtbot.waitUntil(lambda: plot.isVisible())
    scene_point = panel.bar_scene_position(target)
    view_point = plot.mapFromScene(scene_point)
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(view_point))
    assert window.city_id == chart.bars[target].city_id
    selected_row = window.city_view.currentIndex().row()
    assert window.city_model.city_id_at(selected_row) == chart.bars[target].city_id


def test_hovering_a_bar_explains_value_qualifier_and_source(make_window, catalog: Catalog) -> None:
    window = make_window(catalog)
    window.apply_chart_settings(
        window.chart_settings.with_(metric="arrests_total", snapshot=date(2020, 8, 19))
    )
    chart = window.chart_panel.chart
    assert isinstance(chart, BarChart)
    hatched = next(i for i, bar in enumerate(chart.bars) if bar.value and not bar.exact)
    text = window.chart_panel.bar_tooltip(hatched)
    assert "more than" in text
    assert "Source:" in text


@pytest.mark.parametrize("per_capita", [False, True])
def test_chart_data_equals_the_model_query(make_window, catalog: Catalog, per_capita: bool) -> None:
    window = make_window(catalog)
    for metric in ("federal_defendants_charged", "arrests_total", "firearms_seized"):
        for day in (date(2020, 8, 19), date(2020, 10, 14), date(2020, 12, 23)):
            window.chart_panel.metric_box.setCurrentIndex(
                window.chart_panel.metric_box.findData(metric)
            )
            window.chart_panel.snapshot_box.setCurrentIndex(
                window.chart_panel.snapshot_box.findData(day.isoformat())
            )
            window.chart_panel.per_capita_box.setChecked(per_capita)
            settings = window.chart_settings
            assert (settings.metric, settings.snapshot, settings.per_capita) == (
                metric,
                day,
                per_capita,
            )
            expected = sorted(
                (p.value for p in catalog.series(metric, day, per_capita) if p.value is not None),
                reverse=True,
            )
            chart = window.chart_panel.chart
            assert isinstance(chart, BarChart)
            assert [bar.value for bar in chart.plotted] == expected
            assert sorted(bar_widths(window), reverse=True) == pytest.approx(expected)


def test_a_not_reported_city_has_no_bar_but_a_labelled_gap(make_window, catalog: Catalog) -> None:
    window = make_window(catalog)
    window.apply_chart_settings(
        window.chart_settings.with_(metric="arrests_total", snapshot=date(2020, 8, 19))
    )
    chart = window.chart_panel.chart
    assert isinstance(chart, BarChart)
    reported = [
        p for p in catalog.series("arrests_total", date(2020, 8, 19)) if p.value is not None
    ]
    assert len(bar_widths(window)) == len(reported) < 9
    gaps = [bar for bar in chart.bars if bar.value is None]
    assert gaps
    assert all(bar.text == "not reported" for bar in gaps)
    assert 0.0 not in bar_widths(window)


def test_view_menu_switches_to_the_timeline_of_the_selected_city(
    make_window, catalog: Catalog
) -> None:
    window = make_window(catalog)
    window.select_city("memphis-tn")
    window.apply_chart_settings(window.chart_settings.with_(metric="arrests_total"))
    window.timeline_action.trigger()
    chart = window.chart_panel.chart
    assert chart is not None
    assert window.chart_settings.view == "timeline"
    timeline = catalog.timeline("memphis-tn", "arrests_total")
    assert [p.day for p in chart.points] == [t.day for t in timeline]
    assert window.chart_panel.stack.currentWidget() is window.chart_panel.plot("timeline")
    window.bars_action.trigger()
    assert window.chart_settings.view == "bars"


def test_detail_pane_shows_qualifiers_sources_alternates_and_not_reported(
    make_window, catalog: Catalog
) -> None:
    window = make_window(catalog)
    window.select_city("st-louis-mo")
    window.apply_chart_settings(window.chart_settings.with_(snapshot=date(2020, 8, 19)))
    text = window.detail.toPlainText()
    assert "St. Louis, MO" in text
    assert "Population 301,578 (2020)" in text
    assert "not reported" in text
    assert "Also reported: 25" in text  # AP's 25 kept beside DOJ's 15
    assert "days active on 19 Aug 2020" in text
    window.select_city(None)
    assert ">1,000" in window.detail.toPlainText()


def test_opening_a_malformed_file_shows_the_problems_and_keeps_the_data(
    make_window, catalog: Catalog, fake_dialogs, tmp_path: Path
) -> None:
    window = make_window(catalog)
    window.select_city("chicago-il")
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "title": "x", "cities": [}', encoding="utf-8")
    fake_dialogs.open_answers.append(bad)
    window.open_action.trigger()
    assert len(fake_dialogs.errors) == 1
    _title, text, details = fake_dialogs.errors[0]
    assert "bad.json" in text
    assert "bad.json:1:" in text  # the one problem is in the message itself
    assert details == ""  # so Show Details, which would only repeat it, is not offered
    assert window.catalog is catalog
    assert window.city_id == "chicago-il"
    assert window.windowTitle().endswith("operation_legend.json")


def test_opening_a_good_file_replaces_the_data_and_is_remembered(
    make_window, catalog: Catalog, bundled_path: Path, tmp_path: Path
) -> None:
    window = make_window(catalog)
    smaller = three_city_copy(bundled_path, tmp_path)
    assert window.open_path(smaller)
    assert len(visible_names(window)) == 4
    assert window.windowTitle().startswith("Legend Viewer — ")
    assert window.windowTitle().endswith(" — three cities.json")
    assert window.settings.recent_files()[0] == str(smaller.resolve())
    entry = next(iter(window.recent_menu.actions()))
    assert entry.data() == str(smaller.resolve())
    assert entry.text() == menu_text(str(smaller.resolve()))  # a long path is cut in the middle
    assert entry.text().endswith("three cities.json")


def test_dropping_a_file_opens_it(make_window, catalog: Catalog, bundled_path: Path, qtbot) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    window = make_window(catalog)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(bundled_path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.data_loaded, timeout=5000):
        window.dropEvent(event)
    assert window.catalog is not catalog


def test_settings_come_back_in_a_new_window(make_window, catalog: Catalog) -> None:
    window = make_window(catalog)
    window.select_city("detroit-mi")
    window.apply_chart_settings(
        window.chart_settings.with_(
            metric="arrests_total", snapshot=date(2020, 9, 9), per_capita=True
        )
    )
    window.resize(780, 560)  # the offscreen screen is 800 × 600: stay inside it
    window.close()
    again = make_window(catalog, resize=False)
    assert again.city_id == "detroit-mi"
    assert again.chart_settings.metric == "arrests_total"
    assert again.chart_settings.snapshot == date(2020, 9, 9)
    assert again.chart_settings.per_capita is True
    assert again.per_capita_action.isChecked()
    assert (again.size().width(), again.size().height()) == (780, 560)


@pytest.mark.qt_log_ignore("QVariant::load")  # Qt's own complaint about the corrupt file
def test_corrupt_settings_fall_back_to_defaults(
    make_window, catalog: Catalog, tmp_path: Path
) -> None:
    (tmp_path / "settings.ini").write_bytes(
        b"[chart]\nmetric=\x00\x01garbage\nsnapshot=not-a-date\nper_capita=maybe\ntop=-5\n"
        b"city=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x13)\n[window]\ngeometry=nonsense\n"
        b"state_version=1\nsplitter=@ByteArray(zz)\nrecent_files=42\n"
    )
    window = make_window(catalog)
    assert window.chart_settings.metric == catalog.default_metric()
    assert window.chart_settings.snapshot == catalog.default_snapshot(catalog.default_metric())
    assert window.chart_settings.per_capita is False
    assert window.chart_settings.top == 25
    assert window.city_id is None


def test_city_list_model_passes_qt_model_tester(qtmodeltester, catalog: Catalog) -> None:
    model = CityListModel()
    model.set_catalog(catalog)
    qtmodeltester.check(model)
    model.set_filter("o")
    qtmodeltester.check(model)


def test_html_in_data_is_shown_literally(make_window, bundled_path: Path, tmp_path: Path) -> None:
    data = json.loads(bundled_path.read_text(encoding="utf-8"))
    data["cities"][0]["name"] = "<b>Bold</b><img src=x>"
    data["sources"][0]["url"] = "javascript:alert(1)"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(data), encoding="utf-8")
    catalog = Catalog(load_dataset(hostile), str(hostile))
    window = make_window(catalog)
    window.select_city(data["cities"][0]["id"])
    assert "<b>Bold</b><img src=x>" in window.detail.toPlainText()
    assert 'href="javascript' not in window.detail.toHtml()
    assert visible_names(window)[1] == "<b>Bold</b><img src=x>"


def test_screenshot_command_writes_a_non_blank_image(bundled_path: Path, tmp_path: Path) -> None:
    from legend_gui.cli import main

    out = tmp_path / "shot.png"
    assert main(["screenshot", "-o", str(out), "--city", "memphis-tn"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    colours = {image.pixel(x, y) for x in range(0, 1280, 37) for y in range(0, 800, 23)}
    assert len(colours) > 20


def test_smoke_run_prints_both_timings(bundled_path: Path) -> None:
    from helpers import run_python

    result = run_python(["-m", "legend_gui", "--smoke"])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("first paint after ") for line in lines)
    assert any(line.startswith("chart drawn after ") for line in lines)


def test_a_changed_file_offers_reload_and_a_half_written_one_keeps_the_data(
    make_window, bundled_path: Path, fake_dialogs, tmp_path: Path, qtbot
) -> None:
    data_file = tmp_path / "watched.json"
    original = bundled_path.read_text(encoding="utf-8")
    data_file.write_text(original, encoding="utf-8")
    catalog = Catalog(load_dataset(data_file), str(data_file))
    window = make_window(catalog)
    window.select_city("memphis-tn")

    # a half-written file: the user agrees to reload, the loader refuses, the data stays
    fake_dialogs.confirm_answers.append(True)
    data_file.write_text(original[: len(original) // 2], encoding="utf-8")
    qtbot.waitUntil(lambda: len(fake_dialogs.errors) == 1, timeout=5000)
    assert fake_dialogs.confirmations
    assert "watched.json changed on disk" in fake_dialogs.confirmations[0][1]
    assert window.catalog is catalog
    assert window.city_id == "memphis-tn"

    # the finished file: reloaded, the selection carried over
    fake_dialogs.confirm_answers.append(True)
    data = json.loads(original)
    data["title"] = "Edited"
    data_file.write_text(json.dumps(data), encoding="utf-8")
    qtbot.waitUntil(lambda: window.catalog is not catalog, timeout=5000)
    assert window.catalog.dataset.title == "Edited"
    assert window.city_id == "memphis-tn"


def test_start_up_shows_the_city_list_first_then_validates(
    qtbot, fake_dialogs, bundled_path: Path, tmp_path: Path
) -> None:
    """The first frame shows the file's cities; validation and the chart follow it."""
    from PySide6.QtCore import QSettings

    from legend_gui.model.loading import read_document
    from legend_gui.ui.app import _validate_for_gui
    from legend_gui.ui.city_list import preview_cities
    from legend_gui.ui.main_window import MainWindow
    from legend_gui.ui.settings import AppSettings

    document = read_document(bundled_path)
    calls: list[str] = []

    class Loader:  # nothing kept from an earlier start: the file is validated
        def cached(self):
            return None

        def validated(self):
            calls.append("validated")
            return _validate_for_gui(document, fake_dialogs)

        def settled(self) -> None:
            pass

    loader = Loader()
    window = MainWindow(
        dialogs=fake_dialogs,
        settings=AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)),
        preview=preview_cities(document.data),
        loader=loader,
    )
    qtbot.addWidget(window)
    assert window.catalog is None
    assert visible_names(window)[1] == "Kansas City"
    assert not window.export_chart_action.isEnabled()
    window.city_model.set_filter("milw")  # the preview's rows are searched too
    assert visible_names(window) == ["Milwaukee"]
    window.city_model.set_filter("")
    with qtbot.waitSignal(window.data_loaded, timeout=10_000):
        window.show()
    assert calls == ["validated"]
    assert window.catalog is not None
    assert window.export_chart_action.isEnabled()
    qtbot.waitUntil(lambda: window.chart_panel.plots_loaded, timeout=10_000)
    window.close()


def test_a_bad_file_at_start_up_falls_back_to_the_bundled_data(
    fake_dialogs, tmp_path: Path
) -> None:
    from legend_gui.model.loading import parse_document
    from legend_gui.ui.app import _validate_for_gui

    bad = parse_document(b'{"schema_version": 1, "title": "x"}', str(tmp_path / "mine.json"))
    catalog = _validate_for_gui(bad, fake_dialogs)
    assert catalog is not None
    assert catalog.path.endswith("operation_legend.json")
    _title, text, details = fake_dialogs.errors[0]
    assert "mine.json could not be opened; showing the bundled dataset" in text
    assert "required field 'sources' is missing" in text
    assert len(details.splitlines()) == 4  # Show Details: all four, one more than the text


def test_a_failure_while_the_window_is_built_is_told_in_a_box(
    qapp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A windowed build has no stderr: the user must see why the app did not open."""
    import sys

    from helpers_gui import FakeDialogs
    from PySide6.QtCore import qInstallMessageHandler

    from legend_gui.ui import app as app_module
    from legend_gui.ui import dialogs as dialogs_module
    from legend_gui.ui import main_window

    shown = FakeDialogs()
    monkeypatch.setattr(dialogs_module, "Dialogs", lambda: shown)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the window could not be built")

    monkeypatch.setattr(main_window, "MainWindow", broken)
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("DISPLAY", ":0")
    hook = sys.excepthook
    try:
        assert app_module.run_gui(None) == 1
    finally:
        sys.excepthook = hook
        qInstallMessageHandler(None)
    (title, text, details) = shown.errors[0]
    assert title == "Legend Viewer cannot start"
    assert "RuntimeError: the window could not be built" in text
    assert "Details were written to" in text
    assert "Traceback" in details


def test_sources_tab_lists_every_source_with_what_it_is_cited_for(
    make_window, catalog: Catalog
) -> None:
    window = make_window(catalog)
    window.sources_action.trigger()
    assert window.info_tabs.currentWidget() is window.sources_pane
    assert window.info_tabs.tabText(1) == f"Sources ({len(catalog.dataset.sources)})"
    text = window.sources_pane.toPlainText()
    for source in catalog.dataset.sources:
        assert source.publisher in text
    citations = catalog.citations()
    primaries = sum(primary for primary, _also, _differs in citations.values())
    populations = sum(1 for city in catalog.cities if city.population)
    context = catalog.dataset.context  # each context count cites its source too
    assert primaries == catalog.figure_count() + populations + len(context)
    other_counts = sum(1 for f in context for count in f.alternates if count.value != f.value)
    differs = sum(differs for _p, _a, differs in citations.values())
    assert differs == catalog.alternate_count() + other_counts
    assert "15 primary" in text  # the Eastern District of Wisconsin's own releases


def test_sources_tab_shows_a_non_web_url_as_text(
    make_window, bundled_path: Path, tmp_path: Path
) -> None:
    data = json.loads(bundled_path.read_text(encoding="utf-8"))
    data["sources"][0]["url"] = "javascript:alert(1)"
    data["sources"][0]["publisher"] = "<b>Hostile</b>"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(data), encoding="utf-8")
    window = make_window(Catalog(load_dataset(hostile), str(hostile)))
    window.show_sources_tab()
    html = window.sources_pane.toHtml()
    assert 'href="javascript' not in html
    assert "<b>Hostile</b>" in window.sources_pane.toPlainText()
    assert "javascript:alert(1)" in window.sources_pane.toPlainText()


@pytest.mark.slow  # ≈9 s: 40,000 cities written, loaded and drawn
def test_a_screenshot_of_a_long_list_waits_for_its_rows(tmp_path: Path) -> None:
    """A long city list is laid out in batches over several turns: the screenshot shows the
    window settled, with its rows, not the blank list of the first turns."""
    from helpers_gui import pixels

    from legend_gui.cli import main
    from tests.helpers import synthetic_bytes

    data = tmp_path / "long.json"
    data.write_bytes(synthetic_bytes(40_000))
    out = tmp_path / "shot.png"
    assert main(["screenshot", "--data", str(data), "-o", str(out)]) == 0
    rows = pixels(out)[70:300, 12:240]  # the list's first rows, below "All cities"
    inked = (rows.astype(int).sum(axis=2) < 300).mean()  # dark text on a light list
    assert inked > 0.01, "the city list is blank"

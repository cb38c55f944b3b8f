"""The window's parts on their own: typed settings, the menu table, the file watcher."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QKeySequence

from legend_gui.model.chart import ChartSettings
from legend_gui.model.export_options import ExportOptions
from legend_gui.ui.actions import MENUS, ActionSpec, Submenu, action_specs
from legend_gui.ui.export_actions import ExportActions
from legend_gui.ui.main_window import MainWindow
from legend_gui.ui.settings import AppSettings, WindowLayout


def ini(path: Path) -> AppSettings:
    return AppSettings(QSettings(str(path), QSettings.Format.IniFormat))


def test_every_group_comes_back_as_it_was_saved(tmp_path: Path) -> None:
    chart = ChartSettings("arrests_total", date(2020, 9, 9), True, None, "timeline", 7)
    layout = WindowLayout(QByteArray(b"geometry"), QByteArray(b"main"), QByteArray(b"right"))
    first = ini(tmp_path / "s.ini")
    first.save_chart_choices(chart, "memphis-tn")
    first.save_window_layout(layout)
    first.save_export_options(ExportOptions("svg", 800, 600))
    first.save_export_folder(tmp_path)
    first.save_open_folder(tmp_path / "data")
    first.add_recent_file(str(tmp_path / "a.json"))
    first.sync()

    again = ini(tmp_path / "s.ini")  # read back from the file, as text
    assert again.chart_choices() == (chart, "memphis-tn")
    assert again.window_layout() == layout
    assert again.export_options() == ExportOptions("svg", 800, 600)
    assert again.export_folder() == tmp_path
    assert again.open_folder() == tmp_path / "data"
    assert again.recent_files() == [str(tmp_path / "a.json")]


def test_nothing_stored_gives_the_defaults(tmp_path: Path) -> None:
    for settings in (ini(tmp_path / "empty.ini"), AppSettings.in_memory()):
        assert settings.chart_choices() == (ChartSettings("", None), None)
        assert settings.window_layout() is None
        assert settings.export_options() == ExportOptions()
        assert settings.export_folder() == Path.home()
        assert settings.recent_files() == []


def test_in_memory_settings_touch_no_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = AppSettings.in_memory()
    settings.save_export_options(ExportOptions("csv", 100, 100))
    settings.sync()
    assert settings.export_options() == ExportOptions("csv", 100, 100)
    assert list(tmp_path.iterdir()) == []
    assert AppSettings.in_memory().export_options() == ExportOptions()  # nothing shared


def test_stored_values_of_the_wrong_kind_or_range_are_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "s.ini").write_text(
        "[export]\nformat=jpg\nwidth=15\nheight=20001\n[chart]\nview=pie\ntop=0\nper_capita=2\n",
        encoding="utf-8",
    )
    settings = ini(tmp_path / "s.ini")
    assert settings.export_options() == ExportOptions()
    chart, _city = settings.chart_choices()
    assert (chart.view, chart.top, chart.per_capita) == ("bars", 25, False)


def test_the_menu_table_is_consistent_with_the_window(qapp: object) -> None:
    specs = action_specs()
    ids = [spec.id for spec in specs]
    ids += [e.id for _t, entries in MENUS for e in entries if isinstance(e, Submenu)]
    assert len(ids) == len(set(ids))
    from legend_gui.ui.publish_actions import PublishActions

    # a dotted callback is a method of the window's helper of that name
    holders: dict[str, type] = {"exports": ExportActions, "publish": PublishActions}
    for spec in specs:
        holder, _dot, name = spec.callback.rpartition(".")
        assert callable(getattr(holders[holder] if holder else MainWindow, name)), spec.id
        assert spec.help, f"{spec.id} has no help text"
    shortcuts = [QKeySequence(s.shortcut) for s in specs if s.shortcut is not None]
    assert len(shortcuts) == len(set(k.toString() for k in shortcuts))  # no key twice
    by_id: dict[str, ActionSpec] = {spec.id: spec for spec in specs}
    # the platform's own keys where Qt has one (a Mac user's Open is Cmd+O, not Ctrl+O)
    assert by_id["open"].shortcut == QKeySequence.StandardKey.Open
    assert by_id["find"].shortcut == QKeySequence.StandardKey.Find
    assert by_id["quit"].shortcut == QKeySequence.StandardKey.Quit
    assert by_id["print_sheet"].shortcut == QKeySequence.StandardKey.Print


def test_the_file_watcher_reports_a_burst_once_and_survives_a_save_by_rename(
    qtbot, tmp_path: Path
) -> None:
    import os

    from legend_gui.ui.file_watcher import FileWatcher

    path = tmp_path / "data.json"
    path.write_text("{}", encoding="utf-8")
    watcher = FileWatcher()
    seen: list[str] = []
    watcher.changed.connect(seen.append)
    watcher.watch(str(path))

    with qtbot.waitSignal(watcher.changed, timeout=5000):
        for i in range(5):  # an editor writing in bursts
            path.write_text("{}" + " " * i, encoding="utf-8")
    qtbot.wait(600)
    assert seen == [str(path)]

    replacement = tmp_path / "data.json.tmp"  # a save by rename replaces the watched file
    replacement.write_text('{"a": 1}', encoding="utf-8")
    with qtbot.waitSignal(watcher.changed, timeout=5000):
        os.replace(replacement, path)
    with qtbot.waitSignal(watcher.changed, timeout=5000):  # and it is still watched
        path.write_text('{"a": 2}', encoding="utf-8")
    assert seen == [str(path)] * 3

    watcher.watch(None)
    path.write_text('{"a": 3}', encoding="utf-8")
    qtbot.wait(600)
    assert len(seen) == 3

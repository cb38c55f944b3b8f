"""Everyday use (issue 16): keys from the list, the shortcuts dialog, the theme, files."""

from __future__ import annotations

from pathlib import Path

from helpers import three_city_copy
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QTextDocument, QTextTable

from legend_gui.model import Catalog
from legend_gui.ui.actions import MOUSE_GESTURES, OTHER_KEYS, action_specs, shortcut_text
from legend_gui.ui.main_window import MainWindow
from legend_gui.ui.settings import AppSettings
from legend_gui.ui.theme import is_dark


def shown_names(window) -> list[str]:
    model = window.city_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_escape_in_the_list_clears_the_filter_and_keeps_the_city(
    make_window, catalog: Catalog, qtbot
) -> None:
    window = make_window(catalog)
    window.activateWindow()
    window.focus_search()
    qtbot.keyClicks(window.search_box, "mem")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)  # Enter: on to the list
    qtbot.waitUntil(window.city_view.hasFocus)
    assert window.count_label.text() == "1 of 9 cities"
    qtbot.keyClick(window.city_view, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""
    assert window.count_label.text() == "9 cities"
    assert len(shown_names(window)) == 10
    assert window.city_id == "memphis-tn"  # still the city the user found
    current = window.city_view.currentIndex()
    assert current.data() == "Memphis"


def test_shortcuts_dialog_is_one_aligned_table_of_every_key(
    make_window, catalog: Catalog, fake_dialogs
) -> None:
    window = make_window(catalog)
    window.menu_actions["shortcuts"].trigger()
    title, html = fake_dialogs.infos[-1]
    assert title == "Keyboard shortcuts"
    document = QTextDocument()
    document.setHtml(html)
    tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert len(tables) == 1  # one table: keys in one column, what they do in the next
    table = tables[0]
    assert table.columns() == 2
    cells = [
        table.cellAt(row, 0).firstCursorPosition().block().text().replace("\u00a0", " ")
        for row in range(table.rows())
    ]
    menu_keys = [shortcut_text(spec) for spec in action_specs() if spec.shortcut is not None]
    expected = [keys for keys in menu_keys if keys] + [k for k, _ in OTHER_KEYS]
    expected += [gesture for gesture, _ in MOUSE_GESTURES]
    for keys in expected:
        assert keys in cells, keys
    for needed in ("Ctrl+O", "Ctrl+E", "Ctrl+1", "Ctrl+2", "Alt+M", "Alt+S", "Esc", "Click a bar"):
        assert needed in cells
    assert table.rows() == len(expected) + 3  # and a heading per section


def test_alt_m_and_alt_s_reach_the_boxes_the_dialog_names(
    make_window, catalog: Catalog, qtbot
) -> None:
    window = make_window(catalog)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(window.chart_panel.metric_box.hasFocus)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(window.chart_panel.snapshot_box.hasFocus)


def test_view_theme_switches_and_is_remembered(
    make_window, catalog: Catalog, tmp_path: Path, qtbot
) -> None:
    window = make_window(catalog)
    actions = window.menu_actions
    assert actions["theme_system"].isChecked()
    actions["theme_dark"].trigger()
    assert is_dark(QGuiApplication.palette())
    assert window.settings.theme() == "dark"
    window.close()
    stored = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert stored.theme() == "dark"
    again = MainWindow(catalog, settings=stored)
    qtbot.addWidget(again)
    assert again.menu_actions["theme_dark"].isChecked()
    assert is_dark(QGuiApplication.palette())
    again.menu_actions["theme_light"].trigger()
    assert not is_dark(QGuiApplication.palette())
    assert again.menu_actions["theme_light"].isChecked()
    assert not again.menu_actions["theme_dark"].isChecked()
    again.menu_actions["theme_system"].trigger()  # offscreen reports no scheme: light
    assert stored.theme() == "system"
    assert not is_dark(QGuiApplication.palette())


def test_open_bundled_dataset_after_another_file(
    make_window, catalog: Catalog, bundled_path: Path, tmp_path: Path
) -> None:
    window = make_window(catalog)
    smaller = three_city_copy(bundled_path, tmp_path)
    assert window.open_path(smaller)
    assert len(shown_names(window)) == 4
    action = window.menu_actions["open_bundled"]
    assert action.text().replace("&", "") == "Open Bundled Dataset"
    action.trigger()
    assert len(shown_names(window)) == 10
    assert Path(window.catalog.path).resolve() == bundled_path.resolve()
    assert "operation_legend.json" in window.windowTitle()
    assert window.settings.recent_files() == [str(smaller.resolve())]  # the menu has it already


def test_a_link_no_browser_opens_is_told_and_copied(
    make_window, catalog: Catalog, monkeypatch
) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    tried: list[str] = []

    def no_browser(url: QUrl) -> bool:
        tried.append(url.toString())
        return False

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(no_browser))
    window = make_window(catalog)
    window.detail.anchorClicked.emit(QUrl("https://news.example/story"))
    assert tried == ["https://news.example/story"]
    message = window.statusBar().currentMessage()
    assert "No web browser opened https://news.example/story" in message
    assert QGuiApplication.clipboard().text() == "https://news.example/story"
    window.sources_pane.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert tried == ["https://news.example/story"]  # never handed to the system
    assert "only web links" in window.statusBar().currentMessage()


def test_hovering_a_link_shows_its_url_in_the_status_bar(
    make_window, catalog: Catalog, qtbot
) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QTextCursor

    window = make_window(catalog)
    window.select_city("chicago-il")
    detail = window.detail
    document = detail.document()
    block, found = document.begin(), None
    while block.isValid() and found is None:
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isAnchor():
                found = (fragment.position() + fragment.length() // 2, fragment.charFormat())
                break
            it += 1
        block = block.next()
    assert found is not None
    cursor = QTextCursor(document)
    cursor.setPosition(found[0])
    detail.setTextCursor(cursor)
    detail.ensureCursorVisible()
    rect = detail.cursorRect(cursor)
    qtbot.mouseMove(detail.viewport(), QPoint(rect.center().x(), rect.center().y()))
    href = found[1].anchorHref()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == href)
    qtbot.mouseMove(detail.viewport(), QPoint(2, detail.viewport().height() - 2))
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "")


def test_undated_pages_of_one_publisher_are_told_apart(make_window, catalog: Catalog) -> None:
    window = make_window(catalog)
    window.show_sources_tab()
    text = window.sources_pane.toPlainText()
    undated = [
        line.split(" — ")[0]  # what names the source, before what it is cited for
        for line in text.splitlines()
        if line.startswith("KCTV5") and "date not shown" in line
    ]
    assert len(undated) >= 3
    assert len(set(undated)) == len(undated)  # no two read the same
    assert all("(…/" in line for line in undated)


def test_page_name_is_the_title_or_the_wordiest_path_part() -> None:
    from legend_gui.model.schema import Source
    from legend_gui.model.source_pages import page_name

    def source(url: str, title: str | None = None) -> Source:
        return Source(id="s", publisher="KSDK", url=url, title=title)

    assert page_name(source("https://x.example/a", "Charges filed")) == "Charges filed"
    story = "https://www.ksdk.com/article/news/crime/operation-legend-update/63-bde1387a-68a0-4e48"
    assert page_name(source(story)) == "…/operation-legend-update"
    assert page_name(source("https://x.example/")) == ""
    wiki = page_name(source("https://en.wikipedia.org/wiki/Kansas_City,_Missouri"))
    assert wiki == "…/Kansas_City,_Missouri"
    long = page_name(source("https://x.example/" + "-".join(["word"] * 30) + ".html"))
    assert long.endswith("…")
    assert len(long) == 2 + 48

"""The detail pane keeps whole lines (issue 16): at 1024×700 and 1280×800, light and dark, and
at device pixel ratio 2, no line it shows is cut at its top or bottom edge, after arrow keys,
Page Up/Down, the wheel, a jump and a resize; every line, the last too, can be scrolled into
full view. Checked on what is laid out and drawn: line rectangles and the viewport's pixels."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers_gui import cut_lines, ink_between, send_wheel, text_lines
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QTextEdit

from legend_gui.model import Catalog
from legend_gui.ui.app import render_window

SMALL = [(1024, 700), (1280, 800)]
LONGEST = "memphis-tn"  # the city with the most lines in the pane


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _clean_tops(pane: QTextEdit) -> list[int]:
    """Every scroll position that cuts no line: the start (the margin above the first line
    shown), then each later line's top that no other line straddles."""
    scrolled = pane.verticalScrollBar().value()
    lines = [(top + scrolled, bottom + scrolled) for top, bottom, _text in text_lines(pane)]
    tops = {round(top) for top, _bottom in lines}
    clean = sorted(t for t in tops if not any(a < t - 1 and b > t + 1 for a, b in lines))
    return [0, *clean[1:]]


def _last_line_in_full_view(pane: QTextEdit) -> bool:
    top, bottom, _text = max(text_lines(pane), key=lambda line: line[1])
    height = pane.viewport().height()
    return top >= -1 and bottom <= height + 1 and ink_between(pane, top, bottom)


def _wheel(pane: QTextEdit, notches: int, y: int = 40) -> None:
    """``notches`` wheel clicks over the pane at height ``y`` (negative: towards the user,
    scrolling down), sent to the widget there, as Qt would."""
    viewport = pane.viewport()
    target = viewport.childAt(QPoint(40, y)) or viewport
    send_wheel(target, target.mapFrom(viewport, QPoint(40, y)), notches)
    _settle()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("size", SMALL, ids=[f"{w}x{h}" for w, h in SMALL])
def test_every_shown_line_is_whole(
    make_window, catalog: Catalog, size: tuple[int, int], dark: bool
) -> None:
    window = make_window(catalog, resize=False)
    window.set_dark(dark)
    render_window(window, *size)
    pane = window.detail
    try:
        for city in (None, LONGEST, "kansas-city-mo", "detroit-mi"):
            window.select_city(city)
            _settle()
            assert pane.verticalScrollBar().maximum() > 0, city  # more lines than fit
            assert cut_lines(pane) == [], (city, size)
            # Only the cut line is blanked: the whole lines reach near the bottom edge.
            last_shown = max(b for _t, b, _x in text_lines(pane) if b <= pane.viewport().height())
            assert ink_between(pane, last_shown - 12, last_shown)
    finally:
        window.set_dark(False)


def test_arrow_keys_step_one_line_and_reach_the_last(make_window, catalog: Catalog, qtbot) -> None:
    window = make_window(catalog, resize=False)
    render_window(window, 1024, 700)
    window.select_city(LONGEST)
    _settle()
    pane, bar = window.detail, window.detail.verticalScrollBar()
    pane.setFocus()
    clean = _clean_tops(pane)
    steps = 0
    while bar.value() < bar.maximum():
        before = bar.value()
        qtbot.keyClick(pane, Qt.Key.Key_Down)
        _settle()
        assert bar.value() == min(t for t in clean if t > before)  # one line, no more
        assert cut_lines(pane) == [], bar.value()
        steps += 1
    assert steps > 50  # every line went by
    assert _last_line_in_full_view(pane)
    qtbot.keyClick(pane, Qt.Key.Key_Up)
    _settle()
    assert bar.value() == max(t for t in clean if t < bar.maximum())
    for key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageUp, Qt.Key.Key_Home, Qt.Key.Key_PageDown):
        height = pane.viewport().height()
        not_whole = min(t for t, b, _x in text_lines(pane) if b > height + 1) + bar.value()
        after_page = max(t for t in clean if t <= not_whole + 1)
        qtbot.keyClick(pane, key)
        _settle()
        assert cut_lines(pane) == [], key
        if key == Qt.Key.Key_PageDown:  # the first line not wholly shown is now the top one
            assert bar.value() == after_page
    qtbot.keyClick(pane, Qt.Key.Key_End)
    _settle()
    assert cut_lines(pane) == []
    assert _last_line_in_full_view(pane)


def test_the_wheel_scrolls_whole_lines_to_the_last(make_window, catalog: Catalog) -> None:
    window = make_window(catalog, resize=False)
    render_window(window, 1280, 800)
    window.select_city(LONGEST)
    _settle()
    pane, bar = window.detail, window.detail.verticalScrollBar()
    clean = _clean_tops(pane)
    seen = [bar.value()]
    while True:
        _wheel(pane, -1, y=pane.viewport().height() - 3)  # also over the blank strip
        assert cut_lines(pane) == [], bar.value()
        if bar.value() == seen[-1]:
            break
        assert bar.value() in clean
        seen.append(bar.value())
    assert bar.value() == bar.maximum()
    assert _last_line_in_full_view(pane)
    lines_per_notch = QApplication.wheelScrollLines()
    assert seen[1] == clean[lines_per_notch]  # a notch scrolls the system's lines, whole
    while bar.value() > 0:
        _wheel(pane, 2)
        assert cut_lines(pane) == []


def test_lines_stay_whole_after_a_resize_and_a_jump(make_window, catalog: Catalog) -> None:
    window = make_window(catalog, resize=False)
    render_window(window, 1280, 800)
    window.select_city("kansas-city-mo")
    _settle()
    pane, bar = window.detail, window.detail.verticalScrollBar()
    _wheel(pane, -4)
    for size in ((1024, 700), (1111, 757), (1920, 1080), (1280, 800)):
        render_window(window, *size)
        _settle()
        assert cut_lines(pane) == [], size
    bar.setValue(bar.value() + 7)  # a jump that lands between lines (a link, a found word)
    _settle()
    assert cut_lines(pane) == []
    bar.setValue(bar.maximum())
    _settle()
    assert _last_line_in_full_view(pane)
    window.select_city(LONGEST)  # a new text of another length
    _settle()
    assert cut_lines(pane) == []
    window.show_sources_tab()  # the pane hidden while its text and size change
    _settle()
    assert cut_lines(window.sources_pane) == []
    window.select_city("chicago-il")
    render_window(window, 1024, 700)
    window.info_tabs.setCurrentWidget(pane)
    _settle()
    assert cut_lines(pane) == []


def test_a_link_under_the_blank_strip_is_not_hovered(make_window, catalog: Catalog, qtbot) -> None:
    window = make_window(catalog, resize=False)
    render_window(window, 1024, 700)
    window.select_city("kansas-city-mo")
    _settle()
    pane = window.detail
    pane.setFocus()
    height, width = pane.viewport().height(), pane.viewport().width()
    hidden_link = None
    for _step in range(60):  # down line by line until a cut line holds a link
        cut = [t for t, b, _x in text_lines(pane) if t < height < b]
        points = [QPoint(x, int(min(cut)) + 3) for x in range(4, width, 4)] if cut else []
        hidden_link = next((p for p in points if pane.anchorAt(p)), None)
        if hidden_link is not None:
            break
        qtbot.keyClick(pane, Qt.Key.Key_Down)
        _settle()
    assert hidden_link is not None
    assert not ink_between(pane, hidden_link.y() - 2, hidden_link.y() + 2)  # not shown
    qtbot.mouseMove(pane.viewport(), QPoint(hidden_link.x(), 8))
    qtbot.mouseMove(pane.viewport(), hidden_link)
    _settle()
    assert window.statusBar().currentMessage() == ""
    assert QApplication.widgetAt(pane.viewport().mapToGlobal(hidden_link)) is not pane.viewport()


SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from PySide6.QtWidgets import QApplication
from helpers_gui import cut_lines
from legend_gui.model import Catalog, load_dataset
from legend_gui.resources import bundled_dataset
from legend_gui.ui.app import render_window
from legend_gui.ui.main_window import MainWindow
from legend_gui.ui.qtapp import application
from legend_gui.ui.settings import AppSettings

app = application()
window = MainWindow(Catalog(load_dataset(bundled_dataset())), settings=AppSettings.in_memory())
window.set_dark({dark})
for size in [(1024, 700), (1280, 800)]:
    render_window(window, *size)
    for city in (None, "memphis-tn"):
        window.select_city(city)
        bar = window.detail.verticalScrollBar()
        for _ in range(12):
            QApplication.processEvents()
            print(window.detail.grab().toImage().devicePixelRatio(), size, cut_lines(window.detail))
            bar.triggerAction(bar.SliderAction.SliderPageStepAdd)
"""


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_lines_are_whole_at_device_pixel_ratio_2(dark: bool) -> None:
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen"}
    code = SCRIPT.format(tests=str(Path(__file__).parent), dark=dark)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 48
    assert all(line.startswith("2.0 ") and line.endswith(" []") for line in lines), lines

"""The window from 1024×700 up, light and dark, at DPR 1 and 2: no control clipped, the
chart's toolbar wraps, the dark checkbox visible, the splitter handle clear of the chart."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers_gui import clipped_controls
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton

from legend_gui.model import Catalog
from legend_gui.ui.app import render_window

SIZES = [(1024, 700), (1280, 800), (1920, 1080)]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_control_is_clipped(
    make_window, catalog: Catalog, size: tuple[int, int], dark: bool
) -> None:
    window = make_window(catalog, resize=False)
    window.set_dark(dark)
    for view in ("bars", "timeline"):
        window.select_city("albuquerque-nm")
        (window.show_timeline if view == "timeline" else window.show_bars)()
        image = render_window(window, *size)
        assert (image.width(), image.height()) == size
        assert clipped_controls(window) == [], view
        panel = window.chart_panel
        assert panel.controls.geometry().bottom() < panel.stack.geometry().top()
        assert panel.caption_label.geometry().top() >= panel.stack.geometry().bottom()
    window.set_dark(False)


def test_the_toolbar_wraps_on_a_narrow_window(make_window, catalog: Catalog) -> None:
    window = make_window(catalog, resize=False)
    render_window(window, 1024, 700)
    controls = window.chart_panel.controls
    tabs, last = window.chart_panel.view_tabs, window.chart_panel.top_box
    assert last.geometry().top() > tabs.geometry().bottom()  # a second row, not clipped
    render_window(window, 1920, 1080)
    assert last.geometry().top() == pytest.approx(tabs.geometry().top(), abs=8)  # one row
    assert controls.height() < 2 * tabs.height() + 8


def test_dark_checkbox_indicator_stands_out(make_window, catalog: Catalog) -> None:
    window = make_window(catalog)
    window.set_dark(True)
    QApplication.processEvents()  # the palette change reaches the widgets
    box = window.chart_panel.per_capita_box
    image = box.grab().toImage()
    option = QStyleOptionButton()
    option.initFrom(box)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    background = QColor(box.palette().color(box.backgroundRole())).lightness()
    ratio = image.devicePixelRatio()
    edge = [
        image.pixelColor(int(x * ratio), int(rect.center().y() * ratio)).lightness()
        for x in range(rect.left(), rect.right() + 1)
    ]
    window.set_dark(False)
    assert max(edge) - background > 60, (edge, background)  # a light outline on dark grey


def test_chart_text_is_clear_of_the_splitter_handle(make_window, catalog: Catalog) -> None:
    window = make_window(catalog, resize=False)
    render_window(window, 1280, 800)
    handle = window.splitter.handle(1)
    subtitle = window.chart_panel.subtitle_label
    handle_right = handle.mapTo(window, handle.rect().topRight()).x()
    subtitle_left = subtitle.mapTo(window, subtitle.rect().topLeft()).x()
    assert subtitle_left - handle_right >= 4


SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from helpers_gui import clipped_controls
from legend_gui.model import Catalog, load_dataset
from legend_gui.resources import bundled_dataset
from legend_gui.ui.app import render_window
from legend_gui.ui.main_window import MainWindow
from legend_gui.ui.qtapp import application
from legend_gui.ui.settings import AppSettings

app = application()
window = MainWindow(Catalog(load_dataset(bundled_dataset())), settings=AppSettings.in_memory())
window.set_dark({dark})
image = render_window(window, 1024, 700)
print(image.width(), image.height(), image.devicePixelRatio())
print(clipped_controls(window))
"""


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_no_control_is_clipped_at_device_pixel_ratio_2(dark: bool, tmp_path: Path) -> None:
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen"}
    code = SCRIPT.format(tests=str(Path(__file__).parent), dark=dark)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    size_line, problems = done.stdout.strip().splitlines()[-2:]
    assert size_line == "2048 1400 2.0"
    assert problems == "[]"


def test_screenshot_command_takes_a_size(tmp_path: Path) -> None:
    from legend_gui.cli import main

    out = tmp_path / "small.png"
    assert main(["screenshot", "-o", str(out), "--width", "1024", "--height", "700"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 700)

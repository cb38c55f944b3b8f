"""A long, seeded run of random user actions on one window, checking invariants after each.

The actions are what a user does: click a city, use the arrow keys, type into the search box
and clear it, pick a metric, a snapshot, per-capita, the view and Top N, reset and zoom the
chart, click and hover bars, open good and malformed files, export the chart. After every
step the window must agree with the model: the chart is what ``bar_chart``/``timeline_chart``
say for the window's settings, the controls and menus show those settings, the detail pane
shows the selected city at the selected snapshot, the list's current row is that city. No
exception and no Qt warning may occur (the suite fails on Qt warnings).
"""

from __future__ import annotations

import json
import os
import random
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import three_city_copy
from PySide6.QtCore import QPoint, QPointF, Qt
from test_robustness import BAD, EXPECTED, OFFSCREEN_TOOLTIP, hostile_data, shown_text

from legend_gui.export import export_chart
from legend_gui.model import Catalog
from legend_gui.model.chart import VIEWS, BarChart, TimelineChart, bar_chart, timeline_chart
from legend_gui.model.csvdata import chart_csv_bytes
from legend_gui.model.export_options import build_chart
from legend_gui.model.formatting import format_date
from legend_gui.model.latest import is_latest, snapshot_iso

#: Fixed, so a failure replays; LEGEND_RANDOM_SEED / LEGEND_RANDOM_STEPS explore further.
SEED = int(os.environ.get("LEGEND_RANDOM_SEED", "2020"))
STEPS = int(os.environ.get("LEGEND_RANDOM_STEPS", "4000"))
IMAGE_EVERY = 50  # PNG/SVG exports cost ~0.1 s each: one every fifty steps
TIME_LIMIT = 150.0  # seconds for the whole run; it takes well under half of that
SEARCH_NOISE = ("a", "e", "o", "st", "is", "ch", ".", "(", "+", "*", "[", "\\", "<", "&", " ", "zz")
BAD_FILES = sorted(EXPECTED)


# -- what the window should show ----------------------------------------------------------------


def chart_signature(chart: BarChart | TimelineChart | None) -> tuple[Any, ...]:
    if chart is None:
        return ("no chart",)
    if isinstance(chart, BarChart):
        items: list[tuple[Any, ...]] = [
            (bar.city_id, bar.label, bar.value, bar.text, bar.selected, bar.qualifier)
            for bar in chart.bars
        ]
    else:
        items = [(p.day, p.value, p.text, p.qualifier, p.source.id) for p in chart.points]
    return (
        type(chart).__name__,
        chart.settings,
        chart.title,
        chart.subtitle,
        tuple(chart.notes),
        chart.source_line(),
        chart.legend_line(),
        tuple(items),
    )


def drawn_bar_widths(panel) -> list[float]:
    return panel.drawn_bar_widths()


def check_invariants(window) -> None:
    catalog: Catalog = window.catalog
    settings = window.chart_settings
    panel = window.chart_panel
    assert settings.city == window.city_id
    assert window.city_id is None or window.city_id in catalog.city_by_id
    assert settings.metric in catalog.metric_by_id
    assert settings.snapshot in catalog.snapshot_by_date or is_latest(settings.snapshot)
    if settings.view in ("map", "table"):  # plain widgets, not pyqtgraph charts
        views = panel.views
        shown = views.map_view if settings.view == "map" else views.table_panel
        assert panel.stack.currentWidget() is shown
        assert panel.chart is None
    else:
        assert panel.chart is not None
        assert panel.chart.settings == settings

        # the chart is the model's answer for the window's settings
        expected = (
            timeline_chart(catalog, settings)
            if settings.view == "timeline"
            else bar_chart(catalog, settings)
        )
        chart = panel.chart
        assert chart_signature(chart) == chart_signature(expected)
        assert panel.title_label.text() == expected.title
        assert panel.subtitle_label.text() == expected.subtitle
        caption = panel.caption_label.text()
        assert expected.source_line() in caption
        if isinstance(expected, BarChart):
            assert panel.stack.currentWidget() is panel.plot("bars")
            assert sorted(drawn_bar_widths(panel)) == pytest.approx(
                sorted(bar.value for bar in expected.plotted)
            )
        else:
            assert panel.stack.currentWidget() is panel.plot("timeline")
            assert panel.drawn_timeline_points() == len(expected.points)

    # the controls and the View menu show the settings
    assert panel.metric_box.currentData() == settings.metric
    assert panel.snapshot_box.currentData() == snapshot_iso(settings.snapshot)
    assert panel.per_capita_box.isChecked() == settings.per_capita
    assert panel.top_box.value() == settings.top
    assert VIEWS[panel.view_tabs.currentIndex()] == settings.view
    # the snapshot box always applies (on the timeline it picks the details' figures);
    # Top N applies only to the bar chart and is hidden elsewhere, never greyed but active
    assert panel.snapshot_box.isEnabled()
    assert panel.top_box.isVisibleTo(panel) == (settings.view == "bars")
    assert window.per_capita_action.isChecked() == settings.per_capita
    for view, action in window.view_actions.items():
        assert action.isChecked() == (settings.view == view)
    assert [a.data() for a in window.metric_menu.actions() if a.isChecked()] == [settings.metric]
    assert [a.data() for a in window.snapshot_menu.actions() if a.isChecked()] == [
        settings.snapshot
    ]

    # the detail pane shows the selected city at the selected snapshot
    text = window.detail.toPlainText()
    if window.city_id is None:
        assert "All cities" in text
    else:
        city = catalog.city_by_id[window.city_id]
        assert f"{city.name}, {city.state}" in text
    day = settings.snapshot
    if is_latest(day):  # the pane shows the city's most recent snapshot
        day = catalog.last_reported_day(window.city_id) or day
    assert f"Figures as announced on {format_date(day)}" in text

    # the list's current row is the selected city, when the filter shows it
    model = window.city_model
    row = model.row_of(window.city_id)
    current = window.city_view.currentIndex()
    if row is not None:
        assert current.isValid()
        assert current.row() == row
        assert model.city_id_at(current.row()) == window.city_id
    shown = model.matching_cities()
    total = model.total_cities()
    label = window.count_label.text()
    if shown == total:
        assert label == f"{total:,} cities"
    elif shown == 0:
        assert label == "No city matches"
    else:
        assert label == f"{shown:,} of {total:,} cities"

    name = Path(catalog.path).name
    assert window.windowHandle().title() == f"Legend Viewer — {catalog.dataset.title} — {name}"


# -- the run ------------------------------------------------------------------------------------


class RandomUser:
    """Chooses and performs actions; each returns a short description for the failure log."""

    def __init__(
        self, window, qtbot, dialogs, rng: random.Random, files: list[Path], out: Path
    ) -> None:
        self.window = window
        self.qtbot = qtbot
        self.dialogs = dialogs
        self.rng = rng
        self.files = files
        self.out = out
        self.counts: dict[str, int] = {}
        self.bar_clicks_that_selected = 0
        self.tooltips_checked = 0
        self.actions: list[tuple[float, Callable[[], str]]] = [
            (10, self.click_row),
            (8, self.arrow_key),
            (2, self.arrow_in_search_box),
            (6, self.type_filter),
            (2, self.backspace),
            (4, self.escape),
            (6, self.pick_metric),
            (6, self.pick_snapshot),
            (3, self.toggle_per_capita),
            (4, self.switch_view),
            (4, self.change_top),
            (2, self.reset_view),
            (4, self.zoom),
            (8, self.click_bar),
            (3, self.hover_bar),
            (1.2, self.open_good_file),
            (1.8, self.open_bad_file),
            (3, self.export_csv),
            (0.4, self.show_shortcuts),
        ]

    def step(self) -> str:
        weights = [w for w, _ in self.actions]
        (_weight, action) = self.rng.choices(self.actions, weights=weights)[0]
        self.counts[action.__name__] = self.counts.get(action.__name__, 0) + 1
        return action()

    # -- the city list and the search box --------------------------------------------------
    def click_row(self) -> str:
        view = self.window.city_view
        model = self.window.city_model
        if model.rowCount() == 0:
            return "click_row: empty list"
        row = self.rng.randrange(model.rowCount())
        index = model.index(row, 0)
        view.scrollTo(index)
        wanted = model.city_id_at(row)
        center = view.visualRect(index).center()
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
        assert self.window.city_id == wanted
        return f"click_row {row} ({wanted})"

    def arrow_key(self) -> str:
        key = self.rng.choice(
            [Qt.Key.Key_Down] * 4
            + [Qt.Key.Key_Up] * 4
            + [Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp]
        )
        self.qtbot.keyClick(self.window.city_view, key)
        return f"arrow_key {key.name}"

    def arrow_in_search_box(self) -> str:
        key = self.rng.choice([Qt.Key.Key_Down, Qt.Key.Key_Up])
        self.qtbot.keyClick(self.window.search_box, key)
        return f"arrow_in_search_box {key.name}"

    def type_filter(self) -> str:
        catalog = self.window.catalog
        if self.rng.random() < 0.6 and catalog.cities:
            city = self.rng.choice(catalog.cities)
            source = self.rng.choice([city.name, city.state, f"{city.name} {city.state}"])
            start = self.rng.randrange(len(source))
            fragment = source[start : start + self.rng.randint(1, 4)]
        else:
            fragment = self.rng.choice(SEARCH_NOISE)
        if self.rng.random() < 0.3:
            self.window.search_box.clear()
        self.qtbot.keyClicks(self.window.search_box, fragment)
        self._window_follows_the_list()
        return f"type_filter {fragment!r} -> {self.window.search_box.text()!r}"

    def _window_follows_the_list(self) -> None:
        """Typing moves the list's selection at once; the window (detail pane, chart) takes
        that city in the next event-loop turn, once for a burst of keystrokes."""
        view, model = self.window.city_view, self.window.city_model

        def followed() -> bool:
            current = view.currentIndex()
            return not current.isValid() or model.city_id_at(current.row()) == self.window.city_id

        self.qtbot.waitUntil(followed, timeout=2_000)

    def backspace(self) -> str:
        self.qtbot.keyClick(self.window.search_box, Qt.Key.Key_Backspace)
        self._window_follows_the_list()
        return f"backspace -> {self.window.search_box.text()!r}"

    def escape(self) -> str:
        self.qtbot.keyClick(self.window.search_box, Qt.Key.Key_Escape)
        assert self.window.search_box.text() == ""
        self._window_follows_the_list()
        return "escape"

    # -- chart settings -------------------------------------------------------------------------
    def _pick(self, box, menu) -> str:
        how = self.rng.random()
        if how < 0.4:  # a click on an entry: a group's title is not an entry anyone can pick
            model = box.model()
            choices = [
                i
                for i in range(box.count())
                if model.flags(model.index(i, 0)) & Qt.ItemFlag.ItemIsSelectable
            ]
            index = self.rng.choice(choices)
            box.setCurrentIndex(index)
            return f"combo {index}"
        if how < 0.7:
            key = self.rng.choice([Qt.Key.Key_Down, Qt.Key.Key_Up])
            self.qtbot.keyClick(box, key)
            return f"combo key {key.name}"
        action = self.rng.choice([a for a in menu.actions() if a.isEnabled() and a.data()])
        action.trigger()
        return f"menu {action.data()}"

    def pick_metric(self) -> str:
        done = self._pick(self.window.chart_panel.metric_box, self.window.metric_menu)
        return f"pick_metric {done} -> {self.window.chart_settings.metric}"

    def pick_snapshot(self) -> str:
        box = self.window.chart_panel.snapshot_box
        if not box.isEnabled():  # the timeline shows every snapshot: only the menu works
            action = self.rng.choice(self.window.snapshot_menu.actions())
            action.trigger()
            return f"pick_snapshot menu {action.data()}"
        done = self._pick(box, self.window.snapshot_menu)
        return f"pick_snapshot {done} -> {self.window.chart_settings.snapshot}"

    def toggle_per_capita(self) -> str:
        before = self.window.chart_settings.per_capita
        if self.rng.random() < 0.5:
            self.qtbot.mouseClick(self.window.chart_panel.per_capita_box, Qt.MouseButton.LeftButton)
            how = "checkbox"
        else:
            self.window.per_capita_action.trigger()
            how = "menu"
        assert self.window.chart_settings.per_capita is not before
        return f"toggle_per_capita {how} -> {not before}"

    def switch_view(self) -> str:
        view = self.rng.choice(VIEWS)
        if self.rng.random() < 0.5:
            self.window.view_actions[view].trigger()
        else:
            self.window.chart_panel.view_tabs.setCurrentIndex(VIEWS.index(view))
        assert self.window.chart_settings.view == view
        return f"switch_view {view}"

    def change_top(self) -> str:
        box = self.window.chart_panel.top_box
        if not box.isEnabled():
            return "change_top: disabled in the timeline"
        if self.rng.random() < 0.5:
            value = self.rng.choice([1, 2, 3, 5, 8, 9, 10, 25, 100, 500])
            box.setValue(value)
            assert self.window.chart_settings.top == value
            return f"change_top {value}"
        key = self.rng.choice([Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp])
        self.qtbot.keyClick(box, key)
        return f"change_top key {key.name} -> {box.value()}"

    def reset_view(self) -> str:
        if self.rng.random() < 0.5:
            self.window.reset_view_action.trigger()
        else:
            self.qtbot.mouseClick(self.window.chart_panel.reset_button, Qt.MouseButton.LeftButton)
        return "reset_view"

    def zoom(self) -> str:
        panel = self.window.chart_panel
        plot = panel.plot(self.window.chart_settings.view)
        factor = self.rng.choice([0.5, 0.8, 1.25, 2.0])
        plot.getPlotItem().getViewBox().scaleBy((factor, factor))
        return f"zoom {factor}"

    # -- bars ---------------------------------------------------------------------------------
    def _a_bar(self) -> tuple[int, QPointF] | None:
        """A bar to point at; without one, first go where there are bars, as a user would:
        the bar chart, at the snapshot where the most cities report the metric."""
        panel = self.window.chart_panel
        if not isinstance(panel.chart, BarChart) or not panel.chart.plotted:
            self.window.bars_action.trigger()
            best = self.window.catalog.default_snapshot(self.window.chart_settings.metric)
            for action in self.window.snapshot_menu.actions():
                if action.data() == best:
                    action.trigger()
        chart = panel.chart
        if not isinstance(chart, BarChart) or not chart.plotted:
            return None
        index = self.rng.choice([i for i, bar in enumerate(chart.bars) if bar.value is not None])
        return index, panel.bar_scene_position(index)

    def click_bar(self) -> str:
        found = self._a_bar()
        if found is None:
            return "click_bar: no bar"
        index, scene_point = found
        panel = self.window.chart_panel
        chart = panel.chart
        assert isinstance(chart, BarChart)
        plot = panel.plot("bars")
        view_box = plot.getPlotItem().getViewBox()
        visible = view_box.sceneBoundingRect().contains(scene_point)
        before = self.window.city_id
        point = plot.mapFromScene(scene_point)
        inside_widget = plot.viewport().rect().contains(point)
        if not inside_widget:
            return f"click_bar {index}: zoomed out of sight"
        self.qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point))
        wanted = chart.bars[index].city_id if visible else before
        assert self.window.city_id == wanted, (index, visible, before)
        self.bar_clicks_that_selected += visible
        return f"click_bar {index} ({chart.bars[index].city_id}, visible={visible})"

    def hover_bar(self) -> str:
        found = self._a_bar()
        if found is None:
            return "hover_bar: no bar"
        index, scene_point = found
        panel = self.window.chart_panel
        plot = panel.plot("bars")
        point = plot.mapFromScene(scene_point)
        if not plot.viewport().rect().contains(point):
            return f"hover_bar {index}: zoomed out of sight"
        self.qtbot.mouseMove(plot.viewport(), QPoint(1, 1))  # a move, even to the same bar
        self.qtbot.mouseMove(plot.viewport(), QPoint(point))
        # the bar under the pixel the mouse is on (zoomed far out, a bar is thinner than one
        # pixel and the rounded position can miss it: then no tooltip is right)
        at = panel.bar_at(QPointF(plot.mapToScene(point)))
        # pyqtgraph delivers mouse moves through a rate-limited proxy: the tooltip follows
        # within a few milliseconds, so wait for it (a busy machine delays it), then compare
        expected = panel.bar_tooltip(at) if at is not None else ""
        self.qtbot.waitUntil(lambda: shown_text(plot.toolTip()) == expected, timeout=2000)
        self.tooltips_checked += at is not None
        return f"hover_bar {index} -> {at}"

    # -- files --------------------------------------------------------------------------------
    def open_good_file(self) -> str:
        path = self.rng.choice(self.files)
        before = (self.window.city_id, self.window.chart_settings)
        assert self.window.open_path(path)
        catalog = self.window.catalog
        assert catalog.path == str(path)
        city, settings = before
        assert self.window.city_id == (city if city in catalog.city_by_id else None)
        assert self.window.chart_settings.view == settings.view
        assert self.window.chart_settings.per_capita == settings.per_capita
        assert self.window.search_box.text() == ""
        return f"open_good_file {path.name}"

    def open_bad_file(self) -> str:
        name = self.rng.choice(BAD_FILES)
        window = self.window
        before = (
            window.catalog,
            window.city_id,
            window.chart_settings,
            window.search_box.text(),
            chart_signature(window.chart_panel.chart),
        )
        errors = len(self.dialogs.errors)
        assert not window.open_path(BAD / name)
        assert len(self.dialogs.errors) == errors + 1
        _title, text, details = self.dialogs.errors[-1]
        assert EXPECTED[name].lower() in (text + details).lower()
        after = (
            window.catalog,
            window.city_id,
            window.chart_settings,
            window.search_box.text(),
            chart_signature(window.chart_panel.chart),
        )
        assert after == before
        return f"open_bad_file {name}"

    def export_csv(self) -> str:
        path = self.out / "chart.csv"
        export_chart(self.window.catalog, self.window.chart_settings, path)
        catalog, settings = self.window.catalog, self.window.chart_settings
        # the bars and the timeline: what the panel drew; the map and table: their model figure
        figure = self.window.chart_panel.chart
        if settings.view in ("map", "table"):
            assert figure is None or figure.settings.view != settings.view
            figure = build_chart(catalog, settings)
        assert figure is not None
        assert path.read_bytes() == chart_csv_bytes(catalog, figure)
        return "export_csv"

    def export_image(self, suffix: str) -> str:
        path = self.out / f"chart{suffix}"
        export_chart(self.window.catalog, self.window.chart_settings, path, size=(800, 450))
        data = path.read_bytes()
        if suffix == ".png":
            assert data.startswith(b"\x89PNG\r\n\x1a\n")
        else:
            assert b"<svg" in data[:2000]
        return f"export_image {suffix}"

    def show_shortcuts(self) -> str:
        infos = len(self.dialogs.infos)
        self.window.show_shortcuts()
        assert len(self.dialogs.infos) == infos + 1
        return "show_shortcuts"


def _good_files(bundled_path: Path, folder: Path) -> list[Path]:
    """The bundled file, a three-city copy, and a copy with markup in every text field."""
    smaller = three_city_copy(bundled_path, folder)
    hostile = folder / "hostile & <b>bold.json"
    hostile.write_text(json.dumps(hostile_data(bundled_path)), encoding="utf-8")
    return [bundled_path, smaller, hostile]


@pytest.mark.slow
@pytest.mark.qt_log_ignore(OFFSCREEN_TOOLTIP)  # hovering a bar shows a tooltip
def test_random_use_keeps_window_and_model_in_agreement(
    make_window,
    catalog: Catalog,
    fake_dialogs,
    bundled_path: Path,
    tmp_path: Path,
    qtbot,
    record_property,
    request: pytest.FixtureRequest,
) -> None:
    import pyqtgraph as pg

    # pyqtgraph drops mouse moves closer than 10 ms apart: the test moves faster than a hand
    rate = pg.getConfigOption("mouseRateLimit")
    pg.setConfigOption("mouseRateLimit", 0)
    request.addfinalizer(lambda: pg.setConfigOption("mouseRateLimit", rate))
    rng = random.Random(SEED)
    out = tmp_path / "exports"
    out.mkdir()
    window = make_window(catalog)
    qtbot.waitUntil(lambda: window.chart_panel.plot("bars").isVisible())
    user = RandomUser(window, qtbot, fake_dialogs, rng, _good_files(bundled_path, tmp_path), out)
    check_invariants(window)
    history: deque[str] = deque(maxlen=25)
    started = time.perf_counter()
    for step in range(1, STEPS + 1):
        with qtbot.captureExceptions() as exceptions:
            try:
                if step % IMAGE_EVERY == 0:
                    history.append(f"{step}: " + user.export_image(rng.choice([".png", ".svg"])))
                else:
                    history.append(f"{step}: " + user.step())
                check_invariants(window)
            except AssertionError as error:
                log = "\n".join(history)
                raise AssertionError(f"step {step} failed after:\n{log}\n{error}") from error
        assert not exceptions, f"step {step}: {exceptions}\nafter:\n" + "\n".join(history)
    elapsed = time.perf_counter() - started

    summary = f"random use: {STEPS:,} steps in {elapsed:.1f} s (seed {SEED})"
    record_property("random_use_steps", STEPS)
    record_property("random_use_seconds", round(elapsed, 1))
    record_property("random_use_actions", json.dumps(user.counts, sort_keys=True))
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():  # shown without -s
            reporter.write_line(f"\n{summary}")
    assert elapsed < TIME_LIMIT, summary
    assert len(user.counts) == len(user.actions), user.counts  # every kind of action ran
    assert user.bar_clicks_that_selected > STEPS // 100, user.bar_clicks_that_selected
    assert user.tooltips_checked > STEPS // 200, user.tooltips_checked

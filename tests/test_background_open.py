"""A large file opens in steps: the window answers, shows progress, keeps the old data on
screen until the new data is ready, and Esc cancels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar

from legend_gui.model import Catalog
from legend_gui.model.fastload import FAST_MIN_BYTES
from legend_gui.ui.turns import idle
from tests.helpers import synthetic_bytes


@pytest.fixture(scope="module")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "large.json"
    path.write_bytes(synthetic_bytes(2_000))
    assert path.stat().st_size >= FAST_MIN_BYTES  # large enough to load in steps
    return path


def _progress_bars(window) -> list[QProgressBar]:  # type: ignore[no-untyped-def]
    return [bar for bar in window.statusBar().findChildren(QProgressBar) if bar.isVisible()]


def test_the_old_data_stays_until_the_new_data_is_ready(
    make_window, catalog: Catalog, large_file: Path, qtbot
) -> None:
    window = make_window(catalog)
    with qtbot.waitSignal(window.data_loaded, timeout=60_000) as loaded:
        assert window.open_path(large_file)  # started, not finished
        assert window.catalog is catalog
        assert window.city_model.total_cities() == 9
        assert len(_progress_bars(window)) == 1
    new = loaded.args[0]
    assert window.catalog is new
    assert len(new.cities) == 2_000
    assert window.city_model.total_cities() == 2_000
    assert window.windowTitle() == f"Legend Viewer — {new.dataset.title} — large.json"
    qtbot.waitUntil(lambda: not _progress_bars(window))


@pytest.fixture
def counts_take_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Sources pane counts a file's citations at once below one step's worth of figures
    (50,000); the test file has 7,000."""
    monkeypatch.setattr("legend_gui.model.queries.FIGURES_PER_STEP", 500)


@pytest.mark.usefixtures("counts_take_steps")
def test_the_search_keys_and_citations_come_after_the_new_data_is_on_screen(
    make_window, catalog: Catalog, large_file: Path, qtbot
) -> None:
    """Neither the list's search keys nor the Sources tab's counts hold up the new chart and
    list: they are worked out in later turns, or at once when asked for first."""
    window = make_window(catalog)
    with qtbot.waitSignal(window.data_loaded, timeout=60_000) as loaded:
        assert window.open_path(large_file)
    new: Catalog = loaded.args[0]
    assert "search_keys" not in vars(new)  # a cached property, not built yet
    assert not new.citations_counted()
    name = new.cities[1_234].name
    window.search_box.setText(name)  # the first search builds the keys it needs
    model = window.city_model
    assert new.cities[1_234].id in map(model.city_id_at, range(model.rowCount()))
    qtbot.waitUntil(idle)
    assert new.citations_counted()  # counted in turns while the tab was hidden
    window.show_sources_tab()
    text = window.sources_pane.toPlainText()
    primaries = sum(primary for primary, _also, _differs in new.citations().values())
    assert primaries == new.figure_count() + sum(1 for c in new.cities if c.population)
    assert f"{new.citations()[new.dataset.sources[0].id][0]:,} primary" in text


@pytest.mark.usefixtures("counts_take_steps")
def test_an_open_sources_tab_never_shows_the_old_files_sources(
    make_window, catalog: Catalog, large_file: Path, qtbot
) -> None:
    window = make_window(catalog)
    window.show_sources_tab()
    old_publisher = catalog.dataset.sources[0].publisher
    assert old_publisher in window.sources_pane.toPlainText()
    with qtbot.waitSignal(window.data_loaded, timeout=60_000) as loaded:
        assert window.open_path(large_file)
    new: Catalog = loaded.args[0]
    shown = window.sources_pane.toPlainText()
    assert old_publisher not in shown
    assert "Counting what each source is cited for" in shown  # not 150 ms in one turn
    qtbot.waitUntil(lambda: new.dataset.sources[0].publisher in window.sources_pane.toPlainText())
    assert new.citations_counted()
    assert f"{new.citations()[new.dataset.sources[0].id][0]:,} primary" in (
        window.sources_pane.toPlainText()
    )


def test_escape_cancels_and_keeps_the_data(
    make_window, catalog: Catalog, large_file: Path, qtbot
) -> None:
    window = make_window(catalog)
    assert window.open_path(large_file)
    qtbot.waitUntil(lambda: _progress_bars(window) and _progress_bars(window)[0].value() > 0)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not _progress_bars(window)
    assert "cancelled" in window.statusBar().currentMessage()
    qtbot.wait(300)  # no step runs after the cancel
    assert window.catalog is catalog
    assert window.city_model.total_cities() == 9


def test_a_bad_large_file_says_why_and_keeps_the_data(
    make_window, catalog: Catalog, large_file: Path, fake_dialogs, tmp_path: Path, qtbot
) -> None:
    bad = tmp_path / "bad large.json"
    text = large_file.read_text(encoding="utf-8")
    bad.write_text(text.replace('"source":"doj"', '"source":"nobody"', 1), encoding="utf-8")
    window = make_window(catalog)
    assert window.open_path(bad)
    qtbot.waitUntil(lambda: len(fake_dialogs.errors) == 1, timeout=60_000)
    _title, message, _details = fake_dialogs.errors[0]
    assert "unknown source id 'nobody'" in message
    assert "bad large.json:1:" in message
    assert "The data on screen is unchanged." in message
    assert window.catalog is catalog

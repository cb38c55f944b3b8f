"""Test set-up: offscreen Qt before any QApplication, isolated settings, no blocking dialogs,
and the ``gui`` marker, so ``pytest -m "not gui"`` runs the model tests without importing Qt.

A test is ``gui`` when it uses a Qt fixture (``qapp``, ``qtbot`` and every fixture built on
them, such as ``make_window``), when its module imports Qt or the ui at the top, or when it is
marked ``@pytest.mark.gui`` (it reaches Qt through the code under test, e.g. a PNG export).
When a run deselects every ``gui`` test, pytest-qt (which imports Qt as it starts) is not
loaded and the ``gui`` modules are not even imported; a test that imports Qt anyway fails.
"""

from __future__ import annotations

import ast
import os
import sys

# Must happen before Qt creates its QApplication (pytest-qt creates it lazily, on first use).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from _pytest.mark.expression import Expression  # how pytest itself evaluates ``-m``
from helpers_gui import FakeDialogs

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data" / "operation_legend.json"

#: pytest-qt's fixtures: a test using one (directly or through another fixture) needs Qt.
QT_FIXTURES = frozenset({"qapp", "qtbot", "qtlog", "qtmodeltester"})
#: Top-level imports that load Qt: a test module importing one of these is ``gui`` throughout.
QT_IMPORTS = ("PySide6", "pyqtgraph", "legend_gui.ui")
#: The name pytest-qt's entry point registers its plugin under.
PYTEST_QT = "pytest-qt"


def _deselects_gui(markexpr: str) -> bool:
    """Whether ``-m markexpr`` leaves out every test marked ``gui``, whatever else it carries."""
    if not markexpr:
        return False
    expression = Expression.compile(markexpr)

    def gui_only(name: str, /, **_kwargs: object) -> bool:
        return name == "gui"

    def every_marker(_name: str, /, **_kwargs: object) -> bool:
        return True

    return not expression.evaluate(gui_only) and not expression.evaluate(every_marker)


@cache
def imports_qt(path: Path) -> bool:
    """Whether the test module at ``path`` imports Qt (or the ui) at its top level."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in tree.body:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        if any(name == top or name.startswith(f"{top}.") for name in names for top in QT_IMPORTS):
            return True
    return False


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Without a ``gui`` test to run, do not load pytest-qt: it imports Qt as it configures."""
    if _deselects_gui(config.option.markexpr):
        config.pluginmanager.set_blocked(PYTEST_QT)


class _LeftUnimported(pytest.File):
    """A test module that imports Qt, in a run without ``gui`` tests: nothing to collect."""

    def collect(self) -> list[pytest.Item]:
        return []


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> pytest.File | None:
    """In a run without ``gui`` tests, do not import a test module that imports Qt (named on
    the command line or found in a folder alike)."""
    if parent.config.pluginmanager.is_blocked(PYTEST_QT) and imports_qt(module_path):
        return _LeftUnimported.from_parent(parent, path=module_path)
    return None


@pytest.hookimpl(tryfirst=True)  # before ``-m`` selects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & QT_FIXTURES or imports_qt(item.path):
            item.add_marker(pytest.mark.gui)


def _qt_wanted(request: pytest.FixtureRequest) -> bool:
    """A ``gui`` test, or Qt loaded already (by pytest-qt): protect the test from Qt's side
    effects. A model test in a run without Qt must not import it for that."""
    return request.node.get_closest_marker("gui") is not None or "PySide6" in sys.modules


@pytest.fixture(autouse=True)
def _qt_only_in_gui_tests(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that imports Qt without being ``gui``: in a run without Qt it would lose
    the settings isolation and dialog guards below."""
    qt_before = "PySide6" in sys.modules
    yield
    if not qt_before and "PySide6" in sys.modules and not request.node.get_closest_marker("gui"):
        pytest.fail(
            f"{request.node.nodeid} imported Qt but is not marked gui: use a Qt fixture "
            "or @pytest.mark.gui",
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _isolated_logs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Crash logs and validated datasets go to temporary folders, never the developer's real
    ones (and no test starts on a dataset another test kept)."""
    monkeypatch.setenv("LEGEND_GUI_LOG_DIR", str(tmp_path_factory.mktemp("logs")))
    monkeypatch.setenv("LEGEND_GUI_CACHE_DIR", str(tmp_path_factory.mktemp("validated")))


@pytest.fixture
def bundled_path() -> Path:
    return BUNDLED


@pytest.fixture(autouse=True)
def _isolated_qt_settings(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """QSettings and standard paths point at a temporary folder, never the user's real ones."""
    if not _qt_wanted(request):
        return
    from PySide6.QtCore import QSettings, QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        str(tmp_path_factory.mktemp("settings")),
    )


def _blocked(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("a test reached a real modal dialog: inject FakeDialogs instead")


@pytest.fixture(autouse=True)
def _no_blocking_dialogs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail, rather than hang, if any code path opens a real modal dialog (PITFALLS 3.3)."""
    if not _qt_wanted(request):
        return
    from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

    monkeypatch.setattr(QDialog, "exec", _blocked)
    monkeypatch.setattr(QMessageBox, "exec", _blocked)
    for name in ("question", "warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(_blocked))
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(_blocked))


@pytest.fixture
def fake_dialogs() -> FakeDialogs:
    """Records what the app would have shown and answers from queues the test fills."""
    return FakeDialogs()


@pytest.fixture
def catalog(bundled_path: Path):  # type: ignore[no-untyped-def]
    from legend_gui.model import Catalog, load_dataset

    return Catalog(load_dataset(bundled_path), str(bundled_path))


@pytest.fixture
def make_window(qtbot, fake_dialogs: FakeDialogs, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Build main windows on isolated settings; each is shown, and closed after the test."""
    from PySide6.QtCore import QSettings

    from legend_gui.ui.main_window import MainWindow
    from legend_gui.ui.settings import AppSettings

    settings_file = tmp_path / "settings.ini"
    windows = []

    def make(catalog, load_plots: bool = True, resize: bool = True):  # type: ignore[no-untyped-def]
        settings = AppSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
        window = MainWindow(catalog, dialogs=fake_dialogs, settings=settings)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        if resize:
            window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        if load_plots:
            window.chart_panel.load_plots()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()

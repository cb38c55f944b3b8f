"""Test set-up: offscreen Qt before any QApplication, isolated settings, no blocking dialogs."""

from __future__ import annotations

import os

# Must happen before Qt creates its QApplication (pytest-qt creates it lazily, on first use).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from pathlib import Path

import pytest
from helpers_gui import FakeDialogs

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data" / "operation_legend.json"


@pytest.fixture(autouse=True)
def _isolated_logs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Crash logs go to a temporary folder, never the developer's real one."""
    monkeypatch.setenv("LEGEND_GUI_LOG_DIR", str(tmp_path_factory.mktemp("logs")))


@pytest.fixture
def bundled_path() -> Path:
    return BUNDLED


@pytest.fixture(autouse=True)
def _isolated_qt_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """QSettings and standard paths point at a temporary folder, never the user's real ones."""
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
def _no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail, rather than hang, if any code path opens a real modal dialog (PITFALLS 3.3)."""
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

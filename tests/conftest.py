"""Test set-up: offscreen Qt before any QApplication, isolated settings, no blocking dialogs."""

from __future__ import annotations

import os

# Must happen before Qt creates its QApplication (pytest-qt creates it lazily, on first use).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data" / "operation_legend.json"


@pytest.fixture(autouse=True)
def _isolated_logs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Crash logs go to a temporary folder, never the developer's real one."""
    monkeypatch.setenv("LEGEND_GUI_LOG_DIR", str(tmp_path_factory.mktemp("logs")))


@pytest.fixture
def bundled_path() -> Path:
    return BUNDLED

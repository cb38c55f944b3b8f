"""The ``gui`` marker (tests/conftest.py): a run without gui tests imports no Qt at all, and a
test that needs Qt is marked without anyone having to remember it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: pytestqt itself is imported (it is a plugin entry point); it imports Qt only when configured.
QT_PREFIXES = ("PySide6", "shiboken6", "pyqtgraph")


def run_pytest_in_a_fresh_process(args: list[str]) -> subprocess.CompletedProcess[str]:
    """pytest.main in a child, which then prints the Qt modules it has imported."""
    code = (
        "import sys, pytest\n"
        f"status = pytest.main({args!r})\n"
        f"print('QT:', sorted(m for m in sys.modules if m.startswith({QT_PREFIXES!r})))\n"
        "sys.exit(status)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_model_tests_run_without_importing_qt() -> None:
    """A model module, a module mixing model and Qt tests, and a Qt-only module (which must
    not even be imported): only the model tests run, and Qt never loads."""
    result = run_pytest_in_a_fresh_process(
        [
            "-m",
            "not gui",
            "-p",
            "no:cacheprovider",
            "-q",
            "tests/test_queries.py",
            "tests/test_export.py",
            "tests/test_main_window.py",
        ]
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "QT: []" in result.stdout, result.stdout
    assert " passed" in result.stdout
    assert "test_main_window" not in result.stdout  # not collected, so not even imported


def test_qt_tests_are_marked_gui_by_fixture_and_by_module() -> None:
    result = run_pytest_in_a_fresh_process(
        [
            "-m",
            "gui",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_export.py",
            "tests/test_main_window.py",
        ]
    )
    assert result.returncode == 0, result.stdout + result.stderr
    selected = {line.split("[")[0] for line in result.stdout.splitlines() if "::" in line}
    # By fixture (qapp), by an explicit mark, and a whole module that imports Qt at the top:
    assert "tests/test_export.py::test_svg_parses_and_names_every_plotted_city" in selected
    assert "tests/test_export.py::test_cli_export_runs_headless_in_a_fresh_process" in selected
    assert any(node.startswith("tests/test_main_window.py::") for node in selected)
    # Not a pure-CSV test:
    assert "tests/test_export.py::test_timeline_csv_equals_the_city_timeline" not in selected

"""The frozen app: build the one-folder bundle from this tree and run it like a user would.

The build goes to a temporary folder (a developer's dist/ is never touched), is copied to a
second folder (nothing may point back at the build or the repository), and every command runs
from ``/`` with a bare environment: only PATH and a fresh HOME, plus QT_QPA_PLATFORM=offscreen
for ``--smoke``. About a minute on a 2-core machine: one build, a handful of short runs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (uv sync --group dev)")

from legend_gui import __version__

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
BUDGET_MB = 160
WINDOWS = sys.platform == "win32"
# The windowed Windows executable has no stdout: its console twin runs the commands.
COMMAND = "legend-gui-cli.exe" if WINDOWS else "legend-gui"
BUILD_TIMEOUT = 600
RUN_TIMEOUT = 120


def _blocks_mb(folder: Path) -> tuple[float, int]:
    """(size as ``du -sm`` counts it, in MiB; number of files)."""
    total, files = 0, 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            files += 1
            stat = path.lstat()
            total += getattr(stat, "st_blocks", 0) * 512 or stat.st_size
    return total / 2**20, files


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built one-folder app, copied away from where it was built."""
    work = tmp_path_factory.mktemp("pyi-build")
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "packaging" / "build.py"),
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "work"),
            "--quiet",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    copy = tmp_path_factory.mktemp("installed") / "legend-gui"
    shutil.copytree(work / "dist" / "legend-gui", copy, symlinks=True)
    shutil.rmtree(work, ignore_errors=True)  # nothing may depend on the build folders
    return copy


@pytest.fixture
def bare_env(tmp_path: Path) -> dict[str, str]:
    """What ``env -i PATH=/usr/bin:/bin HOME=...`` leaves, with a HOME of the test's own."""
    home = tmp_path / "home"
    home.mkdir()
    if WINDOWS:
        root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        return {"SYSTEMROOT": root, "PATH": rf"{root}\System32", "USERPROFILE": str(home)}
    return {"PATH": "/usr/bin:/bin", "HOME": str(home)}


def run(bundle: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(bundle / COMMAND), *args],
        cwd=Path(bundle.anchor),  # "/" (or the drive root): not the repository, not the bundle
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=RUN_TIMEOUT,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "qt.qpa.plugin" not in result.stderr, result.stderr
    return result


def test_bundle_fits_the_size_budget(bundle: Path) -> None:
    size, files = _blocks_mb(bundle)
    assert size <= BUDGET_MB, f"{size:.1f} MB in {files} files: over the {BUDGET_MB} MB budget"


def test_bundle_layout_mirrors_the_wheel(bundle: Path) -> None:
    """Data and resources sit inside the package; trimmed parts are gone, needed ones are not."""
    internal = bundle / "_internal"
    package = internal / "legend_gui"
    data = sorted(p.name for p in (package / "data").iterdir())
    expected = ["operation_legend.json", "operation_legend.validated"]
    if (REPO / "data" / "schema.json").exists():
        expected.append("schema.json")
    assert data == sorted(expected)  # never curate.py or README.md
    resources = package / "resources"
    assert (resources / "legend-gui.svg").is_file()
    assert (resources / "legend-gui.desktop").is_file()
    assert sorted(p.name for p in (resources / "icons").iterdir()) == sorted(
        p.name for p in (REPO / "resources" / "icons").glob("*.png")
    )
    qt = internal / "PySide6" / "Qt"
    assert not (qt / "translations").exists()
    if sys.platform.startswith("linux"):
        platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
        assert {"libqxcb.so", "libqwayland.so", "libqoffscreen.so"} <= platforms
        assert (qt / "plugins" / "imageformats" / "libqsvg.so").exists()
        assert not (qt / "plugins" / "generic").exists()
        # printing: Qt's CUPS plugin, with libcups left to the host (packaging/README.md)
        assert (qt / "plugins" / "printsupport" / "libcupsprintersupport.so").exists()
        assert not list(internal.glob("libcups.so*"))
        assert not list(internal.rglob("libcrypto.so*"))
        assert not [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    for kept in ("QtSvg", "QtOpenGL", "QtOpenGLWidgets", "QtPrintSupport"):
        assert list((internal / "PySide6").glob(f"{kept}.*")), kept
    assert not list((internal / "PySide6").glob("QtNetwork.*"))


def test_version(bundle: Path, bare_env: dict[str, str]) -> None:
    result = run(bundle, bare_env, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"legend-gui {__version__}"


def test_export_png_from_root_with_a_bare_environment(
    bundle: Path, bare_env: dict[str, str], tmp_path: Path, qapp: object
) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "x.png"
    result = run(bundle, bare_env, "export", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage()
    assert image.loadFromData(data, "PNG")
    assert image.width() > 100
    assert image.height() > 100
    grid = [
        image.pixelColor(x, y)
        for y in range(image.height() // 8, image.height() * 7 // 8, 9)
        for x in range(0, image.width(), 7)
    ]
    assert len({colour.rgb() for colour in grid}) > 2  # not a blank page
    assert any(abs(c.red() - c.blue()) > 60 for c in grid)  # coloured bars, not only grey text


def test_export_svg_needs_qtsvg(bundle: Path, bare_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "x.svg"
    result = run(bundle, bare_env, "export", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert b"<svg" in out.read_bytes()[:2000]


def test_smoke_opens_the_window_and_draws_the_chart(
    bundle: Path, bare_env: dict[str, str], tmp_path: Path
) -> None:
    """The very first start reads the bundled dataset as the build validated it: nothing is
    validated, so nothing is kept in the (empty) cache folder."""
    cache = tmp_path / "validated"
    env = {**bare_env, "QT_QPA_PLATFORM": "offscreen", "LEGEND_GUI_CACHE_DIR": str(cache)}
    result = run(bundle, env, "--smoke")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^first paint after \d+ ms$", result.stdout, re.MULTILINE), result.stdout
    assert re.search(r"^chart drawn after \d+ ms$", result.stdout, re.MULTILINE), result.stdout
    assert not list(cache.glob("*.dataset"))


def test_validate_the_bundled_dataset(bundle: Path, bare_env: dict[str, str]) -> None:
    dataset = bundle / "_internal" / "legend_gui" / "data" / "operation_legend.json"
    result = run(bundle, bare_env, "validate", str(dataset))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{dataset}: OK: ")


def test_validate_reports_a_bad_file_without_a_traceback(
    bundle: Path, bare_env: dict[str, str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run(bundle, bare_env, "validate", str(bad))
    assert result.returncode == 1
    assert "bad.json" in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="desktop entries are for Linux")
def test_desktop_entry_installer_inside_the_bundle(bundle: Path, tmp_path: Path) -> None:
    data_home = tmp_path / "share"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(data_home)}
    result = subprocess.run(
        ["sh", str(bundle / "install-desktop-entry.sh")],
        cwd="/",
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    entry = (data_home / "applications" / "legend-gui.desktop").read_text(encoding="utf-8")
    assert f'Exec="{bundle / "legend-gui"}" %f' in entry.splitlines()
    assert (data_home / "icons" / "hicolor" / "48x48" / "apps" / "legend-gui.png").is_file()


def test_build_refuses_an_environment_with_two_qt_bindings(tmp_path: Path) -> None:
    """PyInstaller can bundle one binding only: the build stops before it starts, and says why."""
    fake = tmp_path / "site" / "PyQt6"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "build.py"), "--workpath", str(tmp_path / "w")],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(fake.parent)},
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    assert result.returncode == 1
    assert "more than one Qt binding" in result.stderr
    assert "PyQt6" in result.stderr
    assert not (tmp_path / "w").exists()  # nothing was built

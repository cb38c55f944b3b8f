"""Finding data/ and resources/ in each layout, and the icon, desktop entry and wheel config.

``legend_gui.resources`` has one rule: look inside the package first (installed wheel, frozen
app), else at the top of the source tree. Each layout is simulated by pointing ``_PACKAGE_DIR``
at a folder built like the real one.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from legend_gui import resources

REPO = Path(__file__).resolve().parents[1]
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _load_make_icons() -> ModuleType:
    """packaging/make_icons.py, loaded by path (packaging/ is not put on sys.path)."""
    path = REPO / "packaging" / "make_icons.py"
    spec = importlib.util.spec_from_file_location("make_icons", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_icons = _load_make_icons()


def _install_layout(package_dir: Path) -> Path:
    """``package_dir`` with data/ and resources/ inside, as the wheel and the spec place them."""
    (package_dir / "data").mkdir(parents=True)
    shutil.copy2(REPO / "data" / "operation_legend.json", package_dir / "data")
    shutil.copytree(REPO / "resources", package_dir / "resources")
    (package_dir / "resources.py").write_text("# stand-in\n", encoding="utf-8")
    return package_dir


def _assert_finds_everything(root: Path) -> None:
    assert resources.data_dir() == root / "data"
    assert resources.resources_dir() == root / "resources"
    assert resources.bundled_dataset() == root / "data" / "operation_legend.json"
    assert resources.bundled_dataset().is_file()
    assert resources.icon_path() == root / "resources" / "legend-gui.svg"
    assert resources.icon_path().is_file()
    for size in SIZES:
        assert resources.icon_path(size) == root / "resources" / "icons" / f"legend-gui-{size}.png"
        assert resources.icon_path(size).is_file()


def test_source_tree() -> None:
    assert not (REPO / "legend_gui" / "data").exists(), "data/ belongs at the top of the repo"
    assert resources._PACKAGE_DIR == REPO / "legend_gui"
    _assert_finds_everything(REPO)


def test_installed_wheel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = _install_layout(tmp_path / "venv" / "lib" / "site-packages" / "legend_gui")
    # A data/ folder next to site-packages must not be picked up instead.
    (package.parent / "data").mkdir()
    monkeypatch.setattr(resources, "_PACKAGE_DIR", package)
    _assert_finds_everything(package)


def test_frozen_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PyInstaller 6 one-folder: the package lives under _internal/ (sys._MEIPASS)."""
    internal = tmp_path / "legend-gui" / "_internal"
    package = _install_layout(internal / "legend_gui")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    monkeypatch.setattr(resources, "_PACKAGE_DIR", package)
    _assert_finds_everything(package)


def test_wheel_config_puts_data_and_resources_inside_the_package() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = config["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["packages"] == ["legend_gui"]
    force = wheel["force-include"]
    # The whole data/ folder, or its files one by one (which leaves out curate.py, README.md).
    if "data" in force:
        assert force["data"] == "legend_gui/data"
    else:
        assert force["data/operation_legend.json"] == "legend_gui/data/operation_legend.json"
    assert force["resources"] == "legend_gui/resources"
    spec = (REPO / "packaging" / "legend_gui.spec").read_text(encoding="utf-8")
    # The spec puts them in the same places.
    assert '"legend_gui/data"' in spec
    assert '"legend_gui/resources"' in spec


@pytest.mark.parametrize("size", SIZES)
def test_icon_pngs_have_their_size(size: int) -> None:
    data = resources.icon_path(size).read_bytes()
    assert data.startswith(make_icons.PNG_SIGNATURE)
    assert struct.unpack(">II", data[16:24]) == (size, size)


def test_icon_pngs_are_rendered_from_the_svg(tmp_path: Path, qapp: object) -> None:
    """The committed PNGs are what make_icons.py draws from the SVG now (none is stale)."""
    from PySide6.QtGui import QImage

    fresh = make_icons.render_pngs(resources.icon_path(), tmp_path, (16, 64, 256))
    for path in fresh:
        size = int(path.stem.rsplit("-", 1)[1])
        committed = QImage(str(resources.icon_path(size)))
        assert committed == QImage(str(path)), f"{size} px: run packaging/make_icons.py"


@pytest.mark.parametrize(("writer", "fmt"), [("write_ico", "ico"), ("write_icns", "icns")])
def test_ico_and_icns_decode_with_qt(writer: str, fmt: str, tmp_path: Path, qapp: object) -> None:
    from PySide6.QtGui import QImageReader

    if fmt.encode() not in [bytes(f.data()) for f in QImageReader.supportedImageFormats()]:
        pytest.skip(f"this Qt has no {fmt} image plugin")
    pngs = [resources.icon_path(size) for size in SIZES]
    out = getattr(make_icons, writer)(pngs, tmp_path / f"legend-gui.{fmt}")
    reader = QImageReader(str(out), fmt.encode())
    sizes = []
    while True:
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        sizes.append(image.width())
        if not reader.jumpToNextImage():
            break
    expected = [s for s in SIZES if s <= 256] if fmt == "ico" else [16, 32, 64, 128, 256, 512]
    assert set(sizes) == set(expected)


def _desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign] # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_desktop_entry(qapp: object) -> None:
    entry = _desktop_entry(REPO / "resources" / "legend-gui.desktop")
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Legend Viewer"
    assert entry["Exec"] == "legend-gui %f"
    assert entry["Icon"] == "legend-gui"
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Office;Education;DataVisualization;"
    assert entry["MimeType"] == "application/json;"
    # Window managers match windows to the entry by this; the application sets the same name.
    assert entry["StartupWMClass"] == "legend-gui"
    from legend_gui.ui.qtapp import application

    assert application().desktopFileName() == "legend-gui"
    validator = shutil.which("desktop-file-validate")
    if validator:  # optional: desktop-file-utils is not a CI dependency
        result = subprocess.run(
            [validator, "--no-hints", str(REPO / "resources" / "legend-gui.desktop")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="desktop entries are for Linux")
def test_install_desktop_entry(tmp_path: Path) -> None:
    app_dir = tmp_path / 'my "apps" $HOME'
    app_dir.mkdir()
    exe = app_dir / "legend-gui"
    exe.write_text("#!/bin/sh\n", encoding="utf-8")
    exe.chmod(0o755)
    data_home = tmp_path / "share"
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    script = REPO / "packaging" / "install-desktop-entry.sh"
    result = subprocess.run(
        ["sh", str(script), str(exe)], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    entry = _desktop_entry(data_home / "applications" / "legend-gui.desktop")
    # Desktop Entry quoting, as read back through configparser (which keeps backslashes).
    assert (
        entry["Exec"]
        == '"' + str(app_dir).replace('"', '\\\\"').replace("$", "\\\\$") + '/legend-gui" %f'
    )
    assert entry["TryExec"] == str(exe)
    for size in SIZES:
        assert (
            data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "legend-gui.png"
        ).is_file()
    assert (data_home / "icons" / "hicolor" / "scalable" / "apps" / "legend-gui.svg").is_file()

    missing = subprocess.run(
        ["sh", str(script), str(tmp_path / "nothing-here")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 1
    assert "no executable" in missing.stderr

    removed = subprocess.run(
        ["sh", str(script), "--uninstall"], env=env, capture_output=True, text=True, check=False
    )
    assert removed.returncode == 0, removed.stderr
    assert not (data_home / "applications" / "legend-gui.desktop").exists()
    assert not list((data_home / "icons").rglob("legend-gui.*"))

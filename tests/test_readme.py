"""The README's claims about the machine: the system packages it tells a user to install are
the ones `.ci/run` installs, and they cover every library Qt's xcb platform loads."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def ci_table() -> dict[str, str]:
    """soname → package, from `.ci/run`'s ``qt_libraries`` array."""
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    body = re.search(r"qt_libraries=\((.*?)\n\)", text, re.DOTALL)
    assert body is not None
    pairs = [line.strip().split(":") for line in body.group(1).splitlines() if line.strip()]
    return {soname: package for soname, package in pairs}


def readme_packages() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"sudo apt-get install (.*?)\n```", text, re.DOTALL)
    assert command is not None
    return set(command.group(1).replace("\\", " ").split())


def test_readme_and_ci_install_the_same_packages() -> None:
    assert readme_packages() == set(ci_table().values())
    for must in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0"):
        assert must in readme_packages()


def test_ci_installs_only_what_is_missing() -> None:
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'apt-get install -y -qq "${missing[@]}"' in text


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("ldd") is None, reason="needs ldd"
)
def test_the_list_covers_what_qt_xcb_links() -> None:
    """Every X11, GL, font and D-Bus library that `ldd` lists for the xcb plugin and the Qt
    libraries it loads (found or not) has its package in the list."""
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    files = [qt / "plugins" / "platforms" / "libqxcb.so"]
    files += [qt / "lib" / f"libQt6{name}.so.6" for name in ("XcbQpa", "Gui", "Core", "DBus")]
    output = subprocess.run(
        ["ldd", *map(str, files)], capture_output=True, text=True, check=False
    ).stdout
    linked = {line.split()[0] for line in output.splitlines() if "=>" in line}
    wanted = {
        name
        for name in linked
        if re.match(r"lib(xcb|X11|xkbcommon|EGL|GL\.|fontconfig|freetype|dbus|glib)", name)
    }
    assert "libxcb-icccm.so.4" in wanted
    assert wanted <= set(ci_table()), wanted - set(ci_table())


def test_readme_claims_what_the_app_does() -> None:
    from legend_gui.cli import main  # noqa: F401 - the commands the README names exist

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "View ▸ Theme" in text
    assert "Esc clears the search, from the box or the list" in text
    assert "legend-gui list cities|metrics|snapshots" in text
    assert "lists every shortcut" not in text  # the old, untrue claim

"""The per-user folders the app writes to (logs, kept datasets), by each platform's convention.

Pure Python: the command line and the model use them without Qt.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def user_folder(
    override: str, *, windows: str, macos: str, xdg: tuple[str, str], linux: str
) -> Path:
    """``$override`` when set; else ``windows`` under ``%LOCALAPPDATA%``, ``macos`` under
    ``~/Library``, or ``linux`` under ``$XDG_…`` (``xdg``: the variable and its default
    under the home folder)."""
    chosen = os.environ.get(override)
    if chosen:
        return Path(chosen)
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / windows
    if sys.platform == "darwin":
        return home / "Library" / macos
    variable, default = xdg
    return Path(os.environ.get(variable) or home / default) / linux

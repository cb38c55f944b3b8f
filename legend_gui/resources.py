"""The one place that finds the bundled ``data/`` and ``resources/`` folders.

An installed wheel and the PyInstaller bundle both put them inside the package
(``legend_gui/data``, ``legend_gui/resources``); a source checkout (including ``uv run``'s
editable install) keeps them at the top of the repository. Nothing else needs a special case.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED_DATASET_NAME = "operation_legend.json"


def _folder(name: str) -> Path:
    inside = _PACKAGE_DIR / name
    if inside.is_dir():  # installed wheel or frozen app
        return inside
    return _PACKAGE_DIR.parent / name  # source tree


def data_dir() -> Path:
    return _folder("data")


def resources_dir() -> Path:
    return _folder("resources")


def bundled_dataset() -> Path:
    """The dataset the app opens when the user names none."""
    return data_dir() / BUNDLED_DATASET_NAME


def icon_path(size: int | None = None) -> Path:
    """The app icon: the SVG source, or a PNG of ``size`` pixels when one was rendered."""
    if size is None:
        return resources_dir() / "legend-gui.svg"
    return resources_dir() / "icons" / f"legend-gui-{size}.png"

"""Help ▸ About, Help ▸ Keyboard Shortcuts and Help ▸ Open Log Folder."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence

from legend_gui import APP_NAME, __version__
from legend_gui.crash import log_dir

#: Keys that are not menu commands, shown after the menus' shortcuts.
OTHER_KEYS = (
    ("Esc", "Clear the search"),
    ("↑ / ↓", "Previous / next city"),
    ("Enter", "From the search box to the list"),
)


def about_html(source_count: int) -> str:
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Browse the public figures of the U.S. Department of Justice's Operation Legend "
        "(2020) city by city, with the source of every number.</p>"
        f"<p>This dataset cites {source_count:,} public sources: DOJ and U.S. Attorney's Office "
        "releases and news reports. Figures are shown as the sources framed them; a figure "
        "no source reported is shown as <i>not reported</i>, never as zero.</p>"
        "<p>Licence: MIT (the program); the compiled figures are facts from public sources."
        "</p>"
        f"<p>Map: {escape(_map_credit())}</p>"
    )


def _map_credit() -> str:
    """Where the Map view's state outlines come from, and their licence (from the file)."""
    from legend_gui.model.us_outline import us_outline

    try:
        return us_outline().licence
    except Exception:  # noqa: BLE001 - About must open even if the outline file is damaged
        return "state outlines unavailable"


def shortcuts_text(actions: Iterable[QAction]) -> str:
    """One line per shortcut: the key as this platform writes it, then the command."""
    rows = []
    for action in actions:
        if not action.shortcut().isEmpty():
            name = action.text().replace("&", "")
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            rows.append(f"{keys:<16} {name}")
    rows += [f"{keys:<16} {name}" for keys, name in OTHER_KEYS]
    return "\n".join(rows)


def open_log_folder() -> None:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

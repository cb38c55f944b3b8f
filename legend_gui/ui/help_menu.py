"""Help ▸ About, Help ▸ Keyboard Shortcuts and Help ▸ Open Log Folder."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence

from legend_gui import APP_LICENCE, APP_NAME, __version__
from legend_gui.crash import log_dir

if TYPE_CHECKING:
    from legend_gui.model.schema import Dataset

#: Keys that are not menu commands, shown after the menus' shortcuts.
OTHER_KEYS = (
    ("Esc", "Clear the search"),
    ("↑ / ↓", "Previous / next city"),
    ("Enter", "From the search box to the list"),
)


def about_html(dataset: Dataset | None) -> str:
    """The About box; the program's licence and the data's (from the data file) apart."""
    source_count = len(dataset.sources) if dataset else 0
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Browse the public figures of the U.S. Department of Justice's Operation Legend "
        "(2020) city by city, with the source of every number.</p>"
        f"<p>This dataset cites {source_count:,} public sources: DOJ and U.S. Attorney's Office "
        "releases and news reports. Figures are shown as the sources framed them; a figure "
        "no source reported is shown as <i>not reported</i>, never as zero.</p>"
        + licences_html(dataset.title if dataset else None, dataset.licence if dataset else None)
    )


def licences_html(data_title: str | None, data_licence: str | None) -> str:
    """Two licences, never confused: the program's, and the data's as its file states it."""
    data = escape(data_licence) if data_licence else "the data file states no licence."
    name = f" ({escape(data_title)})" if data_title else ""
    return (
        f"<p><b>The program</b> is released under the {APP_LICENCE} licence.</p>"
        f"<p><b>The data</b>{name}: {data}</p>"
    )


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

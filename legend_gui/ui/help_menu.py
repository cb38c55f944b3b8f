"""Help ▸ About, Help ▸ Keyboard Shortcuts and Help ▸ Open Log Folder."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from legend_gui import APP_LICENCE, APP_NAME, __version__
from legend_gui.crash import log_dir
from legend_gui.model.formatting import counted
from legend_gui.ui.actions import MOUSE_GESTURES, OTHER_KEYS, action_specs, shortcut_text

if TYPE_CHECKING:
    from legend_gui.model.schema import Dataset


def about_html(dataset: Dataset | None) -> str:
    """The About box; the program's licence and the data's (from the data file) apart."""
    source_count = len(dataset.sources) if dataset else 0
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Browse the public figures of the U.S. Department of Justice's Operation Legend "
        "(2020) city by city, with the source of every number.</p>"
        f"<p>This dataset cites {counted(source_count, 'public source')}: DOJ and U.S. "
        "Attorney's Office releases and news reports. Figures are shown as the sources "
        "framed them; a figure no source reported is shown as <i>not reported</i>, never as "
        "zero.</p>"
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


def shortcuts_html() -> str:
    """The Keyboard Shortcuts dialog: a table of every menu shortcut (read from the actions
    table, so it cannot drift), the other keys, and what the mouse does."""
    menu_rows = [
        (keys, spec.text.replace("&", ""))
        for spec in action_specs()
        if (keys := shortcut_text(spec))
    ]
    sections = (
        ("Menu commands", menu_rows),
        ("Other keys", list(OTHER_KEYS)),
        ("Mouse", list(MOUSE_GESTURES)),
    )
    rows = []
    for title, entries in sections:
        rows.append(f"<tr><th colspan='2' align='left'><br>{escape(title)}</th></tr>")
        rows += [
            f"<tr><td style='padding-right:18px; white-space:nowrap'><b>{escape(keys)}</b></td>"
            f"<td style='white-space:nowrap'>{escape(what)}</td></tr>"
            for keys, what in entries
        ]
    return "<table cellspacing='2'>" + "".join(rows) + "</table>"


def open_log_folder() -> None:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

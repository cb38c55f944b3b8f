"""Help ▸ About, Help ▸ Keyboard Shortcuts and Help ▸ Open Log Folder."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from legend_gui import APP_NAME, __version__
from legend_gui.crash import log_dir
from legend_gui.model.formatting import counted
from legend_gui.ui.actions import MOUSE_GESTURES, OTHER_KEYS, action_specs, shortcut_text


def about_html(source_count: int) -> str:
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Browse the public figures of the U.S. Department of Justice's Operation Legend "
        "(2020) city by city, with the source of every number.</p>"
        f"<p>This dataset cites {counted(source_count, 'public source')}: DOJ and U.S. "
        "Attorney's Office releases and news reports. Figures are shown as the sources "
        "framed them; a figure no source reported is shown as <i>not reported</i>, never as "
        "zero.</p>"
        "<p>Licence: MIT (the program); the compiled figures are facts from public sources."
        "</p>"
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

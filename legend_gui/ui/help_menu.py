"""Help ▸ About, Help ▸ Keyboard Shortcuts and Help ▸ Open Log Folder."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from legend_gui import APP_LICENCE, APP_NAME, __version__
from legend_gui.crash import log_dir
from legend_gui.model.formatting import counted, format_date
from legend_gui.ui.actions import MOUSE_GESTURES, OTHER_KEYS, action_specs, shortcut_text
from legend_gui.ui.display_text import shown

if TYPE_CHECKING:
    from legend_gui.model.schema import Dataset


def _paragraphs(text: str) -> str:
    """A data file's text, escaped, its right-to-left runs isolated, line breaks kept."""
    return "<br>".join(escape(shown(line)) for line in text.splitlines())


def about_html(dataset: Dataset | None) -> str:
    """The program, then the open dataset in its own words: title, description, when it was
    compiled, its licence, how many sources it cites (nothing here names an operation)."""
    parts = [
        f"<h3>{APP_NAME} {__version__}</h3>",
        "<p>Browse a data file of an operation's public figures city by city, with the source "
        "of every number. Figures are shown as the sources framed them; a figure no source "
        "reported is shown as <i>not reported</i>, never as zero.</p>",
        f"<p><b>The program</b> is released under the {APP_LICENCE} licence.</p>",
    ]
    if dataset is not None:
        parts.append(f"<h4>{_paragraphs(dataset.title)}</h4>")
        if dataset.description:
            parts.append(f"<p>{_paragraphs(dataset.description)}</p>")
        facts = [counted(len(dataset.sources), "public source")]
        if dataset.compiled is not None:
            facts.insert(0, f"Compiled {format_date(dataset.compiled)}")
        parts.append(f"<p>{escape(' · '.join(facts))}</p>")
        licence = _paragraphs(dataset.licence) if dataset.licence else "not stated in the file"
        parts.append(f"<p><b>The data</b>: {licence}</p>")
    parts.append(f"<p>Map: {escape(_map_credit())}</p>")
    return "".join(parts)


def _map_credit() -> str:
    """Where the Map view's state outlines come from, and their licence (from the file)."""
    from legend_gui.model.us_outline import us_outline

    try:
        return us_outline().licence
    except Exception:  # noqa: BLE001 - About must open even if the outline file is damaged
        return "state outlines unavailable"


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

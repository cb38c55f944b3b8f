"""Help ▸ About, Help ▸ Keyboard Shortcuts and Help ▸ Open Log Folder."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence

from legend_gui import APP_NAME, __version__
from legend_gui.crash import log_dir
from legend_gui.model.formatting import format_date
from legend_gui.ui.display_text import shown

if TYPE_CHECKING:
    from legend_gui.model.schema import Dataset

#: Keys that are not menu commands, shown after the menus' shortcuts.
OTHER_KEYS = (
    ("Esc", "Clear the search"),
    ("↑ / ↓", "Previous / next city"),
    ("Enter", "From the search box to the list"),
)


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
    ]
    if dataset is not None:
        parts.append(f"<h4>{_paragraphs(dataset.title)}</h4>")
        if dataset.description:
            parts.append(f"<p>{_paragraphs(dataset.description)}</p>")
        facts = [
            f"{len(dataset.sources):,} public source{'s' if len(dataset.sources) != 1 else ''}"
        ]
        if dataset.compiled is not None:
            facts.insert(0, f"Compiled {format_date(dataset.compiled)}")
        parts.append(f"<p>{escape(' · '.join(facts))}</p>")
        licence = _paragraphs(dataset.licence) if dataset.licence else "not stated in the file"
        parts.append(f"<p>Licence of the data: {licence}</p>")
    parts.append("<p>Licence of the program: MIT.</p>")
    return "".join(parts)


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

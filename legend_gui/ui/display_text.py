"""Data text as the widgets show it: right-to-left stretches isolated, long text shortened.

The model's words are the same for the window, the exports and the command line; only views
isolate right-to-left names (``shown``), because a terminal or a CSV must get the text
without invisible marks (the command line prints ``model.text.printable`` instead).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from legend_gui import APP_NAME
from legend_gui.model.captions import shorten_middle
from legend_gui.model.text import isolate_rtl_runs, printable

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog

#: Longest data text a menu item, a combo box item or the window title shows; the full text
#: is in the item's tooltip. 80 characters fit a menu on the smallest supported window.
MENU_CHARACTERS = 80


def shown(text: str) -> str:
    """``text`` as a view draws it among other text: each right-to-left stretch isolated, so
    "תל אביב-יפו, IL" keeps ", IL" after the name and a name cannot carry a number across."""
    return isolate_rtl_runs(text)


def short_text(text: str, limit: int = MENU_CHARACTERS) -> str:
    """A data label as a menu or combo box item: at most ``limit`` characters, cut in the
    middle (the end of a name or label tells it apart), right-to-left stretches isolated."""
    return shown(shorten_middle(text, limit))


def item_tooltip(label: str, description: str = "") -> str:
    """A choice's tooltip: its description, after the full label when the item shows it cut."""
    if short_text(label) == shown(label):
        return description or label
    return f"{label}\n\n{description}" if description else label


def window_title(catalog: Catalog) -> str:
    """``Legend Viewer — <the dataset's title> — <file name>``: the title cut in the middle
    beyond ``MENU_CHARACTERS``; the file name printable (a name can hold any byte)."""
    name = printable(Path(catalog.path).name, MENU_CHARACTERS) if catalog.path else "untitled"
    title = short_text(catalog.dataset.title)
    # "[*]" is Qt's placeholder for the modified mark; doubled, it shows literally
    return f"{APP_NAME} — {title} — {name}".replace("[*]", "[*][*]")

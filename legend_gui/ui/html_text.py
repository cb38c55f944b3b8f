"""Small HTML pieces every pane shares: a source as a safe link, a value with its qualifier,
the class of secondary text. Every string from a data file goes through ``html.escape``;
links are made only for http(s) URLs, and clicks are checked again before opening."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtGui import Qt as QtGuiNamespace

from legend_gui.model.formatting import QUALIFIER_WORDS, format_date, format_value
from legend_gui.model.source_pages import page_name
from legend_gui.model.text import isolate_rtl_runs
from legend_gui.model.vocab import Qualifier

if TYPE_CHECKING:
    from legend_gui.model.schema import Source

SAFE_SCHEMES = ("http", "https")
#: Secondary text is marked with this class; its colour comes from the palette (``show_html``).
MUTED_CLASS = "muted"


def is_safe_link(url: str) -> bool:
    """Only web links open; ``file:``, ``javascript:`` and the like are shown as text."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in SAFE_SCHEMES and bool(parts.netloc)


#: Tooltips longer than this are rich text, which Qt wraps to a readable width.
_ONE_LINE_TOOLTIP = 120


def tooltip_text(text: str) -> str:
    """``text`` for a tooltip, shown literally. Qt renders a tooltip as HTML when it merely
    looks like markup (``Qt::mightBeRichText``): a city named ``<b>x</b>`` would show bold and
    ``<img src=...>`` would load an image. Such text is escaped (line breaks kept).
    A long text is wrapped (a plain-text tooltip is one line as wide as the screen), and its
    right-to-left stretches are isolated (``display_text.shown``).
    """
    text = isolate_rtl_runs(text)
    if not text or (len(text) <= _ONE_LINE_TOOLTIP and not QtGuiNamespace.mightBeRichText(text)):
        return text
    return f"<p style='white-space:pre-wrap'>{escape(text)}</p>"


def esc(text: str) -> str:
    """Data text for a pane's HTML: escaped, its right-to-left stretches isolated so that a
    name keeps its place among the pane's own words ("תל אביב-יפו, IL")."""
    return escape(isolate_rtl_runs(text))


def open_safe_link(url: QUrl) -> bool:
    """Open ``url`` in the browser if it is a web link; returns whether it was opened."""
    if not is_safe_link(url.toString()):
        return False
    return QDesktopServices.openUrl(url)


def source_html(source: Source) -> str:
    """Publisher (a link), date (never broken across lines); an undated source also names its
    page (title or URL path), so two undated pages of one publisher are told apart."""
    page = ""
    if source.published:
        when = format_date(source.published)
    else:  # a reference work has no publication date worth saying is missing
        when = "" if source.kind.value == "reference" else "date not shown"
        page = page_name(source)
    publisher = esc(source.publisher)
    if is_safe_link(source.url):
        name = f'<a href="{escape(source.url, quote=True)}">{publisher}</a>'
    else:
        name = f"{publisher} <span class='{MUTED_CLASS}'>({esc(source.url)})</span>"
    if page:
        name += f" <span class='{MUTED_CLASS}'>({esc(page)})</span>"
    return f"{name}, {esc(when).replace(' ', '&nbsp;')}" if when else name


def qualified_html(figure_value: float, qualifier: Qualifier) -> str:
    text = esc(format_value(figure_value, qualifier))
    if qualifier is Qualifier.EXACT:
        return text
    return f"<span title='{esc(QUALIFIER_WORDS[qualifier])}'>{text}</span>"

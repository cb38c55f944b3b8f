"""The detail pane: one city's (or the national) figures at a snapshot, each with its source;
and the Sources pane.

Shown as HTML (``detail_html``) in a ``QTextBrowser`` because a table with links reads best that
way. Links are made only for http(s) URLs, and clicks are checked again before opening.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QPalette, QTextTable
from PySide6.QtWidgets import QApplication, QMenu, QTextBrowser, QWidget

from legend_gui.ui.html_text import (
    MUTED_CLASS,
    is_safe_link,
    open_safe_link,
    tooltip_text,
)
from legend_gui.ui.turns import in_turns
from legend_gui.ui.whole_lines import WholeLines

__all__ = [  # the link and tooltip helpers live in html_text; callers import them from here too
    "DetailPane",
    "SourcesPane",
    "is_safe_link",
    "open_safe_link",
    "tooltip_text",
]

if TYPE_CHECKING:
    from legend_gui.model.index import FigureKey
    from legend_gui.model.queries import Catalog


def muted_colour(palette: QPalette) -> str:
    """Secondary text: the text colour 45 % of the way to the background (the palette's own
    placeholder colour is often the text colour made transparent, which HTML cannot take)."""
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    pairs = ((text.red(), base.red()), (text.green(), base.green()), (text.blue(), base.blue()))
    mix = [round(t + (b - t) * 0.45) for t, b in pairs]
    return "#{:02x}{:02x}{:02x}".format(*mix)


class SafeBrowser(QTextBrowser):
    """Read-only HTML that opens only web links. Signals: ``link_opened(str)``,
    ``link_refused(str)`` (a ``file:`` or ``javascript:`` link from a data file),
    ``link_failed(str)`` (a web link no browser opened)."""

    link_opened = Signal(str)
    link_refused = Signal(str)
    link_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._shown = ("", "")
        self.whole_lines = WholeLines(self)  # no line cut mid-line at the bottom edge
        # Every paragraph and table cell takes the window's direction: left to right for the
        # app's English words. Qt would otherwise make a cell right-to-left when its first
        # letter is (even inside an isolate: QTextBlock ignores them), moving "מעצרים" right.
        option = self.document().defaultTextOption()
        option.setTextDirection(self.layoutDirection())
        self.document().setDefaultTextOption(option)

    def _on_anchor_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if not is_safe_link(text):
            self.link_refused.emit(text)
        elif open_safe_link(url):
            self.link_opened.emit(text)
        else:
            self.link_failed.emit(text)

    def report_links_to(self, show: Callable[[str, int], None]) -> None:
        """Tell the user, through ``show(message, milliseconds)`` (the status bar), where a
        hovered link leads and why a clicked one did not open; a link no browser opened is
        copied to the clipboard, so it can be pasted somewhere that opens it."""

        def hovered(url: QUrl) -> None:
            show(url.toString(), 0)  # leaving the link hovers an empty URL: the bar clears

        def failed(text: str) -> None:
            QApplication.clipboard().setText(text)
            show(f"No web browser opened {text}; the link is copied to the clipboard.", 15_000)

        def refused(text: str) -> None:
            show(f"Not opened: only web links (http, https) are opened, not {text}", 15_000)

        self.highlighted.connect(hovered)
        self.link_failed.connect(failed)
        self.link_refused.connect(refused)

    def show_html(self, html: str, force: bool = False) -> None:
        """Show ``html``; ``force`` re-renders after a palette change (colours are baked in)."""
        muted = muted_colour(QApplication.palette())
        if force or (html, muted) != self._shown:
            self._shown = (html, muted)
            self.document().setDefaultStyleSheet(f".{MUTED_CLASS} {{ color: {muted} }}")
            self.setHtml(html)


class DetailPane(SafeBrowser):
    """One city's figures at the chosen snapshot. Signals: ``citation_requested(FigureKey)``
    when the user chooses Copy Citation in a figure's context menu."""

    citation_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row_keys: list[FigureKey | None] = []  # the figure table's rows, header first
        self.context_menu: QMenu | None = None  # the last one shown (tests trigger its actions)
        self.setAccessibleName("City details")
        self.setAccessibleDescription(
            "Figures for the selected city at the chosen snapshot, with their sources"
        )

    def show_city(
        self, catalog: Catalog, city_id: str | None, day: date | None, force: bool = False
    ) -> None:
        from legend_gui.ui.detail_html import figure_rows, render_detail  # see its docstring

        self.show_html(render_detail(catalog, city_id, day), force)
        self._row_keys = [None]  # the header row; then as _figure_table writes them
        if day is None:
            return
        group = None
        for metric, figure, _state in figure_rows(catalog, day, city_id):
            if metric.group != group:
                group = metric.group
                self._row_keys.append(None)
            self._row_keys.append((day, city_id, metric.id) if figure is not None else None)

    def figure_at(self, pos: QPoint) -> FigureKey | None:
        """The reported figure whose table row is under ``pos`` (viewport coordinates)."""
        cursor = self.cursorForPosition(pos)
        table: QTextTable | None = cursor.currentTable()  # None outside a table, stubs aside
        if table is None:
            return None
        row = table.cellAt(cursor).row()
        return self._row_keys[row] if 0 <= row < len(self._row_keys) else None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The standard menu (Copy, Select All), with Copy Citation over a reported figure."""
        scrolled = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        menu = self.createStandardContextMenu(event.pos() + scrolled)  # document coordinates
        key = self.figure_at(event.pos())
        if key is not None:
            cite = QAction("Copy &Citation", menu)
            cite.triggered.connect(lambda _checked=False: self.citation_requested.emit(key))
            first = menu.actions()[0] if menu.actions() else None
            if first is None:
                menu.addAction(cite)
            else:
                menu.insertAction(first, cite)
                menu.insertSeparator(first)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context_menu = menu
        menu.popup(event.globalPos())  # not exec(): a test never waits on a nested loop


class SourcesPane(SafeBrowser):
    """Every source of the dataset, with what it is cited for.

    The counts behind it take a pass over every figure (≈150 ms at 100,000 cities), which a
    new file's chart and list need not wait for: while its tab is hidden they are counted in
    later event-loop turns, and the pane is written when the tab is shown. A shown pane whose
    counts are not ready says so for those turns, rather than show the old file's sources.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Sources")
        self.setAccessibleDescription("Every source of the data, with its date and link")
        self._waiting: tuple[Catalog, bool] | None = None  # to write when shown (and forced)

    def show_sources(self, catalog: Catalog, force: bool = False) -> None:
        waiting = self._waiting
        self._waiting = (catalog, force or (waiting is not None and waiting[1]))
        if not catalog.citations_take_steps():
            if not self.isHidden():
                self._write_waiting()
            return
        if waiting is None or waiting[0] is not catalog:
            in_turns(self, self._count_then_write(catalog))
        if not self.isHidden():
            self.show_html("<p>Counting what each source is cited for…</p>")

    def _count_then_write(self, catalog: Catalog) -> Iterator[None]:
        yield from catalog.citations_in_steps()
        waiting = self._waiting
        if waiting is not None and waiting[0] is catalog and not self.isHidden():
            self._write_waiting()

    def setVisible(self, visible: bool) -> None:
        """The tab becoming current shows its pane: written first, so it never shows stale."""
        if visible and self._waiting is not None:
            self._write_waiting()
        super().setVisible(visible)

    def _write_waiting(self) -> None:
        from legend_gui.ui.detail_html import render_sources

        assert self._waiting is not None
        (catalog, force), self._waiting = self._waiting, None
        self.show_html(render_sources(catalog), force)

"""The detail pane: one city's (or the national) figures at a snapshot, each with its source.

Rendered as HTML in a ``QTextBrowser`` because a table with links reads best that way. Every
string from a data file goes through ``html.escape``: a city named ``<img src=x>`` shows
literally. Links are made only for http(s) URLs, and clicks are checked again before opening.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QPalette, QTextTable
from PySide6.QtWidgets import QApplication, QMenu, QTextBrowser, QWidget

from legend_gui.model.captions import national_name
from legend_gui.model.formatting import (
    counted,
    format_change,
    format_date,
    format_number,
)
from legend_gui.model.metric_menu import group_title
from legend_gui.model.status import (
    FigureState,
    disputed_values,
    figure_state,
    others_text,
    state_text,
)
from legend_gui.ui.context_detail import context_html
from legend_gui.ui.html_text import (
    MUTED_CLASS,
    is_safe_link,
    open_safe_link,
    source_html,
    tooltip_text,
)
from legend_gui.ui.html_text import esc as _esc
from legend_gui.ui.html_text import qualified_html as _qualified
from legend_gui.ui.whole_lines import WholeLines

__all__ = [  # the link and tooltip helpers live in html_text; callers import them from here too
    "DetailPane",
    "SourcesPane",
    "is_safe_link",
    "open_safe_link",
    "render_detail",
    "tooltip_text",
]

if TYPE_CHECKING:
    from legend_gui.model.index import FigureKey
    from legend_gui.model.queries import Catalog
    from legend_gui.model.schema import Figure, Metric

#: The figure table's fixed column widths, in pixels.
FIGURE_WIDTH, VALUE_WIDTH, CHANGE_WIDTH = 250, 170, 64


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
    """Every source of the dataset, with what it is cited for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Sources")
        self.setAccessibleDescription("Every source of the data, with its date and link")

    def show_sources(self, catalog: Catalog, force: bool = False) -> None:
        self.show_html(render_sources(catalog), force)


KIND_TITLES = {
    "official": "Official sources",
    "reprint": "Reprints of official releases",
    "news": "News reports",
    "reference": "Reference works",
}


def render_sources(catalog: Catalog) -> str:
    """All sources, grouped by kind, each with how many figures cite it and how."""
    cited = catalog.citations()
    parts = [
        f"<h2>Sources <small>({len(catalog.dataset.sources):,})</small></h2>",
        "<p>Every page the figures come from. <i>Primary</i>: the figure shown; "
        "<i>also</i>: the same figure reported again; <i>differs</i>: another value for it.</p>",
    ]
    for kind, title in KIND_TITLES.items():
        sources = [s for s in catalog.dataset.sources if s.kind.value == kind]
        if not sources:
            continue
        sources.sort(key=lambda s: (s.publisher.casefold(), s.published or date.min))
        parts.append(f"<h3>{_esc(title)} ({len(sources):,})</h3><ul>")
        for source in sources:
            primary, same, other = cited.get(source.id, (0, 0, 0))
            uses = [
                f"{count:,} {label}"
                for count, label in ((primary, "primary"), (same, "also"), (other, "differs"))
                if count
            ]
            note = ""
            if source.note:
                note = f"<br><small class='{MUTED_CLASS}'>{_esc(source.note)}</small>"
            used = f" <small class='{MUTED_CLASS}'>— {', '.join(uses)}</small>" if uses else ""
            parts.append(f"<li>{source_html(source)}{used}{note}</li>")
        parts.append("</ul>")
    return "\n".join(parts)


def render_detail(catalog: Catalog, city_id: str | None, day: date | None) -> str:
    """The pane's HTML. Pure function of the catalog and the selection (tested on its own)."""
    parts: list[str] = []
    if city_id is None:
        parts.append("<h2>All cities <small>(reported totals)</small></h2>")
        parts.append(
            f"<p>{_esc(national_name(catalog))}. They are reported figures, "
            "not sums of the city figures.</p>"
        )
    else:
        city = catalog.city_by_id[city_id]
        parts.append(f"<h2>{_esc(city.name)}, {_esc(city.state)}</h2>")
        facts = [f"Launched {_esc(format_date(city.launch_date))}"]
        if day is not None:
            days = catalog.days_active(city_id, day)
            facts.append(
                f"{counted(days, 'day')} active on {_esc(format_date(day))}"
                if days is not None
                else f"not yet launched on {_esc(format_date(day))}"
            )
        if city.usao_district:
            facts.append(f"U.S. Attorney: {_esc(city.usao_district)}")
        parts.append("<p>" + " · ".join(facts) + "</p>")
        if city.population is not None:
            population = city.population
            source = catalog.source_by_id.get(population.source)
            cited = f" — {source_html(source)}" if source else ""
            parts.append(
                f"<p>Population {format_number(population.value)} ({population.year}){cited}</p>"
            )
        else:
            parts.append("<p>Population: not available (per-100,000 rates cannot be shown)</p>")
    if day is None:
        parts.append("<p><i>This dataset has no snapshots.</i></p>")
        parts.append(context_html(catalog, city_id))
        return "\n".join(part for part in parts if part)
    snapshot = catalog.snapshot_by_date[day]
    heading = _esc(format_date(day))
    if snapshot.label:
        heading += f" — {_esc(snapshot.label)}"
    parts.append(f"<h3>Figures as announced on {heading}</h3>")
    parts.append(_figure_table(catalog, city_id, day))
    parts.append(context_html(catalog, city_id))
    warnings = catalog.warnings_for(city_id)
    if warnings:
        parts.append("<h3>Data warnings</h3><ul>")
        parts.extend(f"<li>{_esc(w.message)}</li>" for w in warnings)
        parts.append("</ul>")
    return "\n".join(part for part in parts if part)


def figure_rows(
    catalog: Catalog, day: date, city_id: str | None
) -> list[tuple[Metric, Figure | None, FigureState]]:
    """The pane's rows: every metric with a figure, and every core metric (group ``core``)
    without one, in its state: not reported, or not yet launched."""
    city = catalog.city_by_id.get(city_id) if city_id else None
    return [
        (metric, figure, figure_state(city, day, figure))
        for metric, figure in catalog.table(day, city_id)  # core: ``status.core_metrics``
    ]


def _figure_table(catalog: Catalog, city_id: str | None, day: date) -> str:
    rows = figure_rows(catalog, day, city_id)
    city = catalog.city_by_id.get(city_id) if city_id else None
    cells = [
        "<table cellspacing='0' cellpadding='4' width='99%' style='border-collapse:collapse'>",
        # Fixed widths: the columns stay put from city to city and from 1024 to 1920 pixels
        # wide (Source takes the rest), so Value and Change never drift apart.
        f"<tr style='background-color:palette(alternate-base)'>"
        f"<th align='left' width='{FIGURE_WIDTH}'>Figure</th>"
        f"<th align='right' width='{VALUE_WIDTH}'>Value</th>"
        f"<th align='right' width='{CHANGE_WIDTH}'>Change</th>"
        "<th align='left'>Source</th></tr>",
    ]
    group = None
    for metric, figure, state in rows:
        if metric.group != group:
            group = metric.group
            title = _esc(group_title(catalog.dataset, group))
            cells.append(f"<tr><td colspan='4' style='padding-top:8px'><b>{title}</b></td></tr>")
        label = _esc(metric.label)
        if figure is None:
            cells.append(
                f"<tr><td>{label}</td><td align='right'><i>{_esc(state_text(state, city))}"
                "</i></td><td></td><td></td></tr>"
            )
            continue
        change = ""
        previous = catalog.previous(day, city_id, metric.id)
        if previous is not None:
            change = (
                f"<span title='since {_esc(format_date(previous.day))}'>"
                f"{_esc(format_change(figure.value, previous.figure.value))}</span>"
            )
        unit = f" <small>{_esc(metric.unit)}</small>" if metric.unit else ""
        others = others_text(disputed_values(figure), metric.unit)
        disputed = f"<br><small>({_esc(others)})</small>" if others else ""
        cells.append(
            f"<tr><td>{label}</td><td align='right'><b>{_qualified(figure.value, figure.qualifier)}"
            f"</b>{unit}{disputed}</td><td align='right'>{change}</td>"
            f"<td>{_sources_cell(catalog, figure)}</td></tr>"
        )
    cells.append("</table>")
    return "".join(cells)


def _sources_cell(catalog: Catalog, figure: Figure) -> str:
    text = source_html(catalog.source(figure.source))
    if figure.note:
        text += f"<br><small class='{MUTED_CLASS}'>{_esc(figure.note)}</small>"
    for other in figure.corroborated_by:  # every one, each with its own note
        note = f" <span class='{MUTED_CLASS}'>({_esc(other.note)})</span>" if other.note else ""
        text += (
            f"<br><small>Also reported by {source_html(catalog.source(other.source))}{note}</small>"
        )
    for alternate, source in catalog.alternates_with_sources(figure):
        note = ""
        if alternate.note:
            note = f" <span class='{MUTED_CLASS}'>({_esc(alternate.note)})</span>"
        text += (
            f"<br><small>Also reported: <b>{_qualified(alternate.value, alternate.qualifier)}</b>"
            f" — {source_html(source)}{note}</small>"
        )
    return text

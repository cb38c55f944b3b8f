"""The detail pane's HTML: one city's (or the national) figures at a snapshot, each with its
source, and the list of every source with what it is cited for.

Every string from a data file goes through ``html.escape``: a city named ``<img src=x>`` shows
literally. Links are made only for http(s) URLs (``html_text``). Imported when the panes first
show data, not before the window's first frame.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from legend_gui.model.captions import national_name
from legend_gui.model.formatting import (
    counted,
    format_change,
    format_date,
    format_number,
    not_exact,
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
from legend_gui.ui.html_text import MUTED_CLASS, source_html
from legend_gui.ui.html_text import esc as _esc
from legend_gui.ui.html_text import qualified_html as _qualified

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog
    from legend_gui.model.schema import Figure, Metric

#: The figure table's fixed column widths, in pixels.
FIGURE_WIDTH, VALUE_WIDTH, CHANGE_WIDTH = 250, 170, 64


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
            rough = not_exact(figure.qualifier, previous.figure.qualifier)
            change = (
                f"<span title='since {_esc(format_date(previous.day))}'>"
                f"{_esc(format_change(figure.value, previous.figure.value, rough))}</span>"
            )
        unit = f" <small>{_esc(metric.unit)}</small>" if metric.unit else ""
        others = others_text(disputed_values(figure), metric.unit)
        disputed = f"<br><small>({_esc(others)})</small>" if others else ""
        cells.append(
            f"<tr><td>{label}</td><td align='right'><b>{_qualified(figure.value, figure.qualifier)}"
            f"</b>{unit}{disputed}</td><td align='right' style='white-space:nowrap'>{change}</td>"
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

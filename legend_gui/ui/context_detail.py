"""The detail pane's "Context" section: a city's background counts (e.g. homicides by year
and to its launch), each with its period, source, definition and the other counts.

Counts of another kind are listed by their basis (police, newspaper, medical examiner ...), as
information, not as disputes; a count on the same basis and period with another value is
marked as differing. One line says what the counts are, in the data's own words where it has
them. Every string from the data goes through ``html_text.esc`` (escaped, right-to-left runs
isolated).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legend_gui.model.context import count_period, disputing_counts, period_text
from legend_gui.model.context_text import background_line
from legend_gui.model.formatting import format_rate
from legend_gui.model.metric_menu import group_title
from legend_gui.model.rates import rate_per_100k
from legend_gui.model.vocab import Qualifier
from legend_gui.ui.html_text import MUTED_CLASS, esc, qualified_html, source_html

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog
    from legend_gui.model.schema import City, ContextCount, ContextFigure


def context_html(catalog: Catalog, city_id: str | None) -> str:
    """The section's HTML for a city; empty for the national figures and for a dataset
    without context counts (no heading then: there is nothing to say)."""
    index = catalog.context
    if city_id is None or not index:
        return ""
    city = catalog.city_by_id[city_id]
    figures = index.for_city(city_id)
    first = index.metrics[0]  # the section's title is the first context metric's group's
    title = group_title(catalog.dataset, first.group)
    parts = [
        f"<h3>{esc(title)}</h3>",
        f"<p class='{MUTED_CLASS}'><i>{esc(background_line(catalog.dataset, first))}</i></p>",
    ]
    if not figures:
        parts.append("<p><i>No background counts for this city in the data.</i></p>")
        return "\n".join(parts)
    cells = [
        "<table cellspacing='0' cellpadding='4' width='99%' style='border-collapse:collapse'>",
        "<tr style='background-color:palette(alternate-base)'><th align='left'>Count</th>"
        "<th align='right'>Value</th><th align='left'>Period</th>"
        "<th align='left'>Source and definition</th></tr>",
    ]
    for figure in figures:
        cells.append(_row(catalog, city, figure))
    cells.append("</table>")
    parts.append("".join(cells))
    return "\n".join(parts)


def _row(catalog: Catalog, city: City, figure: ContextFigure) -> str:
    metric = catalog.metric_by_id.get(figure.metric)
    label = esc(metric.label if metric else figure.metric)
    unit = f" <small>{esc(metric.unit)}</small>" if metric and metric.unit else ""
    rate = ""
    population = city.population
    per_100k = rate_per_100k(figure.value, population.value if population else None)
    if per_100k is not None and population is not None:
        rate = (
            f"<br><small>{esc(format_rate(per_100k, Qualifier.EXACT))} per 100,000 "
            f"({population.year} population)</small>"
        )
    differing: dict[str, None] = {}
    for count in disputing_counts(figure):
        differing[qualified_html(count.value, count.qualifier)] = None
    if differing:
        rate += f"<br><small>({' or '.join(differing)} in other counts on the same basis)</small>"
    source = catalog.context.source(figure.source)
    text = f"{source_html(source)}<br><small>{esc(figure.basis)}: {esc(figure.definition)}</small>"
    if figure.note:
        text += f"<br><small class='{MUTED_CLASS}'>{esc(figure.note)}</small>"
    text += _other_counts(catalog, figure)
    return (
        f"<tr><td valign='top'>{label}</td><td align='right' valign='top'>"
        f"<b>{qualified_html(figure.value, figure.qualifier)}</b>{unit}{rate}</td>"
        f"<td valign='top'>{esc(period_text(figure.period))}</td>"
        f"<td valign='top'>{text}</td></tr>"
    )


def _other_counts(catalog: Catalog, figure: ContextFigure) -> str:
    """Every other count, grouped by its basis; a count that differs on the figure's own
    basis and period says so."""
    if not figure.alternates:
        return ""
    differing = {id(count) for count in disputing_counts(figure)}
    by_basis: dict[str, list[ContextCount]] = {}
    for count in figure.alternates:
        by_basis.setdefault(count.basis, []).append(count)
    lines = []
    for basis, counts in by_basis.items():
        same = ", the same basis" if basis == figure.basis else ""
        items = []
        for count in counts:
            period = count_period(figure, count)
            when = "" if period == figure.period else f", {esc(period_text(period))}"
            differs = " — <i>differs</i>" if id(count) in differing else ""
            items.append(
                f"<b>{qualified_html(count.value, count.qualifier)}</b>{when} — "
                f"{source_html(catalog.context.source(count.source))}"
                f" <span class='{MUTED_CLASS}'>({esc(count.definition)})</span>{differs}"
            )
        lines.append(
            f"<br><small>Other counts ({esc(basis)}{same}): " + "; ".join(items) + "</small>"
        )
    return "".join(lines)

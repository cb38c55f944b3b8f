"""What hovering a context bar says: the count, its rate, period, definition, source and the
other counts, as plain text (the ui escapes it for the tooltip)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from legend_gui.model.captions import ordinal
from legend_gui.model.context import period_text
from legend_gui.model.context_text import count_line
from legend_gui.model.formatting import format_date, format_number, format_rate, format_value
from legend_gui.model.status import with_unit
from legend_gui.model.vocab import Qualifier

if TYPE_CHECKING:
    from legend_gui.model.chart import Bar
    from legend_gui.model.queries import Catalog


def context_tooltip(catalog: Catalog, bar: Bar) -> str:
    """What hovering a context bar says: the count with its unit, the rate and the population
    it uses, the rank, the period, the definition and basis, the source, and the other counts
    (on the same basis: a dispute; on another: labelled by their basis)."""
    from legend_gui.model.schema import ContextFigure

    figure = bar.figure
    if bar.value is None or not isinstance(figure, ContextFigure):
        return f"{bar.label}: {bar.text}"
    metric = catalog.metric_by_id.get(figure.metric)
    unit = metric.unit if metric else ""
    value = with_unit(format_value(figure.value, figure.qualifier), unit, always=True)
    lines = [f"{bar.label}: {value}"]
    city = catalog.city_by_id[bar.city_id]
    if bar.unit != unit and city.population is not None:  # a rate
        population = city.population
        lines.append(
            f"{format_rate(bar.value, Qualifier.EXACT)} {bar.unit} (population "
            f"{format_number(population.value)}, {population.year})"
        )
    if bar.rank is not None:
        lines.append(f"Ranked {ordinal(bar.rank)}" + (" (the selected city)" if bar.extra else ""))
    lines.append(f"Period: {period_text(figure.period)}")
    lines.append(f"Counted as: {figure.basis} ({figure.definition})")
    source = catalog.source_by_id.get(figure.source)
    if source is not None:
        lines.append(f"Source: {source.publisher}, {format_date(source.published)}")
    for count in figure.alternates:
        other = catalog.source_by_id.get(count.source)
        who = f" — {other.publisher}" if other else ""
        lines.append(f"Other count: {count_line(figure, count, unit)}{who}")
    return "\n".join(lines)

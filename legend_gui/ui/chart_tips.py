"""What hovering a bar or a point says, and the chart's colour key, from the model's answer.

Plain text for tooltips (``detail.tooltip_text`` escapes them where needed); the key is HTML
built only from escaped strings.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from legend_gui.model.captions import ordinal, shorten_middle
from legend_gui.model.formatting import QUALIFIER_WORDS, format_date, format_value
from legend_gui.model.status import FigureState, disputed_values, with_unit
from legend_gui.model.vocab import Qualifier
from legend_gui.ui.display_text import shown

if TYPE_CHECKING:
    from legend_gui.model.chart import Bar, BarChart, TimelineChart, TimelinePoint
    from legend_gui.model.queries import Catalog
    from legend_gui.model.schema import Figure
    from legend_gui.ui.chart_theme import ChartTheme


def _figure_lines(catalog: Catalog, figure: Figure, unit: str) -> list[str]:
    lines = []
    if figure.qualifier is not Qualifier.EXACT:
        lines.append(f"({QUALIFIER_WORDS[figure.qualifier]}, as the source framed it)")
    source = catalog.source(figure.source)
    lines.append(f"Source: {source.publisher}, {format_date(source.published)}")
    for other in disputed_values(figure):
        other_source = catalog.source_by_id.get(other.source)
        who = f" — {other_source.publisher}" if other_source else ""
        lines.append(f"Other report: {with_unit(other.text, unit, always=True)}{who}")
    return lines


def bar_tooltip(catalog: Catalog, bar: Bar) -> str:
    """``Memphis, TN: 124 defendants`` with the rate, rank, qualifier, source, other reports."""
    from legend_gui.model.schema import ContextFigure  # loaded: the bar holds its records

    if isinstance(bar.figure, ContextFigure):  # a period count, not an announced figure
        from legend_gui.model.context_tips import context_tooltip

        return context_tooltip(catalog, bar)
    if bar.value is None or bar.figure is None:
        reason = bar.text
        if bar.state is FigureState.REPORTED and bar.figure is not None:
            reason = f"{reason} (reported: {format_value(bar.figure.value, bar.qualifier)})"
        return f"{bar.label}: {reason}"
    metric = catalog.metric_by_id.get(bar.figure.metric)
    unit = metric.unit if metric else ""
    value = with_unit(format_value(bar.figure.value, bar.figure.qualifier), unit, always=True)
    lines = [f"{bar.label}: {value}"]
    if bar.unit != unit:  # a rate
        rate = bar.text.split(" (")[0]
        lines.append(f"{rate} {bar.unit}")
    if bar.rank is not None:
        lines.append(
            f"Ranked {ordinal(bar.rank)}" + (" (shown as the selected city)" if bar.extra else "")
        )
    lines += _figure_lines(catalog, bar.figure, unit)
    return "\n".join(lines)


def point_tooltip(catalog: Catalog, chart: TimelineChart, point: TimelinePoint) -> str:
    metric = catalog.metric_by_id.get(point.figure.metric)
    unit = metric.unit if metric else ""
    value = with_unit(format_value(point.figure.value, point.figure.qualifier), unit, always=True)
    lines = [f"{chart.place}, {format_date(point.day)}: {value}"]
    if chart.settings.per_capita:
        lines.append(f"{point.text.split(' (')[0]} {chart.unit}")
    lines += _figure_lines(catalog, point.figure, unit)
    return "\n".join(lines)


def key_html(chart: BarChart | TimelineChart, theme: ChartTheme) -> str:
    """Swatches for every mark the chart uses: the highlighted city's colour, hatching or
    open rings, the whisker of a disputed figure, the shade before a launch."""
    from legend_gui.model.chart import BarChart

    items: list[str] = []
    if isinstance(chart, BarChart):
        highlighted = chart.highlighted
        if highlighted is not None:
            items.append(
                f"<span style='color:{theme.bar_selected}'>■</span> "
                + escape(shown(shorten_middle(highlighted.label)))
            )
        if any(not bar.exact for bar in chart.plotted):
            items.append(f"<span style='color:{theme.bar}'>▨</span> not given as exact")
        if any(bar.disputed for bar in chart.plotted):
            items.append(
                "├─┤ " + ("range of same-basis counts" if chart.context else "range of reports")
            )
    else:
        if any(p.qualifier is not Qualifier.EXACT for p in chart.points):
            items.append(f"<span style='color:{theme.bar}'>○</span> not given as exact")
        if any(p.others for p in chart.points):
            items.append("├─┤ range of reports")
        if any(g.state is FigureState.NOT_YET_LAUNCHED for g in chart.gaps):
            items.append(f"<span style='color:{theme.muted}'>▒</span> not yet launched")
        if any(g.state is FigureState.NOT_REPORTED for g in chart.gaps):
            items.append(f"<span style='color:{theme.muted}'>|</span> not reported")
        if chart.context:
            items.append(f"<span style='color:{theme.context}'>┊</span> context count")
    return " &nbsp; ".join(items)

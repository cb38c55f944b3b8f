"""The Map view's content from the chart model: the bar chart's rows become map entries.

The map shows what the bar chart decides (values, their text with qualifier and disputes, the
three states, Latest's dates, sources, notes), asked for the top ``MAX_MARKERS`` cities: at
100,000 cities only those become entries and the rest are passed as ``omitted``
(docs/map-view.md). Pure Python.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from legend_gui.model.chart import Bar, BarChart, ChartSettings, bar_chart
from legend_gui.model.formatting import QUALIFIER_WORDS, format_date
from legend_gui.model.map_chart import (
    MAX_MARKERS,
    NOT_REPORTED,
    NOT_YET_LAUNCHED,
    REPORTED,
    MapChart,
    MapEntry,
    build_map_chart,
)
from legend_gui.model.status import FigureState, figure_state, is_disputed

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog

_STATUS = {
    FigureState.REPORTED: REPORTED,
    FigureState.NOT_REPORTED: NOT_REPORTED,
    FigureState.NOT_YET_LAUNCHED: NOT_YET_LAUNCHED,
}


def bar_tooltip_text(bar: Bar) -> str:
    """What hovering a bar or a marker says: value, how the source framed it, source."""
    lines = [f"{bar.label}: {bar.text}"]
    if bar.figure is not None and not bar.exact:
        lines.append(f"({QUALIFIER_WORDS[bar.qualifier]}, as the source framed it)")
    if bar.source is not None:
        lines.append(f"Source: {bar.source.publisher}, {format_date(bar.source.published)}")
    return "\n".join(lines)


def _entry(catalog: Catalog, chart: BarChart, bar: Bar, tooltip: Callable[[Bar], str]) -> MapEntry:
    city = catalog.city_by_id[bar.city_id]
    day = chart.settings.snapshot
    state = figure_state(city, day, bar.figure) if day is not None else FigureState.NOT_REPORTED
    reported = state is FigureState.REPORTED and bar.value is not None
    return MapEntry(
        city_id=city.id,
        name=city.name,
        state=city.state,
        location=(city.location.lat, city.location.lon) if city.location else None,
        # a figure without a rate (no population) is a gap in the caller's words
        status=_STATUS[state] if state is not FigureState.REPORTED or reported else NOT_REPORTED,
        value=bar.value if reported else None,
        value_text=bar.text,
        exact=bar.exact,
        disputed=is_disputed(bar.figure),
        tooltip=tooltip(bar),
    )


@dataclass(frozen=True, slots=True)
class MapFigure:
    """The map as an export sees it: the drawing (``chart``) and the bar chart it shows
    (``bars``: its rows are the map's CSV), with the captions every export carries."""

    chart: MapChart
    bars: BarChart

    @property
    def settings(self) -> ChartSettings:
        return self.bars.settings

    @property
    def title(self) -> str:
        return self.chart.title

    @property
    def subtitle(self) -> str:
        return self.chart.subtitle

    @property
    def notes(self) -> list[str]:
        return list(self.chart.notes)

    @property
    def dataset_title(self) -> str:
        return self.bars.dataset_title

    @property
    def attribution(self) -> str:
        return self.bars.attribution

    def legend_line(self) -> str:
        return self.chart.legend_line()  # the map's key explains its marks

    def source_line(self) -> str:
        return self.chart.source_line()


def map_figure(catalog: Catalog, settings: ChartSettings) -> MapFigure:
    """The map for an export (no tooltips)."""
    bars = bar_chart(catalog, settings.with_(top=MAX_MARKERS))
    return MapFigure(_map_of(catalog, bars, bar_tooltip_text), bars)


def map_chart(
    catalog: Catalog, settings: ChartSettings, tooltip: Callable[[Bar], str] | None = None
) -> MapChart:
    """The map for ``settings``: every city at 9, the largest ``MAX_MARKERS`` at 100,000.
    ``tooltip`` writes a marker's hover text (the window passes the bar chart's)."""
    bars = bar_chart(catalog, settings.with_(top=MAX_MARKERS))
    return _map_of(catalog, bars, tooltip or bar_tooltip_text)


def _map_of(catalog: Catalog, bars: BarChart, tooltip: Callable[[Bar], str]) -> MapChart:
    settings = bars.settings
    entries = [_entry(catalog, bars, bar, tooltip) for bar in bars.bars]
    title = bars.title
    unit = (
        catalog.metric_by_id[settings.metric].unit
        if settings.metric in catalog.metric_by_id
        else ""
    )
    size_title = f"{title} ({unit})" if unit and not settings.per_capita else title
    return build_map_chart(
        entries,
        selected=settings.city,
        size_title=size_title,
        omitted=max(0, bars.total_cities - len(entries)),
        title=title,
        subtitle=bars.subtitle,
        # the bar chart's notes, in the map's words (a national total is not the markers' sum)
        notes=tuple(note.replace("of the bars", "of the cities") for note in bars.notes),
        source_text=bars.source_line(),
    )

"""What a city's one-page fact sheet says, worked out without Qt (``ui/fact_sheet.py`` paints it).

Each metric the city reports, at the city's most recent figure of it, with its qualifier, unit,
change since the previous report and the other reports of a disputed figure; the core metrics
(group ``core`` in the data) also when not reported; sources numbered as footnotes in order of
first use; the data warnings about the city; the dataset's description as its caveats; a
citation. Every word about the data comes from the data.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from legend_gui.model.citation import CitationStyle, cite_dataset, value_phrase
from legend_gui.model.formatting import (
    NOT_REPORTED,
    format_change,
    format_date,
    format_number,
    format_value,
    not_exact,
)
from legend_gui.model.index import DatedFigure
from legend_gui.model.queries import Catalog
from legend_gui.model.status import differing_alternates
from legend_gui.model.vocab import CORE_GROUP, Qualifier

if TYPE_CHECKING:
    from legend_gui.model.schema import Figure, Metric, Source

#: How many cities the sheet's bar chart shows besides the city itself.
CHART_CITIES = 8


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One metric of the city: its latest figure (``None``: not reported) and what changed."""

    metric: Metric
    figure: Figure | None
    day: date | None
    value_text: str  # "more than 1,000 people", or "not reported"
    others_text: str  # "25 defendants in other reports", or ""
    change_text: str  # "+34 since 3 Sep 2020 (89)", or ""
    notes: tuple[int, ...]  # footnote numbers: the primary and corroborating sources, then
    # those of the other reports


@dataclass(frozen=True, slots=True)
class SheetBar:
    """One city's bar in the sheet's chart: its most recent figure of the chart's metric."""

    label: str
    value: float
    qualifier: Qualifier
    day: date
    is_subject: bool  # the sheet's own city
    rank: int  # 1 = largest


@dataclass(frozen=True, slots=True)
class FactSheet:
    title: str  # "St. Louis, MO"
    dataset_title: str
    facts: tuple[tuple[str, str, tuple[int, ...]], ...]  # (label, text, footnotes)
    rows: tuple[SheetRow, ...]
    chart_metric: Metric | None
    bars: tuple[SheetBar, ...]
    reporting_cities: int  # how many cities report the chart's metric at all
    history: tuple[DatedFigure, ...]  # the city's figures of the chart's metric over time
    warnings: tuple[str, ...]
    footnotes: tuple[tuple[int, Source], ...]
    caveats: str
    licence: str | None
    citation: str


class _Notes:
    """Numbers sources in order of first use."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self.numbers: dict[str, int] = {}

    def __call__(self, *source_ids: str) -> tuple[int, ...]:
        for source_id in source_ids:
            self.numbers.setdefault(source_id, len(self.numbers) + 1)
        return tuple(sorted({self.numbers[source_id] for source_id in source_ids}))

    def footnotes(self) -> tuple[tuple[int, Source], ...]:
        return tuple((n, self._catalog.source(s)) for s, n in self.numbers.items())


def _change(history: list[DatedFigure]) -> str:
    """The change since the previous report; a qualified figure gives no exact difference."""
    if len(history) < 2:
        return "first report" if history else ""
    before, after = history[-2], history[-1]
    was = format_value(before.figure.value, before.figure.qualifier)
    since = f"since {format_date(before.day)} ({was})"
    if not_exact(before.figure.qualifier, after.figure.qualifier):
        return f"was {was} on {format_date(before.day)}"
    return f"{format_change(after.figure.value, before.figure.value)} {since}"


def _row(catalog: Catalog, city_id: str, metric: Metric, notes: _Notes) -> SheetRow | None:
    history = catalog.timeline(city_id, metric.id)
    if not history:
        if metric.group != CORE_GROUP:
            return None
        return SheetRow(metric, None, None, NOT_REPORTED, "", "", ())
    latest = history[-1]
    figure = latest.figure
    numbers = notes(figure.source, *[other.source for other in figure.corroborated_by])
    differing = differing_alternates(figure)
    others = ""
    if differing:
        numbers = numbers + notes(*[alt.source for alt in differing])
        values = dict.fromkeys(value_phrase(a.value, a.qualifier, metric.unit) for a in differing)
        others = f"{' or '.join(values)} in other reports"
    return SheetRow(
        metric,
        figure,
        latest.day,
        value_phrase(figure.value, figure.qualifier, metric.unit),
        others,
        _change(history),
        numbers,
    )


def _chart_metric(catalog: Catalog, city_id: str) -> Metric | None:
    """The app's default metric when the city reports it, else the city's first core metric,
    else its first metric with city figures: the chart compares the city with the others."""
    reported = [m for m in catalog.chart_metrics if catalog.timeline(city_id, m.id)]
    preferred = catalog.default_metric()
    for metric in reported:
        if metric.id == preferred:
            return metric
    core = [m for m in reported if m.group == CORE_GROUP]
    candidates = core or reported
    return candidates[0] if candidates else None


def _bars(catalog: Catalog, city_id: str, metric: Metric) -> tuple[list[SheetBar], int]:
    """Each city's most recent figure of ``metric``: the top ``CHART_CITIES``, plus the sheet's
    city with its real rank when it is not among them (never swapped in). Ties: name, then
    dataset order. Only the leaders are sorted: at 100,000 cities a full sort costs a second."""
    latest: list[tuple[float, str, int, DatedFigure]] = []
    for index, city in enumerate(catalog.cities):
        history = catalog.timeline(city.id, metric.id)
        if history:
            latest.append((-history[-1].figure.value, city.name, index, history[-1]))
    top = CHART_CITIES  # read at call time, so tests can shrink it
    ranked = heapq.nsmallest(top, latest, key=lambda entry: entry[:3])
    ranks = list(range(1, len(ranked) + 1))
    subject = next((entry for entry in latest if catalog.cities[entry[2]].id == city_id), None)
    if subject is not None and subject not in ranked:
        ranked.append(subject)
        ranks.append(1 + sum(entry[:3] < subject[:3] for entry in latest))
    return [
        SheetBar(
            name,
            -negated,
            point.figure.qualifier,
            point.day,
            catalog.cities[index].id == city_id,
            rank,
        )
        for rank, (negated, name, index, point) in zip(ranks, ranked, strict=True)
    ], len(latest)


def build_fact_sheet(catalog: Catalog, city_id: str) -> FactSheet:
    """The content of ``city_id``'s fact sheet; ``KeyError`` for an unknown city."""
    city = catalog.city_by_id[city_id]
    dataset = catalog.dataset
    notes = _Notes(catalog)
    facts: list[tuple[str, str, tuple[int, ...]]] = [
        ("Launched", format_date(city.launch_date), ())
    ]
    if city.usao_district:
        facts.append(("District", city.usao_district, ()))
    if city.population is not None:
        population = city.population
        text = f"{format_number(population.value)} ({population.year})"
        facts.append(("Population", text, notes(population.source)))
    metrics = sorted(dataset.metrics, key=lambda m: m.group != CORE_GROUP)  # stable: core first
    rows = [row for m in metrics if (row := _row(catalog, city_id, m, notes)) is not None]
    chart_metric = _chart_metric(catalog, city_id)
    bars, reporting = _bars(catalog, city_id, chart_metric) if chart_metric else ([], 0)
    history = catalog.timeline(city_id, chart_metric.id) if chart_metric else []
    return FactSheet(
        title=f"{city.name}, {city.state}",
        dataset_title=dataset.title,
        facts=tuple(facts),
        rows=tuple(rows),
        chart_metric=chart_metric,
        bars=tuple(bars),
        reporting_cities=reporting,
        history=tuple(history),
        warnings=tuple(warning.message for warning in catalog.warnings_for(city_id)),
        footnotes=notes.footnotes(),
        caveats=dataset.description,
        licence=dataset.licence,
        citation=(
            f"Cite each figure with its numbered source and add: "
            f"{cite_dataset(catalog, CitationStyle.PLAIN)}"
        ),
    )

"""The Table view's content: every city (rows) × the core metrics and the chosen one
(columns, with units) at a snapshot, each with its change since an earlier one.

Built for 100,000 cities: a column is precomputed as plain lists (figure, plotted value,
change) in one pass over the cities, cell text is written only when a row is shown, and a sort
is one ``sorted`` over precomputed keys, cached per column and direction. Not reported and not
yet launched rows sort last in either direction. Pure Python: the window's item model, the
clipboard and ``export --view table`` all read this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, TypeVar
from weakref import WeakKeyDictionary

from legend_gui.model.context import is_context_figure, period_text
from legend_gui.model.formatting import (
    QUALIFIER_MARKS,
    QUALIFIER_WORDS,
    format_date,
    format_delta,
    format_number,
    not_exact,
)
from legend_gui.model.latest import LATEST, is_latest, latest_figures, snapshot_text
from legend_gui.model.status import (
    FigureState,
    core_metrics,
    disputed_values,
    figure_state,
    others_text,
    state_text,
)
from legend_gui.model.vocab import Qualifier

_T = TypeVar("_T")

if TYPE_CHECKING:
    from collections.abc import Mapping

    from legend_gui.model.chart import ChartSettings
    from legend_gui.model.queries import Catalog
    from legend_gui.model.schema import City, ContextFigure, Figure, Metric

    Shown = Figure | ContextFigure


class Kind(Enum):
    NAME = "name"
    STATE = "state"
    VALUE = "value"
    CHANGE = "change"


@dataclass(slots=True)
class Column:
    """One column: its header (two lines for a metric: label, then unit or "change") and,
    for a metric, its figures by city id: a dict look-up per shown cell, no list per city."""

    kind: Kind
    header: str
    metric: Metric | None = None
    shown: Mapping[str, Shown] = field(default_factory=dict)  # at the snapshot; context: any
    context: bool = False  # a context metric's counts, each for its own period
    period: str | None = None  # context: the period when every city's is the same
    days: dict[str, date] | None = None  # Latest: each figure's own date
    bases: dict[str, Figure] | None = None  # change: the earlier figures (set when first used)

    @property
    def one_line_header(self) -> str:
        """The header for a spreadsheet: ``Arrests (people)``, ``Arrests: change``."""
        if "\n" not in self.header:
            return self.header
        label, second = self.header.split("\n", 1)
        return f"{label}: change" if self.kind is Kind.CHANGE else f"{label} ({second})"


def _rate(value: float, city: City, per_capita: bool) -> float | None:
    if not per_capita:
        return value
    population = city.population.value if city.population else 0
    return value * 100_000 / population if population else None


class CityTable:
    """Every city × the table's metrics at ``settings.snapshot`` (``LATEST`` too), with the
    change since ``compare`` (``None``: each city's previous figure)."""

    def __init__(
        self, catalog: Catalog, settings: ChartSettings, compare: date | None = None
    ) -> None:
        self.catalog = catalog
        self.settings = settings
        self.day = settings.snapshot
        self.compare = compare
        self.per_capita = settings.per_capita
        self.cities: list[City] = catalog.cities
        self.metrics = table_metrics(catalog, settings.metric)
        self.columns: list[Column] = [Column(Kind.NAME, "City"), Column(Kind.STATE, "State")]
        for metric in self.metrics:
            if catalog.is_context_metric(metric.id):  # no snapshot series: no change column
                self.columns.append(self._context_column(metric))
                continue
            value_column, change_column = self._metric_columns(metric)
            self.columns += [value_column, change_column]
        self._orders: dict[tuple[int, bool], list[int]] = {}

    # -- building -------------------------------------------------------------------------
    def _metric_columns(self, metric: Metric) -> tuple[Column, Column]:
        catalog, day, per_capita = self.catalog, self.day, self.per_capita
        unit = f"{metric.unit} per 100,000" if per_capita else metric.unit
        value_col = Column(Kind.VALUE, f"{metric.label}\n{unit}".strip(), metric)
        change_col = Column(Kind.CHANGE, f"{metric.label}\nchange", metric)
        if day is not None:
            value_col.shown = change_col.shown = catalog.figures_at(day, metric.id)
            if is_latest(day):
                value_col.days = catalog.latest_days(metric.id)
        return value_col, change_col

    def _context_column(self, metric: Metric) -> Column:
        """A context metric's count per city; the header names the period if it is one."""
        shown = {f.city: f for f in self.catalog.context.figures if f.metric == metric.id}
        periods = {period_text(f.period) for f in shown.values()}
        period = periods.pop() if len(periods) == 1 else None
        unit = f"{metric.unit} per 100,000" if self.per_capita else metric.unit
        header = f"{metric.label}\n{unit}{f', {period}' if period else ''}"
        return Column(Kind.VALUE, header, metric, shown, context=True, period=period)

    def _bases(self, column: Column) -> dict[str, Figure]:
        """Each city's earlier figure to compare with: as of ``compare`` (its latest on or
        before that date), or, by default, its figure before the one shown. Cached per
        catalog: the core columns stay when the chosen metric changes."""
        if column.bases is not None:
            return column.bases
        catalog, day = self.catalog, self.day
        assert column.metric is not None
        metric_id = column.metric.id
        cache = _caches(catalog).bases
        key = (metric_id, day, self.compare)
        found = cache.get(key)
        if found is not None:
            column.bases = found
            return found
        dates = catalog.snapshot_dates
        if day is None:
            bases: dict[str, Figure] = {}
        elif self.compare is not None:
            before = [d for d in dates if d <= self.compare]
            bases = latest_figures(before, catalog.city_figures, metric_id, False)[0]
        elif not is_latest(day):
            before = [d for d in dates if d < day]
            bases = latest_figures(before, catalog.city_figures, metric_id, False)[0]
        else:  # Latest: the figure before each city's latest one
            bases = _second_latest(dates, catalog.city_figures, metric_id)
        column.bases = cache[key] = bases
        _trim(cache)
        return bases

    def figure(self, row: int, column: Column) -> Shown | None:
        return column.shown.get(self.cities[row].id)

    def value(self, row: int, column: Column) -> float | None:
        """The plotted number: the figure's value, or its rate per 100,000."""
        city = self.cities[row]
        figure = column.shown.get(city.id)
        return _rate(figure.value, city, self.per_capita) if figure is not None else None

    def base_value(self, row: int, column: Column) -> float | None:
        city = self.cities[row]
        base = self._bases(column).get(city.id)
        return _rate(base.value, city, self.per_capita) if base is not None else None

    def change(self, row: int, column: Column) -> float | None:
        value, base = self.value(row, column), self.base_value(row, column)
        return None if value is None or base is None else value - base

    # -- reading --------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return len(self.cities)

    def city_id(self, row: int) -> str:
        return self.cities[row].id

    def row_of(self, city_id: str) -> int | None:
        return self.catalog.city_position.get(city_id)

    def state(self, row: int, column: Column) -> FigureState:
        day = self.day
        if column.context:  # a count for a period: reported or not, never "not yet launched"
            found = self.figure(row, column) is not None
            return FigureState.REPORTED if found else FigureState.NOT_REPORTED
        if day is None:
            return FigureState.NOT_REPORTED
        return figure_state(self.cities[row], day, self.figure(row, column))

    def text(self, row: int, col: int) -> str:
        """The cell as shown: ``>1,000``, ``15 (25 in other reports)``, ``not reported``,
        ``+43 (+12 %)``; for Latest a value carries its own date."""
        column = self.columns[col]
        city = self.cities[row]
        if column.kind is Kind.NAME:
            return city.name
        if column.kind is Kind.STATE:
            return city.state
        if column.kind is Kind.CHANGE:
            return self._change_text(row, column)
        figure = self.figure(row, column)
        value = self.value(row, column)
        if figure is None:
            return state_text(self.state(row, column), city)
        if value is None:
            return "no population"
        text = _number(value, figure.qualifier, self.per_capita)
        others = disputed_values(figure)
        if others and not self.per_capita:
            text += f" ({others_text(others)})"
        if column.days is not None:
            text += f" · {format_date(column.days.get(city.id))}"
        if is_context_figure(figure) and column.period is None:
            text += f" · {period_text(figure.period)}"
        return text

    def _change_text(self, row: int, column: Column) -> str:
        change = self.change(row, column)
        if change is None:
            return ""
        figure = self.figure(row, column)
        base = self._bases(column).get(self.cities[row].id)
        assert figure is not None
        assert base is not None
        base_value = self.base_value(row, column)
        rough = not_exact(figure.qualifier, base.qualifier)
        text = format_delta(change, rough, 1 if self.per_capita else None)
        if base_value:
            percent = change / base_value * 100
            psign = "+" if percent > 0 else ("−" if percent < 0 else "±")
            text += f" ({psign}{format_number(abs(percent), 1)} %)"
        return text

    def tooltip(self, row: int, col: int) -> str:
        column = self.columns[col]
        if column.metric is None or self.day is None:
            return ""
        city = self.cities[row]
        figure = self.figure(row, column)
        if figure is None:
            return f"{city.name}, {city.state}: {self.text(row, col)}"
        source = self.catalog.source(figure.source)
        lines = [f"{city.name}, {city.state}: {self.text(row, col)} {column.metric.unit}".strip()]
        if is_context_figure(figure):
            lines.append(f"{period_text(figure.period)}: {figure.definition}")
        if figure.qualifier is not Qualifier.EXACT:
            lines.append(f"({QUALIFIER_WORDS[figure.qualifier]}, as the source framed it)")
        lines.append(f"Source: {source.publisher}, {format_date(source.published)}")
        if column.kind is Kind.CHANGE:
            lines.append(self.compare_text())
        return "\n".join(lines)

    def compare_text(self) -> str:
        if self.compare is not None:
            return f"Change since {format_date(self.compare)} (each city's figure as of then)."
        return "Change since each city's previous figure."

    # -- sorting --------------------------------------------------------------------------
    def order(self, col: int, descending: bool) -> list[int]:
        """Row indexes sorted by column ``col``; gaps last (not reported, then not yet
        launched), in dataset order, whichever the direction. Cached."""
        key = (col, descending)
        found = self._orders.get(key)
        if found is not None:
            return found
        column = self.columns[col]
        shared = (
            column.metric.id if column.metric else "",
            column.kind,
            self.day,
            self.compare,
            self.per_capita,
            descending,
        )
        cache = _caches(self.catalog).orders
        cached = cache.get(shared)
        if cached is not None:
            self._orders[key] = cached
            return cached
        rows = range(len(self.cities))
        if column.kind in (Kind.NAME, Kind.STATE):
            names = (
                [c.name.casefold() for c in self.cities]
                if column.kind is Kind.NAME
                else [c.state for c in self.cities]
            )
            order = sorted(rows, key=names.__getitem__, reverse=descending)
        else:
            order = self._value_order(column, descending)
        self._orders[key] = cache[shared] = order
        _trim(cache)
        return order

    def _value_order(self, column: Column, descending: bool) -> list[int]:
        """Rows with a value (or change) sorted by it, then the gaps: not reported, then not
        yet launched, in dataset order. Keys come from the column's dicts: one pass over the
        reported cities, not over every city."""
        position = self.catalog.city_position
        cities, per_capita = self.cities, self.per_capita
        keys: dict[int, float] = {}
        bases = self._bases(column) if column.kind is Kind.CHANGE else None
        for city_id, figure in column.shown.items():
            row = position[city_id]
            value = _rate(figure.value, cities[row], per_capita) if per_capita else figure.value
            if value is None:
                continue
            if bases is not None:
                base = bases.get(city_id)
                if base is None:
                    continue
                earlier = _rate(base.value, cities[row], per_capita)
                if earlier is None:
                    continue
                value -= earlier
            keys[row] = value
        present = sorted(keys)  # dataset order, kept for ties (the sort is stable)
        present.sort(key=keys.__getitem__, reverse=descending)
        missing = [row for row in range(len(cities)) if row not in keys]
        day = self.day
        if column.kind is Kind.VALUE and day is not None and not column.context:
            later = [row for row in missing if day < cities[row].launch_date]
            if later:  # not yet launched after not reported
                launched = set(later)
                missing = [row for row in missing if row not in launched] + later
        return present + missing

    # -- export ---------------------------------------------------------------------------
    def title(self) -> str:
        return f"All cities at {snapshot_text(self.day)}"


#: Per catalog: earlier figures and sort orders by what decides them, so switching the chosen
#: metric (the core columns stay) or back to a snapshot costs no pass. Bounded.
@dataclass(slots=True)
class _Caches:
    bases: dict[tuple[object, ...], dict[str, Figure]] = field(default_factory=dict)
    orders: dict[tuple[object, ...], list[int]] = field(default_factory=dict)


_CACHES: WeakKeyDictionary[Catalog, _Caches] = WeakKeyDictionary()
_CACHE_SIZE = 48


def _caches(catalog: Catalog) -> _Caches:
    return _CACHES.setdefault(catalog, _Caches())


def _trim(cache: dict[tuple[object, ...], _T]) -> None:
    while len(cache) > _CACHE_SIZE:
        cache.pop(next(iter(cache)))


def _second_latest(
    dates: list[date], groups: dict[tuple[date, str], dict[str, Figure]], metric_id: str
) -> dict[str, Figure]:
    """Each city's figure before its most recent one."""
    last: dict[str, Figure] = {}
    before: dict[str, Figure] = {}
    for day in dates:
        group = groups.get((day, metric_id))
        if group:
            for city_id, figure in group.items():
                previous = last.get(city_id)
                if previous is not None:
                    before[city_id] = previous
                last[city_id] = figure
    return before


def _number(value: float, qualifier: Qualifier, per_capita: bool) -> str:
    decimals = (1 if value < 100 else 0) if per_capita else None
    return QUALIFIER_MARKS[qualifier] + format_number(value, decimals)


def table_metrics(catalog: Catalog, chosen: str) -> list[Metric]:
    """The core metrics (the data's group ``core``), then ``chosen`` if it is not one."""
    metrics = core_metrics(catalog.dataset)
    extra = catalog.metric_by_id.get(chosen)
    if extra is not None and extra not in metrics:
        metrics.append(extra)
    return metrics


__all__ = ["LATEST", "CityTable", "Column", "Kind", "table_metrics"]

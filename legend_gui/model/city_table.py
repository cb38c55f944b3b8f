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
from typing import TYPE_CHECKING

from legend_gui.model.formatting import (
    QUALIFIER_MARKS,
    QUALIFIER_WORDS,
    format_date,
    format_number,
)
from legend_gui.model.latest import LATEST, is_latest, latest_figures, snapshot_text
from legend_gui.model.status import (
    FigureState,
    disputed_values,
    figure_state,
    others_text,
    state_text,
)
from legend_gui.model.vocab import Qualifier

if TYPE_CHECKING:
    from legend_gui.model.chart import ChartSettings
    from legend_gui.model.queries import Catalog
    from legend_gui.model.schema import City, Figure, Metric


class Kind(Enum):
    NAME = "name"
    STATE = "state"
    VALUE = "value"
    CHANGE = "change"


@dataclass(slots=True)
class Column:
    """One column: its header (two lines for a metric: label, then unit or "change") and,
    for a metric, its values in row (dataset) order."""

    kind: Kind
    header: str
    metric: Metric | None = None
    figures: list[Figure | None] = field(default_factory=list)
    values: list[float | None] = field(default_factory=list)  # plotted: count or rate
    days: list[date | None] = field(default_factory=list)  # Latest: each figure's own date
    bases: list[Figure | None] = field(default_factory=list)  # change: the earlier figure
    base_values: list[float | None] = field(default_factory=list)

    @property
    def one_line_header(self) -> str:
        """The header for a spreadsheet: ``Arrests (people)``, ``Arrests: change``."""
        if "\n" not in self.header:
            return self.header
        label, second = self.header.split("\n", 1)
        return f"{label}: change" if self.kind is Kind.CHANGE else f"{label} ({second})"

    def change(self, row: int) -> float | None:
        value, base = self.values[row], self.base_values[row]
        return None if value is None or base is None else value - base


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
            value_column, change_column = self._metric_columns(metric)
            self.columns += [value_column, change_column]
        self._orders: dict[tuple[int, bool], list[int]] = {}

    # -- building -------------------------------------------------------------------------
    def _metric_columns(self, metric: Metric) -> tuple[Column, Column]:
        catalog, day, per_capita = self.catalog, self.day, self.per_capita
        unit = f"{metric.unit} per 100,000" if per_capita else metric.unit
        value_col = Column(Kind.VALUE, f"{metric.label}\n{unit}".strip(), metric)
        change_col = Column(Kind.CHANGE, f"{metric.label}\nchange", metric)
        if day is None:
            return value_col, change_col
        shown = catalog.figures_at(day, metric.id)
        base_of = self._bases(metric.id)
        days_of = catalog.latest_days(metric.id) if is_latest(day) else None
        figures, values, bases, base_values = [], [], [], []
        for city in self.cities:
            figure = shown.get(city.id)
            base = base_of(city.id)
            figures.append(figure)
            values.append(_rate(figure.value, city, per_capita) if figure else None)
            bases.append(base)
            base_values.append(_rate(base.value, city, per_capita) if base else None)
        value_col.figures, value_col.values = figures, values
        if days_of is not None:
            value_col.days = [days_of.get(city.id) for city in self.cities]
        change_col.figures, change_col.values = figures, values
        change_col.bases, change_col.base_values = bases, base_values
        return value_col, change_col

    def _bases(self, metric_id: str) -> _BaseLookup:
        """Each city's earlier figure to compare with: as of ``compare`` (its latest on or
        before that date), or, by default, its figure before the one shown."""
        catalog, day = self.catalog, self.day
        assert day is not None
        dates = catalog.snapshot_dates
        if self.compare is not None:
            before = [d for d in dates if d <= self.compare]
            return _BaseLookup(latest_figures(before, catalog.city_figures, metric_id)[0])
        if not is_latest(day):
            before = [d for d in dates if d < day]
            return _BaseLookup(latest_figures(before, catalog.city_figures, metric_id)[0])
        # Latest: the figure before each city's latest one
        return _BaseLookup(_second_latest(dates, catalog.city_figures, metric_id))

    # -- reading --------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return len(self.cities)

    def city_id(self, row: int) -> str:
        return self.cities[row].id

    def row_of(self, city_id: str) -> int | None:
        for row, city in enumerate(self.cities):
            if city.id == city_id:
                return row
        return None

    def state(self, row: int, column: Column) -> FigureState:
        day = self.day
        if day is None:
            return FigureState.NOT_REPORTED
        figure = column.figures[row] if column.figures else None
        return figure_state(self.cities[row], day, figure)

    def text(self, row: int, col: int) -> str:
        """The cell as shown: ``>1,000``, ``15 (25 in other reports)``, ``not reported``,
        ``+43 (+12 %)``; for Latest a value carries its own date."""
        column = self.columns[col]
        city = self.cities[row]
        if column.kind is Kind.NAME:
            return city.name
        if column.kind is Kind.STATE:
            return city.state
        figure = column.figures[row] if column.figures else None
        if column.kind is Kind.CHANGE:
            return self._change_text(row, column)
        value = column.values[row] if column.values else None
        if figure is None:
            return state_text(self.state(row, column), city)
        if value is None:
            return "no population"
        text = _number(value, figure.qualifier, self.per_capita)
        others = disputed_values(figure)
        if others and not self.per_capita:
            text += f" ({others_text(others)})"
        if column.days:
            text += f" · {format_date(column.days[row])}"
        return text

    def _change_text(self, row: int, column: Column) -> str:
        change = column.change(row)
        if change is None:
            return ""
        figure, base = column.figures[row], column.bases[row]
        assert figure is not None
        assert base is not None
        base_value = column.base_values[row]
        rough = figure.qualifier is not Qualifier.EXACT or base.qualifier is not Qualifier.EXACT
        mark = "≈" if rough else ""
        decimals = 1 if self.per_capita else None
        sign = "+" if change > 0 else ("−" if change < 0 else "±")
        text = f"{mark}{sign}{format_number(abs(change), decimals)}"
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
        figure = column.figures[row] if column.figures else None
        if figure is None:
            return f"{city.name}, {city.state}: {self.text(row, col)}"
        source = self.catalog.source(figure.source)
        lines = [f"{city.name}, {city.state}: {self.text(row, col)} {column.metric.unit}".strip()]
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
        rows = range(len(self.cities))
        if column.kind in (Kind.NAME, Kind.STATE):
            names = (
                [c.name.casefold() for c in self.cities]
                if column.kind is Kind.NAME
                else [c.state for c in self.cities]
            )
            order = sorted(rows, key=names.__getitem__, reverse=descending)
        else:
            keys = (
                column.values if column.kind is Kind.VALUE else [column.change(row) for row in rows]
            )
            present = [row for row in rows if keys[row] is not None]
            present.sort(key=keys.__getitem__, reverse=descending)  # type: ignore[arg-type]
            missing = [row for row in rows if keys[row] is None]
            if column.kind is Kind.VALUE and self.day is not None:
                missing.sort(
                    key=lambda row: self.state(row, column) is FigureState.NOT_YET_LAUNCHED
                )
            order = present + missing
        self._orders[key] = order
        return order

    # -- export ---------------------------------------------------------------------------
    def title(self) -> str:
        return f"All cities at {snapshot_text(self.day)}"


class _BaseLookup:
    def __init__(self, figures: dict[str, Figure]) -> None:
        self._figures = figures

    def __call__(self, city_id: str) -> Figure | None:
        return self._figures.get(city_id)


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
    metrics = [metric for metric in catalog.dataset.metrics if metric.group == "core"]
    extra = catalog.metric_by_id.get(chosen)
    if extra is not None and extra not in metrics:
        metrics.append(extra)
    return metrics


__all__ = ["LATEST", "CityTable", "Column", "Kind", "table_metrics"]

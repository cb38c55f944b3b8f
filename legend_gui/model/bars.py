"""The rows of a comparison chart (``Bar``) and the chart itself (``BarChart``): what the
screen, the image export, the chart CSV, the map and the table read. Built by ``model.chart``
(a snapshot's figures) and ``model.context_chart`` (a context metric's period counts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from legend_gui.model.captions import (
    CONTEXT_DISPUTE_KEY,
    DISPUTE_KEY,
    NO_POPULATIONS,
    legend_line,
    ordinal,
    source_line,
)
from legend_gui.model.chart_common import ChartSettings
from legend_gui.model.status import FigureState, OtherValue
from legend_gui.model.vocab import Qualifier

if TYPE_CHECKING:  # the window builds charts before the schema is imported
    from legend_gui.model.schema import ContextFigure, Figure, Source


@dataclass(frozen=True, slots=True)
class Bar:
    city_id: str
    label: str  # "Kansas City, MO"
    value: float | None  # None: a labelled gap, never a zero bar
    qualifier: Qualifier
    text: str  # as printed beside the bar: ">1,000", "15 (25 in other reports)", "not reported"
    selected: bool
    figure: Figure | ContextFigure | None  # a context chart's bars hold context figures
    source: Source | None
    missing_reason: str | None = None  # the gap's words: "not reported", "not yet launched ..."
    state: FigureState = FigureState.REPORTED
    rank: int | None = None  # 1 = largest; None for a gap
    extra: bool = False  # the selected city, added below the real top N (never swapped in)
    others: tuple[OtherValue, ...] = ()  # other reports' different values (disputed figure)
    low: float | None = None  # whisker: lowest and highest report, in plotted units
    high: float | None = None
    unit: str = ""
    day: date | None = None  # the figure's own date (under Latest, each city's differs)

    @property
    def exact(self) -> bool:
        return self.qualifier is Qualifier.EXACT

    @property
    def disputed(self) -> bool:
        return bool(self.others)

    @property
    def row_label(self) -> str:
        """The axis label: ``Memphis, TN (5th)`` for an extra row, else the name."""
        if self.extra and self.rank is not None:
            return f"{self.label} ({ordinal(self.rank)})"
        return self.label


@dataclass(frozen=True, slots=True)
class BarChart:
    settings: ChartSettings
    title: str
    subtitle: str
    bars: list[Bar]  # top N largest first, the extra selected row, then gaps
    notes: list[str]  # "Top 3 of 4 cities that reported a figure ...", population note
    sources: list[Source]
    qualifiers: list[Qualifier]  # non-exact qualifiers present, for the legend
    total_cities: int
    unit: str = ""  # the metric's unit ("per 100,000 residents" appended for rates)
    message: str = ""  # why there is nothing to draw, shown in the plot area
    dataset_title: str = ""
    attribution: str = ""  # "Data: <title>, <licence>." (export_options.build_chart)
    context: bool = False  # the bars are period counts (``model.context_chart``), no snapshot

    @property
    def plotted(self) -> list[Bar]:
        return [bar for bar in self.bars if bar.value is not None]

    @property
    def highlighted(self) -> Bar | None:
        return next((bar for bar in self.bars if bar.selected and bar.value is not None), None)

    def source_line(self) -> str:
        """Every source of the bars; none when rates cannot be computed at all (the figures
        were reported: "Sources: none" would say otherwise)."""
        return "" if self.message == NO_POPULATIONS else source_line(self.sources)

    def legend_line(self) -> str:
        lines = [legend_line(self.qualifiers)]
        highlighted = self.highlighted
        if highlighted is not None:
            lines.append(f"Highlighted: {highlighted.label}, the selected city.")
        if any(bar.disputed for bar in self.plotted):
            lines.append(CONTEXT_DISPUTE_KEY if self.context else DISPUTE_KEY)
        return " ".join(line for line in lines if line)

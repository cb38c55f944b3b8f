"""The Table view as an export: the table sorted by the chosen metric (largest first, gaps
last), with the title, subtitle, notes and source line every export carries. Pure Python:
``export --view table`` to CSV never loads Qt; the PNG/SVG painter reads the same rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from legend_gui.model.captions import source_line
from legend_gui.model.city_table import CityTable, Kind
from legend_gui.model.latest import LATEST_SUBTITLE, dates_caption, is_latest, snapshot_text

if TYPE_CHECKING:
    from legend_gui.model.chart import ChartSettings
    from legend_gui.model.queries import Catalog
    from legend_gui.model.schema import Source


@dataclass(frozen=True, slots=True)
class TableFigure:
    table: CityTable
    rows: list[int]  # the table's rows in the order shown: the chosen metric, largest first
    title: str
    subtitle: str
    notes: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    dataset_title: str = ""
    attribution: str = ""  # "Data: <title>, <licence>." (``export_options.build_chart``)

    @property
    def settings(self) -> ChartSettings:
        return self.table.settings

    def legend_line(self) -> str:
        return ""

    def source_line(self) -> str:
        return source_line(self.sources)


def chosen_caption(catalog: Catalog, metric_id: str, day: date | None) -> str | None:
    """What a table's caption says of the chosen metric: for a context metric, that its
    counts cover a period (the snapshot does not apply); under Latest, each city's date."""
    if catalog.is_context_metric(metric_id):
        label = catalog.metric_by_id[metric_id].label
        return f"{label}: counts for a period, not operation figures; the snapshot does not apply."
    return dates_caption(catalog.latest_days(metric_id)) if is_latest(day) else None


def table_figure(
    catalog: Catalog, settings: ChartSettings, compare: date | None = None
) -> TableFigure:
    table = CityTable(catalog, settings, compare)
    chosen = next(
        (
            index
            for index, column in enumerate(table.columns)
            if column.kind is Kind.VALUE and column.metric and column.metric.id == settings.metric
        ),
        0,
    )
    rows = table.order(chosen, True)
    seen: dict[str, Source] = {}
    for column in table.columns:
        if column.kind is Kind.VALUE:
            for figure in column.shown.values():
                if figure.source not in seen:
                    seen[figure.source] = catalog.source(figure.source)
    day = settings.snapshot
    notes = [table.compare_text(), "Not reported and not yet launched are not zero."]
    caption = chosen_caption(catalog, settings.metric, day)
    if caption:
        notes.insert(0, caption)
    if is_latest(day):
        subtitle = LATEST_SUBTITLE
    else:
        subtitle = f"As announced on {snapshot_text(day)}" if day else "No snapshot"
    rate = " per 100,000 residents" if settings.per_capita else ""
    return TableFigure(
        table,
        rows,
        f"Every city{rate}",
        subtitle,
        notes,
        list(seen.values()),
        catalog.dataset.title,
    )

"""The Table view as text: tab-separated for the clipboard (what is shown, with its header)
and CSV for ``export --view table`` (machine values: numbers, qualifier, state, date, unit,
change). Pure Python."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from legend_gui.model.chart_table import csv_number
from legend_gui.model.context import is_context_figure, period_iso
from legend_gui.model.formatting import QUALIFIER_MARKS, QUALIFIER_WORDS
from legend_gui.model.latest import snapshot_iso
from legend_gui.model.status import disputed_values

if TYPE_CHECKING:
    from legend_gui.model.city_table import CityTable


def _cell(text: str) -> str:
    """A value for a tab-separated line: no tab or line break may split it."""
    return " ".join(text.replace("\t", " ").split())


def copy_text(table: CityTable, rows: Sequence[int], cols: Sequence[int]) -> str:
    """The selected cells (``rows`` in the order shown) under their one-line headers, as
    tab-separated lines a spreadsheet pastes into cells."""
    header = "\t".join(_cell(table.columns[col].one_line_header) for col in cols)
    lines = [header]
    lines += ["\t".join(_cell(table.text(row, col)) for col in cols) for row in rows]
    return "\n".join(lines) + "\n"


def table_csv(
    table: CityTable, rows: Sequence[int] | None = None
) -> tuple[list[str], list[list[str]]]:
    """``(header, rows)`` of the table's CSV: per metric its value, unit, qualifier, status,
    other reports, date of the figure (each city's own under Latest; a context count's
    period as an ISO interval) and change (empty for a context count: it is no series)."""

    header = ["city_id", "city", "state"]
    metric_columns = [column for column in table.columns if column.kind.value == "value"]
    changes = {
        column.metric.id: column
        for column in table.columns
        if column.kind.value == "change" and column.metric is not None
    }
    for column in metric_columns:
        assert column.metric is not None
        m = column.metric.id
        header += [m, f"{m}_unit", f"{m}_qualifier", f"{m}_status", f"{m}_other_values"]
        header += [f"{m}_date", f"{m}_change", f"{m}_change_pct"]
    out: list[list[str]] = []
    unit_suffix = " per 100,000" if table.per_capita else ""
    day = table.day
    for row in rows if rows is not None else range(table.row_count):
        city = table.cities[row]
        line = [city.id, city.name, city.state]
        for column in metric_columns:
            assert column.metric is not None
            change_column = changes.get(column.metric.id)
            figure = table.figure(row, column)
            value = table.value(row, column)
            others = "; ".join(
                QUALIFIER_MARKS[o.qualifier] + csv_number(o.value) for o in disputed_values(figure)
            )
            if is_context_figure(figure):
                when = period_iso(figure.period)
            elif column.days is not None:
                when = snapshot_iso(column.days.get(city.id))
            else:
                when = snapshot_iso(day) if figure is not None else ""
            change = table.change(row, change_column) if change_column else None
            base = table.base_value(row, change_column) if change_column else None
            percent = change / base * 100 if change is not None and base else None
            line += [
                csv_number(value),
                column.metric.unit + unit_suffix,
                QUALIFIER_WORDS[figure.qualifier] if figure else "",
                table.state(row, column).value,
                others,
                when,
                csv_number(change),
                csv_number(round(percent, 2)) if percent is not None else "",
            ]
        out.append(line)
    return header, out

"""One metric per quantity: seizures reported in grams or pounds become kilograms.

The facts keep each page's unit in the metric id (``seized_heroin_g``, ``seized_fentanyl_lb``).
The dataset has one metric per drug in kg, so a view can compare Memphis's grams with
Indianapolis's pounds. The conversion is exact (decimal arithmetic, then the float nearest the
exact result), and the value as the page gave it stays in the figure's note.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from curation.row import Row

#: Kilograms per unit, exact by definition (the international pound is 0.45359237 kg).
KG_PER_UNIT: dict[str, Decimal] = {"g": Decimal("0.001"), "lb": Decimal("0.45359237")}


def unit_of(metric: str) -> str | None:
    """The mass unit named in a metric id (``seized_heroin_g_single_case`` → ``g``), if any."""
    units = [token for token in metric.split("_") if token in KG_PER_UNIT]
    return units[0] if units else None


def kg_metric(metric: str) -> str:
    """The kg metric of the same quantity: the unit token replaced by ``kg``."""
    return "_".join("kg" if token in KG_PER_UNIT else token for token in metric.split("_"))


def to_kg(value: int | float, unit: str) -> int | float:
    """``value`` in kg, exactly: a whole number stays an int, otherwise the nearest float."""
    kg = Decimal(str(value)) * KG_PER_UNIT[unit]
    return int(kg) if kg == kg.to_integral_value() else float(kg)


def as_reported(value: int | float, wording: str, unit: str) -> str:
    """``reported as more than 1,500 g``: the page's own number, framing and unit."""
    number = f"{value:,}" if isinstance(value, int) else f"{value:,}".rstrip("0").rstrip(".")
    framing = "" if wording == "exact" else f"{wording} "
    return f"reported as {framing}{number} {unit}"


def in_kg(row: Row, wording: str) -> Row:
    """The row on its kg metric, the page's figure kept in the note; other rows unchanged."""
    unit = unit_of(row.metric)
    if unit is None:
        return row
    reported = as_reported(row.value, wording, unit)
    note = f"{row.note}; {reported}" if row.note else reported
    return replace(row, metric=kg_metric(row.metric), value=to_kg(row.value, unit), note=note)

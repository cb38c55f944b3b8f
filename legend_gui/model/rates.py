"""Per-capita rates, computed in one place for the catalog, the charts and every export.

Free of pydantic, so the window's light modules (``model.chart``) can use it before validation.
"""

from __future__ import annotations

PER_CAPITA_BASE = 100_000


def rate_per_100k(value: float | None, population: int | None) -> float | None:
    """Value per 100,000 residents; ``None`` (not available, never 0) without a population."""
    if value is None or not population:
        return None
    return value * PER_CAPITA_BASE / population

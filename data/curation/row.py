"""The record every step passes on: one sourced number of the facts."""

from __future__ import annotations

import re
from dataclasses import dataclass

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Row:
    """One sourced number of the facts, its qualifier normalised and its unit the metric's."""

    line: int
    snapshot: str
    scope: str
    city: str  # "" for national
    metric: str
    value: int | float
    qualifier: str
    url: str
    publisher: str
    published: str  # "" when the page shows no (full) date
    note: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.snapshot, self.scope, self.city, self.metric)

"""Reading the facts: the figures CSV as checked rows, the cities CSV as plain rows."""

from __future__ import annotations

import csv
import re
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path

from curation.errors import CurationError

FIGURES_CSV = "operation_legend_figures.csv"
CITIES_CSV = "operation_legend_cities.csv"
NOT_FOUND = "not_found"

#: The researchers kept each source's own wording; the app knows five framings.
QUALIFIERS: dict[str, str] = {
    "exact": "exact",
    "more than": "more_than",
    "over": "more_than",
    "at least": "at_least",
    "approximately": "approximately",
    "about": "approximately",
    "roughly": "approximately",
    "around": "approximately",
    "some": "approximately",
    "close to": "approximately",
    "nearly": "nearly",
    "almost": "nearly",
}

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Row:
    """One sourced number of the facts, with its qualifier already normalised."""

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


def parse_value(text: str, where: str) -> int | float:
    """Whole numbers stay integers in the JSON; only "1.2"-style decimals become floats."""
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+\.\d+", text):
        return float(text)
    raise CurationError(f"{where}: value {text!r} is not a plain number")


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise CurationError(f"{path}: not found (use --facts DIR)")
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def read_figure_rows(path: Path, metrics: Container[str]) -> tuple[list[Row], list[dict[str, str]]]:
    """The sourced rows and the ``not_found`` rows of the figures CSV, checked as they are read."""
    sourced: list[Row] = []
    not_found: list[dict[str, str]] = []
    for number, raw in enumerate(read_csv(path), start=2):
        where = f"{path.name}:{number}"
        if raw["qualifier"] == NOT_FOUND:
            if raw["value"].strip():
                raise CurationError(f"{where}: a not_found row carries a value")
            not_found.append(raw)
            continue
        qualifier = QUALIFIERS.get(raw["qualifier"].strip())
        if qualifier is None:
            raise CurationError(f"{where}: unknown qualifier {raw['qualifier']!r}")
        if raw["metric"] not in metrics:
            raise CurationError(f"{where}: metric {raw['metric']!r} has no definition here")
        if raw["scope"] not in ("city", "national"):
            raise CurationError(f"{where}: unknown scope {raw['scope']!r}")
        if (raw["scope"] == "city") != bool(raw["city"]):
            raise CurationError(f"{where}: scope {raw['scope']!r} does not fit city")
        if not raw["source_url"].startswith(("http://", "https://")):
            raise CurationError(f"{where}: a sourced row needs an http(s) source_url")
        sourced.append(
            Row(
                line=number,
                snapshot=raw["snapshot_date"],
                scope=raw["scope"],
                city=raw["city"],
                metric=raw["metric"],
                value=parse_value(raw["value"].strip(), where),
                qualifier=qualifier,
                url=raw["source_url"].strip(),
                publisher=raw["publisher"].strip(),
                published=raw["published_date"].strip(),
                note=raw["notes"].strip(),
            )
        )
    return sourced, not_found

"""Reading the facts: the figures CSV as checked rows, the cities CSV as plain rows."""

from __future__ import annotations

import csv
import re
from collections.abc import Container
from pathlib import Path

from curation.errors import CurationError
from curation.row import Row
from curation.units import in_kg

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


#: A note saying the page printed the number bare while the body it quotes framed it ("Tribune
#: gives 25 without a qualifier (USAO: more than 25)", "WRTV omits the nearly qualifier"): the
#: row keeps the page's framing, and ranks after rows that kept the original one.
DROPPED_QUALIFIER = re.compile(r"without a qualifier|\bomits the \w+ qualifier", re.IGNORECASE)
_FRAMING_WORDS = sorted((word for word in QUALIFIERS if word != "exact"), key=len, reverse=True)


def framing_in_note(note: str, value_text: str) -> str | None:
    """The framing word a note gives the row's own number ("UrduPoint says some 568"), if any.

    Only a framing word directly before the row's value counts, so a note quoting another
    figure ("DOJ: nearly 5,500") says nothing about this row; nor does a note saying the page
    dropped the framing its source used.
    """
    if DROPPED_QUALIFIER.search(note):
        return None
    numbers = {value_text}
    if value_text.isdigit():
        numbers.add(f"{int(value_text):,}")
    words = "|".join(re.escape(word) for word in _FRAMING_WORDS)
    spelled = "|".join(re.escape(number) for number in sorted(numbers, key=len, reverse=True))
    match = re.search(rf"\b({words})\s+\$?({spelled})(?![\d.,]*\d)", note, re.IGNORECASE)
    return match.group(1).lower() if match else None


def read_figure_rows(path: Path, metrics: Container[str]) -> tuple[list[Row], list[dict[str, str]]]:
    """The sourced rows and the ``not_found`` rows of the figures CSV, checked as they are read.

    Each row's qualifier is the framing its note gives the number, else the qualifier column's;
    a mass in g or lb is converted to the kg metric (see ``units``).
    """
    sourced: list[Row] = []
    not_found: list[dict[str, str]] = []
    for number, raw in enumerate(read_csv(path), start=2):
        where = f"{path.name}:{number}"
        if raw["qualifier"] == NOT_FOUND:
            if raw["value"].strip():
                raise CurationError(f"{where}: a not_found row carries a value")
            not_found.append(raw)
            continue
        if raw["qualifier"].strip() not in QUALIFIERS:
            raise CurationError(f"{where}: unknown qualifier {raw['qualifier']!r}")
        if raw["scope"] not in ("city", "national"):
            raise CurationError(f"{where}: unknown scope {raw['scope']!r}")
        if (raw["scope"] == "city") != bool(raw["city"]):
            raise CurationError(f"{where}: scope {raw['scope']!r} does not fit city")
        if not raw["source_url"].startswith(("http://", "https://")):
            raise CurationError(f"{where}: a sourced row needs an http(s) source_url")
        value_text, note = raw["value"].strip(), raw["notes"].strip()
        wording = framing_in_note(note, value_text) or raw["qualifier"].strip()
        row = Row(
            line=number,
            snapshot=raw["snapshot_date"],
            scope=raw["scope"],
            city=raw["city"],
            metric=raw["metric"],
            value=parse_value(value_text, where),
            qualifier=QUALIFIERS[wording],
            url=raw["source_url"].strip(),
            publisher=raw["publisher"].strip(),
            published=raw["published_date"].strip(),
            note=note,
        )
        row = in_kg(row, wording)
        if row.metric not in metrics:
            raise CurationError(f"{where}: metric {row.metric!r} has no definition here")
        sourced.append(row)
    return sourced, not_found

"""``export --all`` carries every sourced row of the researched facts: its own source, its
role (primary, corroborating or alternate) and its note verbatim (issue 11, DESIGN §4).

Needs ``../shared/facts``; skipped where that folder is absent. No Qt.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from test_bundled_dataset import BUNDLED, FIGURES_CSV, _filed_key, _need_facts, _read, _value_in_kg

from legend_gui.model import Catalog, load_dataset
from legend_gui.model.csvdata import long_csv_bytes

#: What the curation may add after a row's own note (data/README.md, rules 3 and 5).
ADDITIONS = ("given on ", "reported as ")


@pytest.fixture(scope="module")
def exported_all() -> list[dict[str, str]]:
    catalog = Catalog(load_dataset(BUNDLED), str(BUNDLED))
    data, count = long_csv_bytes(catalog)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert len(rows) == count
    return rows


@pytest.fixture(scope="module")
def exported(exported_all: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows of the announced figures (the context counts follow them, with a period)."""
    return [row for row in exported_all if not row["period"]]


def test_every_context_fact_row_is_an_export_row(exported_all: list[dict[str, str]]) -> None:
    _need_facts()
    context = [row for row in exported_all if row["period"]]
    facts = _read(FIGURES_CSV.parent / "city_homicides_context.csv")
    assert len(context) == len(facts)
    assert {row["source_url"] for row in context} == {row["source_url"] for row in facts}
    assert all(row["definition"] and not row["snapshot_date"] for row in context)


def test_every_sourced_fact_row_is_an_export_row_with_its_note(
    exported: list[dict[str, str]],
) -> None:
    _need_facts()
    facts = [row for row in _read(FIGURES_CSV) if row["qualifier"] != "not_found"]
    catalog = Catalog(load_dataset(BUNDLED), str(BUNDLED))
    names = {city.id: city.name for city in catalog.cities}
    city_ids = {city.name: city.id for city in catalog.cities}
    unused = Counter(
        (r["snapshot_date"], r["city"], r["metric"], float(r["value"]), r["source_url"], r["note"])
        for r in exported
    )
    missing = []
    for line, fact in enumerate(_read(FIGURES_CSV), start=2):
        if fact["qualifier"] == "not_found":
            continue
        day, city, metric = _filed_key(fact, city_ids)
        where = (day.isoformat(), names[city] if city else "", metric)
        value, url, note = float(_value_in_kg(fact)), fact["source_url"], fact["notes"].strip()
        candidates = [
            key
            for key in unused
            if key[:5] == (*where, value, url)
            and (key[5] == note or (key[5].startswith(note) and _added(key[5][len(note) :])))
            and unused[key] > 0
        ]
        if not candidates:
            missing.append(f"line {line}: {where} {value} {url} note={note!r}")
            continue
        unused[candidates[0]] -= 1
    assert not missing, "facts rows missing from export --all:\n" + "\n".join(missing)
    assert len(exported) == len(facts)
    assert not +unused  # and no export row that is not a facts row


def _added(tail: str) -> bool:
    """The text after a row's own note: only the curation's documented additions."""
    tail = tail.lstrip(" ;,.(").lower()
    return tail.startswith(ADDITIONS)


def test_the_roles_and_the_counts(exported: list[dict[str, str]]) -> None:
    roles = Counter(row["role"] for row in exported)
    assert roles == {"primary": 378, "corroborating": 256, "alternate": 84}
    assert all(row["unit"] for row in exported)
    notes = {row["note"] for row in exported if row["role"] == "corroborating"}
    # notes that appeared nowhere before format 2 (issue 11, point 7)
    assert any("CONFLICT with KMOV (25 charged)" in note for note in notes)

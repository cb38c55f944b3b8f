"""The Table view's model: every city x the core metrics, changes, sorting with gaps last,
the clipboard text and the CSV (no Qt)."""

from __future__ import annotations

from datetime import date

from helpers import valid_dataset

from legend_gui.model import Catalog
from legend_gui.model.chart import ChartSettings
from legend_gui.model.city_table import CityTable, Kind
from legend_gui.model.city_table_text import copy_text, table_csv
from legend_gui.model.latest import LATEST
from legend_gui.model.validation import validate_dataset

FINAL = date(2020, 12, 23)
FIRST = date(2020, 8, 19)


def _catalog() -> Catalog:
    data = valid_dataset()
    # a city launched after the first snapshot: "not yet launched" there, not "not reported"
    data["cities"].append(
        {"id": "memphis-tn", "name": "Memphis", "state": "TN", "launch_date": "2020-09-01"}
    )
    return Catalog(validate_dataset(data))


def _column(table: CityTable, metric: str, kind: Kind = Kind.VALUE) -> int:
    return next(
        i
        for i, c in enumerate(table.columns)
        if c.metric is not None and c.metric.id == metric and c.kind is kind
    )


def test_rows_are_cities_and_columns_the_core_metrics_with_units() -> None:
    catalog = _catalog()
    table = CityTable(catalog, ChartSettings("drugs_seized_kg", FINAL))
    assert table.row_count == len(catalog.cities)
    metrics = [c.metric.id for c in table.columns if c.metric and c.kind is Kind.VALUE]
    # the data's core group, then the chosen metric (not core)
    assert metrics == [
        "federal_defendants_charged",
        "arrests_total",
        "homicide_arrests",
        "firearms_seized",
        "drugs_seized_kg",
    ]
    headers = [c.one_line_header for c in table.columns]
    assert "Arrests (arrests)" in headers
    assert "Drugs seized (kg)" in headers
    assert "Arrests: change" in headers


def test_cells_keep_qualifiers_disputes_and_the_three_states() -> None:
    catalog = _catalog()
    table = CityTable(catalog, ChartSettings("arrests_total", FIRST))
    arrests = _column(table, "arrests_total")
    charged = _column(table, "federal_defendants_charged")
    rows = {city.id: i for i, city in enumerate(catalog.cities)}
    assert table.text(rows["detroit-mi"], arrests) == "≈150"
    assert table.text(rows["kansas-city-mo"], charged) == "100 (~95 in other reports)"
    assert table.text(rows["albuquerque-nm"], arrests) == "not reported"
    assert table.text(rows["memphis-tn"], arrests).startswith("not yet launched")


def test_changes_since_the_previous_figure_or_a_chosen_date() -> None:
    catalog = _catalog()
    rows = {city.id: i for i, city in enumerate(catalog.cities)}
    table = CityTable(catalog, ChartSettings("arrests_total", FINAL))
    change = _column(table, "arrests_total", Kind.CHANGE)
    assert table.text(rows["kansas-city-mo"], change) == "+260 (+86.7 %)"
    assert table.text(rows["detroit-mi"], change) == "≈+80 (+53.3 %)"  # from ≈150: rough
    assert table.text(rows["albuquerque-nm"], change) == ""  # no earlier figure: no change
    chosen = CityTable(catalog, ChartSettings("arrests_total", FINAL), compare=FIRST)
    assert chosen.text(rows["kansas-city-mo"], change) == "+260 (+86.7 %)"
    same = CityTable(catalog, ChartSettings("arrests_total", FINAL), compare=FINAL)
    assert same.text(rows["kansas-city-mo"], change) == "±0 (±0.0 %)"


def test_sorting_puts_gaps_last_both_ways() -> None:
    catalog = _catalog()
    table = CityTable(catalog, ChartSettings("arrests_total", FIRST))
    arrests = _column(table, "arrests_total")
    ids = [catalog.cities[row].id for row in table.order(arrests, False)]
    assert ids == [
        "st-louis-mo",
        "detroit-mi",
        "chicago-il",
        "kansas-city-mo",
        "albuquerque-nm",  # not reported
        "memphis-tn",  # not yet launched
    ]
    ids = [catalog.cities[row].id for row in table.order(arrests, True)]
    assert ids[:4] == ["kansas-city-mo", "chicago-il", "detroit-mi", "st-louis-mo"]
    assert ids[4:] == ["albuquerque-nm", "memphis-tn"]
    names = [catalog.cities[row].name for row in table.order(0, False)]
    assert names == sorted(names, key=str.casefold)


def test_latest_rows_carry_their_own_dates() -> None:
    data = valid_dataset()
    final = data["snapshots"][1]["figures"]
    data["snapshots"][1]["figures"] = [
        f for f in final if not (f.get("city") == "detroit-mi" and f["metric"] == "arrests_total")
    ]
    catalog = Catalog(validate_dataset(data))
    table = CityTable(catalog, ChartSettings("arrests_total", LATEST))
    rows = {city.id: i for i, city in enumerate(catalog.cities)}
    arrests = _column(table, "arrests_total")
    assert table.text(rows["detroit-mi"], arrests) == "≈150 · 19 Aug 2020"
    assert table.text(rows["chicago-il"], arrests) == "2,000 · 23 Dec 2020"
    header, lines = table_csv(table)
    by_city = {line[0]: dict(zip(header, line, strict=True)) for line in lines}
    assert by_city["detroit-mi"]["arrests_total_date"] == "2020-08-19"
    assert by_city["chicago-il"]["arrests_total_date"] == "2020-12-23"
    assert by_city["detroit-mi"]["arrests_total"] == "150"
    assert by_city["detroit-mi"]["arrests_total_qualifier"] == "approximately"


def test_copy_text_and_csv() -> None:
    catalog = _catalog()
    table = CityTable(catalog, ChartSettings("arrests_total", FIRST))
    rows = {city.id: i for i, city in enumerate(catalog.cities)}
    arrests = _column(table, "arrests_total")
    text = copy_text(table, [rows["detroit-mi"], rows["memphis-tn"]], [0, arrests])
    lines = text.splitlines()
    assert lines[0] == "City\tArrests (arrests)"
    assert lines[1] == "Detroit\t≈150"
    assert lines[2].startswith("Memphis\tnot yet launched")
    header, body = table_csv(table)
    assert header[:3] == ["city_id", "city", "state"]
    by_city = {line[0]: dict(zip(header, line, strict=True)) for line in body}
    assert by_city["albuquerque-nm"]["arrests_total"] == ""  # not reported is never 0
    assert by_city["albuquerque-nm"]["arrests_total_status"] == "not reported"
    assert by_city["memphis-tn"]["arrests_total_status"] == "not yet launched"
    assert by_city["kansas-city-mo"]["federal_defendants_charged_other_values"] == "~95"
    assert by_city["kansas-city-mo"]["arrests_total_unit"] == "arrests"

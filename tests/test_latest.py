"""Latest: the virtual snapshot of each city's most recent reported figure, each dated."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helpers import valid_dataset

from legend_gui.model import Catalog
from legend_gui.model.latest import LATEST, dates_caption, parse_snapshot, snapshot_iso
from legend_gui.model.validation import validate_dataset


def _mixed_dates() -> Catalog:
    """The small dataset with Detroit's final arrests figure removed: its latest is August's."""
    data = valid_dataset()
    final = data["snapshots"][1]["figures"]
    data["snapshots"][1]["figures"] = [
        f for f in final if not (f.get("city") == "detroit-mi" and f["metric"] == "arrests_total")
    ]
    return Catalog(validate_dataset(data))


def test_latest_picks_each_citys_latest_date() -> None:
    catalog = _mixed_dates()
    days = catalog.latest_days("arrests_total")
    assert days["detroit-mi"] == date(2020, 8, 19)
    assert days["kansas-city-mo"] == date(2020, 12, 23)
    assert days["albuquerque-nm"] == date(2020, 12, 23)  # reported only in the final snapshot
    detroit = catalog.figure(LATEST, "detroit-mi", "arrests_total")
    assert detroit is not None
    assert detroit.value == 150
    kansas_city = catalog.figure(LATEST, "kansas-city-mo", "arrests_total")
    assert kansas_city is not None
    assert kansas_city.value == 560
    # a city that never reported a metric is not reported in Latest either, never 0
    assert catalog.figure(LATEST, "st-louis-mo", "homicide_arrests") is None
    assert catalog.figure_day(LATEST, "detroit-mi", "arrests_total") == date(2020, 8, 19)


def test_latest_ranks_like_a_snapshot_and_leaves_warnings_alone() -> None:
    catalog = _mixed_dates()
    warnings_before = [w.message for w in catalog.warnings]
    board = catalog.top("arrests_total", LATEST, False, 3)
    assert board.leaders == ["chicago-il", "kansas-city-mo", "albuquerque-nm"]
    assert board.reported == 5
    # the virtual snapshot is no real one: no new snapshot, no new warnings
    assert LATEST not in catalog.snapshot_dates
    fresh = _mixed_dates()
    fresh.top("arrests_total", LATEST, False, 3)
    assert [w.message for w in fresh.warnings] == warnings_before


def test_latest_on_the_bundled_data(catalog: Catalog) -> None:
    """The final-results snapshot covers only some cities; Latest gives every city that ever
    reported a figure its own most recent one."""
    metric = "federal_defendants_charged"
    days = catalog.latest_days(metric)
    assert len(days) == len(catalog.cities)
    for city in catalog.cities:
        reported = [d for d in catalog.snapshot_dates if catalog.figure(d, city.id, metric)]
        assert days[city.id] == max(reported)
        assert catalog.figure(LATEST, city.id, metric) is catalog.figure(
            max(reported), city.id, metric
        )
    assert len(set(days.values())) > 1
    assert "dates differ" in dates_caption(days)


def test_parse_and_write_latest(tmp_path: Path) -> None:
    assert parse_snapshot("latest") == LATEST
    assert parse_snapshot("Latest") == LATEST
    assert parse_snapshot("2020-10-14") == date(2020, 10, 14)
    assert snapshot_iso(LATEST) == "latest"
    assert snapshot_iso(date(2020, 10, 14)) == "2020-10-14"

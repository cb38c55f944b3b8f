"""Which choices carry over to another data file (model/choices.py): pure Python, no Qt."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helpers import three_city_copy

from legend_gui.model import Catalog, load_dataset
from legend_gui.model.chart import ChartSettings
from legend_gui.model.choices import fit_choices


def test_choices_the_data_has_carry_over(catalog: Catalog) -> None:
    wanted = ChartSettings(
        "arrests_total", date(2020, 9, 9), per_capita=True, view="timeline", top=4
    )
    settings, city = fit_choices(catalog, wanted, "memphis-tn")
    assert settings == wanted.with_(city="memphis-tn")
    assert city == "memphis-tn"


def test_choices_the_data_lacks_fall_back_to_its_defaults(catalog: Catalog) -> None:
    wanted = ChartSettings("no_such_metric", date(1999, 1, 1), per_capita=True, top=7)
    settings, city = fit_choices(catalog, wanted, "gotham-nj")
    metric = catalog.default_metric()
    assert settings == ChartSettings(
        metric, catalog.default_snapshot(metric), per_capita=True, city=None, top=7
    )
    assert city is None


def test_a_national_only_metric_does_not_carry_over(catalog: Catalog) -> None:
    """The Metric box offers only metrics with city figures: the chart must show one of them."""
    offered = {m.id for m in catalog.chart_metrics}
    national_only = next(m for m in catalog.metric_by_id if m not in offered)
    settings, _city = fit_choices(catalog, ChartSettings(national_only, None), None)
    assert settings.metric == catalog.default_metric()


def test_a_kept_metric_without_the_snapshot_takes_that_metrics_default_day(
    catalog: Catalog, bundled_path: Path, tmp_path: Path
) -> None:
    kept = next(m.id for m in catalog.chart_metrics if m.id != catalog.default_metric())
    settings, city = fit_choices(catalog, ChartSettings(kept, date(1999, 1, 1)), None)
    assert settings.metric == kept
    assert settings.snapshot == catalog.default_snapshot(kept)
    assert city is None

    smaller_path = three_city_copy(bundled_path, tmp_path)
    smaller = Catalog(load_dataset(smaller_path), str(smaller_path))
    gone = next(c.id for c in catalog.cities if c.id not in smaller.city_by_id)
    kept_city = smaller.cities[0].id
    assert fit_choices(smaller, settings, gone)[1] is None
    assert fit_choices(smaller, settings, kept_city)[1] == kept_city

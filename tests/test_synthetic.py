"""The synthetic dataset generator (benchmarks/synthetic.py) writes files the app accepts.

The scale benchmarks and the 100,000-city goals (DESIGN.md §5) are measured on its output, so
it must stay valid, deterministic (comparable timings) and exercise what real data has: gaps,
non-exact figures, cities without population, alternates. Small N only: these tests are fast.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from legend_gui.model.loading import load_dataset, parse_dataset
from legend_gui.model.queries import Catalog
from legend_gui.model.schema import Dataset, Qualifier, Scope
from tests.helpers import synthetic as synthetic_module

N = 200


synthetic = synthetic_module()


def _bytes(data: dict[str, Any]) -> bytes:
    return json.dumps(data, separators=(",", ":")).encode("utf-8")


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return synthetic.make_dataset(N)


@pytest.fixture(scope="module")
def dataset(raw: dict[str, Any]) -> Dataset:
    return parse_dataset(_bytes(raw), "synthetic")


def test_the_generated_dataset_validates(dataset: Dataset) -> None:
    assert len(dataset.cities) == N
    assert len(dataset.snapshots) >= 2
    assert {m.id for m in dataset.metrics} >= {"arrests_total", "firearms_seized"}


def test_same_n_gives_the_same_bytes_and_another_n_does_not() -> None:
    assert _bytes(synthetic.make_dataset(N)) == _bytes(synthetic.make_dataset(N))
    assert synthetic.dumps(synthetic.make_dataset(N)) == _bytes(synthetic.make_dataset(N))
    assert _bytes(synthetic.make_dataset(N + 1)) != _bytes(synthetic.make_dataset(N))


def test_city_ids_and_names_are_unique_and_plausible(dataset: Dataset) -> None:
    ids = [city.id for city in dataset.cities]
    names = [city.name for city in dataset.cities]
    assert len(set(ids)) == len(ids)
    assert len(set(names)) == len(names)
    for city in dataset.cities:
        assert city.state in synthetic.STATES
        assert city.id.endswith("-" + city.state.lower())
        assert date(2020, 7, 1) <= city.launch_date <= date(2020, 8, 31)


def test_some_cities_have_no_population_and_a_few_a_location(dataset: Dataset) -> None:
    without = [city for city in dataset.cities if city.population is None]
    assert 0 < len(without) < N // 10
    assert any("location" in city for city in synthetic.make_dataset(1_000)["cities"])


def test_some_figures_are_not_exact_and_some_have_alternates(dataset: Dataset) -> None:
    figures = [f for snapshot in dataset.snapshots for f in snapshot.figures]
    city_figures = [f for f in figures if f.scope is Scope.CITY]
    inexact = [f for f in city_figures if f.qualifier is not Qualifier.EXACT]
    assert 0.03 < len(inexact) / len(city_figures) < 0.2
    assert {f.qualifier for f in inexact} <= {
        Qualifier.MORE_THAN,
        Qualifier.APPROXIMATELY,
        Qualifier.NEARLY,
    }
    assert any(f.alternates for f in city_figures)
    assert all(f.qualifier is Qualifier.EXACT for f in figures if f.scope is Scope.NATIONAL)


def test_some_figures_are_not_reported(dataset: Dataset) -> None:
    catalog = Catalog(dataset)
    _snapshots, metrics = synthetic.plan(N)
    kept = [synthetic.METRICS[i]["id"] for i in synthetic._KEPT_METRICS[:metrics]]
    expected = missing = 0
    for city in dataset.cities:
        for day in catalog.snapshot_dates:
            if day < city.launch_date:
                continue
            for metric in kept:
                expected += 1
                missing += catalog.figure(day, city.id, metric) is None
    assert expected > 0
    assert 0.03 < missing / expected < 0.2


def test_national_figures_cover_the_cities_and_nothing_goes_down(dataset: Dataset) -> None:
    catalog = Catalog(dataset)
    assert catalog.warnings == []
    for day in catalog.snapshot_dates:
        for metric in dataset.metrics:
            assert catalog.figure(day, None, metric.id) is not None


def test_large_n_uses_a_smaller_plan_but_keeps_two_snapshots_and_two_metrics() -> None:
    assert synthetic.plan(N) == (4, 4)
    assert synthetic.plan(100_000) == (2, 2)
    snapshots, metrics = synthetic.plan(10**9)
    assert snapshots >= 2
    assert metrics >= 2


def test_a_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        synthetic.make_dataset(-1)


def test_the_command_writes_a_loadable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "synthetic.json"
    assert synthetic.main(["--cities", "50", "-o", str(output)]) == 0
    assert output.read_bytes() == _bytes(synthetic.make_dataset(50))
    assert [p.name for p in tmp_path.iterdir()] == ["synthetic.json"]  # no temporary file left
    assert len(load_dataset(output).cities) == 50
    out = capsys.readouterr().out
    assert "50 cities" in out
    assert "validated" in out


def test_the_command_can_skip_validation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out.json"
    assert synthetic.main(["--cities", "3", "--output", str(output), "--no-validate"]) == 0
    assert output.is_file()
    assert "validated" not in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--cities", "10"],
        ["-o", "x.json"],
        ["--cities", "0", "-o", "x.json"],
        ["--cities", "many", "-o", "x.json"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        synthetic.main(argv)
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_an_unwritable_output_fails_with_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "missing-folder" / "out.json"
    assert synthetic.main(["--cities", "3", "-o", str(output)]) == 1
    assert "cannot write" in capsys.readouterr().err

"""The bundled dataset: it loads, it says what the researched facts say, and it is reproducible.

These tests need no Qt. The ones that compare against the facts read ``../shared/facts`` (next
to the repository) and are skipped only when that folder is absent, e.g. in a copy of the
repository made without it.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from legend_gui.model import Catalog, Dataset, Qualifier, Scope, load_dataset
from legend_gui.model.schema import Figure

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data" / "operation_legend.json"
CURATE = REPO / "data" / "curate.py"
FACTS = Path(__file__).resolve().parents[2] / "shared" / "facts"
FIGURES_CSV = FACTS / "operation_legend_figures.csv"
CITIES_CSV = FACTS / "operation_legend_cities.csv"
CONTEXT_CSV = FACTS / "city_homicides_context.csv"

#: The wordings of the facts and the framing each stands for (written out again here, not
#: imported from curate.py, so the test checks the script instead of repeating it).
QUALIFIER_WORDS = {
    "exact": Qualifier.EXACT,
    "more than": Qualifier.MORE_THAN,
    "over": Qualifier.MORE_THAN,
    "at least": Qualifier.AT_LEAST,
    "approximately": Qualifier.APPROXIMATELY,
    "about": Qualifier.APPROXIMATELY,
    "roughly": Qualifier.APPROXIMATELY,
    "around": Qualifier.APPROXIMATELY,
    "some": Qualifier.APPROXIMATELY,
    "close to": Qualifier.APPROXIMATELY,
    "nearly": Qualifier.NEARLY,
    "almost": Qualifier.NEARLY,
}

#: Kilograms per unit of the masses the facts report in other units (exact by definition).
KG_PER_UNIT = {"g": Decimal("0.001"), "lb": Decimal("0.45359237")}
#: The seven dates on which DOJ published national figures (SOURCES.md, "Conventions"). A
#: national row dated on another day repeats the release before it and is filed under it.
DOJ_RELEASES = tuple(
    date.fromisoformat(day)
    for day in (
        "2020-08-19",
        "2020-09-03",
        "2020-09-09",
        "2020-09-22",
        "2020-10-14",
        "2020-10-21",
        "2020-12-23",
    )
)

FigureKey = tuple[date, str | None, str]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(BUNDLED)


@pytest.fixture(scope="module")
def catalog(dataset: Dataset) -> Catalog:
    return Catalog(dataset, str(BUNDLED))


def _need_facts() -> None:
    if not FACTS.is_dir():
        pytest.skip(f"the researched facts are not here ({FACTS}); nothing to compare against")


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="module")
def fact_rows() -> list[dict[str, str]]:
    _need_facts()
    return _read(FIGURES_CSV)


@pytest.fixture(scope="module")
def context_rows() -> list[dict[str, str]]:
    _need_facts()
    return _read(CONTEXT_CSV)


@pytest.fixture(scope="module")
def city_ids_by_name(dataset: Dataset) -> dict[str, str]:
    return {city.name: city.id for city in dataset.cities}


def _key(row: dict[str, str], city_ids: dict[str, str]) -> FigureKey:
    city = city_ids[row["city"]] if row["scope"] == "city" else None
    return (date.fromisoformat(row["snapshot_date"]), city, row["metric"])


def _unit(metric: str) -> str | None:
    """``g`` or ``lb`` when the facts' metric id names that unit (``seized_heroin_g``)."""
    units = [token for token in metric.split("_") if token in KG_PER_UNIT]
    return units[0] if units else None


def _kg_metric(metric: str) -> str:
    return "_".join("kg" if token in KG_PER_UNIT else token for token in metric.split("_"))


def _filed_key(row: dict[str, str], city_ids: dict[str, str]) -> FigureKey:
    """Where the dataset files a row: masses on the kg metric, national rows under a release."""
    day, city, metric = _key(row, city_ids)
    if city is None and day not in DOJ_RELEASES:
        day = max((release for release in DOJ_RELEASES if release <= day), default=day)
    return (day, city, _kg_metric(metric))


def _value(text: str) -> int | float:
    return int(text) if text.isdigit() else float(text)


def _value_in_kg(row: dict[str, str]) -> int | float:
    """The row's value on its dataset metric: masses in g or lb exactly in kg."""
    unit = _unit(row["metric"])
    if unit is None:
        return _value(row["value"])
    return float(Decimal(row["value"]) * KG_PER_UNIT[unit])


def _qualifiers(row: dict[str, str]) -> set[Qualifier]:
    """The row's framing, or the one its note gives the row's own number ("says some 568")."""
    framings = {QUALIFIER_WORDS[row["qualifier"]]}
    numbers = {row["value"], f"{int(row['value']):,}"} if row["value"].isdigit() else {row["value"]}
    for word, qualifier in QUALIFIER_WORDS.items():
        for number in numbers:
            if re.search(rf"\b{word} {re.escape(number)}\b", row["notes"], re.IGNORECASE):
                framings.add(qualifier)
    return framings


def _figure(catalog: Catalog, day: str, city: str | None, metric: str) -> Figure:
    figure = catalog.figure(date.fromisoformat(day), city, metric)
    assert figure is not None, f"no {metric} figure for {city or 'national'} on {day}"
    return figure


def _alternates(figure: Figure) -> set[tuple[float, Qualifier]]:
    return {(alternate.value, alternate.qualifier) for alternate in figure.alternates}


# -- (a) it loads ----------------------------------------------------------------------------


def test_bundled_file_loads(dataset: Dataset) -> None:
    assert dataset.schema_version == 2
    assert dataset.title.startswith("Operation Legend")
    assert dataset.snapshots
    assert dataset.sources
    assert dataset.metrics


def test_bundled_file_is_plain_utf8_json_with_final_newline() -> None:
    data = BUNDLED.read_bytes()
    assert data.endswith(b"}\n")
    data.decode("utf-8")  # raises if not UTF-8


# -- (b) every sourced fact is in the dataset ------------------------------------------------


def test_every_sourced_row_is_represented(
    catalog: Catalog, fact_rows: list[dict[str, str]], city_ids_by_name: dict[str, str]
) -> None:
    launches = {city.id: city.launch_date for city in catalog.cities}
    source_by_url = {source.url: source.id for source in catalog.dataset.sources}
    missing: list[str] = []
    for line, row in enumerate(fact_rows, start=2):
        if row["qualifier"] == "not_found":
            continue
        key = _filed_key(row, city_ids_by_name)
        day, city, metric = key
        figure = catalog.figure(day, city, metric)
        if city is not None and day < launches[city]:
            # the curation rule: a figure before the city's launch is left out (README)
            assert figure is None, f"line {line}: a figure dated before {city}'s launch"
            continue
        value = _value_in_kg(row)
        source = source_by_url.get(row["source_url"])
        if figure is None or source is None:
            missing.append(f"line {line}: {key} from {row['source_url']}")
            continue
        reports = {(figure.value, figure.qualifier, figure.source)}
        reports |= {
            (figure.value, figure.qualifier, other.source) for other in figure.corroborated_by
        }
        reports |= {(alt.value, alt.qualifier, alt.source) for alt in figure.alternates}
        if not any((value, qualifier, source) in reports for qualifier in _qualifiers(row)):
            missing.append(f"line {line}: {key} = {value} {row['qualifier']} from {source}")
    assert not missing, "sourced facts missing from the dataset:\n" + "\n".join(missing)


def test_sources_are_one_per_url_and_all_used(
    dataset: Dataset, fact_rows: list[dict[str, str]], context_rows: list[dict[str, str]]
) -> None:
    urls = {row["source_url"] for row in fact_rows if row["qualifier"] != "not_found"}
    urls |= {row["source_url"] for row in context_rows}
    news = [source for source in dataset.sources if source.kind != "reference"]
    assert len({source.url for source in news}) == len(news)
    assert {source.url for source in news} == urls
    cited = set()
    for snapshot in dataset.snapshots:
        for figure in snapshot.figures:
            cited.add(figure.source)
            cited.update(other.source for other in figure.corroborated_by)
            cited.update(alternate.source for alternate in figure.alternates)
    cited.update(city.population.source for city in dataset.cities if city.population)
    for context in dataset.context:
        cited.add(context.source)
        cited.update(count.source for count in context.alternates)
    assert {source.id for source in dataset.sources} == cited


def test_corroborations_repeat_the_primary_and_never_its_own_source(dataset: Dataset) -> None:
    for snapshot in dataset.snapshots:
        for figure in snapshot.figures:
            others = [other.source for other in figure.corroborated_by]
            assert figure.source not in others
            assert len(set(others)) == len(others)
            for alternate in figure.alternates:
                assert (alternate.value, alternate.qualifier) != (figure.value, figure.qualifier)


# -- (c) "not found" never becomes a number --------------------------------------------------


def test_no_figure_where_only_not_found_rows_exist(
    catalog: Catalog, fact_rows: list[dict[str, str]], city_ids_by_name: dict[str, str]
) -> None:
    sourced: set[FigureKey] = set()
    not_found: set[FigureKey] = set()
    for row in fact_rows:
        key = _filed_key(row, city_ids_by_name)
        (not_found if row["qualifier"] == "not_found" else sourced).add(key)
    only_not_found = not_found - sourced
    assert only_not_found, "the facts are expected to list not_found cells"
    invented = sorted(str(key) for key in only_not_found if catalog.figure(*key) is not None)
    assert not invented, "figures made up for not_found cells:\n" + "\n".join(invented)


def test_no_zero_stands_in_for_missing(dataset: Dataset) -> None:
    zeros = [
        (snapshot.date, figure.city, figure.metric)
        for snapshot in dataset.snapshots
        for figure in snapshot.figures
        if figure.value == 0
    ]
    assert not zeros


# -- (d) the cases the curation rules were written for ---------------------------------------


def test_st_louis_first_count_is_doj_with_ap_alternate(catalog: Catalog) -> None:
    figure = _figure(catalog, "2020-08-19", "st-louis-mo", "federal_defendants_charged")
    assert (figure.value, figure.qualifier) == (15, Qualifier.EXACT)
    assert "DOJ" in (figure.note or "")
    assert 25 in {alternate.value for alternate in figure.alternates}


def test_national_charges_2020_08_19_is_the_release_figure(catalog: Catalog) -> None:
    figure = _figure(catalog, "2020-08-19", None, "federal_defendants_charged")
    assert (figure.value, figure.qualifier) == (217, Qualifier.APPROXIMATELY)
    assert catalog.source(figure.source).kind in ("official", "reprint")
    assert (207, Qualifier.AT_LEAST) in _alternates(figure)


def test_national_arrests_2020_08_19_is_the_release_figure(catalog: Catalog) -> None:
    figure = _figure(catalog, "2020-08-19", None, "arrests_total")
    assert (figure.value, figure.qualifier) == (1000, Qualifier.MORE_THAN)
    assert (1485, Qualifier.EXACT) in _alternates(figure)
    assert (1400, Qualifier.MORE_THAN) in _alternates(figure)


def test_memphis_arrests_going_down_is_a_warning(catalog: Catalog) -> None:
    assert _figure(catalog, "2020-09-09", "memphis-tn", "arrests_total").value == 302
    final = catalog.snapshot_dates[-1]
    assert final == date(2020, 12, 23)
    assert _figure(catalog, final.isoformat(), "memphis-tn", "arrests_total").value == 266
    decreases = [
        warning
        for warning in catalog.warnings
        if warning.kind == "cumulative_decrease"
        and warning.metric == "arrests_total"
        and warning.city_ids == frozenset({"memphis-tn"})
    ]
    assert len(decreases) == 1
    assert decreases[0].days[-1] == final
    assert "302" in decreases[0].message
    assert "266" in decreases[0].message


def test_all_nine_cities_with_slugs_and_2020_populations(dataset: Dataset) -> None:
    ids = {city.id for city in dataset.cities}
    assert ids == {
        "kansas-city-mo",
        "chicago-il",
        "albuquerque-nm",
        "cleveland-oh",
        "detroit-mi",
        "milwaukee-wi",
        "st-louis-mo",
        "memphis-tn",
        "indianapolis-in",
    }
    sources = {source.id: source for source in dataset.sources}
    for city in dataset.cities:
        assert city.population is not None
        assert city.population.year == 2020
        assert city.location is not None
        assert city.usao_district
        census = sources[city.population.source]
        assert census.kind == "reference"
        assert census.url.startswith("https://en.wikipedia.org/wiki/")
        assert census.publisher == "U.S. Census Bureau, 2020 Census (as given by Wikipedia)"


def test_city_facts_match_the_cities_file(dataset: Dataset) -> None:
    _need_facts()
    by_name = {city.name: city for city in dataset.cities}
    for row in _read(CITIES_CSV):
        city = by_name[row["city"]]
        assert city.state == row["state"]
        assert city.launch_date.isoformat() == row["launch_date"]
        assert city.population is not None
        assert city.population.value == int(row["population"])
        assert city.location is not None
        assert (city.location.lat, city.location.lon) == (float(row["lat"]), float(row["lon"]))


def test_metrics_keep_the_fact_ids_core_first(
    dataset: Dataset, fact_rows: list[dict[str, str]], context_rows: list[dict[str, str]]
) -> None:
    ids = [metric.id for metric in dataset.metrics]
    # the fact ids, masses in g or lb on the kg metric of the same quantity; context metrics
    assert set(ids) == {_kg_metric(row["metric"]) for row in fact_rows} | {
        row["metric"] for row in context_rows
    }
    assert not [metric for metric in ids if _unit(metric)]
    assert ids[:4] == [
        "federal_defendants_charged",
        "arrests_total",
        "homicide_arrests",
        "firearms_seized",
    ]
    by_id = {metric.id: metric for metric in dataset.metrics}
    assert not by_id["arrests_new_in_past_week"].cumulative
    assert not by_id["federal_agents_deployed"].cumulative
    assert by_id["federal_defendants_charged"].cumulative
    assert by_id["seized_heroin_kg_atf"].group == "agency"


def test_snapshots_sorted_and_labelled(dataset: Dataset) -> None:
    days = [snapshot.date for snapshot in dataset.snapshots]
    assert days == sorted(days)
    labels = {snapshot.date.isoformat(): snapshot.label for snapshot in dataset.snapshots}
    assert labels["2020-12-23"] == "DOJ final results"
    assert all(labels.values())
    for snapshot in dataset.snapshots:  # national figures first, then the cities
        scopes = [figure.scope for figure in snapshot.figures]
        assert scopes == sorted(scopes, key=lambda scope: scope is not Scope.NATIONAL)


# -- (e) the committed file is what the script makes -----------------------------------------


@pytest.fixture
def curate(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """data/curate.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("legend_curate", CURATE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_curate_reproduces_the_committed_file(tmp_path: Path, curate: ModuleType) -> None:
    _need_facts()
    output = tmp_path / "operation_legend.json"
    assert curate.main(["--facts", str(FACTS), "--output", str(output), "--quiet"]) == 0
    assert output.read_bytes() == BUNDLED.read_bytes(), (
        "data/operation_legend.json is stale: run `uv run python data/curate.py`"
    )
    assert [path.name for path in tmp_path.iterdir()] == [output.name]  # no temp file left


def test_city_figures_never_precede_launch(dataset: Dataset) -> None:
    launches = {city.id: city.launch_date for city in dataset.cities}
    early = defaultdict(list)
    for snapshot in dataset.snapshots:
        for figure in snapshot.figures:
            if figure.city is not None and snapshot.date < launches[figure.city]:
                early[figure.city].append(snapshot.date)
    assert not early

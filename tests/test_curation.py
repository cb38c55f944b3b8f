"""The curation rules of data/README.md, each pinned on the case it was written for.

These read the built dataset (``data/operation_legend.json``), which
``test_bundled_dataset.py`` keeps identical to what ``data/curate.py`` makes from the facts;
no Qt is needed. Where a case names the pages behind a figure, the facts are read too.
"""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

import pytest

from legend_gui.model import Catalog, Dataset, Qualifier, Scope, load_dataset
from legend_gui.model.schema import Figure
from legend_gui.model.status import is_disputed

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data" / "operation_legend.json"
FACTS = REPO.parent / "shared" / "facts" / "operation_legend_figures.csv"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(BUNDLED)


@pytest.fixture(scope="module")
def catalog(dataset: Dataset) -> Catalog:
    return Catalog(dataset, str(BUNDLED))


def _figure(catalog: Catalog, day: str, city: str | None, metric: str) -> Figure:
    figure = catalog.figure(date.fromisoformat(day), city, metric)
    assert figure is not None, f"no {metric} figure for {city or 'national'} on {day}"
    return figure


def _publisher(catalog: Catalog, source_id: str) -> str:
    return catalog.source(source_id).publisher


def _reports(figure: Figure) -> list[tuple[float, Qualifier, str]]:
    """Every report of a figure: the primary, its corroborations and its alternates."""
    reports = [(figure.value, figure.qualifier, figure.source)]
    reports += [(figure.value, figure.qualifier, other.source) for other in figure.corroborated_by]
    reports += [(alt.value, alt.qualifier, alt.source) for alt in figure.alternates]
    return reports


def _disputed(figure: Figure) -> bool:
    return is_disputed(figure)  # the model's one definition


# -- 1. announced at the event beats a preview or an earlier count ---------------------------


def test_chicago_sept_9_is_the_count_announced_at_the_press_conference(catalog: Catalog) -> None:
    figure = _figure(catalog, "2020-09-09", "chicago-il", "federal_defendants_charged")
    assert (figure.value, figure.qualifier) == (124, Qualifier.EXACT)
    # ABC7, the Sun-Times (via inkl), NBC Chicago and WGN's own later story all say 124
    publishers = {_publisher(catalog, other.source) for other in figure.corroborated_by}
    assert {"inkl (Chicago Sun-Times story)", "NBC Chicago", "WGN-TV"} <= publishers
    # WGN's preview, written before the press conference, repeated the Aug. 31 count: kept
    (earlier,) = [alternate for alternate in figure.alternates if alternate.value == 103]
    assert "wgntv.com/news/chicago-news/" in catalog.source(earlier.source).url


def test_chicago_sept_9_split_follows_the_announced_count(catalog: Catalog) -> None:
    firearms = _figure(catalog, "2020-09-09", "chicago-il", "federal_charged_firearms_offenses")
    drugs = _figure(catalog, "2020-09-09", "chicago-il", "federal_charged_drug_offenses")
    assert (firearms.value, drugs.value) == (90, 30)
    assert 72 in {alternate.value for alternate in firearms.alternates}
    assert 27 in {alternate.value for alternate in drugs.alternates}


def test_a_stale_repeat_never_becomes_the_primary(catalog: Catalog) -> None:
    figure = _figure(catalog, "2020-10-14", None, "firearms_seized")
    assert (figure.value, figure.qualifier) == (2000, Qualifier.MORE_THAN)
    assert (544, Qualifier.MORE_THAN) in {(alt.value, alt.qualifier) for alt in figure.alternates}


# -- 2. the release's own count beats a quoted remark ----------------------------------------


def test_kansas_city_homicide_arrests_aug_19_is_the_release_count(catalog: Catalog) -> None:
    figure = _figure(catalog, "2020-08-19", "kansas-city-mo", "homicide_arrests")
    assert (figure.value, figure.qualifier) == (17, Qualifier.EXACT)
    assert _publisher(catalog, figure.source) == "FOX6 News Milwaukee"
    assert (figure.note or "").startswith("DOJ release")
    # the U.S. Attorney's spoken 18, in the reprint and in both AP copies, is kept beside it
    remarks = {_publisher(catalog, alt.source) for alt in figure.alternates if alt.value == 18}
    assert remarks == {"STL.News (reprint of DOJ release)", "KWCH 12 (AP story)", "KY3 (AP story)"}


def test_national_counts_of_a_release_beat_the_speakers_numbers(catalog: Catalog) -> None:
    arrests = _figure(catalog, "2020-09-09", None, "arrests_total")
    defendants = _figure(catalog, "2020-09-09", None, "federal_defendants_charged")
    assert (arrests.value, arrests.qualifier) == (2000, Qualifier.MORE_THAN)
    assert (defendants.value, defendants.qualifier) == (592, Qualifier.APPROXIMATELY)
    assert catalog.source(arrests.source).kind in ("official", "reprint")
    assert (2500, Qualifier.MORE_THAN) in {(alt.value, alt.qualifier) for alt in arrests.alternates}


# -- 3. a dispute no DOJ page settles stays a dispute, every source kept ---------------------


def test_st_louis_aug_19_stays_a_dispute_with_all_sources(catalog: Catalog) -> None:
    figure = _figure(catalog, "2020-08-19", "st-louis-mo", "federal_defendants_charged")
    assert (figure.value, figure.qualifier) == (15, Qualifier.EXACT)
    assert _disputed(figure)
    twenty_five = {_publisher(catalog, alt.source) for alt in figure.alternates if alt.value == 25}
    assert twenty_five == {"KWCH 12 (AP story)", "KY3 (AP story)"}
    fifteen = {_publisher(catalog, figure.source)}
    fifteen |= {_publisher(catalog, other.source) for other in figure.corroborated_by}
    assert fifteen == {"Fox News", "Newsmax"}
    if FACTS.is_file():  # every page of the facts for this figure is one of its reports
        with FACTS.open(encoding="utf-8", newline="") as stream:
            urls = {
                row["source_url"]
                for row in csv.DictReader(stream)
                if (row["snapshot_date"], row["city"], row["metric"])
                == ("2020-08-19", "St. Louis", "federal_defendants_charged")
                and row["qualifier"] != "not_found"
            }
        assert {catalog.source(source).url for _v, _q, source in _reports(figure)} == urls


# -- 4. framing words in a note set the qualifier --------------------------------------------


def test_urdupoints_some_568_is_approximate(catalog: Catalog) -> None:
    figure = _figure(catalog, "2020-10-14", None, "federal_charged_firearms_offenses")
    assert (figure.value, figure.qualifier) == (568, Qualifier.APPROXIMATELY)
    assert "UrduPoint (Sputnik)" in {
        _publisher(catalog, other.source) for other in figure.corroborated_by
    }
    assert all(qualifier is not Qualifier.EXACT for _v, qualifier, _s in _reports(figure))


def test_chicago_aug_19_drug_charges_do_not_drop_the_more_than(catalog: Catalog) -> None:
    figure = _figure(catalog, "2020-08-19", "chicago-il", "federal_charged_drug_offenses")
    # DOJ's own breakdown (via Fox News), not the Tribune's bare 25
    assert (figure.value, figure.qualifier) == (26, Qualifier.EXACT)
    assert "DOJ" in (figure.note or "")
    alternates = {
        (alt.value, alt.qualifier, _publisher(catalog, alt.source)) for alt in figure.alternates
    }
    assert alternates == {
        (25, Qualifier.MORE_THAN, "Freeport News Network"),  # the U.S. Attorney's framing
        (25, Qualifier.EXACT, "Chicago Tribune"),  # as printed, kept and not primary
    }


def test_a_note_that_rephrases_the_number_frames_it(catalog: Catalog) -> None:
    # KSHB: "also phrased as more than 90 suspected killers"
    figure = _figure(catalog, "2020-08-19", None, "homicide_arrests")
    assert (figure.value, figure.qualifier) == (90, Qualifier.MORE_THAN)
    assert "KSHB 41 Kansas City" in {
        _publisher(catalog, other.source) for other in figure.corroborated_by
    }


# -- 5. a conflicting repeat of a release is an alternate of that release's figure -----------


def test_kmovs_274_is_an_alternate_of_the_oct_14_homicide_arrests(catalog: Catalog) -> None:
    figure = _figure(catalog, "2020-10-14", None, "homicide_arrests")
    assert (figure.value, figure.qualifier) == (247, Qualifier.APPROXIMATELY)
    by_value = {alt.value: _publisher(catalog, alt.source) for alt in figure.alternates}
    assert by_value == {
        263: "The Tennessee Star (quoting DOJ Oct. 14 release)",
        274: "KMOV 4 St. Louis",
    }
    (kmov,) = [alt for alt in figure.alternates if alt.value == 274]
    assert "2020-10-15" in (kmov.note or "")  # the day it was said stays readable


def test_oct_15_holds_only_the_st_louis_roundtable(catalog: Catalog) -> None:
    snapshot = catalog.snapshot_by_date[date(2020, 10, 15)]
    assert snapshot.label == "St. Louis update"
    assert {(figure.scope, figure.city) for figure in snapshot.figures} == {
        (Scope.CITY, "st-louis-mo")
    }
    # national homicide arrests read 247 (Oct. 14), 276 (Oct. 21), 467 (final): no 274 between
    series = [
        figure.value
        for day in catalog.snapshot_dates
        if (figure := catalog.figure(day, None, "homicide_arrests")) is not None
        and day >= date(2020, 10, 1)
    ]
    assert series == [247, 276, 467]


def test_kmovs_undated_page_is_split_only_between_release_and_roundtable(
    dataset: Dataset,
) -> None:
    kmov = {s.id for s in dataset.sources if "kmov.com/news/attorney-general" in s.url}
    days = {
        snapshot.date.isoformat()
        for snapshot in dataset.snapshots
        for figure in snapshot.figures
        for _v, _q, source in _reports(figure)
        if source in kmov
    }
    assert days == {"2020-10-14", "2020-10-15"}


# -- one metric per quantity -----------------------------------------------------------------


def test_memphis_grams_of_heroin_are_on_the_kg_metric(catalog: Catalog) -> None:
    figure = _figure(catalog, "2020-12-23", "memphis-tn", "seized_heroin_kg")
    assert (figure.value, figure.qualifier) == (5.021, Qualifier.EXACT)
    assert (figure.note or "").endswith("reported as 5,021 g")


def test_pounds_convert_exactly_and_keep_their_framing(catalog: Catalog) -> None:
    figure = _figure(catalog, "2020-10-01", "indianapolis-in", "seized_methamphetamine_kg")
    assert (figure.value, figure.qualifier) == (22.5, Qualifier.NEARLY)  # 22,500 g
    (pounds,) = figure.alternates
    assert (pounds.value, pounds.qualifier) == (22.6796185, Qualifier.MORE_THAN)  # 50 × 0.45359237
    assert (pounds.note or "").endswith("reported as more than 50 lb")
    national = _figure(catalog, "2020-10-14", None, "seized_drugs_combined_kg")
    assert (national.value, national.qualifier) == (226.796185, Qualifier.NEARLY)  # 500 lb


def test_mass_metrics_are_kg_and_labels_leave_units_to_the_unit(dataset: Dataset) -> None:
    for metric in dataset.metrics:
        assert not {"g", "lb"} & set(metric.id.split("_")), metric.id
        assert f"({metric.unit})" not in metric.label, metric.label
        if metric.id.startswith("seized_") and "_kg" in metric.id:
            assert metric.unit == "kg"


def test_metric_groups_are_contiguous_with_the_core_four_first(dataset: Dataset) -> None:
    groups = [metric.group for metric in dataset.metrics]
    assert [m.id for m in dataset.metrics if m.group == "core"] == [
        "federal_defendants_charged",
        "arrests_total",
        "homicide_arrests",
        "firearms_seized",
    ]
    assert groups[:4] == ["core"] * 4
    seen: list[str] = []
    for group in groups:
        if not seen or seen[-1] != group:
            assert group not in seen, f"group {group!r} is split in the metric list"
            seen.append(group)
    assert "other" not in seen  # every metric has a theme


# -- the description carries the caveats -----------------------------------------------------


def test_description_states_the_caveats(dataset: Dataset) -> None:
    text = dataset.description
    assert "Not reported" in text
    assert "never that it was zero" in text
    assert "Sept. 9, Sept. 22, Oct. 14, Oct. 21 and Dec. 23" in text  # the cut-short releases
    assert "2020 census counts of each city proper" in text
    assert "CC BY" not in text  # the licence has its own field
    assert "CC BY 4.0" in (dataset.licence or "")


# -- the build's counts, pinned so that a change to the facts or rules is seen ---------------


def test_the_builds_counts(dataset: Dataset) -> None:
    figures = [figure for snapshot in dataset.snapshots for figure in snapshot.figures]
    counts = {
        "metrics": len(dataset.metrics),
        "snapshots": len(dataset.snapshots),
        "figures": len(figures),
        "alternates": sum(len(figure.alternates) for figure in figures),
        "corroborations": sum(len(figure.corroborated_by) for figure in figures),
        "disputed": sum(_disputed(figure) for figure in figures),
        "sources": len(dataset.sources),
    }
    assert counts == {
        "metrics": 90,  # 86 operation metrics and 4 context metrics
        "snapshots": 23,
        "figures": 378,
        "alternates": 84,
        "corroborations": 256,
        "disputed": 36,
        "sources": 230,  # 130, and 100 pages cited only by context counts
    }


def test_conversion_is_exact() -> None:
    """The curation's kg conversion: decimal arithmetic, then the nearest float."""
    sys.path.insert(0, str(REPO / "data"))
    try:
        from curation.units import as_reported, kg_metric, to_kg
    finally:
        sys.path.remove(str(REPO / "data"))
    assert to_kg(5021, "g") == 5.021
    assert to_kg(1000, "g") == 1
    assert isinstance(to_kg(1000, "g"), int)
    assert to_kg(3, "lb") == 1.36077711  # 3 × 0.45359237, not 1.3607771100000001
    assert kg_metric("seized_heroin_g_single_case") == "seized_heroin_kg_single_case"
    assert as_reported(22500, "nearly", "g") == "reported as nearly 22,500 g"


# -- context figures: every row of the homicide counts, a primary per city and period ---------

CONTEXT_FACTS = REPO.parent / "shared" / "facts" / "city_homicides_context.csv"


def test_every_context_row_is_represented(dataset: Dataset) -> None:
    """Each of the CSV's rows is a primary or an alternate, with its definition and note
    verbatim (multiset: reprints with equal value and source text stay separate counts)."""
    if not CONTEXT_FACTS.is_file():
        pytest.skip("the facts are not next to the repository")
    with CONTEXT_FACTS.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    urls = {source.id: source.url for source in dataset.sources}
    names = {city.id: city.name for city in dataset.cities}
    wanted = sorted(
        (r["city"], r["metric"], int(r["value"]), r["source_url"], r["definition"], r["note"])
        for r in rows
    )
    found = sorted(
        (names[f.city], f.metric, c.value, urls[c.source], c.definition, c.note or "")
        for f in dataset.context
        for c in (f, *f.alternates)
    )
    assert len(rows) == 144
    assert found == wanted


def test_context_counts_per_city(dataset: Dataset) -> None:
    counts: dict[str, tuple[int, int]] = {}
    for figure in dataset.context:
        figures, all_counts = counts.get(figure.city, (0, 0))
        counts[figure.city] = (figures + 1, all_counts + 1 + len(figure.alternates))
    assert counts == {  # (figures, counts); Detroit has no count near its launch
        "kansas-city-mo": (4, 20),
        "chicago-il": (4, 18),
        "albuquerque-nm": (4, 16),
        "cleveland-oh": (4, 17),
        "detroit-mi": (3, 16),
        "milwaukee-wi": (4, 16),
        "st-louis-mo": (4, 16),
        "memphis-tn": (4, 11),
        "indianapolis-in": (4, 14),
    }


@pytest.mark.parametrize(
    ("city", "metric", "value", "end", "basis"),
    [
        ("kansas-city-mo", "homicides_2019", 150, "2019-12-31", "police count of all homicides"),
        ("kansas-city-mo", "homicides_2020_ytd", 99, "2020-07-08", "police count of all homicides"),
        ("chicago-il", "homicides_2020", 772, "2020-12-31", "police count of all homicides"),
        ("detroit-mi", "homicides_2020", 323, "2020-12-31", "police count of all homicides"),
        (
            "memphis-tn",
            "homicides_2019",
            191,
            "2019-12-31",
            "police count of murders or criminal homicides",
        ),
        ("milwaukee-wi", "homicides_2020_ytd", 97, "2020-07-29", "police count of all homicides"),
        ("st-louis-mo", "homicides_2020_ytd", 183, "2020-08-31", "police count of all homicides"),
    ],
)
def test_context_primaries_follow_the_rules(
    dataset: Dataset, city: str, metric: str, value: int, end: str, basis: str
) -> None:
    """Whole year before an as-of count; the count nearest the launch (on or before it first,
    St. Louis has only later ones); final before preliminary; police before press; revised and
    latest before earlier (Detroit 2020: 323 revised, 327 kept); murders only where no
    all-homicide count exists (Memphis 2019)."""
    figure = next(f for f in dataset.context if (f.city, f.metric) == (city, metric))
    assert (figure.value, figure.period.end.isoformat(), figure.basis) == (value, end, basis)

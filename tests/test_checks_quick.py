"""The cross-checks' quick verdict (whole-column set operations) never calls an unsound
snapshot sound: with one figure broken in any way, at the start, middle or end of a snapshot or
at a slice boundary, ``check_dataset`` gives exactly what the per-figure rules alone give."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from legend_gui.model import checks
from legend_gui.model.checks import Violation, check_dataset
from legend_gui.model.schema import Dataset
from legend_gui.model.validation import validate_dataset
from tests.helpers import synthetic_document

#: Figures per quick slice in these tests: a snapshot of the 150-city file holds about 270.
SLICE = 50

Document = dict[str, Any]


@cache
def _base() -> Document:
    return synthetic_document(150)


def _document() -> Document:
    return copy.deepcopy(_base())


def _figures(document: Document) -> list[dict[str, Any]]:
    """The largest snapshot's figures (the one the mutations break)."""
    snapshot = max(document["snapshots"], key=lambda s: len(s["figures"]))
    figures: list[dict[str, Any]] = snapshot["figures"]
    return figures


def _slow(dataset: Dataset) -> list[Violation]:
    """What the per-figure rules alone say: every quick verdict says "look closer"."""

    def never_sound(*_args: object) -> Iterator[bool]:
        yield False

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(checks, "_figures_sound", never_sound)
        return check_dataset(dataset)


def _nearest(figures: list[dict[str, Any]], at: int, scope: str) -> int:
    """The index of the figure of ``scope`` nearest to ``at`` (at or after it, else before)."""
    after = [i for i in range(at, len(figures)) if figures[i]["scope"] == scope]
    if after:
        return after[0]
    return max(i for i in range(at) if figures[i]["scope"] == scope)


Mutation = Callable[[Document, int], None]


def _unknown_city(document: Document, at: int) -> None:
    figures = _figures(document)
    figures[_nearest(figures, at, "city")]["city"] = "nowhere-zz"


def _unknown_metric(document: Document, at: int) -> None:
    _figures(document)[at]["metric"] = "no_such_metric"


def _unknown_source(document: Document, at: int) -> None:
    _figures(document)[at]["source"] = "nobody"


def _unknown_alternate_source(document: Document, at: int) -> None:
    figure = _figures(document)[at]
    figure["alternates"] = [*figure.get("alternates", []), {"value": 1, "source": "nobody"}]


def _unknown_corroboration_source(document: Document, at: int) -> None:
    figure = _figures(document)[at]
    figure["corroborated_by"] = [{"source": "doj"}, {"source": "nobody"}]


def _repeated_key(document: Document, at: int) -> None:
    """This figure takes the city and metric of another (the next one, at the start)."""
    figures = _figures(document)
    _same_key(figures[at], figures[at + 1] if at == 0 else figures[at - 1])


def _repeats_the_first(document: Document, at: int) -> None:
    """A key repeated slices apart: this figure takes the first city figure's key."""
    figures = _figures(document)
    first = _nearest(figures, 0, "city")
    _same_key(figures[_nearest(figures, max(at, first + 1), "city")], figures[first])


def _same_key(figure: dict[str, Any], other: dict[str, Any]) -> None:
    figure["scope"] = other["scope"]
    figure["metric"] = other["metric"]
    figure.pop("city", None)
    if "city" in other:
        figure["city"] = other["city"]


def _before_launch(document: Document, at: int) -> None:
    figures = _figures(document)
    city = figures[_nearest(figures, at, "city")].get("city")
    for listed in document["cities"]:
        if listed["id"] == city:
            listed["launch_date"] = "2021-06-30"


def _national_names_a_city(document: Document, at: int) -> None:
    """The city named has no figure of that metric here: no repeated key gives it away."""
    figures = _figures(document)
    national = figures[_nearest(figures, at, "national")]
    taken = {f.get("city") for f in figures if f["metric"] == national["metric"]}
    national["city"] = next(c["id"] for c in document["cities"] if c["id"] not in taken)


def _city_figure_without_city(document: Document, at: int) -> None:
    figures = _figures(document)
    figures[_nearest(figures, at, "city")].pop("city", None)


def _city_figure_without_city_alone(document: Document, at: int) -> None:
    """As above, with no national figure of its metric: no repeated key gives it away."""
    figures = _figures(document)
    figure = figures[_nearest(figures, min(at, len(figures) - 1), "city")]
    figure.pop("city", None)
    figures[:] = [f for f in figures if f["scope"] == "city" or f["metric"] != figure["metric"]]


def _city_scope_for_national(document: Document, at: int) -> None:
    figures = _figures(document)
    figures[_nearest(figures, at, "national")]["scope"] = "city"


MUTATIONS: list[Mutation] = [
    _unknown_city,
    _unknown_metric,
    _unknown_source,
    _unknown_alternate_source,
    _unknown_corroboration_source,
    _repeated_key,
    _repeats_the_first,
    _before_launch,
    _national_names_a_city,
    _city_figure_without_city,
    _city_figure_without_city_alone,
    _city_scope_for_national,
]
PLACES = ["start", "slice end", "slice start", "middle", "end"]


def _index(place: str, count: int) -> int:
    return {
        "start": 0,
        "slice end": SLICE - 1,
        "slice start": SLICE,
        "middle": count // 2,
        "end": count - 1,
    }[place]


@pytest.fixture(autouse=True)
def _small_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "FIGURES_PER_QUICK_STEP", SLICE)


def test_the_sound_file_is_sound_in_several_slices() -> None:
    document = _document()
    assert len(_figures(document)) > 4 * SLICE
    assert check_dataset(validate_dataset(document)) == []


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.__name__.strip("_"))
def test_one_broken_figure_gives_the_slow_rules_violations(mutation: Mutation, place: str) -> None:
    document = _document()
    mutation(document, _index(place, len(_figures(document))))
    dataset = validate_dataset(document)
    expected = _slow(dataset)
    assert expected, "the mutation breaks a rule"
    assert check_dataset(dataset) == expected


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    broken=st.lists(
        st.tuples(st.sampled_from(MUTATIONS), st.floats(min_value=0, max_value=1)),
        min_size=1,
        max_size=3,
    )
)
# Found by Hypothesis: a mutation that drops figures, then one placed at the (new) last figure.
@example(broken=[(_city_figure_without_city_alone, 0.0), (_unknown_source, 1.0)])
def test_any_broken_figures_give_the_slow_rules_violations(
    broken: list[tuple[Mutation, float]],
) -> None:
    document = _document()
    for mutation, where in broken:
        count = len(_figures(document))  # a mutation may drop figures: counted afresh
        mutation(document, min(count - 1, int(where * count)))
    dataset = validate_dataset(document)
    assert check_dataset(dataset) == _slow(dataset)


def test_the_messages_and_paths_are_the_per_figure_ones() -> None:
    """A few messages written out, so the reference itself is pinned down."""
    document = _document()
    figures = _figures(document)
    snapshot = next(s for s, shot in enumerate(document["snapshots"]) if shot["figures"] is figures)
    at = _nearest(figures, len(figures) - 1, "city")
    figures[at]["source"] = "nobody"
    figures[at]["alternates"] = [{"value": 1, "source": "nobody"}]
    figures[at - 1]["city"] = "nowhere-zz"
    figures[at - 1]["scope"] = "city"
    violations = check_dataset(validate_dataset(document))
    assert violations == [
        Violation(
            ("snapshots", snapshot, "figures", at - 1, "city"),
            "unknown city id 'nowhere-zz' (not in 'cities')",
        ),
        Violation(
            ("snapshots", snapshot, "figures", at, "source"),
            "unknown source id 'nobody' (not in 'sources')",
        ),
        Violation(
            ("snapshots", snapshot, "figures", at, "alternates", 0, "source"),
            "unknown source id 'nobody' (not in 'sources')",
        ),
    ]


@pytest.mark.parametrize("place", ["start", "middle", "end"])
def test_cities_repeated_or_citing_an_unknown_source_are_reported(place: str) -> None:
    document = _document()
    cities = document["cities"]
    at = {"start": 1, "middle": len(cities) // 2, "end": len(cities) - 1}[place]
    cities[at]["id"] = cities[0]["id"]
    cities[at]["population"] = {"value": 1000, "year": 2020, "source": "nobody"}
    violations = check_dataset(validate_dataset(document))
    assert violations[:2] == [
        Violation(
            ("cities", at, "id"),
            f"duplicate city id {cities[0]['id']} (first used at cities[0].id)",
        ),
        Violation(
            ("cities", at, "population", "source"),
            "unknown source id 'nobody' (not in 'sources')",
        ),
    ]


def test_many_metrics_use_the_pairs_of_city_and_metric(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past a few metrics the keys are kept as pairs; a repeat is still found."""
    monkeypatch.setattr(checks._Keys, "_MAX_PASSES", 0)
    document = _document()
    _repeats_the_first(document, len(_figures(document)) - 1)
    dataset = validate_dataset(document)
    assert check_dataset(dataset) == _slow(dataset) != []
    assert check_dataset(validate_dataset(_document())) == []


def test_a_launch_on_the_snapshot_day_is_sound() -> None:
    document = _document()
    figures = _figures(document)
    day = next(s["date"] for s in document["snapshots"] if s["figures"] is figures)
    city = figures[_nearest(figures, len(figures) // 2, "city")]["city"]
    for listed in document["cities"]:
        if listed["id"] == city:
            listed["launch_date"] = day
    dataset = validate_dataset(document)
    assert date.fromisoformat(day) in {c.launch_date for c in dataset.cities}
    assert check_dataset(dataset) == _slow(dataset)

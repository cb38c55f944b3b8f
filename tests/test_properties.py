"""Property tests (hypothesis): the loader never fails in any way but ``DatasetError``.

Whatever the bytes, ``parse_dataset`` returns a ``Dataset`` or raises ``DatasetError``; valid
datasets of any shape load, and a loaded dataset written back out loads again unchanged.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from helpers import dumps, valid_dataset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legend_gui.model import Catalog, Dataset, DatasetError, parse_dataset
from legend_gui.model.captions import NO_POPULATIONS
from legend_gui.model.chart import ChartSettings, bar_chart, timeline_chart

NAME = "prop.json"

FAST = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW = settings(FAST, max_examples=60)


def parse_or_error(data: bytes) -> Dataset | DatasetError:
    """The only two outcomes allowed; anything else propagates and fails the test."""
    try:
        return parse_dataset(data, NAME)
    except DatasetError as error:
        check_error(error)
        return error


def check_error(error: DatasetError) -> None:
    """Every problem is one line that names the file; positions are sane."""
    assert error.problems
    assert len(error.problems) <= 20
    assert error.total >= len(error.problems)
    for problem in error.problems:
        assert problem.file == NAME
        assert problem.message
        assert "\n" not in str(problem)
        assert "\r" not in str(problem)
        assert str(problem).isprintable()  # safe to print to a terminal, whatever the file held
        if problem.line is not None:
            assert problem.line >= 1
            assert problem.column is not None
            assert problem.column >= 1


# -- anything at all ----------------------------------------------------------------------------


@FAST
@given(st.binary(max_size=3000))
def test_arbitrary_bytes(data: bytes) -> None:
    parse_or_error(data)


GOOD_BYTES = dumps(valid_dataset()).encode("utf-8")


@FAST
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(GOOD_BYTES) - 1),
            st.sampled_from(["flip", "delete", "insert", "cut"]),
            st.binary(min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_damaged_bytes_of_a_valid_file(edits: list[tuple[int, str, bytes]]) -> None:
    data = bytearray(GOOD_BYTES)
    for position, action, payload in edits:
        position = min(position, len(data) - 1) if data else 0
        if action == "flip" and data:
            data[position] ^= payload[0] or 1
        elif action == "delete":
            del data[position : position + len(payload)]
        elif action == "insert":
            data[position:position] = payload
        else:
            del data[position:]
    parse_or_error(bytes(data))


JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and infinities included: json.dumps writes them, the loader must refuse
    | st.text(max_size=20)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=25,
)
TOP_KEYS = (
    "schema_version",
    "title",
    "description",
    "compiled",
    "licence",
    "sources",
    "metrics",
    "groups",
    "cities",
    "snapshots",
)


@FAST
@given(JSON_VALUES)
def test_arbitrary_json_values(value: Any) -> None:
    parse_or_error(json.dumps(value).encode("utf-8"))


@FAST
@given(st.dictionaries(st.sampled_from(TOP_KEYS), JSON_VALUES, max_size=len(TOP_KEYS)))
def test_arbitrary_values_under_the_real_keys(document: dict[str, Any]) -> None:
    """Closer to a real file than random JSON: the schema gets past its first checks."""
    document.setdefault("schema_version", 1)  # format 1 is read as format 2
    result = parse_or_error(json.dumps(document, indent=1).encode("utf-8"))
    assert isinstance(result, DatasetError) or result.schema_version == 2


# -- mutations of a valid dataset ---------------------------------------------------------------


def all_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            paths += all_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            paths += all_paths(value, (*prefix, index))
    return paths


PATHS = all_paths(valid_dataset())


def retype(value: Any) -> Any:
    """The same content in another JSON type: 560 → "560", "x" → ["x"], true → 1, ..."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return {"items": value}
    if isinstance(value, dict):
        return list(value.values())
    return False


@FAST
@given(
    st.lists(
        st.tuples(
            st.sampled_from(PATHS),
            st.sampled_from(["delete", "retype", "replace", "duplicate", "rename"]),
            JSON_VALUES,
        ),
        min_size=1,
        max_size=3,
    )
)
def test_mutated_dataset(mutations: list[tuple[tuple[Any, ...], str, Any]]) -> None:
    document = valid_dataset()
    for path, action, new in mutations:
        parent: Any = document
        try:
            for step in path[:-1]:
                parent = parent[step]
            key = path[-1]
            old = parent[key]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this path
        if action == "delete":
            del parent[key]
        elif action == "retype":
            parent[key] = retype(old)
        elif action == "replace":
            parent[key] = new
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(old)
        elif action == "rename" and isinstance(parent, dict):
            parent[f"{key}_"] = parent.pop(key)
    result = parse_or_error(dumps(document).encode("utf-8"))
    if isinstance(result, DatasetError):
        # The document is syntactically valid JSON: every problem can be located.
        lines = dumps(document).count("\n")
        for problem in result.problems:
            assert problem.line is not None, str(problem)
            assert problem.line <= lines + 1


# -- valid datasets of any shape ----------------------------------------------------------------

IDS = st.from_regex(r"[a-z0-9][a-z0-9_\-.]{0,12}", fullmatch=True)
#: What a text field may hold (model/text.py): any character but controls and bidi
#: overrides, embeddings and isolates; line breaks only in notes and descriptions.
_LINE_CHARS = st.characters(
    blacklist_categories=["Cc", "Cs"],
    blacklist_characters="\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
)
_LONG_CHARS = _LINE_CHARS | st.sampled_from("\n\u2028\u2029")
TEXT = st.text(_LINE_CHARS, min_size=1, max_size=20)


def long_text(max_size: int) -> st.SearchStrategy[str]:
    return st.text(_LONG_CHARS, max_size=max_size)


DATES = st.dates(min_value=date(2019, 1, 1), max_value=date(2022, 12, 31))
VALUES = st.integers(0, 10**15) | st.floats(0, 1e15, allow_nan=False, allow_infinity=False)
QUALIFIERS = st.sampled_from(
    ["exact", "more_than", "at_least", "approximately", "nearly", "at_most"]
)


def maybe(draw: Any, target: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    """Add ``key`` to ``target`` half of the time: optional fields present and absent."""
    if draw(st.booleans()):
        target[key] = draw(strategy)


@st.composite
def datasets(draw: Any) -> dict[str, Any]:
    source_ids = draw(st.lists(IDS, min_size=1, max_size=4, unique=True))
    sources = []
    for source_id in source_ids:
        source: dict[str, Any] = {"id": source_id, "publisher": draw(TEXT), "url": draw(TEXT)}
        maybe(draw, source, "title", TEXT | st.none())
        maybe(draw, source, "published", DATES.map(date.isoformat) | st.none())
        maybe(draw, source, "kind", st.sampled_from(["official", "reprint", "news", "reference"]))
        maybe(draw, source, "note", long_text(30) | st.none())
        sources.append(source)

    metric_ids = draw(st.lists(IDS, min_size=1, max_size=4, unique=True))
    metrics = []
    for metric_id in metric_ids:
        metric: dict[str, Any] = {"id": metric_id, "label": draw(TEXT), "unit": draw(TEXT)}
        maybe(draw, metric, "description", long_text(30))
        maybe(draw, metric, "group", IDS)
        maybe(draw, metric, "cumulative", st.booleans())
        metrics.append(metric)

    city_ids = draw(st.lists(IDS, max_size=5, unique=True))
    cities = []
    launches: dict[str, date] = {}
    for city_id in city_ids:
        launch = draw(DATES)
        launches[city_id] = launch
        city: dict[str, Any] = {
            "id": city_id,
            "name": draw(TEXT),
            "state": draw(st.text(_LINE_CHARS, min_size=1, max_size=40)),
            "launch_date": launch.isoformat(),
        }
        maybe(draw, city, "usao_district", TEXT | st.none())
        population = st.fixed_dictionaries(
            {
                "value": st.integers(1, 10**10),
                "year": st.integers(1790, 2100),
                "source": st.sampled_from(source_ids),
            }
        )
        maybe(draw, city, "population", population | st.none())
        location = st.fixed_dictionaries(
            {
                "lat": st.floats(-90, 90) | st.integers(-90, 90),
                "lon": st.floats(-180, 180) | st.integers(-180, 180),
            }
        )
        maybe(draw, city, "location", location | st.none())
        cities.append(city)

    snapshots = []
    for day in draw(st.lists(DATES, max_size=4, unique=True)):
        keys = [(None, metric_id) for metric_id in metric_ids] + [
            (city_id, metric_id)
            for city_id in city_ids
            if launches[city_id] <= day
            for metric_id in metric_ids
        ]
        chosen = draw(st.lists(st.sampled_from(keys), unique=True, max_size=8))
        figures = []
        for city_id, metric_id in chosen:
            figure: dict[str, Any] = {"scope": "city" if city_id else "national"}
            if city_id:
                figure["city"] = city_id
            figure.update(
                {
                    "metric": metric_id,
                    "value": draw(VALUES),
                    "source": draw(st.sampled_from(source_ids)),
                }
            )
            maybe(draw, figure, "qualifier", QUALIFIERS)
            maybe(draw, figure, "note", long_text(30) | st.none())
            corroboration = st.fixed_dictionaries(
                {"source": st.sampled_from(source_ids)},
                optional={"note": long_text(20) | st.none()},
            )
            maybe(draw, figure, "corroborated_by", st.lists(corroboration, max_size=2))
            alternate = st.fixed_dictionaries(
                {"value": VALUES, "source": st.sampled_from(source_ids)},
                optional={"qualifier": QUALIFIERS, "note": long_text(20) | st.none()},
            )
            maybe(draw, figure, "alternates", st.lists(alternate, max_size=2))
            figures.append(figure)
        snapshot: dict[str, Any] = {"date": day.isoformat(), "figures": figures}
        maybe(draw, snapshot, "label", TEXT | st.none())
        snapshots.append(snapshot)

    dataset: dict[str, Any] = {
        "schema_version": 2,
        "title": draw(TEXT),
        "sources": sources,
        "metrics": metrics,
        "cities": cities,
        "snapshots": snapshots,
    }
    maybe(draw, dataset, "description", long_text(40))
    maybe(draw, dataset, "compiled", DATES.map(date.isoformat) | st.none())
    maybe(draw, dataset, "licence", long_text(20) | st.none())
    return dataset


def _json(dataset: Dataset, **options: Any) -> bytes:
    """The dataset written back as JSON, as pydantic writes it (``exclude_defaults``…)."""
    from pydantic import TypeAdapter

    return TypeAdapter(Dataset).dump_json(dataset, **options)


@SLOW
@given(datasets(), st.booleans())
def test_valid_datasets_load_and_round_trip(document: dict[str, Any], compact: bool) -> None:
    text = json.dumps(document, ensure_ascii=compact, indent=None if compact else 2)
    dataset = parse_dataset(text.encode("utf-8"), NAME)  # valid data is never refused
    assert parse_dataset(_json(dataset), NAME) == dataset
    assert parse_dataset(_json(dataset, exclude_defaults=True), NAME) == dataset
    assert parse_dataset(_json(dataset, indent=2), NAME) == dataset
    # and through Python's json, as an editor would rewrite it
    rewritten = json.dumps(json.loads(_json(dataset)), indent=2, ensure_ascii=False)
    assert parse_dataset(rewritten.encode("utf-8"), NAME) == dataset


@SLOW
@given(datasets())
def test_queries_never_fail_on_valid_data(document: dict[str, Any]) -> None:
    dataset = parse_dataset(json.dumps(document).encode(), NAME)
    catalog = Catalog(dataset)
    figures = [f for snapshot in dataset.snapshots for f in snapshot.figures]
    assert catalog.figure_count() == len(figures)
    rows = list(catalog.long_rows())
    others = sum(len(f.alternates) + len(f.corroborated_by) for f in figures)
    assert len(rows) == len(figures) + others
    assert all(row.role in ("primary", "corroborating", "alternate") for row in rows)
    assert isinstance(catalog.warnings, list)
    metric = catalog.default_metric()
    day = catalog.default_snapshot(metric) if metric else None
    for snapshot_day in catalog.snapshot_dates:
        for metric_id in catalog.metric_by_id:
            for per_capita in (False, True):
                points = catalog.series(metric_id, snapshot_day, per_capita)
                assert len(points) == len(dataset.cities)
                assert all(p.value is None or p.value >= 0 for p in points)
                assert all((p.value is None) == (p.missing_reason is not None) for p in points)
    for city in dataset.cities:
        catalog.table(day, city.id) if day else None
        catalog.days_active(city.id, day or city.launch_date + timedelta(days=1))
    if metric:
        for city_id in [None, *(c.id for c in dataset.cities)]:
            for per_capita in (False, True):
                chart_settings = ChartSettings(metric, day, per_capita, city_id, top=3)
                chart = bar_chart(catalog, chart_settings)
                values = [b.value for b in chart.bars if b.value is not None and not b.selected]
                assert values == sorted(values, reverse=True)
                gaps = [b.value is None for b in chart.bars]
                assert gaps == sorted(gaps), "gaps come last"
                if chart.message == NO_POPULATIONS:  # rates without any population: said so
                    assert per_capita
                    assert not any(c.population for c in dataset.cities)
                    assert chart.bars == []
                elif city_id is not None and day is not None:
                    assert [b.city_id for b in chart.bars if b.selected] == [city_id]
                timeline_chart(catalog, chart_settings.with_(view="timeline"))

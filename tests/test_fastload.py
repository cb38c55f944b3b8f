"""The fast, stepwise loader (model/fastload.py) gives the strict loader's dataset, or its very
error: every bad file still gets the same message, with its line and column."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from legend_gui.model import fastload
from legend_gui.model.errors import DatasetError
from legend_gui.model.fastload import load_dataset_fast, load_in_steps, parse_in_steps
from legend_gui.model.loading import load_dataset, parse_dataset
from legend_gui.resources import bundled_dataset
from tests.helpers import synthetic_bytes, valid_dataset

DATA = Path(__file__).parent / "data"
BAD_FILES = sorted([*(DATA / "bad").glob("*.json"), *(DATA / "bad_context").glob("*.json")])
GOOD_FILES = [bundled_dataset(), *sorted(DATA.glob("*.json"))]


def _run(steps: fastload.Steps) -> Any:
    fractions = []
    try:
        while True:
            fractions.append(next(steps))
    except StopIteration as done:
        assert fractions == sorted(fractions), "progress never goes back"
        return done.value


def _fast_only(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record when the fast path gives up, so a test can tell which path answered."""
    fell_back: list[str] = []
    strict = fastload.parse_dataset

    def recording(raw: bytes, name: str) -> Any:
        fell_back.append(name)
        return strict(raw, name)

    monkeypatch.setattr(fastload, "parse_dataset", recording)
    return fell_back


@pytest.mark.parametrize("path", GOOD_FILES, ids=lambda p: p.name)
def test_good_files_load_to_the_same_dataset(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fell_back = _fast_only(monkeypatch)
    fast = _run(load_in_steps(path, min_bytes=0))
    assert fast == load_dataset(path)
    assert fell_back == []


@pytest.mark.parametrize("indent", [None, 2])
def test_a_synthetic_file_in_small_chunks(
    indent: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = synthetic_bytes(300)
    if indent is not None:  # the same data written with blanks and line breaks
        raw = json.dumps(json.loads(raw), indent=indent).encode()
    monkeypatch.setattr(fastload, "CHUNK_BYTES", 2_000)  # many cuts, some near alternates
    fell_back = _fast_only(monkeypatch)
    fast = _run(parse_in_steps(raw, "big.json", min_bytes=0))
    assert fast == parse_dataset(raw, "big.json")
    assert fell_back == []


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_bad_files_get_the_strict_message(path: Path) -> None:
    with pytest.raises(DatasetError) as strict:
        load_dataset(path)
    with pytest.raises(DatasetError) as fast:
        _run(load_in_steps(path, min_bytes=0))
    assert fast.value.lines() == strict.value.lines()


def _figure_text(data: dict[str, Any]) -> str:
    return json.dumps(data["snapshots"][0]["figures"][0])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"metric":', '"metric": "arrests_total", "metric":'),  # a key twice in a figure
        ('"source":', '"note": null, "note": "x", "source":'),  # a default, then a value
        ('"source":', '"note": "x", "note": null, "source":'),  # a value, then a default
        ('"source":', '"note" : "x", "note": "y", "source":'),  # blanks before a colon
        ('"source":', '"n\\u006fte": "x", "note": "y", "source":'),  # an escaped spelling
    ],
)
def test_a_repeated_key_in_a_chunk_is_refused(old: str, new: str, tmp_path: Path) -> None:
    data = valid_dataset()
    text = json.dumps(data)  # one line: the figure's text is a part of it
    figure = _figure_text(data)
    assert old in figure
    text = text.replace(figure, figure.replace(old, new, 1), 1)
    path = tmp_path / "repeated.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError) as strict:
        load_dataset(path)
    assert "appears twice" in strict.value.lines()[0]
    with pytest.raises(DatasetError) as fast:
        _run(load_in_steps(path, min_bytes=0))
    assert fast.value.lines() == strict.value.lines()


def test_a_small_file_goes_to_the_strict_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    fell_back = _fast_only(monkeypatch)
    _run(load_in_steps(bundled_dataset()))
    assert fell_back  # under FAST_MIN_BYTES: no fast path at all


def test_the_command_line_reads_a_large_file_the_fast_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``validate``, ``export`` and the other commands read through ``load_dataset_fast``:
    the strict loader's dataset for a large good file, its message for a large bad one."""
    raw = synthetic_bytes(5_000)
    assert len(raw) >= fastload.FAST_MIN_BYTES
    good = tmp_path / "big.json"
    good.write_bytes(raw)
    fell_back = _fast_only(monkeypatch)
    assert load_dataset_fast(good) == load_dataset(good)
    assert fell_back == []
    bad = tmp_path / "bad.json"
    data = json.loads(raw)
    data["cities"][4_000]["launch_date"] = "2020-02-30"  # no such day, deep in the file
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DatasetError) as strict:
        load_dataset(bad)
    with pytest.raises(DatasetError) as fast:
        load_dataset_fast(bad)
    assert fast.value.lines() == strict.value.lines()
    assert fell_back == [str(bad)]


def _set_reference(data: dict[str, Any], where: str, value: str) -> None:
    """Put ``value`` where a record names a city, metric or source."""
    figure = data["snapshots"][0]["figures"][2]  # a city figure
    if where == "city":
        figure["city"] = value
    elif where in ("metric", "source"):
        figure[where] = value
    elif where == "corroboration":
        figure["corroborated_by"] = [{"source": value}]
    elif where == "alternate":
        figure["alternates"] = [{"value": 1, "source": value}]
    elif where == "population":
        data["cities"][0]["population"]["source"] = value
    else:  # a context count
        city = data["cities"][0]["id"]
        data["context"] = [
            {
                "city": value if where == "context city" else city,
                "metric": "homicides",
                "period": {"start": "2019-01-01", "end": "2019-12-31"},
                "value": 1,
                "source": data["sources"][0]["id"],
                "definition": "d",
                "basis": "b",
            }
        ]


@pytest.mark.parametrize(
    "where",
    [
        "city",
        "metric",
        "source",
        "corroboration",
        "alternate",
        "population",
        "context city",
    ],
)
@pytest.mark.parametrize("value", ["Bad Id", "", "a" * 121, "-lead", "caf\u00e9", "ok"])
def test_a_reference_is_judged_as_the_strict_loader_judges_it(
    where: str, value: str, tmp_path: Path
) -> None:
    """From JSON text a reference is only read as a string (the cross-checks resolve it):
    one that is not a well-formed id still gets the strict loader's message about its form."""
    data = valid_dataset()
    _set_reference(data, where, value)
    path = tmp_path / "reference.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DatasetError) as strict:
        load_dataset(path)
    with pytest.raises(DatasetError) as fast:
        _run(load_in_steps(path, min_bytes=0))
    assert fast.value.lines() == strict.value.lines()
    first = strict.value.lines()[0]
    # A malformed id is refused for its form; a well-formed one that names nothing, by the
    # cross-checks.
    assert ("unknown" in first) == (value == "ok"), first

"""Datasets validated at an earlier start are read back without pydantic, and only when they are
exactly what validating the file would give (model/validated_cache.py, ui/app.py)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from helpers import run_python

from legend_gui.model import validated_cache
from legend_gui.model.loading import read_document, validate_document
from legend_gui.model.schema import City, Dataset, Figure
from legend_gui.model.validated_cache import (
    KEEP_ENTRIES,
    MAX_CACHED_CHARS,
    cache_dir,
    entry_for,
    read_entry,
    read_shipped,
    ship,
    shipped,
    store,
)
from legend_gui.model.vocab import Qualifier, Scope
from legend_gui.resources import bundled_dataset

ISLANDS = Path(__file__).parent / "data" / "islands_operation.json"


def _validated(path: Path) -> tuple[str, Dataset]:
    document = read_document(path)
    return document.text, validate_document(document)


def test_a_kept_dataset_reads_back_equal_record_for_record() -> None:
    text, dataset = _validated(bundled_dataset())
    assert read_entry(entry_for(text)) is None  # nothing kept yet
    assert store(text, dataset)
    back = read_entry(entry_for(text))
    assert back == dataset
    assert back is not None
    figure = back.snapshots[-1].figures[0]
    assert type(figure) is Figure
    assert type(back.cities[0]) is City
    assert figure.scope in (Scope.CITY, Scope.NATIONAL)
    assert type(figure.qualifier) is Qualifier
    assert back.snapshots[-1].date == dataset.snapshots[-1].date


def test_a_changed_file_has_another_entry() -> None:
    text, dataset = _validated(ISLANDS)
    assert store(text, dataset)
    edited = text.replace('"value": 240', '"value": 241', 1)
    assert edited != text
    assert entry_for(edited) != entry_for(text)
    assert read_entry(entry_for(edited)) is None
    assert entry_for(text + " ") != entry_for(text)  # even a space


def test_an_entry_written_under_other_rules_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    text, dataset = _validated(ISLANDS)
    assert store(text, dataset)
    kept = entry_for(text)
    validated_cache._rules_key.cache_clear()
    monkeypatch.setattr(validated_cache, "__version__", "99.0")
    try:
        assert entry_for(text) != kept
    finally:
        validated_cache._rules_key.cache_clear()


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a pickle", b"\x80\x05\x95", pickle.dumps({"cities": []}), pickle.dumps([1, 2])],
)
def test_a_damaged_entry_is_ignored(damage: bytes) -> None:
    text, dataset = _validated(ISLANDS)
    assert store(text, dataset)
    entry = entry_for(text)
    intact = entry.read_bytes()
    entry.write_bytes(damage)
    assert read_entry(entry) is None
    entry.write_bytes(intact[: len(intact) // 2])  # cut short
    assert read_entry(entry) is None


class _Planted:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {cache_dir() / 'ran'}",))


def test_a_planted_entry_runs_no_code() -> None:
    text = read_document(ISLANDS).text
    entry = entry_for(text)
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(pickle.dumps(_Planted()))
    assert read_entry(entry) is None
    assert not (cache_dir() / "ran").exists()
    entry.write_bytes(pickle.dumps(eval))  # a function by name
    assert read_entry(entry) is None


def test_an_entry_larger_than_any_kept_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    text, dataset = _validated(ISLANDS)
    assert store(text, dataset)
    size = entry_for(text).stat().st_size
    monkeypatch.setattr(validated_cache, "MAX_ENTRY_BYTES", size - 1)
    assert read_entry(entry_for(text)) is None
    monkeypatch.setattr(validated_cache, "MAX_ENTRY_BYTES", size)
    assert read_entry(entry_for(text)) == dataset


def test_large_files_are_not_kept_and_old_entries_go() -> None:
    text, dataset = _validated(ISLANDS)
    assert not store(" " * (MAX_CACHED_CHARS + 1), dataset)
    assert not list(cache_dir().glob("*.dataset"))
    for extra in range(KEEP_ENTRIES + 3):
        assert store(text + " " * extra, dataset)
    assert len(list(cache_dir().glob("*.dataset"))) == KEEP_ENTRIES
    assert read_entry(entry_for(text + " " * (KEEP_ENTRIES + 2))) == dataset  # the newest


def test_a_cache_folder_that_cannot_be_written_costs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("x")
    monkeypatch.setenv("LEGEND_GUI_CACHE_DIR", str(blocked / "validated"))
    text, dataset = _validated(ISLANDS)
    assert not store(text, dataset)
    assert read_entry(entry_for(text)) is None


def test_the_shipped_dataset_is_read_only_for_its_own_text_and_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build ships the bundled dataset validated (``ship``, in packaging/legend_gui.spec)
    beside the bundled file, and only there: it serves the text it came from, in the version
    that wrote it."""
    text, dataset = _validated(bundled_dataset())
    monkeypatch.setattr(validated_cache, "bundled_dataset", lambda: tmp_path / "bundled.json")
    assert read_shipped(text) is None  # none shipped (a source checkout)
    ship(text, dataset, shipped())
    assert shipped() == tmp_path / "bundled.validated"
    assert read_shipped(text) == dataset
    assert read_shipped(text.replace("Kansas City", "Kansas  City", 1)) is None
    monkeypatch.setattr(validated_cache, "__version__", "99.0")
    assert read_shipped(text) is None
    monkeypatch.undo()
    monkeypatch.setattr(validated_cache, "bundled_dataset", lambda: tmp_path / "bundled.json")
    header = shipped().read_bytes().partition(b"\n")[0]
    shipped().write_bytes(header + b"\n" + pickle.dumps(_Planted()))
    assert read_shipped(text) is None
    assert not (cache_dir() / "ran").exists()


# -- start-up, as a user starts the app twice ---------------------------------------------------
_START = """
import sys
from legend_gui.cli import main
code = main(["--smoke", *sys.argv[1:]])
print("pydantic imported" if "pydantic" in sys.modules else "pydantic not imported")
sys.exit(code)
"""


def _start(cache: Path, *args: str) -> str:
    result = run_python(["-c", _START, *args], {"LEGEND_GUI_CACHE_DIR": str(cache)})
    assert result.returncode == 0, result.stderr
    assert "chart drawn after" in result.stdout
    return result.stdout


@pytest.mark.gui
def test_a_second_start_reads_the_kept_dataset_without_pydantic(tmp_path: Path) -> None:
    cache = tmp_path / "validated"
    assert "pydantic imported" in _start(cache)
    (entry,) = cache.glob("*.dataset")  # kept once the chart was drawn
    assert "pydantic not imported" in _start(cache)
    entry.write_bytes(b"damaged")
    assert "pydantic imported" in _start(cache)  # validated instead, and kept again
    assert read_entry(entry) is not None


@pytest.mark.gui
def test_a_changed_file_is_validated_at_the_next_start(tmp_path: Path) -> None:
    cache, data = tmp_path / "validated", tmp_path / "islands.json"
    text = ISLANDS.read_text(encoding="utf-8")
    data.write_text(text, encoding="utf-8")
    assert "pydantic imported" in _start(cache, str(data))
    assert "pydantic not imported" in _start(cache, str(data))
    data.write_text(text.replace('"value": 240', '"value": 241', 1), encoding="utf-8")
    assert "pydantic imported" in _start(cache, str(data))
    assert len(list(cache.glob("*.dataset"))) == 2


@pytest.mark.gui
def test_an_entry_of_the_right_classes_but_wrong_shapes_means_validating(qtbot: object) -> None:
    """An entry that unpickles to a ``Dataset`` whose parts are not what validation makes (one
    written by hand) is dropped at start-up, and the file is validated instead."""
    from dataclasses import replace

    from legend_gui.ui.app import _StartFrom
    from legend_gui.ui.dialogs import Dialogs

    document = read_document(bundled_dataset())
    text, dataset = document.text, validate_document(read_document(bundled_dataset()))
    broken = replace(dataset)
    object.__setattr__(broken, "cities", 5)  # not a list of cities
    assert store(text, broken)
    start = _StartFrom(document, Dialogs(), smoke=True)
    assert start.cached() is None
    catalog = start.validated()
    assert catalog is not None
    assert catalog.dataset == dataset

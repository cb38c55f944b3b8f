"""Every malformed file in tests/data/bad is refused with a clear, located message.

``expected.json`` maps each file to a fragment its message must contain (case-insensitive).
The same files go through ``legend-gui validate``: exit 1, one line per problem on stderr,
nothing on stdout, never a traceback.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from legend_gui.cli import main
from legend_gui.model import DatasetError, load_dataset

BAD = Path(__file__).parent / "data" / "bad"
EXPECTED: dict[str, str] = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))
NOT_DATA = {"expected.json", "README.md"}
#: Whole-file problems: there is no line or column to point at.
UNLOCATED = {"empty.json", "whitespace_only.json", "bom_only.json"}
#: A few seconds is generous: the slowest file (200,000 '[') takes well under one.
TIME_LIMIT = 5.0
LOCATED = re.compile(r":(\d+):(\d+): ")

CASES = sorted(EXPECTED)


def test_corpus_is_large_enough_and_fully_listed() -> None:
    on_disk = {path.name for path in BAD.iterdir()} - NOT_DATA
    assert on_disk == set(EXPECTED), "every bad file needs an expected fragment, and vice versa"
    assert len(EXPECTED) >= 32


def test_corpus_has_no_accepted_utf8_bom_file() -> None:
    """A UTF-8 BOM on a valid file is accepted (test_loading), so it must not be listed here."""
    for name in EXPECTED:
        data = (BAD / name).read_bytes()
        if data.startswith(b"\xef\xbb\xbf"):
            assert not data[3:].strip(), name  # only the BOM-only (empty) file


@pytest.mark.parametrize("name", CASES)
def test_load_dataset_refuses_with_expected_message(name: str) -> None:
    path = BAD / name
    started = time.perf_counter()
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    elapsed = time.perf_counter() - started
    text = str(caught.value)
    assert EXPECTED[name].lower() in text.lower(), text
    assert caught.value.file == str(path)
    for problem in caught.value.problems:
        assert problem.file == str(path)
    for line in caught.value.lines():
        assert line.startswith(str(path)) or line.startswith("… and "), line
    assert "Traceback" not in text
    assert elapsed < TIME_LIMIT, f"{name} took {elapsed:.1f} s"


@pytest.mark.parametrize("name", sorted(set(CASES) - UNLOCATED))
def test_message_has_line_and_column(name: str) -> None:
    path = BAD / name
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    first = caught.value.lines()[0]
    match = LOCATED.search(first.removeprefix(str(path)))
    assert first.startswith(f"{path}:"), first
    assert match is not None, f"no :line:column: in {first!r}"
    line, column = int(match.group(1)), int(match.group(2))
    assert line >= 1
    assert column >= 1
    for problem in caught.value.problems:
        assert problem.line is not None
        assert problem.column is not None


@pytest.mark.parametrize("name", sorted(UNLOCATED))
def test_whole_file_problems_have_no_bogus_position(name: str) -> None:
    with pytest.raises(DatasetError) as caught:
        load_dataset(BAD / name)
    assert caught.value.problems[0].line is None


@pytest.mark.parametrize("name", CASES)
def test_validate_command_exits_1_with_one_line_per_problem(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BAD / name
    started = time.perf_counter()
    code = main(["validate", str(path)])
    elapsed = time.perf_counter() - started
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    lines = captured.err.splitlines()
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    assert lines == caught.value.lines()
    assert all(line.strip() for line in lines)
    assert EXPECTED[name].lower() in captured.err.lower()
    assert "Traceback" not in captured.err
    assert elapsed < TIME_LIMIT


def test_validate_many_files_reports_each(capsys: pytest.CaptureFixture[str]) -> None:
    """Several bad files in one call: each one's problems, then exit 1."""
    names = ["nan.json", "dangling_city.json", "empty.json"]
    code = main(["validate", *(str(BAD / name) for name in names)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    for name in names:
        assert str(BAD / name) in captured.err


def test_many_errors_are_capped_at_twenty() -> None:
    with pytest.raises(DatasetError) as caught:
        load_dataset(BAD / "many_errors.json")
    error = caught.value
    assert len(error.problems) == 20
    assert error.total == 50
    assert error.lines()[-1] == "… and 30 more problems"
    assert len(error.lines()) == 21


def test_python_m_validate_in_a_subprocess() -> None:
    """The real entry point: exit code 1, problems on stderr, no traceback, nothing on stdout."""
    files = [BAD / "duplicate_key_figure.json", BAD / "binary_garbage.json"]
    result = subprocess.run(
        [sys.executable, "-m", "legend_gui", "validate", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"{files[0]}:230:11: snapshots[1].figures[2]: ")
    assert "the key 'value' appears twice" in lines[0]
    assert lines[1].startswith(f"{files[1]}:1:1: not valid UTF-8")

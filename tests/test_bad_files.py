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
    # Nothing from the file reaches the terminal raw: no escape, bell, bidi override, ...
    assert all(line.isprintable() for line in lines), lines
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


#: The hostile-content cases (issue 17): valid JSON, valid types, refused for their characters.
HOSTILE = {
    "nul_in_name.json": "\x00",
    "bel_in_name.json": "\x07",
    "ansi_escape_in_name.json": "\x1b",
    "del_in_label.json": "\x7f",
    "c1_next_line_in_publisher.json": "\x85",
    "c1_csi_in_unit.json": "\x9b",
    "tab_in_name.json": "\t",
    "newline_in_label.json": "\n",
    "line_separator_in_title.json": "\u2028",
    "right_to_left_override_in_name.json": "\u202e",
    "embedding_in_snapshot_label.json": "\u202a",
    "isolate_in_state.json": "\u2067",
    "escape_in_note.json": "\x1b",
    "carriage_return_in_description.json": "\r",
    "control_in_url.json": "\x00",
    "escape_in_city_reference.json": "\x1b",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_is_refused_for_one_reason_and_never_echoed_raw(name: str) -> None:
    """Each file is otherwise valid (one problem), and the message shows the character
    escaped wherever it quotes the text (a city's name in the location, a value found)."""
    assert name in EXPECTED
    with pytest.raises(DatasetError) as caught:
        load_dataset(BAD / name)
    error = caught.value
    assert len(error.problems) == 1, error.lines()
    assert HOSTILE[name] not in str(error)
    assert str(error).isprintable()
    # the file does carry the character (written as a JSON escape, readable in an editor)
    assert HOSTILE[name] in "".join(_strings(json.loads((BAD / name).read_bytes())))


def _strings(node: object) -> list[str]:
    if isinstance(node, dict):
        return [text for child in node.values() for text in _strings(child)]
    if isinstance(node, list):
        return [text for child in node for text in _strings(child)]
    return [node] if isinstance(node, str) else []


def test_right_to_left_names_load_unchanged() -> None:
    """Hebrew and Arabic in every kind of text field, and a right-to-left mark, are valid."""
    path = BAD.parent / "rtl_names.json"
    dataset = load_dataset(path)
    assert [city.name for city in dataset.cities] == [
        "תל אביב-יפו",
        "عمّان",
        "Port Arthur (פורט ארתור\u200f)",
    ]
    assert dataset.metrics[0].label == "מעצרים"
    assert dataset.sources[1].publisher == "الجزيرة"
    assert dataset.snapshots[0].label == "דוח סופי"
    assert dataset.sources[0].note == "שורה ראשונה\nسطر ثانٍ"


def test_validate_accepts_right_to_left_names(capsys: pytest.CaptureFixture[str]) -> None:
    path = BAD.parent / "rtl_names.json"
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.startswith(f"{path}: OK: 3 cities, 1 snapshot, 2 figures")

"""Everything the command line prints is printable (issue 17.3): file names, command-line
values and a data file's text can hold terminal escapes, and none reaches the terminal raw.

Valid data cannot hold a control character any more (the loader refuses it), so the escapes
here come from where they still can: file names, option values, and errors' own text. Also:
``export --per-capita`` on data without populations says why instead of writing nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import valid_dataset, write_json

from legend_gui.cli import main
from legend_gui.model.captions import NO_POPULATIONS

ESC_NAME = "red\x1b[31mname\x07\u202e"
DATA = Path(__file__).parent / "data"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_printable(text: str) -> None:
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "\u202e" not in text
    assert all(line.isprintable() for line in text.splitlines()), text


def test_validate_prints_an_escaped_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_json(tmp_path, valid_dataset(), f"{ESC_NAME}.json")
    code, out, err = run(["validate", str(good)], capsys)
    assert code == 0
    assert err == ""
    assert_printable(out)
    assert "red\\x1b[31mname\\x07\\u202e.json: OK:" in out


def test_a_bad_file_with_an_escape_in_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = valid_dataset()
    data["cities"][0]["name"] = "Kansas\x1b[31m City"  # refused by the loader
    path = tmp_path / f"{ESC_NAME}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(["validate", str(path)], capsys)
    assert code == 1
    assert out == ""
    assert_printable(err)
    assert "\\x1b" in err  # shown, not acted on


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--city", "x\x1b[2Jy", "--city: unknown city id 'x\\x1b[2Jy'"),
        ("--metric", "m\x1b]0;owned\x07", "--metric: unknown metric id 'm\\x1b]0;owned\\x07'"),
        ("--snapshot", "2020\x1b[31m", "--snapshot: unknown snapshot date '2020\\x1b[31m'"),
    ],
)
def test_export_escapes_command_line_values(
    option: str,
    value: str,
    expected: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = write_json(tmp_path, valid_dataset())
    out_path = tmp_path / "chart.csv"
    code, out, err = run(
        ["export", "--data", str(good), option, value, "-o", str(out_path)], capsys
    )
    assert code == 2  # a mistyped id is a usage error that names the nearest ids
    assert out == ""
    assert_printable(err)
    assert expected in err
    assert not out_path.exists()


def test_export_escapes_the_output_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_json(tmp_path, valid_dataset())
    written = tmp_path / f"{ESC_NAME}.csv"
    code, out, err = run(["export", "--data", str(good), "-o", str(written)], capsys)
    assert code == 0
    assert err == ""
    assert written.exists()
    assert_printable(out)
    assert "\\x1b[31m" in out
    missing = tmp_path / "no\x1bdir" / "chart.csv"  # a write error names the path
    code, out, err = run(["export", "--data", str(good), "-o", str(missing)], capsys)
    assert code == 1
    assert_printable(err)
    assert "no\\x1bdir" in err


def test_an_unknown_format_is_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_json(tmp_path, valid_dataset())
    code, _out, err = run(["export", "--data", str(good), "-o", str(tmp_path / "x.\x1bq")], capsys)
    assert code == 1
    assert_printable(err)
    assert "unknown format '.\\x1bq'" in err


def test_an_unexpected_error_is_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import legend_gui.cli as cli

    def explode(_options: object) -> int:
        raise RuntimeError("boom \x1b[31m\u202e")

    monkeypatch.setattr(cli, "_validate", explode)
    code, _out, err = run(["validate", "x.json"], capsys)
    assert code == 1
    assert_printable(err)
    assert "unexpected error: RuntimeError: boom \\x1b[31m\\u202e" in err


def test_usage_errors_echo_escaped_values(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(["export", "-o", "x.csv", "--top", "1\x1b[31m"], capsys)
    assert code == 2
    assert_printable(err)
    assert "\\x1b[31m" in err


def test_warnings_print_right_to_left_names_without_isolation_marks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["validate", "-w", str(DATA / "rtl_names.json")], capsys)
    assert code == 0
    assert err == ""
    assert "\u2068" not in out
    assert "\u2069" not in out  # isolates are for views, not terminals
    code, out, err = run(
        ["export", "--data", str(DATA / "rtl_names.json"), "--city", "mixed", "-o",
         str(tmp_path / "rtl.csv")],
        capsys,
    )  # fmt: skip
    assert code == 0
    text = (tmp_path / "rtl.csv").read_text(encoding="utf-8")
    assert "תל אביב-יפו" in text
    assert "\u2068" not in text  # the CSV holds the file's text


def test_per_capita_without_populations_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prairie = DATA / "other" / "prairie_no_populations.json"
    for suffix in ("csv", "png"):
        target = tmp_path / f"rates.{suffix}"
        code, out, err = run(
            ["export", "--data", str(prairie), "--per-capita", "-o", str(target)], capsys
        )
        assert code == 1
        assert out == ""
        assert err == f"legend-gui export: {NO_POPULATIONS}\n"
        assert not target.exists()  # no header-only CSV, no empty chart
    code, _out, _err = run(
        ["export", "--data", str(prairie), "-o", str(tmp_path / "c.csv")], capsys
    )
    assert code == 0  # counts still export

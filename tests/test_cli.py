"""The headless command line (DESIGN.md §4): ``validate``, ``export --all``, usage errors.

In-process through ``legend_gui.cli.main`` (fast, capsys), plus subprocesses where the point is
what a fresh interpreter imports.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import FINAL, LONG_HEADER, valid_dataset, write_json

from legend_gui import __version__
from legend_gui.cli import main
from legend_gui.model import Catalog, load_dataset

QT_PREFIXES = ("PySide6", "pyqtgraph", "shiboken6")


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write_json(tmp_path, valid_dataset(), "good.json")


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    data = valid_dataset()
    data["snapshots"][FINAL]["figures"][2]["value"] = -560
    data["cities"][3]["launch_date"] = "2020-02-30"
    return write_json(tmp_path, data, "bad.json")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- validate -----------------------------------------------------------------------------------


def test_validate_good_file(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["validate", str(good)], capsys)
    assert code == 0
    assert err == ""
    assert out.splitlines() == [
        f"{good}: OK: 5 cities, 2 snapshots, 22 figures, 1 alternate, 3 sources, 0 warnings"
    ]


def test_validate_lists_warnings_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = valid_dataset()
    data["snapshots"][FINAL]["figures"][0]["value"] = 3000  # cities add up to 3,280
    path = write_json(tmp_path, data)
    code, out, err = run(["validate", "--warnings", str(path)], capsys)
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0].endswith("1 warning")
    assert lines[1].startswith("  warning: 2020-12-23: the city figures for “Arrests” add up to")


def test_validate_bad_file(bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["validate", str(bad)], capsys)
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{bad}:")
    assert "cities[3] (Detroit).launch_date: '2020-02-30' is not a real calendar date" in lines[0]
    assert "snapshots[1].figures[2].value: must not be negative (found -560)" in lines[1]


def test_validate_good_and_bad_files_together(
    good: Path, bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["validate", str(bad), str(good)], capsys)
    assert code == 1
    assert out.startswith(f"{good}: OK:")
    assert err.count(str(bad)) == 2
    assert str(good) not in err


def test_validate_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.json"
    code, out, err = run(["validate", str(missing)], capsys)
    assert (code, out, err) == (1, "", f"{missing}: no such file\n")


def test_validate_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(["validate", str(tmp_path)], capsys)
    assert code == 1
    assert err == f"{tmp_path}: this is a folder, not a data file\n"


def test_validate_bundled_dataset(bundled_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not bundled_path.exists():
        pytest.skip("the bundled dataset has not been written yet")
    code, out, err = run(["validate", str(bundled_path)], capsys)
    assert code == 0, err
    assert out.startswith(f"{bundled_path}: OK: 9 cities, ")


# -- usage ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "--bogus", "x.json"],
        ["--bogus"],
        ["export"],
        ["export", "--all"],
        ["export", "-o", "x.png", "--width", "ten"],
        ["export", "-o", "x.png", "--width", "5"],
        ["screenshot"],
        ["a.json", "b.json"],
    ],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(args, capsys)
    assert code == 2
    assert out == ""
    assert "usage:" in err
    assert "error:" in err
    assert "Traceback" not in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["--version"], capsys)
    assert code == 0
    assert out.strip() == f"legend-gui {__version__}"


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["validate", "--help"], ["export", "--help"]])
def test_help(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(args, capsys)
    assert code == 0
    assert out.startswith("usage: legend-gui")
    assert err == ""


def test_top_level_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(["--help"], capsys)
    for command in ("validate", "export", "screenshot"):
        assert f"legend-gui {command}" in out


# -- export --all -------------------------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def expected_cells(row: Any) -> list[str]:
    value = row.value
    number = str(int(value)) if float(value).is_integer() else repr(float(value))
    return [
        row.snapshot_date.isoformat() if row.snapshot_date else "",
        row.scope,
        row.city,
        row.state,
        row.metric,
        number,
        row.unit,
        row.qualifier,
        row.source_url,
        row.publisher,
        row.published_date,
        row.role,
        row.note,
        row.period,
        row.definition,
        row.basis,
    ]


def test_export_all_writes_the_long_rows(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "out.csv"
    code, out, err = run(["export", "--all", "-o", str(out_path), "--data", str(good)], capsys)
    assert code == 0, err
    assert err == ""
    assert out.strip() == f"{out_path}: 24 rows"
    rows = read_csv(out_path)
    assert rows[0] == LONG_HEADER
    catalog = Catalog(load_dataset(good))
    assert rows[1:] == [expected_cells(row) for row in catalog.long_rows()]
    assert [float(r[5]) for r in rows[1:]] == [row.value for row in catalog.long_rows()]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["good.json", "out.csv"]


def test_export_all_csv_details(good: Path, tmp_path: Path) -> None:
    out_path = tmp_path / "out.csv"
    assert main(["export", "--all", "-o", str(out_path), "--data", str(good)]) == 0
    rows = read_csv(out_path)[1:]
    roles = [r[11] for r in rows]
    assert (roles.count("alternate"), roles.count("corroborating")) == (1, 1)
    alternate = rows[roles.index("alternate")]
    assert alternate[2:8] == [
        "Kansas City",
        "MO",
        "federal_defendants_charged",
        "95",
        "defendants",
        "nearly",
    ]
    same = rows[roles.index("corroborating")]
    assert same[2:8] == [
        "Kansas City",
        "MO",
        "federal_defendants_charged",
        "100",
        "defendants",
        "exact",
    ]
    assert same[9] == "KMOV 4 St. Louis"
    assert same[12] == "KMOV gives the same count"
    assert ["2020-12-23", "city", "Chicago", "IL", "drugs_seized_kg", "40.25"] in [
        r[:6] for r in rows
    ]
    assert not any(r[2] == "Albuquerque" and r[0] == "2020-08-19" for r in rows)  # not reported
    assert out_path.read_bytes().startswith(b"snapshot_date,scope,")  # no BOM


def test_export_all_overwrites_an_existing_file(good: Path, tmp_path: Path) -> None:
    out_path = tmp_path / "out.csv"
    out_path.write_text("old content that is longer than nothing\n" * 1000)
    assert main(["export", "--all", "-o", str(out_path), "--data", str(good)]) == 0
    assert read_csv(out_path)[0] == LONG_HEADER


def test_export_all_needs_csv(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "out.txt"
    code, out, err = run(["export", "--all", "-o", str(out_path), "--data", str(good)], capsys)
    assert code == 2
    assert out == ""
    assert ".csv" in err
    assert not out_path.exists()


def test_export_all_to_a_missing_folder(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(tmp_path.iterdir())
    out_path = tmp_path / "no" / "such" / "folder" / "out.csv"
    code, out, err = run(["export", "--all", "-o", str(out_path), "--data", str(good)], capsys)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert "does not exist" in err
    assert str(out_path.parent) in err
    assert "Traceback" not in err
    assert not out_path.exists()
    assert sorted(tmp_path.iterdir()) == before  # nothing left behind


def test_export_all_with_bad_data(
    bad: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "out.csv"
    code, out, err = run(["export", "--all", "-o", str(out_path), "--data", str(bad)], capsys)
    assert code == 1
    assert out == ""
    assert len(err.splitlines()) == 2
    assert all(line.startswith(f"{bad}:") for line in err.splitlines())
    assert not out_path.exists()


# -- what a fresh interpreter imports -------------------------------------------------------------


def python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )


def test_validate_does_not_import_qt(good: Path) -> None:
    result = python(
        "import sys\n"
        "from legend_gui.cli import main\n"
        f"assert main(['validate', {str(good)!r}]) == 0\n"
        f"qt = sorted(m for m in sys.modules if m.startswith({QT_PREFIXES!r}))\n"
        "assert not qt, qt\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{good}: OK:")


def test_model_does_not_import_qt() -> None:
    """Every model module (found by pkgutil, so a new one is covered too) and every name the
    package loads lazily."""
    result = python(
        "import importlib, pkgutil, sys\n"
        "import legend_gui.model as model\n"
        "names = [m.name for m in pkgutil.iter_modules(model.__path__, 'legend_gui.model.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "for name in model.__all__: getattr(model, name)\n"
        f"qt = sorted(m for m in sys.modules if m.startswith({QT_PREFIXES!r}))\n"
        "assert not qt, qt\n"
        "print(*names)\n"
    )
    assert result.returncode == 0, result.stderr
    imported = result.stdout.split()
    model_dir = Path(__file__).resolve().parents[1] / "legend_gui" / "model"
    on_disk = sorted(p.stem for p in model_dir.glob("*.py") if p.stem != "__init__")
    assert sorted(name.rsplit(".", 1)[1] for name in imported) == on_disk
    assert "legend_gui.model.loading" in imported
    assert "legend_gui.model.queries" in imported


def test_window_builds_before_pydantic_is_imported() -> None:
    """The first frame (the city list) needs no pydantic: importing it costs ~100 ms, so it is
    loaded after the first paint, when the file is validated (issue 15)."""
    result = python(
        "import sys\n"
        "import legend_gui.ui.main_window, legend_gui.ui.app\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'numpy'))\n"
        "assert not heavy, heavy\n"
        "assert 'legend_gui.model.schema' not in sys.modules\n"
    )
    assert result.returncode == 0, result.stderr


#: Modules the window needs only once a file is loaded (the dataset's queries, the detail
#: pane's HTML) or an export, citation or view is asked for: none is imported before the first
#: frame.
LATER_MODULES = [
    "legend_gui.model.queries",
    "legend_gui.model.citation",
    "legend_gui.model.csvdata",
    "legend_gui.model.map_entries",
    "legend_gui.ui.render",
    "legend_gui.ui.export_dialog",
    "legend_gui.ui.detail_html",
    "legend_gui.ui.context_detail",
]


def test_the_log_file_is_made_when_something_is_logged(tmp_path: Path) -> None:
    """Setting the log up costs no rotating-file module (≈20 ms of imports) until a record
    comes; then the record is in the file, and the file rotates at 1 MB."""
    result = python(
        "import os, sys, logging\n"
        f"os.environ['LEGEND_GUI_LOG_DIR'] = {str(tmp_path)!r}\n"
        "from legend_gui import crash\n"
        "assert crash.setup_logging() == crash.log_file()\n"
        "assert 'logging.handlers' not in sys.modules\n"
        "crash.log_exception(RuntimeError('first'))\n"
        "assert 'logging.handlers' in sys.modules\n"
        "for _ in range(3):\n"
        "    logging.getLogger('legend_gui').error('x' * 600_000)\n"
    )
    assert result.returncode == 0, result.stderr
    logs = sorted(tmp_path.glob("legend-gui.log*"))
    assert [p.name for p in logs] == [f"legend-gui.log{end}" for end in ("", ".1", ".2")]
    assert all(p.stat().st_size < 1_300_000 for p in logs)
    assert "RuntimeError: first" in logs[-1].read_text(encoding="utf-8")  # the oldest


def test_a_log_folder_gone_before_the_first_record_costs_that_record_only(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "logs"
    result = python(
        "import os, shutil, logging\n"
        f"os.environ['LEGEND_GUI_LOG_DIR'] = {str(folder)!r}\n"
        "from legend_gui import crash\n"
        "assert crash.setup_logging() == crash.log_file()\n"
        f"shutil.rmtree({str(folder)!r})\n"
        "crash.log_exception(RuntimeError('lost'))\n"
        f"os.mkdir({str(folder)!r})\n"
        "crash.log_exception(RuntimeError('kept'))\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no logging traceback on the terminal
    log = (folder / "legend-gui.log").read_text(encoding="utf-8")
    assert "RuntimeError: kept" in log
    assert "lost" not in log


def test_window_builds_before_the_exports_and_queries_are_imported() -> None:
    result = python(
        "import sys\n"
        "import legend_gui.ui.main_window, legend_gui.ui.app\n"
        f"early = [m for m in {LATER_MODULES!r} if m in sys.modules]\n"
        "assert not early, early\n"
    )
    assert result.returncode == 0, result.stderr


def test_export_all_does_not_import_qt(good: Path, tmp_path: Path) -> None:
    """The long CSV is pure Python (export.py says so): no display, no Qt start-up cost."""
    out_path = tmp_path / "out.csv"
    result = python(
        "import sys\n"
        "from legend_gui.cli import main\n"
        f"assert main(['export', '--all', '-o', {str(out_path)!r}, '--data', {str(good)!r}]) == 0\n"
        f"qt = sorted(m for m in sys.modules if m.startswith({QT_PREFIXES!r}))\n"
        "assert not qt, qt\n"
    )
    assert result.returncode == 0, result.stderr
    assert out_path.exists()


# -- ids on the command line (issue 16) ---------------------------------------------------------
def test_list_cities_metrics_snapshots(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = Catalog(load_dataset(good), str(good))
    code, out, err = run(["list", "cities", "--data", str(good)], capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == len(catalog.dataset.cities)
    first = catalog.dataset.cities[0]
    assert lines[0].split()[0] == first.id
    assert lines[0].endswith(f"{first.name}, {first.state}")
    starts = {line.index(line.split()[1]) for line in lines}  # the names form one column
    assert len(starts) == 1
    code, out, _ = run(["list", "metrics", "--data", str(good)], capsys)
    assert [line.split()[0] for line in out.splitlines()] == [m.id for m in catalog.dataset.metrics]
    code, out, _ = run(["list", "snapshots", "--data", str(good)], capsys)
    assert [line.split()[0] for line in out.splitlines()] == [
        s.date.isoformat() for s in catalog.dataset.snapshots
    ]


def test_list_prints_hostile_names_escaped() -> None:
    from legend_gui.model.ids import listing_lines

    lines = listing_lines([("x", "Evil\x1b[2J\u202eName")])
    assert lines == ["x  Evil\\x1b[2J\\u202eName"]


@pytest.mark.parametrize(
    ("command", "option", "typed", "nearest"),
    [
        ("export", "--city", "kansas-city", "kansas-city-mo"),
        ("export", "--metric", "arrests_totl", "arrests_total"),
        ("export", "--snapshot", "2020-08-18", "2020-08-19"),
        ("screenshot", "--city", "chicago", "chicago-il"),
    ],
)
def test_a_mistyped_id_is_a_usage_error_naming_the_nearest(
    command: str,
    option: str,
    typed: str,
    nearest: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / ("x.png" if command == "screenshot" else "x.csv")
    code, _out, err = run([command, "-o", str(out), option, typed], capsys)
    assert code == 2
    assert err.count("\n") == 1
    assert f"{option}: unknown" in err
    assert f"'{typed}'" in err
    assert nearest in err.split("nearest:")[1]
    assert not out.exists()


def test_a_mistyped_id_is_printed_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(["export", "-o", str(tmp_path / "x.csv"), "--city", "x\x1b[31my"], capsys)
    assert code == 2
    assert "\x1b" not in err
    assert "x\\x1b[31my" in err
    assert "legend-gui list cities" in err  # nothing close: says where the ids are


def test_counts_agree_with_their_nouns() -> None:
    from legend_gui.model.formatting import counted

    assert counted(1, "city") == "1 city"
    assert counted(2, "city") == "2 cities"
    assert counted(1_200, "figure") == "1,200 figures"
    assert counted(0, "warning") == "0 warnings"


def test_validate_says_1_city_not_1_cities(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = valid_dataset()
    keep = data["cities"][0]["id"]
    data["cities"] = data["cities"][:1]
    for snapshot in data["snapshots"]:
        snapshot["figures"] = [
            f for f in snapshot["figures"] if f["scope"] == "national" or f.get("city") == keep
        ]
    path = write_json(tmp_path, data, "one.json")
    code, out, _err = run(["validate", str(path)], capsys)
    assert code == 0, _err
    assert ": 1 city, " in out
    assert "cities" not in out

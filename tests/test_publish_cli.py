"""Publishing from the command line (DESIGN §4): ``cite``, ``sheet``, ``export`` to PDF, the
editable export text, the data's attribution on every export, and ``export --all`` to a zip.

Files are read back: PDFs with pypdf (text and links), SVG as XML text, PNGs as pixels, the zip
with the ``frictionless`` validator.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from helpers_gui import color_mask, pixels

from legend_gui.cli import main
from legend_gui.model import Catalog, load_dataset
from legend_gui.model.citation import cite_figure, latest_reported_day
from legend_gui.model.datapackage import PACKAGE_FILES
from legend_gui.ui.chart_theme import LIGHT

SMALL = Path(__file__).parent / "data" / "publish" / "small.json"
PORT, GULL = "port-ambrose-zz", "gull-rock-yy"
ATTRIBUTION = "Data: Harbor Watch figures, EX-1.0."


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def pdf_text(path: Path) -> tuple[str, list[str], tuple[float, float]]:
    """The first page's text (whitespace collapsed), its link targets and its size in points."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    annotations = page.get("/Annots")
    links = [a.get_object()["/A"]["/URI"] for a in annotations.get_object()] if annotations else []
    size = (float(page.mediabox.width), float(page.mediabox.height))
    return " ".join(page.extract_text().split()), links, size


@pytest.fixture(scope="module")
def small() -> Catalog:
    return Catalog(load_dataset(SMALL), str(SMALL))


# -- cite ---------------------------------------------------------------------------------------
def test_cite_prints_the_model_citation(small: Catalog, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["cite", "--data", str(SMALL), "--city", PORT, "--metric", "boats_checked"]
    code, out, err = run([*args, "--snapshot", "2031-01-09"], capsys)
    assert (code, err) == (0, "")
    assert out == (
        "43 boats (Boats checked), Port Ambrose, ZZ, as announced on 9 Jan 2031. "
        "Source: Ministry of Harbors, published 9 Jan 2031, "
        "<https://ministry.example/releases/42>. "
        "Compiled in Harbor Watch figures, EX-1.0.\n"
    )
    code, out, _err = run([*args, "--style", "apa", "--snapshot", "2031-02-01"], capsys)
    assert code == 0
    assert out.startswith("Approximately 90 boats (Boats checked), Port Ambrose, ZZ, ")
    assert out.strip() == cite_figure(small, (date(2031, 2, 1), PORT, "boats_checked"), "apa")


def test_cite_latest_is_the_most_recent_snapshot_reporting_the_figure(
    small: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    # Port Ambrose's nets were reported on 9 Jan only: "latest" is 9 Jan, not the last snapshot
    assert latest_reported_day(small, PORT, "nets_seized") == date(2031, 1, 9)
    assert latest_reported_day(small, PORT, "boats_checked") == date(2031, 2, 1)
    assert latest_reported_day(small, GULL, "nets_seized") is None
    base = ["cite", "--data", str(SMALL), "--city", PORT, "--metric", "nets_seized"]
    code, latest, _ = run([*base, "--snapshot", "latest"], capsys)
    _, default, _ = run(base, capsys)  # latest is the default
    assert code == 0
    assert latest == default
    assert latest.startswith(
        "More than 1,000 nets (Nets seized), Port Ambrose, ZZ, as announced on 9 Jan 2031."
    )


def test_cite_of_a_disputed_national_figure_names_the_other_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        [
            "cite",
            "--data",
            str(SMALL),
            "--metric",
            "boats_checked",
            "--snapshot",
            "2031-01-09",
            "--style",
            "chicago",
        ],
        capsys,
    )
    assert code == 0
    assert out.startswith("60 boats (Boats checked), national, as announced on January 9, 2031.")
    assert "Disputed; other reports: 75 boats: Radio Quay." in out
    assert ".." not in out  # "n.d." is not followed by a second full stop


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--city", "port-ambrose", "--metric", "boats_checked"],
            "unknown city id 'port-ambrose' (did you mean: port-ambrose-zz?)",
        ),
        (
            ["--city", PORT, "--metric", "boat_checked"],
            "unknown metric 'boat_checked' (did you mean: boats_checked?)",
        ),
        (
            ["--city", PORT, "--metric", "boats_checked", "--snapshot", "2031-01-10"],
            "unknown snapshot '2031-01-10' (did you mean: 2031-01-09",
        ),
        (
            ["--city", PORT, "--metric", "boats_checked", "--snapshot", "yesterday"],
            "--snapshot takes YYYY-MM-DD or 'latest', not 'yesterday'",
        ),
        (["--metric", "boats_checked", "--style", "mla"], "invalid choice: 'mla'"),
    ],
)
def test_cite_mistyped_ids_are_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["cite", "--data", str(SMALL), *args], capsys)
    assert (code, out) == (2, "")
    assert message in err
    assert "Traceback" not in err


def test_cite_of_a_figure_not_reported_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = ["cite", "--data", str(SMALL), "--city", GULL]
    code, out, err = run([*base, "--metric", "nets_seized"], capsys)
    assert (code, out) == (1, "")
    assert err == "legend-gui cite: Nets seized, Gull Rock, YY: not reported in any snapshot\n"
    code, out, err = run([*base, "--metric", "boats_checked", "--snapshot", "2031-01-09"], capsys)
    assert (code, out) == (1, "")
    assert err == "legend-gui cite: Boats checked, Gull Rock, YY: not reported on 2031-01-09\n"


def test_cite_runs_on_the_bundled_data_without_qt(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from legend_gui.cli import main; "
        "rc = main(['cite', '--city', 'st-louis-mo', '--metric', 'arrests_total']); "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph')))); "
        "sys.exit(rc)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    citation, imported = done.stdout.splitlines()
    assert citation.startswith("828 people (Arrests (total)), St. Louis, MO, as announced on")
    assert citation.endswith("CC BY 4.0.")
    assert imported == "[]"


# -- sheet --------------------------------------------------------------------------------------
@pytest.mark.usefixtures("qapp")
def test_sheet_writes_a_one_page_pdf_with_the_city_figures_and_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "port.pdf"
    args = ["sheet", "--data", str(SMALL), "--city", PORT, "-o", str(out), "--paper", "letter"]
    code, printed, err = run(args, capsys)
    assert (code, err) == (0, "")
    assert printed == f"{out}: fact sheet of Port Ambrose, ZZ\n"
    text, links, size = pdf_text(out)
    assert size == pytest.approx((612, 792), abs=1)  # Letter, as asked
    for words in (
        "Port Ambrose, ZZ",
        "approximately 90 boats",
        "more than 1,000 nets",
        "2,500.5 USD",
        "Ministry of Harbors",
        "Compiled in Harbor Watch figures",
    ):
        assert words in text, words
    assert "https://ministry.example/releases/42" in links


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--city", "gull-rock"], "unknown city id 'gull-rock' (did you mean: gull-rock-yy?)"),
        (["--city", GULL, "-o", "sheet.png"], "give -o a name ending in .pdf"),
    ],
)
def test_sheet_usage_errors(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if "-o" not in args:
        args = [*args, "-o", str(tmp_path / "x.pdf")]
    code, _out, err = run(["sheet", "--data", str(SMALL), *args], capsys)
    assert code == 2
    assert message in err
    assert list(tmp_path.iterdir()) == []


# -- export to PDF, with the editor's text --------------------------------------------------------
def _export(tmp_path: Path, name: str, *extra: str) -> Path:
    out = tmp_path / name
    args = [
        "export",
        "--data",
        str(SMALL),
        "--snapshot",
        "2031-01-09",
        "--metric",
        "boats_checked",
        "--width",
        "1200",
        "--height",
        "675",
        "-o",
        str(out),
        *extra,
    ]
    assert main(args) == 0
    return out


@pytest.mark.usefixtures("qapp")
def test_pdf_chart_is_vector_with_text_as_text(tmp_path: Path) -> None:
    text, _links, size = pdf_text(_export(tmp_path, "chart.pdf"))
    assert size == pytest.approx((900, 506.25), abs=1)  # 1200 × 675 CSS px in points
    for words in (
        "Boats checked",
        "As announced on 9 Jan 2031",
        "Port Ambrose, ZZ",
        "43",
        "Ministry of Harbors",
        ATTRIBUTION,
        "Made with Legend Viewer",
    ):
        assert words in text, words
    pdf = (tmp_path / "chart.pdf").read_bytes()
    assert b"/Subtype /Image" not in pdf  # drawn, not a picture of the chart


@pytest.mark.usefixtures("qapp")
def test_custom_title_subtitle_and_note_reach_png_svg_and_pdf(tmp_path: Path) -> None:
    custom = (
        "--title",
        "Boats stopped in the bay",
        "--subtitle",
        "Our count, 9 January",
        "--note",
        "Figures checked by the desk.",
    )
    default_png = pixels(_export(tmp_path, "default.png"))
    custom_png = pixels(_export(tmp_path, "custom.png", *custom))
    title_band = slice(0, 90)  # the title and subtitle rows at the design size
    assert (default_png[title_band] != custom_png[title_band]).any(axis=2).sum() > 500
    svg = _export(tmp_path, "custom.svg", *custom).read_text(encoding="utf-8")
    text, _links, _size = pdf_text(_export(tmp_path, "custom.pdf", *custom))
    for shown in (svg, text):
        assert "Boats stopped in the bay" in shown
        assert "Our count, 9 January" in shown
        assert "Figures checked by the desk." in shown
        assert ATTRIBUTION in shown
        assert "As announced on 9 Jan 2031" not in shown  # the data's subtitle was replaced
    untitled, _links, _size = pdf_text(_export(tmp_path, "untitled.pdf", "--title", ""))
    assert not untitled.startswith("Boats checked")
    assert "As announced on 9 Jan 2031" in untitled


@pytest.mark.usefixtures("qapp")
def test_larger_text_for_print_makes_the_text_larger(tmp_path: Path) -> None:
    def title_height(path: Path) -> int:
        ink = (pixels(path)[:120] < 100).all(axis=2).any(axis=1)  # rows with dark title text
        rows = ink.nonzero()[0]
        return int(rows[-1] - rows[0]) if rows.size else 0

    normal = title_height(_export(tmp_path, "normal.png"))
    large = title_height(_export(tmp_path, "large.png", "--large-text"))
    assert normal > 10
    assert large >= normal * 1.2


@pytest.mark.usefixtures("qapp")
def test_highlight_can_be_switched_off(tmp_path: Path) -> None:
    selected = LIGHT.color("bar_selected").name()
    on = _export(tmp_path, "on.png", "--city", PORT)
    off = _export(tmp_path, "off.png", "--city", PORT, "--no-highlight")
    assert color_mask(pixels(on), selected).sum() > 2000
    assert color_mask(pixels(off), selected).sum() == 0
    on_svg = _export(tmp_path, "on.svg", "--city", PORT).read_text(encoding="utf-8")
    off_svg = _export(tmp_path, "off.svg", "--city", PORT, "--no-highlight").read_text("utf-8")
    assert "Highlighted: Port Ambrose, ZZ, the selected city." in on_svg  # the key
    assert "Highlighted" not in off_svg


# -- the data package -----------------------------------------------------------------------------
def test_export_all_to_zip_is_a_valid_package_with_the_long_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from frictionless import validate

    code, out, _ = run(["export", "--all", "-o", str(tmp_path / "all.zip")], capsys)
    assert code == 0
    assert out.endswith("rows (data package)\n")
    assert main(["export", "--all", "-o", str(tmp_path / "all.csv")]) == 0
    with zipfile.ZipFile(tmp_path / "all.zip") as archive:
        assert archive.namelist() == list(PACKAGE_FILES)
        assert archive.read("figures.csv") == (tmp_path / "all.csv").read_bytes()
        archive.extractall(tmp_path / "package")
    report = validate(str(tmp_path / "package" / "datapackage.json"))
    assert report.valid, [e.message for task in report.tasks for e in task.errors]
    code, _out, err = run(["export", "--all", "-o", str(tmp_path / "all.json")], capsys)
    assert code == 2
    assert "give -o .csv or .zip" in err

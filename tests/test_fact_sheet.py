"""A city's one-page fact sheet: what it says (model) and the PDF it becomes (Qt, offscreen).

The PDF is read back with pypdf: its text and link annotations, not only that a file exists.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from legend_gui.model import Catalog, load_dataset
from legend_gui.model import fact_sheet as sheet_model
from legend_gui.model.fact_sheet import build_fact_sheet

SMALL = Path(__file__).parent / "data" / "publish" / "small.json"
PORT = "port-ambrose-zz"


@pytest.fixture(scope="module")
def small() -> Catalog:
    return Catalog(load_dataset(SMALL), str(SMALL))


# -- content (no Qt) ------------------------------------------------------------------------------
def test_rows_show_latest_figures_with_qualifier_unit_change_and_sources(small: Catalog) -> None:
    sheet = build_fact_sheet(small, PORT)
    assert sheet.title == "Port Ambrose, ZZ"
    assert sheet.facts == (
        ("Launched", "2 Jan 2031", ()),
        ("District", "Northern Coast District", ()),
        ("Population", "48,210 (2030)", (1,)),
    )
    rows = {row.metric.id: row for row in sheet.rows}
    assert list(rows) == ["boats_checked", "nets_seized", "fines_paid"]  # core first
    boats = rows["boats_checked"]
    assert (boats.value_text, boats.day) == ("approximately 90 boats", date(2031, 2, 1))
    # an approximate figure after an exact one: no exact difference is claimed
    assert boats.change_text == "was 43 on 9 Jan 2031"
    assert rows["nets_seized"].value_text == "more than 1,000 nets"
    assert rows["nets_seized"].change_text == "first report"
    assert rows["fines_paid"].value_text == "2,500.5 USD"
    numbers = dict((source.id, n) for n, source in sheet.footnotes)
    assert numbers == {"almanac": 1, "gazette-2031-01-10": 2, "ministry-2031-01-09": 3}
    assert boats.notes == (2,)


def test_not_reported_core_metric_is_shown_and_other_metrics_are_left_out(small: Catalog) -> None:
    sheet = build_fact_sheet(small, "gull-rock-yy")
    rows = {row.metric.id: row for row in sheet.rows}
    assert rows["nets_seized"].figure is None
    assert rows["nets_seized"].value_text == "not reported"  # never 0
    assert "fines_paid" not in rows  # not core, not reported
    assert [label for label, _text, _notes in sheet.facts] == ["Launched"]  # no population
    # same value, other framing: not a dispute, so no "other reports" on the sheet
    assert rows["boats_checked"].others_text == ""


def test_disputed_figure_names_the_other_values_and_their_sources(catalog: Catalog) -> None:
    sheet = build_fact_sheet(catalog, "st-louis-mo")
    disputed = [row for row in sheet.rows if row.others_text]
    assert disputed
    for row in disputed:
        assert row.figure is not None
        assert row.others_text.endswith("in other reports")
        assert len(row.notes) > 1  # the primary source's footnote and the others'


def test_corroborating_sources_are_footnoted_beside_the_primary(catalog: Catalog) -> None:
    sheet = build_fact_sheet(catalog, "memphis-tn")
    numbers = {source.id: n for n, source in sheet.footnotes}
    corroborated = [row for row in sheet.rows if row.figure and row.figure.corroborated_by]
    assert corroborated
    for row in corroborated:
        assert row.figure is not None
        for other in row.figure.corroborated_by:
            assert numbers[other.source] in row.notes


def test_chart_adds_the_city_with_its_real_rank_outside_the_top(
    small: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheet_model, "CHART_CITIES", 1)
    sheet = build_fact_sheet(small, "gull-rock-yy")
    assert sheet.chart_metric is not None
    assert sheet.chart_metric.id == "boats_checked"
    assert [(bar.label, bar.rank, bar.is_subject) for bar in sheet.bars] == [
        ("Port Ambrose", 1, False),
        ("Gull Rock", 2, True),
    ]
    assert [point.figure.value for point in sheet.history] == [12]


def test_warnings_caveats_and_citation_come_from_the_data(catalog: Catalog) -> None:
    sheet = build_fact_sheet(catalog, "kansas-city-mo")
    assert sheet.warnings == tuple(w.message for w in catalog.warnings_for("kansas-city-mo"))
    assert sheet.warnings
    assert sheet.caveats == catalog.dataset.description
    assert catalog.dataset.title in sheet.citation


# -- the PDF (Qt) ---------------------------------------------------------------------------------
def _pdf_text_and_links(data: bytes) -> tuple[int, str, list[str], tuple[float, float]]:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    annotations = page.get("/Annots")
    links = [a.get_object()["/A"]["/URI"] for a in annotations.get_object()] if annotations else []
    size = (float(page.mediabox.width), float(page.mediabox.height))
    text = " ".join(page.extract_text().split())
    return len(reader.pages), text, links, size


@pytest.mark.usefixtures("qapp")
def test_pdf_has_the_city_figures_and_source_links(small: Catalog, tmp_path: Path) -> None:
    from PySide6.QtGui import QPageSize

    from legend_gui.ui.fact_sheet import write_fact_sheet_pdf

    out = tmp_path / "sheet.pdf"
    write_fact_sheet_pdf(small, PORT, out, QPageSize.PageSizeId.A4)
    pages, text, links, size = _pdf_text_and_links(out.read_bytes())
    assert pages == 1
    assert size == pytest.approx((595, 842), abs=1)
    for words in (
        "Port Ambrose, ZZ",
        "Northern Coast District",
        "48,210 (2030)",
        "approximately 90 boats",
        "more than 1,000 nets",
        "2,500.5 USD",
        "was 43 on 9 Jan 2031",
        "Bay Gazette",
        "Running totals announced for a made-up initiative",  # the data's caveats
        "Example Licence (EX-1.0)",
        "Compiled in Harbor Watch figures, EX-1.0.",
    ):
        assert words in text, words
    unbroken = "".join(text.split())  # a long link wraps at a hyphen, like any printed one
    for source_id in ("almanac", "gazette-2031-01-10", "ministry-2031-01-09"):
        url = small.source(source_id).url
        assert url in links  # every cited source is a live link, whole...
        assert url in unbroken  # ...and readable text
    assert "Radio Quay" not in text  # not cited by this city
    assert small.source("radio-undated").url not in links


@pytest.mark.usefixtures("qapp")
def test_letter_pdf_to_a_device_and_a_crowded_city_still_fits_one_page(catalog: Catalog) -> None:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QPageSize

    from legend_gui.ui.fact_sheet import write_fact_sheet_pdf

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    write_fact_sheet_pdf(catalog, "kansas-city-mo", buffer, QPageSize.PageSizeId.Letter)
    pages, text, links, size = _pdf_text_and_links(bytes(buffer.data().data()))
    assert pages == 1
    assert size == pytest.approx((612, 792), abs=1)
    sheet = build_fact_sheet(catalog, "kansas-city-mo")
    assert len(sheet.rows) > 30  # the most crowded city of the bundled data
    for row in sheet.rows:
        assert row.metric.label in text
    assert {source.url for _n, source in sheet.footnotes} <= set(links)


@pytest.mark.usefixtures("qapp")
def test_printer_path_paints_the_same_sheet(small: Catalog, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from legend_gui.ui.fact_sheet import print_fact_sheet

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_fact_sheet(small, PORT, printer)
    _pages, text, _links, _size = _pdf_text_and_links((tmp_path / "printed.pdf").read_bytes())
    assert "Port Ambrose, ZZ" in text
    assert "more than 1,000 nets" in text


@pytest.mark.usefixtures("qapp")
def test_charts_are_drawn(small: Catalog) -> None:
    """Painted on an image: the city's bar and timeline in the highlight colour, hatched
    (not exact) marks in the chart band."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from legend_gui.ui.fact_sheet import paint_fact_sheet
    from legend_gui.ui.fact_sheet_charts import SUBJECT

    image = QImage(1240, 1754, QImage.Format.Format_RGB32)  # A4 at 150 dpi
    image.setDotsPerMeterX(5906)
    image.setDotsPerMeterY(5906)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_fact_sheet(painter, build_fact_sheet(small, PORT), QRectF(60, 60, 1120, 1634))
    painter.end()
    highlight = SUBJECT.rgb()
    left = sum(
        image.pixel(x, y) == highlight for x in range(60, 620, 2) for y in range(150, 600, 2)
    )
    right = sum(
        image.pixel(x, y) == highlight for x in range(640, 1180, 2) for y in range(150, 600, 2)
    )
    assert left > 50  # the city's bar
    assert right > 5  # the timeline's line and dots


def test_default_page_size_follows_the_locale(qapp: object) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QPageSize

    from legend_gui.ui.fact_sheet import default_page_size

    letter, a4 = QPageSize.PageSizeId.Letter, QPageSize.PageSizeId.A4
    assert default_page_size(QLocale("en_US")) == letter
    assert default_page_size(QLocale("fr_CA")) == letter  # metric, but Letter paper
    assert default_page_size(QLocale("en_GB")) == a4
    assert default_page_size(QLocale("de_DE")) == a4


@pytest.mark.usefixtures("qapp")
def test_unwritable_target_is_one_readable_error(small: Catalog, tmp_path: Path) -> None:
    from legend_gui.fileio import WriteError
    from legend_gui.ui.fact_sheet import write_fact_sheet_pdf

    with pytest.raises(WriteError, match="does not exist"):
        write_fact_sheet_pdf(small, PORT, tmp_path / "missing" / "sheet.pdf")


@pytest.mark.usefixtures("qapp")
def test_a_long_city_name_in_the_chart_is_cut_in_the_middle(tmp_path: Path) -> None:
    """``Winston…al area``: never the whole name run past the chart's edge, where the page
    cuts it to "an statistical area"."""
    from PySide6.QtGui import QPageSize

    from legend_gui.ui.fact_sheet import write_fact_sheet_pdf

    data = Path(__file__).parent / "data" / "other" / "billions.json"
    catalog = Catalog(load_dataset(data), str(data))
    out = tmp_path / "sheet.pdf"
    write_fact_sheet_pdf(catalog, "san-jose-ca", out, QPageSize.PageSizeId.A4)
    _pages, text, _links, _size = _pdf_text_and_links(out.read_bytes())
    assert "metropolitan statistical" not in text  # the name appears only in the chart
    assert re.search(r"Winston\S*…\S* area", text), text  # its start and its end

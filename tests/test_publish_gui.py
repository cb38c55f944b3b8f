"""Publishing from the window: Copy Citation (Edit menu, a figure in the detail pane, a bar),
Copy All Sources, Print / Save Fact Sheet, Export Data as Package, PDF and the editor's text in
Export Chart, and the About box's two licences. Real widgets, offscreen; dialogs are fakes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers_gui import FakeDialogs
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QTextDocument

from legend_gui.model import Catalog
from legend_gui.model.chart import BarChart
from legend_gui.model.citation import cite_figure
from legend_gui.model.datapackage import PACKAGE_FILES
from legend_gui.model.export_options import ExportOptions, ExportText

CITY = "st-louis-mo"
#: A popup menu on the offscreen platform: it cannot raise a window or grab the keyboard.
POPUP = pytest.mark.qt_log_ignore("This plugin does not support")


def clipboard_text() -> str:
    return QGuiApplication.clipboard().text()


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def window(make_window: Any, catalog: Catalog) -> Any:
    window = make_window(catalog)
    window.select_city(CITY)
    # the snapshot where most cities report the chart's metric, the city among them (the
    # first-start one may not have the city)
    metric = window.chart_settings.metric

    def reporting(day: date) -> int:
        return sum(catalog.figure(day, city.id, metric) is not None for city in catalog.cities)

    day = max(
        (d for d in catalog.snapshot_dates if catalog.figure(d, CITY, metric)),
        key=lambda d: (reporting(d), d),
    )
    window.apply_chart_settings(window.chart_settings.with_(snapshot=day))
    QGuiApplication.clipboard().clear()
    return window


def action(window: Any, action_id: str) -> Any:
    found = window.menu_actions[action_id]
    assert found.isEnabled()
    return found


# -- citations ----------------------------------------------------------------------------------
def test_edit_copy_citation_copies_the_selected_citys_figure(window: Any, catalog: Catalog) -> None:
    settings = window.chart_settings
    action(window, "copy_citation").trigger()
    expected = cite_figure(catalog, (settings.snapshot, CITY, settings.metric))
    assert clipboard_text() == expected
    assert expected.startswith(
        f"{catalog.figure(settings.snapshot, CITY, settings.metric).value:,.0f}"
    )
    assert "St. Louis, MO" in expected
    assert window.menu_actions["copy_citation"].shortcut().toString() == "Ctrl+Shift+I"


def test_copy_citation_of_a_figure_not_reported_copies_nothing(
    window: Any, catalog: Catalog
) -> None:
    day = window.chart_settings.snapshot
    missing = next(m.id for m in catalog.chart_metrics if catalog.figure(day, CITY, m.id) is None)
    window.set_metric(missing)
    QGuiApplication.clipboard().setText("before")
    assert window.publish.copy_selected_citation() is None
    assert clipboard_text() == "before"
    assert "Nothing to cite" in window.statusBar().currentMessage()


def _row_point(window: Any, label: str) -> QPoint:
    """The viewport position of ``label``'s text in the detail pane's figure table."""
    detail = window.detail
    cursor = detail.document().find(label, 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert not cursor.isNull(), label
    detail.setTextCursor(cursor)
    detail.ensureCursorVisible()
    return detail.cursorRect(cursor).center()


def _right_click(detail: Any, point: QPoint) -> Any:
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, detail.viewport().mapToGlobal(point)
    )
    detail.contextMenuEvent(event)
    menu = detail.context_menu
    assert menu is not None
    return menu


@POPUP
def test_right_click_a_figure_in_the_detail_pane_copies_its_citation(
    window: Any, catalog: Catalog
) -> None:
    detail, day = window.detail, window.chart_settings.snapshot
    metric = next(m for m in catalog.dataset.metrics if catalog.figure(day, CITY, m.id))
    menu = _right_click(detail, _row_point(window, metric.label))
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[0] == "Copy &Citation"
    assert any("Copy" in t for t in texts[1:])  # the standard Copy, Select All stay
    menu.actions()[0].trigger()
    menu.close()
    assert clipboard_text() == cite_figure(catalog, (day, CITY, metric.id))


@POPUP
def test_right_click_a_not_reported_row_or_the_heading_offers_no_citation(
    window: Any, catalog: Catalog
) -> None:
    core = [m for m in catalog.dataset.metrics if m.group == "core"]
    day, missing = next(
        (d, m) for d in catalog.snapshot_dates for m in core if not catalog.figure(d, CITY, m.id)
    )
    window.apply_chart_settings(window.chart_settings.with_(snapshot=day))
    detail = window.detail
    for label in (missing.label, "St. Louis, MO"):
        menu = _right_click(detail, _row_point(window, label))
        assert "Copy &Citation" not in [a.text() for a in menu.actions()], label
        menu.close()


@POPUP
def test_right_click_a_bar_copies_that_citys_citation(
    window: Any, catalog: Catalog, qtbot: Any
) -> None:
    panel = window.chart_panel
    chart = panel.chart
    assert isinstance(chart, BarChart)
    target = next(
        i for i, bar in enumerate(chart.bars) if bar.value is not None and not bar.selected
    )
    bar = chart.bars[target]
    plot = panel.plot("bars")
    qtbot.waitUntil(lambda: plot.isVisible())
    point = QPoint(plot.mapFromScene(panel.bar_scene_position(target)))
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.RightButton, pos=point)
    assert window.city_id == CITY  # a right click does not select
    menu = window.publish.menu
    assert menu is not None
    assert menu.isVisible()
    cite = menu.actions()[0]
    assert (cite.text(), cite.isEnabled()) == ("Copy &Citation", True)
    cite.trigger()
    menu.close()
    settings = window.chart_settings
    assert clipboard_text() == cite_figure(
        catalog, (settings.snapshot, bar.city_id, settings.metric)
    )


def test_copy_all_sources_lists_each_source_of_the_chart_once(
    window: Any, catalog: Catalog
) -> None:
    action(window, "copy_sources").trigger()
    lines = clipboard_text().splitlines()
    chart = window.chart_panel.chart
    assert lines[-1].startswith(f"Compiled in {catalog.dataset.title}")
    numbered = lines[:-1]
    assert [line.split("]")[0] for line in numbered] == [
        f"[{i}" for i in range(1, len(numbered) + 1)
    ]
    assert len(set(numbered)) == len(numbered)
    for source in chart.sources:  # every source the chart's caption names is there
        assert any(source.url in line for line in numbered), source.url


# -- the fact sheet -------------------------------------------------------------------------------
def test_save_fact_sheet_as_pdf_writes_the_selected_citys_sheet(
    window: Any, fake_dialogs: FakeDialogs, tmp_path: Path
) -> None:
    fake_dialogs.save_answers.append(tmp_path / "stl")
    action(window, "save_sheet").trigger()
    assert fake_dialogs.saves[-1].suggested.endswith("st-louis-mo-fact-sheet.pdf")
    text = pdf_text(tmp_path / "stl.pdf")  # the extension was added
    assert "St. Louis, MO" in text
    assert "Eastern District of Missouri" in text


def test_print_fact_sheet_asks_for_a_printer_and_prints_the_sheet(
    window: Any, fake_dialogs: FakeDialogs, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    assert window.menu_actions["print_sheet"].shortcut().toString() == "Ctrl+P"
    action(window, "print_sheet").trigger()  # cancelled in the print dialog: nothing printed
    assert fake_dialogs.printer_asks == 1
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    fake_dialogs.printers.append(printer)
    assert window.publish.print_fact_sheet() is True
    assert "St. Louis, MO" in pdf_text(tmp_path / "printed.pdf")


def test_fact_sheet_without_a_city_or_without_print_support_says_why(
    window: Any, fake_dialogs: FakeDialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    from legend_gui.ui import publish_actions

    window.select_city(None)
    assert window.publish.print_fact_sheet() is False
    assert fake_dialogs.infos[-1] == (
        "Fact sheet",
        "A fact sheet is about one city: choose a city in the list first.",
    )
    window.select_city(CITY)
    monkeypatch.setattr(publish_actions, "printing_available", lambda: False)
    assert window.publish.print_fact_sheet() is False
    assert "Save Fact Sheet as PDF" in fake_dialogs.infos[-1][1]
    assert fake_dialogs.printer_asks == 0


# -- exports --------------------------------------------------------------------------------------
def test_export_data_as_package_writes_the_zip(
    window: Any, fake_dialogs: FakeDialogs, tmp_path: Path
) -> None:
    fake_dialogs.save_answers.append(tmp_path / "package")
    action(window, "export_package").trigger()
    with zipfile.ZipFile(tmp_path / "package.zip") as archive:
        assert archive.namelist() == list(PACKAGE_FILES)


def test_export_chart_as_pdf_with_the_editors_text(
    window: Any, fake_dialogs: FakeDialogs, tmp_path: Path, catalog: Catalog
) -> None:
    text = ExportText(title="Charged in St. Louis", subtitle="", note="Desk note.", highlight=False)
    fake_dialogs.export_answers.append(ExportOptions("pdf", 1200, 675, text))
    fake_dialogs.save_answers.append(tmp_path / "chart.pdf")
    assert window.exports.export_chart() == tmp_path / "chart.pdf"
    shown = pdf_text(tmp_path / "chart.pdf")
    assert shown.startswith("Charged in St. Louis")
    assert "Desk note." in shown
    assert "As announced on" not in shown  # the subtitle was left out
    assert "Highlighted" not in shown
    assert (
        "Data: Operation Legend (U.S. Department of Justice, 2020): public figures, CC BY 4.0."
        in shown
    )


def test_export_dialog_offers_pdf_and_text_fields_defaulting_to_the_data(
    window: Any, catalog: Catalog, qtbot: Any
) -> None:
    from legend_gui.ui.export_dialog import ExportChartDialog

    dialog = ExportChartDialog(catalog, window.chart_settings, ExportOptions())
    qtbot.addWidget(dialog)
    chart = window.chart_panel.chart
    assert dialog.title_edit.text() == chart.title
    assert dialog.subtitle_edit.text() == chart.subtitle
    assert dialog.options().text == ExportText()  # unchanged fields keep the data's text
    assert dialog.highlight_box.isVisibleTo(dialog)  # a city is selected on the bar chart
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("pdf"))
    assert dialog.subtitle_edit.cursorPosition() == 0  # a long subtitle shows its start
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.title_edit, " (draft)")
    dialog.large_text_box.setChecked(True)
    with qtbot.waitSignal(dialog.preview_rendered, timeout=5000):
        pass
    options = dialog.options()
    assert options.format == "pdf"
    assert options.text.title == f"{chart.title} (draft)"
    assert options.text.subtitle is None
    assert options.text.large_text is True
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("csv"))
    assert not dialog.title_edit.isEnabled()  # a CSV has no title to edit


def test_about_states_the_programs_and_the_datas_licence_apart(
    window: Any, fake_dialogs: FakeDialogs, catalog: Catalog
) -> None:
    action(window, "about").trigger()
    _title, text = fake_dialogs.infos[-1]
    assert "The program</b> is released under the MIT licence." in text
    assert "CC BY 4.0" in text
    assert "MIT" not in text.split("The data</b>")[1]
    assert catalog.dataset.licence in text  # the data file's own words

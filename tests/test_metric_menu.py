"""The grouped metric choices (Metric menu and the chart's metric box), the first-start view and
the detail pane's corroborating reports, on the bundled dataset, as a user sees them.

Group titles come from the data file (``groups``); a metric reported for fewer than two cities
in every snapshot is not offered for comparing cities but stays in the detail pane.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from legend_gui.model import Catalog
from legend_gui.model.choices import offered_metrics
from legend_gui.model.metric_menu import group_title, metric_sections
from legend_gui.ui.actions import menu_text


def _titles(window: Any) -> list[str]:
    """The disabled title entries of the Metric menu, in order."""
    return [
        menu_text(a.text())
        for a in window.metric_menu.actions()
        if not a.isSeparator() and a.data() is None
    ]


def test_metric_menu_lists_core_first_then_a_titled_section_per_group(
    make_window, catalog: Catalog
) -> None:
    window = make_window(catalog)
    labels = {group.id: group.label for group in catalog.dataset.groups}
    titles = _titles(window)
    assert titles[0] == labels["core"]  # the data's title for its main figures
    # the context metrics (compared by period) follow in their own group
    sections = metric_sections(catalog.dataset, offered_metrics(catalog))
    assert titles == [section.title for section in sections]
    assert titles == [labels[section.group] for section in sections]  # none made up
    assert len(titles) > 3
    actions = window.metric_menu.actions()
    for action in actions:
        if action.data() is None and not action.isSeparator():
            assert not action.isEnabled()  # a title is not a choice
    # under each title, the metrics of its group
    current = None
    for action in actions:
        if action.isSeparator():
            continue
        if action.data() is None:
            current = menu_text(action.text())
            continue
        metric = catalog.metric_by_id[action.data()]
        assert group_title(catalog.dataset, metric.group) == current


def test_choosing_from_the_grouped_menu_sets_the_metric(make_window, catalog: Catalog) -> None:
    window = make_window(catalog)
    wanted = metric_sections(catalog.dataset, catalog.chart_metrics)[-1].metrics[0]
    assert wanted.group != "core"
    action = next(a for a in window.metric_menu.actions() if a.data() == wanted.id)
    action.trigger()
    assert window.chart_settings.metric == wanted.id
    assert window.chart_panel.metric_box.currentData() == wanted.id
    assert window.chart_panel.title_label.text() == wanted.label
    checked = [a.data() for a in window.metric_menu.actions() if a.isChecked()]
    assert checked == [wanted.id]


def test_metric_box_titles_cannot_be_chosen_and_arrows_skip_them(
    make_window, catalog: Catalog, qtbot
) -> None:
    window = make_window(catalog)
    box = window.chart_panel.metric_box
    titles = [i for i in range(box.count()) if box.itemData(i) is None]
    assert box.itemText(titles[0]) == _titles(window)[0]
    model = box.model()
    for i in titles:
        assert not (model.flags(model.index(i, 0)) & Qt.ItemFlag.ItemIsEnabled)
    # the last core metric, then Down: the first metric of the next group, not its title
    sections = metric_sections(catalog.dataset, catalog.chart_metrics)
    window.set_metric(sections[0].metrics[-1].id)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert window.chart_settings.metric == sections[1].metrics[0].id
    assert box.currentData() == sections[1].metrics[0].id


def test_a_metric_of_one_city_stays_out_of_the_comparison_but_in_the_details(
    make_window, catalog: Catalog
) -> None:
    charted = {m.id for m in catalog.chart_metrics}
    single = [
        m
        for m in catalog.dataset.metrics
        if m.id not in charted
        and any(catalog.city_figures.get((day, m.id)) for day in catalog.snapshot_dates)
    ]
    assert single, "the bundled data has metrics reported for one city only"
    metric = single[0]
    for day in catalog.snapshot_dates:
        assert len(catalog.city_figures.get((day, metric.id), {})) < 2
    window = make_window(catalog)
    assert metric.id not in [a.data() for a in window.metric_menu.actions()]
    assert window.chart_panel.metric_box.findData(metric.id) == -1
    day, city_id = next(
        (day, next(iter(catalog.city_figures[(day, metric.id)])))
        for day in catalog.snapshot_dates
        if catalog.city_figures.get((day, metric.id))
    )
    window.select_city(city_id)
    window.apply_chart_settings(window.chart_settings.with_(snapshot=day))
    assert metric.label in window.detail.toPlainText()


def test_first_start_shows_the_final_results_not_a_mid_october_snapshot(
    make_window, catalog: Catalog
) -> None:
    window = make_window(catalog)  # no saved settings
    metric = window.chart_settings.metric
    assert catalog.metric_by_id[metric].group == "core"
    day = window.chart_settings.snapshot
    assert day == catalog.snapshot_dates[-1] == date(2020, 12, 23)
    label = catalog.snapshot_by_date[day].label
    assert label is not None
    assert "final" in label.lower()
    assert label in window.chart_panel.subtitle_label.text()  # the view says what it is
    # the snapshot where most cities report at all is the mid-October release
    busiest = max(
        catalog.snapshot_dates, key=lambda d: len(catalog.city_figures.get((d, metric), {}))
    )
    assert busiest.month == 10
    assert day != busiest


def test_detail_pane_lists_every_corroborating_source_with_its_note(
    make_window, catalog: Catalog
) -> None:
    window = make_window(catalog)
    window.select_city("st-louis-mo")
    window.apply_chart_settings(window.chart_settings.with_(snapshot=date(2020, 8, 19)))
    figure = catalog.figure(date(2020, 8, 19), "st-louis-mo", "federal_defendants_charged")
    assert figure is not None
    assert figure.corroborated_by
    text = window.detail.toPlainText()
    for other in figure.corroborated_by:
        assert f"Also reported by {catalog.source(other.source).publisher}" in text
        if other.note:
            assert other.note in text  # verbatim
    assert "CONFLICT with KMOV (25 charged)" in text

"""The main window: searchable city list | detail pane over chart. Layout and wiring only:
the menus are a table (``actions``), the left pane ``city_panel``, the exports
``export_actions``, file watching ``file_watcher``, deferred start-up ``startup``, help
``help_menu``, the window's size ``window_layout`` and stored settings ``settings``."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from legend_gui import APP_NAME
from legend_gui.model.chart import VIEWS, ChartSettings
from legend_gui.model.choices import fit_choices, offered_metrics
from legend_gui.model.latest import is_latest, parse_snapshot
from legend_gui.model.metric_menu import metric_sections
from legend_gui.ui import help_menu
from legend_gui.ui.actions import action_specs, build_menus, check_choice, fill_choice_menu
from legend_gui.ui.chart import ChartPanel
from legend_gui.ui.city_list import CityPreview
from legend_gui.ui.city_panel import CityPanel
from legend_gui.ui.detail import DetailPane, SourcesPane
from legend_gui.ui.dialogs import Dialogs
from legend_gui.ui.display_text import window_title
from legend_gui.ui.export_actions import ExportActions
from legend_gui.ui.file_watcher import FileWatcher
from legend_gui.ui.metric_choices import fill_metric_menu
from legend_gui.ui.publish_actions import PublishActions
from legend_gui.ui.settings import AppSettings
from legend_gui.ui.startup import DeferredStart, StartData
from legend_gui.ui.theme import Theme, apply_theme
from legend_gui.ui.window_files import FileCommands
from legend_gui.ui.window_layout import current_layout, make_splitter, restore_layout

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog


class MainWindow(FileCommands):
    """The main window, on a ``catalog``; or, at start-up, on a ``preview`` of the file's
    cities with a ``loader`` (``StartData``) that gives the catalog after the first frame is
    on screen.

    Signals: ``data_loaded(Catalog)`` (``FileCommands``) after a file was opened.
    """

    def __init__(
        self,
        catalog: Catalog | None = None,
        dialogs: Dialogs | None = None,
        settings: AppSettings | None = None,
        preview: list[CityPreview] | None = None,
        loader: StartData | None = None,
    ) -> None:
        super().__init__()
        self.dialogs = dialogs or Dialogs()
        self.settings = settings or AppSettings()
        self.catalog: Catalog | None = None
        self.chart_settings: ChartSettings = ChartSettings(metric="", snapshot=None)
        self.city_id: str | None = None
        self._dark = False  # the colours the panes were rendered in
        self.setAcceptDrops(True)
        self.setMinimumSize(760, 480)
        self._build_layout()
        self.exports = ExportActions(
            self,
            lambda: self.catalog,
            lambda: self.chart_settings,
            self.dialogs,
            self.settings,
            self.statusBar().showMessage,
        )
        self.publish = PublishActions(
            self,
            lambda: self.catalog,
            lambda: self.chart_settings,
            lambda: self.city_id,
            self.dialogs,
            self.exports,
            self.statusBar().showMessage,
        )
        self._build_menus()
        self.watcher = FileWatcher(self)
        self.watcher.changed.connect(self._offer_reload)
        self._start = DeferredStart(
            loader, self._on_loaded, self.close, self.chart_panel.load_plots, self
        )

        self.cities.city_chosen.connect(self._on_city_chosen)
        self.chart_panel.settings_edited.connect(self.apply_chart_settings)
        self.chart_panel.city_clicked.connect(self.select_city)
        self.chart_panel.point_clicked.connect(self._on_point_clicked)
        self.cities.city_toggled.connect(self.toggle_compared)
        self.chart_panel.snapshot_clicked.connect(self._choose_snapshot)
        self.chart_panel.bar_menu_requested.connect(self.publish.bar_menu)
        self.chart_panel.figure_menu_requested.connect(self.publish.figure_menu)
        self.detail.citation_requested.connect(self.publish.copy_citation)
        self.city_view.first_painted.connect(self._start.first_painted)
        self.chart_panel.chart_painted.connect(self._start.chart_drawn)
        for pane in (self.detail, self.sources_pane):
            pane.report_links_to(self.statusBar().showMessage)

        if catalog is not None:
            self._install_catalog(catalog, restore=True)
        else:
            self.cities.set_preview(preview or [])
            self.detail.setPlainText("Loading the data…")
            self._set_data_actions_enabled(False)
        restore_layout(self, self.splitter, self.right_splitter, self.settings.window_layout())
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        self._set_theme(self.settings.theme())

    # -- layout -----------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.cities = CityPanel()
        self.city_model = self.cities.model
        self.search_box = self.cities.search_box
        self.city_view = self.cities.view
        self.count_label = self.cities.count_label

        self.detail = DetailPane()
        self.sources_pane = SourcesPane()
        self.info_tabs = QTabWidget()
        self.info_tabs.setDocumentMode(True)
        self.info_tabs.addTab(self.detail, "Details")
        self.info_tabs.addTab(self.sources_pane, "Sources")
        self.info_tabs.setAccessibleName("Details and sources")
        self.chart_panel = ChartPanel()
        chart_holder = QWidget()
        chart_layout = QVBoxLayout(chart_holder)
        chart_layout.setContentsMargins(6, 6, 6, 6)  # clear of the splitter handle's dots
        chart_layout.addWidget(self.chart_panel)
        self.right_splitter = make_splitter(
            Qt.Orientation.Vertical,
            "right_splitter",
            (self.info_tabs, chart_holder),
            stretch=(2, 3),
            sizes=(300, 500),
        )
        self.splitter = make_splitter(
            Qt.Orientation.Horizontal,
            "main_splitter",
            (self.cities, self.right_splitter),
            stretch=(0, 1),
            sizes=(260, 1000),
        )
        self.setCentralWidget(self.splitter)
        self.statusBar().setSizeGripEnabled(True)

    # -- menus (the table is ui/actions.py) -------------------------------------------------
    def _build_menus(self) -> None:
        built = build_menus(self.menuBar(), self)
        self.menu_actions: dict[str, QAction] = built.actions
        actions = built.actions
        self.open_action = actions["open"]
        self.export_chart_action = actions["export_chart"]
        self.export_data_action = actions["export_data"]
        self.quit_action = actions["quit"]
        self.copy_chart_action = actions["copy_chart"]
        self.find_action = actions["find"]
        self.per_capita_action = actions["per_capita"]
        self.bars_action = actions["bars"]
        self.timeline_action = actions["timeline"]
        self.view_actions = {view: actions[view] for view in VIEWS}
        self.reset_view_action = actions["reset_view"]
        self.full_screen_action = actions["full_screen"]
        self.sources_action = actions["sources"]
        self.about_action = actions["about"]
        self.recent_menu = built.submenus["recent"]
        self.metric_menu = built.submenus["metric"]
        self.snapshot_menu = built.submenus["snapshot"]

    def _fill_view_menus(self, catalog: Catalog) -> None:
        sections = metric_sections(catalog.dataset, offered_metrics(catalog))
        fill_metric_menu(self.metric_menu, sections, self.set_metric)
        box = self.chart_panel.snapshot_box
        days: list[tuple[str, object]] = [
            (box.itemText(i), parse_snapshot(box.itemData(i))) for i in range(box.count())
        ]
        fill_choice_menu(self.snapshot_menu, days, self._choose_snapshot)
        self._fill_recent_menu()

    def _choose_snapshot(self, day: object) -> None:
        if isinstance(day, date):
            self.apply_chart_settings(self.chart_settings.with_(snapshot=day))

    def _sync_view_menus(self) -> None:
        settings = self.chart_settings
        check_choice(self.metric_menu, settings.metric)
        check_choice(self.snapshot_menu, settings.snapshot)
        self.per_capita_action.setChecked(settings.per_capita)
        self.view_actions[settings.view].setChecked(True)

    def _set_data_actions_enabled(self, enabled: bool) -> None:
        for spec in action_specs():
            if spec.needs_data:
                self.menu_actions[spec.id].setEnabled(enabled)
        self.chart_panel.setEnabled(enabled)

    # -- data -------------------------------------------------------------------------------
    def _install_catalog(self, catalog: Catalog, restore: bool = False) -> None:
        """Show ``catalog``. The choices carry over where the new data has them: from the
        stored settings at start-up (``restore``), else from what was on screen."""
        if restore:
            wanted, city = self.settings.chart_choices()
        else:
            wanted, city = self.chart_settings, self.city_id
        if self.catalog is None:
            self._set_data_actions_enabled(True)
        self.catalog = catalog
        self.cities.set_catalog(catalog)
        self.chart_panel.set_catalog(catalog)
        self._fill_view_menus(catalog)
        self.chart_settings, self.city_id = fit_choices(catalog, wanted, city)
        self._update_title(catalog)
        self.select_city(self.city_id)
        self.chart_panel.show_settings(self.chart_settings)
        self._sync_view_menus()
        self._show_detail()
        self._show_sources()
        self.watcher.watch(catalog.path)

    def _on_loaded(self, catalog: Catalog) -> None:
        """The file validated after the first frame (deferred start-up)."""
        self._install_catalog(catalog, restore=True)
        self.data_loaded.emit(catalog)

    def _update_title(self, catalog: Catalog) -> None:
        self.setWindowTitle(window_title(catalog))
        self.setWindowFilePath(catalog.path or "")

    # -- selection --------------------------------------------------------------------------
    def select_city(self, city_id: str | None) -> None:
        """Make ``city_id`` (``None``: All cities) current, clearing the search if it hides it."""
        self.cities.select(city_id)

    def _on_city_chosen(self, city_id: str | None) -> None:
        if city_id == self.city_id and self.chart_settings.city == city_id:
            return
        self.city_id = city_id
        self.chart_settings = self.chart_settings.with_(city=city_id)
        self._show_detail()
        self.chart_panel.show_settings(self.chart_settings)

    def toggle_compared(self, city_id: str | None) -> None:
        """Ctrl+click in the list: the city joins the timeline in its own colour (or leaves)."""
        before = self.chart_settings.compared
        compared = [c for c in before if c != city_id]
        if city_id is not None and city_id != self.city_id and city_id not in before:
            compared.append(city_id)
        self.apply_chart_settings(
            self.chart_settings.with_(compared=tuple(compared), view="timeline")
        )

    def _on_point_clicked(self, city_id: str | None, day: date) -> None:
        """A timeline point: its snapshot and its city become the current ones (a compared
        city swaps places with the selected one, so both stay on the timeline)."""
        settings = self.chart_settings
        compared = [c for c in settings.compared if c != city_id]
        if city_id != self.city_id and self.city_id is not None and city_id is not None:
            compared.append(self.city_id)
        self.apply_chart_settings(settings.with_(snapshot=day, compared=tuple(compared)))
        self.select_city(city_id)

    def focus_search(self) -> None:
        self.cities.focus_search()

    # -- chart settings ---------------------------------------------------------------------
    def set_metric(self, metric_id: str) -> None:
        self.apply_chart_settings(self.chart_settings.with_(metric=metric_id))

    def set_per_capita(self, on: bool) -> None:
        self.apply_chart_settings(self.chart_settings.with_(per_capita=on))

    def show_bars(self, _checked: bool = True) -> None:
        self.apply_chart_settings(self.chart_settings.with_(view="bars"))

    def show_timeline(self, _checked: bool = True) -> None:
        self.apply_chart_settings(self.chart_settings.with_(view="timeline"))

    def show_map(self, _checked: bool = True) -> None:
        self.apply_chart_settings(self.chart_settings.with_(view="map"))

    def show_table(self, _checked: bool = True) -> None:
        self.apply_chart_settings(self.chart_settings.with_(view="table"))

    def reset_chart_view(self) -> None:
        self.chart_panel.reset_view()

    def apply_chart_settings(self, settings: ChartSettings) -> None:
        if settings == self.chart_settings:
            return
        self.chart_settings = settings
        self.chart_panel.show_settings(settings)
        self._sync_view_menus()
        self._show_detail()

    def _show_sources(self, force: bool = False) -> None:
        if self.catalog is not None:
            self.sources_pane.show_sources(self.catalog, force)
            count = len(self.catalog.dataset.sources)
            self.info_tabs.setTabText(1, f"Sources ({count:,})")

    def show_sources_tab(self) -> None:
        self.info_tabs.setCurrentWidget(self.sources_pane)

    def _show_detail(self, force: bool = False) -> None:
        if self.catalog is not None:
            day = self.chart_settings.snapshot
            if is_latest(day):  # the pane shows one snapshot: the city's most recent
                day = self.catalog.last_reported_day(self.city_id) or day
            self.detail.show_city(self.catalog, self.city_id, day, force)

    # -- appearance -------------------------------------------------------------------------
    def _on_color_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._theme == "system":
            self._show_dark(apply_theme("system"))

    def _set_theme(self, theme: Theme) -> None:
        self._theme: Theme = theme
        self.menu_actions[f"theme_{theme}"].setChecked(True)
        self._show_dark(apply_theme(theme))

    def use_system_theme(self, _checked: bool = True) -> None:
        """View ▸ Theme ▸ System, remembered (also _light, _dark)."""
        self.settings.save_theme("system")
        self._set_theme("system")

    def use_light_theme(self, _checked: bool = True) -> None:
        self.settings.save_theme("light")
        self._set_theme("light")

    def use_dark_theme(self, _checked: bool = True) -> None:
        self.settings.save_theme("dark")
        self._set_theme("dark")

    def set_dark(self, dark: bool) -> None:
        """Force a scheme for this window only (``screenshot --dark``): not remembered."""
        self._set_theme("dark" if dark else "light")

    def _show_dark(self, dark: bool) -> None:
        if dark == self._dark:  # the panes were rendered in these colours already
            return
        self._dark = dark
        self.chart_panel.set_dark(dark)
        self._show_detail(force=True)
        self._show_sources(force=True)

    def toggle_full_screen(self, _checked: bool = False) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.full_screen_action.setChecked(self.isFullScreen())

    # -- help (ui/help_menu.py; exports and publishing are ui/export_actions.py and
    # ui/publish_actions.py, called from the actions table) ----------------------------------
    def show_about(self) -> None:
        about = help_menu.about_html(self.catalog.dataset if self.catalog else None)
        self.dialogs.information(self, f"About {APP_NAME}", about, rich=True)

    def show_shortcuts(self) -> None:
        self.dialogs.information(self, "Keyboard shortcuts", help_menu.shortcuts_html(), rich=True)

    def open_log_folder(self) -> None:
        help_menu.open_log_folder()

    # -- settings ---------------------------------------------------------------------------
    def save_settings(self) -> None:
        layout = current_layout(self, self.splitter, self.right_splitter)
        self.settings.save_window_layout(layout)
        self.settings.save_chart_choices(self.chart_settings, self.city_id)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._loading is not None:
            self._loading.cancel()
        self.save_settings()
        super().closeEvent(event)

"""The main window: searchable city list | detail pane over chart, menus, files, settings."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QFileSystemWatcher,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from legend_gui import APP_NAME, __version__
from legend_gui.model.chart import DEFAULT_TOP, ChartSettings
from legend_gui.ui.chart import ChartPanel
from legend_gui.ui.city_list import CityDelegate, CityListModel, CityPreview
from legend_gui.ui.detail import DetailPane, SourcesPane
from legend_gui.ui.dialogs import Dialogs
from legend_gui.ui.settings import STATE_VERSION, AppSettings

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog


def _menu_text(text: str) -> str:
    """Data as a menu entry's text: a single '&' would mark a mnemonic and disappear."""
    return text.replace("&", "&&")


class CityListView(QListView):
    """A list view that reports its first paint: the moment a user sees the cities."""

    first_painted = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False
        self.setUniformItemSizes(True)  # without it a long list measures every row
        self.setAlternatingRowColors(False)
        self.setAccessibleName("Cities")
        self.setAccessibleDescription("Cities of Operation Legend; select one to see its figures")

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit(time.perf_counter())


class MainWindow(QMainWindow):
    """The main window, on a ``catalog``; or, at start-up, on a ``preview`` of the file's
    cities with a ``loader`` that validates the file after the first frame is on screen.

    Signals: ``data_loaded(Catalog)`` after a file was opened successfully.
    """

    data_loaded = Signal(object)

    def __init__(
        self,
        catalog: Catalog | None = None,
        dialogs: Dialogs | None = None,
        settings: AppSettings | None = None,
        preview: list[CityPreview] | None = None,
        loader: Callable[[], Catalog | None] | None = None,
    ) -> None:
        super().__init__()
        self.dialogs = dialogs or Dialogs()
        self.settings = settings or AppSettings()
        self.catalog: Catalog | None = None
        self._loader = loader
        self.chart_settings: ChartSettings = ChartSettings(metric="", snapshot=None)
        self.city_id: str | None = None
        self._dark = False  # the colours the panes were rendered in
        self.setAcceptDrops(True)
        self.setMinimumSize(760, 480)

        self.city_model = CityListModel(self)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search cities (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search cities")
        self.search_box.setAccessibleDescription("Type part of a city's name or state to filter")
        self.search_box.installEventFilter(self)
        self.city_view = CityListView()
        self.city_view.setModel(self.city_model)
        self.city_view.setItemDelegate(CityDelegate(self.city_view))
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of cities shown")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.addWidget(self.search_box)
        left_layout.addWidget(self.city_view, 1)
        left_layout.addWidget(self.count_label)

        self.detail = DetailPane()
        self.sources_pane = SourcesPane()
        self.info_tabs = QTabWidget()
        self.info_tabs.setDocumentMode(True)
        self.info_tabs.addTab(self.detail, "Details")
        self.info_tabs.addTab(self.sources_pane, "Sources")
        self.info_tabs.setAccessibleName("Details and sources")
        self.chart_panel = ChartPanel()
        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("right_splitter")
        self.right_splitter.addWidget(self.info_tabs)
        chart_holder = QWidget()
        chart_layout = QVBoxLayout(chart_holder)
        chart_layout.setContentsMargins(0, 6, 6, 6)
        chart_layout.addWidget(self.chart_panel)
        self.right_splitter.addWidget(chart_holder)
        self.right_splitter.setStretchFactor(0, 2)
        self.right_splitter.setStretchFactor(1, 3)
        self.right_splitter.setSizes([330, 470])
        self.right_splitter.setChildrenCollapsible(False)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right_splitter)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 1000])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.statusBar().setSizeGripEnabled(True)

        self.search_box.textChanged.connect(self._on_search_changed)
        self.city_view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.chart_panel.settings_edited.connect(self.apply_chart_settings)
        self.chart_panel.city_clicked.connect(self.select_city)
        self.city_view.first_painted.connect(self._on_first_paint)

        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(400)
        self._reload_timer.timeout.connect(self._offer_reload)
        self._reload_attempts = 0
        self._asking_reload = False

        self._build_menus()
        if catalog is not None:
            self._install_catalog(catalog, restore=True)
        else:
            self.city_model.set_preview(preview or [])
            self._update_count()
            self.detail.setPlainText("Loading the data…")
            self._set_data_actions_enabled(False)
        self._restore_window()
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_color_scheme_changed)
        self._on_color_scheme_changed(hints.colorScheme())

    # -- menus ------------------------------------------------------------------------------
    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)  # type: ignore[arg-type]
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.open_action = self._action(
            file_menu, "&Open…", self.open_file_dialog, QKeySequence.StandardKey.Open
        )
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addSeparator()
        self.export_chart_action = self._action(
            file_menu, "&Export Chart…", self.export_chart_dialog, "Ctrl+E"
        )
        self.export_data_action = self._action(
            file_menu, "Export &Data (CSV)…", self.export_data_dialog
        )
        file_menu.addSeparator()
        self.quit_action = self._action(
            file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = bar.addMenu("&Edit")
        self.copy_chart_action = self._action(
            edit_menu, "&Copy Chart", self.copy_chart, "Ctrl+Shift+C"
        )
        self.find_action = self._action(
            edit_menu, "&Find City", self.focus_search, QKeySequence.StandardKey.Find
        )

        view_menu = bar.addMenu("&View")
        self.metric_menu = view_menu.addMenu("&Metric")
        self.snapshot_menu = view_menu.addMenu("&Snapshot")
        self.per_capita_action = QAction("&Per 100,000 Residents", self, checkable=True)
        self.per_capita_action.setShortcut(QKeySequence("Ctrl+P"))
        self.per_capita_action.toggled.connect(
            lambda on: self.apply_chart_settings(self.chart_settings.with_(per_capita=on))
        )
        view_menu.addAction(self.per_capita_action)
        view_menu.addSeparator()
        self.view_group = QActionGroup(self)
        self.bars_action = QAction("&Compare Cities (Bar Chart)", self, checkable=True)
        self.bars_action.setShortcut(QKeySequence("Ctrl+1"))
        self.timeline_action = QAction("&Timeline", self, checkable=True)
        self.timeline_action.setShortcut(QKeySequence("Ctrl+2"))
        for action, view in ((self.bars_action, "bars"), (self.timeline_action, "timeline")):
            self.view_group.addAction(action)
            view_menu.addAction(action)
            action.triggered.connect(
                lambda _checked=False, v=view: self.apply_chart_settings(
                    self.chart_settings.with_(view=v)
                )
            )
        view_menu.addSeparator()
        self.reset_view_action = self._action(
            view_menu, "&Reset Chart View", self.chart_panel.reset_view, "Ctrl+0"
        )
        self.full_screen_action = self._action(
            view_menu, "&Full Screen", self.toggle_full_screen, QKeySequence.StandardKey.FullScreen
        )
        self.full_screen_action.setCheckable(True)

        help_menu = bar.addMenu("&Help")
        self._action(
            help_menu,
            "&Keyboard Shortcuts",
            self.show_shortcuts,
            QKeySequence.StandardKey.HelpContents,
        )
        self.sources_action = self._action(help_menu, "&Sources of the Data", self.show_sources_tab)
        self._action(help_menu, "Open &Log Folder", self.open_log_folder)
        help_menu.addSeparator()
        self.about_action = self._action(help_menu, f"&About {APP_NAME}", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _fill_view_menus(self) -> None:
        self.metric_menu.clear()
        self.metric_group = QActionGroup(self)
        for metric in self.catalog.chart_metrics:
            action = QAction(_menu_text(metric.label), self, checkable=True)
            action.setData(metric.id)
            action.triggered.connect(lambda _checked=False, m=metric.id: self.set_metric(m))
            self.metric_group.addAction(action)
            self.metric_menu.addAction(action)
        self.snapshot_menu.clear()
        self.snapshot_group = QActionGroup(self)
        for index in range(self.chart_panel.snapshot_box.count()):
            day = date.fromisoformat(self.chart_panel.snapshot_box.itemData(index))
            text = _menu_text(self.chart_panel.snapshot_box.itemText(index))
            action = QAction(text, self, checkable=True)
            action.setData(day)
            action.triggered.connect(
                lambda _checked=False, d=day: self.apply_chart_settings(
                    self.chart_settings.with_(snapshot=d)
                )
            )
            self.snapshot_group.addAction(action)
            self.snapshot_menu.addAction(action)
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for path in files:
            action = self.recent_menu.addAction(_menu_text(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(Path(p)))
        self.recent_menu.setEnabled(bool(files))

    def _sync_view_menus(self) -> None:
        settings = self.chart_settings
        for action in self.metric_menu.actions():
            action.setChecked(action.data() == settings.metric)
        for action in self.snapshot_menu.actions():
            action.setChecked(action.data() == settings.snapshot)
        self.per_capita_action.blockSignals(True)
        self.per_capita_action.setChecked(settings.per_capita)
        self.per_capita_action.blockSignals(False)
        (self.timeline_action if settings.view == "timeline" else self.bars_action).setChecked(True)

    # -- data -------------------------------------------------------------------------------
    def _install_catalog(self, catalog: Catalog, restore: bool = False) -> None:
        """Show ``catalog``. The choices carry over where the new data has them: from the
        stored settings at start-up (``restore``), else from what was on screen."""
        wanted = self._stored_choices() if restore else (self.chart_settings, self.city_id)
        first = self.catalog is None
        self.catalog = catalog
        if first:
            self._set_data_actions_enabled(True)
        self.city_model.set_catalog(catalog)
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.chart_panel.set_catalog(catalog)
        self._fill_view_menus()
        previous, city = wanted
        # only a metric the selector offers (one with city figures) can carry over: a national-
        # only metric would leave the Metric box showing another metric than the chart
        offered = {m.id for m in catalog.chart_metrics}
        metric = previous.metric if previous.metric in offered else None
        metric = metric or catalog.default_metric()
        snapshot = previous.snapshot if previous.snapshot in catalog.snapshot_by_date else None
        city = city if city in catalog.city_by_id else None
        self.chart_settings = previous.with_(
            metric=metric,
            snapshot=snapshot or catalog.default_snapshot(metric),
            city=city,
        )
        self.city_id = city
        self._update_title()
        self._update_count()
        self.select_city(city)
        self.chart_panel.show_settings(self.chart_settings)
        self._sync_view_menus()
        self._show_detail()
        self._show_sources()
        self._watch(catalog.path)

    def _stored_choices(self) -> tuple[ChartSettings, str | None]:
        """Last session's choices; garbage or missing values become defaults."""
        stored_day = self.settings.text("chart/snapshot")
        try:
            day = date.fromisoformat(stored_day) if stored_day else None
        except ValueError:
            day = None
        settings = ChartSettings(
            metric=self.settings.text("chart/metric"),
            snapshot=day,
            per_capita=self.settings.flag("chart/per_capita"),
            view="timeline" if self.settings.text("chart/view") == "timeline" else "bars",
            top=self.settings.number("chart/top", DEFAULT_TOP, 1, 500),
        )
        return settings, self.settings.text("chart/city") or None

    # -- the open file changing on disk -------------------------------------------------------
    def _watch(self, path: str | None) -> None:
        files = self._watcher.files()
        if files:
            self._watcher.removePaths(files)
        if path and Path(path).is_file():
            self._watcher.addPath(path)

    def _on_file_changed(self, path: str) -> None:
        if self.catalog is None or path != self.catalog.path:
            return
        self._reload_attempts = 0
        self._reload_timer.start()  # editors write in bursts: wait until it settles

    def _offer_reload(self) -> None:
        path = Path(self.catalog.path or "") if self.catalog else Path()
        if not path.is_file():  # saved by rename: the new file is not there yet
            self._reload_attempts += 1
            if self._reload_attempts < 10:
                self._reload_timer.start()
            return
        if str(path) not in self._watcher.files():
            self._watcher.addPath(str(path))  # a rename replaced the file we watched
        if self._asking_reload:
            return
        self._asking_reload = True
        try:
            reload = self.dialogs.confirm(
                self,
                "Data file changed",
                f"{path.name} changed on disk. Reload it?\n\nIf the new version has problems, "
                "the data on screen stays as it is.",
            )
        finally:
            self._asking_reload = False
        if reload:
            self.open_path(path)

    def _set_data_actions_enabled(self, enabled: bool) -> None:
        for action in (
            self.export_chart_action,
            self.export_data_action,
            self.copy_chart_action,
            self.per_capita_action,
            self.bars_action,
            self.timeline_action,
            self.reset_view_action,
            self.about_action,
        ):
            action.setEnabled(enabled)
        self.chart_panel.setEnabled(enabled)

    def _update_title(self) -> None:
        assert self.catalog is not None
        name = Path(self.catalog.path).name if self.catalog.path else "untitled"
        # "[*]" is Qt's placeholder for the modified mark; doubled, it shows literally
        self.setWindowTitle(f"{APP_NAME} — {name}".replace("[*]", "[*][*]"))
        self.setWindowFilePath(self.catalog.path or "")

    def open_path(self, path: Path) -> bool:
        """Open a data file; on failure show the problems and keep the current data."""
        from legend_gui.model import Catalog, DatasetError, load_dataset

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            catalog = Catalog(load_dataset(path), str(path))
        except DatasetError as error:
            QApplication.restoreOverrideCursor()
            count = error.total
            self.dialogs.error(
                self,
                "Cannot open data file",
                f"{path.name} could not be opened: {count:,} problem{'s' if count != 1 else ''} "
                f"found. The data on screen is unchanged.\n\n" + "\n".join(error.lines()[:3]),
                details=error.summary(),
            )
            return False
        QApplication.restoreOverrideCursor()
        self.settings.add_recent_file(str(path.resolve()))
        self._install_catalog(catalog)
        self.statusBar().showMessage(f"Opened {path.name}: {len(catalog.cities):,} cities", 5000)
        self.data_loaded.emit(catalog)
        return True

    def open_file_dialog(self) -> None:
        folder = self.settings.text("folders/open", str(Path.home()))
        path = self.dialogs.open_file(self, folder)
        if path is not None:
            self.settings.set("folders/open", str(path.parent))
            self.open_path(path)

    # -- selection --------------------------------------------------------------------------
    def select_city(self, city_id: str | None) -> None:
        """Make ``city_id`` (``None``: All cities) current, clearing the search if it hides it."""
        row = self.city_model.row_of(city_id)
        if row is None and self.city_model.filter_text:
            self.search_box.clear()
            row = self.city_model.row_of(city_id)
        if row is not None:
            self._make_current(row)

    def _make_current(self, row: int) -> None:
        index = self.city_model.index(row, 0)
        self.city_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        if self.city_view.isVisible():
            self.city_view.scrollTo(index)
        else:  # before the first show the view measures every row to scroll (0.2 s at 100,000)
            persistent = QPersistentModelIndex(index)

            def scroll() -> None:
                if persistent.isValid():
                    self.city_view.scrollTo(self.city_model.index(persistent.row(), 0))

            QTimer.singleShot(0, scroll)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        city_id = self.city_model.city_id_at(current.row())
        if city_id == self.city_id and self.chart_settings.city == city_id:
            return
        self.city_id = city_id
        self.chart_settings = self.chart_settings.with_(city=city_id)
        self._show_detail()
        self.chart_panel.show_settings(self.chart_settings)

    def _on_search_changed(self, text: str) -> None:
        self.city_model.set_filter(text)
        self._update_count()
        row = self.city_model.row_of(self.city_id)
        if row is None and self.city_model.rowCount() > 0:
            row = 0  # the current city is filtered out: follow the first match
        if row is not None:
            self._make_current(row)

    def _update_count(self) -> None:
        shown, total = self.city_model.matching_cities(), self.city_model.total_cities()
        if shown == total:
            self.count_label.setText(f"{total:,} cities")
        elif shown == 0:
            self.count_label.setText("No city matches")
        else:
            self.count_label.setText(f"{shown:,} of {total:,} cities")

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]  # a KeyPress is a QKeyEvent
            if key == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                QApplication.sendEvent(self.city_view, event)  # arrows move through the list
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.city_view.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    # -- chart settings ---------------------------------------------------------------------
    def set_metric(self, metric_id: str) -> None:
        self.apply_chart_settings(self.chart_settings.with_(metric=metric_id))

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
            self.detail.show_city(self.catalog, self.city_id, self.chart_settings.snapshot, force)

    # -- start-up ---------------------------------------------------------------------------
    def _on_first_paint(self, _when: float) -> None:
        QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """What waits until the list is on screen: validating the file, then pyqtgraph."""
        loader, self._loader = self._loader, None
        if loader is not None:
            catalog = loader()
            if catalog is None:
                self.close()
                return
            self._install_catalog(catalog, restore=True)
            self.data_loaded.emit(catalog)
        QTimer.singleShot(0, self._prepare_chart)

    def _prepare_chart(self, step: int = 0) -> None:
        """numpy, pyqtgraph, then the plots, each in its own event-loop turn: no step of the
        deferred start-up keeps the window from answering for long (together they take about
        250 ms: numpy 50, the rest of pyqtgraph 150, the plots 50)."""
        if step == 0:
            import numpy  # noqa: F401 - imported for its cost, apart from pyqtgraph's
        elif step == 1:
            import pyqtgraph  # noqa: F401
        else:
            self.chart_panel.load_plots()
            return
        QTimer.singleShot(0, lambda: self._prepare_chart(step + 1))

    # -- appearance -------------------------------------------------------------------------
    def _on_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        from legend_gui.ui.theme import apply_scheme

        self._show_dark(apply_scheme(scheme))

    def set_dark(self, dark: bool) -> None:
        """Force a scheme (``screenshot --dark``; platforms that report none)."""
        from legend_gui.ui.theme import apply_scheme

        scheme = Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light
        self._show_dark(apply_scheme(scheme))

    def _show_dark(self, dark: bool) -> None:
        if dark == self._dark:  # the panes were rendered in these colours already
            return
        self._dark = dark
        self.chart_panel.set_dark(dark)
        self._show_detail(force=True)
        self._show_sources(force=True)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.full_screen_action.setChecked(self.isFullScreen())

    # -- files dropped on the window --------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            path = Path(urls[0].toLocalFile())
            QTimer.singleShot(0, lambda: self.open_path(path))

    # -- help -------------------------------------------------------------------------------
    def show_about(self) -> None:
        sources = len(self.catalog.dataset.sources) if self.catalog else 0
        text = (
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Browse the public figures of the U.S. Department of Justice's Operation Legend "
            "(2020) city by city, with the source of every number.</p>"
            f"<p>This dataset cites {sources:,} public sources: DOJ and U.S. Attorney's Office "
            "releases and news reports. Figures are shown as the sources framed them; a figure "
            "no source reported is shown as <i>not reported</i>, never as zero.</p>"
            "<p>Licence: MIT (the program); the compiled figures are facts from public sources."
            "</p>"
        )
        self.dialogs.information(self, f"About {APP_NAME}", text, rich=True)

    def show_shortcuts(self) -> None:
        rows = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            if menu is None:
                continue
            for action in menu.actions():
                if not action.shortcut().isEmpty():
                    name = action.text().replace("&", "")
                    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                    rows.append(f"{keys:<16} {name}")
        rows += [
            "Esc              Clear the search",
            "↑ / ↓            Previous / next city",
            "Enter            From the search box to the list",
        ]
        self.dialogs.information(self, "Keyboard shortcuts", "\n".join(rows))

    def open_log_folder(self) -> None:
        from legend_gui.crash import log_dir

        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- export (the dialogs live in ui/export_dialog.py) -----------------------------------
    def export_chart_dialog(self) -> None:
        from legend_gui.ui.export_dialog import export_chart_interactively

        export_chart_interactively(self)

    def export_data_dialog(self) -> None:
        from legend_gui.ui.export_dialog import export_data_interactively

        export_data_interactively(self)

    def copy_chart(self) -> None:
        from legend_gui.ui.export_dialog import copy_chart_to_clipboard

        copy_chart_to_clipboard(self)

    # -- settings ---------------------------------------------------------------------------
    def _restore_window(self) -> None:
        self.resize(1280, 800)
        if self.settings.number("window/state_version", 0, 0, 10_000) != STATE_VERSION:
            return
        geometry = self.settings.blob("window/geometry")
        restored = geometry is not None and self.restoreGeometry(geometry)
        if restored and not self._on_some_screen():  # saved on a monitor that is gone
            self.resize(1280, 800)
            self.move(40, 40)
        for key, splitter in (
            ("window/splitter", self.splitter),
            ("window/right_splitter", self.right_splitter),
        ):
            state = self.settings.blob(key)
            if state is not None:
                splitter.restoreState(state)

    def _on_some_screen(self) -> bool:
        frame = self.frameGeometry()
        return any(
            screen.availableGeometry().intersects(frame) for screen in QGuiApplication.screens()
        )

    def save_settings(self) -> None:
        self.settings.set("window/state_version", STATE_VERSION)
        self.settings.set("window/geometry", QByteArray(self.saveGeometry()))
        self.settings.set("window/splitter", QByteArray(self.splitter.saveState()))
        self.settings.set("window/right_splitter", QByteArray(self.right_splitter.saveState()))
        settings = self.chart_settings
        self.settings.set("chart/metric", settings.metric)
        self.settings.set(
            "chart/snapshot", settings.snapshot.isoformat() if settings.snapshot else ""
        )
        self.settings.set("chart/city", self.city_id or "")
        self.settings.set("chart/per_capita", settings.per_capita)
        self.settings.set("chart/view", settings.view)
        self.settings.set("chart/top", settings.top)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)

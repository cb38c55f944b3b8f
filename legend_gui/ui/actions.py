"""The menus as data: every action's id, text, shortcut, menu, callback and help text.

``MENUS`` lists each menu's entries in order; ``build_menus`` turns it into QActions connected
to the window's methods. The Keyboard Shortcuts dialog and the tests read the same table, so a
shortcut is declared once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from legend_gui import APP_NAME
from legend_gui.ui.display_text import short_text, shown
from legend_gui.ui.html_text import tooltip_text

StandardKey = QKeySequence.StandardKey


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One menu command. ``callback`` names a window method (or, dotted, a method of one of
    its attributes: ``publish.copy_all_sources``): no argument, or, for a ``checkable``
    action, whether it is now checked."""

    id: str
    text: str
    callback: str
    shortcut: StandardKey | str | None = None
    help: str = ""
    checkable: bool = False
    group: str | None = None  # actions of one group exclude each other
    needs_data: bool = True  # disabled until a data file is loaded
    role: QAction.MenuRole = QAction.MenuRole.NoRole


@dataclass(frozen=True, slots=True)
class Submenu:
    """A submenu: its fixed ``entries`` (View ▸ Theme), or none when the window fills it from
    the data (metrics, snapshots, recent files)."""

    id: str
    text: str
    entries: tuple[ActionSpec, ...] = ()


SEPARATOR = None
Entry = ActionSpec | Submenu | None

MENUS: tuple[tuple[str, tuple[Entry, ...]], ...] = (
    (
        "&File",
        (
            ActionSpec("open", "&Open…", "open_file_dialog", StandardKey.Open,
                       "Open a data file", needs_data=False),
            Submenu("recent", "Open &Recent"),
            ActionSpec("open_bundled", "Open &Bundled Dataset", "open_bundled_dataset", None,
                       "Open the dataset that comes with Legend Viewer", needs_data=False),
            SEPARATOR,
            ActionSpec("export_chart", "&Export Chart…", "exports.export_chart", "Ctrl+E",
                       "Save the chart as PNG, SVG, PDF or CSV"),
            ActionSpec("export_data", "Export &Data (CSV)…", "exports.export_data", None,
                       "Save every figure of the data file as one CSV table"),
            ActionSpec("export_package", "Export Data as Pac&kage…", "exports.export_package",
                       None, "Save the whole dataset as a data package (zip) for a "
                       "spreadsheet, R or pandas"),
            SEPARATOR,
            ActionSpec("print_sheet", "&Print Fact Sheet…", "publish.print_fact_sheet",
                       StandardKey.Print, "Print a one-page fact sheet of the selected city"),
            ActionSpec("save_sheet", "Save Fact S&heet as PDF…", "publish.save_fact_sheet",
                       None, "Save a one-page fact sheet of the selected city as PDF"),
            SEPARATOR,
            ActionSpec("quit", "&Quit", "close", StandardKey.Quit, "Close Legend Viewer",
                       needs_data=False, role=QAction.MenuRole.QuitRole),
        ),
    ),
    (
        "&Edit",
        (
            ActionSpec("copy_chart", "&Copy Chart", "exports.copy_chart", "Ctrl+Shift+C",
                       "Copy the chart to the clipboard as an image"),
            ActionSpec("copy_citation", "Copy C&itation", "publish.copy_selected_citation",
                       "Ctrl+Shift+I", "Copy the citation of the selected city's figure"),
            ActionSpec("copy_sources", "Copy All &Sources", "publish.copy_all_sources", None,
                       "Copy every source of the chart, numbered, as text"),
            ActionSpec("find", "&Find City", "focus_search", StandardKey.Find,
                       "Search the city list", needs_data=False),
        ),
    ),
    (
        "&View",
        (
            Submenu("metric", "&Metric"),
            Submenu("snapshot", "&Snapshot"),
            ActionSpec("per_capita", "&Per 100,000 Residents", "set_per_capita",
                       "Ctrl+Shift+P",
                       "Show figures per 100,000 residents", checkable=True),
            SEPARATOR,
            ActionSpec("bars", "&Compare Cities (Bar Chart)", "show_bars", "Ctrl+1",
                       "Compare the cities at one snapshot", checkable=True, group="view"),
            ActionSpec("timeline", "&Timeline", "show_timeline", "Ctrl+2",
                       "Follow one city (or the reported totals, or several cities) over time",
                       checkable=True, group="view"),
            ActionSpec("map", "M&ap", "show_map", "Ctrl+3",
                       "The cities on a map, circles sized by the metric",
                       checkable=True, group="view"),
            ActionSpec("table", "T&able", "show_table", "Ctrl+4",
                       "Every city and the core metrics in a sortable table, with changes",
                       checkable=True, group="view"),
            SEPARATOR,
            ActionSpec("reset_view", "&Reset Chart View", "reset_chart_view", "Ctrl+0",
                       "Undo zooming and panning of the chart"),
            ActionSpec("full_screen", "&Full Screen", "toggle_full_screen", StandardKey.FullScreen,
                       "Fill the screen with the window", checkable=True, needs_data=False),
            Submenu("theme", "T&heme", (
                ActionSpec("theme_system", "&System", "use_system_theme", None,
                           "Light or dark as the system is", checkable=True, group="theme",
                           needs_data=False),
                ActionSpec("theme_light", "&Light", "use_light_theme", None,
                           "Always light", checkable=True, group="theme", needs_data=False),
                ActionSpec("theme_dark", "&Dark", "use_dark_theme", None,
                           "Always dark", checkable=True, group="theme", needs_data=False),
            )),
        ),
    ),
    (
        "&Help",
        (
            ActionSpec("shortcuts", "&Keyboard Shortcuts", "show_shortcuts",
                       StandardKey.HelpContents, "List every keyboard shortcut",
                       needs_data=False),
            ActionSpec("sources", "&Sources of the Data", "show_sources_tab", None,
                       "Every source of the figures, with its date and link", needs_data=False),
            ActionSpec("log_folder", "Open &Log Folder", "open_log_folder", None,
                       "Open the folder of the error log", needs_data=False),
            SEPARATOR,
            ActionSpec("about", f"&About {APP_NAME}", "show_about", None,
                       "What Legend Viewer shows and where its figures come from",
                       role=QAction.MenuRole.AboutRole),
        ),
    ),
)  # fmt: skip


#: Keys that are not menu shortcuts (the labels' mnemonics, the list's keys), shown in the
#: Keyboard Shortcuts dialog after the menus' shortcuts. Keep them true to city_panel.py and
#: chart.py.
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("Alt+M", "Choose the metric (the Metric box)"),
    ("Alt+S", "Choose the snapshot (the Snapshot box)"),
    ("Esc", "Clear the search, from the search box or the list"),
    ("↑ / ↓, Page Up / Down", "Previous / next city, from the search box or the list"),
    ("Enter", "From the search box to the list"),
    ("Esc, in the chart", "Undo zooming and panning, as Reset Chart View does"),
    ("Alt+underlined letter", "Open that menu"),
)

#: What the mouse does, in the same dialog.
MOUSE_GESTURES: tuple[tuple[str, str], ...] = (
    ("Click a bar", "Select that city"),
    ("Hover a bar or point", "Its value, qualifier and source"),
    ("Click a timeline point", "Show that snapshot"),
    ("Wheel / drag on a bar chart", "Zoom / pan along the cities; Reset Chart View undoes it"),
    ("Wheel / drag on a timeline", "Zoom / pan; Reset Chart View undoes it"),
    ("Click a source link", "Open it in the browser"),
    ("Hover a source link", "Its address in the status bar"),
    ("Drop a data file on the window", "Open it"),
)


def action_specs() -> list[ActionSpec]:
    """Every action of the table, in menu order (a submenu's fixed entries included)."""
    specs: list[ActionSpec] = []
    for _title, entries in MENUS:
        for entry in entries:
            if isinstance(entry, ActionSpec):
                specs.append(entry)
            elif isinstance(entry, Submenu):
                specs.extend(entry.entries)
    return specs


@dataclass(slots=True)
class BuiltMenus:
    actions: dict[str, QAction]
    submenus: dict[str, QMenu]


def build_menus(bar: QMenuBar, window: QWidget) -> BuiltMenus:
    """Fill ``bar`` from ``MENUS``; each action calls ``window``'s method named in the table."""
    actions: dict[str, QAction] = {}
    submenus: dict[str, QMenu] = {}
    groups: dict[str, QActionGroup] = {}
    for title, entries in MENUS:
        menu = bar.addMenu(title)
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            elif isinstance(entry, Submenu):
                submenu = menu.addMenu(entry.text)
                submenus[entry.id] = submenu
                for spec in entry.entries:
                    actions[spec.id] = _add_action(submenu, spec, window, groups)
            else:
                actions[entry.id] = _add_action(menu, entry, window, groups)
    return BuiltMenus(actions, submenus)


def _add_action(
    menu: QMenu, spec: ActionSpec, window: QWidget, groups: dict[str, QActionGroup]
) -> QAction:
    action = _make_action(spec, window, _method(window, spec.callback))
    if spec.group is not None:
        groups.setdefault(spec.group, QActionGroup(window)).addAction(action)
    menu.addAction(action)
    return action


def shortcut_text(spec: ActionSpec) -> str:
    """The action's shortcut as this platform writes it (``Ctrl+O``); "" when it has none."""
    if spec.shortcut is None:
        return ""
    return QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)


def _method(window: QWidget, path: str) -> Callable[..., object]:
    """``window``'s method named by ``path``, dotted through its attributes."""
    target: object = window
    for name in path.split("."):
        target = getattr(target, name)
    assert callable(target), path
    return target


def _make_action(spec: ActionSpec, parent: QWidget, callback: Callable[..., object]) -> QAction:
    action = QAction(spec.text, parent)
    if spec.shortcut is not None:
        action.setShortcut(QKeySequence(spec.shortcut))
    action.setStatusTip(spec.help)
    action.setCheckable(spec.checkable)
    action.setMenuRole(spec.role)
    if spec.checkable:
        action.triggered.connect(lambda checked: callback(checked))
    else:
        action.triggered.connect(lambda _checked=False: callback())
    return action


def menu_text(text: str) -> str:
    """Data as a menu entry's text: a single '&' would mark a mnemonic and disappear; a label
    longer than ``MENU_CHARACTERS`` is cut in the middle, right-to-left text isolated."""
    return short_text(text).replace("&", "&&")


def fill_choice_menu(
    menu: QMenu,
    entries: list[tuple[str, object]],
    choose: Callable[[object], object],
    checkable: bool = True,
) -> None:
    """Fill a submenu from the data: one entry per ``(text, value)``, calling ``choose(value)``;
    checkable entries exclude each other (the snapshot). Entries longer than
    ``MENU_CHARACTERS`` are cut in the middle (a long path keeps its file name), with the full
    text as their tooltip."""
    menu.clear()
    menu.setToolTipsVisible(True)  # a shortened entry's tooltip is its full text
    group = QActionGroup(menu) if checkable else None
    for text, value in entries:
        action = QAction(menu_text(text), menu)
        action.setToolTip(tooltip_text(shown(text)))
        action.setData(value)
        action.triggered.connect(lambda _checked=False, v=value: choose(v))
        if group is not None:
            action.setCheckable(True)
            group.addAction(action)
        menu.addAction(action)


def check_choice(menu: QMenu, value: object) -> None:
    """Check the entry of ``menu`` whose value is ``value`` (and no other)."""
    for action in menu.actions():
        action.setChecked(action.data() == value)

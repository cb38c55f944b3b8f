"""Every stored setting in one place: its key, its type and default, read and written in pairs.

A settings file can be hand-edited, corrupted or written by another version; the app must
start anyway: every stored value is checked and garbage falls back to the default. All QSettings
access goes through ``AppSettings``; ``AppSettings.in_memory()`` touches no file at all (smoke
runs and screenshots must never read or change the user's settings).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from legend_gui.model.chart import DEFAULT_TOP, VIEWS, ChartSettings, as_view
from legend_gui.model.export_options import (
    CHART_FORMATS,
    DEFAULT_SIZE,
    MAX_SIDE,
    MIN_SIDE,
    ExportOptions,
)
from legend_gui.ui.theme import THEMES, Theme

T = TypeVar("T")
MAX_RECENT = 8
#: Bumped when the stored window state's layout changes, so old state is not restored.
STATE_VERSION = 1


class Store(Protocol):
    """What ``AppSettings`` needs of QSettings (and of the in-memory stand-in)."""

    def value(self, key: str, /) -> object: ...
    def setValue(self, key: str, value: object, /) -> None: ...
    def sync(self) -> None: ...


class MemoryStore:
    """Settings that live as long as the object: no file, nothing to clean up."""

    def __init__(self) -> None:
        self._values: dict[str, object] = {}

    def value(self, key: str, /) -> object:
        return self._values.get(key)

    def setValue(self, key: str, value: object, /) -> None:
        self._values[key] = value

    def sync(self) -> None:
        pass


# -- how a stored value is read back: the value, or None when it is missing or garbage --------
def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):  # INI files store booleans as text
        return {"true": True, "1": True, "false": False, "0": False}.get(value.lower())
    return None


def _whole(low: int, high: int) -> Callable[[object], int | None]:
    def read(value: object) -> int | None:
        if isinstance(value, str):  # INI files store numbers as text
            try:
                value = int(value)
            except ValueError:
                return None
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        return None

    return read


def _blob(value: object) -> QByteArray | None:
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _one_of(*choices: str) -> Callable[[object], str | None]:
    return lambda value: value if isinstance(value, str) and value in choices else None


def _theme(value: object) -> Theme | None:
    for theme in THEMES:
        if value == theme:
            return theme
    return None


@dataclass(frozen=True, slots=True)
class Key(Generic[T]):
    """A stored setting: its key, default, how a stored value is checked, how one is stored."""

    name: str
    default: T
    read: Callable[[object], T | None]
    write: Callable[[T], object] = lambda value: value


@dataclass(frozen=True, slots=True)
class WindowLayout:
    """The window's geometry and splitter states, as Qt saves them."""

    geometry: QByteArray | None
    splitter: QByteArray | None
    right_splitter: QByteArray | None


class AppSettings:
    """Typed, checked access to every stored setting. The keys are the class's ``Key``s."""

    STATE_VERSION = Key("window/state_version", 0, _whole(0, 10_000))
    GEOMETRY: Key[QByteArray | None] = Key("window/geometry", None, _blob)
    SPLITTER: Key[QByteArray | None] = Key("window/splitter", None, _blob)
    RIGHT_SPLITTER: Key[QByteArray | None] = Key("window/right_splitter", None, _blob)
    METRIC = Key("chart/metric", "", _text)
    SNAPSHOT: Key[date | None] = Key(
        "chart/snapshot", None, _day, lambda day: day.isoformat() if day else ""
    )
    CITY: Key[str | None] = Key("chart/city", None, lambda v: _text(v) or None, lambda c: c or "")
    PER_CAPITA = Key("chart/per_capita", False, _flag)
    VIEW = Key("chart/view", "bars", _one_of(*VIEWS))
    TOP = Key("chart/top", DEFAULT_TOP, _whole(1, 500))
    SHOW_CONTEXT = Key("chart/show_context", False, _flag)
    EXPORT_FORMAT = Key("export/format", "png", _one_of(*CHART_FORMATS))
    EXPORT_WIDTH = Key("export/width", DEFAULT_SIZE[0], _whole(MIN_SIDE, MAX_SIDE))
    EXPORT_HEIGHT = Key("export/height", DEFAULT_SIZE[1], _whole(MIN_SIDE, MAX_SIDE))
    THEME: Key[Theme] = Key("view/theme", "system", _theme)
    OPEN_FOLDER = Key("folders/open", "", _text)
    EXPORT_FOLDER = Key("folders/export", "", _text)
    RECENT_FILES = "recent_files"

    def __init__(self, store: QSettings | Store | None = None) -> None:
        self._store: QSettings | Store = store if store is not None else QSettings()

    @classmethod
    def in_memory(cls) -> AppSettings:
        """Settings that never touch the user's own, nor any file (smoke runs, screenshots)."""
        return cls(MemoryStore())

    # -- one value ----------------------------------------------------------------------------
    def get(self, key: Key[T]) -> T:
        """The stored value of ``key``, or its default when missing, corrupt or out of range."""
        try:
            stored = self._store.value(key.name)
        except Exception:  # noqa: BLE001 - a corrupt value must never stop the app
            return key.default
        value = key.read(stored) if stored is not None else None
        return key.default if value is None else value

    def put(self, key: Key[T], value: T) -> None:
        self._store.setValue(key.name, key.write(value))

    # -- groups, saved and restored symmetrically ----------------------------------------------
    def chart_choices(self) -> tuple[ChartSettings, str | None]:
        """Last session's chart settings and city (unchecked against any data: see choices)."""
        settings = ChartSettings(
            metric=self.get(self.METRIC),
            snapshot=self.get(self.SNAPSHOT),
            per_capita=self.get(self.PER_CAPITA),
            view=as_view(self.get(self.VIEW)),
            top=self.get(self.TOP),
            show_context=self.get(self.SHOW_CONTEXT),
        )
        return settings, self.get(self.CITY)

    def save_chart_choices(self, settings: ChartSettings, city: str | None) -> None:
        self.put(self.METRIC, settings.metric)
        self.put(self.SNAPSHOT, settings.snapshot)
        self.put(self.CITY, city)
        self.put(self.PER_CAPITA, settings.per_capita)
        self.put(self.VIEW, settings.view)
        self.put(self.TOP, settings.top)
        self.put(self.SHOW_CONTEXT, settings.show_context)

    def window_layout(self) -> WindowLayout | None:
        """The saved layout, or ``None`` if there is none or it is of another layout version."""
        if self.get(self.STATE_VERSION) != STATE_VERSION:
            return None
        return WindowLayout(
            self.get(self.GEOMETRY), self.get(self.SPLITTER), self.get(self.RIGHT_SPLITTER)
        )

    def save_window_layout(self, layout: WindowLayout) -> None:
        self.put(self.STATE_VERSION, STATE_VERSION)
        self.put(self.GEOMETRY, layout.geometry)
        self.put(self.SPLITTER, layout.splitter)
        self.put(self.RIGHT_SPLITTER, layout.right_splitter)

    def theme(self) -> Theme:
        return self.get(self.THEME)

    def save_theme(self, theme: Theme) -> None:
        self.put(self.THEME, theme)

    def export_options(self) -> ExportOptions:
        """The last export's choices, or PNG at the default size."""
        return ExportOptions(
            self.get(self.EXPORT_FORMAT), self.get(self.EXPORT_WIDTH), self.get(self.EXPORT_HEIGHT)
        )

    def save_export_options(self, options: ExportOptions) -> None:
        self.put(self.EXPORT_FORMAT, options.format)
        self.put(self.EXPORT_WIDTH, options.width)
        self.put(self.EXPORT_HEIGHT, options.height)

    def export_folder(self) -> Path:
        """Where the next export's save dialog starts: the last export's folder, or home."""
        stored = self.get(self.EXPORT_FOLDER)
        folder = Path(stored) if stored else Path.home()
        return folder if folder.is_dir() else Path.home()

    def save_export_folder(self, folder: Path) -> None:
        self.put(self.EXPORT_FOLDER, str(folder))

    def open_folder(self) -> Path:
        """Where File ▸ Open starts: the folder of the last file opened that way, or home."""
        stored = self.get(self.OPEN_FOLDER)
        return Path(stored) if stored else Path.home()

    def save_open_folder(self, folder: Path) -> None:
        self.put(self.OPEN_FOLDER, str(folder))

    # -- recent files ---------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        try:
            value = self._store.value(self.RECENT_FILES)
        except Exception:  # noqa: BLE001
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        # the app stores resolved paths: anything else ("42", "@Variant(...") is garbage
        return [item for item in value if isinstance(item, str) and _is_absolute(item)][:MAX_RECENT]

    def add_recent_file(self, path: str) -> list[str]:
        files = [path, *(item for item in self.recent_files() if item != path)][:MAX_RECENT]
        self._store.setValue(self.RECENT_FILES, files)
        return files

    def sync(self) -> None:
        self._store.sync()


def _is_absolute(path: str) -> bool:
    """An absolute path on any platform (a settings file may travel with a user's profile)."""
    return PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute()

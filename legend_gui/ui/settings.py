"""Typed access to QSettings: every value is checked, garbage falls back to the default.

A settings file can be hand-edited, corrupted or written by another version; the app must
start anyway (issue: settings corruption). All QSettings creation goes through ``AppSettings``.
"""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath
from typing import TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")
MAX_RECENT = 8
#: Bumped when the stored window state's layout changes, so old state is not restored.
STATE_VERSION = 1


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings()

    def _get(self, key: str, kind: type[T], default: T) -> T:
        try:
            value = self._settings.value(key, default)
        except Exception:  # noqa: BLE001 - a corrupt value must never stop the app
            return default
        if kind is bool and isinstance(value, str):  # INI files store booleans as text
            if value.lower() in ("true", "1"):
                return True  # type: ignore[return-value]
            if value.lower() in ("false", "0"):
                return False  # type: ignore[return-value]
            return default
        if kind is int and isinstance(value, str):
            try:
                return int(value)  # type: ignore[return-value]
            except ValueError:
                return default
        return value if isinstance(value, kind) else default

    def text(self, key: str, default: str = "") -> str:
        return self._get(key, str, default)

    def flag(self, key: str, default: bool = False) -> bool:
        return self._get(key, bool, default)

    def number(self, key: str, default: int, low: int, high: int) -> int:
        value = self._get(key, int, default)
        return value if low <= value <= high else default

    def blob(self, key: str) -> QByteArray | None:
        value = self._get(key, QByteArray, QByteArray())
        return value if not value.isEmpty() else None

    def set(self, key: str, value: object) -> None:
        self._settings.setValue(key, value)

    def recent_files(self) -> list[str]:
        try:
            value = self._settings.value("recent_files", [])
        except Exception:  # noqa: BLE001
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        # the app stores resolved paths: anything else ("42", "@Variant(...") is garbage
        return [item for item in value if isinstance(item, str) and _is_absolute(item)][:MAX_RECENT]

    def add_recent_file(self, path: str) -> list[str]:
        files = [path] + [item for item in self.recent_files() if item != path]
        self._settings.setValue("recent_files", files[:MAX_RECENT])
        return files[:MAX_RECENT]

    def sync(self) -> None:
        self._settings.sync()


def _is_absolute(path: str) -> bool:
    """An absolute path on any platform (a settings file may travel with a user's profile)."""
    return PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute()

"""The chart's colours, light and dark: one place for the screen and the exported image."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor


@dataclass(frozen=True, slots=True)
class ChartTheme:
    background: str
    foreground: str
    muted: str
    bar: str
    bar_selected: str
    grid: str = "#d8dee4"
    shade: str = "#eef1f4"  # the span before a city's launch ("not yet launched")
    grid_alpha: float = 0.25
    context: str = "#8250df"  # background counts on a timeline: apart from the series' blue

    def color(self, name: str, alpha: int = 255) -> QColor:
        color = QColor(getattr(self, name))
        color.setAlpha(alpha)
        return color


LIGHT = ChartTheme(
    background="#ffffff",
    foreground="#1f2328",
    muted="#6e7781",
    bar="#3465a4",
    bar_selected="#e07b00",
)
DARK = ChartTheme(
    background="#1e1f22",
    foreground="#e6e6e6",
    muted="#9aa0a6",
    bar="#6fa8dc",
    bar_selected="#ffa94d",
    grid="#3a3d42",
    shade="#2a2c30",
    context="#c297ff",
)

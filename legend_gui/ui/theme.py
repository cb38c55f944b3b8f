"""Light and dark palettes that follow the system's colour scheme.

Qt follows the scheme by itself where the platform theme reports one (Windows 11, macOS, recent
GNOME/KDE); elsewhere (offscreen, bare X11) the palette stays light whatever the scheme says.
Then we set Fusion's dark palette ourselves, so the window and the chart always agree.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

#: View ▸ Theme: follow the system, or always light, or always dark.
Theme = Literal["system", "light", "dark"]
THEMES: tuple[Theme, ...] = ("system", "light", "dark")

_DARK_COLOURS = {
    QPalette.ColorRole.Window: "#2b2d31",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#2f3136",
    QPalette.ColorRole.ToolTipBase: "#2f3136",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#35373c",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
    QPalette.ColorRole.Highlight: "#3d6fb5",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Mid: "#4a4d52",
    QPalette.ColorRole.Dark: "#18191c",
    QPalette.ColorRole.Light: "#44474d",
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK_COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7d83"))
    return palette


class _DarkFusion(QProxyStyle):
    """Fusion with check boxes and radio buttons that show on a dark palette: Fusion outlines
    them in the window colour darkened, which on dark grey is all but invisible."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        indicators = (
            QStyle.PrimitiveElement.PE_IndicatorCheckBox,
            QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        )
        if element in indicators and is_dark(option.palette):
            painter.save()
            radio = element == QStyle.PrimitiveElement.PE_IndicatorRadioButton
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, radio)  # crisp square edges
            painter.setPen(QPen(QColor(_DARK_COLOURS[QPalette.ColorRole.PlaceholderText]), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            box = option.rect.adjusted(0, 0, -1, -1)
            if radio:
                painter.drawEllipse(box)
            else:
                painter.drawRect(box)
            painter.restore()


def apply_scheme(scheme: Qt.ColorScheme) -> bool:
    """Make the application's palette match ``scheme``; returns whether it is dark now."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return scheme == Qt.ColorScheme.Dark
    want_dark = scheme == Qt.ColorScheme.Dark
    if is_dark(app.palette()) != want_dark:
        if want_dark:
            app.setStyle(_DarkFusion())  # Fusion honours a custom palette on every platform
            app.setPalette(dark_palette())
        else:
            app.setPalette(app.style().standardPalette())
    return is_dark(app.palette())


def apply_theme(theme: Theme) -> bool:
    """Make the application light, dark, or as the system is; returns whether it is dark now.
    A forced scheme is also asked of the platform (Qt 6.8+), so native parts follow it."""
    hints = QGuiApplication.styleHints()
    if theme == "system":
        hints.unsetColorScheme()
        return apply_scheme(hints.colorScheme())
    scheme = Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light
    hints.setColorScheme(scheme)
    return apply_scheme(scheme)

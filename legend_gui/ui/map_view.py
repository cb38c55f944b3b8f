"""The Map view: a plain QWidget that paints a ``MapChart`` with ``map_draw.paint_map``.

The window feeds it a chart (``set_chart``) and listens to ``city_clicked``; hovering a marker
shows the caller's tooltip text. It follows the application's light or dark palette unless a
theme is set. Exports do not need this widget: they call ``paint_map`` on their own device.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QHelpEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from legend_gui.model.map_chart import MapChart
from legend_gui.model.map_layout import PlacedMarker
from legend_gui.ui.map_draw import (
    DARK_MAP,
    LIGHT_MAP,
    MapScene,
    MapTheme,
    layout_scene,
    paint_scene,
)
from legend_gui.ui.theme import is_dark


class MapView(QWidget):
    """Cities on the US map; click a marker to select its city, right-click it for its menu."""

    city_clicked = Signal(str)
    marker_menu_requested = Signal(str, QPoint)  # (city id, global position)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chart: MapChart | None = None
        self._scene: MapScene | None = None
        self._theme: MapTheme | None = None  # None: follow the palette
        self.setMouseTracking(True)
        self.setAccessibleName("Map of the cities")
        self.setAccessibleDescription(
            "Each city is a circle whose area is proportional to the metric; "
            "the Table view lists the same numbers."
        )
        self.setMinimumSize(240, 160)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # ------------------------------------------------------------------ what the caller sets

    def set_chart(self, chart: MapChart | None) -> None:
        self._chart = chart
        self._scene = None
        self.update()

    def chart(self) -> MapChart | None:
        return self._chart

    def set_theme(self, theme: MapTheme | None) -> None:
        """Force a theme (``LIGHT_MAP``/``DARK_MAP``), or ``None`` to follow the palette."""
        self._theme = theme
        self.update()

    def theme(self) -> MapTheme:
        if self._theme is not None:
            return self._theme
        return DARK_MAP if is_dark(self.palette()) else LIGHT_MAP

    def scene(self) -> MapScene | None:
        """The current layout (laid out on demand), for hit tests and tests."""
        if self._scene is None and self._chart is not None and not self.rect().isEmpty():
            self._scene = layout_scene(self._chart, QRectF(self.rect()), self.font_px())
        return self._scene

    def font_px(self) -> float:
        """Label size in pixels: the widget's own font, as the rest of the window uses."""
        font = self.font()
        if font.pixelSize() > 0:
            return float(font.pixelSize())
        return font.pointSizeF() * self.logicalDpiY() / 72.0

    def marker_center(self, city_id: str) -> QPointF | None:
        scene = self.scene()
        placed = scene.layout.find(city_id) if scene else None
        return QPointF(placed.x, placed.y) if placed else None

    def marker_at(self, point: QPointF) -> PlacedMarker | None:
        scene = self.scene()
        return scene.layout.marker_at(point.x(), point.y()) if scene else None

    def render_image(self, size: QSize | None = None) -> QImage:
        """What the widget paints, as an image (the quick look and tests use it)."""
        target = size or self.size()
        image = QImage(target, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(self.theme().color("background"))
        if self._chart is not None:
            painter = QPainter(image)
            try:
                rect = QRectF(0, 0, target.width(), target.height())
                scene = layout_scene(self._chart, rect, self.font_px())
                paint_scene(painter, scene, self.theme())
            finally:
                painter.end()
        return image

    # ------------------------------------------------------------------ Qt events

    def sizeHint(self) -> QSize:
        return QSize(800, 520)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._scene = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._scene = None
            self.update()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            theme = self.theme()
            painter.fillRect(self.rect(), theme.color("background"))
            scene = self.scene()
            if scene is not None:
                paint_scene(painter, scene, theme)
        finally:
            painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self.marker_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            placed = self.marker_at(event.position())
            if placed is not None:
                self.city_clicked.emit(placed.marker.entry.city_id)
                event.accept()
                return
        super().mouseReleaseEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        placed = self.marker_at(QPointF(event.pos()))
        if placed is None:
            event.ignore()
            return
        self.marker_menu_requested.emit(placed.marker.entry.city_id, event.globalPos())
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            placed = self.marker_at(QPointF(event.pos()))
            text = placed.marker.entry.tooltip if placed else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_at(self, point: QPointF) -> str:
        """The tooltip text a hover at ``point`` shows ("" over no marker)."""
        placed = self.marker_at(point)
        return placed.marker.entry.tooltip if placed else ""

"""What an export is made of, chosen in the export dialog or on the command line: the chart
for the settings, the file formats, the image size, and the name a save dialog suggests.

Pure Python: ``legend-gui export`` of a CSV never loads Qt, and the window and the CLI read the
same defaults.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from legend_gui.model.chart import BarChart, ChartSettings, TimelineChart, bar_chart, timeline_chart

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog

#: The chart formats, by file extension: the extension decides the format.
CHART_FORMATS = ("png", "svg", "csv")
DEFAULT_SIZE = (1600, 900)
#: The smallest and largest side of an exported image, in pixels.
MIN_SIDE, MAX_SIDE = 16, 20_000


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What the export dialog asks: the format (``png``, ``svg``, ``csv``) and the pixel size."""

    format: str = "png"
    width: int = DEFAULT_SIZE[0]
    height: int = DEFAULT_SIZE[1]

    @property
    def suffix(self) -> str:
        return f".{self.format}"

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)


def build_chart(catalog: Catalog, settings: ChartSettings) -> BarChart | TimelineChart:
    """The chart ``settings`` ask for: the bar chart of a snapshot (of a period for a context
    metric, which has no snapshot), or a timeline."""
    if settings.view == "timeline":
        return timeline_chart(catalog, settings)
    return bar_chart(catalog, settings)


def safe_name(text: str, fallback: str = "chart") -> str:
    """``text`` as a file-name part: letters, digits, ``_.-``; anything else becomes ``_``."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("._") or fallback


def suggested_name(settings: ChartSettings, fmt: str, period_counts: bool = False) -> str:
    """``federal_defendants_charged-2020-10-14.png``, ``…-per-100k-…``, ``…-timeline.png``; a
    context metric's chart (``period_counts``) has no snapshot date in its name."""
    parts = [safe_name(settings.metric)]
    if settings.per_capita:
        parts.append("per-100k")
    if settings.view == "timeline":
        parts += [safe_name(settings.city or "national"), "timeline"]
    elif settings.snapshot is not None and not period_counts:
        parts.append(settings.snapshot.isoformat())
    return "-".join(parts) + f".{fmt}"

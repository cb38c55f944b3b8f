"""What an export is made of, chosen in the export dialog or on the command line: the chart
for the settings, the file formats, the image size, the text an editor may change (title,
subtitle, a note, larger text for print, the highlight), and the name a save dialog suggests.

Pure Python: ``legend-gui export`` of a CSV never loads Qt, and the window and the CLI read the
same defaults.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeAlias

from legend_gui.model.chart import BarChart, ChartSettings, TimelineChart, bar_chart, timeline_chart
from legend_gui.model.latest import snapshot_iso

if TYPE_CHECKING:
    from legend_gui.model.map_entries import MapFigure
    from legend_gui.model.queries import Catalog
    from legend_gui.model.table_figure import TableFigure

#: The chart formats, by file extension: the extension decides the format.
CHART_FORMATS = ("png", "svg", "pdf", "csv")
#: Image formats: painted by ``ui.render`` (PDF and SVG keep text as text).
IMAGE_FORMATS = ("png", "svg", "pdf")
DEFAULT_SIZE = (1600, 900)
#: The smallest and largest side of an exported image, in pixels.
MIN_SIDE, MAX_SIDE = 16, 20_000


@dataclass(frozen=True, slots=True)
class ExportText:
    """The words an editor may change on an exported image. ``None`` keeps the data's title or
    subtitle, ``""`` leaves it out; ``note`` is added above the chart's own notes;
    ``large_text`` enlarges every text and line for print; without ``highlight`` the selected
    city is drawn like the others (and the key to the highlight goes too)."""

    title: str | None = None
    subtitle: str | None = None
    note: str = ""
    large_text: bool = False
    highlight: bool = True


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What the export dialog asks: the format (``png``, ``svg``, ``pdf``, ``csv``), the pixel
    size and the text (only the size and format are remembered between exports)."""

    format: str = "png"
    width: int = DEFAULT_SIZE[0]
    height: int = DEFAULT_SIZE[1]
    text: ExportText = field(default_factory=ExportText)

    @property
    def suffix(self) -> str:
        return f".{self.format}"

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)


#: What an export draws or writes: one per view.
ViewFigure: TypeAlias = "BarChart | TimelineChart | MapFigure | TableFigure"


def build_chart(
    catalog: Catalog, settings: ChartSettings, text: ExportText | None = None
) -> ViewFigure:
    """What ``settings.view`` shows (the bar chart of a snapshot or of a context metric's
    periods, a timeline, the map or the table; the last two imported only when asked for), with
    the data's attribution line and the editor's ``text``, if any."""
    # Imported here, not at the top: the window reads this module's defaults before its
    # first frame, and the citations' module brings the dataset's queries with it.
    from legend_gui.model.citation import attribution

    if text is not None and not text.highlight and settings.view in ("bars", "map"):
        settings = settings.with_(city=None)
    credit = attribution(catalog.dataset)
    if settings.view == "map":
        from legend_gui.model.map_entries import map_figure

        figure = map_figure(catalog, settings)
        drawing = figure.chart
        if text is not None:
            title, subtitle, notes = _edited(text, drawing.title, drawing.subtitle, drawing.notes)
            drawing = replace(drawing, title=title, subtitle=subtitle, notes=tuple(notes))
        return replace(figure, chart=drawing, bars=replace(figure.bars, attribution=credit))
    chart: BarChart | TimelineChart | TableFigure
    if settings.view == "table":
        from legend_gui.model.table_figure import table_figure

        chart = table_figure(catalog, settings)
    elif settings.view == "timeline":
        chart = timeline_chart(catalog, settings)
    else:
        chart = bar_chart(catalog, settings)
    chart = replace(chart, attribution=credit)
    if text is None:
        return chart
    title, subtitle, notes = _edited(text, chart.title, chart.subtitle, chart.notes)
    return replace(chart, title=title, subtitle=subtitle, notes=notes)


def _edited(
    text: ExportText, title: str, subtitle: str, notes: Sequence[str]
) -> tuple[str, str, list[str]]:
    """The editor's title, subtitle and note in place of (or, for the note, before) the data's."""
    note = text.note.strip()
    return (
        title if text.title is None else text.title.strip(),
        subtitle if text.subtitle is None else text.subtitle.strip(),
        [note, *notes] if note else list(notes),
    )


def csv_rows(figure: ViewFigure) -> int:
    """How many rows the view's CSV has."""
    if isinstance(figure, BarChart):
        return len(figure.bars)
    if isinstance(figure, TimelineChart):
        return len(figure.points)
    from legend_gui.model.table_figure import TableFigure

    if isinstance(figure, TableFigure):
        return len(figure.rows)
    return len(figure.bars.bars)


def safe_name(text: str, fallback: str = "chart") -> str:
    """``text`` as a file-name part: letters, digits, ``_.-``; anything else becomes ``_``."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("._") or fallback


def suggested_name(settings: ChartSettings, fmt: str, period_counts: bool = False) -> str:
    """``<metric id>-2020-10-14.png``, ``…-per-100k-…``, ``…-timeline.png``; a context
    metric's chart (``period_counts``) has no snapshot date in its name."""
    parts = [safe_name(settings.metric)]
    if settings.per_capita:
        parts.append("per-100k")
    if settings.view == "timeline":
        parts += [safe_name(settings.city or "national"), "timeline"]
    elif settings.snapshot is not None and not period_counts:
        parts.append(snapshot_iso(settings.snapshot))
    if settings.view in ("map", "table"):
        parts.append(settings.view)
    return "-".join(parts) + f".{fmt}"

"""The publishing commands of the command line: ``cite``, ``sheet``, and ``export``'s text
options (``--title``, ``--subtitle``, ``--note``, ``--large-text``, ``--no-highlight``).

``cli.py`` owns the parsers and the dispatch; this module adds these commands' arguments to
them and runs them. It prints through the callables ``cli`` passes in, so it never imports
``cli`` (imports point one way). Exit codes as DESIGN §4: 0 done, 1 a figure not reported or a
file problem, 2 a mistyped id.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from legend_gui.model.citation import CitationStyle

if TYPE_CHECKING:
    import argparse

    from legend_gui.model.export_options import ExportText
    from legend_gui.model.queries import Catalog

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
LATEST = "latest"
Print = Callable[[str], None]


class UsageError(ValueError):
    """A mistyped id or date: exit 2, with the nearest ids the data has."""


def command_parser(
    command: str, make: Callable[..., argparse.ArgumentParser]
) -> argparse.ArgumentParser:
    """The parser of ``cite`` or ``sheet``, made by ``cli``'s parser class ``make``."""
    if command == "cite":
        parser = make(prog="legend-gui cite", description="Print one figure's citation.")
        cite_arguments(parser)
        parser.set_defaults(command=command)
    else:
        parser = make(
            prog="legend-gui sheet",
            description="A city's one-page fact sheet as PDF. Needs no display.",
        )
        sheet_arguments(parser)
        parser.set_defaults(command=command)
    return parser


def cite_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, help="data file (default: the bundled dataset)")
    parser.add_argument(
        "--city", help="city id, as in the data file (default: the national figure)"
    )
    parser.add_argument("--metric", required=True, help="metric id, as in the data file")
    parser.add_argument(
        "--snapshot",
        default=LATEST,
        metavar="DATE|latest",
        help="snapshot date YYYY-MM-DD, or 'latest' (default): the most recent snapshot in "
        "which the figure is reported",
    )
    parser.add_argument(
        "--style",
        choices=[style.value for style in CitationStyle],
        default=CitationStyle.PLAIN.value,
        help="citation style (default: plain)",
    )


def sheet_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, help="data file (default: the bundled dataset)")
    parser.add_argument("--city", required=True, help="city id, as in the data file")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    parser.add_argument(
        "--paper", choices=("a4", "letter"), help="paper size (default: from the locale)"
    )


def text_arguments(parser: argparse.ArgumentParser) -> None:
    """``export``'s editable text: defaults are the data's title and subtitle."""
    parser.add_argument("--title", help="the image's title (default: the metric; '' for none)")
    parser.add_argument("--subtitle", help="the subtitle (default: the snapshot; '' for none)")
    parser.add_argument("--note", default="", help="a note shown above the chart's own notes")
    parser.add_argument(
        "--large-text", action="store_true", help="larger text and lines, for print"
    )
    parser.add_argument(
        "--no-highlight", action="store_true", help="draw the --city bar like the others"
    )


def export_text(options: argparse.Namespace) -> ExportText:
    from legend_gui.model.export_options import ExportText

    return ExportText(
        title=options.title,
        subtitle=options.subtitle,
        note=options.note,
        large_text=options.large_text,
        highlight=not options.no_highlight,
    )


def unknown(kind: str, value: str, known: Sequence[str]) -> UsageError:
    """``unknown city id 'st-lous' (did you mean: st-louis-mo?)``, or the first few ids."""
    near = difflib.get_close_matches(value, known, n=3, cutoff=0.6)
    hint = f"did you mean: {', '.join(near)}?" if near else f"known: {', '.join(known[:8])}"
    more = ", ..." if not near and len(known) > 8 else ""
    return UsageError(f"unknown {kind} '{value}' ({hint}{more})")


def resolve_snapshot(
    catalog: Catalog, text: str, city_id: str | None, metric_id: str
) -> date | None:
    """``--snapshot``: a date the data has, or ``latest`` (``None``: nowhere reported)."""
    from legend_gui.model.citation import latest_reported_day

    if text.strip().lower() == LATEST:
        return latest_reported_day(catalog, city_id, metric_id)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--snapshot takes YYYY-MM-DD or 'latest', not {text!r}") from None
    if day not in catalog.snapshot_by_date:
        raise unknown("snapshot", day.isoformat(), [d.isoformat() for d in catalog.snapshot_dates])
    return day


def run(catalog: Catalog, options: argparse.Namespace, out: Print, err: Print) -> int:
    """Run ``options.command`` (``cite`` or ``sheet``) on ``catalog``."""
    return (run_cite if options.command == "cite" else run_sheet)(catalog, options, out, err)


def run_cite(catalog: Catalog, options: argparse.Namespace, out: Print, err: Print) -> int:
    """``legend-gui cite``: one figure's citation on stdout."""
    from legend_gui.model.citation import cite_context, cite_figure, where_name

    try:
        if options.city is not None and options.city not in catalog.city_by_id:
            raise unknown("city id", options.city, [c.id for c in catalog.dataset.cities])
        if options.metric not in catalog.metric_by_id:
            raise unknown("metric", options.metric, [m.id for m in catalog.dataset.metrics])
        if catalog.is_context_metric(options.metric):  # a period count: no snapshot applies
            try:
                out(cite_context(catalog, options.city, options.metric, options.style))
            except LookupError as error:
                err(f"legend-gui cite: {error.args[0]}")
                return EXIT_FAILURE
            return EXIT_OK
        day = resolve_snapshot(catalog, options.snapshot, options.city, options.metric)
    except UsageError as error:
        err(f"legend-gui cite: {error}")
        return EXIT_USAGE
    if day is None:
        label = catalog.metric_by_id[options.metric].label
        where = where_name(catalog, options.city)
        err(f"legend-gui cite: {label}, {where}: not reported in any snapshot")
        return EXIT_FAILURE
    try:
        out(cite_figure(catalog, (day, options.city, options.metric), options.style))
    except LookupError as error:
        err(f"legend-gui cite: {error.args[0]}")
        return EXIT_FAILURE
    return EXIT_OK


def run_sheet(catalog: Catalog, options: argparse.Namespace, out: Print, err: Print) -> int:
    """``legend-gui sheet``: the city's one-page fact sheet as PDF."""
    from legend_gui.export import write_fact_sheet

    if options.city not in catalog.city_by_id:
        error = unknown("city id", options.city, [c.id for c in catalog.dataset.cities])
        err(f"legend-gui sheet: {error}")
        return EXIT_USAGE
    output: Path = options.output
    if output.suffix.lower() != ".pdf":
        err("legend-gui sheet: the fact sheet is a PDF; give -o a name ending in .pdf")
        return EXIT_USAGE
    write_fact_sheet(catalog, options.city, output, options.paper)
    city = catalog.city_by_id[options.city]
    out(f"{output}: fact sheet of {city.name}, {city.state}")
    return EXIT_OK

"""Command line: ``legend-gui [FILE]``, ``validate``, ``list``, ``export``, ``screenshot``,
``cite``, ``sheet``, ``--smoke`` (the publishing commands' work is in ``cli_publish``).

The contract is DESIGN.md §4. Headless commands import only what they need (``validate`` never
imports Qt); no traceback ever reaches the user: expected failures print one line per problem on
stderr and exit 1, usage errors exit 2, anything unexpected is logged and summarised.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from legend_gui import __version__, timing  # noqa: F401 - timing notes the start early

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
_COMMANDS = ("validate", "list", "export", "screenshot", "cite", "sheet")


if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from legend_gui.model.chart import ChartView
    from legend_gui.model.queries import Catalog


@cache
def _parser_class() -> type[argparse.ArgumentParser]:
    """argparse, imported only when there are options to parse (the plain start has none)."""
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            self.print_usage(sys.stderr)
            _err(f"{self.prog}: error: {message}")
            raise SystemExit(EXIT_USAGE)

    return Parser


def _Parser(**options: Any) -> argparse.ArgumentParser:
    return _parser_class()(**options)


def _raw_description_formatter() -> type[argparse.HelpFormatter]:
    import argparse

    return argparse.RawDescriptionHelpFormatter


def _argument_type_error(message: str) -> Exception:
    import argparse

    return argparse.ArgumentTypeError(message)


def _err(line: str) -> None:
    """One line on stderr, printable: a file name, a command-line value or a data file's text
    in it cannot act on the terminal (ESC shows as ``\\x1b``, never raw)."""
    # A windowed (frozen) build has no stderr at all (PyInstaller sets it to None).
    if sys.stderr is not None:
        print(_printable(line), file=sys.stderr)


def _out(line: str) -> None:
    """One line on stdout, printable (see ``_err``)."""
    if sys.stdout is not None:
        print(_printable(line))


def _printable(line: str) -> str:
    from legend_gui.model.text import printable  # pure Python, a few µs to import

    return printable(line)


def _gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="legend-gui",
        description=(
            "Legend Viewer: browse a data file of an operation's public figures, city by city, "
            "with the source of every number."
        ),
        epilog=(
            "commands:\n"
            "  legend-gui validate FILE...         check data files\n"
            "  legend-gui list cities|metrics|snapshots   the ids a command line can use\n"
            "  legend-gui export -o OUT ...        the chart (PNG/SVG/PDF/CSV); with --all, every "
            "figure (.csv, or .zip: a data package)\n"
            "  legend-gui cite --metric ID ...     print the citation of one figure\n"
            "  legend-gui sheet --city ID -o OUT.pdf   a city's one-page fact sheet\n"
            "  legend-gui screenshot -o OUT.png    render the main window\n"
            "Run 'legend-gui COMMAND --help' for a command's options."
        ),
        formatter_class=_raw_description_formatter(),
    )
    parser.add_argument("file", nargs="?", type=Path, help="a data file to open (default: bundled)")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="open the window, print start-up timings, and exit (for tests and benchmarks)",
    )
    parser.add_argument("--version", action="version", version=f"legend-gui {__version__}")
    return parser


def _chart_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, help="data file (default: the bundled dataset)")
    parser.add_argument(
        "--view",
        choices=("bars", "timeline", "map", "table"),
        help="which view: the bar chart (default), a timeline, the map or the table",
    )
    parser.add_argument("--city", help="city id to select / highlight, e.g. kansas-city-mo")
    parser.add_argument("--width", type=_positive_int, help="image width in pixels")
    parser.add_argument("--height", type=_positive_int, help="image height in pixels")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise _argument_type_error(f"not a whole number: {text!r}") from None
    if not 16 <= value <= 20_000:
        raise _argument_type_error(f"{value} is outside 16–20000 pixels")
    return value


def _command_parser(command: str) -> argparse.ArgumentParser:
    if command == "validate":
        parser = _Parser(prog="legend-gui validate", description="Check data files.")
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "-w", "--warnings", action="store_true", help="also list the data warnings"
        )
        return parser
    if command == "list":
        from legend_gui.model.ids import LISTINGS

        parser = _Parser(
            prog="legend-gui list",
            description="List the ids of the data's cities, metrics or snapshots, with their "
            "names, for --city, --metric and --snapshot.",
        )
        parser.add_argument("what", choices=LISTINGS)
        parser.add_argument("--data", type=Path, help="data file (default: the bundled dataset)")
        return parser
    if command in ("cite", "sheet"):
        from legend_gui.cli_publish import command_parser

        return command_parser(command, _Parser)
    if command == "export":
        parser = _Parser(
            prog="legend-gui export",
            description=(
                "Export a view as PNG, SVG, PDF or CSV (chosen by the extension of OUT), or "
                "with --all every figure of the dataset as long-format CSV or, to a .zip, as a "
                "Frictionless data package. Needs no display."
            ),
        )
        parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
        parser.add_argument(
            "--all", action="store_true", help="every figure: long-format CSV, or a .zip package"
        )
        parser.add_argument(
            "--snapshot", help="snapshot date, YYYY-MM-DD, or 'latest' (each city's most recent)"
        )
        parser.add_argument("--metric", help="metric id as in the data file (default: a core one)")
        parser.add_argument("--per-capita", action="store_true", help="per 100,000 residents")
        parser.add_argument("--timeline", action="store_true", help="short for --view timeline")
        parser.add_argument("--context", action="store_true", help="timeline: mark context counts")
        parser.add_argument("--top", type=int, default=None, help="show the top N cities")
        _chart_options(parser)
        from legend_gui.cli_publish import text_arguments

        text_arguments(parser)
        return parser
    parser = _Parser(
        prog="legend-gui screenshot",
        description="Render the main window as a user would see it, to PNG. Needs no display.",
    )
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.png")
    parser.add_argument("--dark", action="store_true", help="use the dark colour scheme")
    parser.add_argument("--metric", help="metric id to chart, e.g. homicides_2020")
    _chart_options(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``legend-gui`` and ``python -m legend_gui``; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args in ([], ["--smoke"]):  # the common start needs no parser (argparse: ~15 ms)
            from legend_gui.ui.app import run_gui

            return run_gui(None, smoke=bool(args))
        if args and args[0] in _COMMANDS:
            options = _command_parser(args[0]).parse_args(args[1:])
            handler = {
                "validate": _validate,
                "list": _list,
                "export": _export,
                "screenshot": _screenshot,
                "cite": _publish,
                "sheet": _publish,
            }
            return handler[args[0]](options)
        options = _gui_parser().parse_args(args)
        from legend_gui.ui.app import run_gui

        return run_gui(options.file, smoke=options.smoke)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence: no traceback to users
        from legend_gui.crash import log_exception

        log_path = log_exception(error)
        _err(f"legend-gui: unexpected error: {error.__class__.__name__}: {error}")
        if log_path is not None:
            _err(f"legend-gui: details were written to {log_path}")
        return EXIT_FAILURE


def _validate(options: argparse.Namespace) -> int:
    from legend_gui.model import Catalog, DatasetError, load_dataset_fast

    status = EXIT_OK
    for file in options.files:
        try:
            catalog = Catalog(load_dataset_fast(file), str(file))
        except DatasetError as error:
            for line in error.lines():
                _err(line)
            status = EXIT_FAILURE
            continue
        _out(f"{file}: OK: {summary(catalog)}")
        if options.warnings:
            for warning in catalog.warnings:
                _out(f"  warning: {warning.message}")
    return status


def summary(catalog: Catalog) -> str:
    """``9 cities, 23 snapshots, 380 figures, ...``: what ``validate`` says of a good file."""
    from legend_gui.model.formatting import counted

    dataset = catalog.dataset
    counts = (
        (len(dataset.cities), "city"),
        (len(dataset.snapshots), "snapshot"),
        (catalog.figure_count(), "figure"),
        (catalog.alternate_count(), "alternate"),
        (len(dataset.sources), "source"),
        (len(catalog.warnings), "warning"),
    )
    return ", ".join(counted(count, word) for count, word in counts)


def _list(options: argparse.Namespace) -> int:
    from legend_gui.model.ids import listing, listing_lines

    def run() -> int:
        for line in listing_lines(listing(_load_catalog(options.data), options.what)):
            _out(line)
        return EXIT_OK

    return _reporting_failures("list", run)


def _load_catalog(path: Path | None) -> Catalog:
    from legend_gui.model import Catalog, load_dataset_fast
    from legend_gui.resources import bundled_dataset

    file = path or bundled_dataset()
    return Catalog(load_dataset_fast(file), str(file))


def _reporting_failures(command: str, run: Callable[[], int]) -> int:
    """Run a headless command; a bad data file or an unwritable output is one line per
    problem on stderr and exit 1, never a traceback."""
    from legend_gui.fileio import WriteError
    from legend_gui.model import DatasetError
    from legend_gui.model.ids import UnknownId

    try:
        return run()
    except DatasetError as error:
        for line in error.lines():
            _err(line)
        return EXIT_FAILURE
    except WriteError as error:
        _err(f"legend-gui {command}: {error}")
        return EXIT_FAILURE
    except UnknownId as error:  # a mistyped id: a usage error
        _err(f"legend-gui {command}: error: {error}")
        return EXIT_USAGE


def _export(options: argparse.Namespace) -> int:
    from legend_gui import export
    from legend_gui.cli_options import describe, settings_from_options
    from legend_gui.cli_publish import export_text
    from legend_gui.model.export_options import DEFAULT_SIZE
    from legend_gui.model.formatting import counted

    package = options.output.suffix.lower() == ".zip"
    if options.all and not package and options.output.suffix.lower() != ".csv":
        _err("legend-gui export: --all writes CSV or a data package; give -o .csv or .zip")
        return EXIT_USAGE

    def run() -> int:
        catalog = _load_catalog(options.data)
        if options.all:
            write = export.write_data_package if package else export.write_long_csv
            count = write(catalog, options.output)
            kind = " (data package)" if package else ""
            _out(f"{options.output}: {counted(count, 'row')}{kind}")
            return EXIT_OK
        settings = settings_from_options(catalog, options, chosen_view(options))
        size = (options.width or DEFAULT_SIZE[0], options.height or DEFAULT_SIZE[1])
        export.export_chart(catalog, settings, options.output, size, export_text(options))
        _out(f"{options.output}: {describe(settings, catalog.is_context_metric(settings.metric))}")
        return EXIT_OK

    return _reporting_failures("export", run)


def chosen_view(options: argparse.Namespace) -> ChartView:
    """``--view``, or ``--timeline`` (its short form), or the bar chart."""
    from legend_gui.model.chart import as_view

    if getattr(options, "timeline", False) and options.view not in (None, "timeline"):
        raise _usage(f"--timeline contradicts --view {options.view}")
    return as_view(options.view or ("timeline" if getattr(options, "timeline", False) else "bars"))


def _usage(message: str) -> SystemExit:
    _err(f"legend-gui: error: {message}")
    return SystemExit(EXIT_USAGE)


def _publish(options: argparse.Namespace) -> int:
    """``cite`` and ``sheet`` (``cli_publish``)."""
    from legend_gui.cli_publish import run

    command: str = options.command
    return _reporting_failures(
        command, lambda: run(_load_catalog(options.data), options, _out, _err)
    )


def _screenshot(options: argparse.Namespace) -> int:
    def run() -> int:
        from legend_gui.ui.app import screenshot

        return screenshot(
            options.data,
            options.output,
            city=options.city,
            width=options.width or 1280,
            height=options.height or 800,
            dark=options.dark,
            view=chosen_view(options),
            metric=options.metric,
        )

    return _reporting_failures("screenshot", run)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""Build the bundled dataset ``data/operation_legend.json`` from the researched facts.

The facts (``../shared/facts`` next to the repository) are flat CSV rows: one row per number
read in one archived page. The app wants one figure per (snapshot, city or national, metric)
with a single primary value and every other report kept beside it. This script makes that
choice by written rules (see ``data/README.md``; the code is in ``data/curation/``), so the
bundled file can be rebuilt and reviewed instead of hand-edited.

Run it with ``uv run python data/curate.py`` (``--facts DIR`` to read another copy of the
facts, ``--output FILE`` to write elsewhere). The output is deterministic: the same facts give
the same bytes. The result is validated with the app's own loader before it replaces the
committed file, so a bad build never lands on disk.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
REPO_ROOT = DATA_DIR.parent
# The rules live beside this script (data/curation), which is not part of the app's package;
# the app itself may not be installed in the interpreter that runs a plain checkout.
for _folder in (DATA_DIR, REPO_ROOT):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

from curation.build import build  # noqa: E402
from curation.errors import CurationError  # noqa: E402
from curation.facts import CITIES_CSV, FIGURES_CSV  # noqa: E402
from curation.metrics import METRICS_CSV  # noqa: E402
from curation.write import render, summary, write_validated  # noqa: E402

DEFAULT_FACTS = REPO_ROOT.parent / "shared" / "facts"
DEFAULT_OUTPUT = DATA_DIR / "operation_legend.json"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument(
        "--facts",
        type=Path,
        default=DEFAULT_FACTS,
        help=f"folder with {FIGURES_CSV} and {CITIES_CSV} (default: %(default)s)",
    )
    parser.add_argument(
        "--metrics",
        type=Path,
        default=METRICS_CSV,
        help="the metric definitions (default: %(default)s)",
    )
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help="where to write (default: %(default)s)"
    )
    parser.add_argument("--quiet", action="store_true", help="do not print the summary")
    args = parser.parse_args(argv)
    try:
        built = build(args.facts, args.metrics)
    except CurationError as error:
        sys.stderr.write(f"curate: {error}\n")
        return 1
    catalog = write_validated(render(built.document), args.output)
    if not args.quiet:
        sys.stdout.write(f"wrote {args.output}\n{summary(catalog, built)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

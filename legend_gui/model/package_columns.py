"""The columns of the data package's CSV files, as its Table Schemas describe them: name, type,
what the column holds in a reader's words, and constraints (``datapackage`` writes both).

The words describe the columns only; every text about the data comes from the data.
"""

from __future__ import annotations

from typing import Any

from legend_gui.model.long_rows import ROLES
from legend_gui.model.vocab import Qualifier, Scope

#: (column, Table Schema type, description, extra field properties)
Column = tuple[str, str, str, dict[str, Any]]


def _key(description: str) -> Column:
    """The "id" column of a table whose rows other tables refer to: required and unique."""
    return ("id", "string", description, {"constraints": {"required": True, "unique": True}})


_QUALIFIERS = [qualifier.value for qualifier in Qualifier]
#: The roles of ``Catalog.long_rows``: the figure, a source that gave the same value and
#: framing, a source that gave another.
FIGURE_ROLES = list(ROLES)

FIGURE_COLUMNS: list[Column] = [
    (
        "snapshot_date",
        "date",
        "The date the figure was announced (a running total up to then); empty for a context "
        "count, which covers a period instead (see period).",
        {},
    ),
    (
        "scope",
        "string",
        "Whether the figure is one city's or the national total.",
        {"constraints": {"required": True, "enum": [s.value for s in Scope]}},
    ),
    ("city", "string", "The city's name (see cities.csv); empty for national figures.", {}),
    ("state", "string", "The city's state; empty for national figures.", {}),
    (
        "metric",
        "string",
        "What is counted: an id of metrics.csv.",
        {"constraints": {"required": True}},
    ),
    (
        "value",
        "number",
        "The value as reported, to be read with its qualifier. A figure no source reported "
        "has no row: it is never 0.",
        {"constraints": {"required": True, "minimum": 0}},
    ),
    ("unit", "string", "What the value counts or measures (as metrics.csv gives it).", {}),
    (
        "qualifier",
        "string",
        "How the source framed the value: " + ", ".join(_QUALIFIERS) + ".",
        {"constraints": {"required": True, "enum": _QUALIFIERS}},
    ),
    (
        "source_url",
        "string",
        "Where the value can be read (sources.csv has the rest).",
        {"format": "uri"},
    ),
    ("publisher", "string", "Who published the source.", {}),
    ("published_date", "date", "When the source was published, when it shows a date.", {}),
    (
        "role",
        "string",
        "primary: the figure (or context count) the dataset uses; corroborating: another source "
        "that gave the same value with the same framing; alternate: another source's different "
        "report of it (for a context count: another count, whatever its basis).",
        {"constraints": {"required": True, "enum": FIGURE_ROLES}},
    ),
    ("note", "string", "The compiler's note on this report, as written in the data file.", {}),
    (
        "period",
        "string",
        "For a context count (a background count such as a city's homicides, not an announced "
        "figure): the days it covers, both included, as an ISO 8601 interval "
        "(2020-01-01/2020-12-31); empty for announced figures.",
        {"constraints": {"pattern": r"(\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2})?"}},
    ),
    ("definition", "string", "For a context count: what its source says it counts.", {}),
    (
        "basis",
        "string",
        "For a context count: what kind of count it is (police count of all homicides, a "
        "newspaper's own count ...). Counts on the same basis and period that differ are a "
        "dispute; counts on different bases differ by definition.",
        {},
    ),
]

SOURCE_COLUMNS: list[Column] = [
    _key("The source's id in the data file."),
    ("publisher", "string", "Who published it.", {}),
    ("title", "string", "The page's title, when recorded.", {}),
    ("url", "string", "Where it can be read.", {"format": "uri"}),
    ("published", "date", "Publication date, when the page shows one.", {}),
    ("kind", "string", "official, reprint, news or reference.", {}),
    ("note", "string", "The compiler's note on the source.", {}),
]

CITY_COLUMNS: list[Column] = [
    _key("The city's stable id."),
    ("name", "string", "The city's name.", {}),
    ("state", "string", "Its state.", {}),
    (
        "launch_date",
        "date",
        "When the operation began there; figures start on or after it.",
        {},
    ),
    ("usao_district", "string", "The federal judicial district, when recorded.", {}),
    (
        "population",
        "integer",
        "Residents, when recorded (see population_year and population_source).",
        {},
    ),
    ("population_year", "integer", "The year of the population count.", {}),
    ("population_source", "string", "The population's source: an id of sources.csv.", {}),
    ("lat", "number", "Latitude in degrees.", {}),
    ("lon", "number", "Longitude in degrees.", {}),
]

METRIC_COLUMNS: list[Column] = [
    _key("The metric's id, as in figures.csv."),
    ("label", "string", "What a reader calls it.", {}),
    ("unit", "string", "What one unit of the value is.", {}),
    ("description", "string", "What is counted and how.", {}),
    ("group", "string", "The menu group ('core' metrics are shown for every city).", {}),
    (
        "cumulative",
        "boolean",
        "true when later figures include earlier ones (a running total).",
        {},
    ),
    (
        "part_of",
        "string",
        "The id of the metric this one is a part of, at the same date and place; empty if none.",
        {},
    ),
    (
        "overlaps",
        "boolean",
        "With part_of: true when such parts may count one thing twice (each is at most the "
        "whole), false when they are disjoint (together at most the whole).",
        {},
    ),
]

"""The format's fixed vocabularies, free of pydantic so the window can use them before the
(slower) validation machinery is imported."""

from __future__ import annotations

from enum import StrEnum

#: The schema version this build of the app reads. A file with a higher one was written by a
#: newer Legend Viewer; the loader says so instead of guessing.
SCHEMA_VERSION = 2


class Qualifier(StrEnum):
    """How the source framed a number. "More than 1,000" is not "1,000"."""

    EXACT = "exact"
    MORE_THAN = "more_than"  # "more than", "over"
    AT_LEAST = "at_least"
    APPROXIMATELY = "approximately"  # "about", "roughly", "around", "some", "close to"
    NEARLY = "nearly"  # "nearly", "almost"
    AT_MOST = "at_most"


class Scope(StrEnum):
    CITY = "city"
    NATIONAL = "national"


class SourceKind(StrEnum):
    OFFICIAL = "official"  # the agency behind the figures or one of its offices, first-hand
    REPRINT = "reprint"  # an official release reprinted by another site
    NEWS = "news"  # a news outlet's own report
    REFERENCE = "reference"  # e.g. census figures as given by an encyclopedia


#: Qualifiers whose value is a lower bound: city figures or parts adding up to more, or a
#: smaller later figure, is no contradiction.
LOWER_BOUNDS = frozenset({Qualifier.MORE_THAN, Qualifier.AT_LEAST})

#: The metric group a data file marks as its main figures: first in menus, and shown in every
#: place's table even where not reported (DESIGN §2). The data decides which metrics are in it.
CORE_GROUP = "core"

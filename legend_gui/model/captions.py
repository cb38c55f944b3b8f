"""The words under a chart, from the data: source line, legend, population note, ranks.

Every sentence here is built from the dataset (its sources, its cities' populations, its
metric's unit); none names an operation, an agency or a census year.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from legend_gui.model.formatting import QUALIFIER_MARKS, QUALIFIER_WORDS, format_date
from legend_gui.model.vocab import Qualifier

if TYPE_CHECKING:
    from legend_gui.model.queries import Catalog
    from legend_gui.model.schema import City, Source

NO_SOURCES = "Sources: none (no figures reported)"
DISPUTE_KEY = "A whisker spans the values other reports give for the same figure."
#: The whisker of a context count: only counts on its own basis and period dispute it.
CONTEXT_DISPUTE_KEY = (
    "A whisker spans the other counts on the same basis and period; counts on other bases "
    "differ by definition and are not drawn."
)
#: Explains a timeline's context marks (``model.context_marks``) in its legend line.
CONTEXT_MARK_KEY = (
    "Dotted lines: the city's background counts for the period ending on that day, from their "
    "own sources; they are not on the value scale."
)


def source_line(sources: list[Source]) -> str:
    """``Sources: KMOV 4 St. Louis (19 Aug 2020); ...`` — every source, never "and 3 more"
    (a citation that drops sources is not one; the image wraps the line instead)."""
    if not sources:
        return NO_SOURCES
    parts: dict[str, None] = {}  # two pages of one publisher, both undated, read the same
    for source in sources:
        when = f" ({format_date(source.published)})" if source.published else ""
        parts[f"{source.publisher}{when}"] = None
    return "Sources: " + "; ".join(parts) + "."


def legend_line(qualifiers: list[Qualifier], mark: str = "Hatched bars") -> str:
    """Explains how non-exact values are drawn; empty when every value is exact."""
    if not qualifiers:
        return ""
    marks = ", ".join(f"{QUALIFIER_MARKS[q]} {QUALIFIER_WORDS[q]}" for q in qualifiers)
    return f"{mark} are figures the source did not give as exact ({marks})."


def ordinal(rank: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``22nd``."""
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank:,}{suffix}"


def cities_text(count: int) -> str:
    return f"{count:,} city" if count == 1 else f"{count:,} cities"


def population_note(catalog: Catalog, cities: Iterable[City]) -> str:
    """``Rates use populations of 2020 (U.S. Census Bureau ...).``: years and publishers as
    the data gives them for the cities shown."""
    years: dict[int, None] = {}
    publishers: dict[str, None] = {}
    for city in cities:
        population = city.population
        if population is None:
            continue
        years[population.year] = None
        source = catalog.source_by_id.get(population.source)
        if source is not None:
            publishers[source.publisher] = None
    if not years:
        return ""
    ordered = sorted(years)
    span = str(ordered[0]) if len(ordered) == 1 else f"{ordered[0]}–{ordered[-1]}"
    named = f" ({'; '.join(publishers)})" if publishers else ""
    return f"Rates per 100,000 residents use populations of {span}{named}."


def has_populations(catalog: Catalog) -> bool:
    """Whether any city has a population: without one, no rate can be computed at all."""
    return any(city.population is not None for city in catalog.cities)


NO_POPULATIONS = (
    "This dataset gives no city populations, so rates per 100,000 residents cannot be computed."
)


def national_name(catalog: Catalog) -> str:
    """What the national figures are called: the totals for the whole of the dataset's subject,
    named by the dataset's own title."""
    return f"Totals reported for the whole of “{catalog.dataset.title}”"


def shorten_middle(text: str, limit: int = 32) -> str:
    """``Winston-Salem…area, NC``: cut from the middle, so the state at the end survives."""
    if len(text) <= limit:
        return text
    tail = max(6, (limit - 1) // 2)
    head = max(1, limit - 1 - tail)
    return text[:head].rstrip() + "…" + text[-tail:].lstrip()

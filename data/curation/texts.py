"""The words of the dataset that are not figures: title, description, licence, labels."""

from __future__ import annotations

TITLE = "Operation Legend (U.S. Department of Justice, 2020): public figures"
DESCRIPTION = (
    "Running totals that the U.S. Department of Justice and the U.S. Attorney's Offices "
    "announced for Operation Legend, the 2020 federal surge against violent crime in nine "
    "cities (federal defendants charged, arrests, homicide arrests, firearms and drugs "
    "seized), together with what news outlets reported about them. Each figure names the "
    "page it was read in; where pages disagree the other values are kept as alternates. "
    "A figure that no source gave is left out: it means 'not reported', never zero."
)
#: SOURCES.md does not date the compilation, so the date agreed for this release is used.
COMPILED = "2026-11-01"
LICENCE = (
    "The numbers are facts published by public bodies and the press; each links to its "
    "source. This compilation (selection, arrangement, notes and metric definitions) is "
    "released under the Creative Commons Attribution 4.0 International licence (CC BY 4.0)."
)

#: The seven dates on which DOJ published national figures (SOURCES.md, "Conventions").
DOJ_SNAPSHOT_LABELS: dict[str, str] = {
    "2020-08-19": "DOJ national update (Kansas City press conference)",
    "2020-09-03": "DOJ national update (figures through Aug. 31)",
    "2020-09-09": "DOJ national update (Chicago press conference)",
    "2020-09-22": "DOJ national update (Milwaukee press conference)",
    "2020-10-14": "DOJ national update (Albuquerque roundtable)",
    "2020-10-21": "DOJ national update (Memphis visit)",
    "2020-12-23": "DOJ final results",
}

#: English Wikipedia article of each city: the populations were read from copies of these,
#: and the app cites the census through the article rather than through a mirror's address.
WIKIPEDIA_ARTICLES: dict[str, str] = {
    "Kansas City": "Kansas_City,_Missouri",
    "Chicago": "Chicago",
    "Albuquerque": "Albuquerque,_New_Mexico",
    "Cleveland": "Cleveland",
    "Detroit": "Detroit",
    "Milwaukee": "Milwaukee",
    "St. Louis": "St._Louis",
    "Memphis": "Memphis,_Tennessee",
    "Indianapolis": "Indianapolis",
}
CENSUS_PUBLISHER = "U.S. Census Bureau, 2020 Census (as given by Wikipedia)"
#: Notes worth keeping from the cities file, keyed by city name.
POPULATION_NOTES: dict[str, str] = {
    "Indianapolis": (
        "City population excluding the semi-autonomous towns inside Marion County (the "
        "'balance'); the consolidated city-county counted 977,203 in 2020."
    ),
}


def snapshot_label(day: str, cities: list[str]) -> str:
    """DOJ's seven national dates by occasion; other dates after the cities that reported."""
    if day in DOJ_SNAPSHOT_LABELS:
        return DOJ_SNAPSHOT_LABELS[day]
    names = sorted(set(cities))
    if not names:
        return "National update"
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{joined} update"

"""The words of the dataset that are not figures: title, description, licence, labels."""

from __future__ import annotations

TITLE = "Operation Legend (U.S. Department of Justice, 2020): public figures"
#: What a reader must know before using the numbers; paragraphs are separated by blank lines.
DESCRIPTION = "\n\n".join(
    (
        "Running totals that the U.S. Department of Justice and its U.S. Attorney's Offices "
        "announced for Operation Legend, the 2020 federal surge against violent crime in nine "
        "U.S. cities (federal defendants charged, arrests, homicide arrests, firearms and "
        "drugs seized), together with what news outlets reported about them. Each figure "
        "names the page it was read in. Where pages disagree, written rules choose the value "
        "shown first and every other value is kept beside it with its own source.",
        "Not reported: a figure is absent when none of the pages the researchers could read "
        "gave that number for that city and date. It means the number is unknown here, never "
        "that it was zero.",
        "Cut-short releases: the pages were read from archived copies that keep only the "
        "opening of each page. The Justice Department's national releases of Sept. 9, "
        "Sept. 22, Oct. 14, Oct. 21 and Dec. 23, 2020 break off after the first city or two, "
        "so most city figures for those dates come from local outlets or are missing, and no "
        "final figures were found for Chicago, St. Louis or Milwaukee. None of the press "
        "office's original releases was available; the national figures are known through "
        "reprints, copies posted by other DOJ offices and news reports.",
        "Populations are 2020 census counts of each city proper, not of its metropolitan area, "
        "as given by Wikipedia (for Indianapolis the figure leaves out the semi-independent "
        "towns of Marion County).",
        "National figures are the Justice Department's own totals, not sums of the city "
        "figures. Drug seizures reported in grams or pounds are converted exactly to "
        "kilograms, and the figure's note gives the amount as the page reported it.",
        "Context: each city's homicides in 2019, 2020 and 2021 and from 1 Jan 2020 to a day "
        "near its launch are background counts from police figures and news reports, not "
        "Operation Legend figures, and they do not measure the operation's effect. Counts "
        "differ by definition (police, newspaper or medical examiner; all homicides or murders "
        "only) and by revision: each keeps its source's definition, and counts of another kind "
        "are listed beside the first one, not treated as disagreements. Rates per 100,000 use "
        "the city's population as recorded here.",
    )
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

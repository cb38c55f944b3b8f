"""Build the bundled dataset ``data/operation_legend.json`` from the researched facts.

The facts (``../shared/facts`` next to the repository) are flat CSV rows: one row per number
read in one archived page. The app wants one figure per (snapshot, city or national, metric)
with a single primary value and every other report kept beside it. This script makes that
choice by written rules (see ``data/README.md``), so the bundled file can be rebuilt and
reviewed instead of hand-edited.

Run it with ``uv run python data/curate.py`` (``--facts DIR`` to read another copy of the
facts, ``--output FILE`` to write elsewhere). The output is deterministic: the same facts give
the same bytes. The result is validated with the app's own loader before it replaces the
committed file, so a bad build never lands on disk.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

try:
    from legend_gui.fileio import atomic_write_bytes
    from legend_gui.model import Catalog, load_dataset
except ModuleNotFoundError:  # a checkout whose package is not installed in this interpreter
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from legend_gui.fileio import atomic_write_bytes
    from legend_gui.model import Catalog, load_dataset

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FACTS = REPO_ROOT.parent / "shared" / "facts"
DEFAULT_OUTPUT = REPO_ROOT / "data" / "operation_legend.json"
FIGURES_CSV = "operation_legend_figures.csv"
CITIES_CSV = "operation_legend_cities.csv"

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

# -- qualifiers ------------------------------------------------------------------------------
#: The researchers kept each source's own wording; the app knows five framings.
QUALIFIERS: dict[str, str] = {
    "exact": "exact",
    "more than": "more_than",
    "over": "more_than",
    "at least": "at_least",
    "approximately": "approximately",
    "about": "approximately",
    "roughly": "approximately",
    "around": "approximately",
    "some": "approximately",
    "close to": "approximately",
    "nearly": "nearly",
    "almost": "nearly",
}
NOT_FOUND = "not_found"

# -- snapshots -------------------------------------------------------------------------------
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

# -- cities ----------------------------------------------------------------------------------
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

# -- sources ---------------------------------------------------------------------------------
#: Hosts whose pages are the Justice Department's own (DOJ, its U.S. Attorney's Offices and
#: components such as the DEA): first-hand figures.
OFFICIAL_HOSTS = ("justice.gov", "dea.gov")
#: A publisher that says it carries a DOJ or USAO release verbatim.
_REPRINT_OF_RELEASE = re.compile(r"\b(reprint|repost)\b[^)]*\b(DOJ|USAO)", re.IGNORECASE)

#: Outlets that cover one city as their home market, and copies of their stories. For a city
#: figure these are the most specific sources. Blogs, national and out-of-market outlets are
#: deliberately absent.
LOCAL_OUTLETS: dict[str, str] = {
    "KCUR 89.3 (Kansas City Public Radio)": "Kansas City",
    "The Kansas City Star": "Kansas City",
    "The Kansas City Star (via kiji.is syndication)": "Kansas City",
    "FOX4 Kansas City (WDAF)": "Kansas City",
    "KCTV5": "Kansas City",
    "KSHB 41 Kansas City": "Kansas City",
    "Iola Register (KCUR story)": "Kansas City",
    "TonysKansasCity (reprint of USAO-WDMO release)": "Kansas City",
    "Chicago Tribune": "Chicago",
    "ABC7 Chicago": "Chicago",
    "NBC Chicago": "Chicago",
    "WGN-TV": "Chicago",
    "FOX 32 Chicago": "Chicago",
    "inkl (Chicago Sun-Times story)": "Chicago",
    "KRQE News 13": "Albuquerque",
    "Cleveland 19 News (WOIO)": "Cleveland",
    "News 5 Cleveland (WEWS)": "Cleveland",
    "WTAM 1100 (iHeartMedia)": "Cleveland",
    "fullcourtgreta.com (reprint of Cleveland 19/WOIO story)": "Cleveland",
    "Detroit Free Press": "Detroit",
    "The Detroit News": "Detroit",
    "WXYZ Detroit": "Detroit",
    "Milwaukee Journal Sentinel": "Milwaukee",
    "FOX6 News Milwaukee": "Milwaukee",
    "TMJ4 News": "Milwaukee",
    "KMOV 4 St. Louis": "St. Louis",
    "KSDK 5 On Your Side": "St. Louis",
    "FOX 2 St. Louis (KTVI)": "St. Louis",
    "KTRS 550": "St. Louis",
    "STL.News (reprint of DOJ release)": "St. Louis",
    "Four States Homepage (Nexstar; FOX2 St. Louis story)": "St. Louis",
    "The Commercial Appeal (Memphis)": "Memphis",
    "Memphis Flyer": "Memphis",
    "WMC Action News 5": "Memphis",
    "WREG News Channel 3": "Memphis",
    "Indianapolis Star": "Indianapolis",
    "Indianapolis Star (via Bucyrus Telegraph-Forum syndication)": "Indianapolis",
    "FOX59 Indianapolis": "Indianapolis",
    "WISH-TV 8": "Indianapolis",
    "WTHR 13 News": "Indianapolis",
    "WRTV Indianapolis": "Indianapolis",
    "CBS4 Indianapolis": "Indianapolis",
    "WFYI Indianapolis": "Indianapolis",
    "The Indiana Lawyer": "Indianapolis",
}

#: A row whose note says it gives the DOJ or USAO count ("DOJ release for ...", "USAO-WDMO
#: update; ...") rather than a speaker's remark or the outlet's own tally.
_QUOTES_RELEASE = re.compile(r"(DOJ|USAO)\b")
#: A row the researchers flagged as the side that disagrees with the official count.
_DISSENT = re.compile(r"^CONFLICT|CONFLICTS? with [^;]*\b(DOJ|USAO)\b", re.IGNORECASE)
#: A page dated this long after the announcement is a late repost (its.network, 2022), not
#: the first report of the figure.
LATE_REPOST = timedelta(days=90)

# -- metrics ---------------------------------------------------------------------------------


class MetricText(NamedTuple):
    label: str
    unit: str
    description: str


CORE_METRICS = (
    "federal_defendants_charged",
    "arrests_total",
    "homicide_arrests",
    "firearms_seized",
)
GROUP_ORDER = ("core", "doj_split", "charges", "seizures", "agency", "other")
AGENCY_SUFFIXES = ("_atf", "_dea", "_fbi", "_usms")
#: Levels or one-off amounts, not running totals: a later, smaller value is no contradiction.
NOT_CUMULATIVE = frozenset(
    {
        "federal_agents_deployed",
        "charged_defendants_still_fugitive",
        "defendants_charged_single_dto_case",
        "cops_funded_officers",
        "cops_hiring_funding_usd",
        "police_grant_funding_usd",
        "technical_assistance_funding_usd",
    }
)
_NOT_CUMULATIVE_SUFFIXES = ("_new_in_past_week", "_single_case")

_DRUG_CHARGE = "Defendants charged with"
#: Every metric id of the facts, in the order the app lists them within a group.
METRICS: dict[str, MetricText] = {
    # core
    "federal_defendants_charged": MetricText(
        "Federal defendants charged",
        "defendants",
        "People charged with federal crimes under the operation since it began, as counted "
        "by DOJ or the U.S. Attorney's Office.",
    ),
    "arrests_total": MetricText(
        "Arrests (total)",
        "people",
        "All arrests credited to the operation so far, including people charged in state "
        "or local courts.",
    ),
    "homicide_arrests": MetricText(
        "Homicide arrests",
        "people",
        "People arrested on murder or other homicide charges, mostly prosecuted by the state.",
    ),
    "firearms_seized": MetricText(
        "Firearms seized",
        "firearms",
        "Guns seized or recovered by agents and partner police during the operation.",
    ),
    # DOJ's split of federal defendants by lead charge
    "federal_charged_firearms_offenses": MetricText(
        "Federal charges: firearms offenses",
        "defendants",
        "Federal defendants whose main charge is a firearms offense (DOJ's three-way split).",
    ),
    "federal_charged_drug_offenses": MetricText(
        "Federal charges: drug offenses",
        "defendants",
        "Federal defendants whose main charge is a drug offense (DOJ's three-way split).",
    ),
    "federal_charged_other_violent": MetricText(
        "Federal charges: other violent crimes",
        "defendants",
        "Federal defendants charged with violent crimes other than firearms or drug "
        "offenses, such as robbery or carjacking (DOJ's three-way split).",
    ),
    "federal_charged_other": MetricText(
        "Federal charges: other offenses",
        "defendants",
        "Federal defendants charged with something other than drug trafficking, as one "
        "St. Louis report grouped them.",
    ),
    # charge-level counts
    "charge_felon_in_possession_firearm": MetricText(
        "Charges: felon in possession of a firearm",
        "defendants",
        "Defendants charged with having a gun after a felony conviction.",
    ),
    "charge_felon_in_possession_ammunition": MetricText(
        "Charges: felon in possession of ammunition",
        "defendants",
        "Defendants charged with having ammunition after a felony conviction.",
    ),
    "charge_illegal_firearm_possession": MetricText(
        "Charges: illegal firearm possession",
        "defendants",
        "Defendants charged with possessing a gun unlawfully, without a finer breakdown.",
    ),
    "charge_firearm_in_furtherance_drug_trafficking": MetricText(
        "Charges: firearm in furtherance of drug trafficking",
        "defendants",
        "Defendants charged with carrying or using a gun in connection with drug trafficking.",
    ),
    "charge_firearm_in_furtherance_violent_crime": MetricText(
        "Charges: firearm in furtherance of a violent crime",
        "defendants",
        "Defendants charged with carrying or using a gun in connection with a violent crime.",
    ),
    "charge_possession_machine_gun": MetricText(
        "Charges: machine gun possession",
        "defendants",
        "Defendants charged with possessing a machine gun.",
    ),
    "charge_possession_stolen_firearm": MetricText(
        "Charges: stolen firearm possession",
        "defendants",
        "Defendants charged with possessing a stolen gun.",
    ),
    "charge_receipt_firearm_under_indictment": MetricText(
        "Charges: receiving a firearm while under indictment",
        "defendants",
        "Defendants charged with acquiring a gun while under indictment for a felony.",
    ),
    "charge_drug_user_in_possession_firearm": MetricText(
        "Charges: drug user in possession of a firearm",
        "defendants",
        "Defendants charged with having a gun while using illegal drugs.",
    ),
    "charge_unlawful_user_in_possession_firearm": MetricText(
        "Charges: unlawful drug user in possession of a firearm",
        "defendants",
        "Defendants charged with having a gun as an unlawful user of controlled substances.",
    ),
    "charge_unlawful_user_in_possession_and_false_statement_ffl": MetricText(
        "Charges: unlawful user in possession and false statement to a dealer",
        "defendants",
        "Defendants charged both with having a gun as an unlawful drug user and with lying "
        "to a licensed gun dealer.",
    ),
    "charge_false_statement_ffl": MetricText(
        "Charges: false statement to a gun dealer",
        "defendants",
        "Defendants charged with lying on the paperwork of a federally licensed gun dealer.",
    ),
    "charge_theft_from_ffl": MetricText(
        "Charges: theft from a gun dealer",
        "defendants",
        "Defendants charged with stealing guns from a federally licensed dealer.",
    ),
    "charge_alien_in_possession_firearm": MetricText(
        "Charges: unlawful alien in possession of a firearm",
        "defendants",
        "Defendants charged with having a gun while in the country unlawfully.",
    ),
    "charge_dealing_firearms_without_license": MetricText(
        "Charges: dealing firearms without a licence",
        "defendants",
        "Defendants charged with selling guns as a business without a federal licence.",
    ),
    "charge_sale_firearm_to_prohibited_person": MetricText(
        "Charges: sale of a firearm to a prohibited person",
        "defendants",
        "Defendants charged with selling a gun to someone barred from having one.",
    ),
    "charge_drug_trafficking": MetricText(
        "Charges: drug trafficking",
        "defendants",
        f"{_DRUG_CHARGE} drug trafficking offenses.",
    ),
    "charge_possession_with_intent_to_distribute": MetricText(
        "Charges: possession with intent to distribute",
        "defendants",
        f"{_DRUG_CHARGE} holding drugs in order to sell or supply them.",
    ),
    "charge_distribution_controlled_substances": MetricText(
        "Charges: distribution of controlled substances",
        "defendants",
        f"{_DRUG_CHARGE} distributing controlled substances.",
    ),
    "charge_distribution_narcotics": MetricText(
        "Charges: distribution of narcotics",
        "defendants",
        f"{_DRUG_CHARGE} distributing narcotics.",
    ),
    "charge_conspiracy_distribute_controlled_substances": MetricText(
        "Charges: conspiracy to distribute controlled substances",
        "defendants",
        f"{_DRUG_CHARGE} conspiring to distribute controlled substances.",
    ),
    "charge_conspiracy_distribute_methamphetamine_out_of_district": MetricText(
        "Charges: methamphetamine conspiracy (other district)",
        "defendants",
        f"{_DRUG_CHARGE} a methamphetamine distribution conspiracy prosecuted in another "
        "federal district.",
    ),
    "charge_carjacking": MetricText(
        "Charges: carjacking",
        "defendants",
        "Defendants charged with taking a vehicle by force or threat.",
    ),
    "charge_armed_robbery": MetricText(
        "Charges: armed robbery",
        "defendants",
        "Defendants charged with robbery while armed.",
    ),
    "charge_hobbs_act_robbery": MetricText(
        "Charges: Hobbs Act robbery",
        "defendants",
        "Defendants charged with robbery affecting interstate commerce (the Hobbs Act).",
    ),
    "charge_bank_robbery": MetricText(
        "Charges: bank robbery",
        "defendants",
        "Defendants charged with robbing a bank.",
    ),
    "charge_bank_fraud": MetricText(
        "Charges: bank fraud",
        "defendants",
        "Defendants charged with defrauding a bank.",
    ),
    "charge_arson": MetricText(
        "Charges: arson",
        "defendants",
        "Defendants charged with arson.",
    ),
    # seizures
    "seized_cash_usd": MetricText(
        "Cash seized (USD)", "USD", "Money seized, usually as suspected drug proceeds."
    ),
    "seized_cash_usd_new_in_past_week": MetricText(
        "Cash seized in the past week (USD)",
        "USD",
        "Money seized during the week before the announcement only.",
    ),
    "seized_cash_usd_single_case": MetricText(
        "Cash seized in one case (USD)",
        "USD",
        "Money seized in a single investigation announced on its own.",
    ),
    "seized_cocaine_kg": MetricText("Cocaine seized (kg)", "kg", "Cocaine seized, in kilograms."),
    "seized_cocaine_g": MetricText("Cocaine seized (g)", "g", "Cocaine seized, in grams."),
    "seized_fentanyl_kg": MetricText(
        "Fentanyl seized (kg)", "kg", "Fentanyl seized, in kilograms."
    ),
    "seized_fentanyl_g": MetricText("Fentanyl seized (g)", "g", "Fentanyl seized, in grams."),
    "seized_fentanyl_lb": MetricText("Fentanyl seized (lb)", "lb", "Fentanyl seized, in pounds."),
    "seized_heroin_kg": MetricText("Heroin seized (kg)", "kg", "Heroin seized, in kilograms."),
    "seized_heroin_g": MetricText("Heroin seized (g)", "g", "Heroin seized, in grams."),
    "seized_heroin_lb": MetricText("Heroin seized (lb)", "lb", "Heroin seized, in pounds."),
    "seized_heroin_g_single_case": MetricText(
        "Heroin seized in one case (g)",
        "g",
        "Heroin seized in a single investigation announced on its own, in grams.",
    ),
    "seized_methamphetamine_kg": MetricText(
        "Methamphetamine seized (kg)", "kg", "Methamphetamine seized, in kilograms."
    ),
    "seized_methamphetamine_g": MetricText(
        "Methamphetamine seized (g)", "g", "Methamphetamine seized, in grams."
    ),
    "seized_methamphetamine_lb": MetricText(
        "Methamphetamine seized (lb)", "lb", "Methamphetamine seized, in pounds."
    ),
    "seized_marijuana_g": MetricText("Marijuana seized (g)", "g", "Marijuana seized, in grams."),
    "seized_drugs_combined_kg": MetricText(
        "Drugs seized, combined (kg)",
        "kg",
        "Several drugs added together by the source (for example meth, fentanyl, heroin and "
        "cocaine), in kilograms.",
    ),
    "seized_drugs_combined_g": MetricText(
        "Drugs seized, combined (g)",
        "g",
        "Several drugs added together by the source, in grams.",
    ),
    "seized_drugs_combined_lb": MetricText(
        "Drugs seized, combined (lb)",
        "lb",
        "Several drugs added together by the source, in pounds.",
    ),
    "seized_pills_count": MetricText(
        "Pills seized", "pills", "Pills seized, counted one by one rather than weighed."
    ),
    # by agency
    "arrests_usms": MetricText(
        "Arrests by the U.S. Marshals", "people", "Arrests made by the U.S. Marshals Service."
    ),
    "homicide_arrests_usms": MetricText(
        "Homicide arrests by the U.S. Marshals",
        "people",
        "People wanted for homicide who were arrested by the U.S. Marshals Service.",
    ),
    "sexual_assault_arrests_usms": MetricText(
        "Sexual assault arrests by the U.S. Marshals",
        "people",
        "People wanted for sexual assault who were arrested by the U.S. Marshals Service.",
    ),
    "homicide_warrants_served_usms": MetricText(
        "Homicide warrants served by the U.S. Marshals",
        "warrants",
        "Homicide arrest warrants that the U.S. Marshals Service carried out.",
    ),
    "firearms_seized_atf": MetricText(
        "Firearms seized by ATF", "firearms", "Guns seized by the ATF alone."
    ),
    "firearms_seized_dea": MetricText(
        "Firearms seized by DEA", "firearms", "Guns seized by the DEA alone."
    ),
    "firearms_seized_fbi": MetricText(
        "Firearms seized by FBI", "firearms", "Guns seized or recovered by the FBI alone."
    ),
    "firearms_seized_usms": MetricText(
        "Firearms seized by the U.S. Marshals",
        "firearms",
        "Guns seized by the U.S. Marshals Service alone.",
    ),
    "seized_cash_usd_dea": MetricText(
        "Cash seized by DEA (USD)", "USD", "Money seized by the DEA alone."
    ),
    "seized_cocaine_kg_dea": MetricText(
        "Cocaine seized by DEA (kg)", "kg", "Cocaine seized by the DEA alone, in kilograms."
    ),
    "seized_fentanyl_kg_dea": MetricText(
        "Fentanyl seized by DEA (kg)", "kg", "Fentanyl seized by the DEA alone, in kilograms."
    ),
    "seized_heroin_kg_atf": MetricText(
        "Heroin seized by ATF (kg)", "kg", "Heroin seized by the ATF alone, in kilograms."
    ),
    "seized_heroin_kg_dea": MetricText(
        "Heroin seized by DEA (kg)", "kg", "Heroin seized by the DEA alone, in kilograms."
    ),
    "seized_methamphetamine_kg_atf": MetricText(
        "Methamphetamine seized by ATF (kg)",
        "kg",
        "Methamphetamine seized by the ATF alone, in kilograms.",
    ),
    "seized_methamphetamine_kg_dea": MetricText(
        "Methamphetamine seized by DEA (kg)",
        "kg",
        "Methamphetamine seized by the DEA alone, in kilograms.",
    ),
    # other
    "federal_cases_total": MetricText(
        "Federal cases",
        "cases",
        "Federal criminal cases filed; one case can have several defendants.",
    ),
    "federal_defendants_charged_wdmo": MetricText(
        "Federal defendants charged in the Western District of Missouri",
        "defendants",
        "The part of the Kansas City count charged in the Missouri federal court.",
    ),
    "federal_defendants_charged_district_of_kansas": MetricText(
        "Federal defendants charged in the District of Kansas",
        "defendants",
        "Kansas City operation defendants charged across the state line in Kansas.",
    ),
    "federal_defendants_charged_texas": MetricText(
        "Federal defendants charged in Texas",
        "defendants",
        "Kansas City operation defendants charged in federal courts in Texas.",
    ),
    "federal_defendants_charged_other_districts": MetricText(
        "Federal defendants charged in other districts",
        "defendants",
        "Kansas City operation defendants charged outside the Western District of Missouri.",
    ),
    "federal_defendants_charged_new_in_past_week": MetricText(
        "Federal defendants charged in the past week",
        "defendants",
        "Federal defendants added during the week before the announcement only.",
    ),
    "firearms_seized_single_case": MetricText(
        "Firearms seized in one case",
        "firearms",
        "Guns seized in a single investigation announced on its own.",
    ),
    "defendants_charged_single_dto_case": MetricText(
        "Defendants charged in one drug-trafficking case",
        "defendants",
        "Defendants named in a single drug-trafficking-organization case announced on its own.",
    ),
    "charged_defendants_still_fugitive": MetricText(
        "Charged defendants still at large",
        "defendants",
        "People already charged who had not yet been caught when the figure was given.",
    ),
    "arrests_new_in_past_week": MetricText(
        "Arrests in the past week",
        "people",
        "Arrests made during the week before the announcement only.",
    ),
    "arrests_state_charges": MetricText(
        "Arrests on state charges",
        "people",
        "Arrests of people charged under state rather than federal law.",
    ),
    "arrests_new_state_and_federal_charges": MetricText(
        "Arrests on new state or federal charges",
        "people",
        "Arrests for newly filed state or federal charges, leaving out arrests on older warrants.",
    ),
    "fugitive_arrests": MetricText(
        "Fugitive arrests", "people", "Arrests of people who were wanted on existing warrants."
    ),
    "fugitive_arrests_new_in_past_week": MetricText(
        "Fugitive arrests in the past week",
        "people",
        "Fugitive arrests made during the week before the announcement only.",
    ),
    "state_referrals": MetricText(
        "Referrals to state prosecutors",
        "people",
        "Arrested people whose cases were sent to state prosecutors.",
    ),
    "state_referrals_non_fugitive": MetricText(
        "State referrals (not fugitives)",
        "people",
        "Cases sent to state prosecutors, leaving out fugitives arrested on warrants.",
    ),
    "state_referrals_non_fugitive_new_in_past_week": MetricText(
        "State referrals (not fugitives) in the past week",
        "people",
        "Non-fugitive state referrals added during the week before the announcement only.",
    ),
    "state_referrals_or_supervised_release_violators": MetricText(
        "State referrals or supervised-release violators",
        "people",
        "People sent to state prosecutors or held for breaking the terms of supervised release.",
    ),
    "homicide_cases_closed_kcpd": MetricText(
        "Homicide cases closed (KCPD)",
        "cases",
        "Homicide cases the Kansas City Police Department cleared during the surge.",
    ),
    "federal_agents_deployed": MetricText(
        "Federal agents deployed",
        "agents",
        "Federal agents assigned to the operation when the figure was given (a headcount, not "
        "a running total).",
    ),
    "cops_funded_officers": MetricText(
        "Officers funded (COPS grants)",
        "officers",
        "Police officer positions paid for by DOJ's COPS hiring grants tied to the operation.",
    ),
    "cops_hiring_funding_usd": MetricText(
        "COPS hiring grants (USD)",
        "USD",
        "Money from DOJ's COPS Office for hiring officers in the operation's cities.",
    ),
    "police_grant_funding_usd": MetricText(
        "Police grant funding (USD)",
        "USD",
        "Federal grant money for a city's police department announced with the operation.",
    ),
    "technical_assistance_funding_usd": MetricText(
        "Technical assistance funding (USD)",
        "USD",
        "Federal money for training and technical help announced with the operation.",
    ),
}


def metric_group(metric_id: str) -> str:
    """The menu group of a metric, from the naming conventions of the facts."""
    if metric_id in CORE_METRICS:
        return "core"
    if metric_id.startswith("federal_charged_"):
        return "doj_split"
    if metric_id.startswith("charge_"):
        return "charges"
    if metric_id.endswith(AGENCY_SUFFIXES):
        return "agency"
    if metric_id.startswith("seized_"):
        return "seizures"
    return "other"


def metric_is_cumulative(metric_id: str) -> bool:
    """Weekly, single-case and headcount or funding figures are not running totals."""
    return metric_id not in NOT_CUMULATIVE and not metric_id.endswith(_NOT_CUMULATIVE_SUFFIXES)


# -- reading the facts -----------------------------------------------------------------------


class CurationError(Exception):
    """The facts break an assumption of these rules; fix the facts or the rules, not the JSON."""


@dataclass(frozen=True, slots=True)
class Row:
    """One sourced number of the facts, with its qualifier already normalised."""

    line: int
    snapshot: str
    scope: str
    city: str  # "" for national
    metric: str
    value: int | float
    qualifier: str
    url: str
    publisher: str
    published: str  # "" when the page shows no (full) date
    note: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.snapshot, self.scope, self.city, self.metric)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_MONTH = re.compile(r"\d{4}-\d{2}")


def parse_value(text: str, where: str) -> int | float:
    """Whole numbers stay integers in the JSON; only "1.2"-style decimals become floats."""
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+\.\d+", text):
        return float(text)
    raise CurationError(f"{where}: value {text!r} is not a plain number")


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise CurationError(f"{path}: not found (use --facts DIR)")
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def read_figure_rows(path: Path) -> tuple[list[Row], list[dict[str, str]]]:
    """The sourced rows and the ``not_found`` rows of the figures CSV, checked as they are read."""
    sourced: list[Row] = []
    not_found: list[dict[str, str]] = []
    for number, raw in enumerate(read_csv(path), start=2):
        where = f"{path.name}:{number}"
        if raw["qualifier"] == NOT_FOUND:
            if raw["value"].strip():
                raise CurationError(f"{where}: a not_found row carries a value")
            not_found.append(raw)
            continue
        qualifier = QUALIFIERS.get(raw["qualifier"].strip())
        if qualifier is None:
            raise CurationError(f"{where}: unknown qualifier {raw['qualifier']!r}")
        if raw["metric"] not in METRICS:
            raise CurationError(f"{where}: metric {raw['metric']!r} has no definition here")
        if raw["scope"] not in ("city", "national"):
            raise CurationError(f"{where}: unknown scope {raw['scope']!r}")
        if (raw["scope"] == "city") != bool(raw["city"]):
            raise CurationError(f"{where}: scope {raw['scope']!r} does not fit city")
        if not raw["source_url"].startswith(("http://", "https://")):
            raise CurationError(f"{where}: a sourced row needs an http(s) source_url")
        sourced.append(
            Row(
                line=number,
                snapshot=raw["snapshot_date"],
                scope=raw["scope"],
                city=raw["city"],
                metric=raw["metric"],
                value=parse_value(raw["value"].strip(), where),
                qualifier=qualifier,
                url=raw["source_url"].strip(),
                publisher=raw["publisher"].strip(),
                published=raw["published_date"].strip(),
                note=raw["notes"].strip(),
            )
        )
    return sourced, not_found


# -- ids -------------------------------------------------------------------------------------


def slug(text: str) -> str:
    """Lower-case words joined by '-', punctuation dropped: ``St. Louis`` → ``st-louis``."""
    words = re.sub(r"[^a-z0-9\s-]", "", text.lower()).split()
    return re.sub(r"-+", "-", "-".join(words)).strip("-") or "x"


def city_id(name: str, state: str) -> str:
    return f"{slug(name)}-{slug(state)}"


# -- building --------------------------------------------------------------------------------


@dataclass(slots=True)
class SourceInfo:
    url: str
    publisher: str
    published: str
    snapshots: set[str]


def source_kind(url: str, publisher: str) -> str:
    host = re.sub(r"^https?://", "", url).split("/", 1)[0].lower()
    if any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS):
        return "official"
    if _REPRINT_OF_RELEASE.search(publisher):
        return "reprint"
    return "news"


def collect_sources(rows: Iterable[Row]) -> dict[str, SourceInfo]:
    """One source per URL; a URL must always come with the same publisher and date."""
    sources: dict[str, SourceInfo] = {}
    for row in rows:
        info = sources.get(row.url)
        if info is None:
            sources[row.url] = SourceInfo(row.url, row.publisher, row.published, {row.snapshot})
            continue
        if (info.publisher, info.published) != (row.publisher, row.published):
            raise CurationError(
                f"line {row.line}: {row.url} appears with two publishers or dates "
                f"({info.publisher!r} {info.published!r} / {row.publisher!r} {row.published!r})"
            )
        info.snapshots.add(row.snapshot)
    return sources


def source_ids(sources: dict[str, SourceInfo]) -> dict[str, str]:
    """Readable ids: publisher (without its parenthesis) and date, '-2', '-3' on collisions."""
    base: dict[str, str] = {}
    for url, info in sources.items():
        publisher = re.sub(r"\s*\(.*\)\s*$", "", info.publisher) or info.publisher
        day = info.published if _ISO_DATE.fullmatch(info.published) else min(info.snapshots)
        base[url] = f"{slug(publisher)}-{day}"
    ids: dict[str, str] = {}
    by_base: dict[str, list[str]] = defaultdict(list)
    for url in sorted(base):
        by_base[base[url]].append(url)
    for stem, urls in by_base.items():
        for n, url in enumerate(urls, start=1):
            ids[url] = stem if n == 1 else f"{stem}-{n}"
    return ids


def source_entries(sources: dict[str, SourceInfo], ids: dict[str, str]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for url, info in sources.items():
        entry: dict[str, Any] = {
            "id": ids[url],
            "publisher": info.publisher,
            "url": url,
            "published": info.published if _ISO_DATE.fullmatch(info.published) else None,
            "kind": source_kind(url, info.publisher),
        }
        if _YEAR_MONTH.fullmatch(info.published):
            entry["note"] = f"The page gives only the month of publication ({info.published})."
        elif info.published and not _ISO_DATE.fullmatch(info.published):
            raise CurationError(f"{url}: unreadable published date {info.published!r}")
        entries.append(entry)
    return entries


def rank(row: Row, agreement: Counter[tuple[int | float, str]], kind: str) -> tuple[Any, ...]:
    """Sort key of a row as the primary of its figure: the smallest key wins.

    1. the Justice Department's own page, then a reprint of its release, then the press;
    2. a report the researchers flagged as disagreeing with the official count comes last;
    3. for a city figure, an outlet of that city (or a copy of its story) before others;
    4. a row whose note says it gives the DOJ/USAO count before a remark or own tally;
    5. the (value, qualifier) most sources agree on;
    6. an exact number before a rounded or bounded one;
    7. the earliest dated page; undated pages after those, and pages dated long after the
       announcement (late reposts) after the undated ones;
    8. the URL, so ties always break the same.
    """
    kind_rank = {"official": 0, "reprint": 1}.get(kind, 2)
    dissent = 1 if _DISSENT.search(row.note) else 0
    local = 0 if row.scope == "national" or LOCAL_OUTLETS.get(row.publisher) == row.city else 1
    quotes_release = 0 if _QUOTES_RELEASE.match(row.note) else 1
    if not _ISO_DATE.fullmatch(row.published):
        published: tuple[int, str] = (1, "")
    elif date.fromisoformat(row.published) - date.fromisoformat(row.snapshot) > LATE_REPOST:
        published = (2, row.published)
    else:
        published = (0, row.published)
    return (
        kind_rank,
        dissent,
        local,
        quotes_release,
        -agreement[(row.value, row.qualifier)],
        0 if row.qualifier == "exact" else 1,
        published,
        row.url,
    )


def build_figure(
    rows: Sequence[Row], ids: dict[str, str], kinds: dict[str, str], city: str | None
) -> dict[str, Any]:
    """One figure from all rows of its (snapshot, scope, city, metric), none dropped."""
    agreement = Counter((row.value, row.qualifier) for row in rows)
    ordered = sorted(rows, key=lambda row: rank(row, agreement, kinds[row.url]))
    primary, others = ordered[0], ordered[1:]
    figure: dict[str, Any] = {"scope": primary.scope}
    if city is not None:
        figure["city"] = city
    figure |= {
        "metric": primary.metric,
        "value": primary.value,
        "qualifier": primary.qualifier,
        "source": ids[primary.url],
    }
    if primary.note:
        figure["note"] = primary.note
    corroborated: list[str] = []
    alternates: list[dict[str, Any]] = []
    for row in others:
        source = ids[row.url]
        if (row.value, row.qualifier) == (primary.value, primary.qualifier):
            if source != figure["source"] and source not in corroborated:
                corroborated.append(source)
            continue
        alternate: dict[str, Any] = {
            "value": row.value,
            "qualifier": row.qualifier,
            "source": source,
        }
        if row.note:
            alternate["note"] = row.note
        alternates.append(alternate)
    if corroborated:
        figure["corroborated_by"] = corroborated
    if alternates:
        figure["alternates"] = alternates
    return figure


def snapshot_label(day: str, cities: Iterable[str]) -> str:
    if day in DOJ_SNAPSHOT_LABELS:
        return DOJ_SNAPSHOT_LABELS[day]
    names = sorted(set(cities))
    if not names:
        return "National update"
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{joined} update"


@dataclass(slots=True)
class Build:
    """The dataset and what the rules left out, for the summary."""

    document: dict[str, Any]
    before_launch: list[Row]


def build(facts: Path) -> Build:
    """The whole dataset as plain JSON-ready data."""
    city_rows = read_csv(facts / CITIES_CSV)
    rows, _not_found = read_figure_rows(facts / FIGURES_CSV)

    cities: list[dict[str, Any]] = []
    census_sources: list[dict[str, Any]] = []
    city_ids: dict[str, str] = {}
    launches: dict[str, str] = {}
    for raw in city_rows:
        name, state = raw["city"].strip(), raw["state"].strip()
        if name not in WIKIPEDIA_ARTICLES:
            raise CurationError(f"{CITIES_CSV}: no Wikipedia article known for {name!r}")
        cid = city_id(name, state)
        city_ids[name] = cid
        launches[name] = raw["launch_date"].strip()
        census_id = f"census-2020-{cid}"
        census: dict[str, Any] = {
            "id": census_id,
            "publisher": CENSUS_PUBLISHER,
            "url": f"https://en.wikipedia.org/wiki/{WIKIPEDIA_ARTICLES[name]}",
            "published": None,
            "kind": "reference",
        }
        if name in POPULATION_NOTES:
            census["note"] = POPULATION_NOTES[name]
        census_sources.append(census)
        cities.append(
            {
                "id": cid,
                "name": name,
                "state": state,
                "launch_date": launches[name],
                "usao_district": raw["usao_district"].strip(),
                "population": {
                    "value": int(raw["population"]),
                    "year": int(raw["population_year"]),
                    "source": census_id,
                },
                "location": {"lat": float(raw["lat"]), "lon": float(raw["lon"])},
            }
        )

    unknown = sorted({row.city for row in rows if row.city and row.city not in city_ids})
    if unknown:
        raise CurationError(f"figures name cities missing from {CITIES_CSV}: {unknown}")

    # A city figure dated before the city's launch cannot be an Operation Legend count.
    before_launch = [row for row in rows if row.city and row.snapshot < launches[row.city]]
    kept = [row for row in rows if not (row.city and row.snapshot < launches[row.city])]

    sources = collect_sources(rows)
    ids = source_ids(sources)
    kinds = {url: source_kind(url, info.publisher) for url, info in sources.items()}
    used = {row.url for row in kept}
    source_list = [
        entry for entry in source_entries(sources, ids) if entry["url"] in used
    ] + census_sources
    source_list.sort(key=lambda entry: entry["id"])

    groups: dict[tuple[str, str, str, str], list[Row]] = defaultdict(list)
    for row in kept:
        groups[row.key].append(row)
    city_order = {name: n for n, name in enumerate(city_ids)}
    metric_order = {metric: n for n, metric in enumerate(ordered_metric_ids())}
    by_day: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for day, scope, city, metric in groups:
        by_day[day].append((scope, city, metric))
    snapshots: list[dict[str, Any]] = []
    for day in sorted(by_day):
        keys = sorted(
            by_day[day],
            key=lambda k: (k[0] != "national", city_order.get(k[1], -1), metric_order[k[2]]),
        )
        figures = [
            build_figure(
                groups[(day, scope, city, metric)], ids, kinds, city_ids[city] if city else None
            )
            for scope, city, metric in keys
        ]
        snapshots.append(
            {
                "date": day,
                "label": snapshot_label(day, (city for _scope, city, _m in keys if city)),
                "figures": figures,
            }
        )

    seen_metrics = {row.metric for row in rows}
    metrics = [metric_entry(metric) for metric in ordered_metric_ids() if metric in seen_metrics]
    document: dict[str, Any] = {
        "schema_version": 1,
        "title": TITLE,
        "description": DESCRIPTION,
        "compiled": COMPILED,
        "licence": LICENCE,
        "sources": source_list,
        "metrics": metrics,
        "cities": cities,
        "snapshots": snapshots,
    }
    return Build(document, before_launch)


def ordered_metric_ids() -> list[str]:
    """Core four first (in the app's order), then the groups in GROUP_ORDER."""
    core = list(CORE_METRICS)
    rest = [m for m in METRICS if m not in CORE_METRICS]
    rest.sort(key=lambda m: GROUP_ORDER.index(metric_group(m)))  # stable: keeps table order
    return core + rest


def metric_entry(metric_id: str) -> dict[str, Any]:
    text = METRICS[metric_id]
    return {
        "id": metric_id,
        "label": text.label,
        "unit": text.unit,
        "description": text.description,
        "group": metric_group(metric_id),
        "cumulative": metric_is_cumulative(metric_id),
    }


# -- writing ---------------------------------------------------------------------------------


def render(document: dict[str, Any]) -> bytes:
    """Stable bytes: fixed key order (as built), one-space indent, UTF-8, final newline."""
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def write_validated(data: bytes, output: Path) -> Catalog:
    """Write ``data`` beside ``output``, validate it with the app's loader, then move it into
    place: a dataset the app would refuse never replaces the bundled one."""
    output.parent.mkdir(parents=True, exist_ok=True)
    validated: list[Catalog] = []
    atomic_write_bytes(
        output, data, check=lambda temp: validated.append(Catalog(load_dataset(temp), str(output)))
    )
    return validated[0]


def summary(catalog: Catalog, built: Build) -> str:
    dataset = catalog.dataset
    figures = [figure for snapshot in dataset.snapshots for figure in snapshot.figures]
    lines = [
        f"cities:         {len(dataset.cities)}",
        f"metrics:        {len(dataset.metrics)}",
        f"snapshots:      {len(dataset.snapshots)}",
        f"figures:        {len(figures)}",
        f"alternates:     {sum(len(f.alternates) for f in figures)}",
        f"corroborations: {sum(len(f.corroborated_by) for f in figures)}",
        f"sources:        {len(dataset.sources)}",
        f"warnings:       {len(catalog.warnings)}",
    ]
    lines += [f"  - {warning.message}" for warning in catalog.warnings]
    if built.before_launch:
        lines.append(f"left out, dated before the city's launch: {len(built.before_launch)}")
        lines += [
            f"  - line {row.line}: {row.snapshot} {row.city} {row.metric} = {row.value}"
            for row in built.before_launch
        ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--facts",
        type=Path,
        default=DEFAULT_FACTS,
        help=f"folder with {FIGURES_CSV} and {CITIES_CSV} (default: %(default)s)",
    )
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help="where to write (default: %(default)s)"
    )
    parser.add_argument("--quiet", action="store_true", help="do not print the summary")
    args = parser.parse_args(argv)
    try:
        built = build(args.facts)
    except CurationError as error:
        sys.stderr.write(f"curate: {error}\n")
        return 1
    catalog = write_validated(render(built.document), args.output)
    if not args.quiet:
        sys.stdout.write(f"wrote {args.output}\n{summary(catalog, built)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Building the document: cities, snapshots of ranked figures, sources and metrics."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from curation import texts
from curation.context import CONTEXT_CSV, ContextRow, build_context, read_context_rows
from curation.errors import CurationError
from curation.facts import CITIES_CSV, FIGURES_CSV, read_csv, read_figure_rows
from curation.metrics import METRICS_CSV, MetricSpec, read_groups, read_metrics
from curation.rank import Ranker, build_figure, preview_pages
from curation.row import Row
from curation.sources import (
    SourceInfo,
    collect_sources,
    slug,
    source_entries,
    source_ids,
    source_kind,
)


@dataclass(slots=True)
class Build:
    """The dataset and what the rules left out, for the summary."""

    document: dict[str, Any]
    before_launch: list[Row]
    regrouped: list[tuple[Row, str]]  # a national row on its release's date, and its own date


def city_id(name: str, state: str) -> str:
    return f"{slug(name)}-{slug(state)}"


@dataclass(slots=True)
class Cities:
    """The cities file as dataset entries, with what the figures need to refer to them."""

    entries: list[dict[str, Any]]
    census_sources: list[dict[str, Any]]
    ids: dict[str, str]  # city name → id, in launch order
    launches: dict[str, str]  # city name → launch date


def read_cities(facts: Path) -> Cities:
    cities = Cities([], [], {}, {})
    for raw in read_csv(facts / CITIES_CSV):
        name, state = raw["city"].strip(), raw["state"].strip()
        if name not in texts.WIKIPEDIA_ARTICLES:
            raise CurationError(f"{CITIES_CSV}: no Wikipedia article known for {name!r}")
        cid = city_id(name, state)
        cities.ids[name] = cid
        cities.launches[name] = raw["launch_date"].strip()
        census_id = f"census-2020-{cid}"
        census: dict[str, Any] = {
            "id": census_id,
            "publisher": texts.CENSUS_PUBLISHER,
            "url": f"https://en.wikipedia.org/wiki/{texts.WIKIPEDIA_ARTICLES[name]}",
            "published": None,
            "kind": "reference",
        }
        if name in texts.POPULATION_NOTES:
            census["note"] = texts.POPULATION_NOTES[name]
        cities.census_sources.append(census)
        cities.entries.append(
            {
                "id": cid,
                "name": name,
                "state": state,
                "launch_date": cities.launches[name],
                "usao_district": raw["usao_district"].strip(),
                "population": {
                    "value": int(raw["population"]),
                    "year": int(raw["population_year"]),
                    "source": census_id,
                },
                "location": {"lat": float(raw["lat"]), "lon": float(raw["lon"])},
            }
        )
    return cities


def build_snapshots(
    rows: list[Row],
    cities: Cities,
    metric_order: dict[str, int],
    ids: dict[str, str],
    ranker: Ranker,
) -> list[dict[str, Any]]:
    """One snapshot per announcement date: national figures first, then cities in launch
    order, then metrics in menu order."""
    groups: dict[tuple[str, str, str, str], list[Row]] = defaultdict(list)
    for row in rows:
        groups[row.key].append(row)
    city_order = {name: n for n, name in enumerate(cities.ids)}
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
                groups[(day, scope, city, metric)],
                ids,
                ranker,
                cities.ids[city] if city else None,
            )
            for scope, city, metric in keys
        ]
        label = texts.snapshot_label(day, [city for _scope, city, _m in keys if city])
        snapshots.append({"date": day, "label": label, "figures": figures})
    return snapshots


def with_release_dates(rows: list[Row]) -> tuple[list[Row], list[tuple[Row, str]]]:
    """National figures are DOJ's: a national row dated on a local occasion (KMOV's national
    totals at Barr's St. Louis roundtable on Oct. 15) repeats the latest DOJ release before it
    and joins that release's snapshot, where it corroborates or contradicts the release."""
    releases = sorted(texts.DOJ_SNAPSHOT_LABELS)
    moved: list[tuple[Row, str]] = []
    result: list[Row] = []
    for row in rows:
        earlier = [day for day in releases if day <= row.snapshot]
        if row.scope == "national" and row.snapshot not in releases and earlier:
            said = f"given on {row.snapshot}, grouped with the DOJ release of {earlier[-1]}"
            note = f"{row.note}; {said}" if row.note else said
            moved.append((replace(row, snapshot=earlier[-1], note=note), row.snapshot))
            row = moved[-1][0]
        result.append(row)
    return result, moved


def add_context_sources(sources: dict[str, SourceInfo], rows: list[ContextRow]) -> dict[str, str]:
    """The context rows' pages join the sources (one per URL; a page the figures already
    cite keeps its entry). An undated page's id takes the end of the first period it counts.
    Returns the notes of pages whose date the facts give only in part or with a remark."""
    notes: dict[str, str] = {}
    for row in rows:
        info = sources.get(row.url)
        if info is None:
            sources[row.url] = SourceInfo(row.url, row.publisher, row.published, set())
            info = sources[row.url]
            if row.published_note:
                notes[row.url] = row.published_note
        info.snapshots.add(row.end.isoformat())
    return notes


def metric_entries(metrics: dict[str, MetricSpec], seen: set[str]) -> list[dict[str, Any]]:
    """The metrics the figures use, in table order; a ``part_of`` naming a metric no figure
    uses is left out (the file may only name metrics it defines)."""
    entries = []
    for spec in metrics.values():
        if spec.id in seen:
            entry = spec.entry()
            if entry.get("part_of") not in seen:
                entry.pop("part_of", None)
                entry.pop("overlaps", None)
            entries.append(entry)
    return entries


def build(facts: Path, metrics_csv: Path = METRICS_CSV) -> Build:
    """The whole dataset as plain JSON-ready data."""
    groups = read_groups()
    metrics = read_metrics(metrics_csv, groups)
    cities = read_cities(facts)
    read, _not_found = read_figure_rows(facts / FIGURES_CSV, metrics)
    rows, regrouped = with_release_dates(read)

    unknown = sorted({row.city for row in rows if row.city and row.city not in cities.ids})
    if unknown:
        raise CurationError(f"figures name cities missing from {CITIES_CSV}: {unknown}")

    # A city figure dated before the city's launch cannot be an Operation Legend count.
    early = [row for row in rows if row.city and row.snapshot < cities.launches[row.city]]
    kept = [row for row in rows if not (row.city and row.snapshot < cities.launches[row.city])]

    context_rows = read_context_rows(facts / CONTEXT_CSV)
    sources = collect_sources(rows)
    notes = add_context_sources(sources, context_rows)
    ids = source_ids(sources)
    kinds = {url: source_kind(url, info.publisher) for url, info in sources.items()}
    ranker = Ranker(kinds, preview_pages(rows))
    used = {row.url for row in kept} | {row.url for row in context_rows}
    source_list = [
        entry | ({"note": notes[entry["url"]]} if entry["url"] in notes else {})
        for entry in source_entries(sources, ids)
        if entry["url"] in used
    ] + cities.census_sources
    source_list.sort(key=lambda entry: entry["id"])

    metric_order = {metric: n for n, metric in enumerate(metrics)}
    seen_metrics = {row.metric for row in rows} | {row.metric for row in context_rows}
    document: dict[str, Any] = {
        "schema_version": 2,
        "title": texts.TITLE,
        "description": texts.DESCRIPTION,
        "compiled": texts.COMPILED,
        "licence": texts.LICENCE,
        "sources": source_list,
        "metrics": metric_entries(metrics, seen_metrics),
        "groups": [
            {"id": group, "label": label}
            for group, label in groups.items()
            if any(metrics[m].group == group for m in seen_metrics)
        ],
        "cities": cities.entries,
        "snapshots": build_snapshots(kept, cities, metric_order, ids, ranker),
        "context": build_context(
            context_rows, cities.ids, cities.launches, metric_order, ids, kinds
        ),
    }
    return Build(document, early, regrouped)

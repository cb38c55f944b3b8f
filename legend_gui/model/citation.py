"""Citations of figures and of a chart's sources, in plain text, APA and Chicago styles.

A reporter copies one of these under a number they publish, so every word comes from the data
file (value, qualifier, unit, metric label, city, dates, publisher, link, the dataset's title
and licence); only the styles' own conventions ("n.d.", "[Data set]") are written here. A
disputed figure's citation names the other reports, never one number as if it were settled.
Pure Python: no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from legend_gui.model.formatting import QUALIFIER_WORDS, format_number
from legend_gui.model.index import FigureKey
from legend_gui.model.queries import Catalog
from legend_gui.model.status import is_disputed
from legend_gui.model.vocab import Qualifier, Scope

if TYPE_CHECKING:
    from legend_gui.model.schema import Dataset, Source


class CitationStyle(StrEnum):
    PLAIN = "plain"
    APA = "apa"
    CHICAGO = "chicago"


#: How menus and documents name the styles.
STYLE_LABELS = {
    CitationStyle.PLAIN: "Plain text",
    CitationStyle.APA: "APA",
    CitationStyle.CHICAGO: "Chicago",
}

#: A licence's short name at the end of a longer text: "... licence (CC BY 4.0)."
_SHORT_LICENCE = re.compile(r"\(([^()]{2,40})\)\s*\.?\s*$")


def licence_name(dataset: Dataset) -> str | None:
    """The dataset's licence as a citation names it: the text itself when short, else the
    parenthesised short form it ends with ("CC BY 4.0"), else the whole text."""
    text = (dataset.licence or "").strip()
    if not text:
        return None
    if len(text) <= 40:
        return text.rstrip(".")
    found = _SHORT_LICENCE.search(text)
    return found.group(1).strip() if found else text


def attribution(dataset: Dataset) -> str:
    """``Data: <dataset title>, <licence>.``: the line every export carries (no licence: the
    title alone)."""
    licence = licence_name(dataset)
    return f"Data: {dataset.title}{f', {licence}' if licence else ''}."


def latest_reported_day(catalog: Catalog, city_id: str | None, metric_id: str) -> date | None:
    """The most recent snapshot in which ``city_id``'s (``None``: national) figure of
    ``metric_id`` is reported; ``None`` when no snapshot reports it (``cite --snapshot latest``)."""
    history = catalog.timeline(city_id, metric_id)
    return history[-1].day if history else None


def where_name(catalog: Catalog, city_id: str | None) -> str:
    """``St. Louis, MO`` for a city; for national figures the scope as the data file names it."""
    if city_id is None:
        return Scope.NATIONAL.value
    city = catalog.city_by_id[city_id]
    return f"{city.name}, {city.state}"


def value_phrase(value: float, qualifier: Qualifier, unit: str) -> str:
    """``more than 1,000 arrests``; an exact figure has no qualifier word: ``15 defendants``."""
    words = "" if qualifier is Qualifier.EXACT else QUALIFIER_WORDS[qualifier] + " "
    return f"{words}{format_number(value)} {unit}"


def _day(day: date | None, style: CitationStyle, in_text: bool = False) -> str:
    """A date as the style writes it; APA's reference form ``(2020, August 19)`` only in a
    reference, the prose form ``August 19, 2020`` in running text."""
    if day is None:
        return "n.d."
    if style is CitationStyle.APA and not in_text:
        return f"{day.year}, {day:%B} {day.day}"
    if style is CitationStyle.PLAIN:
        return f"{day.day} {day:%b} {day.year}"
    return f"{day:%B} {day.day}, {day.year}"


def cite_source(source: Source, style: CitationStyle = CitationStyle.PLAIN) -> str:
    """One source as a reference: publisher, title (when the data has one), date, link.

    Plain text writes the link in angle brackets (``<https://...>``) so a full stop or a
    bracket after it is never taken into the link; APA and Chicago end with the bare URL.
    """
    style = CitationStyle(style)
    published = _day(source.published, style)
    if style is CitationStyle.APA:
        title = f" {source.title}." if source.title else ""
        return f"{source.publisher}. ({published}).{title} {source.url}"
    if style is CitationStyle.CHICAGO:
        title = f" “{source.title}.”" if source.title else ""
        stop = "" if published.endswith(".") else "."  # "n.d." is not followed by a second stop
        return f"{source.publisher}.{title} {published}{stop} {source.url}."
    title = f", “{source.title}”" if source.title else ""
    when = f", published {published}" if source.published else ""
    return f"{source.publisher}{title}{when}, <{source.url}>"


def cite_dataset(catalog: Catalog, style: CitationStyle = CitationStyle.PLAIN) -> str:
    """``compiled in <title>, <licence>`` in the style's form (the compilation date when known)."""
    style = CitationStyle(style)
    dataset = catalog.dataset
    licence = licence_name(dataset)
    tail = f", {licence}" if licence else ""
    if style is CitationStyle.APA:
        year = f" ({dataset.compiled.year})" if dataset.compiled else " (n.d.)"
        return f"Compiled in {dataset.title}{year} [Data set]{tail}."
    compiled = f", {_day(dataset.compiled, style)}" if dataset.compiled else ""
    if style is CitationStyle.CHICAGO:
        return f"Compiled in {dataset.title}{compiled}{tail}."
    return f"Compiled in {dataset.title}{tail}."


def cite_figure(
    catalog: Catalog,
    key: FigureKey,
    style: CitationStyle = CitationStyle.PLAIN,
) -> str:
    """A citation of the figure at ``key`` = (snapshot date, city id or None, metric id).

    Raises ``LookupError`` (with a sentence a user can read) when the data has no such figure:
    a figure nobody reported cannot be cited, and is never cited as 0.
    """
    style = CitationStyle(style)
    day, city_id, metric_id = key
    if catalog.is_context_metric(metric_id):  # a period count: the day does not apply
        return cite_context(catalog, city_id, metric_id, style)
    figure = catalog.figure(day, city_id, metric_id)
    metric = catalog.metric_by_id.get(metric_id)
    if figure is None or metric is None:
        label = metric.label if metric else metric_id
        raise LookupError(f"{label}, {where_name(catalog, city_id)}: not reported on {day}")
    what = value_phrase(figure.value, figure.qualifier, metric.unit)
    claim = (
        f"{_capitalised(what)} ({metric.label}), {where_name(catalog, city_id)}, "
        f"as announced on {_day(day, style, in_text=True)}."
    )
    parts = [claim, _reference(catalog.source(figure.source), style)]
    others: dict[tuple[float, Qualifier], list[Source]] = {}
    for alt in figure.alternates:
        if alt.value != figure.value or alt.qualifier is not figure.qualifier:
            others.setdefault((alt.value, alt.qualifier), []).append(catalog.source(alt.source))
    if others:
        disputed = is_disputed(figure)
        listed = " ".join(
            _capitalised(value_phrase(value, qualifier, metric.unit))
            + ": "
            + " ".join(_reference(source, style, prefix="") for source in sources)
            for (value, qualifier), sources in others.items()
        )
        parts.append(f"{'Disputed; other reports' if disputed else 'Other reports'}: {listed}")
    parts.append(cite_dataset(catalog, style))
    return " ".join(parts)


def cite_context(
    catalog: Catalog,
    city_id: str | None,
    metric_id: str,
    style: CitationStyle = CitationStyle.PLAIN,
) -> str:
    """A citation of a context count: value, what, where, the period it covers (not "as
    announced on"), the source's definition, the source, then the other counts (same basis:
    "Disputed"; another basis: by their definition) and the dataset.

    Raises ``LookupError`` when the city has no such count (never cited as 0)."""
    from legend_gui.model.context import count_period, period_text

    style = CitationStyle(style)
    metric = catalog.metric_by_id.get(metric_id)
    figure = catalog.context.figure(city_id, metric_id) if city_id is not None else None
    if figure is None or metric is None:
        label = metric.label if metric else metric_id
        raise LookupError(f"{label}, {where_name(catalog, city_id)}: not reported")
    what = value_phrase(figure.value, figure.qualifier, metric.unit)
    claim = (
        f"{_capitalised(what)} ({metric.label}), {where_name(catalog, city_id)}, "
        f"{period_text(figure.period)}; counted as: {figure.basis} ({figure.definition})."
    )
    parts = [claim, _reference(catalog.source(figure.source), style)]
    disputing = is_disputed(figure)  # on its own basis and period only
    others = []
    for count in figure.alternates:
        period = count_period(figure, count)
        when = "" if period == figure.period else f", {period_text(period)}"
        phrase = _capitalised(value_phrase(count.value, count.qualifier, metric.unit))
        others.append(
            f"{phrase}{when} ({count.basis}): "
            + _reference(catalog.source(count.source), style, prefix="")
        )
    if others:
        head = "Disputed on the same basis; other counts" if disputing else "Other counts"
        parts.append(f"{head}: " + " ".join(others))
    parts.append(cite_dataset(catalog, style))
    return " ".join(parts)


def _capitalised(text: str) -> str:
    """First letter up ("More than 1,000 ..."), the rest as written (unlike ``str.capitalize``)."""
    return text[:1].upper() + text[1:]


def _reference(source: Source, style: CitationStyle, prefix: str = "Source: ") -> str:
    """A source inside a figure's citation: a sentence of its own, ending with a full stop."""
    text = cite_source(source, style)
    if style is CitationStyle.PLAIN:
        return f"{prefix}{text}."
    return text if text.endswith(".") else text + "."


def chart_sources(
    catalog: Catalog, keys: Iterable[FigureKey], include_others: bool = True
) -> list[Source]:
    """The distinct sources behind ``keys`` in first-use order: each figure's primary source,
    then (``include_others``) those corroborating it and those giving another value."""
    seen: dict[str, Source] = {}
    for day, city_id, metric_id in keys:
        if catalog.is_context_metric(metric_id):  # a period count: the day does not apply
            counted = catalog.context.figure(city_id, metric_id) if city_id else None
            if counted is None:
                continue
            ids = [counted.source]
            if include_others:
                ids += [count.source for count in counted.alternates]
        else:
            figure = catalog.figure(day, city_id, metric_id)
            if figure is None:
                continue
            ids = [figure.source]
            if include_others:
                ids += [other.source for other in figure.corroborated_by]
                ids += [alt.source for alt in figure.alternates]
        for source_id in ids:
            if source_id not in seen:
                seen[source_id] = catalog.source(source_id)
    return list(seen.values())


def cite_chart_sources(
    catalog: Catalog,
    keys: Iterable[FigureKey],
    style: CitationStyle = CitationStyle.PLAIN,
) -> list[str]:
    """ "Copy All Sources" of a chart: one reference per distinct source (see ``chart_sources``),
    then the dataset's own line. The caller numbers or joins them."""
    sources = chart_sources(catalog, keys)
    return [cite_source(source, style) for source in sources] + [cite_dataset(catalog, style)]

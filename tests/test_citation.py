"""Citations of figures and of a chart's sources (model, no Qt)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from legend_gui.model import Catalog, load_dataset
from legend_gui.model.citation import (
    CitationStyle,
    chart_sources,
    cite_chart_sources,
    cite_figure,
    cite_source,
    licence_name,
)

SMALL = Path(__file__).parent / "data" / "publish" / "small.json"
FIRST, SECOND = date(2031, 1, 9), date(2031, 2, 1)
PORT = "port-ambrose-zz"


@pytest.fixture(scope="module")
def small() -> Catalog:
    return Catalog(load_dataset(SMALL), str(SMALL))


def test_plain_figure_names_value_unit_metric_city_date_source_and_dataset(small: Catalog) -> None:
    text = cite_figure(small, (FIRST, PORT, "boats_checked"))
    assert text == (
        "43 boats (Boats checked), Port Ambrose, ZZ, as announced on 9 Jan 2031. "
        "Source: Ministry of Harbors, published 9 Jan 2031, "
        "<https://ministry.example/releases/42>. "
        "Compiled in Harbor Watch figures, EX-1.0."
    )


def test_qualified_figure_keeps_its_qualifier_in_words(small: Catalog) -> None:
    text = cite_figure(small, (FIRST, PORT, "nets_seized"))
    assert text.startswith("More than 1,000 nets (Nets seized), Port Ambrose, ZZ,")
    assert "“Harbor Watch: first month”" in text  # the source's title, from the data
    approx = cite_figure(small, (SECOND, PORT, "boats_checked"), CitationStyle.APA)
    assert approx.startswith("Approximately 90 boats (Boats checked), Port Ambrose, ZZ, ")
    assert "as announced on February 1, 2031." in approx


def test_fractional_value_and_money_unit(small: Catalog) -> None:
    assert cite_figure(small, (FIRST, PORT, "fines_paid")).startswith("2,500.5 USD (Fines paid)")


def test_disputed_national_figure_names_the_other_report_and_its_source(small: Catalog) -> None:
    text = cite_figure(small, (FIRST, None, "boats_checked"))
    assert text.startswith("60 boats (Boats checked), national, as announced on 9 Jan 2031.")
    assert "Disputed; other reports: 75 boats: Radio Quay, <https://radio.example/quay?id=7>." in (
        text
    )
    # a corroborating source gave the same value: not an "other report"
    assert "Bay Gazette" not in text


def test_same_value_other_framing_is_named_but_not_disputed(small: Catalog) -> None:
    text = cite_figure(small, (SECOND, "gull-rock-yy", "boats_checked"))
    assert "Other reports: Nearly 12 boats: Bay Gazette" in text
    assert "Disputed" not in text


def test_apa_and_chicago_variants(small: Catalog) -> None:
    apa = cite_figure(small, (FIRST, PORT, "nets_seized"), CitationStyle.APA)
    assert apa == (
        "More than 1,000 nets (Nets seized), Port Ambrose, ZZ, as announced on January 9, 2031. "
        "Bay Gazette. (2031, January 10). Harbor Watch: first month. "
        "https://gazette.example/harbor-watch-first-month. "
        "Compiled in Harbor Watch figures (2031) [Data set], EX-1.0."
    )
    chicago = cite_figure(small, (FIRST, PORT, "nets_seized"), "chicago")  # type: ignore[arg-type]
    assert chicago == (
        "More than 1,000 nets (Nets seized), Port Ambrose, ZZ, as announced on January 9, 2031. "
        "Bay Gazette. “Harbor Watch: first month.” January 10, 2031. "
        "https://gazette.example/harbor-watch-first-month. "
        "Compiled in Harbor Watch figures, March 4, 2031, EX-1.0."
    )


def test_undated_source_is_n_d_in_the_styles(small: Catalog) -> None:
    radio = small.source("radio-undated")
    assert (
        cite_source(radio, CitationStyle.APA)
        == "Radio Quay. (n.d.). https://radio.example/quay?id=7"
    )
    assert cite_source(radio) == "Radio Quay, <https://radio.example/quay?id=7>"


def test_a_figure_nobody_reported_is_not_cited(small: Catalog) -> None:
    with pytest.raises(LookupError, match="Nets seized, Gull Rock, YY: not reported"):
        cite_figure(small, (SECOND, "gull-rock-yy", "nets_seized"))


def test_chart_sources_are_distinct_in_first_use_order_with_the_dataset_last(
    small: Catalog,
) -> None:
    keys = [
        (FIRST, PORT, "boats_checked"),
        (FIRST, None, "boats_checked"),
        (FIRST, PORT, "fines_paid"),
        (FIRST, "gull-rock-yy", "boats_checked"),  # not reported: no source
    ]
    assert [s.id for s in chart_sources(small, keys)] == [
        "ministry-2031-01-09",
        "gazette-2031-01-10",
        "radio-undated",
    ]
    assert [s.id for s in chart_sources(small, keys, include_others=False)] == [
        "ministry-2031-01-09"
    ]
    lines = cite_chart_sources(small, keys, CitationStyle.CHICAGO)
    assert len(lines) == 4
    assert lines[0] == "Ministry of Harbors. January 9, 2031. https://ministry.example/releases/42."
    assert lines[-1].startswith("Compiled in Harbor Watch figures")


def test_licence_name_short_long_and_absent(small: Catalog) -> None:
    assert licence_name(small.dataset) == "EX-1.0"
    assert licence_name(replace(small.dataset, licence="CC0.")) == "CC0"
    assert licence_name(replace(small.dataset, licence=None)) is None
    long = "A long licence text without any short name at its end, written out in full words."
    assert licence_name(replace(small.dataset, licence=long)) == long


def test_bundled_st_louis_disputed_charges(catalog: Catalog) -> None:
    key = (date(2020, 8, 19), "st-louis-mo", "federal_defendants_charged")
    figure = catalog.figure(*key)
    assert figure is not None
    text = cite_figure(catalog, key)
    city = catalog.city_by_id["st-louis-mo"]
    metric = catalog.metric("federal_defendants_charged")
    assert text.startswith(f"{figure.value:,} {metric.unit} ({metric.label}), {city.name}, ")
    assert "Disputed; other reports: " in text
    for alternate in figure.alternates:
        assert f"{alternate.value:,} {metric.unit}" in text
        assert catalog.source(alternate.source).url in text
    assert catalog.dataset.title in text
    assert "CC BY 4.0" in text  # the short form the dataset's licence text ends with

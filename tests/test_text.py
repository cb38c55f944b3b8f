"""Hostile text in a valid-looking file: refused by the schema, escaped for terminals, isolated
for views (``legend_gui.model.text``)."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest
from helpers import valid_dataset
from hypothesis import given, settings
from hypothesis import strategies as st

from legend_gui.model import DatasetError, parse_dataset
from legend_gui.model.text import (
    FSI,
    MULTI_LINE_PATTERN,
    ONE_LINE_PATTERN,
    PDI,
    has_strong_rtl,
    isolate_rtl,
    printable,
    refusal,
)
from legend_gui.model.validation import json_schema_text

NAME = "hostile.json"
CONTROLS = [chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)]]
BIDI_CONTROLS = [chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]

# -- every text field of the format, one-line or multi-line ---------------------------------------

#: (path in the helpers' dataset, whether the field may hold line breaks)
TEXT_FIELDS: list[tuple[tuple[str | int, ...], bool]] = [
    (("title",), False),
    (("description",), True),
    (("licence",), True),
    (("sources", 0, "publisher"), False),
    (("sources", 0, "title"), False),
    (("sources", 0, "url"), False),
    (("sources", 0, "note"), True),
    (("metrics", 0, "label"), False),
    (("metrics", 0, "unit"), False),
    (("metrics", 0, "description"), True),
    (("cities", 0, "name"), False),
    (("cities", 0, "state"), False),
    (("cities", 0, "usao_district"), False),
    (("snapshots", 0, "label"), False),
    (("snapshots", 0, "figures", 0, "note"), True),
    (("snapshots", 0, "figures", 6, "alternates", 0, "note"), True),
    (("snapshots", 0, "figures", 6, "corroborated_by", 0, "note"), True),
    (("groups", 0, "label"), False),
    (("context", 0, "definition"), False),
    (("context", 0, "basis"), False),
    (("context", 0, "note"), True),
    (("context", 0, "alternates", 0, "definition"), False),
    (("context", 0, "alternates", 0, "basis"), False),
    (("context", 0, "alternates", 0, "note"), True),
]


def _with_context(document: Any) -> Any:
    """The small dataset with one context count (and one alternate) of its first city."""
    source = document["sources"][0]["id"]
    report = {"value": 3, "source": source, "definition": "d", "basis": "b", "note": "n"}
    document["context"] = [
        {
            "city": document["cities"][0]["id"],
            "metric": document["metrics"][0]["id"],
            "period": {"start": "2019-01-01", "end": "2019-12-31"},
            **report,
            "alternates": [{**report, "value": 4}],
        }
    ]
    return document


def _with(path: tuple[str | int, ...], value: str) -> bytes:
    document: Any = valid_dataset()
    if path[0] == "context":
        document = _with_context(document)
    if path[0] == "groups":
        document["groups"] = [{"id": "core", "label": "Main figures"}]
    node = document
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return json.dumps(document).encode("utf-8")


def test_the_table_names_every_text_field_of_the_schema() -> None:
    """A text field added to the schema without a pattern would let hostile text through."""
    schema = json.loads(json_schema_text())
    found: list[str | None] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "string" and "format" not in node and "enum" not in node:
                found.append(node.get("pattern"))
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(schema)
    assert None not in found
    assert found.count(ONE_LINE_PATTERN) == sum(not multiline for _, multiline in TEXT_FIELDS)
    # the alternate's note and the figure's note are one field definition each, as in the table
    assert found.count(MULTI_LINE_PATTERN) == sum(multiline for _, multiline in TEXT_FIELDS)
    assert set(found) == {ONE_LINE_PATTERN, MULTI_LINE_PATTERN, r"^[a-z0-9][a-z0-9_\-.]*$"}


@pytest.mark.parametrize(
    ("char", "fragment"),
    [
        ("\x00", "has a control character (U+0000, NUL)"),
        ("\x07", "has a control character (U+0007, BEL, the bell)"),
        ("\x1b", "has a control character (U+001B, ESC"),
        ("\r", "has a control character (U+000D, carriage return)"),
        ("\x7f", "has a control character (U+007F, DEL)"),
        ("\x85", "has a control character (U+0085, NEL, next line)"),
        ("\x9b", "has a control character (U+009B, CSI"),
        ("\t", "has a tab (U+0009)"),
        ("\u202e", "has a bidi control (U+202E, right-to-left override)"),
        ("\u202b", "has a bidi control (U+202B, right-to-left embedding)"),
        ("\u2068", "has a bidi control (U+2068, first strong isolate)"),
    ],
)
def test_every_text_field_refuses_controls_and_bidi_overrides(char: str, fragment: str) -> None:
    for path, _multiline in TEXT_FIELDS:
        with pytest.raises(DatasetError) as caught:
            parse_dataset(_with(path, f"ab{char}[31mcd"), NAME)
        (problem,) = caught.value.problems
        assert problem.location.startswith(str(path[0])), problem.location
        assert problem.location.endswith(str(path[-1])), problem.location
        assert problem.message.startswith(fragment), problem.message
        assert "at character 3" in problem.message
        assert problem.line is not None
        assert str(problem).isprintable()  # the echoed location never carries the raw character


@pytest.mark.parametrize("line_break", ["\n", "\u2028", "\u2029"])
def test_line_breaks_only_in_notes_and_descriptions(line_break: str) -> None:
    for path, multiline in TEXT_FIELDS:
        data = _with(path, f"first line{line_break}second line")
        if multiline:
            parse_dataset(data, NAME)
            continue
        with pytest.raises(DatasetError) as caught:
            parse_dataset(data, NAME)
        message = caught.value.problems[0].message
        assert message.startswith("has a line break (U+"), message
        assert "at character 11; names, labels and other one-line fields must be one line" in (
            message
        )


@pytest.mark.parametrize(
    "text",
    [
        "תל אביב-יפו",  # Hebrew
        "عمّان",  # Arabic with a combining shadda
        "Port Arthur (פורט ארתור\u200f)",  # a right-to-left mark is not an override
        "حي ٣",  # Arabic-Indic digit
        "Saint-Étienne ∑ 東京 🙂",
        'HTML <b>bold</b> & "quotes" \\x1b',  # shown literally elsewhere: harmless text
    ],
)
def test_right_to_left_and_other_printable_text_is_valid(text: str) -> None:
    for path, _multiline in TEXT_FIELDS:
        dataset = parse_dataset(_with(path, text), NAME)
        node: Any = dataset
        for step in path:
            node = node[step] if isinstance(step, int) else getattr(node, step)
        assert node == text


REFUSED_ONE_LINE = {*CONTROLS, *BIDI_CONTROLS, "\u2028", "\u2029"}
#: Mostly ordinary characters, often a refused one, now and then a surrogate or an unassigned one.
HOSTILE_TEXT = st.text(
    st.characters() | st.sampled_from(sorted(REFUSED_ONE_LINE)), min_size=1, max_size=12
)


@settings(max_examples=300, deadline=None)
@given(HOSTILE_TEXT)
def test_schema_and_message_agree_on_what_is_refused(text: str) -> None:
    """pydantic's Rust regex, ``refusal``'s Python regex and the list of refused characters
    refuse exactly the same names, and the message names the first refused character."""
    try:
        parse_dataset(_with(("cities", 0, "name"), text), NAME)
        message = None
    except DatasetError as error:
        message = error.problems[0].message
    if any("\ud800" <= char <= "\udfff" for char in text):
        assert message is not None  # a lone surrogate: a broken character, refused anyway
        return
    first = next((i for i, char in enumerate(text) if char in REFUSED_ONE_LINE), None)
    assert message == refusal(text, ONE_LINE_PATTERN)
    if first is None:
        assert message is None
    else:
        assert message is not None
        assert f"at character {first + 1:,}" in message
        assert message.startswith("has a tab" if text[first] == "\t" else "has a ")


def test_refusal_ignores_other_patterns_and_values() -> None:
    assert refusal("a\x00b", r"^[a-z0-9][a-z0-9_\-.]*$") is None
    assert refusal("a\x00b", None) is None
    assert refusal(42, ONE_LINE_PATTERN) is None
    assert refusal("a\nb", MULTI_LINE_PATTERN) is None
    assert refusal("a\nb", ONE_LINE_PATTERN) is not None


# -- printable: nothing raw reaches a terminal ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Port Arthur", "Port Arthur"),
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("a\x00b\x07c\x7fd", "a\\x00b\\x07c\\x7fd"),
        ("a\x85b\x9bc", "a\\x85b\\x9bc"),
        ("tab\there\nnew\rline", "tab\\there\\nnew\\rline"),
        ("Port \u202eruhtrA", "Port \\u202eruhtrA"),
        ("\u2066\u2069\u2028\u200b\xa0", "\\u2066\\u2069\\u2028\\u200b\\xa0"),
        ("\ud800", "\\ud800"),  # a lone surrogate, as a broken file can hold
        ("tag\U000e0041", "tag\\U000e0041"),
        ("תל אביב, عمّان", "תל אביב, عمّان"),  # right-to-left letters are printable text
    ],
)
def test_printable_escapes_what_a_terminal_would_act_on(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert printable(text).isprintable()


def test_printable_limits_the_length_after_escaping() -> None:
    assert printable("x" * 100, 10) == "x" * 9 + "…"
    assert printable("\x1b" * 10, 10) == "\\x1b\\x1b…"  # whole escapes only
    assert printable("ab\x1b" * 4, 8) == "ab\\x1ba…"
    assert printable("short", 10) == "short"
    assert printable("\x00" * 1_000_000, 80) == "\\x00" * 19 + "…"  # escapes 81 characters at most


@given(st.text())
def test_printable_output_is_always_printable(text: str) -> None:
    assert printable(text).isprintable()
    assert printable(text, 40).isprintable()
    assert len(printable(text, 40)) <= 40


# -- isolate_rtl: right-to-left names do not reorder the text around them ------------------------


@pytest.mark.parametrize(
    ("text", "rtl"),
    [
        ("Port Arthur", False),
        ("Saint-Étienne", False),
        ("東京", False),
        ("١٢٣", False),  # Arabic-Indic digits are weak, not strong right-to-left
        ("", False),
        ("תל אביב", True),
        ("عمّان", True),
        ("Port Arthur (פורט ארתור)", True),
        ("ܐܪܡܝܐ", True),  # Syriac
        ("ދިވެހި", True),  # Thaana
    ],
)
def test_isolate_rtl_wraps_only_text_with_right_to_left_letters(text: str, rtl: bool) -> None:
    assert has_strong_rtl(text) is rtl
    assert isolate_rtl(text) == (f"{FSI}{text}{PDI}" if rtl else text)


def test_isolate_rtl_uses_first_strong_isolate_and_pop() -> None:
    assert unicodedata.name(FSI) == "FIRST STRONG ISOLATE"
    assert unicodedata.name(PDI) == "POP DIRECTIONAL ISOLATE"
    shown = f"{isolate_rtl('תל אביב')}, IL"
    # The paragraph's first strong character outside the isolate is the L of "IL" (UAX #9,
    # rule P2 skips isolated text), so the line keeps its left-to-right order.
    outside = shown.split(PDI, 1)[1]
    assert next(c for c in outside if unicodedata.bidirectional(c) in {"L", "R", "AL"}) == "I"

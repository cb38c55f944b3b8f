"""A figure value read from JSON text (the fast loader) is checked in Rust, from Python objects
(the strict loader) by ``constraints.figure_bounds``: both take and refuse exactly the same
values, and give the same number of the same type."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from legend_gui.model.schema import AlternateReport, Figure

FIGURES = TypeAdapter(list[Figure])
ALTERNATES = TypeAdapter(list[AlternateReport])


def _verdicts(value_text: str) -> tuple[Any, Any]:
    """What each path makes of a figure (and an alternate) with this value: the values, or
    the names of the errors."""
    text = f'[{{"scope": "national", "metric": "m", "source": "s", "value": {value_text}}}]'
    alternate = f'[{{"source": "s", "value": {value_text}}}]'
    results: list[Any] = []
    for from_json in (True, False):
        try:
            if from_json:
                figure = FIGURES.validate_json(text)[0].value
                other = ALTERNATES.validate_json(alternate)[0].value
            else:
                figure = FIGURES.validate_python(json.loads(text))[0].value
                other = ALTERNATES.validate_python(json.loads(alternate))[0].value
            results.append((figure, type(figure), other, type(other)))
        except ValidationError:
            results.append(None)
    return results[0], results[1]


EDGES = [
    "0",
    "-0",
    "0.0",
    "-0.0",
    "-1",
    "-1e-300",
    "1",
    "1.5",
    "5.0",
    "1e15",
    "1000000000000000",
    "1000000000000001",
    "1000000000000000.5",
    "999999999999999.9",
    "1e300",
    "100000000000000000000000000000",
    "-100000000000000000000000000000",
    "NaN",
    "Infinity",
    "-Infinity",
    "true",
    "false",
    "null",
    '"5"',
    "[5]",
]


@pytest.mark.parametrize("value", EDGES)
def test_json_and_python_paths_agree(value: str) -> None:
    fast, strict = _verdicts(value)
    assert fast == strict


def test_the_edges_are_taken_and_refused_as_the_format_says() -> None:
    taken = [v for v in EDGES if _verdicts(v)[0] is not None]
    assert taken == [
        "0",
        "-0",
        "0.0",
        "-0.0",
        "1",
        "1.5",
        "5.0",
        "1e15",
        "1000000000000000",
        "999999999999999.9",
    ]
    assert _verdicts("5")[0] == (5, int, 5, int)
    assert _verdicts("5.0")[0] == (5.0, float, 5.0, float)


@given(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
def test_any_number_gets_the_same_verdict(number: float) -> None:
    text = repr(number) if isinstance(number, float) else str(number)
    fast, strict = _verdicts(text)
    assert fast == strict

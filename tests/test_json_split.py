"""The cheap cuts of a large file (model/json_split.py): right on an ordinary file, and when
strings hold brackets, braces or ``},{`` that fool them, the loader still gives the strict
loader's dataset (the fast path gives up on a piece that does not parse)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from legend_gui.model import fastload
from legend_gui.model.fastload import parse_in_steps
from legend_gui.model.json_split import chunks, long_arrays, skeleton
from legend_gui.model.loading import parse_dataset
from tests.helpers import synthetic_document


def _run(steps: fastload.Steps) -> Any:
    try:
        while True:
            next(steps)
    except StopIteration as done:
        return done.value


@pytest.mark.parametrize("size", [1, 500, 3_000, 10**9])
@pytest.mark.parametrize("indent", [None, 1])
def test_the_pieces_hold_every_element_once(size: int, indent: int | None) -> None:
    document = synthetic_document(200)
    for figure in document["snapshots"][-1]["figures"][1::7]:  # "},{" inside an element too
        figure["alternates"] = [{"value": 1, "source": "news-1"}, {"value": 2, "source": "doj"}]
    raw = json.dumps(document, indent=indent).encode()
    arrays = long_arrays(raw)
    assert [a.key for a in arrays] == ["cities"] + ["figures"] * len(document["snapshots"])
    elements = [json.loads(piece) for array in arrays for piece in chunks(raw, array, size)]
    expected = [document["cities"], *(s["figures"] for s in document["snapshots"])]
    read = [element for piece in elements for element in piece]
    assert read == [element for array in expected for element in array]
    assert json.loads(skeleton(raw, arrays))["cities"] == []


NOTES = [
    "see [1]",  # balanced brackets: the fast path still reads the file
    "a ] alone",
    "a [ alone",
    "}], {",
    '}, {"scope": "city"',
    "]}]}]",
    "[[[{",
]


@pytest.mark.parametrize("note", NOTES)
@pytest.mark.parametrize("where", [0, 1, -1])
def test_strings_that_fool_the_cuts_give_the_strict_dataset(
    note: str, where: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = synthetic_document(200)
    figures = document["snapshots"][-1]["figures"]
    figures[where]["note"] = note
    figures[where]["alternates"] = [{"value": 1, "source": "news-1", "note": note}]
    figures[len(figures) // 2]["note"] = note
    raw = json.dumps(document).encode()
    monkeypatch.setattr(fastload, "CHUNK_BYTES", 2_000)
    fell_back: list[str] = []
    strict = parse_dataset

    def recording(text: bytes, name: str) -> Any:
        fell_back.append(name)
        return strict(text, name)

    monkeypatch.setattr(fastload, "parse_dataset", recording)
    fast = _run(parse_in_steps(raw, "odd.json", min_bytes=0))
    assert fast == parse_dataset(raw, "odd.json")
    if note == "see [1]":
        assert fell_back == []

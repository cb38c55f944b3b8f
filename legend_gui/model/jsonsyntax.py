"""A JSON syntax error told as a whole sentence: what is wrong in words a non-programmer can
act on, where (line:column), and the text found there.

Python's ``json`` messages are fragments meant to be followed by a position ("Unterminated
string starting at"); cut off, they leave the user reading half a sentence.
"""

from __future__ import annotations

import json

from legend_gui.model.text import printable

#: ``json``'s message (its ``msg``, without the position) → what it means.
_MEANINGS: dict[str, str] = {
    "Unterminated string starting at": 'a string starts here but is never closed with "',
    "Invalid control character at": (
        "a line break, tab or other control character inside a string (a string must end "
        'with " on the line it starts; write \\n for a line break)'
    ),
    "Expecting ',' delimiter": "a comma is missing between two items",
    "Expecting ':' delimiter": "a colon is missing after a key",
    "Expecting value": (
        "a value is missing or is not JSON (a number, a quoted string, true, false, null, "
        "[a list] or {an object}; a comma before ] is not allowed)"
    ),
    "Expecting property name enclosed in double quotes": (
        'a key in double quotes was expected (keys are quoted with ", and a comma before } '
        "is not allowed)"
    ),
    "Extra data": "more text follows the end of the JSON document",
    "Invalid \\escape": "a backslash starts an escape JSON does not know",
    "Invalid \\uXXXX escape": "a \\u escape needs four hexadecimal digits",
}

#: How much of the offending text to quote.
_SNIPPET = 24


def syntax_message(error: json.JSONDecodeError) -> str:
    """``not valid JSON: a comma is missing between two items, at 2:17, where the text is
    '"sources": []}'.`` One sentence, ending in a full stop."""
    meaning = _MEANINGS.get(error.msg) or error.msg.removesuffix(" at").rstrip(":")
    return (
        f"not valid JSON: {meaning}, at {error.lineno}:{error.colno}, "
        f"{_found(error.doc, error.pos)}."
    )


def _found(text: str, offset: int) -> str:
    line_end = text.find("\n", offset)
    rest = text[offset : line_end if line_end >= 0 else len(text)].rstrip("\r")
    if rest.strip():
        return f"where the text is '{printable(rest.strip(), _SNIPPET)}'"
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset].strip()[-_SNIPPET:]
    where = "at the end of the line" if offset < len(text) else "at the end of the file"
    return f"{where}, after '{printable(before)}'" if before else where

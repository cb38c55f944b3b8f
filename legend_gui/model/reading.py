"""A data file's bytes and text: refused when too large, unreadable, empty, UTF-16 or not UTF-8.

The size limit is the caller's (``loading.MAX_FILE_BYTES``), checked before the file is read.
"""

from __future__ import annotations

import os
from pathlib import Path

from legend_gui.model.errors import DatasetError, Problem
from legend_gui.model.jsonpos import line_column

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = "\ufeff"


def read_bytes(path: str | os.PathLike[str], name: str, limit: int) -> bytes:
    """The bytes of the file at ``path``, at most ``limit`` + 1; ``name`` is for messages."""
    file = Path(path)
    try:
        if file.is_dir():
            raise DatasetError([Problem(name, "this is a folder, not a data file")])
        size = file.stat().st_size
        if size > limit:
            raise DatasetError(
                [
                    Problem(
                        name,
                        f"the file is {size / 1024 / 1024:,.1f} MB; Legend Viewer opens data "
                        f"files of at most {limit // 1024 // 1024} MB",
                    )
                ]
            )
        with file.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise DatasetError([Problem(name, "no such file")]) from None
    except PermissionError:
        raise DatasetError([Problem(name, "permission denied: the file cannot be read")]) from None
    except IsADirectoryError:
        raise DatasetError([Problem(name, "this is a folder, not a data file")]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise DatasetError([Problem(name, f"the file cannot be read ({reason})")]) from None
    except ValueError:  # e.g. a NUL character in the name: no such file can exist
        raise DatasetError([Problem(name, "this is not a valid file name")]) from None
    return data


def text_of(data: bytes, name: str, limit: int) -> str:
    """The UTF-8 text of at most ``limit`` bytes, without a byte-order mark."""
    if len(data) > limit:
        raise DatasetError([Problem(name, f"more than {limit // 1024 // 1024} MB of data")])
    return _decode(data, name)


def _decode(data: bytes, name: str) -> str:
    if not data or data.isspace():  # isspace stops at the first non-space; strip copies
        raise DatasetError([Problem(name, "the file is empty; a data file is a JSON object")])
    if data.startswith(_UTF16_BOMS) or (len(data) > 1 and (data[0] == 0 or data[1] == 0)):
        raise DatasetError(
            [
                Problem(
                    name, "the file is UTF-16 (or binary); save it as UTF-8 JSON", line=1, column=1
                )
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8", "replace")
        line, column = line_column(before, len(before))
        raise DatasetError(
            [
                Problem(
                    name,
                    f"not valid UTF-8 text (byte 0x{data[error.start]:02x} at offset "
                    f"{error.start:,}); is this a data file?",
                    line=line,
                    column=column,
                )
            ]
        ) from None
    # A UTF-8 byte-order mark is harmless and some Windows editors write one: accept it.
    text = text.removeprefix(_UTF8_BOM)
    if not text or text.isspace():
        raise DatasetError([Problem(name, "the file is empty; a data file is a JSON object")])
    return text

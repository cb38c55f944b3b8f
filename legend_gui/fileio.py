"""Atomic file writes: the one copy, used by exports, the curation script and the benchmarks.

A write goes to a temporary file in the target folder, which is flushed, synced and then renamed
over the target. A failed write therefore never leaves half a file and never damages the file
that was there. Pure Python: ``validate`` and the curation script must not load Qt.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["WriteError", "atomic_write", "atomic_write_bytes"]


class WriteError(Exception):
    """A file could not be written; the message is for the user (it names the file)."""


def _explain(error: OSError, path: Path) -> str:
    """Say in plain words why ``path`` could not be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if error.errno == errno.ENOSPC:
        return f"the disk is full; nothing was written to {path}"
    if folder.exists() and not folder.is_dir():
        return f"{folder} is a file, not a folder"
    if isinstance(error, FileNotFoundError) or not folder.exists():
        return f"the folder {folder} does not exist"
    if isinstance(error, PermissionError):
        return f"permission denied: cannot write to {folder}"
    if isinstance(error, IsADirectoryError) or path.is_dir():
        return f"{path} is a folder"
    return f"cannot write {path}: {error.strerror or error}"


def atomic_write(
    path: str | os.PathLike[str],
    write: Callable[[BinaryIO], object],
    *,
    check: Callable[[Path], object] | None = None,
) -> None:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place.

    ``check``, when given, is called with the finished temporary file before the rename (the
    curation script validates the dataset it wrote); if it raises, nothing is replaced and the
    exception propagates unchanged.
    """
    target = Path(path)
    if target.is_dir():
        raise WriteError(f"{target} is a folder")
    folder = target.parent if str(target.parent) else Path(".")
    temp_name: str | None = None
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, 0o644)  # mkstemp makes it private; exports are ordinary files
        if check is not None:
            check(Path(temp_name))
        os.replace(temp_name, target)
        temp_name = None
    except OSError as error:
        raise WriteError(_explain(error, target)) from None
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def atomic_write_bytes(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    check: Callable[[Path], object] | None = None,
) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_write`)."""
    atomic_write(path, lambda stream: stream.write(data), check=check)

"""Datasets validated before, kept so that starting on the same file again needs no pydantic.

A file's dataset is stored once it passed the schema and the cross-checks, under the SHA-256 of
its text. Starting on a file whose text hashes to a stored entry reads the entry back (≈5 ms
for the bundled file) instead of importing pydantic, building its validators and validating
(≈250 ms, more than the whole Qt start-up). So:

- a changed file has another hash, and is validated again;
- an entry written under other rules is never read: the app's version, and where the model's
  source files are on disk (a checkout, an install) their sizes and times, are part of the hash
  (a frozen build: its executable's);
- an entry that cannot be read is ignored, and the file is validated.

Entries are pickles, read by an unpickler that makes only the schema's records, dates and the
format's enums: no other class and no function, so a file planted among them cannot run code.
Only files the strict loader reads in one go are kept (up to ``MAX_CACHED_CHARS``): a large
file's load is measured and shown in steps, and its entry would be as slow to read as a
validation. The newest ``KEEP_ENTRIES`` entries are kept.

The packaged app also ships the bundled dataset validated when it was built (``shipped``:
beside the data file, naming the text's SHA-256 and the version), so its very first start
needs no pydantic either.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import sys
from datetime import date
from functools import cache
from pathlib import Path

from legend_gui import __version__
from legend_gui.folders import user_folder
from legend_gui.model import schema, vocab
from legend_gui.model.schema import Dataset
from legend_gui.resources import bundled_dataset

# The C modules alone: ``hashlib`` loads OpenSSL and ``pickle`` a dozen modules (≈20 ms), more
# than reading the whole entry; a Python without them falls back to the full modules.
try:
    from _pickle import Unpickler

    sha256 = importlib.import_module("_sha256").sha256  # no type stubs: hashlib's below
except ImportError:  # pragma: no cover - CPython has both
    from hashlib import sha256
    from pickle import Unpickler

#: Texts longer than this are not kept (the fast loader's threshold: see ``fastload``).
MAX_CACHED_CHARS = 2 * 1024 * 1024
#: Entries kept; older ones are removed when a new one is stored.
KEEP_ENTRIES = 8
#: An entry of a 2 MB file takes about 1.5 MB; a larger file in the folder is not read whole.
MAX_ENTRY_BYTES = 16 * 1024 * 1024
_SUFFIX = ".dataset"
_SHIPPED_SUFFIX = ".validated"


def cache_dir() -> Path:
    """The platform's folder for caches (``LEGEND_GUI_CACHE_DIR`` overrides it)."""
    return user_folder(
        "LEGEND_GUI_CACHE_DIR",
        windows="Legend Viewer/Cache/validated",
        macos="Caches/Legend Viewer/validated",
        xdg=("XDG_CACHE_HOME", ".cache"),
        linux="legend-gui/validated",
    )


def entry_for(text: str) -> Path:
    """Where the dataset of a file with this text is (or would be) kept."""
    digest = sha256(_rules_key())
    digest.update(_encoded(text))
    return cache_dir() / f"{digest.hexdigest()}{_SUFFIX}"


def read_entry(entry: Path) -> Dataset | None:
    """The dataset kept at ``entry``, or ``None`` when there is none that can be read (or it
    is larger than any entry this app writes: a file put there by something else)."""
    try:
        with entry.open("rb") as stream:
            pickled = stream.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    return _dataset_in(pickled) if len(pickled) <= MAX_ENTRY_BYTES else None


def shipped() -> Path:
    """Where a build puts the bundled dataset, validated: inside the app, beside the data
    file (never beside a file of the user's, which anyone could have written)."""
    return bundled_dataset().with_suffix(_SHIPPED_SUFFIX)


def read_shipped(text: str) -> Dataset | None:
    """The bundled dataset as the build validated it, if that was from exactly ``text`` (the
    bundled file, or a copy of it) and by this version of the app."""
    try:
        header, _, body = shipped().read_bytes().partition(b"\n")
    except OSError:
        return None
    return _dataset_in(body) if header == _shipped_header(text) else None


def ship(text: str, dataset: Dataset, target: Path) -> None:
    """Write ``dataset``, validated from ``text``, for a build to bundle at ``target``."""
    from legend_gui.fileio import atomic_write_bytes

    atomic_write_bytes(target, _shipped_header(text) + b"\n" + _pickled(dataset))


def _shipped_header(text: str) -> bytes:
    return f"{sha256(_encoded(text)).hexdigest()} {__version__}".encode("ascii")


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _pickled(dataset: Dataset) -> bytes:
    import pickle

    return pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL)


def _dataset_in(pickled: bytes) -> Dataset | None:
    try:
        loaded = _RecordsOnly(io.BytesIO(pickled)).load()
    except Exception:  # noqa: BLE001 - any damage means: validate the file instead
        return None
    return loaded if type(loaded) is Dataset else None


def store(text: str, dataset: Dataset) -> bool:
    """Keep ``dataset``, validated from a file with ``text``; whether it was kept. A failure
    (a read-only or full disk) only means the next start validates again."""
    from pickle import PicklingError

    from legend_gui.fileio import WriteError, atomic_write_bytes

    if len(text) > MAX_CACHED_CHARS:
        return False
    entry = entry_for(text)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(entry, _pickled(dataset))
    except (OSError, WriteError, PicklingError):
        return False
    _prune(entry.parent)
    return True


def _prune(folder: Path) -> None:
    with contextlib.suppress(OSError):
        entries = sorted(
            folder.glob(f"*{_SUFFIX}"), key=lambda path: path.stat().st_mtime, reverse=True
        )
        for old in entries[KEEP_ENTRIES:]:
            old.unlink(missing_ok=True)


@cache
def _rules_key() -> bytes:
    """What an entry was validated under: the app's version, and the model's source files
    (their names, sizes and times: a checkout's edits) or a frozen build's executable."""
    parts = [__version__, str(vocab.SCHEMA_VERSION)]
    try:
        if getattr(sys, "frozen", False):
            found = os.stat(sys.executable)
            parts.append(f"{sys.executable} {found.st_size} {found.st_mtime_ns}")
        else:
            with os.scandir(Path(schema.__file__).parent) as entries:
                for entry in sorted(entries, key=lambda each: each.name):
                    if entry.name.endswith(".py"):
                        found = entry.stat()
                        parts.append(f"{entry.name} {found.st_size} {found.st_mtime_ns}")
    except OSError:
        pass  # the version alone
    return _encoded("\n".join(parts))


@cache
def _allowed() -> dict[tuple[str, str], type]:
    classes: list[type] = [*schema.RECORD_CLASSES, date]
    classes += [vocab.Qualifier, vocab.Scope, vocab.SourceKind]
    return {(cls.__module__, cls.__qualname__): cls for cls in classes}


class _RecordsOnly(Unpickler):
    """Makes the schema's records, dates and the format's enums, and nothing else."""

    def find_class(self, module: str, name: str) -> type:
        found = _allowed().get((module, name))
        if found is None:
            raise ValueError(f"{module}.{name} is not part of a dataset")
        return found

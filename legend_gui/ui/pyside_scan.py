"""PySide6's scan of every later import, answered without reading source files.

Importing PySide6 replaces ``__import__``: after each later import PySide6 reads the new
module's whole source (``inspect.getsource``) to learn whether it mentions "PySide6", so that
a module written with ``from __feature__ import snake_case`` gets snake_case names. Nothing in
this app imports ``__feature__`` (not our modules, not pyqtgraph, numpy or the standard
library), so every module can take the answer a module without Qt gets, "ignore", which
selects the names every module uses anyway. That skips reading about 400 source files at
start-up (≈50 ms; ``benchmarks/startup.py``).

Only done when PySide6 has the scan this expects (``shibokensupport.feature._mod_uses_pyside``,
PySide6 6.4 to 6.12 at least); otherwise nothing changes.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6  # noqa: F401 - installs the scan this replaces


def _uses_no_features(_module: ModuleType) -> bool:
    return False


def skip_source_scan() -> bool:
    """Answer PySide6's question about each new module without reading its source; whether
    PySide6 asks it the way this expects."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    if "__feature__" in sys.modules and getattr(feature, "_is_initialized", False):
        return False  # some module did select a feature: keep PySide6's own answer
    setattr(feature, "_mod_uses_pyside", _uses_no_features)  # noqa: B010 - PySide6's own name
    return True


skip_source_scan()

"""PySide6 no longer reads the source of each module imported after it (ui/pyside_scan.py):
the answer it wanted (does this module select a ``__feature__``?) is "no" for every module
of this app, and Qt names work as before."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


def test_a_module_imported_later_is_not_read_for_pyside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import legend_gui.ui.qtapp  # noqa: F401 - installs the answer

    feature = sys.modules["shibokensupport.feature"]
    source = tmp_path / "later_module_for_pyside_scan.py"
    source.write_text("from PySide6.QtCore import QPoint\nPOINT = QPoint(3, 4)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    module = __import__("later_module_for_pyside_scan")  # as an import statement does
    assert str(source) not in linecache.cache  # its source was not read
    assert feature.pyside_feature_dict[module.__name__] == -1
    assert (module.POINT.x(), module.POINT.y()) == (3, 4)  # Qt's own names, as ever
    assert not hasattr(module.POINT, "manhattan_length")  # no snake_case
    assert module.POINT.manhattanLength() == 7

"""Fails (never skips) when Qt cannot be imported: a silent skip would turn CI green for nothing."""

import pytest

pytestmark = pytest.mark.gui  # imports Qt on purpose


def test_pyside6_imports_and_runs_offscreen() -> None:
    from PySide6.QtGui import QGuiApplication, QImage

    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    assert not image.isNull()
    assert QGuiApplication is not None


def test_pyqtgraph_imports() -> None:
    import pyqtgraph

    assert pyqtgraph.__version__.startswith("0.14")

"""Qt widgets and item models that show the data model. Imports point one way: ui → model."""

from __future__ import annotations

import sys


def _pin_singletons() -> None:
    """Work around a reference-count bug of PySide6 6.12 on Python < 3.12.

    Its bindings release a reference to ``None`` on every call of a method returning nothing
    (``label.setText(...)``) and to ``True`` on every signal emission, as if they were
    immortal, which they only are from Python 3.12 (PEP 683). On 3.10/3.11 the count reaches
    zero after a few hundred clicks and the interpreter aborts ("Fatal Python error:
    none_dealloc" or "bool_dealloc"). Adding 2**40 references makes them immortal in effect.
    tests/test_robustness.py runs a million such calls in a child process to prove it.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    if hasattr(sys, "gettotalrefcount"):  # a debug build: the count is not the first field
        return
    import ctypes

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


_pin_singletons()

"""``ui.turns``: deferred steps of several chains run one per event-loop turn, app-wide."""

from __future__ import annotations

import gc
import itertools
import time

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from legend_gui.ui import turns
from legend_gui.ui.turns import next_turn

STEP_S = 0.12


def _busy(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def _chain(owner: QObject, name: str, steps: int, log: list[str]) -> None:
    def step(n: int) -> None:
        _busy(STEP_S)
        log.append(f"{name}{n}")
        if n + 1 < steps:
            next_turn(owner, lambda: step(n + 1))

    next_turn(owner, lambda: step(0))


def test_two_chains_interleave_and_never_share_a_turn(
    qtbot: QtBot, request: pytest.FixtureRequest
) -> None:
    """A 5 ms timer keeps ticking between the steps: with each chain on its own zero-timers,
    both chains' steps fell in one turn and the timer waited for two steps at once. (The
    garbage collector is held off: a pass over earlier tests' objects would lengthen a turn.)"""
    # Start from a quiet loop: earlier tests' windows may still have steps queued and widgets
    # waiting for deletion, and a pass spent on them would count against a step.
    qtbot.waitUntil(lambda: not turns._queue, timeout=5_000)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    gc.collect()
    gc.disable()
    request.addfinalizer(gc.enable)
    owner = QObject()
    log: list[str] = []
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    ticker.start()
    _chain(owner, "a", 4, log)
    _chain(owner, "b", 4, log)
    qtbot.waitUntil(lambda: len(log) == 8, timeout=5_000)
    ticker.stop()
    assert log == ["a0", "b0", "a1", "b1", "a2", "b2", "a3", "b3"]
    longest = max(b - a for a, b in itertools.pairwise(ticks))
    assert longest < 1.6 * STEP_S, f"the timer waited {longest * 1000:.0f} ms"


def test_a_step_whose_owner_was_deleted_is_skipped(qtbot: QtBot) -> None:
    gone, kept = QObject(), QObject()
    log: list[str] = []
    next_turn(gone, lambda: log.append("gone"))
    next_turn(kept, lambda: log.append("kept"))
    import shiboken6

    shiboken6.delete(gone)
    qtbot.waitUntil(lambda: log == ["kept"], timeout=2_000)
    qtbot.wait(20)
    assert log == ["kept"]

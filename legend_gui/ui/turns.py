"""Deferred work in steps, one step per event-loop turn for the whole app.

Start-up (imports, validation, the chart's imports) and a large file's load each cut their
work into steps of a few tens of milliseconds. Scheduled with zero-interval timers, steps ran
back to back in one turn (Qt fires every due zero timer of a pass, and one re-armed during
the pass may run again before the others), so the window waited for two steps at once
(measured: a 5 ms timer saw gaps of two steps). ``next_turn`` queues the steps of every chain
in one line and runs one at a time from a 1 ms single-shot timer: every other due timer and
event is handled between two steps, and a step costs at most 1 ms of waiting.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer

#: Not 0: a zero timer re-armed in its own slot can fire again in the same pass.
_GAP_MS = 1

_queue: deque[tuple[QObject, Callable[[], object]]] = deque()
_armed = False


def next_turn(owner: QObject, step: Callable[[], object]) -> None:
    """Run ``step`` in a later event-loop turn, after the steps queued before it; skipped
    if ``owner`` (the object the step works for) has been deleted by then."""
    _queue.append((owner, step))
    _arm()


def _arm() -> None:
    global _armed
    if not _armed and _queue:
        _armed = True
        QTimer.singleShot(_GAP_MS, _run_one)


def _run_one() -> None:
    global _armed
    _armed = False
    if not _queue:
        return
    owner, step = _queue.popleft()
    try:
        if shiboken6.isValid(owner):
            step()
    finally:
        _arm()

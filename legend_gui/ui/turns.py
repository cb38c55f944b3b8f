"""Deferred work in steps, one step per event-loop turn for the whole app.

Start-up (imports, validation, the chart's imports) and a large file's load each cut their
work into steps of a few tens of milliseconds. Scheduled with ``QTimer.singleShot(0, ...)``
each, two steps could run back to back in one turn (a single-shot zero timer posted during a
step may be delivered in the same pass), so the window waited for both (measured: a 5 ms
timer saw gaps of two steps). ``next_turn`` queues the steps of every chain in one line and
runs one per timeout of a single zero-interval timer, restarted after each step so that every
timer that fell due meanwhile fires first: the chains interleave, the window never waits for
more than one step, and no step waits for a clock (a 1 ms single-shot timer instead cost
0.4–0.6 s over a large load, measured side by side).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator

import shiboken6
from PySide6.QtCore import QObject, QTimer

_queue: deque[tuple[QObject, Callable[[], object]]] = deque()
_timer: QTimer | None = None


def next_turn(owner: QObject, step: Callable[[], object]) -> None:
    """Run ``step`` in a later event-loop turn, after the steps queued before it; skipped
    if ``owner`` (the object the step works for) has been deleted by then."""
    global _timer
    _queue.append((owner, step))
    if _timer is None or not shiboken6.isValid(_timer):
        _timer = QTimer()
        _timer.setInterval(0)
        _timer.timeout.connect(_run_one)
    if not _timer.isActive():
        _timer.start()


def in_turns(owner: QObject, steps: Iterator[object]) -> None:
    """Run ``steps`` (an iterator that pauses at each item) one step per event-loop turn, to
    its end; stopped if ``owner`` is deleted first."""

    def step() -> None:
        if next(steps, _END) is not _END:
            next_turn(owner, step)

    next_turn(owner, step)


_END = object()


def idle() -> bool:
    """Whether no step is waiting (a screenshot waits for this: the window has settled)."""
    return not _queue


def _run_one() -> None:
    if not _queue:
        if _timer is not None:
            _timer.stop()  # idle: no timer spinning while there is nothing to do
        return
    owner, step = _queue.popleft()
    try:
        if shiboken6.isValid(owner):
            step()
    finally:
        if _timer is not None and shiboken6.isValid(_timer):
            # Restarted, its next timeout is dated after this step: every timer that fell
            # due during the step comes first in the next pass (a repeating zero timer keeps
            # the date of the pass it fired in, and could run two steps before them).
            _timer.start()

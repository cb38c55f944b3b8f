"""Time since the process started, for ``--smoke``'s start-up figures.

Python does not record its own start, so on Linux the kernel's record is read; elsewhere the
import of this module (early in ``legend_gui.cli``) stands in for it.
"""

from __future__ import annotations

import os
import time

_IMPORTED = time.perf_counter()


def _linux_age() -> float | None:
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as uptime:
            now = float(uptime.read().split()[0])
        return now - int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


_OFFSET = _linux_age() or 0.0


def since_start(when: float | None = None) -> float:
    """Seconds from process start to ``when`` (a ``time.perf_counter()`` value; default: now)."""
    moment = time.perf_counter() if when is None else when
    return _OFFSET + (moment - _IMPORTED)

"""One benchmarked program run as a child process, as a user starts it, with the kernel's
account of it (shared by ``startup.py`` and ``end_to_end.py``)."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time
from pathlib import Path


def run_child(
    command: list[str],
    cwd: Path,
    figures: re.Pattern[str],
    environment: dict[str, str] | None = None,
) -> dict[str, float]:
    """Run ``command`` offscreen (with ``environment`` added); the ms figures it prints
    (``figures``: name, value groups), its ``wall`` and ``cpu`` ms (user + system, from
    ``os.wait4``: it moves far less than wall time on a shared machine) and its ``peak MB``.
    A failure stops the benchmark."""
    env = {**os.environ, **(environment or {})}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Warm bytecode, as a user has it: the warm-up run writes the .pyc files the timed runs
    # read (a shell with PYTHONDONTWRITEBYTECODE set would compile every module every run).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err, text=True)
        _pid, status, usage = os.wait4(process.pid, 0)  # the child's own rusage
        wall = (time.perf_counter() - started) * 1000
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr}")
    found = {match[1]: float(match[2]) for match in figures.finditer(stdout)}
    found["wall"] = wall
    found["cpu"] = (usage.ru_utime + usage.ru_stime) * 1000
    found["peak MB"] = usage.ru_maxrss / 1024
    return found

"""Processes the test run started and left running.

Every process a test starts inherits a marker in its environment (set when the run begins),
so one left behind is found even after its parent died and it was re-parented to init —
the case of a server whose supervisor was killed.
"""

from __future__ import annotations

import os
import time
import uuid

MARKER = "NEWSKG_TEST_RUN"


def mark_run() -> str:
    """Mark this run's environment; children started from now on carry the mark."""
    os.environ.setdefault(MARKER, uuid.uuid4().hex)
    return os.environ[MARKER]


def leftover_processes(token: str, grace: float = 5.0) -> list[str]:
    """Processes other than this one (and its ancestors) that carry `token`, after giving
    ones that are shutting down `grace` seconds; described as "pid name cmdline"."""
    import psutil

    me = psutil.Process()
    mine = {me.pid, *(p.pid for p in me.parents())}
    deadline = time.monotonic() + grace
    while True:
        found = []
        for proc in psutil.process_iter(["pid", "name", "cmdline"]):
            if proc.info["pid"] in mine:
                continue
            try:
                if proc.environ().get(MARKER) != token or proc.status() == psutil.STATUS_ZOMBIE:
                    continue
            except (psutil.AccessDenied, psutil.NoSuchProcess, psutil.ZombieProcess):
                continue
            cmd = " ".join(proc.info["cmdline"] or [])[:120]
            if "multiprocessing.resource_tracker" in cmd and proc.ppid() == me.pid:
                continue  # multiprocessing's own helper: it exits when this process does
            found.append(f"{proc.info['pid']} {proc.info['name']} {cmd}")
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)

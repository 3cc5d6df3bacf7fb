"""Fingerprints of an embedded store's table files, to tell damage from data.

The engine's table files (RocksDB `*.sst`) are written once and never changed: a new file
gets a new number. So a table file whose size or modification time differs from when newskg
last closed the store, and whose content hash differs too, was damaged from outside (a disk
fault, a sync tool, a stray write). The engine's own checksums catch most such damage when
a block is read, but one path of its iterator loops on the error instead of reporting it (a
query that spins with memory growing): checking the fingerprints when the store opens turns
that into a clear error within milliseconds. Files made after the last close are not known
yet and are not checked; `newskg validate` hashes every known file whatever its times say.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path

RECORD = "newskg-tables.json"


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read(folder: Path) -> dict[str, list]:
    try:
        data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _sizes(folder: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for path in folder.glob("*.sst"):
        with contextlib.suppress(OSError):  # a file the engine just removed
            stat = path.stat()
            found[path.name] = (stat.st_size, stat.st_mtime_ns)
    return found


def _settle(folder: Path, patience: float = 2.0, step: float = 0.05) -> None:
    """Wait until no table file is still being written. The engine compacts in background
    threads after a flush: a table file it is writing at close would be recorded half
    written, and found "changed" at the next open. A file written in the last second is
    watched until the sizes and times of all stay the same for one step."""
    deadline = time.monotonic() + patience
    before = _sizes(folder)
    while time.monotonic() < deadline:
        recent = time.time_ns() - 1_000_000_000
        if not any(mtime > recent for _size, mtime in before.values()):
            return
        time.sleep(step)
        now = _sizes(folder)
        if now == before:
            return
        before = now


def record(folder: Path) -> None:
    """Write the fingerprints of the table files now in the folder (after a flush, once no
    table file is still being written). A file whose size and time are as recorded keeps
    its recorded hash: only new files are read."""
    _settle(folder)
    known = _read(folder)
    tables: dict[str, list] = {}
    for path in sorted(folder.glob("*.sst")):
        stat = path.stat()
        old = known.get(path.name)
        if isinstance(old, list) and len(old) == 3 and old[:2] == [stat.st_size, stat.st_mtime_ns]:
            tables[path.name] = old
        else:
            tables[path.name] = [stat.st_size, stat.st_mtime_ns, _hash(path)]
    temporary = folder / (RECORD + ".tmp")
    with contextlib.suppress(OSError):  # a read-only or full disk: the next close records
        temporary.write_text(json.dumps(tables, sort_keys=True), encoding="utf-8")
        os.replace(temporary, folder / RECORD)


def damaged(folder: Path, full: bool = False) -> list[str]:
    """The known table files whose content changed since they were recorded (or that are
    gone while the engine's manifest may still name them: the engine reports that itself).
    `full`: hash every known file, not only those whose size or time changed."""
    problems = []
    for name, entry in sorted(_read(folder).items()):
        path = folder / name
        if not (isinstance(entry, list) and len(entry) == 3) or not path.exists():
            continue
        stat = path.stat()
        if not full and [stat.st_size, stat.st_mtime_ns] == entry[:2]:
            continue
        if _hash(path) != entry[2]:
            problems.append(name)
    return problems

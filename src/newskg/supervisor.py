"""Running one function over many items in child processes that are watched and replaced.

An article is a unit of work: whatever happens while one is extracted — an exception, a text
that makes the parser run for minutes or take gigabytes — must fail that article only. Inside
one process that cannot be guaranteed (a runaway allocation or a loop in compiled code cannot
be interrupted from Python), so each item runs in a child process that the parent watches:

- an exception in the function is that item's error (one line), and the child goes on;
- an item that runs past `Limits.seconds`, or whose child grows past `Limits.memory_mb`
  above the size it started at, gets its child killed and replaced; the item fails with the
  limit it broke, the items after it go on;
- a child that dies on its own (a crash, the kernel's out-of-memory killer) fails the item
  it was running and is replaced.

Children are forked where the platform allows, after the caller has loaded what the function
needs (the spaCy pipeline), so a replacement starts in milliseconds and shares the model's
memory; elsewhere they are spawned and run `initializer` first. Results come back in the order
of the items, with a bounded number of items in flight so memory stays flat however many there
are. Memory is read from /proc: on a system without it only the time limit applies.
"""

from __future__ import annotations

import atexit
import gc
import itertools
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newskg.errors import NewskgError

_POLL_SECONDS = 0.1
_MAX_ERROR_CHARS = 300


@dataclass(frozen=True)
class Limits:
    """Per-item limits; None means no limit."""

    seconds: float | None = None
    memory_mb: int | None = None


def memory_watch_available() -> bool:
    return os.path.exists("/proc/self/statm")


def _resident_bytes(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def one_line(exc: BaseException) -> str:
    """An exception as one line: a NewskgError says what it says, anything else names its
    type so a bug reads as a bug and not as a problem of the article."""
    text = " ".join(str(exc).split())
    if not isinstance(exc, NewskgError):
        text = f"extraction failed ({type(exc).__name__}: {text})" if text else type(exc).__name__
    return text if len(text) <= _MAX_ERROR_CHARS else text[: _MAX_ERROR_CHARS - 1] + "…"


def _die_with_parent() -> None:
    """Linux: the kernel kills this child when its parent dies, even by SIGKILL."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _child_main(
    conn, parent_end, fn: Callable[[Any], Any], initializer: Callable[[], None] | None
) -> None:
    # A forked child holds a copy of the parent's end of its own pipe: closed, so that the
    # pipe ends (and the child exits) when the parent goes, however it goes.
    if parent_end is not None:
        parent_end.close()
    _die_with_parent()
    # Ctrl-C reaches the whole process group: the parent decides, the children just stop
    # when it closes their pipe or kills them.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            # done: leave at once, without tearing down the heap shared with the parent
            # (finalizing it touched every page and kept the parent waiting in join)
            conn.close()
            os._exit(0)
        seq, item = message
        answer: tuple[int, Any, str | None]
        try:
            answer = (seq, fn(item), None)
        except MemoryError:
            answer = (seq, None, "ran out of memory while extracting")
        except Exception as exc:  # noqa: BLE001 — any failure is this item's, reported
            answer = (seq, None, one_line(exc))
        try:
            conn.send(answer)
        except (OSError, ValueError):
            return


class _Child:
    def __init__(self, context, fn, initializer) -> None:
        self.conn, child_end = context.Pipe()
        inherited = self.conn if context.get_start_method() == "fork" else None
        self.process = context.Process(
            target=_child_main, args=(child_end, inherited, fn, initializer), daemon=True
        )
        # Everything the child inherits is frozen out of its garbage collector: collecting
        # a store object the parent left for its next collection would close a database in
        # the child, and RocksDB's close waits for background threads the child does not
        # have (it hangs). gc.freeze is the documented remedy for fork (see the gc module).
        gc.freeze()
        try:
            self.process.start()
        finally:
            gc.unfreeze()
        child_end.close()
        self.base: int | None = None  # resident size when idle, measured before its first item
        self.seq: int | None = None  # the item it is running
        self.started = 0.0

    def give(self, seq: int, item) -> None:
        if self.base is None:
            self.base = _resident_bytes(self.process.pid)
        self.seq, self.started = seq, time.monotonic()
        self.conn.send((seq, item))

    def broke(self, limits: Limits) -> str | None:
        """The limit the running item broke, if any."""
        if limits.seconds is not None and time.monotonic() - self.started > limits.seconds:
            return f"took longer than the {limits.seconds:g} s limit per article"
        if limits.memory_mb is not None and self.base is not None:
            now = _resident_bytes(self.process.pid)
            if now is not None and now - self.base > limits.memory_mb * 1024 * 1024:
                return f"needed more than the {limits.memory_mb} MiB limit per article"
        return None

    def stop(self, kill: bool = False) -> None:
        """An idle child is told to leave and left to do so (it exits at once; waiting for
        it held up the end of every batch); one that is running an item is killed."""
        try:
            if not kill:
                self.conn.send(None)
        except (OSError, ValueError):
            kill = True
        self.conn.close()
        if not kill:
            _RETIRED.append(self.process)
            _reap()
            return
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


# Children told to leave, until they are seen gone (reaped as more are retired, and at exit).
_RETIRED: list = []


def _reap(wait: float = 0.0) -> None:
    for process in list(_RETIRED):
        if wait:
            process.join(wait)
        if process.exitcode is None and wait:
            process.kill()
            process.join()
        if process.exitcode is not None:
            process.join()
            _RETIRED.remove(process)


atexit.register(_reap, 2.0)


def _collect(
    children: list[_Child], ready: list, answers: dict[int, tuple[Any, str | None]], limits: Limits
) -> list[int]:
    """Take the answers of the children that sent one; a child that died or broke a limit
    answers with an error. Returns the indexes of the children to replace."""
    broken_children = []
    for index, child in enumerate(children):
        if child.seq is None:
            continue
        seq = child.seq
        if child.conn in ready:
            try:
                _, result, error = child.conn.recv()
            except (EOFError, OSError):
                child.process.join(1)
                code = child.process.exitcode
                answers[seq] = (None, f"extraction process died (exit status {code})")
                broken_children.append(index)
                continue
            answers[seq] = (result, error)
            child.seq = None
            continue
        broken = child.broke(limits)
        if broken is not None:
            answers[seq] = (None, broken)
            broken_children.append(index)
    return broken_children


def supervised_map(
    fn: Callable[[Any], Any],
    items: Iterable[Any],
    workers: int = 1,
    limits: Limits | None = None,
    initializer: Callable[[], None] | None = None,
    window: int = 8,
    eager: bool = True,
) -> Iterator[tuple[Any, Any, str | None]]:
    """Yield (item, fn(item) or None, error or None) for every item, in order. `fn` and
    `initializer` must be picklable (module-level functions or partials of them) where
    children are spawned. `items` is read lazily: at most `workers * window` are held.

    `eager`: give idle children their next items before yielding the answers in hand (the
    children work while the caller handles an answer). Not eager: yield first, for items
    that come from a slow source (another map's answers): waiting for the source would hold
    back answers already made. The children start when the first item is there."""
    limits = limits or Limits()
    context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
    source = iter(items)
    try:
        first = next(source)
    except StopIteration:
        return
    source = itertools.chain([first], source)
    children = [_Child(context, fn, initializer) for _ in range(max(1, workers))]
    waiting: dict[int, Any] = {}  # seq → item, dispatched or not yet answered
    answers: dict[int, tuple[Any, str | None]] = {}
    next_seq = head = 0
    exhausted = False

    def replace(index: int) -> _Child:
        """Kill the child at `index` (dead, stuck or over a limit) and start a fresh one."""
        children[index].stop(kill=True)
        children[index] = _Child(context, fn, initializer)
        return children[index]

    def answered():
        nonlocal head
        while head in answers:
            result, error = answers.pop(head)
            yield waiting.pop(head), result, error
            head += 1

    try:
        while True:
            if not eager:
                yield from answered()
            for index, child in enumerate(children):
                if child.seq is None and not exhausted and next_seq - head < len(children) * window:
                    try:
                        item = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    waiting[next_seq] = item
                    try:
                        child.give(next_seq, item)
                    except (OSError, ValueError):  # died while idle: replace it, try again
                        replace(index).give(next_seq, item)
                    next_seq += 1
            yield from answered()
            busy = [child for child in children if child.seq is not None]
            if not busy:
                if exhausted and head == next_seq:
                    return
                continue
            ready = multiprocessing.connection.wait([c.conn for c in busy], _POLL_SECONDS)
            for index in _collect(children, ready, answers, limits):
                replace(index)
    finally:
        for child in children:
            child.stop(kill=child.seq is not None)

"""Threads and processes that cannot open a network connection, whatever they run.

The query check (rdf/sparql.py) refuses SERVICE and LOAD, but it is one parser judging what
another will do. This is the layer below it: the embedded engine runs user SPARQL only on
threads that carry a seccomp filter refusing the creation of IPv4 and IPv6 sockets (and
io_uring, which could open them without a system call the filter sees). Oxigraph's HTTP
client then fails at `socket()` with "permission denied" and nothing is contacted.

A seccomp filter belongs to the thread that installs it and to the threads that thread
starts later; other threads of the process (the CLI, a notebook's kernel, a remote SPARQL
store's client) keep their network. Unix sockets, pipes and files are untouched.

Linux on x86_64 or aarch64 only; elsewhere `block_network()` returns False and says why in
`UNAVAILABLE`, which `newskg serve` prints at start-up (README "Security and reliability").
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import platform
import struct
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")

# <linux/audit.h>, <asm/unistd.h>: the architecture tag and the two system call numbers
_ARCHES = {
    "x86_64": (0xC000003E, 41, 425),  # AUDIT_ARCH_X86_64, __NR_socket, __NR_io_uring_setup
    "aarch64": (0xC00000B7, 198, 425),
}
_AF_INET, _AF_INET6 = 2, 10
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_RET_ALLOW, _RET_ERRNO = 0x7FFF0000, 0x00050000
# BPF opcodes: load word at absolute offset, jump if equal / greater-or-equal, return
_LD, _JEQ, _JGE, _RET = 0x20, 0x15, 0x35, 0x06
# struct seccomp_data: nr at 0, arch at 4, args[0] (low 32 bits, little-endian) at 16
_NR, _ARCH, _ARG0 = 0, 4, 16


def _program(arch: int, socket_nr: int, io_uring_nr: int, x32: bool) -> list[tuple]:
    """The filter as (code, jump if true, jump if false, k): jumps count the instructions
    skipped. Deny = EACCES; any other architecture's calls (a 32-bit compat entry) denied."""
    deny = _RET_ERRNO | errno.EACCES
    program = [
        (_LD, 0, 0, _ARCH),
        (_JEQ, 1, 0, arch),
        (_RET, 0, 0, deny),
        (_LD, 0, 0, _NR),
    ]
    if x32:  # the x32 ABI numbers its calls from 0x40000000; nothing of ours uses it
        program += [(_JGE, 0, 1, 0x40000000), (_RET, 0, 0, deny)]
    program += [
        (_JEQ, 0, 4, socket_nr),
        (_LD, 0, 0, _ARG0),
        (_JEQ, 1, 0, _AF_INET),
        (_JEQ, 0, 3, _AF_INET6),
        (_RET, 0, 0, deny),
        (_JEQ, 0, 1, io_uring_nr),
        (_RET, 0, 0, _RET_ERRNO | errno.ENOSYS),
        (_RET, 0, 0, _RET_ALLOW),
    ]
    return program


def _unavailable() -> str | None:
    if not sys.platform.startswith("linux"):
        return f"network isolation of query threads needs Linux (this is {sys.platform})"
    if platform.machine() not in _ARCHES:
        return f"network isolation of query threads is not built for {platform.machine()}"
    return None


UNAVAILABLE: str | None = _unavailable()


def block_network() -> bool:
    """Install the filter on the calling thread (and the threads it starts); True if it now
    cannot create an IPv4/IPv6 socket. Irreversible for this thread."""
    global UNAVAILABLE
    if UNAVAILABLE:
        return False
    arch, socket_nr, io_uring_nr = _ARCHES[platform.machine()]
    program = _program(arch, socket_nr, io_uring_nr, x32=platform.machine() == "x86_64")
    code = b"".join(struct.pack("HBBI", *instruction) for instruction in program)
    filters = ctypes.create_string_buffer(code)
    fprog = struct.pack("HL", len(program), ctypes.addressof(filters))
    fprog_buffer = ctypes.create_string_buffer(fprog)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 or (
        libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, fprog_buffer, 0, 0) != 0
    ):
        UNAVAILABLE = f"seccomp refused the filter: {os.strerror(ctypes.get_errno())}"
        return False
    return True


@functools.cache
def _executor() -> ThreadPoolExecutor:
    # several threads: a query that overran its time limit (and still runs) holds one
    return ThreadPoolExecutor(
        max_workers=16, thread_name_prefix="newskg-engine", initializer=block_network
    )


def without_network(work: Callable[[], T]) -> T:
    """Run `work()` on a thread that cannot open network connections and return its result
    (or raise its exception). Where the platform has no filter, it runs on such a thread
    all the same, unfiltered (UNAVAILABLE says why)."""
    return _executor().submit(work).result()

"""Servers for tests: free loopback ports, the Oxigraph server binary, `newskg serve` over
the sample corpus, and SPARQL protocol requests to them."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from newskg import ingest_paths, open_store
from tests.helpers import SAMPLE_DIR

BINARY = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"server on port {port} did not start")


@contextlib.contextmanager
def oxigraph_server(location: Path, *options: str):
    """The Oxigraph server (writable) on a free loopback port; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [BINARY, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)


def served_sample_store(tmp_path, settings, *options: str) -> tuple[subprocess.Popen, int, object]:
    """The sample corpus in an embedded store, served by `newskg serve` on a free port."""
    import gc

    location = tmp_path / "store"
    store = open_store(f"oxigraph:{location}", settings)
    ingest_paths([SAMPLE_DIR], store, settings)
    store.close()
    del store
    gc.collect()
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newskg.cli",
            "serve",
            "--port",
            str(port),
            *options,
            "--store",
            f"oxigraph:{location}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return proc, port, location


def query_request(port: int, sparql: bytes) -> urllib.request.Request:
    """A SPARQL protocol POST of a query to a local server, asking for JSON results."""
    return urllib.request.Request(
        f"http://127.0.0.1:{port}/query",
        data=sparql,
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json",
        },
    )

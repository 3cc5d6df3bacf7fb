"""The built wheel works outside any checkout: it carries the ontology, the query library
and the word lists, and every command finds them with importlib.resources."""

from __future__ import annotations

import json
import os
import signal
import site
import subprocess
import sys
import urllib.request

import pytest

from tests.helpers import ROOT, SAMPLE_DIR
from tests.helpers.processes import MARKER
from tests.helpers.servers import free_port, query_request, wait_for


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The wheel built from this checkout, installed alone into a folder of its own."""
    folder = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(folder.glob("newskg-*.whl"))
    target = folder / "site"
    install = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target"]
    assert subprocess.run([*install, str(target), str(wheel)], capture_output=True).returncode == 0
    return target


def command(installed, *args: str) -> tuple[list[str], dict[str, str]]:
    # -S: no site processing, so the editable install of this checkout is not on the path;
    # the dependencies come from this environment's site-packages, newskg from the wheel
    path = f"{installed}:{site.getsitepackages()[0]}"
    env = {"PYTHONPATH": path, "PATH": "/usr/bin:/bin", MARKER: os.environ[MARKER]}
    return [sys.executable, "-S", "-c", "from newskg.cli import app; app()", *args], env


def newskg(installed, cwd, *args: str) -> subprocess.CompletedProcess:
    argv, env = command(installed, *args)
    return subprocess.run(
        argv, capture_output=True, text=True, cwd=cwd, env={**env, "HOME": str(cwd)}
    )


def test_wheel_ingests_queries_and_exports_outside_the_checkout(installed, tmp_path):
    store = f"oxigraph:{tmp_path / 'store'}"
    ingest = newskg(installed, tmp_path, "ingest", str(SAMPLE_DIR), "--store", store)
    assert ingest.returncode == 0, ingest.stderr
    where = newskg(installed, tmp_path, "queries")
    assert where.returncode == 0 and "people-roles" in where.stdout
    roles = newskg(
        installed, tmp_path, "query", "people-roles", "--format", "csv", "--store", store
    )
    assert roles.returncode == 0 and "Director-General" in roles.stdout
    out = tmp_path / "all.ttl"
    export = newskg(installed, tmp_path, "export", "--out", str(out), "--store", store)
    assert export.returncode == 0 and out.stat().st_size > 10_000
    # the pages' scripts (newskg's and the vendored vis-timeline) are package data
    timeline = tmp_path / "timeline.html"
    written = newskg(installed, tmp_path, "timeline", "--out", str(timeline), "--store", store)
    assert written.returncode == 0, written.stderr
    assert "vis-timeline and vis-graph2d" in timeline.read_text(encoding="utf-8")
    network = tmp_path / "network.html"
    written = newskg(installed, tmp_path, "graph", "--out", str(network), "--store", store)
    assert written.returncode == 0 and 'id="nkg-details"' in network.read_text(encoding="utf-8")
    location = subprocess.run(
        [sys.executable, "-S", "-c", "import newskg.resources as r; print(r.ontology_dir())"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": f"{installed}:{site.getsitepackages()[0]}"},
    )
    assert location.stdout.strip().startswith(str(installed))  # not this checkout's files
    # the listings that page the long queries (queries/pages/) are package data too
    listed = subprocess.run(
        [
            sys.executable,
            "-S",
            "-c",
            "from newskg.query import library; "
            "print(sorted(n for n, q in library().items() if q.listing))",
        ],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": f"{installed}:{site.getsitepackages()[0]}"},
    )
    assert "'event-participants'" in listed.stdout and "'facts-by-rule'" in listed.stdout, (
        listed.stderr
    )


def test_wheel_serves_outside_the_checkout(installed, tmp_path):
    """`newskg serve` from the wheel answers SPARQL over its store (its query editor page is
    package data too), and SIGTERM stops it with its workers."""
    store = f"oxigraph:{tmp_path / 'store'}"
    assert newskg(installed, tmp_path, "ingest", str(SAMPLE_DIR), "--store", store).returncode == 0
    port = free_port()
    argv, env = command(installed, "serve", "--port", str(port), "--store", store)
    proc = subprocess.Popen(
        argv,
        cwd=tmp_path,
        env={**env, "HOME": str(tmp_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(port, 60)
        ask = "PREFIX schema: <http://schema.org/> SELECT (COUNT(*) AS ?n) WHERE "
        ask += "{ GRAPH ?g { ?a a schema:NewsArticle } }"
        with urllib.request.urlopen(query_request(port, ask.encode()), timeout=30) as answer:
            rows = json.load(answer)["results"]["bindings"]
        assert rows[0]["n"]["value"] == "2"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as page:
            assert b"<textarea" in page.read()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
    assert proc.returncode is not None

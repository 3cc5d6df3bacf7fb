"""A real Oxigraph server (the `oxigraph` package) on a free loopback port: the remote store
gives every library query the same answer as the embedded store; `newskg serve` is read-only."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from newskg import ingest_paths, open_store
from newskg.errors import StoreError
from newskg.query import library, run_query
from tests.helpers import SAMPLE_DIR
from tests.helpers.servers import (
    BINARY,
    free_port,
    oxigraph_server,
    query_request,
    served_sample_store,
    wait_for,
)

pytestmark = pytest.mark.skipif(not Path(BINARY).exists(), reason="oxigraph server not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph"), "--union-default-graph") as url:
        yield url


@pytest.fixture(scope="module")
def remote(server, settings):
    store = open_store(f"sparql:{server}/query;update={server}/update", settings)
    report = ingest_paths([SAMPLE_DIR], store, settings)
    assert report.ok, report.failed
    return store


def _value(term) -> str:
    # GROUP_CONCAT order is up to each engine: compare its parts as a set
    text = str(term)
    return "; ".join(sorted(text.split("; "))) if "; " in text else text


def _rows(result):
    return sorted(tuple(sorted((k, _value(v)) for k, v in row.items())) for row in result.rows)


def test_every_library_query_answers_the_same(remote, sample_store):
    assert len(remote) == len(sample_store)
    params = {"person-profile": {"person": "Khaled Hamad"}}
    for name, q in library().items():
        bindings = q.bindings(params.get(name, {}))
        local = run_query(sample_store, q.text, bindings)
        there = run_query(remote, q.text, bindings)
        # extraction time differs per run; everything else must match
        strip = (
            (lambda rows: [r for r in rows if "extractedAt" not in dict(r)])
            if name == "fact-provenance"
            else (lambda rows: rows)
        )
        assert strip(_rows(there)) == strip(_rows(local)), name


def test_reingest_is_a_noop_remotely(remote, settings):
    before = len(remote)
    report = ingest_paths([SAMPLE_DIR], remote, settings)
    assert report.unchanged and not report.ingested
    assert len(remote) == before


def test_connection_errors_are_one_line(settings):
    port = free_port()
    store = open_store(f"sparql:http://127.0.0.1:{port}/query", settings)
    with pytest.raises(StoreError, match="cannot reach SPARQL endpoint"):
        len(store)


def test_serve_is_read_only_and_local(tmp_path, settings):
    proc, port, location = served_sample_store(tmp_path, settings)
    try:
        wait_for(port)
        query = query_request(port, b"ASK { ?s a <http://schema.org/Person> }")
        with urllib.request.urlopen(query, timeout=5) as answer:
            assert b"true" in answer.read()
        update = urllib.request.Request(
            f"http://127.0.0.1:{port}/update",
            data=b"DROP ALL",
            headers={"Content-Type": "application/sparql-update"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(update, timeout=5)
        assert refused.value.code >= 400
    finally:
        proc.terminate()
        proc.wait(10)
    reopened = open_store(f"oxigraph:{location}", settings)
    assert len(reopened) > 1000  # nothing was dropped


def _store_of(kind, server, tmp_path, settings):
    """A new store of each kind: in memory, embedded on disk, or behind the SPARQL server."""
    location = {
        "memory": "memory:",
        "oxigraph": f"oxigraph:{tmp_path / 'store'}",
        "sparql": f"sparql:{server}/query;update={server}/update",
    }[kind]
    return open_store(location, settings)


@pytest.mark.parametrize("kind", ["memory", "oxigraph", "sparql"])
def test_a_graph_written_in_parts_is_whole(kind, server, tmp_path, settings):
    """replace_graph then add_to_graph (how a large derived graph is written) on each
    store: the graph holds every part, and a new replace drops them all."""
    store = _store_of(kind, server, tmp_path, settings)
    g = "http://example.org/parts"
    store.replace_graph(g, '<http://example.org/a> <http://example.org/p> "1" .\n')
    store.add_to_graph(g, '<http://example.org/b> <http://example.org/p> "2" .\n')
    store.add_to_graph(g, '<http://example.org/c> <http://example.org/p> "3" .\n')
    assert sorted(str(o) for o in store.graph(g).objects()) == ["1", "2", "3"]
    store.replace_graph(g, '<http://example.org/d> <http://example.org/p> "4" .\n')
    assert sorted(str(o) for o in store.graph(g).objects()) == ["4"]
    store.remove_graph(g)


@pytest.mark.parametrize("kind", ["memory", "oxigraph", "sparql"])
def test_new_graphs_keep_their_blank_nodes_apart_and_bad_text_writes_nothing(
    kind, server, tmp_path, settings
):
    """A new graph is written another way than one that replaces a graph (one load, not an
    update): blank nodes of the same name in two graphs are still two nodes, and text that
    is not N-Triples is refused in one line with nothing written."""
    store = _store_of(kind, server, tmp_path, settings)
    one, two = "http://example.org/blank-one", "http://example.org/blank-two"
    store.replace_graph(one, '_:b <http://example.org/p> "1" .\n')
    store.replace_graph(two, '_:b <http://example.org/p> "2" .\n')
    subjects = {s for g in (one, two) for s in store.graph(g).subjects()}
    assert len(subjects) == 2
    for g in (one, two):
        store.remove_graph(g)
    if kind == "sparql":
        return  # the endpoint parses the text itself (its refusal is its own)
    bad = "http://example.org/bad-text"
    with pytest.raises(StoreError) as refused:
        store.replace_graph(bad, '<http://example.org/a> <http://example.org/p> "open .\n')
    assert bad in str(refused.value) and "\n" not in str(refused.value)
    assert len(store.graph(bad)) == 0 and bad not in store.named_graphs()


@pytest.mark.parametrize("through", ["listing", "engine"])
@pytest.mark.parametrize("name", ["event-participants", "events-timeline", "facts-by-rule"])
def test_pages_are_the_same_on_the_remote_and_the_embedded_store(
    remote, sample_store, name, through
):
    q = library()[name]
    assert q.listing is not None
    listing = q.listing if through == "listing" else None

    def pages(store) -> list[list[tuple]]:
        found = []
        for offset in range(0, 40, 4):
            result = run_query(
                store, q.text, q.bindings({}), limit=4, offset=offset, listing=listing
            )
            found.append(
                [tuple(_value(r.get(v, "")) for v in result.variables) for r in result.rows]
            )
        return found

    here, there = pages(sample_store), pages(remote)
    assert sum(len(p) for p in here) > 8
    assert [len(p) for p in there] == [len(p) for p in here]
    assert there == here  # the same rows in the same order, page by page
    whole = run_query(sample_store, q.text, q.bindings({}))
    rows = [tuple(_value(r.get(v, "")) for v in whole.variables) for r in whole.rows]
    assert [row for page in here for row in page] == rows[:40]  # the query's own order

"""Long reliability tests, run by `make test-slow`: SIGKILL during ingest, and a bounded load
test of the served endpoint."""

from __future__ import annotations

import gc
import random
import signal
import subprocess
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from rdflib import URIRef

from newskg import ingest_paths, open_store
from newskg.reports import graph_iri, stale
from tests.helpers import ingest_command, synthetic_corpus
from tests.helpers.derived import recomputed
from tests.helpers.servers import query_request, served_sample_store, wait_for

pytestmark = pytest.mark.slow
STARTED_AT = URIRef("http://www.w3.org/ns/prov#startedAtTime")


def normalized(graph) -> set:
    """An article graph without the extraction time, which differs between runs."""
    return {t for t in graph if t[1] != STARTED_AT}


def test_sigkill_leaves_every_article_whole_or_absent(tmp_path, settings):
    corpus = synthetic_corpus(tmp_path / "corpus", 300, seed=11)
    reference = open_store("memory:")
    ingest_paths([corpus], reference, settings)
    expected = {g: normalized(reference.graph(g)) for g in reference.named_graphs()}
    location = tmp_path / "store"
    rng = random.Random(42)
    kills, exits = 0, []
    for _ in range(20):
        # --force: every round rewrites every article, so each kill lands mid-ingest (without
        # it, the rounds after the first few find nothing left to do and finish before it)
        proc = subprocess.Popen(
            [*ingest_command([corpus], location), "--force"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(2.0, 6.0))  # spaCy loads in about two seconds, then articles flow
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        exits.append(proc.wait())
        store = open_store(f"oxigraph:{location}", settings)  # opens after every kill
        derived = graph_iri(settings)
        for g in store.named_graphs():
            if g != derived:
                assert normalized(store.graph(g)) == expected[g], g
        # the derived graph is what the stored articles give, or it says it is out of date
        if stale(store, settings) is None and derived in store.named_graphs():
            assert set(store.graph(derived)) == recomputed(store, settings)
        store.close()
        del store
        gc.collect()
    assert all(code in (0, -signal.SIGKILL) for code in exits), exits  # killed or done
    assert kills >= 15, exits
    final = subprocess.run(
        ingest_command([corpus], location),
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert final.returncode == 0, final.stderr
    store = open_store(f"oxigraph:{location}", settings)
    assert set(store.named_graphs()) == set(expected)
    assert len(store) == len(reference)  # nothing twice
    print(f"kills survived: {kills}; articles: {len(expected)}; triples: {len(store)}")


def test_served_endpoint_under_load_and_timeout(tmp_path, settings):
    import psutil

    proc, port, _location = served_sample_store(tmp_path, settings, "--timeout", "2")
    try:
        wait_for(port)
        server = psutil.Process(proc.pid)  # the endpoint; its workers are its children

        def ask(q: bytes) -> int:
            request = query_request(port, q)
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    answer.read()
                    return answer.status
            except urllib.error.HTTPError as exc:
                return exc.code

        query = b"SELECT ?n WHERE { ?p a <http://schema.org/Person> ; <http://schema.org/name> ?n } LIMIT 20"
        for _ in range(200):  # warm up before measuring memory
            ask(query)
        rss_before = server.memory_info().rss
        start = time.monotonic()
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(lambda _: ask(query), range(3000)))
        elapsed = time.monotonic() - start
        rss_after = server.memory_info().rss
        assert statuses.count(200) == 3000
        assert rss_after - rss_before < 64 * 1024 * 1024
        # a query over its time limit is stopped with its worker process: 503
        slow = query_request(
            port, b"SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        )
        t0 = time.monotonic()
        assert ask(slow.data) == 503 and time.monotonic() - t0 < 10
        print(
            f"3000 requests in {elapsed:.1f} s, none failed; server RSS {rss_before >> 20} → {rss_after >> 20} MiB"
        )
    finally:
        proc.terminate()
        proc.wait(10)

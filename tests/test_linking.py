"""Wikidata reconciliation against a local Oxigraph server loaded with a small
Wikidata-shaped fixture (never the internet); the report of unlinked places."""

from __future__ import annotations

import subprocess

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL

from newskg.linking import place_link_report, reconcile_wikidata
from newskg.resolve import iri
from tests.helpers.servers import BINARY, free_port, wait_for

WD = "http://www.wikidata.org/entity/"
FIXTURE = f"""
@prefix wd: <{WD}> . @prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
wd:Q5 rdfs:label "human"@en . wd:Q43229 rdfs:label "organization"@en .
wd:Q1001 rdfs:label "Khaled Barakat"@en ; wdt:P31 wd:Q5 .
wd:Q1002 rdfs:label "Madrid"@en ; wdt:P31 wd:Q515 . wd:Q515 wdt:P279 wd:Q2221906 .
wd:Q1003 rdfs:label "Omar al-Sharif"@en ; wdt:P31 wd:Q5 .
wd:Q1004 rdfs:label "Omar al-Sharif"@en ; wdt:P31 wd:Q5 .
wd:Q1005 rdfs:label "Samidoun"@en ; wdt:P31 wd:Q163740 . wd:Q163740 wdt:P279 wd:Q43229 .
"""


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory):
    location = tmp_path_factory.mktemp("wd")
    fixture = location / "wd.ttl"
    fixture.write_text(FIXTURE)
    subprocess.run(
        [BINARY, "load", "--location", str(location / "db"), "--file", str(fixture)],
        check=True,
        capture_output=True,
    )
    port = free_port()
    proc = subprocess.Popen(
        [
            BINARY,
            "serve-read-only",
            "--location",
            str(location / "db"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        proc.terminate()
        proc.wait(10)


def test_reconcile_links_only_unambiguous_matches(wikidata, settings):
    from newskg import ingest_paths, open_store
    from tests.helpers import SAMPLE_DIR

    store = open_store("memory:")
    ingest_paths([SAMPLE_DIR], store, settings)
    results = {r.name: r for r in reconcile_wikidata(store, wikidata, settings=settings)}
    assert results["Khaled Barakat"].accepted == WD + "Q1001"
    assert results["Madrid"].accepted == WD + "Q1002"  # through a subclass of the type
    assert results["Samidoun"].accepted == WD + "Q1005"
    assert results["Omar al-Sharif"].accepted is None  # two items: ambiguous, not guessed
    assert len(results["Omar al-Sharif"].candidates) == 2
    assert results["Khaled Hamad"].candidates == []
    graph = store.graph(iri(settings.base_iri, "links/wikidata"))
    barakat = URIRef(iri(settings.base_iri, "person/khaled-barakat"))
    assert (barakat, OWL.sameAs, URIRef(WD + "Q1001")) in graph
    assert len(list(graph.subjects(OWL.sameAs, None))) == 3


def test_place_link_report(sample_store):
    report = dict(place_link_report(sample_store))
    assert "Palestine" in report and "West Bank" in report
    assert "Brussels" not in report and "Belgium" not in report

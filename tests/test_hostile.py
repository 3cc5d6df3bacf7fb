"""Hostile content, in one place: markup in names, headlines, quotes and outlets in every HTML
page (checked in headless Chromium), path traversal in article ids, and hostile RDF and
SPARQL. The detailed cases live beside their features, marked `hostile` like this module:
`pytest -m hostile` runs every one of them."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from newskg import ingest_paths, open_store
from newskg.cli import app
from newskg.graph import projection, write_network_page, write_timeline_page
from newskg.graph.projections import timeline_events
from tests.helpers import write

pytestmark = pytest.mark.hostile

XSS = "<img src=x onerror=alert(1)>"
CHROMIUM = shutil.which("chromium")

HOSTILE_TTL = f"""
@prefix schema: <http://schema.org/> . @prefix nkg: <https://w3id.org/newskg/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
<http://example.org/p> a schema:Person ; schema:name {json.dumps(XSS)} .
<http://example.org/e> a schema:Event ; schema:name "</script><script>alert(2)</script>" ;
   nkg:eventType <https://w3id.org/newskg/vocab/event-type/protest> ; schema:startDate "2024-01-02" ;
   nkg:evidence <http://example.org/s> .
<http://example.org/part> a nkg:Participation ; nkg:event <http://example.org/e> ; nkg:agent <http://example.org/p> ;
   nkg:participantRole <https://w3id.org/newskg/vocab/participant-role/speaker> ; nkg:evidence <http://example.org/s> .
<http://example.org/s> oa:hasSource <http://example.org/a> ; oa:hasSelector <http://example.org/q> .
<http://example.org/q> oa:exact {json.dumps("He said " + XSS)} .
<http://example.org/a> schema:identifier "hostile" ; schema:headline {json.dumps("<b>" + XSS + "</b>")} ;
   schema:publisher [ schema:name "<i>Outlet</i>" ] .
"""


@pytest.fixture
def hostile_store(tmp_path, settings):
    # hostile data as if it had got into the store by any route (imports now refuse
    # data that looks like article evidence): the pages must still show it as text
    from rdflib import Graph

    store = open_store("memory:")
    graph = Graph().parse(data=HOSTILE_TTL, format="turtle")
    store.replace_graph("http://example.org/hostile-graph", graph.serialize(format="nt"))
    return store


@pytest.mark.skipif(
    CHROMIUM is None, reason="Debian chromium is not installed (make test installs it)"
)
def test_every_html_page_keeps_markup_as_text(hostile_store, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    pages = [
        write_network_page(projection(hostile_store, "full"), tmp_path / "network.html", title=XSS),
        write_timeline_page(timeline_events(hostile_store), tmp_path / "timeline.html", title=XSS),
    ]
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for page_path in pages:
            context = browser.new_context(offline=True)
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss()))
            page.goto(page_path.as_uri())
            page.wait_for_timeout(1500)
            assert dialogs == [], page_path.name
            assert page.locator("img").count() == 0, page_path.name
            assert XSS in page.title()
        browser.close()


def test_article_ids_cannot_escape_the_output_folder(tmp_path, settings):
    write(tmp_path / "in" / "evil.json", json.dumps({"id": "../../etc/passwd", "text": "x"}))
    report = ingest_paths([tmp_path / "in"], open_store("memory:"), settings)
    assert "invalid article id" in report.failed[0][1]
    out = tmp_path / "digests"
    result = CliRunner().invoke(
        app, ["digest", "../../escape", "--out", str(out), "--store", "memory:"]
    )
    assert result.exit_code == 1 and "invalid article id" in result.output
    assert not (tmp_path / "escape.yaml").exists() and not any(tmp_path.parent.glob("escape*"))

"""An article graph's N-Triples, written from the mapping's rdflib terms: every literal and
node reads back as the same term, one sorted line per triple; a term that cannot be written
fails its article with a one-line error."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from newskg import pipeline
from newskg.errors import NewskgError
from newskg.model import Article, Extraction
from newskg.rdf.terms import ntriples, ntriples_of, oxigraph_triples

EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
S = URIRef(EX + "s")
TRIPLES = {
    (S, URIRef(EX + "quote"), Literal('She said "no" \\ twice')),
    (S, URIRef(EX + "lines"), Literal("first line\nsecond\r\nthird\tcolumn")),
    (S, URIRef(EX + "control"), Literal("bell\x07 and \x1b escape")),
    (S, URIRef(EX + "accents"), Literal("Zoë Ångström in Kraków – 東京")),
    (S, URIRef(EX + "lang"), Literal("Bonjour", lang="fr")),
    (S, URIRef(EX + "count"), Literal(12, datatype=URIRef(XSD + "integer"))),
    (S, URIRef(EX + "typed-string"), Literal("plain", datatype=URIRef(XSD + "string"))),
    (S, URIRef(EX + "blank"), BNode("b1")),
    (BNode("b1"), URIRef(EX + "date"), Literal("2024-05-01", datatype=URIRef(XSD + "date"))),
    (S, URIRef(EX + "iri"), URIRef(EX + "caf%C3%A9?q=1#frag")),
}


def test_every_term_reads_back_as_written_one_sorted_line_per_triple():
    text = ntriples_of(TRIPLES)
    lines = text.splitlines(keepends=True)
    assert len(lines) == len(TRIPLES) and lines == sorted(lines)
    read = Graph().parse(data=text, format="nt")  # rdflib's reader, not the writer's engine
    # RDF 1.1: a string typed xsd:string is the simple literal, which is how it reads back
    expected = Graph()
    for s, p, o in TRIPLES:
        expected.add((s, p, Literal(str(o)) if p == URIRef(EX + "typed-string") else o))
    assert isomorphic(read, expected)
    # the text the engine's serializer gave before: stored graphs keep the same lines
    assert text == ntriples(oxigraph_triples(TRIPLES))


def test_an_article_graph_with_a_term_that_cannot_be_written_fails_that_article(
    monkeypatch, settings
):
    bad = {(URIRef(EX + "has space"), URIRef(EX + "p"), Literal("x"))}
    monkeypatch.setattr(pipeline, "article_triples", lambda *_args: bad)
    extraction = Extraction(article=Article(id="a1", text="Text."), model=settings.model)
    with pytest.raises(NewskgError, match="cannot be written as RDF") as raised:
        pipeline.extraction_graph(extraction, settings)
    assert "\n" not in str(raised.value)

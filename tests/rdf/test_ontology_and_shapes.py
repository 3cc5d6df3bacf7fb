"""The ontology declares every term the data uses; the SKOS schemes match FORMAT.md;
the shapes accept the sample graph and reject malformed ones."""

from __future__ import annotations

import re

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDFS, SKOS

from newskg.rdf.namespaces import NKG, NKV, OA, SCHEMA
from newskg.rdf.ontology import ontology_graph
from newskg.rdf.validate import validate_graph
from newskg.resolve import article_iri
from tests.conftest import GOLD_DIR

FORMAT = (GOLD_DIR / "FORMAT.md").read_text(encoding="utf-8")


def _format_list(heading: str) -> list[str]:
    """A comma-separated list that FORMAT.md gives after a heading like 'Event types:'."""
    match = re.search(heading + r":\s*(.+?)\.\n", FORMAT, re.S)
    assert match, heading
    listed = re.sub(r"\([^)]*\)", "", match.group(1).replace("\n", " "))
    return [w.strip() for w in listed.split(",")]


def _scheme_notations(scheme: str) -> set[str]:
    g = ontology_graph()
    return {
        str(n) for c in g.subjects(SKOS.inScheme, NKV[scheme]) for n in g.objects(c, SKOS.notation)
    }


def test_skos_schemes_have_exactly_the_format_names():
    assert _scheme_notations("event-type") == set(_format_list("Event types"))
    assert _scheme_notations("quantity-qualifier") == set(_format_list("Quantity qualifiers"))
    assert _scheme_notations("relation") == set(_format_list("Relations"))
    assert _scheme_notations("participant-role") == set(_format_list("Participant roles"))


def test_every_term_in_the_sample_graph_is_declared(sample_store):
    onto = ontology_graph()
    declared = set(onto.subjects(RDF.type, None))
    used_predicates, used_classes = set(), set()
    for graph_iri in sample_store.named_graphs():
        g = sample_store.graph(graph_iri)
        used_predicates |= set(g.predicates())
        used_classes |= set(g.objects(None, RDF.type))
    used_predicates.discard(RDF.type)
    missing = sorted(str(t) for t in (used_predicates | used_classes) - declared)
    assert not missing
    # own terms carry documentation
    for term in used_predicates | used_classes:
        if str(term).startswith(str(NKG)):
            assert onto.value(term, RDFS.label) is not None, term
            assert (term, RDF.type, OWL.Class) in onto or onto.value(term, RDF.type) is not None


def test_sample_graph_conforms(sample_store):
    for graph_iri in sample_store.named_graphs():
        result = validate_graph(sample_store.graph(graph_iri))
        assert result.conforms, result.problems


def test_malformed_graphs_are_rejected(sample_store, settings):
    graph_iri = article_iri(settings.base_iri, "brussels-prisoners-conference")
    good = sample_store.graph(graph_iri)
    mention = next(good.subjects(RDF.type, NKG.Mention))

    no_entity = Graph()
    no_entity += good
    no_entity.remove((mention, NKG.refersTo, None))
    result = validate_graph(no_entity)
    assert not result.conforms
    assert any("refersTo" in p for p in result.problems)

    bad_offsets = Graph()
    bad_offsets += good
    selector = next(
        s
        for s in good.objects(mention, OA.hasSelector)
        if (s, RDF.type, OA.TextPositionSelector) in good
    )
    bad_offsets.set((selector, OA.start, Literal("seven")))
    assert not validate_graph(bad_offsets).conforms

    nameless = Graph()
    nameless += good
    nameless.add((URIRef("https://example.org/p/x"), RDF.type, SCHEMA.Person))
    assert not validate_graph(nameless).conforms


def test_pipeline_refuses_nonconforming_graph(tmp_path, settings, monkeypatch, store):
    from newskg import ingest_paths
    from newskg.rdf import mapping

    real = mapping.article_graph

    def broken(*args, **kwargs):
        g = real(*args, **kwargs)
        for node in list(g.subjects(RDF.type, SCHEMA.NewsArticle)):
            g.remove((node, SCHEMA.identifier, None))
        return g

    monkeypatch.setattr("newskg.pipeline.article_graph", broken)
    (tmp_path / "a.txt").write_text("The mayor of Lyon, Anne Dupont, opened the fair.")
    report = ingest_paths([tmp_path], store, settings)
    assert not report.ingested
    assert "does not conform" in report.failed[0][1]
    assert len(store) == 0

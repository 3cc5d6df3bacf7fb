"""The ontology declares every term the data uses; the SKOS schemes match FORMAT.md;
the shapes accept the sample graph and reject malformed ones."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDFS, SKOS

from newskg.errors import NewskgError
from newskg.rdf.namespaces import NKG, NKV, OA, ORG, SCHEMA
from newskg.rdf.ontology import ontology_graph
from newskg.rdf.validate import validate_graph
from newskg.resolve import article_iri
from tests.helpers import ROOT

FORMAT = (ROOT / "docs" / "FORMAT.md").read_text(encoding="utf-8")


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
    g = ontology_graph()
    types = {c for c in g.subjects(SKOS.inScheme, NKV["event-type"])}
    coarse = {str(g.value(c, SKOS.notation)) for c in types if g.value(c, SKOS.broader) is None}
    assert coarse == set(_format_list("Event types"))
    # every finer type narrows, step by step, a type of FORMAT.md
    for c in types:
        node = c
        while g.value(node, SKOS.broader) is not None:
            node = g.value(node, SKOS.broader)
            assert node in types, c
        assert str(g.value(node, SKOS.notation)) in coarse, c
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


ENGINES = pytest.mark.parametrize("engine", ["turbo", "pyshacl"])


@ENGINES
def test_sample_graph_conforms(sample_store, engine):
    for graph_iri in sample_store.named_graphs():
        result = validate_graph(sample_store.graph(graph_iri), engine)
        assert result.conforms, result.problems


def _breakages(good: Graph) -> dict[str, Graph]:
    """One broken copy of a good article graph per kind of constraint the shapes use."""
    mention = next(good.subjects(RDF.type, NKG.Mention))
    article = next(good.subjects(RDF.type, SCHEMA.NewsArticle))
    position = next(good.subjects(RDF.type, OA.TextPositionSelector))
    quantity = next(good.subjects(RDF.type, NKG.QuantityClaim))
    membership = next(good.subjects(RDF.type, ORG.Membership))

    def copy(change) -> Graph:
        g = Graph()
        g += good
        change(g)
        return g

    return {
        "minCount": copy(lambda g: g.remove((mention, NKG.refersTo, None))),
        "maxCount": copy(lambda g: g.add((article, SCHEMA.articleBody, Literal("second body")))),
        "datatype": copy(lambda g: g.set((position, OA.start, Literal("seven")))),
        "minInclusive": copy(lambda g: g.set((position, OA.start, Literal(-3)))),
        "lessThan": copy(lambda g: g.set((position, OA.start, Literal(10**9)))),
        "pattern": copy(lambda g: g.set((article, SCHEMA.identifier, Literal("../etc")))),
        "or": copy(lambda g: g.set((quantity, SCHEMA.value, Literal("many")))),
        "class": copy(lambda g: g.set((membership, ORG.member, URIRef("https://example.org/x")))),
        "nodeKind": copy(lambda g: g.set((mention, OA.hasSelector, Literal("s")))),
        "minLength": copy(
            lambda g: (
                g.add((URIRef("https://example.org/p"), RDF.type, SCHEMA.Person))
                or g.add((URIRef("https://example.org/p"), SCHEMA.name, Literal("")))
            )
        ),
        "nested property": copy(
            lambda g: g.remove((g.value(mention, NKG.refersTo), SCHEMA.name, None))
        ),
    }


@ENGINES
def test_malformed_graphs_are_rejected(sample_store, settings, engine):
    good = sample_store.graph(article_iri(settings.base_iri, "brussels-prisoners-conference"))
    for kind, broken in _breakages(good).items():
        result = validate_graph(broken, engine)
        assert not result.conforms, kind
        assert result.problems, kind
    refers = validate_graph(_breakages(good)["minCount"], engine)
    assert any("refersTo" in p for p in refers.problems)


def test_engines_agree_on_every_breakage(sample_store, settings):
    """The fast engine is trusted because it finds the same focus nodes and paths as the
    reference implementation on each kind of breakage."""
    good = sample_store.graph(article_iri(settings.base_iri, "brussels-prisoners-conference"))

    def located(problems):
        return sorted(p.split(": ", 1)[0] for p in problems)

    for kind, broken in _breakages(good).items():
        turbo, reference = validate_graph(broken, "turbo"), validate_graph(broken, "pyshacl")
        assert located(turbo.problems) == located(reference.problems), kind


def test_unknown_engine_is_a_clear_error(sample_store):
    with pytest.raises(NewskgError, match="unknown SHACL engine 'jena'"):
        validate_graph(Graph(), "jena")


@ENGINES
def test_pipeline_refuses_nonconforming_graph(tmp_path, settings, monkeypatch, store, engine):
    from newskg import ingest_paths
    from newskg.rdf import mapping

    real = mapping.article_triples

    def broken(*args, **kwargs):
        return {t for t in real(*args, **kwargs) if t[1] != SCHEMA.identifier}

    monkeypatch.setattr("newskg.pipeline.article_triples", broken)
    (tmp_path / "a.txt").write_text("The mayor of Lyon, Anne Dupont, opened the fair.")
    report = ingest_paths([tmp_path], store, replace(settings, shacl_engine=engine))
    assert not report.ingested
    assert "does not conform" in report.failed[0][1]
    assert "schema:identifier" in report.failed[0][1]
    assert len(store) == 0

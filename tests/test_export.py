"""The demo's exports load elsewhere and carry the articles, entities and exact spans."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from newskg.export import export
from newskg.rdf.namespaces import sparql_prologue

MENTIONS = (
    sparql_prologue()
    + """
SELECT ?article ?body ?name ?start ?end ?exact WHERE {
  ?m a nkg:Mention ; nkg:refersTo ?e ; oa:hasSource ?article ;
     oa:hasSelector ?position, ?quote .
  ?position oa:start ?start ; oa:end ?end .
  ?quote oa:exact ?exact .
  ?e schema:name ?name .
  ?article schema:articleBody ?body .
}
"""
)


@pytest.fixture(scope="module")
def turtle(gold_store, tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "newskg.ttl"
    export(gold_store, "turtle", path)
    return path


def test_turtle_loads_in_rdflib_and_oxigraph(turtle, gold_store):
    g = Graph().parse(turtle, format="turtle")
    store = ox.Store()
    store.load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    assert len(g) == len(store) > 1000
    # the merged view has each triple once; the store holds the same triples per graph
    union = {(s, p, o) for s, p, o, _g in gold_store._store}  # noqa: SLF001
    assert len(g) == len(union)


def test_turtle_has_articles_with_metadata(turtle):
    g = Graph().parse(turtle, format="turtle")
    rows = {
        str(r.id): r
        for r in g.query(
            sparql_prologue()
            + """
            SELECT ?id ?headline ?outlet ?author ?date WHERE {
              ?a a schema:NewsArticle ; schema:identifier ?id ; schema:datePublished ?date ;
                 schema:publisher/schema:name ?outlet .
              OPTIONAL { ?a schema:headline ?headline }
              OPTIONAL { ?a schema:author/schema:name ?author }
            }"""
        )
    }
    # metadata as the gold digests give it
    brussels = rows["brussels-prisoners-conference"]
    assert str(brussels.outlet) == "alorobiya" and str(brussels.author) == "aseel mansor"
    assert str(brussels.date) == "2025-05"
    assert str(brussels.headline).startswith("The European Alliance")
    assert str(rows["madrid-prisoners-discussion"].outlet) == "Samidoun"


def test_mentions_point_at_their_exact_text(turtle):
    g = Graph().parse(turtle, format="turtle")
    rows = list(g.query(MENTIONS))
    assert len(rows) > 50
    for row in rows:
        body = str(row.body)
        assert body[int(row.start) : int(row.end)] == str(row.exact)


def test_people_organizations_places_have_mentions(turtle):
    g = Graph().parse(turtle, format="turtle")
    names = {
        str(r.name): str(r.cls).rsplit("/", 1)[-1]
        for r in g.query(
            sparql_prologue()
            + """
            SELECT DISTINCT ?name ?cls WHERE {
              VALUES ?cls { schema:Person schema:Organization schema:Place }
              ?e a ?cls ; schema:name ?name . ?m nkg:refersTo ?e .
            }"""
        )
    }
    # a few names the gold digests list, each found by the model with a mention
    assert names.get("Khaled Hamad") == "Person"
    assert names.get("Palestinian Prisoners Club") == "Organization"
    assert names.get("Madrid") == "Place"


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_quad_formats_keep_named_graphs(gold_store, fmt):
    data = export(gold_store, fmt)
    ds = Dataset()
    ds.parse(data=data, format={"trig": "trig", "nquads": "nquads"}[fmt])
    graphs = {str(c.identifier) for c in ds.contexts() if len(c)}
    assert set(gold_store.named_graphs()) <= graphs


def test_jsonld_export_parses(gold_store):
    data = export(gold_store, "jsonld")
    g = Graph().parse(data=data, format="json-ld")
    assert len(g) > 1000


def test_export_with_vocabularies_labels_every_concept_it_uses(gold_store, tmp_path):
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    plain = Graph().parse(data=export(gold_store, "turtle"), format="turtle")
    used = {
        o
        for o in plain.objects()
        if isinstance(o, URIRef) and str(o).startswith("https://w3id.org/newskg/vocab/")
    }
    assert used and not any(plain.value(c, SKOS.prefLabel) for c in used)
    labelled = Graph().parse(data=export(gold_store, "turtle", vocabularies=True), format="turtle")
    assert all(labelled.value(c, SKOS.prefLabel) is not None for c in used)
    assert all(labelled.value(c, SKOS.inScheme) is not None for c in used)


@pytest.mark.parametrize("format", ["trig", "nquads"])
def test_export_then_load_answers_every_library_query_the_same(sample_store, tmp_path, format):
    from typer.testing import CliRunner

    from newskg import open_store
    from newskg.cli import app
    from newskg.query import library, run_query

    dump = tmp_path / f"all.{'nq' if format == 'nquads' else 'trig'}"
    export(sample_store, format, dump)
    location = f"oxigraph:{tmp_path / 'fresh'}"
    result = CliRunner().invoke(app, ["load", str(dump), "--store", location])
    assert result.exit_code == 0, result.output
    fresh = open_store(location)

    def cell(value) -> str:  # GROUP_CONCAT lists come in storage order: compare as sets
        return "; ".join(sorted(str(value).split("; ")))

    def key(rows) -> list:
        return sorted(sorted((k, cell(v)) for k, v in row.items()) for row in rows)

    for name, query in library().items():
        expected = run_query(sample_store, query.text, query.bindings({}))
        got = run_query(fresh, query.text, query.bindings({}))
        assert key(got.rows) == key(expected.rows), name


def test_load_refuses_a_merged_view_with_a_clear_line(sample_store, tmp_path):
    from typer.testing import CliRunner

    from newskg.cli import app

    merged = tmp_path / "all.ttl"
    export(sample_store, "turtle", merged)
    result = CliRunner().invoke(app, ["load", str(merged), "--store", f"oxigraph:{tmp_path / 's'}"])
    assert result.exit_code == 1 and "merged view" in result.output

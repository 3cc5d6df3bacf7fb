"""Exports any RDF store can load, checked imports, and links to outside identifiers."""

from __future__ import annotations

import re
import time

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF

from newskg.errors import InputError
from newskg.export import export
from newskg.extract.gazetteer import link_problem
from newskg.rdf.importer import import_file
from newskg.rdf.namespaces import SCHEMA
from newskg.rdf.ontology import ontology_graph
from newskg.rdf.terms import to_rdflib
from newskg.rdf.validate import validate_graph
from tests.helpers import write

STANDARD = (
    "http://schema.org/",
    "http://www.w3.org/ns/org#",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/ns/oa#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
    "http://rdfs.org/ns/void#",
    "http://www.w3.org/ns/dcat#",
    "http://purl.org/dc/terms/",
    "http://xmlns.com/foaf/0.1/",
)
RDFLIB = {
    "turtle": "turtle",
    "ntriples": "nt",
    "jsonld": "json-ld",
    "trig": "trig",
    "nquads": "nquads",
}
OX = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}


def source_triples(store):
    return {
        (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in store._store
    }  # noqa: SLF001


def source_quads(store):
    return {
        (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), to_rdflib(q.graph_name))
        for q in store._store
    }  # noqa: SLF001


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld", "trig", "nquads"])
def test_round_trip_into_oxigraph_and_rdflib(gold_store, fmt):
    data = export(gold_store, fmt)
    fresh = ox.Store()
    fresh.load(data, format=OX[fmt])
    if fmt in ("trig", "nquads"):
        expected = source_quads(gold_store)
        assert {
            (
                to_rdflib(q.subject),
                to_rdflib(q.predicate),
                to_rdflib(q.object),
                to_rdflib(q.graph_name),
            )
            for q in fresh
        } == expected
        ds = Dataset()
        ds.parse(data=data, format=RDFLIB[fmt])
        assert {
            (s, p, o, g)
            for s, p, o, g in ds.quads((None, None, None, None))
            if g != ds.default_graph.identifier
        } == {(s, p, o, g) for s, p, o, g in expected}
    else:
        expected = source_triples(gold_store)
        assert {
            (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in fresh
        } == expected
        assert set(Graph().parse(data=data, format=RDFLIB[fmt])) == expected


def test_exports_are_stable(gold_store):
    for fmt in ("turtle", "nquads", "jsonld"):
        assert export(gold_store, fmt) == export(gold_store, fmt)


def test_turtle_conforms_declares_prefixes_and_uses_known_terms(gold_store):
    text = export(gold_store, "turtle").decode()
    declared = set(re.findall(r"@prefix\s+([\w-]*):", text))
    used = set(re.findall(r"(?<![\w<\"/#])([a-z][\w-]*):(?=[A-Za-z])", text))
    assert used <= declared | {"http", "https", "file", "urn", "mailto"}
    g = Graph().parse(data=text, format="turtle")
    assert validate_graph(g).conforms
    onto = ontology_graph()
    declared_terms = set(onto.subjects())
    terms = set(g.predicates()) | set(g.objects(None, RDF.type))
    unknown = {t for t in terms if t not in declared_terms and not str(t).startswith(STANDARD)}
    assert not unknown


def test_dataset_description(gold_store):
    g = Graph().parse(data=export(gold_store, "turtle", describe=True), format="turtle")
    void = "http://rdfs.org/ns/void#"
    dataset = next(g.subjects(RDF.type, URIRef(void + "Dataset")))
    assert int(g.value(dataset, URIRef(void + "documents"))) == 2
    assert int(g.value(dataset, URIRef(void + "triples"))) == len(gold_store)
    assert len(list(g.objects(dataset, URIRef(void + "classPartition")))) > 5


def test_one_article_export(gold_store):
    g = Graph().parse(
        data=export(gold_store, "turtle", article="madrid-prisoners-discussion"), format="turtle"
    )
    names = {str(o) for o in g.objects(None, SCHEMA.name)}
    assert "Khaled Barakat" in names and "Khaled Hamad" not in names


def test_places_link_to_geonames_and_iso(gold_store):
    g = Graph().parse(data=export(gold_store, "turtle"), format="turtle")
    by_name = {
        str(n): s for s, n in g.subject_objects(SCHEMA.name) if (s, RDF.type, SCHEMA.Place) in g
    }
    for city in ("Brussels", "Madrid", "Nablus"):
        links = [str(o) for o in g.objects(by_name[city], OWL.sameAs)]
        assert any(link.startswith("https://sws.geonames.org/") for link in links), city
        assert g.value(by_name[city], SCHEMA.geo) is not None
    assert str(g.value(by_name["Belgium"], SCHEMA.addressCountry)) == "BE"
    assert str(g.value(by_name["Spain"], SCHEMA.addressCountry)) == "ES"
    # a name GeoNames knows only as a small town elsewhere is reported, not guessed
    assert not list(g.objects(by_name["Palestine"], OWL.sameAs))
    assert link_problem("Palestine")


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
<rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p></rdf:Description></rdf:RDF>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
<rdf:Description rdf:about="http://example.org/a"><ex:p>&xxe;</ex:p></rdf:Description></rdf:RDF>"""
REMOTE = (
    '{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "http://example.org/a", "name": "x"}'
)
NESTED_REMOTE = (
    '{"@graph": [{"@context": ["http://127.0.0.1:9/c.jsonld"], "@id": "http://example.org/a"}]}'
)
# the same bomb pushed past the first 64 KiB by a comment (a scan of the file's start missed it)
LATE_BOMB = '<?xml version="1.0"?>\n<!-- ' + "x" * 70_000 + " -->\n" + BOMB.split("\n", 1)[1]
BROKEN = '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "unterminated .\n'


@pytest.mark.hostile
@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("bomb.rdf", BOMB, "DOCTYPE or entity"),
        ("external.rdf", EXTERNAL, "DOCTYPE or entity"),
        ("late-bomb.rdf", LATE_BOMB, "DOCTYPE or entity"),
        (
            "late-bomb-utf16.rdf",
            LATE_BOMB.replace('"1.0"?>', '"1.0" encoding="utf-16"?>').encode("utf-16"),
            "DOCTYPE or entity",
        ),
        ("remote.jsonld", REMOTE, "remote context"),
        ("nested.jsonld", NESTED_REMOTE, "remote context"),
        ("broken.ttl", BROKEN, "line 3"),
    ],
)
def test_bad_imports_are_refused_quickly_and_change_nothing(
    tmp_path, store, name, content, problem
):
    path = write(tmp_path / name, content)
    before = len(store)
    start = time.perf_counter()
    with pytest.raises(InputError, match=problem):
        import_file(store, path)
    assert time.perf_counter() - start < 1.0
    assert len(store) == before


def test_import_into_its_own_graph_and_strict(tmp_path, store):
    good = write(
        tmp_path / "people.ttl",
        "@prefix schema: <http://schema.org/> .\n"
        '<http://example.org/p1> a schema:Person ; schema:name "Ines Moreau" .\n',
    )
    report = import_file(store, good)
    assert report.triples == 2 and report.problems == []
    assert report.graph in store.named_graphs()
    nameless = write(
        tmp_path / "nameless.ttl",
        "@prefix schema: <http://schema.org/> .\n<http://example.org/p2> a schema:Person .\n",
    )
    with pytest.raises(InputError, match="does not conform"):
        import_file(store, nameless)  # refused by default …
    forced = import_file(store, nameless, force=True)  # … or imported and marked
    assert forced.problems
    marks = store.select(
        "PREFIX nkg: <https://w3id.org/newskg/ontology#> "
        "SELECT ?why WHERE { GRAPH ?g { ?g a nkg:ImportedGraph ; nkg:importedDespite ?why } }"
    )
    assert len(marks) == len(forced.problems)


def test_imports_cannot_pass_for_article_evidence(tmp_path, gold_store, settings):
    """A file naming an ingested article, forging a membership of one of newskg's people,
    or declaring mentions is refused; links to other identifiers are welcome."""
    article = "https://w3id.org/newskg/id/article/madrid-prisoners-discussion"
    person = "https://w3id.org/newskg/id/person/khaled-barakat"
    before = len(gold_store)
    forgeries = {
        "headline.ttl": f'<{article}> <http://schema.org/headline> "Official report" .',
        "membership.ttl": (
            f"<http://example.org/m> a <http://www.w3.org/ns/org#Membership> ; "
            f"<http://www.w3.org/ns/org#member> <{person}> .\n"
            f'<{person}> <http://schema.org/jobTitle> "Minister" .'
        ),
        "mention.ttl": ("<http://example.org/x> a <https://w3id.org/newskg/ontology#Mention> ."),
    }
    for name, text in forgeries.items():
        with pytest.raises(InputError, match="refused"):
            import_file(gold_store, write(tmp_path / name, text), settings=settings)
    assert len(gold_store) == before
    link = write(
        tmp_path / "links.ttl",
        f"<{person}> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q1> .",
    )
    assert import_file(gold_store, link, settings=settings).triples == 1


def test_ontology_docs_list_own_terms_and_vocabularies(tmp_path):
    from newskg.rdf.docs import render_ontology_docs

    text = render_ontology_docs(tmp_path / "ontology.html").read_text()
    for term in ("nkg:Participation", "nkg:QuantityClaim", "nkg:evidence", "schema:Person"):
        assert f"<code>{term}</code>" in text
    for notation in ("more_than", "facilitator", "educated_at", "conference"):
        assert f"<code>{notation}</code>" in text


def test_imports_are_listed_and_removed(tmp_path):
    from typer.testing import CliRunner

    from newskg.cli import app

    runner = CliRunner()
    location = f"oxigraph:{tmp_path / 'store'}"
    links = write(
        tmp_path / "links.ttl",
        "<http://example.org/a> <http://www.w3.org/2002/07/owl#sameAs> <http://example.org/b> .",
    )
    assert runner.invoke(app, ["import", str(links), "--store", location]).exit_code == 0
    listed = runner.invoke(app, ["import", "--list", "--store", location])
    assert "import/links" in listed.output and "links.ttl" in listed.output
    removed = runner.invoke(app, ["remove", "import/links", "--store", location])
    assert removed.exit_code == 0, removed.output
    assert (
        "import/links" not in runner.invoke(app, ["import", "--list", "--store", location]).output
    )


def test_an_import_name_is_not_overwritten_by_accident(tmp_path, store):
    """Two files called links.ttl from different folders: the second is refused unless it
    gets a name of its own (--graph) or is meant to replace the first (--replace)."""
    first = write(
        tmp_path / "a" / "links.ttl",
        "<http://example.org/a> <http://www.w3.org/2002/07/owl#sameAs> <http://example.org/b> .",
    )
    second = write(
        tmp_path / "b" / "links.ttl",
        "<http://example.org/c> <http://www.w3.org/2002/07/owl#sameAs> <http://example.org/d> .",
    )
    import_file(store, first)
    before = len(store)
    with pytest.raises(InputError, match="taken by an earlier import.*--graph"):
        import_file(store, second)
    assert len(store) == before
    other = import_file(store, second, graph="more-links")
    assert other.graph.endswith("/import/more-links")
    replaced = import_file(store, second, replace=True)
    assert replaced.graph.endswith("/import/links")
    subjects = {str(r["s"]) for r in store.select("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert "http://example.org/a" not in subjects and "http://example.org/c" in subjects


def test_a_trig_import_keeps_its_graphs(tmp_path, store):
    from newskg.rdf.importer import imported_graphs, remove_import

    trig = write(
        tmp_path / "sources.trig",
        "<http://example.org/g1> { <http://example.org/a> "
        "<http://www.w3.org/2002/07/owl#sameAs> <http://example.org/b> . }\n"
        "<http://example.org/g2> { <http://example.org/c> "
        "<http://www.w3.org/2002/07/owl#sameAs> <http://example.org/d> . }\n",
    )
    report = import_file(store, trig)
    assert report.triples == 2
    graphs = [g for g in store.named_graphs() if "/import/sources/" in g]
    assert len(graphs) == 2 and any(g.split("/")[-1].startswith("g1-") for g in graphs)
    for graph in graphs:  # each source graph on its own: a and c never share one
        inside = {str(s) for s, _, _ in store.graph(graph)}
        assert len(inside & {"http://example.org/a", "http://example.org/c"}) == 1
    assert {g["name"].split("/")[0] for g in imported_graphs(store)} == {"sources"}
    assert remove_import(store, "sources") == 2
    assert not [g for g in store.named_graphs() if "/import/" in g]


def test_jsonld_sameas_means_what_schema_org_readers_expect(gold_store):
    """The short term sameAs is schema.org's; owl:sameAs stays spelled out, so a reader who
    compacts with schema.org's own context does not merge the two."""
    import json

    data = json.loads(export(gold_store, "jsonld"))
    assert data["@context"]["sameAs"]["@id"] == "schema:sameAs"
    text = json.dumps(data)
    assert '"sameAs"' in text and '"owl:sameAs"' in text


def test_exports_are_the_same_from_another_process(gold_store, tmp_path):
    """Byte-identical exports across runs, not only within one: the graph, loaded by another
    interpreter (another hash seed, another set order), is exported to the same bytes."""
    import os
    import subprocess
    import sys

    dump = tmp_path / "gold.nq"
    dump.write_bytes(export(gold_store, "nquads"))
    location = f"oxigraph:{tmp_path / 'store'}"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}

    def newskg(*args: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "newskg.cli", *args], env=env, check=True, capture_output=True
        )

    newskg("load", str(dump), "--store", location)
    # load also computes the cross-article graph, as ingest does: so does the reference
    from newskg import open_store
    from newskg.reports import link_reports

    reference = open_store("memory:")
    reference._store.load(dump.read_bytes(), format=ox.RdfFormat.N_QUADS)
    link_reports(reference)
    for fmt, suffix in (("turtle", "ttl"), ("nquads", "nq"), ("jsonld", "jsonld")):
        out = tmp_path / f"again.{suffix}"
        newskg("export", "--format", fmt, "--out", str(out), "--store", location)
        assert out.read_bytes() == export(reference, fmt), fmt
    # one article with the vocabularies: the path that assembles the graphs in rdflib
    article = "madrid-prisoners-discussion"
    for fmt in ("trig", "turtle", "jsonld"):
        out = tmp_path / f"article.{fmt}"
        newskg(
            "export",
            "--format",
            fmt,
            "--article",
            article,
            "--with-vocabularies",
            "--out",
            str(out),
            "--store",
            location,
        )
        expected = export(gold_store, fmt, article=article, vocabularies=True)
        assert out.read_bytes() == expected, fmt

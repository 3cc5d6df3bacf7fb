"""Serializations of the store: Turtle, N-Triples and JSON-LD give the merged view, TriG and
N-Quads keep each article's named graph; a VoID/DCAT description of the dataset can ride
along. JSON-LD uses the context shipped in ontology/context.jsonld, embedded in the file, so
no remote context is ever needed to read it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from newskg.errors import NewskgError
from newskg.rdf.formats import EXPORT_FORMATS, serialize_sorted
from newskg.rdf.namespaces import DCTERMS, VOID, bind_prefixes
from newskg.rdf.terms import oxigraph_triples
from newskg.resolve import article_iri, iri
from newskg.resources import internal_query, ontology_dir
from newskg.settings import Settings
from newskg.store.base import Store

FORMATS = {name: f.suffix for name, f in EXPORT_FORMATS.items()}  # name → file suffix
VOCABULARIES = [
    "http://schema.org/",
    "http://www.w3.org/ns/org#",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/ns/oa#",
    "http://www.w3.org/2004/02/skos/core#",
    "https://w3id.org/newskg/ontology#",
]

_CLASS_COUNTS = internal_query("export-class-counts")
_ARTICLES = internal_query("export-articles")


def jsonld_context() -> dict:
    return json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]


def dataset_description(
    store: Store,
    settings: Settings | None = None,
    endpoint: str | None = None,
    license: str | None = None,
) -> tuple[str, Graph]:
    """A VoID/DCAT description: title, time, software, size, entities per class, vocabularies."""
    from newskg import __version__

    settings = settings or Settings()
    name = iri(settings.base_iri, "dataset")
    d = URIRef(name)
    g = Graph()
    bind_prefixes(g)
    g.bind("void", str(VOID))
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, RDF.type, URIRef("http://www.w3.org/ns/dcat#Dataset")))
    g.add((d, DCTERMS.title, Literal("newskg knowledge graph of news articles")))
    g.add((d, DCTERMS.created, Literal(dt.datetime.now(dt.UTC).replace(microsecond=0))))
    g.add((d, DCTERMS.creator, Literal(f"newskg {__version__}")))
    g.add((d, VOID.triples, Literal(len(store), datatype=XSD.integer)))
    articles = store.select(_ARTICLES).rows
    g.add(
        (
            d,
            VOID.documents,
            Literal(int(str(articles[0]["n"])) if articles else 0, datatype=XSD.integer),
        )
    )
    for i, row in enumerate(store.select(_CLASS_COUNTS).rows):
        part = URIRef(f"{name}/class/{i}")
        g.add((d, VOID.classPartition, part))
        g.add((part, VOID["class"], row["class"]))
        g.add((part, VOID.entities, Literal(int(str(row["n"])), datatype=XSD.integer)))
    for vocabulary in VOCABULARIES:
        g.add((d, VOID.vocabulary, URIRef(vocabulary)))
    chosen_license = license or settings.license
    if chosen_license:
        g.add((d, DCTERMS.license, URIRef(chosen_license)))
    if endpoint:
        g.add((d, VOID.sparqlEndpoint, URIRef(endpoint)))
    return name, g


def export(
    store: Store,
    format: str,
    out: str | Path | None = None,
    include_inferred: bool = False,
    article: str | None = None,
    describe: bool = False,
    settings: Settings | None = None,
    vocabularies: bool = False,
) -> bytes:
    """Serialize the store (or one article's graph); writes `out` when given. The graph
    written by `newskg infer` is left out unless include_inferred. With `vocabularies`, the
    SKOS concepts the data uses (event types, participant roles, hedges, relations, place
    kinds) come with their labels, definitions and schemes, in a graph of their own, so a
    consumer sees "protest", not an opaque IRI."""
    settings = settings or Settings()
    if format not in FORMATS:
        raise NewskgError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    if article is not None:
        graph_iri = article_iri(settings.base_iri, article)
        if graph_iri not in store.named_graphs():
            raise NewskgError(f"no article {article!r} in the store; see `newskg stats`")
    if article is None and not describe and not vocabularies and format != "jsonld":
        data = store.dump(format, include_inferred)
    else:
        ds = Dataset()
        bind_prefixes(ds)
        names = (
            [article_iri(settings.base_iri, article)]
            if article
            else [
                g
                for g in store.named_graphs()
                if include_inferred or g != getattr(store, "inferred_graph", None)
            ]
        )
        for name in names:
            target = ds.graph(URIRef(name))
            for triple in store.graph(name):
                target.add(triple)
        if vocabularies:
            target = ds.graph(URIRef(iri(settings.base_iri, "vocabularies")))
            for triple in _vocabulary_triples():
                target.add(triple)
        if describe:
            name, description = dataset_description(store, settings)
            target = ds.graph(URIRef(name))
            for triple in description:
                target.add(triple)
        data = _serialize(ds, format)
    if out is not None:
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".partial")
        tmp.write_bytes(data)
        tmp.replace(path)  # a crash never leaves half an export under the real name
    return data


def _vocabulary_triples() -> Graph:
    """The SKOS schemes and concepts of ontology/vocabularies.ttl."""
    graph = Graph()
    graph.parse(ontology_dir() / "vocabularies.ttl", format="turtle")
    return graph


def _canonical_json(text: str) -> str:
    """rdflib orders JSON-LD nodes and values as its hash-based indexes iterate, which
    changes between runs: sort keys, and every list but an @list by its items' text."""

    def canonical(value):
        if isinstance(value, list):
            items = (canonical(item) for item in value)
            return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
        if isinstance(value, dict):  # an @list keeps its order: it is an RDF list
            return {k: v if k == "@list" else canonical(v) for k, v in value.items()}
        return value

    return json.dumps(canonical(json.loads(text)), indent=2, sort_keys=True, ensure_ascii=False)


def _serialize(ds: Dataset, format: str) -> bytes:
    """Deterministic output: written by Oxigraph in sorted order like a whole-store export
    (rdf/formats.py), JSON-LD by rdflib (for its context) and then canonicalized."""
    if format == "jsonld":
        merged = Graph()
        bind_prefixes(merged)
        for s, p, o, _g in ds.quads((None, None, None, None)):
            merged.add((s, p, o))
        text = merged.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
        return _canonical_json(text).encode("utf-8")
    quads = list(ds.quads((None, None, None, None)))
    triples = oxigraph_triples((s, p, o) for s, p, o, _g in quads)
    if EXPORT_FORMATS[format].quads:
        graphs = [ox.NamedNode(str(g)) for _s, _p, _o, g in quads]
        return serialize_sorted(
            (
                ox.Quad(t.subject, t.predicate, t.object, g)
                for t, g in zip(triples, graphs, strict=True)
            ),
            format,
        )
    return serialize_sorted(triples, format)

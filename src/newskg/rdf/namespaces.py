"""Namespaces used in the graph; standard vocabularies first, ours only for what they lack."""

import functools

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD


class _Namespace(Namespace):
    """rdflib's Namespace builds and re-validates a new URIRef on every `NS.term` access;
    the mapping touches these terms thousands of times per article, so keep each one."""

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - namespaces live as long as the process
    def term(self, name: str) -> URIRef:
        return super().term(name)


NKG = _Namespace("https://w3id.org/newskg/ontology#")
NKV = _Namespace("https://w3id.org/newskg/vocab/")
SCHEMA = _Namespace("http://schema.org/")
ORG = _Namespace("http://www.w3.org/ns/org#")
PROV = _Namespace("http://www.w3.org/ns/prov#")
OA = _Namespace("http://www.w3.org/ns/oa#")
FOAF = _Namespace("http://xmlns.com/foaf/0.1/")
DCTERMS = _Namespace("http://purl.org/dc/terms/")
VOID = _Namespace("http://rdfs.org/ns/void#")

PREFIXES: dict[str, str] = {
    "nkg": str(NKG),
    "nkv": str(NKV),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "oa": str(OA),
    "skos": str(SKOS),
    "foaf": str(FOAF),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def sparql_prologue() -> str:
    """PREFIX lines for every namespace above, for queries written in code."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def concept(scheme: str, notation: str):
    """IRI of a SKOS concept in one of ontology/vocabularies.ttl's schemes."""
    return NKV[f"{scheme}/{notation}"]


def bind_prefixes(graph) -> None:
    """Bind newskg's prefixes on an rdflib Graph, Dataset or NamespaceManager. rdflib binds
    `schema:` to https://schema.org/ by default; newskg's `schema:` (the http form, as
    schema.org's JSON-LD context writes it) replaces that binding rather than becoming
    `schema1:`."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)

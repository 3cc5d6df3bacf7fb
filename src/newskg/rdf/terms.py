"""rdflib terms ⇄ pyoxigraph terms.

The mapping and the query layer speak rdflib; the store and the fast SHACL engine speak
Oxigraph. An article's triples cross once, as pyoxigraph terms, so the graph is written as
N-Triples and validated without building an rdflib Graph (that alone was a fifth of ingest).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from newskg.errors import QueryError
from newskg.rdf.namespaces import bind_prefixes

T = TypeVar("T")
U = TypeVar("U")

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)  # RDF 1.1: a simple literal is an xsd:string
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise QueryError(f"unsupported RDF term in result: {term!r}")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot bind {term!r}: not an RDF term")


def to_graph(statements) -> Graph:
    """Triples (or quads, their graph dropped) from pyoxigraph as an rdflib Graph."""
    graph = Graph()
    bind_prefixes(graph)
    for t in statements:
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph


def converting_once(convert: Callable[[T], U]) -> Callable[[T], U]:
    """`convert`, remembering each distinct term: graphs and query results repeat the same
    terms many times, and building an rdflib Literal or a pyoxigraph term is not free."""
    converted: dict[T, U] = {}

    def term(value: T) -> U:
        found = converted.get(value)
        if found is None:
            found = converted[value] = convert(value)
        return found

    return term


def oxigraph_triples(triples: Iterable[tuple[Node, Node, Node]]) -> list[ox.Triple]:
    """rdflib triples as pyoxigraph Triples; each distinct term is converted once."""
    term = converting_once(to_oxigraph)
    # subjects and predicates of the mapping are IRIs or blank nodes, never literals
    return [ox.Triple(term(s), term(p), term(o)) for s, p, o in triples]  # type: ignore[arg-type]


def ntriples_of(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """rdflib triples as N-Triples, one line per triple, sorted so the same graph always
    gives the same text. Each distinct term is written once, by Oxigraph (which escapes
    it); no pyoxigraph Triple is built: building them, and a store for the validator from
    them, took 12 ms of a 2,200-triple article, this and a store loaded from its text 7 ms."""
    term = converting_once(_written)
    return "".join(sorted(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples))


def _written(term: Node) -> str:
    return str(to_oxigraph(term))  # the term in N-Triples, as the engine escapes it


def ntriples(triples: Iterable[ox.Triple]) -> str:
    """N-Triples, one line per triple, sorted so the same graph always gives the same text."""
    text = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
    return "".join(sorted(text.splitlines(keepends=True)))


def memory_store(triples: Iterable[ox.Triple]) -> ox.Store:
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return store

"""Loading the ontology, vocabularies and shapes (parsed once per process)."""

from __future__ import annotations

from functools import cache

from rdflib import Graph

from newskg.rdf.namespaces import bind_prefixes
from newskg.resources import ontology_dir


@cache
def ontology_graph() -> Graph:
    """newskg.ttl + vocabularies.ttl: every term the data uses, and the SKOS schemes."""
    g = Graph()
    bind_prefixes(g)  # before parsing: the files' schema: is newskg's, not rdflib's default
    g.parse(ontology_dir() / "newskg.ttl", format="turtle")
    g.parse(ontology_dir() / "vocabularies.ttl", format="turtle")
    return g


@cache
def shapes_graph() -> Graph:
    g = Graph()
    bind_prefixes(g)
    g.parse(ontology_dir() / "shapes.ttl", format="turtle")
    return g

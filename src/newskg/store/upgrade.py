"""Stores written before newskg chose `http://schema.org/` (see docs/graph-model.md) hold
schema.org terms in the `https://schema.org/` form; a triple store compares IRIs as strings,
so every query of the library would find nothing in them. `upgrade_schema_terms` rewrites
such a store's graphs to the form the data uses now, each graph in one transaction (a graph
is replaced whole, so a write cut short leaves every graph in one form or the other, and the
next write finishes the rest). It runs before any command writes to a store."""

from __future__ import annotations

from rdflib import Graph, URIRef

from newskg.rdf.namespaces import SCHEMA
from newskg.store.base import Store

OLD_SCHEMA = "https://schema.org/"

# The classes every graph newskg writes has at least one of, looked up through the store's
# index (a scan of every triple would cost each write command a pass over the store).
_FIND_OLD = """
SELECT DISTINCT ?g WHERE {
  VALUES ?class {
    <https://schema.org/Article> <https://schema.org/Person> <https://schema.org/Organization>
    <https://schema.org/Place> <https://schema.org/Event>
  }
  GRAPH ?g { ?s a ?class }
}
"""


def uses_old_schema_terms(store: Store) -> bool:
    return bool(store.select(_FIND_OLD + "LIMIT 1"))


def upgrade_schema_terms(store: Store) -> int:
    """Rewrite the graphs that use the old schema.org form; the number rewritten."""
    graphs = [str(row["g"]) for row in store.select(_FIND_OLD)]
    for iri in graphs:
        store.replace_graph(iri, _rewritten(store.graph(iri)).serialize(format="nt"))
    return len(graphs)


def _rewritten(graph: Graph) -> Graph:
    out = Graph()
    for triple in graph:
        out.add(tuple(_new_form(term) for term in triple))  # type: ignore[arg-type]
    return out


def _new_form(term):
    if isinstance(term, URIRef) and str(term).startswith(OLD_SCHEMA):
        return URIRef(str(SCHEMA) + str(term)[len(OLD_SCHEMA) :])
    return term

"""The reported-events graph of a store, and what a full recomputation gives, for tests
that check it is never left wrong without saying so."""

from __future__ import annotations

import pyoxigraph as ox

from newskg import open_store
from newskg.reports import graph_iri, link_reports


def store_copy(store):
    """A memory store holding the same quads."""
    copy = open_store("memory:")
    copy._store.load(store.dump("nquads"), format=ox.RdfFormat.N_QUADS)
    return copy


def derived_triples(store, settings) -> set:
    name = graph_iri(settings)
    return set(store.graph(name)) if name in store.named_graphs() else set()


def recomputed(store, settings) -> set:
    """The reported-events graph a full recomputation from the store's articles gives."""
    copy = store_copy(store)
    link_reports(copy, settings)
    return derived_triples(copy, settings)

"""OWL-RL / RDFS inference with owlrl, kept apart from what the articles assert.

The closure of the store plus the ontology is computed in memory, and only the triples it
adds are written, into one named graph of their own (replaced on every run), so a query can
always tell an asserted fact from an inferred one.
"""

from __future__ import annotations

import concurrent.futures

import owlrl
from rdflib import Graph, Literal

from newskg.errors import NewskgError
from newskg.rdf.ontology import ontology_graph
from newskg.settings import Settings

PROFILES = {"rdfs": owlrl.RDFS_Semantics, "owlrl": owlrl.OWLRL_Semantics}
_ALL_ASSERTED = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def closure_additions(asserted: Graph, profile: str = "owlrl") -> Graph:
    """The triples inference adds to `asserted` + the ontology, minus both."""
    if profile not in PROFILES:
        raise NewskgError(f"unknown inference profile {profile!r}; use rdfs or owlrl")
    onto = ontology_graph()
    work = Graph()
    work += asserted
    work += onto
    before = set(work)
    owlrl.DeductiveClosure(
        PROFILES[profile], axiomatic_triples=False, datatype_axioms=False
    ).expand(work)
    added = Graph()
    for triple in set(work) - before:
        s, p, o = triple
        if isinstance(s, Literal) or triple in onto:
            continue
        # schema and vocabulary bookkeeping (x a rdfs:Resource, p a rdf:Property …) is noise
        if s in _terms(onto) and p != owlrl.OWL.sameAs:
            continue
        added.add(triple)
    return added


_TERMS: set | None = None


def _terms(onto: Graph) -> set:
    global _TERMS
    if _TERMS is None:
        _TERMS = set(onto.subjects())
    return _TERMS


def infer(
    store,
    profile: str = "owlrl",
    max_triples: int = 2_000_000,
    timeout: float = 600.0,
    settings: Settings | None = None,
) -> int:
    """Materialize the closure into the inferred graph; returns how many triples it holds."""
    settings = settings or Settings()
    asserted = store.run(_ALL_ASSERTED, "construct", include_inferred=False).graph
    if len(asserted) > max_triples:
        raise NewskgError(
            f"the store has {len(asserted):,} triples; inference is bounded to {max_triples:,} "
            "(raise --max-triples, or query the asserted graph directly)"
        )
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    try:
        added = pool.submit(closure_additions, asserted, profile).result(timeout=timeout)
    except concurrent.futures.TimeoutError:
        raise NewskgError(
            f"inference did not finish within {timeout:g} s (raise --timeout)"
        ) from None
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    store.replace_graph(store.inferred_graph, added.serialize(format="nt"))
    return len(added)

"""Renaming entities inside one article's graph: how a curator's split takes effect.

A split gives an entity, in named articles only, an IRI of its own. Everything the article
says of the entity moves with it: the entity node itself and the nodes minted under its
IRI (its memberships, occupations, relations, coordinates). Nothing else is touched.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from newskg.rdf.mapping import ENTITY_SUB_NODES
from newskg.rdf.terms import ntriples


def _renamed(iri: str, renames: Mapping[str, str]) -> str:
    if iri in renames:
        return renames[iri]
    for sub in ENTITY_SUB_NODES:
        # <entity>/geo, <entity>/membership/<x>, …: the part before the marker is the entity
        at = iri.find(f"/{sub}/")
        if at < 0 and iri.endswith(f"/{sub}"):
            at = len(iri) - len(sub) - 1
        if at > 0 and iri[:at] in renames:
            return renames[iri[:at]] + iri[at:]
    return iri


def rename_entities(text: str, renames: Mapping[str, str]) -> str:
    """N-Triples `text` with each entity IRI of `renames` (old → new) replaced, with the
    nodes under it; sorted as every article graph is written."""
    if not renames:
        return text

    def term(t):
        return ox.NamedNode(_renamed(t.value, renames)) if isinstance(t, ox.NamedNode) else t

    triples = [
        ox.Triple(term(t.subject), t.predicate, term(t.object))
        for t in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    ]
    return ntriples(triples)

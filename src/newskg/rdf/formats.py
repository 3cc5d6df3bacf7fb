"""The RDF serializations newskg reads and writes, in one registry: each format's name (as
`--format` takes it), file suffix, Oxigraph parser/serializer, whether it keeps named graphs,
and rdflib's name for it. Export, load, import and the store adapters all read it here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class RdfFormat:
    name: str
    suffix: str
    oxigraph: ox.RdfFormat
    quads: bool  # keeps named graphs (TriG, N-Quads); the others are a merged view
    rdflib: str


EXPORT_FORMATS = {
    f.name: f
    for f in (
        RdfFormat("turtle", ".ttl", ox.RdfFormat.TURTLE, False, "turtle"),
        RdfFormat("trig", ".trig", ox.RdfFormat.TRIG, True, "trig"),
        RdfFormat("nquads", ".nq", ox.RdfFormat.N_QUADS, True, "nquads"),
        RdfFormat("ntriples", ".nt", ox.RdfFormat.N_TRIPLES, False, "nt"),
        RdfFormat("jsonld", ".jsonld", ox.RdfFormat.JSON_LD, False, "json-ld"),
    )
}

# What an imported file's suffix says it is: every export format, and the other usual names
READ_SUFFIXES = {
    **{f.suffix: f.oxigraph for f in EXPORT_FORMATS.values()},
    ".turtle": ox.RdfFormat.TURTLE,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}

# What `newskg load` restores: newskg's own exports that keep their graphs
QUAD_SUFFIXES = {f.suffix: f.oxigraph for f in EXPORT_FORMATS.values() if f.quads}


def serialize_sorted(statements: Iterable[ox.Quad] | Iterable[ox.Triple], name: str) -> bytes:
    """Quads (for a format that keeps graphs) or triples written in the order of their terms'
    text, so the same graph gives the same bytes from any store, in any run: an engine's own
    order depends on how the store was filled, rdflib's on string hashes."""
    from newskg.rdf.namespaces import PREFIXES

    fmt = EXPORT_FORMATS[name]
    parts = ("graph_name", "subject", "predicate", "object")[0 if fmt.quads else 1 :]
    ordered = sorted(set(statements), key=lambda x: tuple(str(getattr(x, p)) for p in parts))
    prefixes = PREFIXES if name in ("turtle", "trig", "jsonld") else None
    return ox.serialize(ordered, format=fmt.oxigraph, prefixes=prefixes) or b""  # type: ignore[arg-type]

"""Importing RDF files into a named graph of their own, checked before anything is stored.

Refused outright: RDF/XML with a DOCTYPE or entity declarations (entity-expansion bombs hang
rdflib and abort pyoxigraph; external entities read local files), and JSON-LD that names a
remote context (loading it would reach the network). A syntax error is reported with file,
line and column, and the store is left as it was. The data is validated with the SHACL
shapes; problems are reported, and with strict=True the import is refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from newskg.errors import InputError
from newskg.rdf.validate import validate_graph
from newskg.resolve import iri, slug
from newskg.settings import Settings

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


@dataclass
class ImportReport:
    graph: str
    triples: int
    problems: list[str]


def _remote_context(value) -> str | None:
    """The first remote context named anywhere in a JSON-LD document."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "@context":
                contexts = item if isinstance(item, list) else [item]
                for c in contexts:
                    if isinstance(c, str):
                        return c
                    found = _remote_context(c)
                    if found:
                        return found
            else:
                found = _remote_context(item)
                if found:
                    return found
    elif isinstance(value, list):
        for item in value:
            found = _remote_context(item)
            if found:
                return found
    return None


def _refuse_dtd(name: str, data: bytes) -> None:
    """Read the whole XML document with a parser that refuses any DOCTYPE, entity declaration
    or external reference wherever it stands (a scan of the first bytes can be pushed past by
    a long comment); nothing is ever expanded, so a bomb costs no memory."""
    from xml.parsers.expat import ExpatError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise InputError(
            name, "RDF/XML with a DOCTYPE or entity declarations is refused (entity expansion)"
        ) from None
    except (ExpatError, SyntaxError) as exc:
        raise InputError(name, f"not well-formed XML: {str(exc).splitlines()[0]}") from None


def read_rdf(path: str | Path, max_bytes: int = 200_000_000) -> Graph:
    """Parse one file safely into an rdflib Graph (triples of every graph in it, merged)."""
    path = Path(path)
    name = str(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            name, f"unknown RDF file type {path.suffix!r}; use .ttl .trig .nq .nt .jsonld .rdf"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror}") from None
    if len(data) > max_bytes:
        raise InputError(name, f"file is {len(data) / 1e6:.0f} MB, over the import limit")
    if fmt == ox.RdfFormat.RDF_XML:
        _refuse_dtd(name, data)
    if fmt == ox.RdfFormat.JSON_LD:
        try:
            doc = json.loads(data)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise InputError(name, f"invalid JSON: {exc}") from None
        remote = _remote_context(doc)
        if remote:
            raise InputError(
                name, f"JSON-LD names a remote context ({remote[:80]}); embed the context instead"
            )
    from newskg.rdf.terms import to_graph

    try:
        graph = to_graph(ox.parse(data, format=fmt, base_iri=path.resolve().as_uri()))
    except SyntaxError as exc:
        where = ""
        loc = getattr(exc, "lineno", None)
        if loc:
            where = f"line {loc}, column {getattr(exc, 'offset', '?')}: "
        message = str(exc).splitlines()[0] if str(exc) else "syntax error"
        raise InputError(name, f"{where}{message}") from None
    return graph


def import_file(
    store, path: str | Path, strict: bool = False, settings: Settings | None = None
) -> ImportReport:
    """Load one file into the named graph <base>import/<file-stem>, replacing what it had."""
    settings = settings or Settings()
    path = Path(path)
    graph = read_rdf(path)
    result = validate_graph(graph)
    if strict and not result.conforms:
        raise InputError(str(path), f"does not conform to the shapes: {result.summary()}")
    name = iri(settings.base_iri, f"import/{slug(path.stem)}")
    store.replace_graph(name, graph.serialize(format="nt"))
    return ImportReport(name, len(graph), result.problems)

"""Importing RDF files into a named graph of their own, checked before anything is stored.

Refused outright: RDF/XML with a DOCTYPE or entity declarations (entity-expansion bombs hang
rdflib and abort pyoxigraph; external entities read local files), JSON-LD that names a
remote context (loading it would reach the network), and data that would pass for article
evidence: anything about newskg's article IRIs, any mention, text span or extraction run,
any news article, and about newskg's own entities anything but links to other identifiers
(owl:sameAs, schema:sameAs, rdfs:seeAlso, SKOS matches). A syntax error is reported with
file, line and column, and the store is left as it was. The data is validated with the
SHACL shapes: a file that does not conform is refused unless forced, and then marked.
Every imported graph says where it came from and when (nkg:ImportedGraph).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from newskg.errors import InputError
from newskg.rdf.formats import READ_SUFFIXES
from newskg.rdf.namespaces import NKG
from newskg.rdf.terms import ntriples
from newskg.rdf.validate import validate_triples
from newskg.resolve import iri, slug
from newskg.resources import internal_query
from newskg.settings import Settings

FORMATS = READ_SUFFIXES  # by file suffix (rdf/formats.py)


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


def read_graphs(path: str | Path, max_bytes: int = 200_000_000) -> dict[str, list[ox.Triple]]:
    """Parse one file safely into its graphs: the named graphs of TriG and N-Quads by their
    names, the default graph (and the triples of other formats) under ""."""
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
    try:
        quads = ox.parse(data, format=fmt, base_iri=path.resolve().as_uri())
        # pyoxigraph terms, not an rdflib Graph: a tenth of the memory for a large file
        graphs: dict[str, dict] = {}
        for q in quads:
            graph = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
            graphs.setdefault(graph, {})[ox.Triple(q.subject, q.predicate, q.object)] = None
        return {graph: list(triples) for graph, triples in graphs.items()}
    except SyntaxError as exc:
        where = ""
        loc = getattr(exc, "lineno", None)
        if loc:
            where = f"line {loc}, column {getattr(exc, 'offset', '?')}: "
        message = str(exc).splitlines()[0] if str(exc) else "syntax error"
        raise InputError(name, f"{where}{message}") from None


# What an import may say about newskg's own entities: that they are the same as, or close
# to, something elsewhere. Anything else about them would read as newskg's own findings.
LINK_PREDICATES = {
    "http://www.w3.org/2002/07/owl#sameAs",
    "http://schema.org/sameAs",
    "http://www.w3.org/2000/01/rdf-schema#seeAlso",
    "http://www.w3.org/2004/02/skos/core#exactMatch",
    "http://www.w3.org/2004/02/skos/core#closeMatch",
    "http://www.w3.org/2004/02/skos/core#relatedMatch",
}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# Classes only extraction writes: an import using them would pass for article evidence.
EVIDENCE_CLASSES = {
    "http://schema.org/NewsArticle",
    "http://www.w3.org/ns/oa#SpecificResource",
    "http://www.w3.org/ns/oa#TextPositionSelector",
    "http://www.w3.org/ns/oa#TextQuoteSelector",
}


def _forgery(triples: list[ox.Triple], settings: Settings) -> str | None:
    """Why the data would pass for newskg's own article evidence, or None."""
    from newskg.rdf.namespaces import NKG

    base = settings.base_iri
    articles = iri(base, "article/")
    nkg = str(NKG)
    own_classes = {nkg + "Mention", nkg + "ExtractionRun", *EVIDENCE_CLASSES}
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    for t in triples:
        s, p, o = t.subject, t.predicate.value, t.object
        for term in (s, o):
            if isinstance(term, ox.NamedNode) and term.value.startswith(articles):
                return f"it speaks about an ingested article ({term.value})"
        if p == rdf_type and isinstance(o, ox.NamedNode) and o.value in own_classes:
            return f"it declares a {o.value} (only extraction writes those)"
        if p.startswith(nkg) and p != nkg + "importedDespite":
            return f"it uses newskg's own property {p}"
        if isinstance(s, ox.NamedNode) and s.value.startswith(base) and p not in LINK_PREDICATES:
            return (
                f"it states {p} of newskg's own {s.value} "
                "(only links such as owl:sameAs may be added)"
            )
    return None


def import_file(
    store,
    path: str | Path,
    strict: bool = True,
    settings: Settings | None = None,
    force: bool = False,
    graph: str | None = None,
    replace: bool = False,
) -> ImportReport:
    """Load one file into the named graph <base>import/<NAME> (NAME: `graph`, else the file's
    stem); the named graphs of a TriG or N-Quads file each go to <base>import/<NAME>/<graph>.
    A name already taken is refused unless `replace`. A file that does not conform to the
    shapes is refused unless `force` (`strict=False` is the older spelling), and then marked
    with its problems."""
    settings = settings or Settings()
    path = Path(path)
    graphs = read_graphs(path)
    every = [t for triples in graphs.values() for t in triples]
    forged = _forgery(every, settings)
    if forged:
        raise InputError(str(path), f"refused: {forged}")
    result = validate_triples(every, settings.shacl_engine)
    if not result.conforms and strict and not force:
        raise InputError(
            str(path),
            f"does not conform to the shapes ({result.summary()}); add --force to import it "
            "anyway, marked with its problems",
        )
    base_name = f"import/{slug(graph or path.stem)}"
    targets = {
        source: iri(
            settings.base_iri, base_name if not source else f"{base_name}/{_graph_slug(source)}"
        )
        for source in graphs
    }
    earlier = _graphs_of_import(store, settings, base_name)
    if earlier and not replace:
        raise InputError(
            str(path),
            f"{base_name} is taken by an earlier import; give --graph NAME for another name, "
            "or --replace to replace it",
        )
    for old in earlier - set(targets.values()):  # a replaced import leaves none of its graphs
        store.remove_graph(old)
    for source, triples in graphs.items():
        _write_marked(store, targets[source], triples, path, result.problems)
    return ImportReport(targets.get("", next(iter(targets.values()))), len(every), result.problems)


def _graphs_of_import(store, settings: Settings, base_name: str) -> set[str]:
    """The graphs an import of this name wrote: <base>import/NAME and <base>import/NAME/…"""
    top = iri(settings.base_iri, base_name)
    return {g for g in store.named_graphs() if g == top or g.startswith(top + "/")}


def remove_import(store, name: str, settings: Settings | None = None) -> int:
    """Remove the graphs of the import called `name` (as `import --list` shows it);
    returns how many went."""
    settings = settings or Settings()
    name = "/".join(slug(part) for part in name.strip("/").split("/"))
    graphs = _graphs_of_import(store, settings, f"import/{name}")
    for graph in graphs:
        store.remove_graph(graph)
    return len(graphs)


def _graph_slug(source: str) -> str:
    """A readable, unique name for a named graph of an imported file."""
    import hashlib

    tail = slug(source.rstrip("/#").rsplit("/", 1)[-1])[:40]
    return f"{tail}-{hashlib.sha256(source.encode()).hexdigest()[:8]}"


def _write_marked(store, name: str, triples: list, path: Path, problems: list[str]) -> None:
    """One imported graph, written whole with where it came from and when."""
    node, nkg, prov = ox.NamedNode(name), str(NKG), "http://www.w3.org/ns/prov#"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    marks = [
        ox.Triple(node, ox.NamedNode(RDF_TYPE), ox.NamedNode(nkg + "ImportedGraph")),
        ox.Triple(
            node, ox.NamedNode(prov + "wasDerivedFrom"), ox.NamedNode(path.resolve().as_uri())
        ),
        ox.Triple(
            node,
            ox.NamedNode(prov + "generatedAtTime"),
            ox.Literal(now, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")),
        ),
    ]
    marks += [
        ox.Triple(node, ox.NamedNode(nkg + "importedDespite"), ox.Literal(p)) for p in problems
    ]
    store.replace_graph(name, ntriples([*triples, *marks]))


IMPORTS = internal_query("importer-imports")


def imported_graphs(store) -> list[dict[str, str]]:
    """Every imported graph: its name (for `newskg remove import/NAME`), file and time."""
    return [
        {
            "name": str(row["g"]).rsplit("/import/", 1)[-1],
            "file": str(row["file"]),
            "time": str(row["time"]),
        }
        for row in store.select(IMPORTS)
    ]

"""SPARQL results in the formats of the SPARQL 1.1 protocol, chosen by the request's Accept
header: solutions and booleans as JSON, XML, CSV or TSV (W3C SPARQL 1.1 Query Results
formats), graphs as Turtle, N-Triples, JSON-LD or RDF/XML. The rows come already counted
(and capped) by the caller, so every format carries exactly the same answer."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

# media type → format, in the order offered when the client accepts anything
SOLUTION_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "text/plain": ox.RdfFormat.N_TRIPLES,  # N-Triples is plain text
}
_CONTENT_TYPE = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}


class NotAcceptable(ValueError):
    """No format the request accepts; the message lists those there are."""


def choose(accept: str | None, offered: dict) -> str:
    """The media type of `offered` the Accept header prefers (q-values, then order of the
    header); the first offered when it accepts anything or says nothing."""
    wanted = []
    for position, part in enumerate((accept or "").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            wanted.append((-quality, position, media.lower()))
    if not wanted:
        return next(iter(offered))
    for _q, _p, media in sorted(wanted):
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            family = media.split("/")[0]
            return next(m for m in offered if family == "*" or m.startswith(family + "/"))
    raise NotAcceptable(
        f"no result format for Accept: {accept}; this endpoint answers with "
        + ", ".join(dict.fromkeys(offered))
    )


def solutions(variables: list[str], rows: list[dict[str, object]], media: str) -> tuple[str, bytes]:
    """(content type, body) of SELECT solutions; `rows` map variables to pyoxigraph terms."""
    fmt = SOLUTION_TYPES[media]
    writer = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}[fmt]
    return _CONTENT_TYPE[fmt], writer(variables, rows)


def boolean(value: bool, media: str) -> tuple[str, bytes]:
    """(content type, body) of an ASK answer (CSV and TSV, which the standard leaves to
    SELECT, carry it as the one value of a column `_askResult`)."""
    fmt = SOLUTION_TYPES[media]
    if fmt == "json":
        body = json.dumps({"head": {}, "boolean": value}).encode()
    elif fmt == "xml":
        body = (
            f'<?xml version="1.0"?>\n<sparql xmlns="{RESULTS_NS}"><head/>'
            f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        ).encode()
    else:
        body = f"{'?' if fmt == 'tsv' else ''}_askResult\n{'true' if value else 'false'}\n".encode()
    return _CONTENT_TYPE[fmt], body


def graph(triples: list, media: str) -> tuple[str, bytes]:
    fmt = GRAPH_TYPES[media]
    content = {ox.RdfFormat.N_TRIPLES: "application/n-triples"}.get(fmt, media)
    return content, ox.serialize(triples, format=fmt) or b""


# --- the writers ----------------------------------------------------------------------------
def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def _json(variables: list[str], rows: list[dict]) -> bytes:
    bindings = [{n: _json_term(t) for n, t in row.items()} for row in rows]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}).encode()


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            attr = quoteattr(term.datatype.value)
            return f"<literal datatype={attr}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _xml(variables: list[str], rows: list[dict]) -> bytes:
    out = [f'<?xml version="1.0"?>\n<sparql xmlns="{RESULTS_NS}"><head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        out += [f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>" for n, t in row.items()]
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out).encode()


def _csv(variables: list[str], rows: list[dict]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_plain(row.get(v)) for v in variables])
    return text.getvalue().encode()


def _plain(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(getattr(term, "value", term))


def _tsv(variables: list[str], rows: list[dict]) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(_tsv_term(row.get(v)) for v in variables) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def _tsv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):  # the Turtle form, escaped so a tab or line stays inside
        text = (
            term.value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r")
        )  # fmt: skip
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype.value != XSD_STRING:
            return f'"{text}"^^<{term.datatype.value}>'
        return f'"{text}"'
    return str(term)  # <iri>, _:b

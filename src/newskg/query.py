"""The query library and safe execution of SPARQL.

Each `queries/*.rq` file is one question. Its header is comments:

    # People and the positions they hold, with the sentence that states each.
    # @param person string = ""  only this person (a name or alias); empty for everyone

Parameters reach the query only as RDF terms in a VALUES block (strings escaped by the RDF
serializer), never as text pasted into the query, so a value such as `" } UNION { ?s ?p ?o`
stays a plain value. Queries are refused when they would change the store (unless
allow_update) or reach outside it with SERVICE, LOAD or FROM (unless allow_remote).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from newskg.errors import QueryError
from newskg.paging import Listing, page, read_listing
from newskg.rdf.sparql import (
    PARSE_SECONDS,
    bind_values,
    check,
    with_limit,
    with_page,
    with_prefixes,
)
from newskg.resources import queries_dir
from newskg.store.base import QueryResult, Store

__all__ = [
    "QueryResult",
    "bind_values",
    "with_limit",
    "with_page",
    "with_prefixes",
]  # re-exported API

_PARAM = re.compile(
    r"^#\s*@param\s+(?P<name>[A-Za-z_]\w*)\s+(?P<type>string|iri|integer|decimal|date)"
    r"(?:\s*=\s*(?P<default>\"[^\"]*\"|\S+))?\s*(?P<doc>.*)$"
)
_TYPES = {"integer": XSD.integer, "decimal": XSD.decimal, "date": XSD.date}


@dataclass
class Param:
    name: str
    type: str
    default: str | None
    doc: str

    def term(self, value: str) -> Node:
        """The value as an RDF term of the declared type; refuses malformed values."""
        if self.type == "string":
            return Literal(value)
        if self.type == "iri":
            if not re.match(r"^[a-zA-Z][\w+.-]*:[^\s<>\"{}|\\^`]*$", value):
                raise QueryError(f"parameter {self.name}: {value!r} is not an IRI")
            return URIRef(value)
        import logging

        # rdflib logs a traceback for an ill-typed literal before we can refuse it cleanly
        logger = logging.getLogger("rdflib.term")
        level = logger.level
        logger.setLevel(logging.CRITICAL)
        try:
            literal = Literal(value, datatype=_TYPES[self.type])
        finally:
            logger.setLevel(level)
        if literal.ill_typed:
            raise QueryError(f"parameter {self.name}: {value!r} is not a valid {self.type}")
        return literal


@dataclass
class LibraryQuery:
    name: str
    text: str
    description: str = ""
    params: list[Param] = field(default_factory=list)
    path: Path | None = None
    # its anchors and first sort keys, for pages (queries/pages/<name>.rq; see paging.py)
    listing: Listing | None = None

    def bindings(self, given: dict[str, str]) -> dict[str, Node]:
        """Given values (and defaults) as RDF terms; empty values leave a variable unbound."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            names = ", ".join(known) or "none"
            raise QueryError(
                f"unknown parameter {unknown[0]!r} for {self.name} (parameters: {names})"
            )
        terms = {}
        for p in self.params:
            value = given.get(p.name, p.default)
            if value is None or value == "":
                continue
            terms[p.name] = p.term(value)
        return terms


def parse_query_file(text: str, name: str, path: Path | None = None) -> LibraryQuery:
    """The query's parameters from its `# @param` lines, and its description: the first
    sentence of its leading comment, however many lines it runs over."""
    words: list[str] = []
    params = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _PARAM.match(line)
        if match:
            default = match.group("default")
            if default is not None and default.startswith('"'):
                default = default[1:-1]
            params.append(
                Param(match.group("name"), match.group("type"), default, match.group("doc").strip())
            )
        elif not params:
            words.append(line.lstrip("#").strip())
    return LibraryQuery(name, text, _first_sentence(" ".join(w for w in words if w)), params, path)


def _first_sentence(text: str) -> str:
    match = re.search(r"^.*?[.!?](?=\s+[A-Z(\"`]|$)", text)
    return match.group(0) if match else text


def library(folder: Path | None = None) -> dict[str, LibraryQuery]:
    """Every query of the library (queries/*.rq) by name, with its description and parameters."""
    folder = folder or queries_dir()
    queries = {}
    for path in sorted(folder.glob("*.rq")):
        query = parse_query_file(path.read_text(encoding="utf-8"), path.stem, path)
        listing = folder / "pages" / path.name
        if listing.is_file():
            query = dataclasses.replace(query, listing=read_listing(listing))
        queries[path.stem] = query
    return queries


def load_query(name_or_file: str) -> LibraryQuery:
    """A library query by name, or a .rq file by path."""
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        query = parse_query_file(path.read_text(encoding="utf-8"), path.stem, path)
        # a user's file gets the standard prefixes, as `-e` text does
        return dataclasses.replace(query, text=with_prefixes(query.text))
    queries = library()
    if name_or_file not in queries:
        raise QueryError(
            f"no query named {name_or_file!r}; `newskg queries` lists them "
            "(or give a .rq file or -e 'SPARQL')"
        )
    return queries[name_or_file]


# --- running --------------------------------------------------------------------------------


def run_query(
    store: Store,
    text: str,
    params: dict[str, Node] | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
    timeout: float | None = 30.0,
    allow_update: bool = False,
    allow_remote: bool = False,
    include_inferred: bool = False,
    listing: Listing | None = None,
) -> QueryResult:
    """Check, bind and run one query against a store, within a time limit. `limit` and
    `offset` ask a SELECT for one page of its rows, in the query's own ORDER BY (every
    library query orders its rows completely, so pages neither overlap nor skip a row).
    `listing` (a library query's, LibraryQuery.listing) finds a page without the engine
    sorting every row (see paging.py).

    The embedded engine cannot cancel a query once started: at the time limit newskg stops
    waiting and raises QueryError, and the query ends with the process (the CLI exits at
    once). Its worker is a daemon thread, so it never delays the exit.
    """
    # decided from its parse tree; the canonical text is what gets bound and run (and the
    # store checks the bound text once more, running only what that check read)
    checked = check(text, allow_update, allow_remote, timeout=timeout or PARSE_SECONDS)
    form = checked.form
    if listing is not None and form == "select" and not allow_update:

        def run(text: str, seconds: float | None) -> QueryResult:
            # the query was checked above and its listing is the library's: the store's own
            # check of each round's text (VALUES of serialized terms added) is the one parse
            return _execute(store, text, form, seconds, include_inferred)

        found = page(run, checked.text, params or {}, listing, limit, offset, timeout)
        if found is not None:
            return found
    sparql = bind_values(checked.text, params or {})
    if form == "select":
        sparql = with_page(sparql, limit, offset)
    return _execute(store, sparql, form, timeout, include_inferred, allow_update, allow_remote)


def _execute(
    store: Store,
    sparql: str,
    form: str,
    timeout: float | None,
    include_inferred: bool,
    allow_update: bool = False,
    allow_remote: bool = False,
) -> QueryResult:
    """Run a checked and bound query on a worker thread, waiting at most `timeout` s."""
    import queue
    import threading

    answer: queue.Queue = queue.Queue(maxsize=1)

    def work() -> None:
        try:
            answer.put(
                (
                    True,
                    store.run(
                        sparql,
                        form,
                        include_inferred,
                        allow_update=allow_update,
                        allow_remote=allow_remote,
                    ),
                )
            )
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            answer.put((False, exc))

    threading.Thread(target=work, name="newskg-query", daemon=True).start()
    try:
        ok, value = answer.get(timeout=timeout)
    except queue.Empty:
        raise QueryError(
            f"query did not finish within {timeout:g} s; narrow it (a LIMIT, more specific "
            "patterns) or raise --timeout"
        ) from None
    if not ok:
        raise value
    return value


# --- output -------------------------------------------------------------------------------


def _plain(term: Node | None) -> str:
    return "" if term is None else str(term)


def _json_term(term: Node) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and str(term.datatype) != str(XSD.string):
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "bnode", "value": str(term)}


def results_json(result: QueryResult) -> dict:
    """The W3C SPARQL 1.1 Query Results JSON format."""
    if result.form == "ask":
        return {"head": {}, "boolean": bool(result.boolean)}
    return {
        "head": {"vars": result.variables},
        "results": {
            "bindings": [{k: _json_term(v) for k, v in row.items()} for row in result.rows]
        },
    }


def _csv(result: QueryResult) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_plain(row.get(v)) for v in result.variables])
    return buffer.getvalue()


def _tsv(result: QueryResult) -> str:
    """SPARQL TSV: variables with '?', terms in N-Triples syntax."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += [
        "\t".join(row[v].n3() if v in row else "" for v in result.variables) for row in result.rows
    ]
    return "\n".join(lines) + "\n"


def _json(result: QueryResult) -> str:
    import json

    return json.dumps(results_json(result), indent=2, ensure_ascii=False) + "\n"


def _md(result: QueryResult) -> str:
    def cell(term: Node | None) -> str:
        return _plain(term).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(result.variables) + " |", "|" + "---|" * len(result.variables)]
    lines += [
        "| " + " | ".join(cell(row.get(v)) for v in result.variables) + " |" for row in result.rows
    ]
    return "\n".join(lines) + "\n"


# SELECT (and ASK) results by format name; "table" is drawn by the CLI's console
ROW_WRITERS: dict[str, Callable[[QueryResult], str]] = {
    "csv": _csv,
    "tsv": _tsv,
    "json": _json,
    "md": _md,
}
# CONSTRUCT and DESCRIBE results: format name → rdflib serializer name
GRAPH_WRITERS = {"turtle": "turtle", "jsonld": "json-ld"}
FORMATS = ("table", *ROW_WRITERS, *GRAPH_WRITERS)


def format_result(result: QueryResult, fmt: str) -> str:
    """SELECT/ASK as csv, tsv, json (SPARQL results JSON) or md; graphs as turtle or jsonld."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if result.graph is not None:
        return result.graph.serialize(format=GRAPH_WRITERS.get(fmt, "turtle"))
    if result.form == "update":
        return "update done\n"
    if fmt == "json":
        return _json(result)
    if result.form == "ask":
        return ("true" if result.boolean else "false") + "\n"
    if fmt in GRAPH_WRITERS:
        raise QueryError(
            f"{fmt} is for CONSTRUCT and DESCRIBE results; use table or {', '.join(ROW_WRITERS)}"
        )
    return ROW_WRITERS.get(fmt, _md)(result)  # "table" outside the CLI: Markdown

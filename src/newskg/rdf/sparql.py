"""What a SPARQL request would do, decided from its parse tree, not from its text.

A keyword scan can be fooled (a prefixed name such as `ex:a\\'` looks like the start of a
string to a regular expression, hiding a SERVICE after it) and refuses harmless queries
(`schema:Service`, a variable named `?from`). rdflib's SPARQL 1.1 parser reads the request
as the engine will: a SERVICE clause, a LOAD, a FROM / FROM NAMED / USING dataset clause or
an update operation is found wherever it stands, and nothing else is.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from newskg.errors import QueryError

# Parse-tree nodes (rdflib CompValue names) that reach outside the store.
_REACHES = {
    "ServiceGraphPattern": "SERVICE",
    "Load": "LOAD",
}
_QUERY_FORMS = {
    "SelectQuery": "select",
    "ConstructQuery": "construct",
    "AskQuery": "ask",
    "DescribeQuery": "describe",
}


@dataclass(frozen=True)
class Inspection:
    form: str  # select | construct | ask | describe | update
    reaches: tuple[str, ...]  # SERVICE, LOAD, FROM, USING: what would leave the store


def _walk(node, found: set[str], prefixes: dict[str, set[str]] | None = None) -> None:
    """Collect what reaches outside the store; with `prefixes`, also the prefixes declared
    ("declared") and used ("used")."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name in _REACHES:
            found.add(_REACHES[node.name])
        if prefixes is not None and node.name in ("PrefixDecl", "pname"):
            prefixes["declared" if node.name == "PrefixDecl" else "used"].add(
                node.get("prefix") or ""
            )
        for key, value in node.items():
            if key in ("datasetClause", "using") and value:
                found.add("FROM" if key == "datasetClause" else "USING")
            _walk(value, found, prefixes)
    elif isinstance(node, ParseResults | list | tuple):
        for item in node:
            _walk(item, found, prefixes)


def _check_prefixes(tree) -> None:
    """An undeclared prefix is named in one line, with the prefixes newskg declares."""
    from newskg.rdf.namespaces import PREFIXES

    prefixes: dict[str, set[str]] = {"declared": set(), "used": set()}
    _walk(tree, set(), prefixes)
    unknown = sorted(prefixes["used"] - prefixes["declared"])
    if unknown:
        known = ", ".join(f"{p}:" for p in PREFIXES)
        raise QueryError(
            f"unknown prefix {unknown[0]}:; declare it (PREFIX {unknown[0]}: <…>) or use one "
            f"newskg declares for you: {known}"
        )


@functools.lru_cache(maxsize=512)  # the same library and internal queries run again and again
def inspect(text: str) -> Inspection:
    """Parse a query or update; QueryError (one line) when it is not valid SPARQL 1.1."""
    # The parser runs on a thread of its own: pyparsing keeps frames of the exceptions it
    # meets, and frames keep their callers' locals alive (an open store, whose lock would then
    # outlive the command). On the parser's own thread those frames reach nothing of ours.
    return _parser_thread().submit(_inspect, text).result()


@functools.cache
def _parser_thread():
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="newskg-sparql-parser")


def _inspect(text: str) -> Inspection:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    found: set[str] = set()
    try:
        tree = parseQuery(text)
    except ParseException as query_error:
        try:
            tree = parseUpdate(text)
        except ParseException:
            line = getattr(query_error, "lineno", "?")
            column = getattr(query_error, "col", "?")
            raise QueryError(
                f"invalid SPARQL at line {line}, column {column}: "
                f"{str(query_error).splitlines()[0][:160]}"
            ) from None
        _check_prefixes(tree)
        _walk(tree, found)
        return Inspection("update", tuple(sorted(found)))
    except Exception as exc:  # rdflib raises a few other errors for bad prefixes
        raise QueryError(f"invalid SPARQL: {str(exc).splitlines()[0][:200]}") from None
    _check_prefixes(tree)
    _walk(tree, found)
    query = tree[1] if len(tree) > 1 else tree[0]
    form = _QUERY_FORMS.get(getattr(query, "name", ""), "select")
    return Inspection(form, tuple(sorted(found)))


def check(text: str, allow_update: bool = False, allow_remote: bool = False) -> str:
    """Refuse what a request may not do by default; returns its form."""
    found = inspect(text)
    if found.form == "update" and not allow_update:
        raise QueryError(
            "this is an update, which would change the store; add --allow-update to run it"
        )
    if found.reaches and not allow_remote:
        raise QueryError(
            f"{', '.join(found.reaches)} reaches outside the store (the network or local "
            "files); add --allow-remote to permit it"
        )
    return found.form

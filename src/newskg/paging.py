"""A page of a library query's rows without the engine sorting every row first.

Oxigraph (like most engines) sorts all the rows of an ORDER BY before it returns the first,
so the first 100 rows of a query cost as much as all of them: over a second for the queries
that list thousands of events or facts at a million triples. A library query that can
return that many rows has a *listing* beside it, `queries/pages/<query>.rq`:

    # @order ?date ?event
    SELECT DISTINCT ?event ?date WHERE { GRAPH ?g { ?e a schema:Event ; schema:name ?event .
                                          OPTIONAL { ?e schema:startDate ?date } } }

rows of an *anchor* (the first variable it selects, which the query's pattern binds in
every row) with the values of the query's first sort keys (`# @order`, the start of the
query's own ORDER BY). Reading it costs little: no ORDER BY, a few short columns. The pager
sorts it here in SPARQL's order, then asks the query for the rows of the anchors of the
first keys (a VALUES block of anchors), then of the next, more each round, until the page
is full. All the anchors of one key are asked in one round; a round keeps the rows whose
keys are its own (an anchor listed with several keys brings rows of later keys too: they
come again in their round) and puts them in the keys' order, the engine's ORDER BY having
ordered the rest, so a page is exactly those rows of the query's own order. A page deep
enough to need more than MOST_ANCHORS anchors in one round is left to the engine's
LIMIT/OFFSET.

A listing must have, for every row of the query, a row with that row's anchor and keys (it
may have more: they add nothing). tests/test_paging.py compares the pages of every library
query with the engine's.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from newskg.errors import QueryError
from newskg.rdf.sparql import bind_column, bind_values
from newskg.store.base import QueryResult

FIRST_ANCHORS = 16  # anchors asked in the first round; the next ones as many as seem needed
MOST_ANCHORS = 1024  # beyond this a round is a long query text: the engine pages instead

_ORDER_LINE = re.compile(r"^#\s*@order\s+(?P<keys>.+?)\s*$", re.M)
_ROUND_LINE = re.compile(r"^#\s*@round\s+(?P<most>\d+)\b", re.M)
_KEY = re.compile(r"(?:(?P<dir>ASC|DESC)\(\s*)?\?(?P<name>\w+)\s*\)?", re.I)
_FIRST_VARIABLE = re.compile(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\?(\w+)", re.I)
_NUMERIC = {
    str(XSD[t])
    for t in [
        "integer",
        "decimal",
        "double",
        "float",
        "long",
        "int",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
}

Run = Callable[[str, float | None], QueryResult]  # (query text, seconds left) -> its rows


@dataclass(frozen=True)
class SortKey:
    name: str
    descending: bool = False


@dataclass(frozen=True)
class Listing:
    """A library query's anchors with its first sort keys (see the module docstring)."""

    text: str
    anchor: str
    keys: tuple[SortKey, ...]
    # most anchors in one round (`# @round N`): where the engine plans a larger VALUES
    # block as a scan of every row (Oxigraph, from about 16 articles in facts-by-rule)
    most: int = MOST_ANCHORS


def read_listing(path: Path) -> Listing:
    """The listing in a queries/pages/*.rq file; QueryError naming the file when its
    `# @order` line or its first selected variable is missing."""
    text = path.read_text(encoding="utf-8")
    order = _ORDER_LINE.search(text)
    first = _FIRST_VARIABLE.search(text)
    if order is None or first is None:
        raise QueryError(f"{path}: a listing needs a '# @order ?key ...' line and a SELECT ?anchor")
    keys = tuple(
        SortKey(m.group("name"), (m.group("dir") or "").upper() == "DESC")
        for m in _KEY.finditer(order.group("keys"))
    )
    most = _ROUND_LINE.search(text)
    return Listing(text, first.group(1), keys, int(most.group("most")) if most else MOST_ANCHORS)


def order_key(term: Node | None) -> tuple:
    """A term's place in SPARQL's ORDER BY: unbound, blank nodes, IRIs, then literals;
    numbers by value, other literals by their text (dates written as ISO text sort as their
    values do, years before the days of that year, as Oxigraph orders them)."""
    if term is None:
        return (0, 0, 0, "")
    if isinstance(term, BNode):
        return (1, 0, 0, str(term))
    if isinstance(term, URIRef):
        return (2, 0, 0, str(term))
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) in _NUMERIC:
        try:
            return (3, 0, Decimal(str(term)), "")
        except InvalidOperation:
            pass
    return (3, 1, 0, str(term))


def sort_rows(rows: list[dict], keys: tuple[SortKey, ...]) -> None:
    """Sort rows in place by `keys`, in SPARQL's order, keeping the order of equal rows."""
    for key in reversed(keys):  # stable sorts, last key first
        rows.sort(key=lambda row: order_key(row.get(key.name)), reverse=key.descending)


def _keys(listing: Listing, row: dict) -> tuple:
    return tuple(order_key(row.get(k.name)) for k in listing.keys)


def _tie_groups(listing: Listing, rows: list[dict]) -> list[tuple[tuple, list[Node]]]:
    """The listing's keys in order, each with the anchors listed with it."""
    entries = [row for row in rows if row.get(listing.anchor) is not None]
    sort_rows(entries, listing.keys)
    groups: list[tuple[tuple, list[Node]]] = []
    for row in entries:
        keys = _keys(listing, row)
        if not groups or groups[-1][0] != keys:
            groups.append((keys, []))
        groups[-1][1].append(row[listing.anchor])
    return groups


def _seconds_left(deadline: float | None) -> float | None:
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise QueryError("the query did not finish within its time limit; raise --timeout")
    return left


def _next_size(missing: int, asked: int, found: int, last: int) -> int:
    """How many anchors the next round asks for: enough for the rows still missing at the
    rate rows came so far (a quarter more), but at most four times the last round (the
    first anchors may say little about the rest)."""
    if found == 0:
        return last * 4
    return max(1, min(last * 4, int(missing * asked / found * 1.25) + 1))


def page(
    run: Run,
    text: str,
    params: dict[str, Node],
    listing: Listing,
    limit: int | None,
    offset: int,
    timeout: float | None,
) -> QueryResult | None:
    """Rows `offset` to `offset + limit` of the query `text` (a SELECT), found through its
    listing; None when the engine should page it instead (no limit, or a page that needs
    more than MOST_ANCHORS anchors in one round)."""
    if limit is None:
        return None
    deadline = None if timeout is None else time.monotonic() + timeout
    # the query's parameters narrow its listing too (one it does not use binds nothing)
    listed = run(bind_values(listing.text, params), _seconds_left(deadline))
    groups = _tie_groups(listing, listed.rows)
    bound = bind_values(text, params)
    wanted = offset + limit
    rows: list[dict] = []
    variables: list[str] | None = None
    size, next_group, asked = min(FIRST_ANCHORS, listing.most), 0, 0
    while next_group < len(groups) and len(rows) < wanted:
        anchors: dict[Node, None] = {}  # in order, each once
        keys = set()
        while next_group < len(groups) and (
            not anchors or len(anchors) + len(groups[next_group][1]) <= size
        ):
            keys.add(groups[next_group][0])
            anchors.update(dict.fromkeys(groups[next_group][1]))
            next_group += 1
        if len(anchors) > MOST_ANCHORS:
            return None
        found = run(bind_column(bound, listing.anchor, list(anchors)), _seconds_left(deadline))
        variables = found.variables
        # an anchor listed with several keys brings the rows of each: those of keys later
        # in the order come again with their own round
        batch = [row for row in found.rows if _keys(listing, row) in keys]
        sort_rows(batch, listing.keys)
        rows += batch
        asked += len(anchors)
        size = min(_next_size(wanted - len(rows), asked, len(rows), size), listing.most)
    if variables is None:  # nothing listed: the query's columns, from no rows at all
        variables = run(bind_column(bound, listing.anchor, []), _seconds_left(deadline)).variables
    return QueryResult("select", variables, rows[offset:wanted])

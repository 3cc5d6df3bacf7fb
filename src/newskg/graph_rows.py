"""Each article graph's rows of the network projection, kept beside the store.

`newskg graph` reads every article's people, organizations, places, events and facts. At a
million triples the engine took 4-8 s to answer that over the whole store, far more than
the rows themselves cost to read, while an ingest touches a few articles at a time. So the
pass that follows every write (newskg.reports.link_reports) works out the rows of each
article it wrote, over a copy of that graph alone, and keeps them in the store's report
index (newskg.report_index) under the article's stamp: its content hash, when its
extraction started, and the curator's splits that rename entities in it. A reader takes
the rows whose stamp is the graph's stamp now and works out the others itself, so rows
kept of an older writing of a graph are never used; a store without kept rows (a SPARQL
endpoint, a store last written by an older newskg) is read whole, as before.

The rows of one article are plain lists (JSON in the index):
- nodes: [node, type, name, date, event type], one per name and date an article gives;
- facts: [source, target, relation, role, date, sentence];
- article: [id, headline, outlet, published].
"""

from __future__ import annotations

import hashlib
import json
import weakref
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newskg.report_index import ReportIndex, stored_graph_rows
from newskg.resources import internal_query
from newskg.store.base import SelectResult, Store

_NODES = internal_query("projections-nodes")
_FACTS = internal_query("projections-edges")
_ARTICLES = internal_query("projections-articles")
_STAMPS = internal_query("projections-stamps")
_SPLITS = internal_query("pipeline-splits")

# Part of every stamp: rows worked out by other queries (another version of newskg) are
# rows of another kind, and are never used.
_ASKED_BY = hashlib.sha256((_NODES + _FACTS + _ARTICLES).encode("utf-8")).hexdigest()

NODE_FIELDS = ("node", "type", "name", "date", "eventType")
FACT_FIELDS = ("source", "target", "relation", "role", "date", "evidence")
ARTICLE_FIELDS = ("article", "headline", "outlet", "published")
# Above this share of articles without rows of their stamp, the reader asks the engine
# about the whole store at once rather than about each of those articles alone.
MOST_STALE = 0.25


@dataclass
class Rows:
    """The projection's rows, by article graph."""

    nodes: dict[str, list[list[str]]] = field(default_factory=lambda: defaultdict(list))
    facts: dict[str, list[list[str]]] = field(default_factory=lambda: defaultdict(list))
    articles: dict[str, list[str]] = field(default_factory=dict)

    def add(self, graph: str, rows: dict) -> None:
        self.nodes[graph].extend(rows["nodes"])
        self.facts[graph].extend(rows["facts"])
        if rows["article"]:
            self.articles[graph] = rows["article"]


def _s(row: dict, key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


def _split(answers: list[SelectResult], into: Rows) -> None:
    """The answers of _NODES, _FACTS and _ARTICLES, by article graph."""
    nodes, facts, articles = answers
    for row in nodes:
        into.nodes[str(row["a"])].append([_s(row, k) for k in NODE_FIELDS])
    for row in facts:
        into.facts[str(row["a"])].append([_s(row, k) for k in FACT_FIELDS])
    for row in articles:
        into.articles.setdefault(str(row["a"]), [_s(row, k) for k in ARTICLE_FIELDS])


def _sorted(rows: dict) -> dict:
    """One article's rows in one order, whatever order the engine answers in."""
    return {
        "nodes": sorted(rows["nodes"]),
        "facts": sorted(rows["facts"]),
        "article": rows["article"],
    }


def _rows_of(found: Rows, graph: str) -> dict:
    return _sorted(
        {
            "nodes": found.nodes.get(graph, []),
            "facts": found.facts.get(graph, []),
            "article": found.articles.get(graph, []),
        }
    )


def article_rows(store: Store, graph: str) -> dict:
    """One article graph's rows, worked out over that graph alone."""
    from newskg.store.oxigraph_store import OxigraphStore

    found = Rows()
    if isinstance(store, OxigraphStore):
        answers = [store.select_in_graph(q, graph) for q in (_NODES, _FACTS, _ARTICLES)]
    else:
        from rdflib import URIRef

        answers = [store.select(q, {"a": URIRef(graph)}) for q in (_NODES, _FACTS, _ARTICLES)]
    _split(answers, found)
    return _rows_of(found, graph)


# The rows of each graph a store object wrote, worked out from a copy of what it wrote and
# kept until the pass after the write stores them.
_WRITTEN: weakref.WeakKeyDictionary[Store, dict[str, str]] = weakref.WeakKeyDictionary()


def note_written(store: Store, graph: str, written: Store) -> None:
    """Called after an article graph is written whole to `store`, with a copy of what was
    written (`written`: that graph alone, in memory): its rows, for the pass after the
    write to keep."""
    found = Rows()
    _split([written.select(q) for q in (_NODES, _FACTS, _ARTICLES)], found)
    _WRITTEN.setdefault(store, {})[graph] = json.dumps(_rows_of(found, graph))


def all_rows(store: Store, select=None) -> Rows:
    """Every article's rows, asked of the whole store (`select`: runs the three queries,
    at once if it can)."""
    answers = (select or (lambda *qs: [store.select(q) for q in qs]))(_NODES, _FACTS, _ARTICLES)
    found = Rows()
    _split(answers, found)
    return found


def stamps(store: Store, graphs: Iterable[str] | None = None) -> dict[str, str]:
    """Each article graph's stamp now: its content hash, when its extraction started, the
    splits that rename entities in it (a split changes the graph, not the article) and the
    queries the rows are worked out by. `graphs`: only those graphs' (a graph not in the
    store has none); None: every graph's."""
    if graphs is None:
        found = store.select(_STAMPS).rows
    else:
        from rdflib import URIRef

        found = [row for g in sorted(graphs) for row in store.select(_STAMPS, {"a": URIRef(g)})]
    parts: dict[str, list[str]] = defaultdict(list)
    for row in found:
        parts[str(row["a"])].append(f"{_s(row, 'hash')} {_s(row, 'started')}")
    for row in store.select(_SPLITS):
        article = str(row["article"])
        if article in parts:
            parts[article].append(f"split {row['entity']} {row['into']}")
    return {
        graph: hashlib.sha256("\n".join([_ASKED_BY, *sorted(found)]).encode("utf-8")).hexdigest()
        for graph, found in parts.items()
    }


def refresh(
    store: Store, index: ReportIndex, changed: Iterable[str] | None = None, only: bool = False
) -> None:
    """Bring the index's rows up to the store's article graphs: those of `changed` (the
    graphs the caller wrote or removed; None: every graph) and of any graph whose stamp
    differs are worked out again, those of graphs that are gone dropped. Committed with the
    index. `only`: the caller knows `changed` is all that changed (its writes were
    announced, newskg.reports.announce_writes), so only their stamps are read. Reading every
    graph's stamp after each delivery made the pass's cost grow with the store (at 20,000
    articles 1.5-2.9 s a batch, where the 1,000 written took 0.4 s). A graph changed around
    the writers is still never drawn from old rows: a reader checks every stamp (read)."""
    changed = None if changed is None else set(changed)
    now = stamps(store, changed if only and changed is not None else None)
    kept = index.graph_row_stamps()
    written = _WRITTEN.pop(store, {})
    redo = set(now) if changed is None else {g for g in changed if g in now}
    redo |= {g for g, stamp in now.items() if kept.get(g) != stamp}
    gone = set(kept) - set(now)
    if only and changed is not None:
        gone &= changed  # the others were not asked about
    for graph in sorted(gone):
        index.remove_graph_rows(graph)
    asked = [g for g in redo if g not in written]
    # many to ask (a relink, a curation, a store of an older newskg): the whole store at
    # once, as a reader would (at 1.4 M triples 5 s, where one graph at a time took 38 s)
    whole = all_rows(store) if len(asked) > MOST_STALE * max(len(now), len(kept)) else None
    for graph in sorted(redo):
        if graph in written:
            rows = written[graph]
        else:
            found = _rows_of(whole, graph) if whole is not None else article_rows(store, graph)
            rows = json.dumps(found)
        index.set_graph_rows(graph, now[graph], rows)
    index.commit()


def read(store: Store, select=None) -> Rows:
    """Every article's rows for a projection: those kept beside the store where their stamp
    is the graph's stamp now, the others worked out now (one article at a time while they
    are few, the whole store at once otherwise). Reads only: nothing is written."""
    kept = stored_graph_rows(store)
    if not kept:
        return all_rows(store, select)
    now = stamps(store)
    stale = {g for g, stamp in now.items() if g not in kept or kept[g][0] != stamp}
    if len(stale) > MOST_STALE * len(now):
        return all_rows(store, select)
    found = Rows()
    for graph in sorted(now):
        if graph in stale:
            found.add(graph, article_rows(store, graph))
        else:
            try:
                found.add(graph, json.loads(kept[graph][1]))
            except (ValueError, KeyError, TypeError):  # a damaged row: asked again
                found.add(graph, article_rows(store, graph))
    return found

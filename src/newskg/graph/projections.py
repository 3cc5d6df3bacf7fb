"""Projections of the store into networkx graphs, built by SPARQL.

- `full`: people, organizations, places and events as nodes; memberships, participations,
  event locations and person relations as edges, each with its relation, role, date and the
  evidence sentence with its article's headline and outlet;
- `people`: person–person, weighted by shared events and shared organizations;
- `organizations`: organization–organization through shared people;
- `events`: events and their participants (bipartite).
"""

from __future__ import annotations

import re
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import networkx as nx

from newskg import graph_rows
from newskg.errors import NewskgError
from newskg.resolve import fold
from newskg.resources import internal_query
from newskg.store.base import SelectResult, Store

VIEWS = ("full", "people", "organizations", "events")

# Facts are matched inside each article's named graph (GRAPH ?a): an entity's type and name
# are repeated in every article graph that names it, and over the union default graph the
# copies multiply in every join (at a million triples the people view did not finish in
# 2 minutes). Each article's rows come from newskg.graph_rows (kept beside the store, or
# asked now); aliases come from any graph, curation included.
_ALIASES = internal_query("projections-aliases")
# which events several articles report, and how many (reports.py links them)
_REPORTS = internal_query("projections-reports")
_CLAIMS = internal_query("projections-claims")


@dataclass(frozen=True)
class Filters:
    """Which part of the graph to show."""

    focus: str | None = None  # a name or alias; keeps the ego network around it
    hops: int = 2
    types: frozenset[str] | None = None  # person, organization, place, event
    since: str | None = None  # event dates, ISO
    until: str | None = None
    article: str | None = None


def _s(row: dict, key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


def _selects(store: Store, *queries: str) -> list[SelectResult]:
    """The answers of the queries, asked at once: the engine evaluates much of a query
    outside Python's lock, so on two cores they overlap (at 1.4 M triples the node and the
    edge query took 2.4 s together instead of 3.4 s one after the other)."""
    pool, futures = _asking(store, *queries)
    with pool:
        return [future.result() for future in futures]


def _asking(store: Store, *queries: str) -> tuple[ThreadPoolExecutor, list[Future]]:
    """The queries asked at once, on threads of their own; the caller reads the rows and
    builds the graph meanwhile, and shuts the pool down."""
    pool = ThreadPoolExecutor(max_workers=len(queries), thread_name_prefix="newskg-projection")
    return pool, [pool.submit(store.select, query) for query in queries]


def _rows(store: Store) -> graph_rows.Rows:
    return graph_rows.read(store, select=lambda *asked: _selects(store, *asked))


def full_projection(store: Store, filters: Filters | None = None) -> nx.MultiGraph:
    """Every entity and qualified relation as a multigraph (one edge per stated fact)."""
    return _full(_rows(store), store.select(_ALIASES), filters or Filters())


def _nodes(rows: graph_rows.Rows, aliases: SelectResult) -> dict[tuple[str, str], dict]:
    """Each entity of an article graph, by IRI and type: its first name and date in
    alphabetical order, its event type, its aliases and the ids of the articles that name it
    (a graph that is not an article's, such as curation, names none)."""
    other_names: dict[str, set[str]] = defaultdict(set)
    for row in aliases:
        other_names[str(row["node"])].add(str(row["alias"]))
    found: dict[tuple[str, str], dict] = {}
    for graph, nodes in rows.nodes.items():
        article = rows.articles.get(graph)
        if not article:
            continue
        for node, kind, name, date, event_type in nodes:
            entry = found.setdefault(
                (node, kind), {"names": set(), "dates": set(), "types": set(), "articles": set()}
            )
            entry["names"].add(name)
            entry["dates"].add(date)
            entry["types"].add(event_type)
            entry["articles"].add(article[0])
    return {
        key: {
            "label": min(entry["names"]),
            "type": key[1],
            "aliases": sorted(other_names.get(key[0], ())),
            "articles": sorted(entry["articles"]),
            "date": min(entry["dates"] - {""}, default=""),
            "event_type": min(entry["types"] - {""}, default=""),
        }
        for key, entry in found.items()
    }


def _facts(rows: graph_rows.Rows) -> list[dict[str, str]]:
    """Each fact of an article graph once, with its article's id, headline, outlet and date
    (a graph that is not an article's, such as curation, states none), in the order of
    their fields. The same fact told in the same words twice in one article is one fact."""
    facts: dict[tuple, dict[str, str]] = {}
    for graph, found in rows.facts.items():
        article = rows.articles.get(graph)
        if not article:
            continue
        for row in found:
            fact = dict(zip(graph_rows.FACT_FIELDS, row, strict=True))
            fact.update(zip(graph_rows.ARTICLE_FIELDS, article, strict=True))
            facts.setdefault(tuple(fact.values()), fact)
    return [facts[key] for key in sorted(facts)]


def _full(rows: graph_rows.Rows, aliases: SelectResult, filters: Filters) -> nx.MultiGraph:
    graph = nx.MultiGraph()
    # in the order of the nodes' IRIs and of the facts' fields, not the engine's: its
    # order of rows differs from one process to the next, and the page's layout starts
    # from the order of the nodes (the same store drew another picture each time). An
    # entity given two types is one node, of the type last in that order.
    for (node, _kind), data in sorted(_nodes(rows, aliases).items()):
        graph.add_node(node, **data)
    keys: dict[tuple[str, str], int] = defaultdict(int)
    for fact in _facts(rows):
        source, target = fact.pop("source"), fact.pop("target")
        if source in graph and target in graph:
            # each pair's facts numbered here as networkx would (its own numbering took a
            # tenth of the projection's time); the fact reads from its subject
            pair = (source, target) if source <= target else (target, source)
            graph.add_edge(source, target, keys[pair], subject=source, **fact)
            keys[pair] += 1
    _mark_lone_statements(graph)
    return apply_filters(graph, filters)


def _mark_lone_statements(graph: nx.MultiGraph) -> None:
    """A statement with one speaker and nothing else (no place, no one else taking part) is
    marked `lone_statement`: the page keeps it but shows it only when asked, since every
    "<Name> said" of a collection would otherwise draw a pair of its own."""
    for node, data in graph.nodes(data=True):
        if data.get("type") != "event" or data.get("event_type") != "speech":
            continue
        others = {n for n in graph.neighbors(node)}
        if len(others) <= 1:
            data["lone_statement"] = True


def _add_reports(
    graph: nx.MultiGraph, reports: SelectResult, claims: SelectResult, ids: dict[str, str]
) -> None:
    """On each event node: how many articles report the event (`reports`) and where they
    disagree (`disagreements`, "date: 2025-03-07 (article-a) / 2025-03-08 (article-b)"),
    from the answers of _REPORTS and _CLAIMS (`ids`: each article graph's id)."""
    shared_of: dict[str, str] = {}
    for row in reports:
        event, shared = str(row["event"]), str(row["shared"])
        shared_of[event] = shared
        if event in graph:
            graph.nodes[event]["reports"] = int(str(row["count"]))
    if not shared_of:
        return
    values: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    # the order of each subject's values: as conflicting-claims lists them
    rows = sorted(
        (str(r["subject"]), str(r["property"]), ids[str(r["a"])], str(r["value"]))
        for r in claims
        if str(r["a"]) in ids
    )
    for subject, prop, article, value in rows:
        said = f"{value} ({article})"
        listed = values[subject][prop]
        if said not in listed:
            listed.append(said)
    for event, shared in shared_of.items():
        if event in graph and shared in values:
            graph.nodes[event]["disagreements"] = [
                f"{prop}: {' / '.join(said)}" for prop, said in sorted(values[shared].items())
            ]


def apply_filters(graph: nx.Graph, filters: Filters) -> nx.Graph:
    """The part of the graph the filters keep, its nodes and links in the graph's order (a
    subgraph of networkx takes the order of a set, which differs from one process to the
    next, and the page's layout follows the order)."""
    g = graph
    if filters.article:
        kept = [
            (u, v, k)
            for u, v, k, d in g.edges(keys=True, data=True)
            if d.get("article") == filters.article
        ]
        ends = {n for u, v, _ in kept for n in (u, v)}
        g = _keeping(
            g,
            [
                n
                for n, d in g.nodes(data=True)
                if n in ends or filters.article in d.get("articles", [])
            ],
        )
        drop = [
            (u, v, k)
            for u, v, k, d in g.edges(keys=True, data=True)
            if d.get("article") != filters.article
        ]
        g.remove_edges_from(drop)
    if filters.since or filters.until:

        def in_range(date: str) -> bool:
            return (
                bool(date)
                and (not filters.since or date >= filters.since)
                and (not filters.until or date[: len(filters.until)] <= filters.until)
            )

        g = _keeping(
            g,
            [
                n
                for n, d in g.nodes(data=True)
                if d.get("type") != "event" or in_range(d.get("date", ""))
            ],
        )
    if filters.types:
        g = _keeping(g, [n for n, d in g.nodes(data=True) if d.get("type") in filters.types])
    if filters.focus:
        center = find_node(g, filters.focus)
        near = nx.single_source_shortest_path_length(g, center, cutoff=filters.hops)
        g = _keeping(g, [n for n in g if n in near])
    return g


def _keeping(graph: nx.Graph, nodes: list) -> nx.Graph:
    """A copy of the graph with only `nodes` (and the links between them), in its order."""
    kept = graph.copy()
    members = set(nodes)
    kept.remove_nodes_from([n for n in graph if n not in members])
    return kept


def find_node(graph: nx.Graph, name: str) -> str:
    """A node by its name or any alias (folded: case, accents, punctuation)."""
    wanted = fold(name)
    matches = [
        n
        for n, d in graph.nodes(data=True)
        if wanted == fold(d.get("label", "")) or wanted in {fold(a) for a in d.get("aliases", [])}
    ]
    if not matches:
        close = _close_names(graph, wanted)
        hint = (
            f"did you mean {' or '.join(repr(c) for c in close)}?"
            if close
            else "`newskg query people-roles` lists the people"
        )
        raise NewskgError(f"no entity named {name!r} in this view; {hint}")
    return sorted(matches, key=lambda n: -graph.degree(n))[0]


def _close_names(graph: nx.Graph, wanted: str, most: int = 3) -> list[str]:
    """The names of the view closest in spelling to a folded name (difflib's ratio)."""
    import difflib

    by_form: dict[str, str] = {}
    for _, data in graph.nodes(data=True):
        for shown in [data.get("label", ""), *data.get("aliases", [])]:
            if shown:
                by_form.setdefault(fold(shown), str(data.get("label", shown)))
    close = difflib.get_close_matches(wanted, list(by_form), n=most, cutoff=0.75)
    return list(dict.fromkeys(by_form[c] for c in close))


PERSON_RELATIONS = ("spouse", "child", "parent", "sibling", "relative")
# Above this many people, what they share is drawn as itself, one node linked to each of them,
# not as a link between every two (fifteen honourees of one ceremony made 105 links).
MOST_PAIRED = 6


def people_projection(full: nx.MultiGraph) -> nx.Graph:
    """Person–person edges: family relations the articles state (spouse, child, …) and the
    events and organizations two people share. Each edge is labelled by what links the two
    ("spouse", "both at <event>") and keeps the facts behind it, each with its sentence. An
    event or organization shared by more than MOST_PAIRED people stays a node of its own,
    linked to each of them, instead of a link between every two."""
    links: dict[tuple[str, str], dict] = defaultdict(lambda: {"what": [], "facts": []})
    hubs: list[tuple[str, dict, dict[str, list[dict]]]] = []

    def link(a: str, b: str, what: str, facts: list[dict]) -> None:
        entry = links[(a, b) if a <= b else (b, a)]
        if what not in entry["what"]:
            entry["what"].append(what)
        entry["facts"].extend(f for f in facts if f not in entry["facts"])

    for u, v, data in full.edges(data=True):
        types = (full.nodes[u].get("type"), full.nodes[v].get("type"))
        if types == ("person", "person") and data.get("relation") in PERSON_RELATIONS:
            link(u, v, data["relation"], [dict(data)])
    for hub, word in (("event", "both at"), ("organization", "both in")):
        for node, data in full.nodes(data=True):
            if data.get("type") != hub:
                continue
            facts_of: dict[str, list[dict]] = defaultdict(list)
            for _, person, d in full.edges(node, data=True):
                if full.nodes[person].get("type") == "person":
                    # the fact's object is not in the people view: its name goes with it
                    facts_of[person].append(dict(d, object_name=data.get("label", node)))
            people = sorted(facts_of)
            if len(people) > MOST_PAIRED:
                hubs.append((node, data, facts_of))
                continue
            for i, a in enumerate(people):
                for b in people[i + 1 :]:
                    link(a, b, f"{word} {data.get('label', node)}", facts_of[a] + facts_of[b])
    graph = nx.Graph()
    graph.add_nodes_from((n, d) for n, d in full.nodes(data=True) if d.get("type") == "person")
    for hub, data, facts_of in hubs:
        _add_hub(graph, hub, data, facts_of)
    for (a, b), entry in links.items():
        family = [w for w in entry["what"] if w in PERSON_RELATIONS]
        relation = family[0] if family else "shares"
        label = "; ".join(entry["what"][:2]) + (" …" if len(entry["what"]) > 2 else "")
        graph.add_edge(
            a,
            b,
            weight=len(entry["what"]),
            relation=relation,
            role=label,
            evidence=entry["facts"][0].get("evidence", "") if entry["facts"] else "",
            facts=entry["facts"],
        )
    return graph


def _add_hub(graph: nx.Graph, hub: str, data: dict, facts_of: dict[str, list[dict]]) -> None:
    """A shared event or organization as a node, linked to each of its people."""
    graph.add_node(hub, **data)
    for person, facts in facts_of.items():
        plain = [{k: v for k, v in f.items() if k != "object_name"} for f in facts]
        graph.add_edge(
            person,
            hub,
            weight=1,
            relation=plain[0].get("relation", ""),
            role=", ".join(sorted({f.get("role", "") for f in plain} - {""})),
            subject=person,
            evidence=plain[0].get("evidence", ""),
            facts=plain,
        )


def organizations_projection(full: nx.MultiGraph) -> nx.Graph:
    """Organization–organization edges through what links them: people linked to both
    (posts, membership, taking part for them) and events both took part in. Each edge says
    which ("shares people: A, B", "shares events: E") and keeps the facts behind it."""
    graph = nx.Graph()
    graph.add_nodes_from(
        (n, d) for n, d in full.nodes(data=True) if d.get("type") == "organization"
    )
    for node, data in full.nodes(data=True):
        kind = data.get("type")
        if kind not in ("person", "event"):
            continue
        facts_of: dict[str, list[dict]] = defaultdict(list)
        for _, org, d in full.edges(node, data=True):
            if full.nodes[org].get("type") == "organization":
                facts_of[org].append(dict(d, object_name=data.get("label", node)))
        orgs = sorted(facts_of)
        what = "shares people" if kind == "person" else "shares events"
        for i, a in enumerate(orgs):
            for b in orgs[i + 1 :]:
                _link_organizations(graph, a, b, what, data.get("label", node), facts_of)
    for _a, _b, d in graph.edges(data=True):
        through = d.pop("through")
        d["role"] = "; ".join(f"{w}: {', '.join(sorted(names))}" for w, names in through.items())
        d["evidence"] = d["facts"][0].get("evidence", "") if d["facts"] else ""
        d["relation"] = "shares people" if "shares people" in through else "shares events"
    return graph


def _link_organizations(graph, a: str, b: str, what: str, name: str, facts_of) -> None:
    if not graph.has_edge(a, b):
        graph.add_edge(a, b, weight=0, through={}, facts=[])
    edge = graph[a][b]
    edge["weight"] += 1
    edge["through"].setdefault(what, set()).add(name)
    edge["facts"].extend(f for f in facts_of[a] + facts_of[b] if f not in edge["facts"])


def events_projection(full: nx.MultiGraph) -> nx.Graph:
    """Events and their participants, bipartite (one edge per participant, roles joined)."""
    graph = nx.Graph()
    for u, v, d in full.edges(data=True):
        if d.get("relation") != "took part in":
            continue
        for n in (u, v):
            graph.add_node(
                n, **full.nodes[n], bipartite=0 if full.nodes[n].get("type") == "event" else 1
            )
        if graph.has_edge(u, v):
            roles = set(graph[u][v]["role"].split(", ")) | {d.get("role", "")}
            graph[u][v]["role"] = ", ".join(sorted(r for r in roles if r))
        else:
            graph.add_edge(u, v, **d)
    return graph


def projection(store: Store, view: str = "full", filters: Filters | None = None) -> nx.Graph:
    """One of VIEWS, filtered."""
    if view not in VIEWS:
        raise NewskgError(f"unknown view {view!r}; use one of {', '.join(VIEWS)}")
    # which events are one, and what their reports disagree on, asked while the rest is
    # read and built (at a million triples the claims took longer than the rows)
    pool, (reports, claims) = _asking(store, _REPORTS, _CLAIMS)
    with pool:
        rows = _rows(store)
        full = _full(
            rows,
            store.select(_ALIASES),
            Filters(
                article=(filters or Filters()).article,
                since=(filters or Filters()).since,
                until=(filters or Filters()).until,
            ),
        )
        ids = {graph: article[0] for graph, article in rows.articles.items() if article}
        # for the pages only: `path` and `stats` need none
        _add_reports(full, reports.result(), claims.result(), ids)
    build = {
        "full": lambda g: g,
        "people": people_projection,
        "organizations": organizations_projection,
        "events": events_projection,
    }[view]
    rest = filters or Filters()
    return apply_filters(build(full), Filters(focus=rest.focus, hops=rest.hops, types=rest.types))


_TIMELINE = internal_query("projections-timeline")


_ISO_DATE = re.compile(r"^(\d{4})(-\d{2})?(-\d{2})?(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


def _placeable(value: str | None) -> str | None:
    """A date the time axis can place (YYYY, YYYY-MM, YYYY-MM-DD; a time of day dropped);
    None for anything else (a negative year, free text from an import)."""
    match = _ISO_DATE.match(value or "")
    return "".join(g for g in match.groups()[:3] if g) if match else None


def _unplaceable(value: str | None) -> str | None:
    """What the axis cannot place is kept as text, shown beside the undated events."""
    return value if value and _placeable(value) is None else None


def timeline_events(store: Store) -> list[dict]:
    """Every event with its date, place and participants, the first sentence that tells it
    and its article, for the timeline page."""
    events: dict[str, dict] = {}
    first: dict[str, int] = {}
    for row in store.select(_TIMELINE):
        key = str(row["e"])
        e = events.setdefault(
            key,
            {
                "id": key,
                "label": _s(row, "label"),
                "type": _s(row, "type"),
                "date": _placeable(_s(row, "date")),
                "date_text": _s(row, "dateText") or _unplaceable(_s(row, "date")),
                "place": _s(row, "place") or None,
                "participants": [],
                "sentence": "",
                "article": _s(row, "articleId"),
                "headline": _s(row, "headline"),
                "outlet": _s(row, "outlet"),
                "published": _s(row, "published"),
            },
        )
        if row.get("name") is not None:
            p = {"name": _s(row, "name"), "role": _s(row, "role")}
            if p not in e["participants"]:
                e["participants"].append(p)
        if row.get("start") is not None:
            start = int(str(row["start"]))
            if key not in first or start < first[key]:
                first[key], e["sentence"] = start, _s(row, "sentence")
    return list(events.values())

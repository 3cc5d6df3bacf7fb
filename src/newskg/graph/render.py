"""Interactive pages that work offline and never turn article text into markup.

Labels and tooltips are built from article text. They reach the network page only as JSON
inside the script (pyvis's template uses Jinja's `tojson`, which escapes <, >, & and quotes),
and vis-network 9 shows string tooltips as plain text, so they are passed as plain strings;
escaping them here as well would show "&lt;" to the reader. Everything this module writes as
HTML itself (legend, notices, titles, the timeline) goes through `html.escape`. vis-network's
code is inlined (cdn_resources="in_line") and every remote <script>/<link> pyvis's template
adds is removed, so the page loads nothing from the network.
"""

from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path

import networkx as nx

from newskg.graph.webgl import big_layout

TYPE_STYLE = {
    "person": {"color": "#4e79a7", "shape": "dot", "label": "person"},
    "organization": {"color": "#f28e2b", "shape": "square", "label": "organization"},
    "place": {"color": "#59a14f", "shape": "triangle", "label": "place"},
    "event": {"color": "#e15759", "shape": "diamond", "label": "event"},
}
DEFAULT_MAX_NODES = 20_000  # above graph.webgl.CANVAS_MOST_NODES the page draws with WebGL
# A graph of more than max_nodes opens as communities, each drawn as one node that opens on
# a click; the page holds at most PAGE_MOST_NODES of its nodes, the most connected, since
# every node it holds costs page and browser memory (100,000 nodes and 200,000 links: 73 MiB).
PAGE_MOST_NODES = 100_000
MOST_COMMUNITY_NODES = 200  # a frame draws every community node: at most this many at once

_REMOTE_TAG = re.compile(
    r"<(?:link|script)\b[^>]*\b(?:href|src)\s*=\s*[\"']?(?:https?:)?//[^>]*>(?:\s*</script>)?",
    re.I | re.S,
)


def cap_nodes(graph: nx.Graph, max_nodes: int) -> tuple[nx.Graph, int]:
    """Keep the most central nodes (degree, then name) when the graph is too large to draw."""
    if graph.number_of_nodes() <= max_nodes:
        return graph, 0
    ranked = sorted(graph.degree(), key=lambda nd: (-nd[1], str(nd[0])))
    keep = [n for n, _ in ranked[:max_nodes]]
    return graph.subgraph(keep).copy(), graph.number_of_nodes() - max_nodes


def _cut(text: str, limit: int) -> str:
    """Text shortened to `limit` characters, with an ellipsis when something was cut."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _node_tooltip(data: dict) -> str:
    lines = [data.get("label", ""), f"type: {data.get('type', '?')}"]
    if data.get("aliases"):
        lines.append("also: " + ", ".join(data["aliases"][:5]))
    if data.get("roles"):
        lines.append("roles: " + "; ".join(sorted(data["roles"])[:5]))
    if data.get("date"):
        lines.append(f"date: {data['date']}")
    if data.get("articles"):
        lines.append("articles: " + ", ".join(data["articles"][:5]))
    if data.get("reports"):
        lines.append(f"reported by {data['reports']} articles")
    for disagreement in data.get("disagreements", [])[:5]:
        lines.append(f"they differ on {disagreement}")
    lines.append("(click for details and evidence)")
    return "\n".join(lines)


def _edge_tooltip(data: dict) -> str:
    lines = [" · ".join(x for x in (data.get("relation"), data.get("role"), data.get("date")) if x)]
    if data.get("evidence"):
        lines.append(f"“{_cut(data['evidence'], 400)}”")
    # an article without a headline is named by its id
    source = " — ".join(
        x for x in (data.get("headline") or data.get("article"), data.get("outlet")) if x
    )
    if source:
        lines.append(f"from: {source}")
    return "\n".join(lines)


# Edges coloured by what they say, not by the node they leave.
RELATION_COLORS = {
    "took part in": "#9c755f",
    "member of": "#76b7b2",
    "took place in": "#8cd17d",
    "spouse": "#b07aa1",
    "child": "#b07aa1",
    "parent": "#b07aa1",
    "sibling": "#b07aa1",
    "relative": "#b07aa1",
    "born_in": "#ff9da7",
    "educated_at": "#ff9da7",
    "shares": "#bab0ac",
    "shares people": "#76b7b2",
}
OTHER_RELATION = "#999999"
DEFAULT_MAX_EDGES = 3000
LABEL_CHARS = 28
_ASSETS = "newskg.graph.assets"


def _asset(name: str) -> str:
    from importlib import resources

    return (resources.files(_ASSETS) / name).read_text(encoding="utf-8")


def _json_for_script(value) -> str:
    """JSON that can sit inside <script>: "<", ">" and "&" escaped, so no article text can
    close the element or open another."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


CANVAS_ASPECT = 1.2  # width / height of the canvas at 1400×900 with the controls beside it
SPRING_MOST_NODES = 300  # a larger group of linked nodes is laid out by igraph


def _layout(simple: nx.Graph) -> dict:
    """Positions computed once, with a fixed seed: the same graph always looks the same.
    Each connected group of nodes is laid out on its own in a box that grows with its size
    (about 170 px per node across), the boxes packed in rows, largest first, so that labels
    are legible when the page opens; nodes with no link sit in rows below. `simple`: the
    graph with one edge per pair."""
    groups = sorted(
        (sorted(c, key=str) for c in nx.connected_components(simple) if len(c) > 1),
        key=lambda c: (-len(c), str(c[0])),
    )
    lonely = sorted((n for n in simple if simple.degree(n) == 0), key=str)
    # rows as wide as makes the whole layout about as wide as the canvas is (beside its
    # panels), so the first fit fills it rather than leaving a tall column
    sides = [170 * len(g) ** 0.5 for g in groups]
    # (nodes without links are hidden when the page opens: they do not count)
    area = sum((side + 120) * (side * 0.75 + 80) for side in sides)
    row_width = max([1300.0, *sides, (area * CANVAS_ASPECT) ** 0.5 * 1.15])
    positions: dict = {}
    x = y = row_height = 0.0
    for group in groups:
        side = 170 * len(group) ** 0.5
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height + 80, 0.0
        part = _in_order(simple, group)
        raw = (
            nx.spring_layout(part, seed=7, iterations=100)
            if len(group) <= SPRING_MOST_NODES
            else big_layout(part)  # networkx's is O(n²) (and needs scipy)
        )
        xs = [p[0] for p in raw.values()]
        ys = [p[1] for p in raw.values()]
        span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
        for n, (px, py) in raw.items():
            positions[n] = (
                round(x + (px - min(xs)) / span_x * side),
                round(y + (py - min(ys)) / span_y * side * 0.75),
            )
        x += side + 120
        row_height = max(row_height, side * 0.75)
    top = y + row_height + 160
    per_row = max(8, int(row_width / 170))
    for i, n in enumerate(lonely):
        row, col = divmod(i, per_row)
        positions[n] = (round(col * 170), round(top + row * 90))
    return positions


def _in_order(graph: nx.Graph, nodes: list) -> nx.Graph:
    """The subgraph of `nodes` with its nodes in their order and each one's links in the
    graph's. A subgraph view of networkx walks a small set of nodes in the set's order,
    which follows string hashing and so differs from one process to the next: the layout,
    which starts from the order of the nodes, drew the same graph differently each time."""
    members = set(nodes)
    part = nx.Graph()
    part.add_nodes_from((n, graph.nodes[n]) for n in nodes)
    part.add_edges_from((u, v, d) for u, v, d in graph.edges(nodes, data=True) if v in members)
    return part


def _one_edge_per_pair(graph: nx.Graph) -> nx.Graph:
    """The graph with one edge per pair and its weight (the last of the pair's, as
    nx.Graph(multigraph) keeps), without the facts: copying them took 4 s at 100,000 nodes."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from(
        (u, v) if weight is None else (u, v, {"weight": weight})
        for u, v, weight in graph.edges(data="weight")
    )
    return simple


def _collapsed_at_start(community: dict, nodes: int, max_nodes: int) -> list[int]:
    """The communities a page of `nodes` nodes opens collapsed: none up to `max_nodes`;
    above, the largest, until at most `max_nodes` nodes are drawn one by one or
    MOST_COMMUNITY_NODES communities are collapsed."""
    if nodes <= max_nodes:
        return []
    sizes: dict[int, int] = {}
    for c in community.values():
        sizes[c] = sizes.get(c, 0) + 1
    collapsed: list[int] = []
    single = nodes
    for c, size in sorted(sizes.items(), key=lambda cs: (-cs[1], cs[0])):
        if single <= max_nodes or len(collapsed) == MOST_COMMUNITY_NODES or size < 2:
            break
        collapsed.append(c)
        single -= size
    return collapsed


def _communities(simple: nx.Graph) -> dict:
    if simple.number_of_edges() == 0:
        return {}
    groups = nx.community.louvain_communities(simple, seed=7)
    ordered = sorted(groups, key=lambda g: (-len(g), sorted(map(str, g))))
    return {n: i for i, group in enumerate(ordered, start=1) for n in group}


def _legend(types: list[str], relations: list[str], round_nodes: bool = False) -> str:
    shapes = {
        "dot": '<circle cx="7" cy="7" r="6"',
        "square": '<rect x="1" y="1" width="12" height="12"',
        "triangle": '<polygon points="7,1 13,13 1,13"',
        "diamond": '<polygon points="7,0 14,7 7,14 0,7"',
    }
    keys = []
    for t in types:
        style = TYPE_STYLE.get(t)
        if style is None:
            continue
        shape = shapes["dot" if round_nodes else style["shape"]] + f' fill="{style["color"]}"/>'
        keys.append(
            f'<span class="nkg-key"><svg width="14" height="14" aria-hidden="true">{shape}</svg>'
            f"{html.escape(style['label'])}</span>"
        )
    keys.append(
        '<span class="nkg-key"><svg width="30" height="14" aria-hidden="true">'
        '<circle cx="5" cy="9" r="3" fill="#888"/><circle cx="20" cy="7" r="6" fill="#888"/>'
        "</svg>size: number of links</span>"
    )
    lines = "".join(
        f'<span class="nkg-key"><svg width="22" height="8" aria-hidden="true"><line x1="0" y1="4" '
        f'x2="22" y2="4" stroke="{RELATION_COLORS.get(r, OTHER_RELATION)}" stroke-width="3"/></svg>'
        f"{html.escape(relation_labels().get(r, r))}</span>"
        for r in relations
    )
    return f'<div id="nkg-legend">{"".join(keys)}</div><div id="nkg-edge-legend">{lines}</div>'


def _controls(
    title: str,
    notice: str,
    left_out: int,
    types: list[str],
    relations: list[str],
    articles: list[str],
    outlets: list[str],
    dates: list[str],
    communities: bool,
    timeline: str = "timeline.html",
    round_nodes: bool = False,
) -> str:
    def boxes(name: str, values: list[str]) -> str:
        words = relation_labels() if name == "relation" else {}
        return "".join(
            f'<label><input type="checkbox" name="{name}" value="{html.escape(v)}" checked> '
            f"{html.escape(words.get(v, v))}</label>"
            for v in values
        )

    last = max(len(dates) - 1, 0)
    options = "".join(
        f'<option value="{html.escape(a)}">{html.escape(a)}</option>' for a in articles
    )
    outlet_options = "".join(
        f'<option value="{html.escape(o)}">{html.escape(o)}</option>' for o in outlets
    )
    group = (
        '<button type="button" id="nkg-communities">collapse communities</button>'
        if communities
        else ""
    )
    return f"""
<div id="nkg-panel"><button type="button" id="nkg-fold" aria-label="fold the controls">‹</button>
  <strong>{html.escape(title)}</strong>
  {_legend(types, relations, round_nodes)}
  <div id="nkg-notice" data-left-out="{left_out}">{html.escape(notice)}</div>
  <div id="nkg-shown"></div>
  <input id="nkg-search" type="search" placeholder="find a name…" aria-label="find a name" autocomplete="off">
  <ul id="nkg-matches" aria-live="polite"></ul>
  <form id="nkg-filters" onsubmit="return false">
    <fieldset><legend>types</legend>{boxes("type", types)}</fieldset>
    <fieldset><legend>links</legend>{boxes("relation", relations)}</fieldset>
    <fieldset><legend>dates</legend>
      <input type="range" id="nkg-since" min="0" max="{last}" value="0" aria-label="from">
      <input type="range" id="nkg-until" min="0" max="{last}" value="{last}" aria-label="to">
      <div id="nkg-range"></div></fieldset>
    <label>article <select id="nkg-article"><option value="">all</option>{options}</select></label>
    <label>outlet <select id="nkg-outlet"><option value="">all</option>{outlet_options}</select></label>
    <label>links at least <input type="number" id="nkg-weight" min="0" value="0"></label>
    <label><input type="checkbox" id="nkg-lonely" checked> hide nodes without links</label>
    <label><input type="checkbox" id="nkg-statements"> statements by one speaker alone</label>
  </form>
  <div id="nkg-export">{group}
    <button type="button" id="nkg-png">PNG</button>
    <button type="button" id="nkg-csv">CSV</button>
    <button type="button" id="nkg-gexf">GEXF</button>
    <a id="nkg-to-timeline" href="{html.escape(timeline)}">the timeline of these dates</a>
  </div>
</div>
<aside id="nkg-details" hidden aria-live="polite"></aside>"""


# How a fact reads, subject first: "{s}" is the fact's subject, "{o}" its object, "{r}" the
# role or title. Directed relations say which way they go ("X is a child of Y", never "X —
# child — Y"); a relation not listed reads "{s} — relation — {o}".
@functools.cache
def relation_labels() -> dict[str, str]:
    """A relation's words for legends and filters: its SKOS prefLabel ("born in"), not its
    notation (born_in)."""
    from rdflib.namespace import SKOS

    from newskg.rdf.ontology import ontology_graph

    graph = ontology_graph()  # parsed once per process, vocabularies included
    return {
        str(notation): str(graph.value(concept, SKOS.prefLabel) or notation)
        for concept, notation in graph.subject_objects(SKOS.notation)
        if "/relation/" in str(concept)
    }


STATEMENTS = {
    "child": "{o} is a child of {s}",
    "parent": "{o} is a parent of {s}",
    "spouse": "{s} and {o} are married",
    "sibling": "{s} and {o} are siblings",
    "relative": "{s} and {o} are relatives",
    "educated_at": "{s} studied at {o}",
    "born_in": "{s} was born in {o}",
    "member_of": "{s} is a member of {o}",
    "member of": "{s} is {r} of {o}",
    "took part in": "{s} took part in {o} as {r}",
    "took place in": "{s} took place in {o}",
}


def _statement(labels: dict, u, v, fact: dict) -> str:
    """The fact in words, from its subject (see STATEMENTS); `labels`: each node's name."""
    subject = fact.get("subject", u)
    obj = v if subject == u else u
    names = {n: labels[n] if n in labels else str(n) for n in (u, v)}
    if fact.get("object_name"):  # a fact behind a derived edge ("both at <event>")
        obj = "\u0000object"
        names[obj] = str(fact["object_name"])
    relation = fact.get("relation", "")
    template = STATEMENTS.get(relation, "{s} — " + relation.replace("_", " ") + " — {o}")
    if "{r}" in template and not fact.get("role"):
        template = template.replace(" as {r}", "").replace("{r} of", "a member of")
    role = str(fact.get("role", "")).replace("_", " ")
    return template.format(s=names.get(subject, subject), o=names.get(obj, obj), r=role)


def _present(fields: dict) -> dict:
    """The fields that hold something: the page's script reads a missing one as empty, and
    at 100,000 nodes the empty ones were a quarter of the page."""
    return {k: v for k, v in fields.items() if v}


# what the page shows of each fact beside its statement (the script reads a missing one as
# empty)
_FACT_FIELDS = (
    "subject",
    "relation",
    "role",
    "date",
    "evidence",
    "headline",
    "outlet",
    "article",
    "published",
)


def _edges_by_pair(
    graph: nx.Graph, max_edges: int, tooltips: bool = True
) -> tuple[list[dict], int]:
    """One drawn edge per pair of nodes, with every fact it stands for; the heaviest kept
    within `max_edges`. `tooltips`: each pair's hover text too (the canvas shows it; the
    WebGL page shows the facts in its panel)."""
    pairs: dict[tuple, dict] = {}
    for u, v, data in graph.edges(data=True):
        key = (u, v) if str(u) <= str(v) else (v, u)
        pair = pairs.get(key)
        if pair is None:
            relation = data.get("relation", "")
            if data.get("subject") == v:
                u, v = v, u  # drawn and exported from the fact's subject
            pair = pairs[key] = {
                "from": u,
                "to": v,
                "relation": relation,
                "label": data.get("role") or relation,
                "tooltip": _edge_tooltip(data) if tooltips else "",
                "weight": 0,
                "facts": [],
            }
        pair["weight"] += data.get("weight", 1)
        pair["facts"].extend((u, v, f) for f in data.get("facts") or [data])
    ranked = sorted(pairs.values(), key=lambda p: (-p["weight"], str(p["from"]), str(p["to"])))
    # each name looked up once, not once per fact: a big page puts ~40,000 facts in words
    labels = {n: str(d.get("label", n)) for n, d in graph.nodes(data=True)}
    for pair in ranked[:max_edges]:  # the facts in words only for the pairs drawn
        facts = []
        for u, v, f in pair["facts"]:
            statement = _statement(labels, u, v, f)
            shown = {"statement": statement} if statement else {}
            shown.update({k: value for k in _FACT_FIELDS if (value := f.get(k))})
            facts.append(shown)
        pair["facts"] = facts
    return ranked[:max_edges], max(0, len(ranked) - max_edges)


def write_network_page(
    graph: nx.Graph,
    out: str | Path,
    title: str = "newskg network",
    max_nodes: int = DEFAULT_MAX_NODES,
    max_edges: int | None = None,
    focus: str | None = None,
    timeline: str = "timeline.html",
    renderer: str = "auto",
) -> Path:
    """Write an interactive page: a fixed layout (the same graph always looks the same),
    colour and shape by type, size by links, edges coloured by relation, a details panel
    with every fact's sentence and article, search with suggestions, filters (types, links,
    dates, article, weight, unconnected), focus on a node's neighbours, communities, and
    export (PNG, CSV, GEXF). A graph of more than `max_nodes` nodes opens aggregated: its
    largest communities drawn as one node each, which opens on a click (search finds and
    opens any node). The page holds at most max(`max_nodes`, PAGE_MOST_NODES) nodes and
    `max_edges` edges, the most connected, with a notice saying what was left out.
    `focus`: a node to open the page on (selected, centred, its details shown).
    `timeline`: the timeline page to link to, with the dates and types of the filters,
    relative to this page. `renderer`: "canvas" (vis-network), "webgl" (sigma, for big
    graphs) or "auto" (WebGL above CANVAS_MOST_NODES nodes); `max_edges` defaults to
    DEFAULT_MAX_EDGES on the canvas and WEBGL_MAX_EDGES on WebGL."""
    from pyvis.network import Network

    from newskg.graph import webgl

    if renderer not in webgl.RENDERERS:
        raise ValueError(f"unknown renderer {renderer!r}; use {', '.join(webgl.RENDERERS)}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    total = graph.number_of_nodes()
    shown_graph, left_out = cap_nodes(graph, max(max_nodes, PAGE_MOST_NODES))
    big = renderer == "webgl" or (
        renderer == "auto" and shown_graph.number_of_nodes() > webgl.CANVAS_MOST_NODES
    )
    if max_edges is None:
        max_edges = webgl.WEBGL_MAX_EDGES if big else DEFAULT_MAX_EDGES
    pairs, edges_left_out = _edges_by_pair(shown_graph, max_edges, tooltips=not big)
    simple = _one_edge_per_pair(shown_graph)  # for the layout and the communities
    positions = webgl.big_layout(simple) if big else _layout(simple)
    if simple.number_of_nodes() <= 60:
        community: dict = {}
    else:
        community = webgl.big_communities(simple) if big else _communities(simple)
    collapsed = _collapsed_at_start(community, simple.number_of_nodes(), max_nodes)
    degree = dict(shown_graph.degree())
    roles: dict = {}
    for u, v, d in shown_graph.edges(data=True):
        if d.get("relation") == "member of" and d.get("role"):
            roles.setdefault(u, set()).add(f"{d['role']} ({shown_graph.nodes[v].get('label', '')})")

    net = Network(height="100vh", width="100%", cdn_resources="in_line", heading="")
    nodes_data, dates, articles = [], set(), set()
    for node, data in shown_graph.nodes(data=True):
        kind = data.get("type", "")
        style = TYPE_STYLE.get(kind, {"color": "#999999", "shape": "dot"})
        label = str(data.get("label", node))
        x, y = positions[node]
        extra = {"community": community[node]} if node in community else {}
        size = 10 + 3 * min(degree.get(node, 0), 10)
        if big:  # sigma draws from the data itself, sizes in screen pixels
            extra.update(x=x, y=y, size=round(size / 3, 1), color=style["color"])
        else:
            net.add_node(
                node,
                label=_cut(label, LABEL_CHARS),
                title=_node_tooltip({**data, "roles": roles.get(node, set())}),
                color=style["color"],
                shape=style["shape"],
                kind=kind,  # not "group": vis-network would recolour by group
                size=size,
                x=x,
                y=y,
                **extra,
            )
        optional = {
            "aliases": list(data.get("aliases", []))[:20],
            "roles": sorted(roles.get(node, set())),
            "date": data.get("date", ""),
            "lone": bool(data.get("lone_statement")),
            "reports": data.get("reports", 0),
            "disagreements": data.get("disagreements", []),
        }
        nodes_data.append(
            {
                "id": node,
                "label": label,
                "type": kind,
                "degree": degree.get(node, 0),  # labels are placed most connected first
                "articles": list(data.get("articles", [])),
                **_present(optional),
                **extra,
            }
        )
        if kind == "event" and data.get("date"):
            dates.add(data["date"])
        articles.update(data.get("articles", []))
    edges_data = []
    for i, pair in enumerate(pairs):
        color = RELATION_COLORS.get(pair["relation"], OTHER_RELATION)
        edge_id = f"e{i}"
        if not big:
            net.edges.append(
                {
                    "id": edge_id,
                    "from": pair["from"],
                    "to": pair["to"],
                    "label": _cut(pair["label"], 40),
                    "title": pair["tooltip"],
                    "color": {"color": color},
                    "width": 1 + min(pair["weight"], 6) / 2,
                }
            )
        edges_data.append(
            {
                "id": edge_id,
                "from": pair["from"],
                "to": pair["to"],
                "relation": pair["relation"],
                "label": pair["label"],
                "color": color,
                "weight": pair["weight"],
                "facts": pair["facts"],
            }
        )
        dates.update({f["date"] for f in pair["facts"] if "date" in f})  # kept only if set
    net.set_options(
        json.dumps(
            {
                "physics": {"enabled": False},
                "layout": {"randomSeed": 7, "improvedLayout": False},
                "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": False},
                "edges": {"font": {"size": 0, "align": "middle"}, "smooth": False},
                "nodes": {"font": {"size": 16, "strokeWidth": 3}},
            }
        )
    )
    types = sorted({d.get("type", "") for _, d in shown_graph.nodes(data=True)} - {""})
    relations = sorted({p["relation"] for p in pairs})
    parts = []
    if left_out:
        parts.append(
            f"showing the {shown_graph.number_of_nodes()} most connected of {total} nodes; "
            f"{left_out} left out (raise --max-nodes, or use --focus NAME)"
        )
    if collapsed:
        shut = set(collapsed)  # a set: the page may hold 100,000 nodes and 200 of these
        held = sum(1 for c in community.values() if c in shut)
        parts.append(
            f"{held} of {shown_graph.number_of_nodes()} nodes shown as {len(collapsed)} "
            "communities: click one to open it, or search for a name"
        )
    if edges_left_out:
        parts.append(f"the {len(pairs)} heaviest links drawn; {edges_left_out} left out")
    notice = "; ".join(parts) or f"{total} nodes"
    outlets = sorted({f["outlet"] for p in pairs for f in p["facts"] if f.get("outlet")})
    controls = _controls(
        title,
        notice,
        left_out,
        types,
        relations,
        sorted(articles),
        outlets,
        sorted(dates),
        bool(community),
        timeline,
        round_nodes=big,
    )
    data = {
        "nodes": nodes_data,
        "edges": edges_data,
        "dates": sorted(dates),
        "focus": focus if focus in shown_graph else None,
        "collapsed": collapsed,  # the communities drawn as one node when the page opens
    }
    if big:
        page = webgl.webgl_page(
            title,
            _asset("network.css"),
            controls,
            _json_for_script(data),
            [
                _asset("graphology.umd.min.js"),
                _asset("sigma.min.js"),
                f"{_asset('common.js')}\n{_asset('view-webgl.js')}\n{_asset('network.js')}",
            ],
        )
        out.write_text(page, encoding="utf-8")
        return out
    page = _REMOTE_TAG.sub("", net.generate_html(name=str(out), notebook=False))
    page = page.replace(
        "<head>",
        f"<head>\n<title>{html.escape(title)}</title>\n<style>{_asset('network.css')}</style>",
        1,
    )
    page = page.replace("<body>", "<body>" + controls, 1)
    script = (
        f'<script type="application/json" id="nkg-data">{_json_for_script(data)}</script>\n'
        f"<script>{_asset('common.js')}\n{_asset('view-canvas.js')}\n{_asset('network.js')}</script>"
    )
    page = page.replace("</body>", script + "\n</body>", 1)
    out.write_text(page, encoding="utf-8")
    return out


def _precision(date: str) -> str:
    return {4: "year", 7: "month"}.get(len(date), "day")


def write_timeline_page(
    events: list[dict],
    out: str | Path,
    title: str = "newskg timeline",
    network: str = "network.html",
) -> Path:
    """Events on a timeline that zooms and pans (vis-timeline, inlined), grouped by type or
    by participant, each shown with its date's precision (a year or a month is a span, not a
    day); choosing one shows its place, participants, the sentence that tells it and its
    article, with a link to it on the network page (`network`, relative to this page).
    Undated events, and dates without a year, are listed apart, never placed on the axis.
    `events`: dicts with id, label, type, date (ISO, any precision), date_text, place,
    participants, sentence, article, headline, outlet, published."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    dated: list[dict] = []
    undated: list[dict] = []
    for e in events:
        item = {
            "id": e.get("id") or e.get("label", ""),
            "label": e.get("label", ""),
            "type": e.get("type", ""),
            "date": e.get("date") or "",
            "precision": _precision(e["date"]) if e.get("date") else "",
            "date_text": e.get("date_text") or "",
            "place": e.get("place") or "",
            "participants": e.get("participants", []),
            "sentence": e.get("sentence", ""),
            "article": e.get("article", ""),
            "headline": e.get("headline", ""),
            "outlet": e.get("outlet", ""),
            "published": e.get("published", ""),
        }
        (dated if item["date"] else undated).append(item)
    dated.sort(key=lambda e: (e["date"], e["label"]))
    undated.sort(key=lambda e: e["label"])
    types = sorted({e["type"] for e in dated + undated if e["type"]})
    boxes = "".join(
        f'<label><input type="checkbox" name="type" value="{html.escape(t)}" checked> '
        f"{html.escape(t)}</label>"
        for t in types
    )
    data = {"dated": dated, "undated": undated, "network": network}
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<script>{_asset("vis-timeline-graph2d.min.js")}</script>
<style>{_asset("timeline.css")}</style></head>
<body>
<h1>{html.escape(title)}</h1>
<form id="nkg-filters" onsubmit="return false">
  <label>group by <select id="nkg-group"><option value="type">type</option>
    <option value="entity">participant</option></select></label>
  <fieldset><legend>types</legend>{boxes}</fieldset>
  <label>participant or place <input id="nkg-who" type="search" autocomplete="off"></label>
  <span id="nkg-count"></span>
  <a id="nkg-to-network" href="{html.escape(network)}">the network with these dates</a>
</form>
<div id="nkg-timeline"></div>
<aside id="nkg-details" hidden aria-live="polite"></aside>
<h2>Events without a date on the axis</h2>
<p class="nkg-note">Undated events, and dates an article gives without a year, are listed here
rather than placed on the axis as if they were known.</p>
<ul id="nkg-undated"></ul>
<script type="application/json" id="nkg-data">{_json_for_script(data)}</script>
<script>{_asset("common.js")}\n{_asset("timeline.js")}</script>
</body></html>
"""
    out.write_text(page, encoding="utf-8")
    return out

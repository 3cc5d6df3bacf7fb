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

import html
import json
import re
from pathlib import Path

import networkx as nx

from newskg.graph.analytics import network_stats

TYPE_STYLE = {
    "person": {"color": "#4e79a7", "shape": "dot", "label": "person"},
    "organization": {"color": "#f28e2b", "shape": "square", "label": "organization"},
    "place": {"color": "#59a14f", "shape": "triangle", "label": "place"},
    "event": {"color": "#e15759", "shape": "diamond", "label": "event"},
}
DEFAULT_MAX_NODES = 300

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
    return "\n".join(lines)


def _edge_tooltip(data: dict) -> str:
    lines = [" · ".join(x for x in (data.get("relation"), data.get("role"), data.get("date")) if x)]
    if data.get("evidence"):
        lines.append(f"“{data['evidence'][:400]}”")
    source = " — ".join(x for x in (data.get("headline"), data.get("outlet")) if x)
    if source:
        lines.append(f"from: {source}")
    return "\n".join(lines)


def _page_extras(
    title: str, shown: int, total: int, left_out: int, types: list[str]
) -> tuple[str, str]:
    """Legend, notice and search box (escaped HTML), and the script that wires them."""
    legend = "".join(
        f'<span class="nkg-key"><span class="nkg-swatch" style="background:{TYPE_STYLE[t]["color"]}"></span>'
        f"{html.escape(TYPE_STYLE[t]['label'])}</span>"
        for t in types
        if t in TYPE_STYLE
    )
    notice = (
        f"showing the {shown} most connected of {total} nodes; {left_out} left out "
        "(raise --max-nodes, or use --focus NAME)"
        if left_out
        else f"{shown} nodes"
    )
    panel = f"""
<div id="nkg-panel">
  <strong>{html.escape(title)}</strong>
  <div id="nkg-legend">{legend}</div>
  <div id="nkg-notice" data-left-out="{left_out}">{html.escape(notice)}</div>
  <input id="nkg-search" type="search" placeholder="find a name…" aria-label="find a name">
  <select id="nkg-type" aria-label="show type"><option value="">all types</option>{
        "".join(f'<option value="{html.escape(t)}">{html.escape(t)}</option>' for t in types)
    }</select>
</div>
<style>
#nkg-panel {{ position: absolute; top: 8px; left: 8px; z-index: 10; background: rgba(255,255,255,.92);
  padding: 8px 10px; border: 1px solid #ccc; border-radius: 6px; font: 13px sans-serif; max-width: 420px; }}
#nkg-legend {{ margin: 4px 0; }} .nkg-key {{ margin-right: 10px; white-space: nowrap; }}
.nkg-swatch {{ display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }}
#nkg-notice {{ color: #555; margin-bottom: 4px; }}
div.vis-tooltip {{ white-space: pre-wrap; max-width: 420px; }}
</style>"""
    script = """
<script>
(function () {
  // Stop the physics once the layout has settled, so the page stays responsive.
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
  var search = document.getElementById("nkg-search");
  search.addEventListener("change", function () {
    var wanted = search.value.trim().toLowerCase();
    if (!wanted) { return; }
    var hit = nodes.get().find(function (n) { return String(n.label).toLowerCase().indexOf(wanted) >= 0; });
    if (hit) { network.selectNodes([hit.id]); network.focus(hit.id, { scale: 1.2, animation: true }); }
  });
  document.getElementById("nkg-type").addEventListener("change", function (e) {
    var type = e.target.value;
    nodes.update(nodes.get().map(function (n) { return { id: n.id, hidden: !!type && n.kind !== type }; }));
  });
})();
</script>"""
    return panel, script


def write_network_page(
    graph: nx.Graph,
    out: str | Path,
    title: str = "newskg network",
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Path:
    """Write an interactive pyvis page: colour and shape by type, size by centrality, edge
    labels by relation or role, tooltips with evidence; at most `max_nodes` nodes."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    total = graph.number_of_nodes()
    shown_graph, left_out = cap_nodes(graph, max_nodes)
    stats = network_stats(shown_graph) if shown_graph.number_of_nodes() <= 2000 else None
    degree = dict(shown_graph.degree())
    roles: dict[str, set[str]] = {}
    for u, v, d in shown_graph.edges(data=True):
        if d.get("relation") == "member of" and d.get("role"):
            roles.setdefault(u, set()).add(f"{d['role']} ({shown_graph.nodes[v].get('label', '')})")

    net = Network(height="100vh", width="100%", cdn_resources="in_line", heading="")
    for node, data in shown_graph.nodes(data=True):
        kind = data.get("type", "")
        style = TYPE_STYLE.get(kind, {"color": "#999999", "shape": "dot"})
        centrality = stats.betweenness.get(node, 0.0) if stats else 0.0
        net.add_node(
            node,
            label=data.get("label", str(node))[:60],
            title=_node_tooltip({**data, "roles": roles.get(node, set())}),
            color=style["color"],
            shape=style["shape"],
            kind=kind,  # not "group": vis-network would recolour by group
            size=10 + 4 * min(degree.get(node, 0), 8) + 40 * centrality,
        )
    # One drawn edge per pair of nodes, the first stated (as pyvis's add_edge does), appended
    # directly: add_edge looks for an existing edge by scanning all of them, which took 92 s
    # for the 31,640 edges of a people view at a million triples.
    drawn: set[frozenset] = set()
    for source, target, data in shown_graph.edges(data=True):
        pair = frozenset((source, target))
        if pair in drawn:
            continue
        drawn.add(pair)
        edge = Edge(
            source,
            target,
            False,
            label=(data.get("role") or data.get("relation", ""))[:40],
            title=_edge_tooltip(data),
            value=data.get("weight", 1),
        )
        net.edges.append(edge.options)
    net.set_options(
        json.dumps(
            {
                "physics": {
                    "stabilization": {"enabled": True, "iterations": 400, "fit": True},
                    "barnesHut": {"gravitationalConstant": -6000, "springLength": 140},
                },
                "interaction": {"hover": True, "tooltipDelay": 120},
                "edges": {"font": {"size": 10, "align": "middle"}, "smooth": False},
                "nodes": {"font": {"size": 14}},
            }
        )
    )
    page = net.generate_html(name=str(out), notebook=False)
    page = _REMOTE_TAG.sub("", page)
    panel, script = _page_extras(
        title,
        shown_graph.number_of_nodes(),
        total,
        left_out,
        sorted({d.get("type", "") for _, d in shown_graph.nodes(data=True)} - {""}),
    )
    page = page.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>", 1)
    page = page.replace("<body>", "<body>" + panel, 1)
    page = page.replace("</body>", script + "\n</body>", 1)
    out.write_text(page, encoding="utf-8")
    return out


def write_timeline_page(
    events: list[dict], out: str | Path, title: str = "newskg timeline"
) -> Path:
    """Events on a time axis (an inline SVG) with a list of their participants and places.
    `events`: dicts with label, type, date (ISO, any precision), place, participants."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    dated = sorted((e for e in events if e.get("date")), key=lambda e: e["date"])
    undated = [e for e in events if not e.get("date")]

    def year_of(date: str) -> float:
        parts = [int(p) for p in date.split("-")]
        return (
            parts[0]
            + ((parts[1] - 1) / 12 if len(parts) > 1 else 0)
            + ((parts[2] - 1) / 365 if len(parts) > 2 else 0)
        )

    width, left, right = 1000, 40, 40
    svg = []
    if dated:
        lo, hi = year_of(dated[0]["date"]), year_of(dated[-1]["date"])
        span = max(hi - lo, 1.0)
        svg.append(f'<line x1="{left}" y1="60" x2="{width - right}" y2="60" stroke="#333"/>')
        per_year = (width - left - right) / span
        step = next(n for n in (1, 2, 5, 10, 20, 50, 100, 1000) if n * per_year >= 50)
        for year in range(int(lo), int(hi) + 2):
            if lo - 0.01 <= year <= hi + 0.01 and year % step == 0:
                x = left + (year - lo) / span * (width - left - right)
                svg.append(
                    f'<text x="{x:.1f}" y="85" font-size="11" text-anchor="middle">{year}</text>'
                )
        for i, e in enumerate(dated):
            x = left + (year_of(e["date"]) - lo) / span * (width - left - right)
            color = TYPE_STYLE["event"]["color"]
            svg.append(
                f'<a href="#ev{i}"><circle cx="{x:.1f}" cy="60" r="6" fill="{color}">'
                f"<title>{html.escape(e['date'] + ' ' + e['label'])}</title></circle></a>"
            )

    def item(i: int | None, e: dict) -> str:
        who = ", ".join(f"{p['name']} ({p['role']})" for p in e.get("participants", []))
        anchor = f' id="ev{i}"' if i is not None else ""
        return (
            f"<li{anchor}><strong>{html.escape(e.get('date') or e.get('date_text') or 'date unknown')}</strong> "
            f"<em>{html.escape(e.get('type', ''))}</em> — {html.escape(e['label'])}"
            + (f" <span class=place>@ {html.escape(e['place'])}</span>" if e.get("place") else "")
            + (f"<div class=who>{html.escape(who)}</div>" if who else "")
            + "</li>"
        )

    body = "".join(item(i, e) for i, e in enumerate(dated)) + "".join(
        item(None, e) for e in undated
    )
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body {{ font: 14px sans-serif; margin: 20px; }} li {{ margin: 6px 0; }}
.who {{ color: #555; margin-left: 1em; }} .place {{ color: #59a14f; }}</style></head>
<body><h1>{html.escape(title)}</h1>
<svg id="axis" width="{width}" height="100" role="img" aria-label="time axis">{"".join(svg)}</svg>
<ol id="events">{body}</ol></body></html>
"""
    out.write_text(page, encoding="utf-8")
    return out

"""pyvis pages that work offline and never turn article text into markup.

Labels and tooltips are built from article text. They reach the page only as JSON inside the
script (pyvis's template uses Jinja's `tojson`, which escapes <, >, & and quotes), and
vis-network 9 shows string tooltips as plain text, so the text is passed as plain strings:
escaping it here too would show "&lt;" to the reader. The page title is HTML, so it is
escaped. vis-network's code is inlined (cdn_resources="in_line"): nothing loads from a CDN.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import networkx as nx

# pyvis's template always links Bootstrap from a CDN, even with in-line resources; the page
# does not need it, and an offline page must not reach out, so such tags are removed.
_REMOTE_TAG = re.compile(
    r"<(?:link|script)\b[^>]*\b(?:href|src)\s*=\s*[\"']?(?:https?:)?//[^>]*>(?:\s*</script>)?",
    re.I | re.S,
)

TYPE_STYLE = {
    "person": {"color": "#4e79a7", "shape": "dot"},
    "organization": {"color": "#f28e2b", "shape": "square"},
    "place": {"color": "#59a14f", "shape": "triangle"},
    "event": {"color": "#e15759", "shape": "diamond"},
}


def _tooltip(lines: list[str]) -> str:
    return "\n".join(line for line in lines if line)


def write_network_page(graph: nx.Graph, out: str | Path, title: str = "newskg network") -> Path:
    from pyvis.network import Network

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    net = Network(height="800px", width="100%", cdn_resources="in_line", heading="")
    degree = dict(graph.degree())
    for node, data in graph.nodes(data=True):
        style = TYPE_STYLE.get(data.get("type", ""), {"color": "#999999", "shape": "dot"})
        label = data.get("label", node)
        net.add_node(
            node,
            label=label,
            title=_tooltip(
                [label, f"type: {data.get('type', '?')}", f"articles: {data.get('articles', 0)}"]
            ),
            color=style["color"],
            shape=style["shape"],
            size=10 + 3 * min(degree.get(node, 0), 10),
        )
    for source, target, data in graph.edges(data=True):
        label = data.get("role") or data.get("relation", "")
        net.add_edge(
            source,
            target,
            label=label,
            title=_tooltip(
                [data.get("relation", ""), data.get("role", ""), data.get("evidence", "")]
            ),
        )
    net.toggle_physics(True)
    net.set_options(
        '{"physics": {"stabilization": {"enabled": true, "iterations": 300}}, '
        '"interaction": {"hover": true}}'
    )
    page = net.generate_html(name=str(out), notebook=False)
    page = _REMOTE_TAG.sub("", page)
    page = page.replace("<title>", f"<title>{html.escape(title)}", 1) if "<title>" in page else page
    out.write_text(page, encoding="utf-8")
    return out

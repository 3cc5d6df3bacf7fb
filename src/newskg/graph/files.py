"""Graph files for other tools: GEXF (Gephi), GraphML (Cytoscape, yEd), JSON (d3)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from newskg.errors import NewskgError


def _flat(graph: nx.Graph) -> nx.Graph:
    """GEXF and GraphML take strings and numbers only: lists are joined, None dropped. The
    file's edges are directed, from each fact's subject ("A child B": A's child is B), so a
    tool reads which way a relation goes; an edge of no one fact (a shared event) keeps the
    order of its two ends."""
    g: nx.Graph = nx.MultiDiGraph() if graph.is_multigraph() else nx.DiGraph()
    for n, d in graph.nodes(data=True):
        g.add_node(
            n,
            **{
                k: "; ".join(v) if isinstance(v, list | set) else v
                for k, v in d.items()
                if v is not None
            },
        )
    for u, v, d in graph.edges(data=True):
        if d.get("subject") == v:
            u, v = v, u
        g.add_edge(
            u,
            v,
            **{
                k: "; ".join(x) if isinstance(x, list | set) else x
                for k, x in d.items()
                if x is not None
            },
        )
    return g


def _json(graph: nx.Graph, out: Path) -> None:
    data = nx.node_link_data(graph, edges="links")
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


# format name → writer of the flattened graph; `newskg graph --format` offers html and these
FILE_WRITERS: dict[str, Callable[[nx.Graph, Path], None]] = {
    "gexf": nx.write_gexf,
    "graphml": nx.write_graphml,
    "json": _json,
}
FILE_FORMATS = tuple(FILE_WRITERS)


def write_graph_file(graph: nx.Graph, out: str | Path, fmt: str) -> Path:
    if fmt not in FILE_WRITERS:
        raise NewskgError(
            f"unknown graph format {fmt!r}; use html or one of {', '.join(FILE_FORMATS)}"
        )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    FILE_WRITERS[fmt](_flat(graph), out)
    return out

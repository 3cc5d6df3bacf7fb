"""Network analytics: who is central, which communities form, who bridges them, and the
shortest connection between two entities with the sentence behind each hop."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from newskg.graph.projections import find_node


@dataclass
class NetworkStats:
    nodes: int
    edges: int
    degree: dict[str, float]
    betweenness: dict[str, float]
    communities: list[set[str]]
    bridges: list[str] = field(default_factory=list)  # nodes linking two or more communities


def simple(graph: nx.Graph) -> nx.Graph:
    """A simple undirected graph (parallel edges merged, weight = how many) for the measures."""
    g = nx.Graph()
    g.add_nodes_from(graph.nodes(data=True))
    for u, v in graph.edges():
        if g.has_edge(u, v):
            g[u][v]["weight"] += 1
        else:
            g.add_edge(u, v, weight=1)
    return g


def network_stats(graph: nx.Graph, seed: int = 7) -> NetworkStats:
    """Degree and betweenness centrality, Louvain communities (seeded, so reproducible) and
    the nodes that bridge communities, most central first."""
    g = simple(graph)
    if g.number_of_nodes() == 0:
        return NetworkStats(0, 0, {}, {}, [])
    degree = nx.degree_centrality(g)
    # exact betweenness on small graphs, sampled (deterministically) on large ones
    k = None if g.number_of_nodes() <= 2000 else 500
    betweenness = nx.betweenness_centrality(g, k=k, seed=seed)
    communities = (
        [set(c) for c in nx.community.louvain_communities(g, seed=seed)]
        if g.number_of_edges()
        else [{n} for n in g]
    )
    member = {n: i for i, c in enumerate(communities) for n in c}
    bridges = sorted(
        (n for n in g if len({member[m] for m in g.neighbors(n)} | {member[n]}) > 1),
        key=lambda n: -betweenness.get(n, 0),
    )
    return NetworkStats(
        g.number_of_nodes(), g.number_of_edges(), degree, betweenness, communities, bridges
    )


@dataclass
class Hop:
    source: str
    target: str
    relation: str
    role: str
    evidence: str
    article: str


def connection(graph: nx.Graph, a: str, b: str) -> list[Hop]:
    """The shortest path between two named entities, each hop with its evidence."""
    start, end = find_node(graph, a), find_node(graph, b)
    try:
        path = nx.shortest_path(simple(graph), start, end)
    except nx.NetworkXNoPath:
        return []
    hops = []
    for u, v in zip(path, path[1:], strict=False):
        data = graph.get_edge_data(u, v)
        if graph.is_multigraph():
            data = next(iter(data.values()))
        hops.append(
            Hop(
                graph.nodes[u].get("label", u),
                graph.nodes[v].get("label", v),
                data.get("relation", ""),
                data.get("role", ""),
                data.get("evidence", ""),
                data.get("article", ""),
            )
        )
    return hops

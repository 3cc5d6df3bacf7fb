"""The network page for a 100,000-node graph: newskg's page with the default --max-nodes
(every node held; above 20,000 the largest communities drawn as one node each, opening on
a click) against pyvis drawing the 20,000 most connected nodes, and, for scale, against
handing the whole graph to pyvis, which is what a user would otherwise do.

The graph is a preferential-attachment network (a few hubs, a long tail, like people and
organizations in news) with newskg's node and edge attributes. The pyvis baseline runs in a
child process limited to --baseline-timeout seconds.

    .venv/bin/python benchmarks/bench_page.py [--nodes 100000] [--baseline-timeout 30]
"""

from __future__ import annotations

import argparse
import multiprocessing
import tempfile
import time
from pathlib import Path

import networkx as nx

from newskg.graph.render import DEFAULT_MAX_NODES, cap_nodes, write_network_page

TYPES = ["person", "organization", "place", "event"]


def news_like_graph(nodes: int) -> nx.Graph:
    graph = nx.barabasi_albert_graph(nodes, 2, seed=1)
    nx.set_node_attributes(
        graph,
        {n: {"label": f"entity {n}", "type": TYPES[n % len(TYPES)]} for n in graph},
    )
    nx.set_edge_attributes(graph, "co-mentioned", "relation")
    return graph


def _pyvis_page(graph: nx.Graph, out: str) -> None:
    from pyvis.network import Network

    net = Network(height="800px", width="100%", cdn_resources="in_line")
    net.from_nx(graph)
    net.write_html(out)


def _plain_pyvis(nodes: int, out: str) -> None:
    from pyvis.network import Network

    net = Network(height="800px", width="100%", cdn_resources="in_line")
    net.from_nx(news_like_graph(nodes))
    net.write_html(out)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--baseline-timeout", type=float, default=30.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newskg-page-") as tmp:
        start = time.perf_counter()
        graph = news_like_graph(args.nodes)
        built = time.perf_counter() - start
        start = time.perf_counter()
        page = write_network_page(graph, Path(tmp) / "network.html")
        ours = time.perf_counter() - start
        size = page.stat().st_size

        # pyvis given as many nodes as newskg's page draws one by one (the cut is not timed)
        shown, _left_out = cap_nodes(graph, DEFAULT_MAX_NODES)
        start = time.perf_counter()
        _pyvis_page(shown, str(Path(tmp) / "pyvis-capped.html"))
        same_nodes = time.perf_counter() - start
        same_size = (Path(tmp) / "pyvis-capped.html").stat().st_size

        baseline_out = str(Path(tmp) / "pyvis.html")
        child = multiprocessing.get_context("fork").Process(
            target=_plain_pyvis, args=(args.nodes, baseline_out)
        )
        start = time.perf_counter()
        child.start()
        child.join(args.baseline_timeout)
        baseline = time.perf_counter() - start
        finished = not child.is_alive() and child.exitcode == 0
        if child.is_alive():
            child.kill()
            child.join()
        baseline_size = Path(baseline_out).stat().st_size if finished else None

    print(f"[network page] {args.nodes:,} nodes, {graph.number_of_edges():,} edges")
    print(f"  networkx graph built in {built:.1f} s")
    print(
        f"  newskg page (every node; communities above {DEFAULT_MAX_NODES}): {ours:.1f} s,"
        f" {size / 2**20:.1f} MiB (target: seconds, not minutes)"
    )
    print(
        f"  pyvis, the same {shown.number_of_nodes()} nodes: {same_nodes:.2f} s,"
        f" {same_size / 2**20:.1f} MiB (newskg's page adds a fixed layout, details with evidence,"
        " search, filters, a legend and export)"
    )
    if finished:
        print(
            f"  pyvis, whole graph       : {baseline:.1f} s, {baseline_size / 2**20:.1f} MiB"
            f"  ratio {baseline / ours:.0f}x (includes building its graph)"
        )
    else:
        print(
            f"  pyvis, whole graph       : did not finish in {args.baseline_timeout:.0f} s"
            f"  ratio >{args.baseline_timeout / ours:.0f}x"
        )


if __name__ == "__main__":
    main()

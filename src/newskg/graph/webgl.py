"""The network page for big graphs: sigma on WebGL, with the layout and the communities
computed here by igraph (C code: a 20,000-node, 60,000-edge graph in about two seconds), so
the browser only draws.

The page holds the same controls, data and logic (network.js) as the canvas page; only the
view differs (assets/view-webgl.js). Everything from the articles reaches it as JSON inside
a script element (see render._json_for_script) and is set as text there.
"""

from __future__ import annotations

import contextlib
import html
import random

import networkx as nx

RENDERERS = ("auto", "canvas", "webgl")  # auto: WebGL above CANVAS_MOST_NODES
CANVAS_MOST_NODES = 2000  # above this the page draws with WebGL (vis-network slows down)
WEBGL_MAX_EDGES = 200_000  # the heaviest links drawn on a WebGL page
SPAN = 1000.0  # the layout's width and height (sigma scales it to the screen)


def _igraph(simple: nx.Graph):
    import igraph

    index = {n: i for i, n in enumerate(sorted(simple, key=str))}
    g = igraph.Graph(n=len(index), edges=[(index[u], index[v]) for u, v in simple.edges()])
    return g, index


def big_layout(simple: nx.Graph) -> dict:
    """Positions from igraph's Fruchterman-Reingold on a grid (the grid keeps each step
    close to linear in the nodes), from igraph's own random start drawn from a seeded
    generator: the same graph always looks the same. `simple`: one edge per pair."""
    if simple.number_of_nodes() == 0:
        return {}
    g, index = _igraph(simple)
    with _seeded():
        coords = g.layout_fruchterman_reingold(niter=300, grid=g.vcount() > 1000).coords
    xs = [p[0] for p in coords]
    ys = [p[1] for p in coords]
    left, top = min(xs), min(ys)
    span = max(max(xs) - left, max(ys) - top) or 1.0
    return {
        n: (
            round((coords[i][0] - left) / span * SPAN, 2),
            round((coords[i][1] - top) / span * SPAN, 2),
        )
        for n, i in index.items()
    }


@contextlib.contextmanager
def _seeded():
    """igraph's random numbers from a generator seeded here, for this call only."""
    import igraph

    igraph.set_random_number_generator(random.Random(7))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def big_communities(simple: nx.Graph) -> dict:
    """Each node's community (1 = the largest), by igraph's Leiden method on modularity,
    two rounds, with a seeded random order. (Its multilevel method found communities of
    lower modularity and took 22 s on a 100,000-node graph with hubs; two Leiden rounds
    take under a second there.)"""
    if simple.number_of_edges() == 0:
        return {}
    g, index = _igraph(simple)
    with _seeded():
        membership = g.community_leiden(objective_function="modularity", n_iterations=2).membership
    names = {i: n for n, i in index.items()}
    groups: dict[int, list] = {}
    for i, c in enumerate(membership):
        groups.setdefault(c, []).append(names[i])
    ordered = sorted(groups.values(), key=lambda g: (-len(g), sorted(map(str, g))))
    return {n: k for k, group in enumerate(ordered, start=1) for n in group}


def webgl_page(title: str, style: str, controls: str, data_json: str, scripts: list[str]) -> str:
    """The page: controls, the drawing's container, the data, then the scripts (graphology,
    sigma, newskg's) inlined, so it loads nothing from the network."""
    inlined = "\n".join(f"<script>{s}</script>" for s in scripts)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{style}
#mynetwork {{ height: 100vh; }}</style></head>
<body class="nkg-webgl">{controls}
<div class="card"><div id="mynetwork"></div></div>
<script type="application/json" id="nkg-data">{data_json}</script>
{inlined}
</body></html>
"""

"""The network page of a big graph in a real browser: newskg writes the page of a
20,000-node, 60,000-edge graph (WebGL, sigma), headless Chromium opens it, and this reports
the time to load it (until its first frame is drawn) and to pan, zoom, search and select a
node (each until the frame that shows it), median of 5. Targets: load < 3 s, each
interaction < 100 ms. With --max-nodes below --nodes the page opens aggregated (its largest
communities drawn as one node each), and it also reports the time to open a community.

Baseline, in the same run: the same graph handed to sigma alone (no controls, no data
beyond positions, colours and sizes), so the ratio says what newskg's page costs over
the renderer itself; the absolute times depend on the machine's graphics (without a GPU,
Chromium draws WebGL in software, SwiftShader).

    .venv/bin/python benchmarks/bench_browser.py [--nodes 20000] [--edges-per-node 3]
        [--max-nodes N]   # e.g. --nodes 100000 --max-nodes 20000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from newskg.graph import write_network_page
from newskg.graph.render import _asset

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/helpers/
from tests.helpers.browser import CHROMIUM, FLAGS  # noqa: E402

TYPES = ["person", "organization", "place", "event"]
FRAME = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def news_like_graph(nodes: int, per_node: int) -> nx.MultiGraph:
    """A preferential-attachment network (a few hubs, a long tail) with newskg's attributes."""
    simple = nx.barabasi_albert_graph(nodes, per_node, seed=1)
    graph = nx.MultiGraph()
    for n in simple:
        graph.add_node(f"n{n}", label=f"Entity {n} Lindqvist", type=TYPES[n % 4], articles=["a1"])
    for u, v in simple.edges():
        graph.add_edge(f"n{u}", f"n{v}", subject=f"n{u}", relation="took part in", evidence="x")
    return graph


def bare_sigma_page(page_file: Path, out: Path) -> Path:
    """The baseline: the positions, colours and sizes newskg wrote, drawn by sigma alone."""
    text = page_file.read_text(encoding="utf-8")
    start = text.index('<script type="application/json" id="nkg-data">')
    data = json.loads(text[text.index(">", start) + 1 : text.index("</script>", start)])
    slim = {
        "nodes": [
            [n["id"], n["x"], n["y"], n["size"], n["color"], n["label"]] for n in data["nodes"]
        ],
        "edges": [[e["id"], e["from"], e["to"], e["color"]] for e in data["edges"]],
    }
    out.write_text(
        f"""<!doctype html><html><body style="margin:0"><div id="mynetwork" style="height:100vh"></div>
<script>{_asset("graphology.umd.min.js")}</script><script>{_asset("sigma.min.js")}</script>
<script>var D = {json.dumps(slim)};
var g = new graphology.Graph();
D.nodes.forEach(function (n) {{ g.addNode(n[0], {{x: n[1], y: n[2], size: n[3], color: n[4], label: n[5]}}); }});
D.edges.forEach(function (e) {{ if (!g.hasEdge(e[1], e[2])) g.addEdgeWithKey(e[0], e[1], e[2], {{color: e[3]}}); }});
var renderer = new Sigma(g, document.getElementById("mynetwork"));
window.nkg = {{ view: {{ renderer: renderer }}, choose: function (id) {{
  var d = renderer.getNodeDisplayData(id); renderer.getCamera().setState({{x: d.x, y: d.y, ratio: 0.1}}); }} }};
renderer.once("afterRender", function () {{ document.body.setAttribute("data-nkg-ready", "1"); }});
renderer.refresh();</script></body></html>""",
        encoding="utf-8",
    )
    return out


def _timed(page, script: str) -> float:
    """Milliseconds from running `script` in the page to the frame after it."""
    return page.evaluate(
        f"""async () => {{ const t0 = performance.now(); {script};
        await ({FRAME})(); return performance.now() - t0; }}"""
    )


def measure(browser, path: Path, search: bool) -> dict[str, float]:
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("document.body.getAttribute('data-nkg-ready') === '1'", timeout=120_000)
    page.evaluate(FRAME)
    figures = {"load": (time.perf_counter() - start) * 1000}
    camera = "window.nkg.view.renderer.getCamera()"
    runs: dict[str, list[float]] = {"pan": [], "zoom": [], "search": [], "select": []}
    runs["open"] = []
    collapsed = page.evaluate("(window.nkg.data || {}).collapsed || []")
    for c in collapsed[-5:]:  # the smallest of those collapsed (the largest hold the nodes chosen)
        node = f"community-{c}"
        runs["open"].append(
            _timed(page, f"window.nkg.view.renderer.emit('clickNode', {{node: '{node}'}})")
        )
    for i in range(5):
        runs["pan"].append(
            _timed(
                page, f"const s = {camera}.getState(); {camera}.setState({{x: s.x + 0.02, y: s.y}})"
            )
        )
        runs["zoom"].append(
            _timed(
                page, f"const s = {camera}.getState(); {camera}.setState({{ratio: s.ratio * 0.8}})"
            )
        )
        if search:
            box = "document.getElementById('nkg-search')"
            runs["search"].append(
                _timed(
                    page,
                    f"{box}.value = 'Entity {100 + i}'; {box}.dispatchEvent(new Event('input'))",
                )
            )
        runs["select"].append(_timed(page, f"window.nkg.choose('n{i * 7}')"))
    figures.update({k: statistics.median(v) for k, v in runs.items() if v})
    context.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--nodes", type=int, default=20_000)
    parser.add_argument("--edges-per-node", type=int, default=3)
    parser.add_argument(
        "--max-nodes", type=int, default=None, help="the page's --max-nodes (default: --nodes)"
    )
    args = parser.parse_args()
    if CHROMIUM is None:
        sys.exit("Debian's chromium is needed (make test installs it)")
    from playwright.sync_api import sync_playwright

    graph = news_like_graph(args.nodes, args.edges_per_node)
    folder = Path(tempfile.mkdtemp(prefix="newskg-bench-browser-"))
    start = time.perf_counter()
    page_file = write_network_page(
        graph, folder / "network.html", max_nodes=args.max_nodes or args.nodes
    )
    written = time.perf_counter() - start
    bare = bare_sigma_page(page_file, folder / "bare.html")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        ours = measure(browser, page_file, search=True)
        base = measure(browser, bare, search=False)
        browser.close()
    print(
        f"[page] {args.nodes:,} nodes, {graph.number_of_edges():,} edges: written in "
        f"{written:.1f} s ({page_file.stat().st_size / 2**20:.0f} MiB)"
    )
    targets = {"load": 3000, "pan": 100, "zoom": 100, "search": 100, "select": 100}
    if ours.get("open"):
        targets["open"] = 100
    print(f"  {'':8} {'newskg':>10} {'sigma alone':>12} {'ratio':>6} {'target':>8}")
    for name, target in targets.items():
        mine, theirs = ours[name], base.get(name)
        ratio = f"{mine / theirs:.2f}" if theirs else "—"
        shown = f"{theirs:10.0f}ms" if theirs else f"{'—':>12}"
        flag = "" if mine < target else "  (over target)"
        print(f"  {name:8} {mine:8.0f}ms {shown} {ratio:>6} {target:6}ms{flag}")


if __name__ == "__main__":
    main()

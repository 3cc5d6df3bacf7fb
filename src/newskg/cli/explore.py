"""Looking at the graph: counts, the network and timeline pages, paths between entities."""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newskg.cli.app import (
    StoreOption,
    _open,
    _settings,
    app,
    err,
    out,
)
from newskg.errors import NewskgError


@app.command()
def stats(
    network: Annotated[
        bool, typer.Option(help="Also: centrality, communities and bridges.")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Count what the store holds, by type and by article; --network adds the most central
    entities, the communities and the entities that bridge them.

    Example: newskg stats --network
    """
    from newskg.stats import store_stats

    db = _open(_settings(store))
    s = store_stats(db)
    if network:
        with _collector_paused():
            _network_stats(db)
    table = Table("what", "count", title="newskg store")
    table.add_row("triples", str(s.triples))
    for name, count in s.by_type.items():
        if name == "bylines only":  # already among people and organizations
            name = "  of people and organizations: bylines only"
        table.add_row(name, str(count))
    out.print(table)
    if s.by_article:
        per = Table(title="by article")
        per.add_column("article", overflow="fold")  # an id is meant to be copied: never cut
        for header in ("headline", "entities", "mentions"):
            per.add_column(header)
        for row in s.by_article:
            per.add_row(row["id"], row.get("headline", ""), row["entities"], row["mentions"])
        out.print(per)


def _network_stats(db) -> None:
    from newskg.graph import full_projection, network_stats

    g = full_projection(db)
    ns = network_stats(g)
    label = {n: d.get("label", n) for n, d in g.nodes(data=True)}
    # the same counts as `newskg graph`: facts are the stated links, pairs the nodes they join
    title = (
        f"network: {ns.nodes} nodes, {ns.edges} linked pairs ({g.number_of_edges()} facts); "
        "centrality over the pairs"
    )
    table = Table("entity", "degree", "betweenness", title=title)
    for n in sorted(ns.betweenness, key=lambda n: -ns.betweenness[n])[:10]:
        table.add_row(label[n], f"{ns.degree[n]:.3f}", f"{ns.betweenness[n]:.3f}")
    out.print(table)
    out.print(
        f"{len(ns.communities)} communities; bridges: "
        + ", ".join(label[n] for n in ns.bridges[:8]),
        highlight=False,
        markup=False,
    )


@app.command()
def graph(
    view: Annotated[str, typer.Option(help="full | people | organizations | events")] = "full",
    out_file: Annotated[Path, typer.Option("--out", "-o", help="File to write.")] = Path(
        "out/network.html"
    ),
    format: Annotated[
        # written out rather than read from graph.files.FILE_FORMATS, so that the CLI starts
        # without networkx; a test checks the two agree
        str,
        typer.Option("--format", "-f", help="html | gexf | graphml | json"),
    ] = "html",
    focus: Annotated[
        str | None, typer.Option(help="Show the network around this name (or alias).")
    ] = None,
    hops: Annotated[int, typer.Option(help="With --focus: how many steps out.")] = 2,
    type: Annotated[
        str | None, typer.Option("--type", help="Comma-separated node types to keep.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Events on or after this date (YYYY[-MM[-DD]]).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Events up to this date.")] = None,
    article: Annotated[str | None, typer.Option(help="Only what this article states.")] = None,
    max_nodes: Annotated[
        int,
        typer.Option(
            help="Draw at most this many nodes one by one; a bigger graph opens with its "
            "largest communities as one node each (click one to open it). The page holds "
            "at most 100000 nodes or this many, the most connected."
        ),
    ] = 20_000,
    max_edges: Annotated[
        int | None,
        typer.Option(
            help="Draw at most this many links, the heaviest (default: 3000 on the canvas, "
            "200000 with WebGL)."
        ),
    ] = None,
    renderer: Annotated[
        str,
        typer.Option(help="auto (WebGL above 2000 nodes) | canvas (vis-network) | webgl (sigma)."),
    ] = "auto",
    store: StoreOption = None,
) -> None:
    """Write the network as an interactive page (works offline: details with each fact's
    sentence and article, search, filters, a fixed layout, export) or as a file for Gephi
    (gexf), Cytoscape (graphml) or d3 (json). With --focus the page opens on that node. A
    graph of more than 2000 nodes is drawn with WebGL (sigma), laid out here.

    Example: newskg graph --view people --focus "Khaled Barakat" --out out/people.html

    Example: newskg graph --view full --renderer webgl --out out/everything.html
    """
    from newskg.graph import Filters, find_node, projection, write_graph_file, write_network_page

    # written out rather than read from graph.webgl.RENDERERS (the CLI starts without
    # networkx); a test checks the two agree
    if renderer not in ("auto", "canvas", "webgl"):
        raise NewskgError(f"--renderer {renderer!r}: use auto, canvas or webgl")
    filters = Filters(
        focus=focus,
        hops=hops,
        since=since,
        until=until,
        article=article,
        types=frozenset(t.strip() for t in type.split(",")) if type else None,
    )
    if format == "html":
        # the page's libraries are imported while the engine answers the projection's
        # queries, mostly outside Python's lock
        libraries = threading.Thread(target=_import_page_libraries, name="newskg-imports")
        libraries.start()
    with _collector_paused():
        g = projection(_open(_settings(store)), view, filters)
        if format == "html":
            libraries.join()
            write_network_page(
                g,
                out_file,
                title=f"newskg — {view} network",
                max_nodes=max_nodes,
                max_edges=max_edges,
                focus=find_node(g, focus) if focus else None,
                renderer=renderer,
            )
        else:
            write_graph_file(g, out_file, format)
    # the pairs linked, counted without building the simple graph again (a second at a
    # million triples)
    pairs = len({(u, v) if str(u) <= str(v) else (v, u) for u, v in g.edges()})
    err.print(
        f"wrote {out_file} ({g.number_of_nodes()} nodes, {pairs} linked pairs, "
        f"{g.number_of_edges()} facts)"
    )


@contextlib.contextmanager
def _collector_paused():
    """Python's cycle collector off while a projection and its page are built. They make
    millions of objects that stay alive until the page is written, and each of the
    collector's passes walks them all: at 1.4 M triples the passes took about 0.7 s of the
    command's 4.5 s and found some 15,000 objects to free (a few MiB), which are freed when
    the collector runs again after the page is written."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _import_page_libraries() -> None:
    # igraph imports matplotlib for drawing of its own, which newskg never asks of it: a
    # second of the command's time (three quarters of igraph's import). This process draws
    # nothing with igraph, so igraph is imported with matplotlib hidden: a None entry makes
    # the import raise ImportError, and igraph keeps a stand-in that asks for matplotlib if
    # its drawing were called. matplotlib itself stays importable for anything else.
    hidden = "matplotlib" not in sys.modules
    if hidden:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]
    try:
        import igraph  # noqa: F401
    finally:
        if hidden and sys.modules.get("matplotlib", False) is None:
            del sys.modules["matplotlib"]
    import pyvis.network  # noqa: F401


@app.command()
def timeline(
    out_file: Annotated[Path, typer.Option("--out", "-o", help="HTML page to write.")] = Path(
        "out/timeline.html"
    ),
    network: Annotated[
        str,
        typer.Option(help="The network page to link events to, relative to the timeline page."),
    ] = "network.html",
    store: StoreOption = None,
) -> None:
    """Write the events on a timeline that zooms and pans (offline page): grouped by type or
    participant, each with its date's precision, place, participants, the sentence that
    tells it and its article, linked to the network page; undated events listed apart.

    Example: newskg timeline --out out/timeline.html
    """
    from newskg.graph import write_timeline_page
    from newskg.graph.projections import timeline_events

    events = timeline_events(_open(_settings(store)))
    write_timeline_page(events, out_file, network=network)
    err.print(f"wrote {out_file} ({len(events)} events)")


@app.command()
def path(
    source: Annotated[str, typer.Argument(help="A name or alias.")],
    target: Annotated[str, typer.Argument(help="Another name or alias.")],
    store: StoreOption = None,
) -> None:
    """The shortest connection between two entities, with the sentence behind each step.

    Example: newskg path "Ammar al-Zaben" "Khaled Barakat"
    """
    from newskg.graph import connection, full_projection

    hops = connection(full_projection(_open(_settings(store))), source, target)
    if not hops:
        out.print(f"no connection between {source} and {target}")
        raise typer.Exit(1)
    for i, hop in enumerate(hops, start=1):
        out.print(
            f"{i}. {hop.source} —[{hop.relation}{', ' + hop.role if hop.role else ''}]— {hop.target}",
            highlight=False,
            markup=False,
        )
        if hop.evidence:
            sentence = " ".join(hop.evidence.split())  # a sentence may end in a line break
            out.print(f"   “{sentence}” ({hop.article})", highlight=False, markup=False)


@app.command()
def claims(
    name: Annotated[
        str | None, typer.Argument(help="Only events or people whose name contains this.")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Where the articles disagree: for each event several articles report, and each person
    several articles name, every property on which they differ (date, place, a
    participant's role, a number counting the same thing, a title or organization), each
    value with its article, outlet, publication date and sentence. The same rows as
    `newskg query conflicting-claims`, grouped.

    Examples: newskg claims;  newskg claims "dockworkers"
    """
    from newskg.query import load_query, run_query

    q = load_query("conflicting-claims")
    params = q.bindings({"name": name} if name else {})
    result = run_query(_open(_settings(store)), q.text, params, timeout=120)
    groups: dict[str, list] = {}
    for row in result.rows:
        groups.setdefault(str(row["subject"]), []).append(row)
    out.print(f"{len(groups)} event(s) or person(s) on which the articles differ")
    for rows in groups.values():
        table = Table("property", "value", "article", "outlet", "published", "sentence")
        table.title = str(rows[0]["subjectName"])
        table.columns[2].overflow = "fold"  # an article id is meant to be copied whole
        for row in rows:
            cells = ("property", "value", "articleId", "outlet", "published", "sentence")
            table.add_row(*[" ".join(str(row.get(c, "")).split()) for c in cells])
        out.print(table)

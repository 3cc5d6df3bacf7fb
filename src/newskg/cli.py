"""The `newskg` command: thin commands over the library.

Exit codes: 0 success; 1 a user error or at least one input failed (each reported on one
line); 2 wrong command-line usage.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
import typer.core
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from newskg.errors import NewskgError
from newskg.settings import Settings
from newskg.terminal import SafeConsole, styled


class ErrorBoundary(typer.core.TyperGroup):
    """The one place where a NewskgError from any command becomes one line on standard
    error and exit code 1 (no traceback: the message says what to do)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NewskgError as exc:
            fail(str(exc))


app = typer.Typer(
    cls=ErrorBoundary,
    help="Turn news articles into a provenance-tracked RDF knowledge graph.\n\n"
    "Store: --store oxigraph:PATH (default oxigraph:.newskg/store) or memory:, "
    "or the NEWSKG_STORE environment variable.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# data is printed as plain text: never markup, control characters shown (terminal.py)
out = SafeConsole()
err = SafeConsole(stderr=True)

StoreOption = Annotated[
    str | None,
    typer.Option("--store", help="Store URL: oxigraph:PATH or memory: (env NEWSKG_STORE)."),
]


def fail(message: str) -> None:
    err.print(styled("error:", "bold red", message), soft_wrap=True)
    raise typer.Exit(1)


def _each_file(files, action) -> int:
    """Run `action` on each file; a file that fails is one line on standard error and the
    others still run (the one place besides the ErrorBoundary that catches NewskgError).
    Returns how many failed."""
    failed = 0
    for path in files:
        try:
            action(path)
        except NewskgError as exc:
            failed += 1
            err.print(styled("error:", "red", str(exc).splitlines()[0]), soft_wrap=True)
    return failed


def _finish(report, summary: str) -> None:
    """One line per failed input on stderr, the summary on stdout, exit 1 if any failed."""
    for where, problem in report.failed:
        err.print(styled("error:", "red", f"{where}: {problem}"), soft_wrap=True)
    out.print(summary)
    if report.failed:
        raise typer.Exit(1)


def _settings(store: str | None, **extra: object) -> Settings:
    return Settings().with_overrides(store=store, **extra)


def _open(settings: Settings, create: bool = False):
    """The store the settings name. Only commands that write (ingest, import, load) create
    an embedded store; a read command on a store that does not exist says so, instead of
    answering from a new empty one."""
    from newskg.store import open_store

    scheme, _, location = settings.store.partition(":")
    if scheme == "oxigraph" and location and not create:
        folder = Path(location)
        if not folder.is_dir() or not any(folder.iterdir()):
            raise NewskgError(
                f"no store at {location}; run `newskg ingest` first, or point --store (or "
                "NEWSKG_STORE) at yours (`make demo` writes oxigraph:.newskg/store)"
            )
    return open_store(settings.store)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    store: StoreOption = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date for every article (YYYY[-MM[-DD]]).")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for every article.")] = None,
    model: Annotated[
        str | None, typer.Option(help="spaCy pipeline package (env NEWSKG_MODEL).")
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Extract again even if an article is unchanged.")
    ] = False,
    workers: Annotated[
        int, typer.Option(help="Extraction processes (each loads the model once).")
    ] = 1,
    follow_links: Annotated[
        bool,
        typer.Option(
            "--follow-links", help="Follow symbolic links inside input folders (to files inside)."
        ),
    ] = False,
) -> None:
    """Read articles, extract their facts, and store each article as one named graph.

    Unchanged articles are skipped; a changed one replaces exactly its old facts. A bad file
    is reported on one line and the others are still ingested (exit code 1 if any failed).

    Example: newskg ingest data/articles --published 2025-05
    """
    from newskg.ingest import Overrides, discover
    from newskg.pipeline import ingest_paths

    settings = _settings(store, model=model)
    overrides = Overrides(published=published, outlet=outlet)
    if published:
        from newskg.ingest.metadata import parse_partial_date

        parse_partial_date(published, "--published")
    files = list(discover(paths, follow_links))
    db = _open(settings, create=True)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("ingesting", total=len(files))
        last_source: list[object] = [None]

        def advance(item: object) -> None:
            # one step per file: a JSONL file of many articles is one step
            source = getattr(item, "source", item)
            if source != last_source[0]:
                last_source[0] = source
                progress.advance(task)

        report = ingest_paths(files, db, settings, overrides, force, advance, workers, False)
    summary = (
        f"ingested {len(report.ingested)}, unchanged {len(report.unchanged)}, "
        f"failed {len(report.failed)}; store has {len(db)} triples"
    )
    db.close()  # release the store's lock now, not when the exit's traceback is collected
    _finish(report, summary)


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
    table = Table(
        "entity", "degree", "betweenness", title=f"network: {ns.nodes} nodes, {ns.edges} edges"
    )
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
def export(
    format: Annotated[
        str, typer.Option("--format", "-f", help="turtle | trig | nquads | ntriples | jsonld")
    ] = "turtle",
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write (default: standard output).")
    ] = None,
    include_inferred: Annotated[
        bool, typer.Option(help="Include the graph written by `newskg infer`.")
    ] = False,
    article: Annotated[str | None, typer.Option(help="Only this article's graph.")] = None,
    describe: Annotated[
        bool,
        typer.Option(
            help="Add a VoID/DCAT description of the dataset (NEWSKG_LICENSE sets its licence)."
        ),
    ] = False,
    with_vocabularies: Annotated[
        bool,
        typer.Option(
            "--with-vocabularies",
            help="Add the SKOS concepts (event types, roles, hedges …) with their labels.",
        ),
    ] = False,
    store: StoreOption = None,
) -> None:
    """Serialize the graph. Turtle, N-Triples and JSON-LD give the merged view; TriG and
    N-Quads keep each article's named graph. --with-vocabularies adds the labels and
    definitions of the concepts the data uses, for consumers without newskg's ontology.

    Example: newskg export --format turtle --with-vocabularies --out out/newskg.ttl
    """
    from newskg.export import export as do_export

    settings = _settings(store)
    data = do_export(
        _open(settings),
        format,
        out_file,
        include_inferred,
        article,
        describe,
        settings,
        vocabularies=with_vocabularies,
    )
    if out_file is None:
        sys.stdout.buffer.write(data)
    else:
        err.print(f"wrote {out_file} ({len(data):,} bytes)")


@app.command()
def validate(
    store: StoreOption = None,
    engine: Annotated[
        str | None,
        typer.Option(
            "--engine",
            help="SHACL engine: turbo (pyshacl-turbo, fast) or pyshacl (the reference). "
            "Default: NEWSKG_SHACL_ENGINE, else turbo.",
        ),
    ] = None,
) -> None:
    """Check every article graph in the store against ontology/shapes.ttl (SHACL).

    Example: newskg validate --engine pyshacl
    """
    from newskg.rdf.validate import validate_graph

    settings = _settings(store).with_overrides(shacl_engine=engine)
    db = _open(settings)
    failures = 0
    graphs = db.named_graphs()
    for graph_iri in graphs:
        result = validate_graph(db.graph(graph_iri), settings.shacl_engine)
        if not result.conforms:
            failures += 1
            err.print(
                styled("does not conform:", "red", f"{graph_iri}: {result.summary()}"),
                soft_wrap=True,
            )
    out.print(f"{len(graphs) - failures} of {len(graphs)} graphs conform")
    if failures:
        raise typer.Exit(1)


@app.command()
def graph(
    view: Annotated[str, typer.Option(help="full | people | organizations | events")] = "full",
    out_file: Annotated[Path, typer.Option("--out", "-o", help="File to write.")] = Path(
        "out/network.html"
    ),
    format: Annotated[
        str, typer.Option("--format", "-f", help="html | gexf | graphml | json")
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
        int, typer.Option(help="Keep the most connected nodes above this size.")
    ] = 300,
    store: StoreOption = None,
) -> None:
    """Write the network as an interactive page (pyvis, works offline) or as a file for
    Gephi (gexf), Cytoscape (graphml) or d3 (json).

    Example: newskg graph --view people --focus "Khaled Barakat" --out out/people.html
    """
    from newskg.graph import Filters, projection, write_graph_file, write_network_page

    filters = Filters(
        focus=focus,
        hops=hops,
        since=since,
        until=until,
        article=article,
        types=frozenset(t.strip() for t in type.split(",")) if type else None,
    )
    g = projection(_open(_settings(store)), view, filters)
    if format == "html":
        write_network_page(g, out_file, title=f"newskg — {view} network", max_nodes=max_nodes)
    else:
        write_graph_file(g, out_file, format)
    err.print(f"wrote {out_file} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")


@app.command()
def timeline(
    out_file: Annotated[Path, typer.Option("--out", "-o", help="HTML page to write.")] = Path(
        "out/timeline.html"
    ),
    store: StoreOption = None,
) -> None:
    """Write the events on a time axis with their participants and places (offline page).

    Example: newskg timeline --out out/timeline.html
    """
    from newskg.graph import write_timeline_page
    from newskg.graph.projections import timeline_events

    events = timeline_events(_open(_settings(store)))
    write_timeline_page(events, out_file)
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
def digest(
    ids: Annotated[list[str] | None, typer.Argument(help="Article ids (default: all).")] = None,
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for <article_id>.yaml files.")
    ] = Path("out/digests"),
    store: StoreOption = None,
) -> None:
    """Write one digest per article: YAML of what the graph holds about it (persons, roles,
    events, quotes, numbers), read by SPARQL. The format is described in the README
    ("Measure extraction on your own articles").

    Example: newskg digest brussels-prisoners-conference --out out/digests
    """
    from newskg.digest import write_digests

    paths = write_digests(_open(_settings(store)), out_dir, ids or None)
    err.print(f"wrote {len(paths)} digest(s) to {out_dir}")


@app.command(name="eval")
def eval_(
    gold_dir: Annotated[
        Path, typer.Argument(help="Folder of gold digests named <article_id>.yaml.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
    errors: Annotated[
        bool,
        typer.Option(
            "--errors",
            help="Also list, per category, each missed and each extra item with its sentence.",
        ),
    ] = False,
    store: StoreOption = None,
) -> None:
    """Compare the store's digests with gold digests: precision, recall and F1 per category,
    and the macro-F1 over the ten headline categories. A category with nothing to score on
    either side is n/a. Gold digests follow the digest format: docs/FORMAT.md in newskg's
    source, or the YAML that `newskg digest` writes.

    Example: newskg eval my-gold/ --errors
    """
    import json

    from newskg.digest import article_digest, article_text
    from newskg.evaluate import evaluate, load_gold, sentence_with

    db = _open(_settings(store))
    gold = load_gold(gold_dir)
    predicted = {i: article_digest(db, i, evidence=errors) for i in gold if i in set(_ids(db))}
    result = evaluate(predicted, gold)
    texts = {i: article_text(db, i) for i in result.articles} if errors else {}

    def sentence(error) -> str | None:
        if error.sentence:
            return error.sentence
        return sentence_with(texts.get(error.article) or "", error.needle)

    if as_json:
        data = result.as_dict()
        if errors:
            data["errors"] = [{**vars(e), "sentence": sentence(e)} for e in result.errors]
        out.print_json(json.dumps(data))
        return

    def fmt(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.3f}"

    table = Table(
        "category",
        "precision",
        "recall",
        "F1",
        "tp",
        "fp",
        "fn",
        title=f"newskg eval on {len(result.articles)} article(s)",
    )
    for name, s in result.scores.items():
        table.add_row(
            name, fmt(s.precision), fmt(s.recall), fmt(s.f1), str(s.tp), str(s.fp), str(s.fn)
        )
    out.print(table)
    out.print(f"macro-F1 (persons … quantities): {fmt(result.macro_f1)}")
    if errors:
        for category in dict.fromkeys(e.category for e in result.errors):
            out.print()
            out.print(styled(category, "bold"))
            for e in (x for x in result.errors if x.category == category):
                # article text is data, never console markup
                out.print(f"  {e.kind:6} {e.article}: {e.item}")
                found = sentence(e)
                if found:
                    out.print(styled("        ", "dim", found[:300]))


def _ids(db) -> list[str]:
    from newskg.digest import article_ids

    return article_ids(db)


@app.command()
def duplicates(
    curation: Annotated[
        Path | None, typer.Option(help="Curation file whose decisions are not proposed again.")
    ] = None,
    store: StoreOption = None,
) -> None:
    """List entities that may be the same (a short form of another's name, another spelling).
    Nothing is merged: confirm or reject pairs in a curation file, then run `newskg curate`.

    Example: newskg duplicates --curation data/curation.yaml
    """
    from newskg.curation import find_candidates, load_curation

    settings = _settings(store)
    decided = load_curation(curation) if curation else None
    found = find_candidates(_open(settings), decided)
    # one pair per line with the ids as a curation file writes them, never cut short at the
    # terminal's width: they are meant to be copied into same_as or not_same_as
    out.print(f"{len(found)} candidate pair(s)")
    for c in found:
        a, b = (x.removeprefix(settings.base_iri) for x in (c.a, c.b))
        out.print(f"[{a}, {b}]  # {c.a_name} / {c.b_name}: {c.reason}", soft_wrap=True)
    if found:
        out.print("Copy a line under same_as: or not_same_as: in the curation file.")


@app.command()
def curate(
    curation: Annotated[Path, typer.Argument(help="Curation file (YAML).")] = Path(
        "data/curation.yaml"
    ),
    store: StoreOption = None,
) -> None:
    """Apply a curation file (same-as, not-same-as, aliases) as its own named graph,
    attributed to the curator; running it again replaces the previous decisions.

    Example: newskg curate data/curation.yaml
    """
    from newskg.curation import apply_curation

    count = apply_curation(_open(_settings(store)), curation)
    out.print(f"applied {curation}: {count} triples in the curation graph")


@app.command()
def queries() -> None:
    """List the query library (queries/*.rq) with each query's parameters.

    Example: newskg queries
    """
    from newskg.query import library

    table = Table("name", "what it answers", "parameters", title="newskg query library")
    for name, q in library().items():
        params = ", ".join(
            f"{p.name} ({p.type}{'' if p.default in (None, '') else ' = ' + p.default})"
            for p in q.params
        )
        table.add_row(name, q.description, params)
    out.print(table)


def _parse_params(values: list[str]) -> dict[str, str]:
    params = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise NewskgError(f"--param takes name=value, not {item!r}")
        params[name.strip()] = value
    return params


@app.command()
def query(
    name: Annotated[str | None, typer.Argument(help="A library query name or a .rq file.")] = None,
    expression: Annotated[
        str | None, typer.Option("-e", "--expression", help="SPARQL text to run.")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="name=value, repeatable.")
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="table | csv | tsv | json | md | turtle | jsonld")
    ] = "table",
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    timeout: Annotated[float, typer.Option(help="Stop the query after this many seconds.")] = 30.0,
    allow_update: Annotated[
        bool, typer.Option(help="Permit SPARQL updates (they change the store).")
    ] = False,
    allow_remote: Annotated[
        bool, typer.Option(help="Permit SERVICE, LOAD and FROM (network or local files).")
    ] = False,
    include_inferred: Annotated[
        bool, typer.Option(help="Include the graph written by `newskg infer`.")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Run a library query, a .rq file or -e 'SPARQL'. Parameters are bound as RDF terms,
    never pasted into the query. SELECT prints a table (or csv, tsv, SPARQL-results json,
    md); CONSTRUCT and DESCRIBE print Turtle (or JSON-LD).

    Example: newskg query people-roles --param person="Khaled Hamad" --format csv
    """
    from newskg.query import LibraryQuery, format_result, load_query, run_query, with_prefixes

    if (name is None) == (expression is None):
        raise NewskgError("give a query name or .rq file, or -e 'SPARQL' (one of them)")
    q = load_query(name) if name else LibraryQuery("expression", with_prefixes(expression or ""))
    bindings = q.bindings(_parse_params(param or []))
    result = run_query(
        _open(_settings(store)),
        q.text,
        bindings,
        limit=limit,
        timeout=timeout,
        allow_update=allow_update,
        allow_remote=allow_remote,
        include_inferred=include_inferred,
    )
    if format == "table" and result.graph is None and result.form == "select":
        table = Table(*result.variables, title=f"{q.name}: {len(result.rows)} row(s)")
        for row in result.rows:
            table.add_row(*[str(row.get(v, "")) for v in result.variables])
        out.print(table)
        return
    sys.stdout.write(format_result(result, "turtle" if format == "table" else format))


@app.command()
def infer(
    profile: Annotated[str, typer.Option(help="rdfs or owlrl.")] = "owlrl",
    max_triples: Annotated[int, typer.Option(help="Refuse stores larger than this.")] = 2_000_000,
    timeout: Annotated[float, typer.Option(help="Give up after this many seconds.")] = 600.0,
    store: StoreOption = None,
) -> None:
    """Materialize what OWL-RL (or RDFS) inference adds, using the ontology's alignments,
    into a named graph of its own; running it again replaces it. Queries and exports leave
    it out unless given --include-inferred.

    Example: newskg infer --profile owlrl && newskg query -e 'SELECT * { ?p a foaf:Person }' --include-inferred
    """
    from newskg.rdf.inference import infer as do_infer

    count = do_infer(_open(_settings(store)), profile, max_triples, timeout)
    out.print(f"inferred {count} triples ({profile}) into the inferred graph")


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="TCP port.")] = 7878,
    host: Annotated[
        str, typer.Option(help="Address to bind; 127.0.0.1 keeps it local to this machine.")
    ] = "127.0.0.1",
    writable: Annotated[
        bool, typer.Option(help="Accept SPARQL updates (read-only by default).")
    ] = False,
    timeout: Annotated[float, typer.Option(help="Stop each query after this many seconds.")] = 30.0,
    workers: Annotated[
        int, typer.Option(help="Queries run at once (worker processes; 1 when writable).")
    ] = 2,
    store: StoreOption = None,
) -> None:
    """Serve an embedded store as a SPARQL endpoint (/query, and /update when --writable)
    with a query editor at /, read-only and on 127.0.0.1 unless told otherwise. The default
    graph is the union of the article graphs, as in `newskg query`. Every request is parsed
    first: SERVICE, LOAD and FROM are refused; a query that overruns --timeout is stopped
    (its worker process is killed); served on a loopback address, requests from other hosts
    or from web pages elsewhere are refused. Ctrl-C (or SIGTERM) stops the server and its
    workers; do not ingest into the same store while it is served.

    Example: newskg serve --port 7878 --timeout 10   (then open http://127.0.0.1:7878/)
    """
    from newskg.serve import is_loopback
    from newskg.serve import serve as run_server
    from newskg.store import embedded_location

    location = embedded_location(_settings(store).store)
    if writable and not is_loopback(host):
        err.print(
            styled(
                "warning:",
                "yellow",
                f"--writable on {host}: anyone who can reach this address can change the store",
            ),
            soft_wrap=True,
        )

    def ready() -> None:
        err.print(
            f"serving {location} at http://{host}:{port}/ "
            f"({'writable' if writable else 'read-only'}); SPARQL endpoint /query; Ctrl-C stops",
            soft_wrap=True,
        )

    run_server(location, host, port, writable, timeout, workers, ready)


@app.command(name="import")
def import_(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Turtle, TriG, N-Quads, N-Triples, JSON-LD or RDF/XML files."),
    ] = None,
    list_imports: Annotated[
        bool, typer.Option("--list", help="List the imported graphs (file and time).")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Import files that do not conform to the shapes, marked as such."
        ),
    ] = False,
    graph: Annotated[
        str | None,
        typer.Option("--graph", help="Name of the import (default: the file's name)."),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace an earlier import of the same name.")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Load foreign RDF files, each into a named graph of its own under import/ (a TriG or
    N-Quads file keeps its graphs, each under import/NAME/), marked with the file and time;
    a name already taken is refused unless --replace. Refused: entity declarations, remote
    JSON-LD contexts, data that would pass for article evidence (statements about ingested
    articles, mentions, newskg's own properties, or anything but links such as owl:sameAs
    about newskg's entities), and files that do not conform to the shapes unless --force.
    Syntax errors name the line.

    Examples: newskg import links.ttl;  newskg import sources.trig --graph wikidata-links
    """
    from newskg.rdf.importer import import_file, imported_graphs

    db = _open(_settings(store), create=True)
    if list_imports:
        for imported in imported_graphs(db):
            out.print(f"import/{imported['name']}  {imported['file']}  {imported['time']}")
        return

    def one(path: Path) -> None:
        report = import_file(db, path, force=force, graph=graph, replace=replace)
        note = (
            f"; {len(report.problems)} shape problem(s), e.g. {report.problems[0]}"
            if report.problems
            else ""
        )
        out.print(f"imported {path}: {report.triples} triples into {report.graph}{note}")

    failed = _each_file(files or [], one)
    if failed:
        raise typer.Exit(1)


@app.command()
def docs(
    out_file: Annotated[Path, typer.Option("--out", "-o", help="HTML page to write.")] = Path(
        "out/ontology.html"
    ),
) -> None:
    """Write an HTML reference of the ontology (ontology/newskg.ttl) and its vocabularies.

    Example: newskg docs --out out/ontology.html
    """
    from newskg.rdf.docs import render_ontology_docs

    render_ontology_docs(out_file)
    err.print(f"wrote {out_file}")


@app.command()
def remove(
    ids: Annotated[list[str], typer.Argument(help="Article ids (or import/NAME) to remove.")],
    store: StoreOption = None,
) -> None:
    """Remove articles (or imported graphs, named import/NAME): each one's named graph goes,
    whole; entities that other articles mention stay, with those articles' facts.

    Example: newskg remove madrid-prisoners-discussion import/links
    """
    from newskg.ingest.metadata import check_id
    from newskg.rdf.importer import remove_import
    from newskg.resolve import article_iri

    settings = _settings(store)
    missing = 0
    db = _open(settings)
    for article_id in ids:
        if article_id.startswith("import/"):  # as `newskg import --list` names it
            found = remove_import(db, article_id.split("/", 1)[1], settings)
        else:
            target = article_iri(settings.base_iri, check_id(article_id, "article id"))
            found = db.remove_graph(target)
        if found:
            out.print(f"removed {article_id}")
        else:
            missing += 1
            err.print(
                styled("error:", "red", f"no article {article_id!r} in the store"),
                soft_wrap=True,
            )
    if missing:
        raise typer.Exit(1)


@app.command(name="extract")
def extract_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for one N-Quads file per article.")
    ],
    workers: Annotated[int, typer.Option(help="Extraction processes.")] = 1,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline package.")] = None,
) -> None:
    """Extract without a store: one `<article_id>.nq` file per article (its named graph),
    for parallel or distributed extraction; `newskg load` bulk-loads them.

    Example: newskg extract data/articles --out out/nq --workers 2
    """
    from newskg.bulk import write_article_quads
    from newskg.pipeline import IngestReport, extract_many, read_paths

    settings = _settings(None, model=model)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = IngestReport()
    written = 0
    for article, nt, error in extract_many(
        read_paths(paths, report, None, settings), settings, workers
    ):
        if error is not None or nt is None:
            report.failed.append((article.source or article.id, error or "no triples"))
            continue
        write_article_quads(out_dir, article.id, nt, settings)
        written += 1
    _finish(report, f"extracted {written} article(s) to {out_dir}; failed {len(report.failed)}")


@app.command()
def load(
    sources: Annotated[
        list[Path],
        typer.Argument(
            help="N-Quads or TriG files, or folders of them (`newskg extract` output, "
            "`newskg export --format nquads|trig`)."
        ),
    ],
    store: StoreOption = None,
) -> None:
    """Restore what newskg wrote: each named graph of N-Quads or TriG files replaces the
    store's graph of the same name in one transaction, after it is checked against the
    shapes (an article graph must be whole). Merged views (Turtle, N-Triples, JSON-LD) have
    lost their graphs and are refused; bring foreign data in with `newskg import`.

    Example: newskg load out/nq          newskg load backup.trig --store oxigraph:fresh
    """
    from newskg.bulk import files_to_load, load_file

    settings = _settings(store)
    files = files_to_load(sources)
    db = _open(settings, create=True)
    failed = _each_file(files, lambda path: load_file(db, path, settings))
    out.print(f"loaded {len(files) - failed} file(s); failed {failed}; store has {len(db)} triples")
    db.close()  # release the store's lock before the exit
    if failed:
        raise typer.Exit(1)


link_app = typer.Typer(help="Links to outside identifiers (GeoNames offline, Wikidata on request).")
app.add_typer(link_app, name="link")


@link_app.command("places")
def link_places(store: StoreOption = None) -> None:
    """List the places that have no GeoNames link, and why (ambiguous or unknown names are
    reported, not guessed).

    Example: newskg link places
    """
    from newskg.linking import place_link_report

    rows = place_link_report(_open(_settings(store)))
    table = Table("place", "why it is not linked", title=f"{len(rows)} unlinked place(s)")
    for place, why in rows:
        table.add_row(place, why)
    out.print(table)


@link_app.command("wikidata")
def link_wikidata(
    endpoint: Annotated[
        str, typer.Option(help="SPARQL endpoint with Wikidata's data model.")
    ] = "https://query.wikidata.org/sparql",
    timeout: Annotated[float, typer.Option(help="Seconds per request.")] = 30.0,
    limit: Annotated[int | None, typer.Option(help="Only the first N entities.")] = None,
    store: StoreOption = None,
) -> None:
    """Reconcile people, organizations and places with Wikidata items by exact label and
    type; unambiguous matches go into a named graph of their own (this reaches the network).

    Example: newskg link wikidata --limit 20
    """
    from newskg.linking import reconcile_wikidata

    results = reconcile_wikidata(_open(_settings(store)), endpoint, timeout, limit=limit)
    accepted = sum(1 for r in results if r.accepted)
    ambiguous = sum(1 for r in results if len(r.candidates) > 1)
    out.print(
        f"{len(results)} entities asked: {accepted} linked, {ambiguous} ambiguous (not linked)"
    )


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # python -m newskg.cli
    main()

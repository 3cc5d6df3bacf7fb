"""Articles into and out of the store: ingest, extract, load, validate, relink, remove."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from newskg.cli.app import (
    StoreOption,
    _each_file,
    _finish,
    _open,
    _settings,
    app,
    err,
    out,
)
from newskg.terminal import styled


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    store: StoreOption = None,
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date (YYYY[-MM[-DD]]) of the articles whose file gives none."
        ),
    ] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Outlet of the articles whose file names none.")
    ] = None,
    override: Annotated[
        bool,
        typer.Option(
            "--override",
            help="--published and --outlet replace what the files say, instead of filling in.",
        ),
    ] = False,
    model: Annotated[
        str | None, typer.Option(help="spaCy pipeline package (env NEWSKG_MODEL).")
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Extract again even if an article is unchanged.")
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            help="Extraction processes (1: one parses while another runs the rules, two "
            "cores busy; N: each of N parses and runs the rules)."
        ),
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
    overrides = Overrides(published=published, outlet=outlet, replace=override)
    if published:
        from newskg.ingest.metadata import parse_partial_date

        parse_partial_date(published, "--published")
    files = list(discover(paths, follow_links))
    db = _open(settings, create=True, relinks=True)
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
    # what this run wrote, not the store's size: counting a store's triples reads all of
    # them, which in a large store took longer than linking the batch (`newskg stats`)
    summary = (
        f"ingested {len(report.ingested)}, unchanged {len(report.unchanged)}, "
        f"failed {len(report.failed)}; {report.triples:,} triples written"
    )
    db.close()  # release the store's lock now, not when the exit's traceback is collected
    _finish(report, summary)


@app.command(name="extract")
def extract_(
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
    from newskg.reports import link_reports

    settings = _settings(store)
    files = files_to_load(sources)
    db = _open(settings, create=True, relinks=True)
    failed = _each_file(files, lambda path: load_file(db, path, settings))
    link_reports(db, settings)  # the loaded articles' events, matched across articles again
    out.print(f"loaded {len(files) - failed} file(s); failed {failed}; store has {len(db)} triples")
    db.close()  # release the store's lock before the exit
    if failed:
        raise typer.Exit(1)


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
    """Check every graph in the store against ontology/shapes.ttl (SHACL), and that the
    reported-events graph is what the article graphs give (exit 1 if anything fails).

    Example: newskg validate --engine pyshacl
    """
    from newskg.rdf.validate import validate_graph
    from newskg.reports import graph_iri as derived_graph
    from newskg.reports import stale
    from newskg.resolve import article_iri

    settings = _settings(store).with_overrides(shacl_engine=engine)
    db = _open(settings)
    # first, before any read could meet the damage: every known table file hashed
    if hasattr(db, "verify_tables"):  # an embedded store; a SPARQL server checks its own
        db.verify_tables()
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
    articles = sum(g.startswith(article_iri(settings.base_iri, "")) for g in graphs)
    out.print(
        f"{len(graphs) - failures} of {len(graphs)} graphs conform "
        f"({articles} article graph(s), {len(graphs) - articles} other: derived, curation, imports)"
    )
    reason = stale(db, settings)
    if reason is not None:
        failures += 1
        err.print(
            styled(
                "out of date:",
                "red",
                f"{derived_graph(settings)}: {reason}; `newskg relink` rebuilds it from the articles",
            ),
            soft_wrap=True,
        )
    if failures:
        raise typer.Exit(1)


@app.command()
def relink(store: StoreOption = None) -> None:
    """Compute again which events of different articles are one event (the reported-events
    graph), from the article graphs. Ingest, load and remove do it themselves; run this
    after `validate` says the graph is out of date, or after a curation change.

    Example: newskg relink
    """
    from newskg.reports import link_reports

    settings = _settings(store)
    db = _open(settings, write=True, relinks=True)
    count = link_reports(db, settings)
    out.print(f"{count} event(s) reported by more than one article")
    db.close()


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
    from newskg.pipeline import remove_articles
    from newskg.rdf.importer import remove_import

    settings = _settings(store)
    db = _open(settings, write=True, relinks=True)
    missing = []
    for name in [i for i in ids if i.startswith("import/")]:  # as `import --list` names them
        if not remove_import(db, name.split("/", 1)[1], settings):
            missing.append(name)
    articles = [check_id(i, "article id") for i in ids if not i.startswith("import/")]
    if articles:
        missing += remove_articles(db, articles, settings)
    for name in ids:
        if name in missing:
            err.print(styled("error:", "red", f"no article {name!r} in the store"), soft_wrap=True)
        else:
            out.print(f"removed {name}")
    if missing:
        raise typer.Exit(1)

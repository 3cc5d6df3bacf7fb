"""Linked data: exports, imports of foreign RDF, the ontology reference, outside links."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newskg.cli.app import (
    StoreOption,
    _each_file,
    _open,
    _settings,
    app,
    err,
    out,
)
from newskg.rdf.formats import EXPORT_FORMATS


@app.command()
def export(
    format: Annotated[
        str, typer.Option("--format", "-f", help=" | ".join(EXPORT_FORMATS))
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

    results = reconcile_wikidata(
        _open(_settings(store), write=True), endpoint, timeout, limit=limit
    )
    accepted = sum(1 for r in results if r.accepted)
    ambiguous = sum(1 for r in results if len(r.candidates) > 1)
    out.print(
        f"{len(results)} entities asked: {accepted} linked, {ambiguous} ambiguous (not linked)"
    )

"""SPARQL: the query library, queries, inference and the endpoint."""

from __future__ import annotations

import sys
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
from newskg.query import FORMATS as RESULT_FORMATS
from newskg.terminal import styled


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
        str, typer.Option("--format", "-f", help=" | ".join(RESULT_FORMATS))
    ] = "table",
    limit: Annotated[
        int | None, typer.Option(help="At most this many rows (a page).", min=0)
    ] = None,
    offset: Annotated[
        int, typer.Option(help="Skip this many rows first (the next page: --offset 100).", min=0)
    ] = 0,
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

    Example: newskg query event-participants --limit 100 --offset 100   (rows 101-200)
    """
    from newskg.query import LibraryQuery, format_result, load_query, run_query, with_prefixes

    if (name is None) == (expression is None):
        raise NewskgError("give a query name or .rq file, or -e 'SPARQL' (one of them)")
    q = load_query(name) if name else LibraryQuery("expression", with_prefixes(expression or ""))
    bindings = q.bindings(_parse_params(param or []))
    result = run_query(
        _open(_settings(store), write=allow_update),
        q.text,
        bindings,
        limit=limit,
        offset=offset,
        listing=q.listing,
        timeout=timeout,
        allow_update=allow_update,
        allow_remote=allow_remote,
        include_inferred=include_inferred,
    )
    if format == "table" and result.graph is None and result.form == "select":
        shown = f"{len(result.rows)} row(s)"
        if offset or limit is not None:
            shown += f" from row {offset + 1}" if result.rows else f" past row {offset}"
        table = Table(*result.variables, title=f"{q.name}: {shown}")
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

    count = do_infer(_open(_settings(store), write=True), profile, max_triples, timeout)
    out.print(f"inferred {count} triples ({profile}) into the inferred graph")


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="TCP port.")] = 7878,
    host: Annotated[
        str, typer.Option(help="Address to bind; 127.0.0.1 keeps it local to this machine.")
    ] = "127.0.0.1",
    writable: Annotated[
        bool,
        typer.Option(help="Accept SPARQL updates on /update, with a token (read-only by default)."),
    ] = False,
    token_file: Annotated[
        Path | None,
        typer.Option(
            help="With --writable: read the update token from this file (else one is made and printed)."
        ),
    ] = None,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            help="A web origin (e.g. http://localhost:8888) whose pages may query; repeatable."
        ),
    ] = None,
    timeout: Annotated[float, typer.Option(help="Stop each query after this many seconds.")] = 30.0,
    workers: Annotated[
        int, typer.Option(help="Queries run at once (worker processes; 1 when writable).")
    ] = 2,
    store: StoreOption = None,
) -> None:
    """Serve an embedded store as a SPARQL endpoint (/query, and /update when --writable)
    with a query editor at /, read-only and on 127.0.0.1 unless told otherwise. The default
    graph is the union of the article graphs, as in `newskg query`. Every request is checked
    first, inside a worker process under --timeout: SERVICE, LOAD and FROM are refused, and a
    query or check that overruns is stopped (its worker is killed); the workers cannot open
    network connections. Served on a loopback address, requests for other hosts and requests
    a browser sends from other web sites are refused (list trusted pages with --cors-origin);
    each update needs the token printed at start (or kept in --token-file), sent as
    `Authorization: Bearer TOKEN`. A read-only endpoint sees what a later `newskg ingest`
    writes. Ctrl-C (or SIGTERM) stops the server and its workers.

    Example: newskg serve --port 7878 --timeout 10   (then open http://127.0.0.1:7878/)
    """
    import secrets

    from newskg import sandbox
    from newskg.serve import is_loopback
    from newskg.serve import serve as run_server
    from newskg.store import embedded_location

    location = embedded_location(_settings(store).store)
    if writable and not is_loopback(host):
        err.print(
            styled(
                "warning:",
                "yellow",
                f"--writable on {host}: anyone who can reach this address and has the token "
                "can change the store",
            ),
            soft_wrap=True,
        )
    token = None
    if writable:
        if token_file is not None:
            try:
                token = token_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise NewskgError(f"{token_file}: cannot read the token: {exc.strerror}") from None
            if len(token) < 16:
                raise NewskgError(f"{token_file}: the token must be at least 16 characters")
        else:
            token = secrets.token_urlsafe(24)
    if sandbox.UNAVAILABLE:
        err.print(
            styled(
                "warning:",
                "yellow",
                f"{sandbox.UNAVAILABLE}; the query check alone "
                "keeps SERVICE and LOAD from the network",
            ),
            soft_wrap=True,
        )

    def ready() -> None:
        err.print(
            f"serving {location} at http://{host}:{port}/ "
            f"({'writable' if writable else 'read-only'}); SPARQL endpoint /query; Ctrl-C stops",
            soft_wrap=True,
        )
        if writable and token_file is None:
            err.print(f"update token: {token}", soft_wrap=True)

    run_server(
        location, host, port, writable, timeout, workers, ready, token, frozenset(cors_origin or [])
    )

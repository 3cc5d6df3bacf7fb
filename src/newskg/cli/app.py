"""The `newskg` application: its one error boundary, the consoles, and what every command
shares (settings, opening the store, reporting failed files).

Names in the commands: `store` is the --store option (a URL), `db` the Store it opens; a
command whose name is a Python keyword or would hide a library function ends in `_`
(`eval_`, `import_`, `extract_`) and takes its CLI name from the decorator."""

from __future__ import annotations

from typing import Annotated

import typer
import typer.core

from newskg.errors import NewskgError, StoreDamaged
from newskg.settings import Settings
from newskg.store import STORES
from newskg.store.base import Store
from newskg.terminal import SafeConsole, styled


class ErrorBoundary(typer.core.TyperGroup):
    """The one place where a NewskgError from any command becomes one line on standard
    error and exit code 1 (no traceback: the message says what to do)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StoreDamaged as exc:
            err.print(styled("error:", "bold red", str(exc)), soft_wrap=True)
            raise typer.Exit(2) from None
        except NewskgError as exc:
            fail(str(exc))


def _flags_without_a_type() -> None:
    """Help shows no type for a flag: typer 0.2x prints `<bool>` beside `--force`, which
    reads as if the flag took a value. (Guarded: an older typer shows nothing there.)"""
    option = getattr(typer.core, "TyperOption", None)
    shown = getattr(option, "display_type_rich", None)
    if option is None or shown is None or getattr(shown, "_newskg", False):
        return

    def display_type_rich(self, ctx):
        return None if self.is_flag else shown(self, ctx)

    display_type_rich._newskg = True  # type: ignore[attr-defined]
    option.display_type_rich = display_type_rich


_flags_without_a_type()

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
    typer.Option(
        "--store",
        help=f"Store URL: {', '.join(form for _, form in STORES.values())} (env NEWSKG_STORE).",
    ),
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


def _open(
    settings: Settings, create: bool = False, write: bool = False, relinks: bool = False
) -> Store:
    """The store the settings name. Only commands that add articles (ingest, import, load)
    create an embedded store; the other commands that write (remove, curate, infer, …) open
    an existing one; every other command opens it read-only, so a read never changes a
    file of the store. A read command on a store that does not exist says so, instead of
    answering from a new empty one."""
    from newskg.store import existing_store, open_store

    if not create:
        existing_store(settings.store)
    store = open_store(settings.store, mode="create" if create else "write" if write else "read")
    from newskg.store.upgrade import upgrade_schema_terms, uses_old_schema_terms

    if not (create or write):
        if uses_old_schema_terms(store):
            _note(
                "this store holds schema.org terms in the https://schema.org/ form earlier "
                "versions of newskg wrote, which queries written with http://schema.org/ "
                "do not find; any command that writes (e.g. `newskg relink`) rewrites them"
            )
    elif upgraded := upgrade_schema_terms(store):
        _note(
            f"{upgraded} graph(s) of this store used https://schema.org/ terms; "
            "rewritten to http://schema.org/, the form newskg writes (docs/graph-model.md)"
        )
    # `relinks`: the command computes the cross-article graph after its write (ingest, load,
    # remove, relink), so repairing it first would compute it twice
    if (create or write) and not relinks:
        from newskg.reports import ensure_linked

        # a write cut short (a kill, a full disk) left the cross-article graph behind its
        # articles: the next command that writes repairs it before anything else
        reason = ensure_linked(store, settings)
        if reason is not None:
            _note(f"the reported-events graph was out of date ({reason}); rebuilt")
    return store


def _note(text: str) -> None:
    err.print(styled("note:", "yellow", text), soft_wrap=True)

"""Storage: one protocol, small adapters, chosen by a URL-like setting.

- ``oxigraph:PATH`` — embedded Oxigraph on disk (default ``oxigraph:.newskg/store``)
- ``memory:`` — in-memory Oxigraph, for tests and notebooks
- ``sparql:QUERY_URL[;update=UPDATE_URL]`` — any SPARQL 1.1 endpoint (SPARQLWrapper)
"""

from __future__ import annotations

from collections.abc import Callable

from newskg.errors import StoreError
from newskg.store.base import SelectResult, Store
from newskg.store.oxigraph_store import OxigraphStore

__all__ = ["SelectResult", "Store", "embedded_location", "existing_store", "open_store"]


def _memory(rest: str, inferred: str, mode: str) -> Store:
    return OxigraphStore(None, inferred)


def _oxigraph(rest: str, inferred: str, mode: str) -> Store:
    if not rest:
        raise StoreError("oxigraph: needs a folder, e.g. --store oxigraph:.newskg/store")
    return OxigraphStore(rest, inferred, mode)


def _sparql(rest: str, inferred: str, mode: str) -> Store:
    from newskg.store.sparql_store import SparqlStore

    query_url, _, options = rest.partition(";")
    update_url = None
    for option in filter(None, options.split(";")):
        key, _, value = option.partition("=")
        if key != "update" or not value:
            raise StoreError(f"unknown sparql store option {option!r}; use ;update=UPDATE_URL")
        update_url = value
    return SparqlStore(query_url, update_url, inferred_graph=inferred)


# scheme → (opener, how the setting is written): a backend is one entry here
STORES: dict[str, tuple[Callable[[str, str, str], Store], str]] = {
    "oxigraph": (_oxigraph, "oxigraph:PATH (embedded, on disk)"),
    "memory": (_memory, "memory:"),
    "sparql": (_sparql, "sparql:QUERY_URL[;update=UPDATE_URL]"),
}


def open_store(url: str, settings=None, mode: str = "create") -> Store:
    """Open the store a setting names; raises StoreError with what to write instead.
    `mode` "read" (read-only, never writes), "write" (an existing store) or "create" (the
    default of the API: a new store where there is none)."""
    from newskg.resolve import iri
    from newskg.settings import Settings

    inferred = iri((settings or Settings()).base_iri, "inferred")
    scheme, _, rest = url.partition(":")
    if scheme not in STORES:
        forms = ", ".join(form for _, form in STORES.values())
        raise StoreError(f"unknown store {url!r}; use {forms}")
    opener, _form = STORES[scheme]
    return opener(rest, inferred, mode)


def existing_store(url: str) -> str | None:
    """For an embedded store, its folder, which must already hold a store (a read command
    or `newskg serve` must not answer from a new empty one); None for other kinds."""
    from pathlib import Path

    scheme, _, location = url.partition(":")
    if scheme != "oxigraph" or not location:
        return None
    folder = Path(location)
    if not (folder.is_dir() and any(folder.iterdir())):
        raise StoreError(
            f"no store at {location}; run `newskg ingest` first, or point --store (or "
            "NEWSKG_STORE) at yours (`make demo` writes oxigraph:.newskg/store)"
        )
    return location


def embedded_location(url: str) -> str:
    """The folder of an embedded store that already holds data (for `newskg serve`, which
    serves such a folder); StoreError for any other store URL or a missing store."""
    location = existing_store(url)
    if location is None:
        raise StoreError(f"serve needs an embedded store (oxigraph:PATH), not {url!r}")
    return location

"""Storage: one protocol, small adapters, chosen by a URL-like setting.

- ``oxigraph:PATH`` — embedded Oxigraph on disk (default ``oxigraph:.newskg/store``)
- ``memory:`` — in-memory Oxigraph, for tests and notebooks
"""

from __future__ import annotations

from newskg.errors import StoreError
from newskg.store.base import SelectResult, Store
from newskg.store.oxigraph_store import OxigraphStore

__all__ = ["SelectResult", "Store", "open_store"]


def open_store(url: str) -> Store:
    """Open the store a setting names; raises StoreError with what to write instead."""
    scheme, _, rest = url.partition(":")
    if scheme == "memory":
        return OxigraphStore(None)
    if scheme == "oxigraph":
        if not rest:
            raise StoreError("oxigraph: needs a folder, e.g. --store oxigraph:.newskg/store")
        return OxigraphStore(rest)
    raise StoreError(f"unknown store {url!r}; use oxigraph:PATH (embedded, on disk) or memory:")

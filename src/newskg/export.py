"""Serializations of the store: Turtle/N-Triples/JSON-LD give the merged view, TriG/N-Quads
keep each article's named graph."""

from __future__ import annotations

from pathlib import Path

from newskg.errors import NewskgError
from newskg.store.base import Store

FORMATS = {
    "turtle": ".ttl",
    "trig": ".trig",
    "nquads": ".nq",
    "ntriples": ".nt",
    "jsonld": ".jsonld",
}


def export(
    store: Store, format: str, out: str | Path | None = None, include_inferred: bool = False
) -> bytes:
    """Serialize the store; writes `out` when given (folders are created). The graph written
    by `newskg infer` is left out unless include_inferred."""
    if format not in FORMATS:
        raise NewskgError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    data = store.dump(format, include_inferred)
    if out is not None:
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".partial")
        tmp.write_bytes(data)
        tmp.replace(path)  # a crash never leaves half an export under the real name
    return data

"""Bulk extraction and restore: one N-Quads file per article without a store (`newskg
extract`), and newskg's own N-Quads or TriG loaded back graph by graph (`newskg load`).

Loading is for what newskg wrote; foreign data goes through rdf/importer.py, which marks it.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from newskg.errors import InputError, NewskgError
from newskg.pipeline import check_loaded_graph
from newskg.rdf.formats import QUAD_SUFFIXES
from newskg.resolve import article_iri
from newskg.settings import Settings
from newskg.store.base import Store

LOADABLE = QUAD_SUFFIXES  # newskg's own exports that keep their graphs


def write_article_quads(out_dir: Path, article_id: str, ntriples: str, settings: Settings) -> Path:
    """An article's triples as `<out_dir>/<article_id>.nq`, in the article's named graph."""
    graph = "<" + article_iri(settings.base_iri, article_id) + ">"
    quads = "".join(
        line[:-2] + f" {graph} .\n" for line in ntriples.splitlines(keepends=True) if line.strip()
    )
    path = out_dir / f"{article_id}.nq"
    path.write_text(quads, encoding="utf-8")
    return path


def files_to_load(sources: list[Path]) -> list[Path]:
    """The files named, and the .nq and .trig files of the folders named."""
    files: list[Path] = []
    for source in sources:
        if source.is_dir():
            files += sorted(p for p in source.iterdir() if p.suffix.lower() in LOADABLE)
        else:
            files.append(source)
    if not files:
        raise InputError(
            ", ".join(map(str, sources)),
            "no .nq or .trig files; `newskg export --format trig` or `newskg extract` writes them",
        )
    return files


def load_file(store: Store, path: Path, settings: Settings) -> int:
    """Replace the store's graphs with those of one N-Quads or TriG file, each checked
    first (nothing is written unless every graph passes); returns how many graphs."""
    if not path.is_file():
        raise InputError(str(path), "no such file")
    fmt = LOADABLE.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            str(path),
            "a merged view without named graphs (or not RDF); load restores N-Quads or TriG, "
            "`newskg import` brings in other data",
        )
    graphs: dict[str, list[ox.Triple]] = {}
    try:
        for quad in ox.parse(path=str(path), format=fmt):
            if not isinstance(quad.graph_name, ox.NamedNode):
                raise InputError(str(path), "a triple outside any named graph")
            graphs.setdefault(quad.graph_name.value, []).append(
                ox.Triple(quad.subject, quad.predicate, quad.object)
            )
        for name, triples in graphs.items():  # every graph checked before any is written
            check_loaded_graph(name, triples, settings)
    except (SyntaxError, OSError) as exc:
        raise InputError(str(path), str(exc).splitlines()[0]) from None
    except InputError:
        raise
    except NewskgError as exc:  # from the check: name the file
        raise InputError(str(path), str(exc).splitlines()[0]) from None
    for name, triples in graphs.items():
        store.replace_graph(name, "\n".join(f"{t} ." for t in triples))
    return len(graphs)

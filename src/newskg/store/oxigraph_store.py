"""Embedded Oxigraph (pyoxigraph): on disk with a path, in memory without one."""

from __future__ import annotations

import contextlib
import errno
import re
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from newskg.errors import QueryError, StoreDamaged, StoreError, StoreInUseError
from newskg.rdf.formats import EXPORT_FORMATS, serialize_sorted
from newskg.rdf.sparql import check
from newskg.rdf.terms import converting_once, to_graph, to_oxigraph, to_rdflib
from newskg.sandbox import without_network
from newskg.store import tables
from newskg.store.base import SelectResult

# Oxigraph keeps written data in RocksDB's in-memory tables until they are flushed, and during
# a long ingest they were never flushed: memory grew with the store (2.4M triples: 1.6 GB).
# Flushing after every few megabytes of N-Triples keeps an ingest at a flat ~120 MB.
FLUSH_BYTES = 16_000_000


def _rows(solutions: ox.QuerySolutions, term=None) -> tuple[list[str], list[dict[str, Node]]]:
    """Variables and rows of SELECT solutions as rdflib terms (unbound cells left out).
    `term`: the converter to use (converting_once), to share its terms between queries."""
    variables = [v.value for v in solutions.variables]
    term = term or converting_once(to_rdflib)
    rows = []
    for solution in solutions:
        row = {}
        for name in variables:
            value = solution[name]
            if value is not None:
                row[name] = term(value)
        rows.append(row)
    return variables, rows


# What to do about a damaged store, said the same way wherever the damage is found.
_RESTORE = (
    "its files were left as they are: restore the folder from a copy, or rebuild it from a "
    "dump (`newskg load DUMP.nq`) or from the articles (`newskg ingest`)"
)


def _guarded(answer, here: bool = False):
    """Run `answer()` on a thread that cannot open network connections (newskg.sandbox: what
    the query check missed still reaches nothing), turning the engine's errors, including
    those met while reading the answer, into one-line QueryErrors. `here`: on this thread
    instead, for a copy in memory of a graph just written, asked newskg's own queries.
    The engine's error is read on the thread that ran the query, and only its message
    leaves it: its traceback holds the engine's result objects, which must be freed on the
    thread that made them (else the engine reports an error of its own as they are
    dropped)."""

    def on_the_engines_thread():
        try:
            return answer(), None
        except SyntaxError as exc:
            return None, f"invalid SPARQL: {str(exc).splitlines()[0]}"
        except (OSError, RuntimeError) as exc:
            return None, str(exc).splitlines()[0] if str(exc) else type(exc).__name__

    result, message = on_the_engines_thread() if here else without_network(on_the_engines_thread)
    if message is None:
        return result
    damaged = "corruption" in message.lower()  # the engine's checksums caught it
    if damaged:
        raise StoreDamaged(f"the store's files are damaged ({message[:200]}); {_RESTORE}")
    raise QueryError(message if message.startswith("invalid") else f"query failed: {message}")


def _damage_message(path: str, changed: list[str]) -> str:
    return (
        f"store {path} is damaged: table file(s) {', '.join(changed[:3])} changed since newskg "
        f"wrote them; {_RESTORE}"
    )


def _write_error(graph_iri: str, exc: BaseException) -> StoreError:
    """A failed write as one line; a full disk says so and what is safe meanwhile."""
    text = " ".join(str(exc).split())[:300]
    if "no space left" in text.lower() or getattr(exc, "errno", None) == errno.ENOSPC:
        return StoreDamaged(
            f"the disk is full: cannot write graph {graph_iri}; what was stored before is "
            "kept, reads still work; free some space and run the command again"
        )
    return StoreError(f"cannot write graph {graph_iri}: {text}")


# A read-only open of a store that another handle is writing may read a table list the writer
# is just compacting away ("No such file or directory: …sst"): tried again a few times before
# it counts as damage.
_VANISHED_TABLE_RETRIES = 5


def _open_read_only(folder: Path) -> ox.Store:
    for attempt in range(_VANISHED_TABLE_RETRIES):
        try:
            return ox.Store.read_only(str(folder))
        except (OSError, RuntimeError) as exc:
            vanished = "no such file or directory" in str(exc).lower()
            if not vanished or attempt == _VANISHED_TABLE_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


# How the engine refuses a read-only open of a store whose creation was cut short. It
# creates its column families first, then writes its version mark, then data: a store
# missing a column family or the mark holds nothing (the engine would make what is missing,
# which a read-only open cannot).
_CREATION_CUT_SHORT = ("only possible on read-write instances", "column family not found")


def _never_finished(exc: Exception) -> bool:
    """Whether the engine refused a read-only open because the store was killed while it
    was being created (see _CREATION_CUT_SHORT)."""
    text = str(exc).lower()
    return any(sign in text for sign in _CREATION_CUT_SHORT)


def graph_in_memory(graph_iri: str, ntriples: str) -> OxigraphStore:
    """A store in memory holding N-Triples as one named graph: what a graph just written
    answers, without reading it back from the store it went to. (Read back, a long article
    took 30 ms, most of it the engine's look-ups of each term; at 20,000 articles the
    pass's reads of each graph an ingest wrote took 6.5 ms per article, and the strings
    they looked up held some 80 MiB of the engine's cached blocks at a batch's peak.)"""
    copy = OxigraphStore(None)
    node = ox.NamedNode(graph_iri)
    copy._store.load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=node)
    # Its questions are newskg's own (the pass's nine): asked on this thread, not the engine's
    # threads, with one converter for all (they name the same terms). The copy and its nine
    # answers took 11.1-11.7 ms of a long article on the engine's threads, 9.8-10.5 ms here.
    copy._terms = converting_once(to_rdflib)
    return copy


class OxigraphStore:
    def __init__(
        self, path: str | None, inferred_graph: str | None = None, mode: str = "create"
    ) -> None:
        """`mode`: "read" opens read-only (a read never writes a byte); "write" opens an
        existing store for writing; "create" also makes a new one in a missing or empty
        folder. An existing store is first opened read-only, so that a damaged one (its
        CURRENT file missing, say) is an error instead of being replaced by a new empty
        store, which is what the engine's create-if-missing open would do."""
        self.url = f"oxigraph:{path}" if path else "memory:"
        self.path = path
        self.inferred_graph = inferred_graph
        self.read_only = mode == "read"
        self._unflushed = 0  # bytes written since the last flush
        self._terms: Callable[[object], Node] | None = None  # set on copies: graph_in_memory
        if path is None:
            self._store = ox.Store()
            return
        folder = Path(path)
        exists = folder.is_dir() and any(folder.iterdir())
        if not exists and mode != "create":
            raise StoreError(f"no store at {path}; run `newskg ingest` first")
        if exists and (changed := tables.damaged(folder)):
            raise StoreDamaged(_damage_message(path, changed))
        try:
            if exists:
                try:
                    self._store = _open_read_only(folder)
                except (OSError, RuntimeError) as exc:
                    if not _never_finished(exc):
                        raise
                    # a store whose creation was cut short holds nothing: it reads as
                    # empty, and opening it for writing finishes creating it
                    if self.read_only:
                        self._store = ox.Store()
            if not self.read_only:
                if exists:
                    self._store = None  # type: ignore[assignment]
                folder.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(folder))
        except (OSError, RuntimeError) as exc:  # RuntimeError: the engine found corruption
            text = str(exc).lower()
            # RocksDB names its LOCK file ("While lock file: …/LOCK: Resource temporarily
            # unavailable", "lock hold by current process"); "lock" as a word, since a
            # corruption says "block checksum mismatch"
            if re.search(r"\block\b", text) or "temporarily unavailable" in text:
                raise StoreInUseError(
                    f"store {path} is in use by another newskg process; wait for it to finish"
                ) from None
            raise StoreDamaged(
                f"cannot open store {path}: {str(exc).splitlines()[0]}; {_RESTORE}"
            ) from None

    @property
    def engine(self) -> ox.Store:
        """The pyoxigraph Store underneath: the validator reads an in-memory copy directly."""
        return self._store

    def replace_graph(self, graph_iri: str, ntriples: str) -> None:
        # One SPARQL update is one Oxigraph transaction: the old graph is dropped and the new
        # one inserted together, or neither happens. The data is N-Triples written by an RDF
        # serializer (every term escaped), never user text pasted into the query.
        node = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(node):
            # A new graph has nothing to drop: one load is one transaction too, and the
            # engine reads N-Triples faster than an update's INSERT DATA (2,200 triples:
            # 4 ms against 7.5). Like the update, the load gives blank nodes fresh names.
            self._load(graph_iri, node, ntriples)
            return
        self._write(graph_iri, ntriples, replace=True)

    def _load(self, graph_iri: str, node: ox.NamedNode, ntriples: str) -> None:
        data = ntriples.encode("utf-8")
        try:
            self._store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=node)
        except (OSError, SyntaxError, RuntimeError) as exc:
            raise _write_error(graph_iri, exc) from None
        self._count(graph_iri, len(data))

    def add_to_graph(self, graph_iri: str, ntriples: str) -> None:
        self._write(graph_iri, ntriples, replace=False)

    def change_graph(self, graph_iri: str, remove: str, add: str) -> None:
        graph = str(ox.NamedNode(graph_iri))
        self._update(
            graph_iri,
            len(add),
            f"DELETE DATA {{ GRAPH {graph} {{\n{remove}\n}} }} ;\n"
            f"INSERT DATA {{ GRAPH {graph} {{\n{add}\n}} }}",
        )

    def _write(self, graph_iri: str, ntriples: str, replace: bool) -> None:
        graph = str(ox.NamedNode(graph_iri))
        drop = f"DROP SILENT GRAPH {graph} ;\n" if replace else ""
        self._update(
            graph_iri, len(ntriples), f"{drop}INSERT DATA {{ GRAPH {graph} {{\n{ntriples}\n}} }}"
        )

    def _update(self, graph_iri: str, size: int, update: str) -> None:
        try:
            self._store.update(update)
        except (OSError, SyntaxError, RuntimeError) as exc:  # RuntimeError: opened read-only
            raise _write_error(graph_iri, exc) from None
        self._count(graph_iri, size)

    def _count(self, graph_iri: str, size: int) -> None:
        """Flush once FLUSH_BYTES were written since the last flush."""
        self._unflushed += size
        if self._unflushed > FLUSH_BYTES:
            try:
                self._store.flush()
            except (OSError, RuntimeError) as exc:
                raise _write_error(graph_iri, exc) from None
            self._unflushed = 0

    def remove_graph(self, graph_iri: str) -> bool:
        node = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(node):
            return False
        self._store.remove_graph(node)
        return True

    def set_value(self, graph_iri: str, subject: str, predicate: str, value: str) -> None:
        # One update, one transaction: a reader sees the old value or the new one, never
        # neither. The terms are serialized by the engine (escaped), never pasted text.
        graph, s, p = (str(ox.NamedNode(t)) for t in (graph_iri, subject, predicate))
        try:
            self._store.update(
                f"DELETE WHERE {{ GRAPH {graph} {{ {s} {p} ?old }} }} ;\n"
                f"INSERT DATA {{ GRAPH {graph} {{ {s} {p} {ox.Literal(value)} }} }}"
            )
        except (OSError, SyntaxError, RuntimeError) as exc:
            raise _write_error(graph_iri, exc) from None

    def graph_value(self, graph_iri: str, subject: str, predicate: str) -> str | None:
        for quad in self._store.quads_for_pattern(
            ox.NamedNode(subject), ox.NamedNode(predicate), None, ox.NamedNode(graph_iri)
        ):
            return None if isinstance(quad.object, ox.Triple) else quad.object.value
        return None

    def select(
        self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None
    ) -> SelectResult:
        sparql = check(sparql).text  # reads only the store: no update, SERVICE, LOAD or FROM
        substitutions = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}

        def answer() -> SelectResult:
            solutions = self._store.query(
                sparql,
                use_default_graph_as_union=True,
                substitutions=substitutions or None,  # type: ignore[arg-type]
            )
            if not isinstance(solutions, ox.QuerySolutions):
                raise QueryError("expected a SELECT query")
            return SelectResult(*_rows(solutions, self._terms))

        return _guarded(answer, here=self._terms is not None)

    def select_in_graph(self, sparql: str, graph_iri: str) -> SelectResult:
        """A SELECT over one named graph alone (the query names it GRAPH ?a), answered over
        a copy of the graph in memory: bound to one article graph of a large store, the
        network's queries took the engine 8-18 ms, over the copy about 2 ms."""
        sparql = check(sparql).text
        node = ox.NamedNode(graph_iri)

        def answer() -> SelectResult:
            copy = ox.Store()
            copy.extend(self._store.quads_for_pattern(None, None, None, node))
            solutions = copy.query(sparql, use_default_graph_as_union=True)
            if not isinstance(solutions, ox.QuerySolutions):
                raise QueryError("expected a SELECT query")
            return SelectResult(*_rows(solutions))

        return _guarded(answer)

    def _default_graphs(self, include_inferred: bool) -> dict:
        """Query over all graphs, except the inference graph unless asked for."""
        inferred = ox.NamedNode(self.inferred_graph) if self.inferred_graph else None
        if include_inferred or inferred is None or not self._store.contains_named_graph(inferred):
            return {"use_default_graph_as_union": True}
        graphs = [g for g in self._store.named_graphs() if g != inferred]
        # both the default graph and the graphs `GRAPH ?g` ranges over (library queries)
        return {"default_graph": graphs or [ox.DefaultGraph()], "named_graphs": graphs}

    def run(
        self,
        sparql: str,
        form: str,
        include_inferred: bool = False,
        allow_update: bool = False,
        allow_remote: bool = False,
    ):
        """Run a query (see query.run_query), checked again here so that no caller of the
        store object can skip the check; updates go to the store itself."""
        from newskg.store.base import QueryResult

        checked = check(sparql, allow_update, allow_remote)
        form, sparql = checked.form, checked.text  # run exactly the text that was checked

        def answer():
            if form == "update":
                self._store.update(sparql)
                return QueryResult("update")
            result = self._store.query(sparql, **self._default_graphs(include_inferred))
            if isinstance(result, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(result))
            if isinstance(result, ox.QuerySolutions):
                return QueryResult("select", *_rows(result))
            return QueryResult(form, graph=to_graph(result))

        return _guarded(answer)

    def dump(self, format: str, include_inferred: bool = False) -> bytes:
        if format not in EXPORT_FORMATS:
            known = ", ".join(EXPORT_FORMATS)
            raise StoreError(f"unknown export format {format!r}; use one of {known}")
        skip = (
            None
            if include_inferred or not self.inferred_graph
            else ox.NamedNode(self.inferred_graph)
        )
        if EXPORT_FORMATS[format].quads:
            return serialize_sorted((q for q in self._store if q.graph_name != skip), format)
        # The merged view: every named graph's triples, once each.
        solutions = self._store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
            named_graphs=[g for g in self._store.named_graphs() if g != skip] or None,
        )
        return serialize_sorted(solutions, format)  # type: ignore[arg-type]

    def graph(self, graph_iri: str) -> Graph:
        """One named graph as an rdflib Graph (for validation and tests)."""
        return to_graph(self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)))

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        self._store.flush()

    def verify_tables(self) -> None:
        """Raise StoreDamaged if a table file's content changed since newskg last closed the
        store, every known file hashed whatever its times say: for `newskg validate`."""
        if self.path and (changed := tables.damaged(Path(self.path), full=True)):
            raise StoreDamaged(_damage_message(self.path, changed))

    def close(self) -> None:
        written = bool(self.path and not self.read_only and self._store is not None)
        if written:
            with contextlib.suppress(OSError, RuntimeError):
                self._store.flush()
        # pyoxigraph releases the store (and its lock) when the object is dropped; the
        # engine then ends its background compactions. The table files are recorded after
        # that, so none is recorded half written (and found "changed" at the next open).
        self._store = None  # type: ignore[assignment]
        if written and self.path:
            with contextlib.suppress(OSError):
                tables.record(Path(self.path))

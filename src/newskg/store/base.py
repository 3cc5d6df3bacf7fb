"""The store protocol every backend adapter implements."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from rdflib import Graph
from rdflib.term import Node


@dataclass
class SelectResult:
    """Rows of a SELECT query as rdflib terms (unbound variables are absent from a row)."""

    variables: list[str]
    rows: list[dict[str, Node]] = field(default_factory=list)

    def __iter__(self) -> Iterator[dict[str, Node]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def values(self, variable: str) -> list[str]:
        """One column as plain strings, skipping unbound cells; handy in tests and notebooks."""
        return [str(row[variable]) for row in self.rows if variable in row]


@dataclass
class QueryResult:
    """SELECT rows, an ASK answer, or CONSTRUCT/DESCRIBE triples (an rdflib Graph)."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Node]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


class Store(Protocol):
    url: str

    def replace_graph(self, graph_iri: str, ntriples: str) -> None:
        """Replace one named graph whole, in one transaction."""

    def add_to_graph(self, graph_iri: str, ntriples: str) -> None:
        """Add triples to a named graph (one transaction per call): for derived graphs too
        large to write in one transaction, written in parts after a replace_graph."""

    def change_graph(self, graph_iri: str, remove: str, add: str) -> None:
        """Remove some triples of a named graph and add others (both N-Triples), in one
        transaction: readers see the graph before or after, never between."""

    def remove_graph(self, graph_iri: str) -> bool:
        """Drop one named graph; True if it existed."""

    def graph_value(self, graph_iri: str, subject: str, predicate: str) -> str | None:
        """One literal value of subject/predicate inside a named graph (e.g. a content hash)."""

    def set_value(self, graph_iri: str, subject: str, predicate: str, value: str) -> None:
        """Make `value` (a plain literal) the only value of subject/predicate in a named graph.
        The old value goes first: cut short, the triple is missing, never wrong."""

    def select(
        self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None
    ) -> SelectResult:
        """Run a SELECT over the union of all graphs, with variables bound to RDF terms."""

    def run(
        self,
        sparql: str,
        form: str,
        include_inferred: bool = False,
        allow_update: bool = False,
        allow_remote: bool = False,
    ) -> QueryResult:
        """Run any query form (checked again here), see query.run_query."""

    def dump(self, format: str, include_inferred: bool = False) -> bytes:
        """Serialize every quad (nquads, trig) or the merged triples (turtle, ntriples, jsonld)."""

    def graph(self, graph_iri: str) -> Graph:
        """One named graph's triples."""

    def named_graphs(self) -> list[str]: ...

    def __len__(self) -> int: ...

    def close(self) -> None: ...

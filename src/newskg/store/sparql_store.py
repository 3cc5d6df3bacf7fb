"""Any SPARQL 1.1 endpoint through SPARQLWrapper: `sparql:QUERY_URL[;update=UPDATE_URL]`.

newskg's queries read the union of the article graphs as the default graph, so configure the
endpoint that way: Oxigraph `--union-default-graph`, Fuseki `tdb2:unionDefaultGraph true`;
GraphDB and Virtuoso do so by default. Writing an article is one update request (DROP the
article's graph, INSERT its triples), which SPARQL 1.1 servers apply atomically.
"""

from __future__ import annotations

import urllib.error
from collections.abc import Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from newskg.errors import QueryError, StoreError
from newskg.rdf.namespaces import bind_prefixes
from newskg.rdf.sparql import check
from newskg.store.base import SelectResult


def _term(binding: dict) -> Node:
    kind = binding["type"]
    if kind == "uri":
        return URIRef(binding["value"])
    if kind == "bnode":
        return BNode(binding["value"])
    if "xml:lang" in binding:
        return Literal(binding["value"], lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(binding["value"], datatype=URIRef(datatype))
    return Literal(binding["value"])


class SparqlStore:
    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        timeout: float = 60.0,
        inferred_graph: str | None = None,
    ) -> None:
        if not query_url.startswith(("http://", "https://")):
            raise StoreError(f"sparql: needs an http(s) URL, not {query_url!r}")
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.url = f"sparql:{query_url}" + (f";update={update_url}" if update_url else "")
        self.timeout = timeout
        self.inferred_graph = inferred_graph
        self.path = None

    # --- transport -----------------------------------------------------------------------
    def _wrapper(self, text: str, fmt: str, update: bool = False) -> SPARQLWrapper:
        w = SPARQLWrapper(self.query_url, updateEndpoint=self.update_url)
        w.setMethod(POST)
        w.setTimeout(int(max(1, self.timeout)))
        w.setReturnFormat(fmt)
        w.setQuery(text)
        if update:
            w.setRequestMethod("postdirectly")
        return w

    def _call(self, text: str, fmt: str = JSON, update: bool = False):
        try:
            w = self._wrapper(text, fmt, update)
            return w.query().convert() if not update else w.query()
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
            raise QueryError(
                f"endpoint {self.query_url} answered HTTP {exc.code}: {detail[0] if detail else exc.reason}"
            ) from None
        except SPARQLWrapperException as exc:
            raise QueryError(f"endpoint {self.query_url}: {str(exc).splitlines()[0]}") from None
        except (urllib.error.URLError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach SPARQL endpoint {self.query_url}: {reason}") from None
        except TimeoutError:
            raise StoreError(
                f"SPARQL endpoint {self.query_url} did not answer within {self.timeout:g} s"
            ) from None

    # --- the store protocol ----------------------------------------------------------------
    def replace_graph(self, graph_iri: str, ntriples: str) -> None:
        graph = URIRef(graph_iri).n3()
        self._call(
            f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{ntriples}\n}} }}",
            update=True,
        )

    def add_to_graph(self, graph_iri: str, ntriples: str) -> None:
        graph = URIRef(graph_iri).n3()
        self._call(f"INSERT DATA {{ GRAPH {graph} {{\n{ntriples}\n}} }}", update=True)

    def change_graph(self, graph_iri: str, remove: str, add: str) -> None:
        graph = URIRef(graph_iri).n3()
        self._call(
            f"DELETE DATA {{ GRAPH {graph} {{\n{remove}\n}} }} ;\n"
            f"INSERT DATA {{ GRAPH {graph} {{\n{add}\n}} }}",
            update=True,
        )

    def remove_graph(self, graph_iri: str) -> bool:
        existed = graph_iri in self.named_graphs()
        self._call(f"DROP SILENT GRAPH {URIRef(graph_iri).n3()}", update=True)
        return existed

    def set_value(self, graph_iri: str, subject: str, predicate: str, value: str) -> None:
        graph, s, p = (URIRef(t).n3() for t in (graph_iri, subject, predicate))
        self._call(
            f"DELETE WHERE {{ GRAPH {graph} {{ {s} {p} ?old }} }} ;\n"
            f"INSERT DATA {{ GRAPH {graph} {{ {s} {p} {Literal(value).n3()} }} }}",
            update=True,
        )

    def graph_value(self, graph_iri: str, subject: str, predicate: str) -> str | None:
        from newskg.rdf.sparql import bind_values

        text = bind_values(
            "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1",
            {"g": URIRef(graph_iri), "s": URIRef(subject), "p": URIRef(predicate)},
        )
        rows = self.select(text).rows
        return str(rows[0]["o"]) if rows else None

    def select(
        self, sparql: str, bindings: Mapping[str, Node] | None = None, timeout: float | None = None
    ) -> SelectResult:
        from newskg.rdf.sparql import bind_values

        # reads only the store: no update, no SERVICE, LOAD or FROM; the checked text is sent
        sparql = check(bind_values(sparql, dict(bindings or {}))).text
        data = self._call(sparql)
        variables = data["head"].get("vars", [])
        rows = [{k: _term(v) for k, v in b.items()} for b in data["results"]["bindings"]]
        return SelectResult(variables, rows)

    def run(
        self,
        sparql: str,
        form: str,
        include_inferred: bool = False,
        allow_update: bool = False,
        allow_remote: bool = False,
    ):
        from newskg.store.base import QueryResult

        checked = check(sparql, allow_update, allow_remote)
        form, sparql = checked.form, checked.text
        if form == "update":
            self._call(sparql, update=True)
            return QueryResult("update")
        if form == "ask":
            return QueryResult("ask", boolean=bool(self._call(sparql)["boolean"]))
        if form == "select":
            data = self._call(sparql)
            rows = [{k: _term(v) for k, v in b.items()} for b in data["results"]["bindings"]]
            return QueryResult("select", data["head"].get("vars", []), rows)
        data = self._call(sparql, TURTLE)
        graph = Graph()
        bind_prefixes(graph)
        graph.parse(data=data, format="turtle")
        return QueryResult(form, graph=graph)

    def graph(self, graph_iri: str) -> Graph:
        from newskg.rdf.sparql import bind_values

        text = bind_values(
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(graph_iri)}
        )
        return self.run(text, "construct").graph

    def named_graphs(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return sorted(str(r["g"]) for r in rows)

    def dump(self, format: str, include_inferred: bool = False) -> bytes:
        """Graph by graph (SPARQL has no quad CONSTRUCT), then serialized like the embedded store."""
        from newskg.store.oxigraph_store import OxigraphStore

        local = OxigraphStore(None, self.inferred_graph)
        for graph_iri in self.named_graphs():
            if graph_iri == self.inferred_graph and not include_inferred:
                continue
            local.replace_graph(graph_iri, self.graph(graph_iri).serialize(format="nt"))
        return local.dump(format, include_inferred)

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return int(str(rows[0]["n"])) if rows else 0

    def close(self) -> None:
        pass

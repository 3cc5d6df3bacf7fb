"""newskg: news articles → a provenance-tracked RDF knowledge graph.

The public Python API lives here, so notebooks and scripts never import private modules::

    import newskg
    store = newskg.open_store("memory:")
    newskg.ingest_paths(["data/articles"], store)
    rows = newskg.query(store, "people-roles", person="Khaled Hamad")
    people = newskg.projection(store, "people")
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newskg")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+local"

from newskg.digest import article_digest  # noqa: E402
from newskg.errors import (  # noqa: E402
    InputError,
    NewskgError,
    QueryError,
    StoreError,
    StoreInUseError,
    ValidationFailed,
)
from newskg.export import export  # noqa: E402
from newskg.graph import (  # noqa: E402
    Filters,
    connection,
    network_stats,
    projection,
    write_graph_file,
    write_network_page,
    write_timeline_page,
)
from newskg.pipeline import IngestReport, ingest_articles, ingest_paths  # noqa: E402
from newskg.query import QueryResult, library, load_query, run_query  # noqa: E402
from newskg.rdf.importer import import_file  # noqa: E402
from newskg.rdf.inference import infer  # noqa: E402
from newskg.rdf.validate import validate_graph  # noqa: E402
from newskg.settings import Settings  # noqa: E402
from newskg.store import open_store  # noqa: E402


def query(
    store,
    name_or_sparql: str,
    *,
    include_inferred: bool = False,
    timeout: float = 30.0,
    **params: str,
):
    """Run a library query by name (or SPARQL text) and return its rows as a pandas DataFrame
    when pandas is installed, else as a list of dicts of strings.

    >>> query(store, "quotes-by-person", person="Amal Jadu")
    """
    from newskg.query import LibraryQuery, with_prefixes

    is_text = "{" in name_or_sparql  # SPARQL text has a group; a library name never does
    q = (
        LibraryQuery("expression", with_prefixes(name_or_sparql))
        if is_text
        else load_query(name_or_sparql)
    )
    result = run_query(
        store, q.text, q.bindings(params), timeout=timeout, include_inferred=include_inferred
    )
    rows = [
        {k: (v.toPython() if hasattr(v, "toPython") else str(v)) for k, v in r.items()}
        for r in result.rows
    ]
    try:
        import pandas as pd
    except ImportError:
        return rows
    return pd.DataFrame(rows, columns=result.variables)


def facts_with_evidence(store, article_id: str, settings: Settings | None = None):
    """One article's roles, participations, quotes and numbers, each with its sentence
    (a DataFrame when pandas is installed)."""
    from rdflib import URIRef

    from newskg.resolve import article_iri

    settings = settings or Settings()
    text = """PREFIX nkg: <https://w3id.org/newskg/ontology#> PREFIX oa: <http://www.w3.org/ns/oa#>
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
    SELECT ?g ?kind ?fact ?start ?sentence WHERE { GRAPH ?g {
      ?fact nkg:evidence ?ev ; rdf:type ?type .
      ?ev oa:hasSelector ?pos, ?q . ?pos oa:start ?start . ?q oa:exact ?sentence .
      BIND(REPLACE(STR(?type), "^.*[/#]", "") AS ?kind)
    } } ORDER BY ?start ?kind"""
    rows = store.select(text, {"g": URIRef(article_iri(settings.base_iri, article_id))}).rows
    records = [
        {
            "kind": str(r["kind"]),
            "fact": str(r["fact"]),
            "start": int(r["start"]),
            "sentence": str(r["sentence"]),
        }
        for r in rows
    ]
    try:
        import pandas as pd
    except ImportError:
        return records
    return pd.DataFrame(records)


__all__ = [
    "Filters",
    "InputError",
    "IngestReport",
    "NewskgError",
    "QueryError",
    "QueryResult",
    "Settings",
    "StoreError",
    "StoreInUseError",
    "ValidationFailed",
    "__version__",
    "article_digest",
    "connection",
    "export",
    "facts_with_evidence",
    "import_file",
    "infer",
    "ingest_articles",
    "ingest_paths",
    "library",
    "load_query",
    "network_stats",
    "open_store",
    "projection",
    "query",
    "run_query",
    "validate_graph",
    "write_graph_file",
    "write_network_page",
    "write_timeline_page",
]

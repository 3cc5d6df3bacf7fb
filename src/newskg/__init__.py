"""newskg: news articles → a provenance-tracked RDF knowledge graph.

The public Python API lives here, so notebooks and scripts never import private modules::

    import newskg
    store = newskg.open_store("memory:")
    newskg.ingest_paths(["data/articles"], store)
    rows = newskg.select(store, "people-roles", person="Khaled Hamad")
    people = newskg.projection(store, "people")
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newskg")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+local"

# The API is imported on first use (PEP 562), so `newskg --help` does not load spaCy.
_API = {
    "article_digest": "newskg.digest",
    "InputError": "newskg.errors",
    "NewskgError": "newskg.errors",
    "QueryError": "newskg.errors",
    "StoreError": "newskg.errors",
    "StoreInUseError": "newskg.errors",
    "ValidationFailed": "newskg.errors",
    "export": "newskg.export",
    "Filters": "newskg.graph",
    "connection": "newskg.graph",
    "network_stats": "newskg.graph",
    "projection": "newskg.graph",
    "write_graph_file": "newskg.graph",
    "write_network_page": "newskg.graph",
    "write_timeline_page": "newskg.graph",
    "IngestReport": "newskg.pipeline",
    "ingest_articles": "newskg.pipeline",
    "ingest_paths": "newskg.pipeline",
    "QueryResult": "newskg.store.base",
    "library": "newskg.query",
    "load_query": "newskg.query",
    "run_query": "newskg.query",
    "import_file": "newskg.rdf.importer",
    "infer": "newskg.rdf.inference",
    "validate_graph": "newskg.rdf.validate",
    "Settings": "newskg.settings",
    "open_store": "newskg.store",
}


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'newskg' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def select(
    store,
    name_or_sparql: str,
    *,
    include_inferred: bool = False,
    timeout: float = 30.0,
    limit: int | None = None,
    offset: int = 0,
    **params: str,
):
    """Run a library query by name (or SPARQL text) and return its rows as a pandas DataFrame
    when pandas is installed, else as a list of dicts of strings. `limit` and `offset` ask
    for one page of the rows, in the query's order.

    >>> select(store, "quotes-by-person", person="Amal Jadu")
    >>> select(store, "event-participants", limit=100, offset=100)  # rows 101-200
    """
    from newskg.query import LibraryQuery, load_query, run_query, with_prefixes

    is_text = "{" in name_or_sparql  # SPARQL text has a group; a library name never does
    q = (
        LibraryQuery("expression", with_prefixes(name_or_sparql))
        if is_text
        else load_query(name_or_sparql)
    )
    result = run_query(
        store,
        q.text,
        q.bindings(params),
        limit=limit,
        offset=offset,
        listing=q.listing,
        timeout=timeout,
        include_inferred=include_inferred,
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


def facts_with_evidence(store, article_id: str, settings=None):
    """One article's roles, participations, quotes and numbers, each with its sentence
    (a DataFrame when pandas is installed)."""
    from rdflib import URIRef

    from newskg.resolve import article_iri
    from newskg.settings import Settings

    settings = settings or Settings()
    from newskg.resources import internal_query

    text = internal_query("api-facts-with-evidence")
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
    "select",
    "run_query",
    "validate_graph",
    "write_graph_file",
    "write_network_page",
    "write_timeline_page",
]

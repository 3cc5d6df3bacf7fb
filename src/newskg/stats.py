"""Counts over the store: by type, and by article (fixed queries, no user values)."""

from __future__ import annotations

from dataclasses import dataclass

from newskg.rdf.namespaces import sparql_prologue
from newskg.store.base import Store

TYPE_COUNTS = (
    sparql_prologue()
    + """
SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE {
  VALUES (?class ?type) {
    (schema:NewsArticle "articles") (schema:Person "people") (schema:Organization "organizations")
    (schema:Place "places") (schema:Event "events") (org:Membership "roles")
    (nkg:Quote "quotes") (nkg:QuantityClaim "quantities") (nkg:Mention "mentions")
  }
  # every typed node, as a plain `?s a schema:Person` query counts them; imports included
  ?s a ?class .
} GROUP BY ?type
"""
)

# Authors and outlets that the text itself never names: counted among people and
# organizations above, and shown on their own so the two numbers can be told apart.
BYLINE_ONLY = (
    sparql_prologue()
    + """
SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {
  { ?s a schema:NewsMediaOrganization } UNION { ?article schema:author ?s }
  FILTER NOT EXISTS { ?mention nkg:refersTo ?s }
}
"""
)

ARTICLE_COUNTS = (
    sparql_prologue()
    + """
SELECT ?id ?headline (COALESCE(?e, 0) AS ?entities) (COALESCE(?m, 0) AS ?mentions) WHERE {
  GRAPH ?a {
    ?a a schema:NewsArticle ; schema:identifier ?id .
    OPTIONAL { ?a schema:headline ?headline }
  }
  OPTIONAL {
    SELECT ?a (COUNT(DISTINCT ?named) AS ?e) WHERE { GRAPH ?a { ?a schema:mentions ?named } }
    GROUP BY ?a
  }
  OPTIONAL { SELECT ?a (COUNT(?mention) AS ?m) WHERE { GRAPH ?a { ?mention a nkg:Mention } } GROUP BY ?a }
} ORDER BY ?id
"""
)

TYPES = [
    "articles",
    "people",
    "organizations",
    "bylines only",
    "places",
    "events",
    "roles",
    "quotes",
    "quantities",
    "mentions",
]


@dataclass
class StoreStats:
    triples: int
    by_type: dict[str, int]
    by_article: list[dict[str, str]]


def store_stats(store: Store) -> StoreStats:
    counts = {t: 0 for t in TYPES}
    for row in store.select(TYPE_COUNTS):
        counts[str(row["type"])] = int(str(row["n"]))
    counts["bylines only"] = int(str(next(iter(store.select(BYLINE_ONLY)))["n"]))
    articles = [{k: str(v) for k, v in row.items()} for row in store.select(ARTICLE_COUNTS)]
    return StoreStats(len(store), counts, articles)

"""Counts over the store: by type, and by article (fixed queries, no user values)."""

from __future__ import annotations

from dataclasses import dataclass

from newskg.resources import internal_query
from newskg.store.base import Store

TYPE_COUNTS = internal_query("stats-type-counts")

# Authors and outlets that the text itself never names: counted among people and
# organizations above, and shown on their own so the two numbers can be told apart.
BYLINE_ONLY = internal_query("stats-byline-only")

ARTICLE_COUNTS = internal_query("stats-article-counts")

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

"""Extraction: one article → everything it states, as model records with their spans.

A pure function of the article and the spaCy pipeline, so a corpus can be extracted in
parallel anywhere and loaded later.
"""

from __future__ import annotations

from newskg.extract.clusters import cluster_mentions
from newskg.extract.context import ArticleContext
from newskg.extract.entities import add_back_references, appositive_links, find_mentions
from newskg.extract.events import find_events
from newskg.extract.names import add_contextual_names
from newskg.extract.nlp import load_pipeline, model_label
from newskg.extract.quantities import find_quantities
from newskg.extract.quotes import find_quotes
from newskg.extract.relations import find_relations
from newskg.extract.roles import find_roles
from newskg.model import Article, Extraction


def extract(article: Article, nlp, doc=None) -> Extraction:
    """Run the pipeline and the rules over one article (`doc`: its parse, if already made,
    e.g. by `nlp.pipe` over a batch)."""
    doc = doc if doc is not None else nlp(article.text)
    raw_mentions, event_names = find_mentions(doc)
    raw_mentions = add_contextual_names(doc, raw_mentions)
    entities = cluster_mentions(
        raw_mentions, links=appositive_links(doc, raw_mentions), article_id=article.id
    )
    add_back_references(doc, entities)
    ctx = ArticleContext.build(doc, article, entities)
    roles = find_roles(ctx)
    events = find_events(ctx, event_names)
    return Extraction(
        article=article,
        model=model_label(nlp),
        entities=entities,
        roles=roles,
        events=events,
        quotes=find_quotes(ctx),
        quantities=find_quantities(ctx, events),
        relations=find_relations(ctx),
    )


__all__ = ["extract", "load_pipeline"]

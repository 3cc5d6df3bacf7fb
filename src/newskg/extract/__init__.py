"""Extraction: one article → everything it states, as model records with their spans.

A pure function of the article and the spaCy pipeline, so a corpus can be extracted in
parallel anywhere and loaded later.
"""

from __future__ import annotations

from newskg.extract import gazetteer
from newskg.extract.entities import add_back_references, find_mentions, place_kind
from newskg.extract.nlp import load_pipeline, model_label
from newskg.model import Article, Extraction
from newskg.resolve import cluster_mentions


def _is_place(name: str) -> bool:
    return gazetteer.lookup(name) is not None


def extract(article: Article, nlp) -> Extraction:
    """Run the pipeline and the rules over one article."""
    doc = nlp(article.text)
    raw_mentions, _event_names = find_mentions(doc)
    entities = cluster_mentions(raw_mentions, place_kind=place_kind, is_place=_is_place)
    add_back_references(doc, entities)
    return Extraction(article=article, model=model_label(nlp), entities=entities)


__all__ = ["extract", "load_pipeline"]

"""Extraction: one article → everything it states, as model records with their spans.

A pure function of the article and the spaCy pipeline, so a corpus can be extracted in
parallel anywhere and loaded later. Its passes are registered components run in the order
of extract/components.yaml (extract/components.py, extract/steps.py).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from newskg.extract import nlp as _nlp
from newskg.extract import steps as _steps  # noqa: F401  (registers the built-in components)
from newskg.extract.components import Component, Slots, check, run, shipped_order
from newskg.extract.nlp import model_label
from newskg.extract.sentences import remember_text
from newskg.model import Article, Extraction


@functools.cache
def default_steps() -> tuple[Component, ...]:
    """The shipped order, checked once per process."""
    return check(shipped_order())


def load_pipeline(model: str):
    """The spaCy pipeline `model`, after checking the order of components (so an order that
    cannot run is refused before the first article, not inside it)."""
    default_steps()
    return _nlp.load_pipeline(model)


def extract(
    article: Article, nlp, doc=None, steps: Sequence[Component] | None = None
) -> Extraction:
    """Run the components over one article (`doc`: its parse, if already made, e.g. by
    `nlp.pipe` over a batch; `steps`: an order checked by components.check, if not the
    shipped one)."""
    doc = doc if doc is not None else nlp(article.text)
    remember_text(doc, article.text)
    slots = run(steps if steps is not None else default_steps(), Slots(doc=doc, article=article))
    return Extraction(
        article=article,
        model=model_label(nlp),
        entities=slots.get("entities", {}),
        roles=slots.get("roles", []),
        events=slots.get("events", []),
        quotes=slots.get("quotes", []),
        quantities=slots.get("quantities", []),
        relations=slots.get("relations", []),
    )


__all__ = ["default_steps", "extract", "load_pipeline"]

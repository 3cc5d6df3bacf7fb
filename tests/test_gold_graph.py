"""The graph built by hand from the gold digests (the fixture of the query, projection and
export tests) is a faithful graph: it passes the shapes, and its digests are the gold."""

from __future__ import annotations

from newskg.digest import article_digest
from newskg.evaluate import evaluate, load_gold
from tests.helpers import GOLD_DIR


def test_digest_of_the_gold_graph_is_the_gold(gold_store, settings):
    gold = load_gold(GOLD_DIR)
    result = evaluate({i: article_digest(gold_store, i, settings) for i in gold}, gold)
    for category, score in result.scores.items():
        assert (score.fp, score.fn) == (0, 0), (category, score.as_dict())

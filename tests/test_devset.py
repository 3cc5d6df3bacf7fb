"""Extraction on real news it was not written for: the development set of Wikinews
articles with hand-written gold digests, read from ../shared/devset (never copied here).

Skipped, with a note, where that folder does not exist. The floors below are what the
extractor reaches today, less a small margin: a change that loses ground on unseen news
fails here even when the sample articles still pass. The set grew from ten articles to
fourteen (matches, mergers, disasters, elections), on which the extractor, unchanged, scores
macro-F1 0.765 (was 0.834 on the ten); the floors follow what the extractor reaches now
(0.813 after the rules written for general constructions in issue 22, 0.826 after the
second round, 0.842 after the third; target 0.85, no category under 0.75).
"""

from __future__ import annotations

import pytest

from newskg import ingest_paths, open_store
from newskg.digest import article_digest
from newskg.evaluate import HEADLINE, evaluate, load_gold
from tests.helpers import ROOT

DEVSET = ROOT.parent / "shared" / "devset"
MACRO_FLOOR = 0.82
CATEGORY_FLOOR = {  # measured on the fourteen articles (macro-F1 0.842), less about 0.02
    "persons": 0.97,
    "organizations": 0.88,
    "places": 0.91,
    "roles": 0.82,
    "events": 0.74,
    "event_dates": 0.67,
    "event_places": 0.62,
    "participants": 0.71,
    "quotes": 0.92,
    "quantities": 0.91,
}

pytestmark = pytest.mark.skipif(
    not (DEVSET / "articles").is_dir(),
    reason=f"no development set at {DEVSET} (it lives beside the repository, not in it)",
)


@pytest.fixture(scope="module")
def result(settings):
    store = open_store("memory:")
    report = ingest_paths([DEVSET / "articles"], store, settings)
    assert report.ok, report.failed
    gold = load_gold(DEVSET / "gold")
    predicted = {i: article_digest(store, i, settings) for i in gold}
    return evaluate(predicted, gold)


def test_macro_f1_on_unseen_news(result):
    assert result.macro_f1 >= MACRO_FLOOR, {c: result.scores[c].as_dict()["f1"] for c in HEADLINE}


@pytest.mark.parametrize("category", HEADLINE)
def test_each_category_on_unseen_news(result, category):
    score = result.scores[category]
    assert score.f1 is not None and score.f1 >= CATEGORY_FLOOR[category], score.as_dict()

"""Ingest time per article against spaCy's parse alone, measured in the same process.

Target (issue: extraction): ingesting an article takes at most 1.3× the time spaCy alone
takes to parse it. Both sides run over the same texts, after a warm-up, best of N rounds.

    .venv/bin/python benchmarks/bench_ingest.py [--rounds 5] [--no-validate]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from newskg import Settings, open_store
from newskg.extract import load_pipeline
from newskg.ingest import discover, read_articles
from newskg.pipeline import ingest_articles

ROOT = Path(__file__).resolve().parents[1]


def best_of(rounds: int, fn) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "data" / "articles")])
    args = parser.parse_args()

    settings = replace(Settings(store="memory:"), validate=not args.no_validate)
    articles = [a for p in discover(args.paths) for a in read_articles(p)]
    nlp = load_pipeline(settings.model)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    def parse_only() -> None:
        for text in texts:
            nlp(text)

    def ingest() -> None:
        store = open_store("memory:")
        ingest_articles(articles, store, settings, force=True)

    parse_only(), ingest()  # warm-up: model, ontology and shapes loaded once
    spacy_time = best_of(args.rounds, parse_only)
    ingest_time = best_of(args.rounds, ingest)
    print(f"articles: {len(articles)}, words: {words}, rounds: {args.rounds}")
    print(f"spaCy parse only : {spacy_time * 1000:8.1f} ms  ({words / spacy_time:,.0f} words/s)")
    print(
        f"newskg ingest    : {ingest_time * 1000:8.1f} ms  ({words / ingest_time:,.0f} words/s)"
        f"{'' if settings.validate else '  (no SHACL validation)'}"
    )
    print(f"ratio ingest / spaCy: {ingest_time / spacy_time:.2f}  (target <= 1.30)")


if __name__ == "__main__":
    main()

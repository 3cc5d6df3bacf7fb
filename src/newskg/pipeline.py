"""Wiring the stages: read → extract → map to RDF → validate → store.

Each article is handled on its own: a bad file is reported and the batch goes on, and an
article is written in one transaction that replaces its named graph whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from newskg.errors import NewskgError
from newskg.extract import extract, load_pipeline
from newskg.ingest import Overrides, discover, read_articles
from newskg.model import Article, Extraction
from newskg.rdf.mapping import article_graph
from newskg.rdf.namespaces import NKG
from newskg.rdf.validate import validate_graph
from newskg.resolve import article_iri
from newskg.settings import Settings
from newskg.store.base import Store


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file or id, problem)

    @property
    def ok(self) -> bool:
        return not self.failed


def software_version() -> str:
    from newskg import __version__

    return __version__


def extract_article(article: Article, settings: Settings) -> Extraction:
    return extract(article, load_pipeline(settings.model))


def build_graph(article: Article, settings: Settings) -> Graph:
    """The validated named graph of one article; raises NewskgError if it does not conform."""
    graph = article_graph(extract_article(article, settings), settings.base_iri, software_version())
    if settings.validate:
        result = validate_graph(graph)
        if not result.conforms:
            raise NewskgError(f"article graph does not conform to the shapes: {result.summary()}")
    return graph


def stored_hash(store: Store, article: Article, settings: Settings) -> str | None:
    iri = article_iri(settings.base_iri, article.id)
    return store.graph_value(iri, iri, str(NKG.contentHash))


def ingest_articles(
    articles: Iterable[Article],
    store: Store,
    settings: Settings | None = None,
    force: bool = False,
    report: IngestReport | None = None,
    seen: dict[str, str] | None = None,
) -> IngestReport:
    """Write articles to the store; unchanged ones (same content hash) are skipped."""
    settings = settings or Settings()
    report = report if report is not None else IngestReport()
    seen = seen if seen is not None else {}
    for article in articles:
        where = article.source or article.id
        if article.id in seen:
            report.failed.append(
                (
                    where,
                    f"article id {article.id!r} is already used by {seen[article.id]}; "
                    "give one of them another id",
                )
            )
            continue
        seen[article.id] = where
        try:
            if not force and stored_hash(store, article, settings) == article.content_hash:
                report.unchanged.append(article.id)
                continue
            graph = build_graph(article, settings)
            store.replace_graph(
                article_iri(settings.base_iri, article.id), graph.serialize(format="nt")
            )
        except NewskgError as exc:
            report.failed.append((where, str(exc)))
            continue
        report.ingested.append(article.id)
    return report


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    settings: Settings | None = None,
    overrides: Overrides | None = None,
    force: bool = False,
    progress: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Ingest files and folders; every file's problem is reported, none stops the batch."""
    settings = settings or Settings()
    report = IngestReport()
    seen: dict[str, str] = {}
    for path in discover(paths):
        try:
            articles = read_articles(path, overrides, settings.max_bytes)
        except NewskgError as exc:
            report.failed.append((str(path), getattr(exc, "problem", str(exc))))
        else:
            for article in articles:
                article.source = str(path)
            ingest_articles(articles, store, settings, force, report, seen)
        if progress is not None:
            progress(path)
    return report

"""Wiring the stages: read → extract → map to RDF → validate → store.

Each article is handled on its own: a bad file is reported and the batch goes on, and an
article is written in one transaction that replaces its named graph whole.
"""

from __future__ import annotations

import collections
import contextlib
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from newskg import graph_rows
from newskg.errors import InputError, NewskgError, PartlyRead
from newskg.extract import extract, load_pipeline
from newskg.extract.nlp import parse_from_bytes, parse_to_bytes
from newskg.ingest import Overrides, discover, read_articles
from newskg.ingest.metadata import check_id, valid_id
from newskg.model import Article, Extraction
from newskg.rdf.mapping import article_triples
from newskg.rdf.rename import rename_entities
from newskg.rdf.terms import ntriples_of
from newskg.rdf.validate import validate_store, validate_triples
from newskg.reports import announce_writes, ensure_linked, link_reports, note_reports
from newskg.resolve import article_iri, curation_iri
from newskg.resources import internal_query
from newskg.settings import Settings
from newskg.store.base import Store
from newskg.store.oxigraph_store import OxigraphStore, graph_in_memory
from newskg.supervisor import Limits, one_line, supervised_map


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file or id, problem)
    triples: int = 0  # written by this run (write_article's count)

    @property
    def ok(self) -> bool:
        return not self.failed


def software_version() -> str:
    from newskg import __version__

    return __version__


def check_length(article: Article, settings: Settings) -> None:
    """Refuse a text over the per-article cap before the parser sees it (spaCy would refuse
    it only past a million characters, after minutes and gigabytes)."""
    if settings.max_chars and len(article.text) > settings.max_chars:
        raise NewskgError(
            f"article text is {len(article.text):,} characters, over the "
            f"{settings.max_chars:,} limit per article (NEWSKG_MAX_CHARS); split it or raise "
            "the limit"
        )


def extract_article(article: Article, settings: Settings, doc=None) -> Extraction:
    check_length(article, settings)
    return extract(article, load_pipeline(settings.model), doc)


def article_ntriples(article: Article, settings: Settings, doc=None) -> str:
    """The validated named graph of one article as N-Triples; raises NewskgError if it
    does not conform to the shapes."""
    return extraction_ntriples(extract_article(article, settings, doc), settings)


@dataclass
class ArticleGraph:
    """One article's validated named graph, as the writer takes it: its N-Triples, and the
    same graph in memory, which the validator read and the pass after the write asks."""

    ntriples: str
    in_memory: OxigraphStore


def extraction_graph(extraction: Extraction, settings: Settings) -> ArticleGraph:
    """What was extracted from one article as its validated named graph; raises
    NewskgError if it does not conform to the shapes."""
    graph = article_iri(settings.base_iri, extraction.article.id)
    triples = article_triples(extraction, settings.base_iri, software_version())
    try:
        text = ntriples_of(triples)
        in_memory = graph_in_memory(graph, text)
    except (ValueError, SyntaxError) as exc:  # a term Oxigraph cannot write or read back
        raise NewskgError(f"article graph cannot be written as RDF: {one_line(exc)}") from None
    if settings.validate:
        result = validate_store(in_memory.engine, settings.shacl_engine)
        if not result.conforms:
            raise NewskgError(f"article graph does not conform to the shapes: {result.summary()}")
    return ArticleGraph(text, in_memory)


def extraction_ntriples(extraction: Extraction, settings: Settings) -> str:
    """What was extracted from one article as its validated named graph in N-Triples;
    raises NewskgError if it does not conform to the shapes."""
    return extraction_graph(extraction, settings).ntriples


_STORED_ARTICLE = internal_query("pipeline-stored-article")


def stored_hash(store: Store, article: Article, settings: Settings) -> str | None:
    """The content hash of the article as the store holds it, computed from the stored text
    and metadata themselves: a hash written into the data (a loaded or imported graph can
    carry any value) is never trusted to skip an article."""
    from rdflib import URIRef

    iri = article_iri(settings.base_iri, article.id)
    rows = store.select(_STORED_ARTICLE, {"g": URIRef(iri)}).rows
    if len(rows) != 1:
        return None  # absent, or not one article: extract again

    def value(key: str) -> str | None:
        return str(rows[0][key]) if key in rows[0] else None

    stored = Article(
        id=article.id,
        text=value("body") or "",
        headline=value("headline"),
        outlet=value("outlet"),
        author=value("author"),
        published=value("date"),
        url=value("url"),
        language=value("language"),
    )
    return stored.content_hash


_ARTICLE_NODE = internal_query("pipeline-article-node")


def check_loaded_graph(graph_iri: str, triples: list, settings: Settings) -> None:
    """A graph about to be loaded into the store (`newskg load`) must pass the shapes, and a
    graph named like an article must be a whole article graph (its article node with text
    and extraction run): nothing loaded may gut or forge an article."""
    from newskg.rdf.terms import memory_store

    result = validate_triples(triples, settings.shacl_engine)
    if not result.conforms:
        raise NewskgError(f"graph {graph_iri} does not conform to the shapes: {result.summary()}")
    prefix = article_iri(settings.base_iri, "")
    if graph_iri.startswith(prefix):
        import pyoxigraph as ox

        article_id = unquote(graph_iri[len(prefix) :])
        if not valid_id(article_id):
            raise NewskgError(
                f"graph {graph_iri} is named like an article, but {article_id[:60]!r} is not "
                "an article id (letters, digits, '.', '_' and '-', no '..')"
            )
        answer = memory_store(triples).query(
            _ARTICLE_NODE,
            substitutions={
                ox.Variable("g"): ox.NamedNode(graph_iri),
                ox.Variable("id"): ox.Literal(article_id),
            },
        )
        if not bool(answer):
            raise NewskgError(
                f"graph {graph_iri} is named like an article but is not a whole article graph "
                f"(its article node with the identifier {article_id!r}, text and extraction "
                "run are missing)"
            )


# --- writing and removing articles ------------------------------------------------------------

_SPLITS = internal_query("pipeline-splits")


def stored_splits(store: Store, settings: Settings) -> dict[str, dict[str, str]]:
    """The curator's splits applied to the store: article IRI → {entity IRI: its IRI in
    that article}. Ingest applies them to every article it writes, so a split survives
    re-ingesting the article."""
    from rdflib import URIRef

    found: dict[str, dict[str, str]] = collections.defaultdict(dict)
    bound = {"curation": URIRef(curation_iri(settings.base_iri))}
    for row in store.select(_SPLITS, bound):
        found[str(row["article"])][str(row["entity"])] = str(row["into"])
    return dict(found)


def write_article(
    store: Store,
    article_id: str,
    nt: str,
    splits: dict[str, dict[str, str]],
    settings: Settings,
    in_memory: OxigraphStore | None = None,
) -> int:
    """Replace one article's graph with `nt`, the curator's splits (`stored_splits`) applied;
    returns how many triples it wrote (one per N-Triples line). `in_memory`: the same graph
    as `nt` in memory (ArticleGraph), if the caller has it."""
    graph = article_iri(settings.base_iri, article_id)
    announce_writes(store)  # the caller names what it wrote to link_reports(changed=...)
    renames = splits.get(graph, {})
    text = rename_entities(nt, renames)
    store.replace_graph(graph, text)
    # what the pass after the writes asks of each graph, answered by a copy of what was
    # written rather than read back from the store
    written = in_memory if in_memory is not None and not renames else graph_in_memory(graph, text)
    graph_rows.note_written(store, graph, written)  # the network page's rows
    note_reports(store, graph, written)  # its events, numbers and positions, for linking
    # one triple a line, and no blank line in a graph's text: its lines, counted without
    # splitting the text (that took a millisecond of a long article)
    return nt.count("\n") + (bool(nt) and not nt.endswith("\n"))


def remove_articles(store: Store, article_ids: Iterable[str], settings: Settings) -> list[str]:
    """Drop the articles' graphs, whole; the ids that were not in the store are returned.
    Entities other articles mention stay, with those articles' facts; which events are
    reported by several articles is computed again."""
    ids = list(article_ids)
    announce_writes(store)
    missing = [i for i in ids if not store.remove_graph(article_iri(settings.base_iri, i))]
    if len(missing) < len(ids):  # something went: its events may have been reports
        link_reports(store, settings, changed=ids)
    else:
        ensure_linked(store, settings)
    return missing


# --- extraction in watched worker processes --------------------------------------------------


def _parse_and_extract_in_child(settings: Settings, article: Article) -> Extraction:
    return extract_article(article, settings)


def _parse_in_child(settings: Settings, article: Article) -> bytes:
    """A worker's first stage: the parse, sent on as bytes."""
    check_length(article, settings)
    return parse_to_bytes(load_pipeline(settings.model)(article.text))


def _extract_in_child(
    settings: Settings, parsed: tuple[Article, bytes | None, str | None]
) -> Extraction | None:
    """A worker's second stage: the rules over what the first parsed (nothing when the
    parse failed: its error is the article's)."""
    article, data, error = parsed
    if error is not None or data is None:
        return None
    nlp = load_pipeline(settings.model)
    return extract(article, nlp, parse_from_bytes(nlp, data))


# A few sentences touching every kind of fact, extracted once in the parent before any worker
# is forked: the word lists, gazetteer, ontology and shapes each process loads lazily are then
# loaded once and shared by the workers (each fresh worker paid ~0.7 s to load them again).
_WARM_UP_TEXT = (
    "Lena Ortiz, the mayor of Bergen, met Tomas Ruiz in Paris on Monday. "
    '"We agreed on 12 points," she said.'
)
_WARMED: set[tuple[str, bool]] = set()


def _warm(settings: Settings) -> None:
    key = (settings.model, settings.validate)
    if key in _WARMED:
        return
    _WARMED.add(key)
    with contextlib.suppress(NewskgError):
        article = Article(id="warm-up", text=_WARM_UP_TEXT, published="2024-05-01")
        article_ntriples(article, settings)


def article_limits(settings: Settings) -> Limits:
    return Limits(settings.article_seconds or None, settings.article_memory_mb or None)


def extract_many(articles: Iterable[Article], settings: Settings, workers: int = 1):
    """Yield (article, N-Triples or None, error or None) for each article, in order, reading
    `articles` lazily so a corpus of any size streams through in constant memory.

    Each article is parsed and its rules run in watched worker processes, under the
    per-article time and memory caps (newskg.supervisor): an exception, a runaway or a crash
    fails that article only. The pipeline is loaded here first so forked workers share it."""
    for article, graph, error in _article_graphs(articles, settings, workers):
        yield article, graph.ntriples if graph is not None else None, error


def _article_graphs(articles: Iterable[Article], settings: Settings, workers: int):
    """extract_many, with each article's ArticleGraph in place of its N-Triples."""
    load_pipeline(settings.model)
    _warm(settings)
    for article, extraction, error in _extractions(articles, settings, workers):
        graph = None
        if error is None and extraction is not None:
            try:
                graph = extraction_graph(extraction, settings)
            except NewskgError as exc:
                error = one_line(exc)
        yield article, graph, error


def _extractions(articles: Iterable[Article], settings: Settings, workers: int):
    """(article, Extraction or None, error or None), in order, made by the workers.

    One worker: three stages at once. It parses an article while a second worker runs the
    rules over the article parsed before it, and this process maps the one before that to
    RDF and validates it (parse and rules in one worker kept this process waiting: ingest
    took 1.35 times the parse; split, the parse alone sets the pace). Several workers fill
    the cores already: each parses and runs the rules, with no parse handed over."""
    limits = article_limits(settings)
    initializer = functools.partial(load_pipeline, settings.model)
    if workers > 1:
        yield from supervised_map(
            functools.partial(_parse_and_extract_in_child, settings),
            articles,
            workers,
            limits,
            initializer,
        )
        return
    parsed = supervised_map(
        functools.partial(_parse_in_child, settings), articles, 1, limits, initializer
    )
    for (article, _, parse_error), extraction, error in supervised_map(
        functools.partial(_extract_in_child, settings),
        parsed,
        1,
        limits,
        initializer,
        eager=False,  # the parses come as the other worker makes them
    ):
        yield article, extraction, parse_error or error


def ingest_articles(
    articles: Iterable[Article],
    store: Store,
    settings: Settings | None = None,
    force: bool = False,
    report: IngestReport | None = None,
    seen: dict[str, str] | None = None,
    workers: int = 1,
    progress: Callable[[Article], None] | None = None,
) -> IngestReport:
    """Write articles to the store; unchanged ones (same content hash) are skipped."""
    settings = settings or Settings()
    report = report if report is not None else IngestReport()
    seen = seen if seen is not None else {}

    def todo():
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
                check_id(article.id, where)  # an Article made through the API, too
            except InputError as exc:
                report.failed.append((where, exc.problem))
                continue
            try:
                if not force and stored_hash(store, article, settings) == article.content_hash:
                    report.unchanged.append(article.id)
                    if progress is not None:
                        progress(article)
                    continue
            except NewskgError as exc:
                report.failed.append((where, str(exc)))
                continue
            yield article

    splits = stored_splits(store, settings)
    for article, graph, error in _article_graphs(todo(), settings, workers):
        where = article.source or article.id
        if error is None and graph is not None:
            try:
                report.triples += write_article(
                    store, article.id, graph.ntriples, splits, settings, graph.in_memory
                )
            except NewskgError as exc:
                error = str(exc)
        if error is None:
            report.ingested.append(article.id)
        else:
            report.failed.append((where, error))
        if progress is not None:
            progress(article)
    if report.ingested:
        link_reports(store, settings, changed=report.ingested)  # which events are one
    else:
        ensure_linked(store, settings)  # an earlier write cut short is repaired now
    return report


def read_paths(
    paths: Iterable[str | Path],
    report: IngestReport,
    overrides: Overrides | None,
    settings: Settings,
    on_fail: Callable[[Path], None] | None = None,
    follow_links: bool = False,
):
    """Articles of every file, lazily; a file that cannot be read is recorded and skipped.
    Links inside input folders are not followed unless `follow_links` (and then only to
    files inside the folder)."""
    for path in discover(paths, follow_links):
        try:
            articles = read_articles(path, overrides, settings.max_bytes)
        except PartlyRead as exc:  # a JSONL file with bad lines: the good ones go on
            report.failed.extend(exc.problems)
            articles = exc.articles
        except NewskgError as exc:
            report.failed.append((str(path), getattr(exc, "problem", str(exc))))
            if on_fail is not None:
                on_fail(path)
            continue
        for article in articles:
            article.source = str(path)
            yield article


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    settings: Settings | None = None,
    overrides: Overrides | None = None,
    force: bool = False,
    progress: Callable[[object], None] | None = None,
    workers: int = 1,
    follow_links: bool = False,
) -> IngestReport:
    """Ingest files and folders; every file's problem is reported, none stops the batch.
    `progress` is called once per article handled and once per file that failed."""
    settings = settings or Settings()
    report = IngestReport()
    articles = read_paths(paths, report, overrides, settings, progress, follow_links)
    return ingest_articles(articles, store, settings, force, report, {}, workers, progress)

"""Extraction beyond one machine, with Dask.

Extraction is a pure function of an article, so a collection is split by file (a JSONL file
of many articles is one partition), each file is extracted on whichever Dask worker takes it,
and the validated N-Triples come back to the client, which writes each article's named graph
into the store: an embedded Oxigraph store or a SPARQL server (`sparql:QUERY;update=UPDATE`).

Results are written as they arrive (`as_completed`), so the client holds only the partitions
in flight, not the collection. A file that cannot be read, or an article whose graph does
not conform, is reported and the others go on, as with `newskg ingest`.

    from dask.distributed import Client, LocalCluster
    from newskg import Settings, open_store
    from newskg.distributed import dask_ingest

    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
        report = dask_ingest(["corpus/"], open_store("sparql:http://host:7878/query;"
                             "update=http://host:7878/update"), client, Settings())

Every worker needs newskg and the spaCy pipeline installed (the model is loaded once per
worker process and kept).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from newskg.errors import NewskgError
from newskg.ingest import discover
from newskg.pipeline import (
    IngestReport,
    article_ntriples,
    read_paths,
    stored_splits,
    write_article,
)
from newskg.reports import link_reports
from newskg.settings import Settings
from newskg.store.base import Store


def extract_file(path: str, settings: Settings) -> list[tuple[str, str | None, str | None]]:
    """(article id or file, N-Triples or None, problem or None) for every article of one
    file. Runs on a Dask worker; needs no store."""
    report = IngestReport()
    results: list[tuple[str, str | None, str | None]] = []
    for article in read_paths([path], report, None, settings):
        try:
            results.append((article.id, article_ntriples(article, settings), None))
        except NewskgError as exc:
            results.append((f"{path} ({article.id})", None, str(exc)))
    results += [(source, None, problem) for source, problem in report.failed]
    return results


def dask_ingest(
    paths: Iterable[str | Path],
    store: Store,
    client,
    settings: Settings | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Extract every article file under `paths` on the Dask cluster behind `client` and write
    each article's graph into `store`. `progress(done, total)` is called per file."""
    from dask.distributed import as_completed

    settings = settings or Settings()
    files = [str(path) for path in discover(paths)]
    report = IngestReport()
    splits = stored_splits(store, settings)
    futures = client.map(extract_file, files, settings=settings, pure=False)
    for done, future in enumerate(as_completed(futures), start=1):
        for name, ntriples, problem in future.result():
            if problem is not None:
                report.failed.append((name, problem))
                continue
            try:
                report.triples += write_article(store, name, ntriples or "", splits, settings)
                report.ingested.append(name)
            except NewskgError as exc:
                report.failed.append((name, str(exc)))
        future.release()  # the partition's N-Triples are written; let the cluster forget them
        if progress is not None:
            progress(done, len(files))
    if report.ingested:
        link_reports(store, settings, changed=report.ingested)  # which events are one
    return report

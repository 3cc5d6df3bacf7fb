"""The path beyond one machine: a Dask job maps extraction over the files of a collection on a
local cluster of worker processes and loads the graphs into a SPARQL server. The server
ends up with the same graphs as a plain ingest, and a bad file is reported, not fatal."""

from __future__ import annotations

import pytest

from newskg import ingest_paths, open_store
from tests.helpers import SAMPLE_DIR, graphs, synthetic_corpus
from tests.helpers.servers import oxigraph_server

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture
def sparql_server(tmp_path):
    with oxigraph_server(tmp_path / "server") as url:
        yield url


def test_dask_job_loads_a_sparql_server(tmp_path, settings, sparql_server):
    from newskg.distributed import dask_ingest

    corpus = synthetic_corpus(tmp_path / "corpus", 6, seed=8)
    for article in SAMPLE_DIR.iterdir():
        (corpus / article.name).write_bytes(article.read_bytes())
    (corpus / "broken.json").write_text('{"text": ', encoding="utf-8")

    remote = open_store(f"sparql:{sparql_server}/query;update={sparql_server}/update", settings)
    seen = []
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        report = dask_ingest([corpus], remote, client, settings, lambda d, t: seen.append((d, t)))
        workers_used = len(client.scheduler_info()["workers"])

    assert workers_used == 2
    sample_ids = [path.stem for path in SAMPLE_DIR.iterdir()]
    assert sorted(report.ingested) == sorted([f"synthetic-{i:06d}" for i in range(6)] + sample_ids)
    assert [name for name, _ in report.failed] == [str(corpus / "broken.json")]
    assert seen[-1] == (9, 9)  # every file, the broken one included, reported as done

    plain = open_store("memory:")
    ingest_paths([corpus], plain, settings)
    assert graphs(remote) == graphs(plain)

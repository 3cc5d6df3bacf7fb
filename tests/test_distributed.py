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
    plain_report = ingest_paths([corpus], plain, settings)
    assert graphs(remote) == graphs(plain)
    assert report.triples == plain_report.triples > 0  # both count what they wrote


def test_batches_link_incrementally_beside_the_driver_and_load_into_the_server(
    tmp_path, settings, sparql_server, monkeypatch
):
    """README "Bigger collections": the cluster extracts, an embedded store beside the driver
    links each batch incrementally (its index finds the reports near the new ones), and the
    result is loaded into the shared server: the same graphs as one plain ingest of it all."""
    import shutil

    from newskg import reports
    from newskg.bulk import load_file
    from newskg.distributed import dask_ingest

    corpus = synthetic_corpus(tmp_path / "corpus", 24, seed=8)  # one cast: links across batches
    batches = [tmp_path / "first", tmp_path / "second"]
    for i, path in enumerate(sorted(corpus.iterdir())):
        batches[i // 12].mkdir(exist_ok=True)
        shutil.copy(path, batches[i // 12] / path.name)
    whole = []
    full = reports._link_all
    monkeypatch.setattr(
        reports, "_link_all", lambda store, *a: whole.append(store) or full(store, *a)
    )

    local = open_store(f"oxigraph:{tmp_path / 'local'}", settings)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        for batch in batches:
            assert len(dask_ingest([batch], local, client, settings).ingested) == 12
    assert whole == [local]  # the first batch, into an empty store; the second incremental

    dump = tmp_path / "all.nq"
    dump.write_bytes(local.dump("nquads"))
    remote = open_store(f"sparql:{sparql_server}/query;update={sparql_server}/update", settings)
    load_file(remote, dump, settings)

    plain = open_store("memory:")
    ingest_paths([corpus], plain, settings)
    assert graphs(local) == graphs(plain)
    assert graphs(remote) == graphs(plain)
    from newskg.rdf.namespaces import NKG

    derived = graphs(plain)[reports.graph_iri(settings)]
    assert any(p == NKG.report for _, p, _ in derived)  # reports of one event were linked

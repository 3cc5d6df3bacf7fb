"""The network projection's rows kept beside the store (newskg.graph_rows): the projection
made from them is the one the whole store gives, after articles are added, changed and
removed; rows of another writing of a graph are never used; and reading them writes
nothing."""

from __future__ import annotations

import gc
import hashlib
import json
import re

import pytest
from typer.testing import CliRunner

from newskg import graph_rows, ingest_paths, open_store
from newskg.cli import app
from newskg.curation import apply_curation
from newskg.graph import projection
from newskg.pipeline import remove_articles
from newskg.report_index import stored_graph_rows
from newskg.reports import link_reports
from tests.helpers.corpus import BRIEF, write_corpus


def _picture(store) -> tuple[list, list]:
    g = projection(store, "full")
    nodes = sorted((n, json.dumps(d, sort_keys=True)) for n, d in g.nodes(data=True))
    edges = sorted((u, v, json.dumps(d, sort_keys=True)) for u, v, d in g.edges(data=True))
    return nodes, edges


def _asked_whole(store, monkeypatch) -> tuple[list, list]:
    with monkeypatch.context() as m:
        m.setattr(graph_rows, "stored_graph_rows", lambda _store: {})
        return _picture(store)


def _refuse(*_args, **_kwargs):
    raise AssertionError("the store was asked")


def _from_kept_rows(store, monkeypatch) -> tuple[list, list]:
    with monkeypatch.context() as m:
        m.setattr(graph_rows, "all_rows", _refuse)
        return _picture(store)


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus", 8, seed=5, paragraphs=BRIEF)


def test_the_kept_rows_give_the_projection_of_the_whole_store(
    tmp_path, settings, corpus, monkeypatch
):
    store = open_store(f"oxigraph:{tmp_path / 'store'}", settings)
    with monkeypatch.context() as m:  # the rows come from what was written, not read back
        m.setattr(graph_rows, "article_rows", _refuse)
        ingest_paths(corpus[:6], store, settings)
    kept = stored_graph_rows(store)
    assert sorted(kept) == sorted(graph_rows.stamps(store)) and len(kept) == 6
    picture = _from_kept_rows(store, monkeypatch)
    assert picture == _asked_whole(store, monkeypatch)
    assert len(picture[0]) > 10 and len(picture[1]) > 10

    # another delivery, one article told again in other words, one removed
    ingest_paths(corpus[6:], store, settings)
    changed = json.loads(corpus[0].read_text(encoding="utf-8"))
    changed["text"] = changed["text"].replace(".", ". It was a tense day.", 1)
    corpus[0].write_text(json.dumps(changed), encoding="utf-8")
    ingest_paths([corpus[0]], store, settings)
    remove_articles(store, [json.loads(corpus[1].read_text(encoding="utf-8"))["id"]], settings)
    assert len(stored_graph_rows(store)) == 7
    after = _from_kept_rows(store, monkeypatch)
    assert after == _asked_whole(store, monkeypatch)
    assert after != picture

    # a relink works every article's rows out again, the whole store asked at once
    with monkeypatch.context() as m:
        m.setattr(graph_rows, "article_rows", _refuse)
        link_reports(store, settings)
    assert _from_kept_rows(store, monkeypatch) == after


def test_rows_of_another_writing_of_a_graph_are_not_used(tmp_path, settings, corpus, monkeypatch):
    """A graph written again without the pass that keeps its rows (another tool, a write
    cut short): its stamp differs, so its rows are worked out again when read."""
    store = open_store(f"oxigraph:{tmp_path / 'store'}", settings)
    ingest_paths(corpus[:6], store, settings)  # one in six asked again alone
    graph = sorted(graph_rows.stamps(store))[0]
    text = store.graph(graph).serialize(format="nt")
    name = next(
        line.split(" ", 2)[2].rsplit(" .", 1)[0]
        for line in sorted(text.splitlines())
        if "<http://schema.org/name>" in line and "/person/" in line.split(" ", 1)[0]
    )
    started = next(line for line in text.splitlines() if "startedAtTime" in line)
    earlier = re.sub(r'"[^"]+"', '"2001-01-01T00:00:00+00:00"', started, count=1)
    # first in alphabetical order, so the node takes it whatever the other articles call it
    rewritten = text.replace(name, '"Aalto Ottoline"').replace(started, earlier)
    store.replace_graph(graph, rewritten)  # no link pass: the kept rows are of the old graph
    labels = {d["label"] for _, d in projection(store, "full").nodes(data=True)}
    assert "Aalto Ottoline" in labels
    assert _from_kept_rows(store, monkeypatch) == _asked_whole(store, monkeypatch)


def test_reading_the_kept_rows_writes_nothing(tmp_path, settings, corpus):
    location = tmp_path / "store"
    store = open_store(f"oxigraph:{location}", settings)
    ingest_paths(corpus[:3], store, settings)
    store.close()
    del store
    gc.collect()

    def files() -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in location.iterdir()}

    before = files()
    out = tmp_path / "network.html"
    result = CliRunner().invoke(
        app, ["graph", "--out", str(out), "--store", f"oxigraph:{location}"]
    )
    assert result.exit_code == 0, result.output
    assert out.is_file() and files() == before


def test_rows_worked_out_by_other_queries_are_not_used(tmp_path, settings, corpus, monkeypatch):
    """Rows kept by another version of newskg, whose queries differ, are of another kind:
    every graph's stamp differs, and the store is asked whole."""
    store = open_store(f"oxigraph:{tmp_path / 'store'}", settings)
    ingest_paths(corpus[:3], store, settings)
    asked = []
    whole = graph_rows.all_rows
    monkeypatch.setattr(graph_rows, "all_rows", lambda *a, **k: asked.append(1) or whole(*a, **k))
    projection(store, "full")
    assert not asked
    monkeypatch.setattr(graph_rows, "_ASKED_BY", "queries of another version")
    projection(store, "full")
    assert asked == [1]


def _stamp_reads(monkeypatch, store) -> list[str]:
    """For each read of the graphs' stamps: the graph it asked about, or "every graph"."""
    reads: list[str] = []
    select = store.select

    def counted(sparql, bindings=None, *args, **kwargs):
        if sparql == graph_rows._STAMPS:
            reads.append(str(bindings["a"]) if bindings else "every graph")
        return select(sparql, bindings, *args, **kwargs)

    monkeypatch.setattr(store, "select", counted)
    return reads


def test_a_pass_reads_the_stamps_of_only_the_graphs_its_writer_wrote(
    tmp_path, settings, corpus, monkeypatch
):
    """Cost follows the work: after a delivery the pass asks about the graphs it wrote or
    removed, not about every graph of the store (unless a writer was cut short before its
    pass: then the next one cannot know what changed, and asks about every graph)."""
    import newskg.pipeline as pipeline

    folder = tmp_path / "store"
    store = open_store(f"oxigraph:{folder}", settings)
    ingest_paths(corpus[:4], store, settings)
    before = set(stored_graph_rows(store))
    reads = _stamp_reads(monkeypatch, store)
    ingest_paths(corpus[4:6], store, settings)
    written = set(stored_graph_rows(store)) - before
    assert len(written) == 2 and sorted(reads) == sorted(written)
    reads.clear()
    remove_articles(store, [json.loads(corpus[0].read_text(encoding="utf-8"))["id"]], settings)
    assert len(reads) == 1 and reads[0] in before
    assert sorted(stored_graph_rows(store)) == sorted((before | written) - {reads[0]})
    assert _from_kept_rows(store, monkeypatch) == _asked_whole(store, monkeypatch)

    with monkeypatch.context() as killed:  # the process dies after writing, before its pass
        killed.setattr(pipeline, "link_reports", lambda *args, **kwargs: 0)
        ingest_paths(corpus[6:7], store, settings)
    store.close()
    store = open_store(f"oxigraph:{folder}", settings)  # the next process
    reads = _stamp_reads(monkeypatch, store)
    ingest_paths(corpus[7:], store, settings)
    assert "every graph" in reads
    kept = stored_graph_rows(store)
    assert {g: stamp for g, (stamp, _) in kept.items()} == graph_rows.stamps(store)
    assert len(kept) == 7


def test_the_rows_of_an_article_written_with_a_split_name_the_split_entity(
    tmp_path, settings, corpus, monkeypatch
):
    """Ingest hands the writer the graph it validated, in memory, for the rows; where a
    curator's split renames an entity of the article, the graph written is not that one,
    and the rows must be those of the renamed graph."""
    store = open_store(f"oxigraph:{tmp_path / 'store'}", settings)
    ingest_paths(corpus[:3], store, settings)
    graph = sorted(graph_rows.stamps(store))[0]
    article_id = graph.rsplit("/", 1)[1]
    person = next(  # a corpus-wide person IRI (base/person/name; a split adds the article)
        str(s)
        for s in sorted(store.graph(graph).subjects())
        if "/person/" in str(s) and str(s).count("/") == graph.count("/")
    )
    key = person.removeprefix(settings.base_iri)
    curation = tmp_path / "curation.yaml"
    curation.write_text(
        f"curator: Lee Park\nsplit:\n  - entity: {key}\n    articles: [{article_id}]\n",
        encoding="utf-8",
    )
    apply_curation(store, curation, settings)
    again = ingest_paths(corpus[:3], store, settings, force=True)
    assert article_id in again.ingested and len(again.ingested) == 3
    kept = json.loads(stored_graph_rows(store)[graph][1])
    nodes = {row[0] for row in kept["nodes"]}
    namesake = person.replace("/person/", f"/person/{article_id}/")
    assert person not in nodes and namesake in nodes
    assert kept == graph_rows.article_rows(store, graph)
    assert _from_kept_rows(store, monkeypatch) == _asked_whole(store, monkeypatch)

"""End to end: files → store, idempotence, replacement, bad files in a batch."""

from __future__ import annotations

import shutil

from newskg import ingest_paths, open_store
from newskg.resolve import article_iri
from tests.helpers import SAMPLE_DIR, write

ARTICLE_A = """---
title: Port strike ends
outlet: Harbour News
published: 2024-06-02
---
Dockers in Rotterdam ended their strike on Monday. Maria Jansen, the chair of the Dock Workers Union, said the deal was fair.
"""
ARTICLE_B = """---
title: Museum opens wing
outlet: City Herald
published: 2024-07-10
---
The Civic Museum in Lyon opened a new wing. Director Paul Martin thanked the donors.
"""


def test_reingest_is_a_noop(tmp_path, settings):
    store = open_store("memory:")
    first = ingest_paths([SAMPLE_DIR], store, settings)
    count = len(store)
    second = ingest_paths([SAMPLE_DIR], store, settings)
    assert first.ingested and not second.ingested
    assert sorted(second.unchanged) == sorted(first.ingested)
    assert len(store) == count


def test_changed_article_replaces_only_its_graph(tmp_path, settings):
    folder = tmp_path / "articles"
    a = write(folder / "port.md", ARTICLE_A)
    write(folder / "museum.md", ARTICLE_B)
    store = open_store("memory:")
    assert ingest_paths([folder], store, settings).ok
    museum_iri = article_iri(settings.base_iri, "museum")
    port_iri = article_iri(settings.base_iri, "port")
    museum_before = set(store.graph(museum_iri))
    port_before = set(store.graph(port_iri))

    write(a, ARTICLE_A.replace("Rotterdam", "Antwerp"))
    report = ingest_paths([folder], store, settings)
    assert report.ingested == ["port"] and report.unchanged == ["museum"]
    assert set(store.graph(museum_iri)) == museum_before
    port_after = store.graph(port_iri)
    assert set(port_after) != port_before
    names = {str(o) for o in port_after.objects(None, None)}
    assert "Antwerp" in names and "Rotterdam" not in names


def test_bad_file_does_not_stop_batch_or_lose_data(tmp_path, settings):
    folder = tmp_path / "batch"
    write(folder / "good.md", ARTICLE_B)
    store = open_store("memory:")
    assert ingest_paths([folder], store, settings).ok
    before = len(store)
    write(folder / "bad.json", '{"text": "cut')
    write(folder / "empty.txt", "")
    write(folder / "port.md", ARTICLE_A)
    report = ingest_paths([folder], store, settings)
    assert report.ingested == ["port"]
    assert {where.split("/")[-1] for where, _ in report.failed} == {"bad.json", "empty.txt"}
    assert len(store) > before
    assert len(store.graph(article_iri(settings.base_iri, "good"))) > 0


def test_duplicate_ids_in_one_batch_are_reported(tmp_path, settings):
    write(tmp_path / "x" / "same.md", ARTICLE_A)
    write(tmp_path / "y" / "same.md", ARTICLE_B)
    report = ingest_paths([tmp_path / "x", tmp_path / "y"], open_store("memory:"), settings)
    assert report.ingested == ["same"]
    assert "already used by" in report.failed[0][1]


def test_embedded_store_persists_and_is_locked(tmp_path, settings):
    import pytest

    from newskg.errors import StoreInUseError

    path = tmp_path / "store"
    shutil.rmtree(path, ignore_errors=True)
    store = open_store(f"oxigraph:{path}")
    write(tmp_path / "in" / "museum.md", ARTICLE_B)
    assert ingest_paths([tmp_path / "in"], store, settings).ok
    count = len(store)
    with pytest.raises(StoreInUseError):
        open_store(f"oxigraph:{path}")
    store.close()
    del store
    import gc

    gc.collect()
    reopened = open_store(f"oxigraph:{path}")
    assert len(reopened) == count


def test_jsonl_with_a_bad_line_ingests_the_others(tmp_path, settings):
    import json

    from newskg import ingest_paths, open_store

    lines = [
        json.dumps({"id": f"n{i}", "text": f"Mara Quint met Tomas Ek in Tartu {i}."})
        for i in range(6)
    ]
    lines[3] = '{"id": "n3", "text": '
    path = tmp_path / "in" / "news.jsonl"
    path.parent.mkdir()
    path.write_text("\n".join(lines), encoding="utf-8")
    store = open_store("memory:")
    report = ingest_paths([path.parent], store, settings)
    assert sorted(report.ingested) == ["n0", "n1", "n2", "n4", "n5"]
    assert [where for where, _ in report.failed] == [f"{path} line 4"]


def test_a_planted_hash_does_not_make_a_gutted_article_unchanged(tmp_path, settings):
    from newskg.rdf.namespaces import NKG

    write(tmp_path / "in" / "a.md", ARTICLE_A)
    store = open_store("memory:")
    assert ingest_paths([tmp_path / "in"], store, settings).ingested == ["a"]
    iri = article_iri(settings.base_iri, "a")
    planted = store.graph_value(iri, iri, str(NKG.contentHash))
    store.replace_graph(iri, f'<{iri}> <{NKG.contentHash}> "{planted}" .')  # gutted
    again = ingest_paths([tmp_path / "in"], store, settings)
    assert again.ingested == ["a"] and again.unchanged == []
    assert len(store.graph(iri)) > 50


def test_load_refuses_a_graph_that_would_gut_or_forge_an_article(tmp_path):
    from typer.testing import CliRunner

    from newskg.cli import app

    location = f"oxigraph:{tmp_path / 'store'}"
    runner = CliRunner()
    write(tmp_path / "in" / "a.md", ARTICLE_A)
    assert runner.invoke(app, ["ingest", str(tmp_path / "in"), "--store", location]).exit_code == 0
    iri = "https://w3id.org/newskg/id/article/a"
    write(
        tmp_path / "nq" / "evil.nq",
        f'<{iri}> <https://w3id.org/newskg/ontology#contentHash> "x" <{iri}> .\n'
        f'<{iri}> <http://schema.org/headline> "Official report" <{iri}> .\n',
    )
    result = runner.invoke(app, ["load", str(tmp_path / "nq"), "--store", location])
    assert result.exit_code == 1 and "not a whole article graph" in result.output
    store = open_store(location)
    assert len(store.graph(iri)) > 50  # the article is as it was

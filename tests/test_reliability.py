"""Reliability: the bad-input corpus, removal, concurrency, and two processes on one store."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from typer.testing import CliRunner

from newskg import ingest_paths, open_store
from newskg.cli import app
from newskg.ingest import read_articles
from newskg.resolve import article_iri
from tests.helpers import SAMPLE_DIR, synthetic_corpus, write

BAD = Path(__file__).parent / "data" / "bad"
EXPECTED_FAILURES = {
    "binary.txt": "binary file",
    "broken-front-matter.md": "broken front matter",
    "empty.txt": "file is empty",
    "latin1.txt": "not UTF-8 text",
    "nested.json": "nested too deeply",
    "nul-bytes.txt": "binary file",
    "scripts.html": "no article text found",
}
EXPECTED_OK = {"mixed-line-endings", "other-language", "no-entities"}


def test_bad_input_corpus(settings):
    store = open_store("memory:")
    report = ingest_paths([BAD], store, settings)
    failures = {Path(where).name: problem for where, problem in report.failed}
    assert set(failures) == set(EXPECTED_FAILURES)
    for name, problem in EXPECTED_FAILURES.items():
        assert problem in failures[name] and "\n" not in failures[name]
    assert set(report.ingested) == EXPECTED_OK
    # mixed line endings are normalized; a text with no entities gives a clean, empty result
    [mixed] = read_articles(BAD / "mixed-line-endings.txt")
    assert "\r" not in mixed.text
    rows = store.select("""PREFIX schema: <http://schema.org/>
        SELECT ?e WHERE { ?a schema:identifier "no-entities" ; schema:mentions ?e }""")
    assert len(rows) == 0


def test_fifty_megabytes_is_refused_without_reading_it(tmp_path, settings):
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    report = ingest_paths([big], open_store("memory:"), settings)
    assert "over the 5.0 MB limit" in report.failed[0][1]


def test_remove_keeps_entities_other_articles_mention(tmp_path, settings):
    path = tmp_path / "store"
    store = open_store(f"oxigraph:{path}", settings)
    ingest_paths([SAMPLE_DIR], store, settings)
    madrid = article_iri(settings.base_iri, "madrid-prisoners-discussion")
    store.close()
    del store
    result = CliRunner().invoke(
        app, ["remove", "madrid-prisoners-discussion", "--store", f"oxigraph:{path}"]
    )
    assert result.exit_code == 0, result.output
    store = open_store(f"oxigraph:{path}", settings)
    assert madrid not in store.named_graphs()
    names = {
        str(r["n"])
        for r in store.select(
            "PREFIX schema: <http://schema.org/> SELECT ?n WHERE { ?e a schema:Place ; schema:name ?n }"
        )
    }
    assert "Gaza" in names and "Europe" in names  # also in the other article
    assert "Madrid" not in names and "Nablus" not in names
    store.close()
    del store
    again = CliRunner().invoke(
        app, ["remove", "madrid-prisoners-discussion", "--store", f"oxigraph:{path}"]
    )
    assert again.exit_code == 1 and "no article" in again.output


def test_queries_during_ingest_see_whole_articles(tmp_path, settings):
    corpus = synthetic_corpus(tmp_path / "corpus", 30, seed=2)
    reference = open_store("memory:")
    ingest_paths([corpus], reference, settings)
    sizes = {g: len(reference.graph(g)) for g in reference.named_graphs()}

    store = open_store("memory:")
    problems: list[str] = []
    done = threading.Event()
    count = """SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"""

    def reader() -> None:
        while not done.is_set():
            try:
                for row in store.select(count).rows:
                    g, n = str(row["g"]), int(row["n"])
                    if n != sizes.get(g):
                        problems.append(f"{g}: {n} of {sizes.get(g)} triples")
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                problems.append(repr(exc))

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    ingest_paths([corpus], store, settings)
    done.set()
    for t in threads:
        t.join(10)
    assert problems == []
    assert len(store) == len(reference)


def test_second_process_gets_store_in_use(tmp_path, settings):
    path = tmp_path / "store"
    store = open_store(f"oxigraph:{path}", settings)
    write(tmp_path / "in" / "a.txt", "The mayor of Lyon, Anne Dupont, opened the fair.")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newskg.cli",
            "ingest",
            str(tmp_path / "in"),
            "--store",
            f"oxigraph:{path}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "in use by another newskg process" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(store) == 0

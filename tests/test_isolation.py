"""One article cannot break a batch: each is extracted in a watched worker process, and an
exception, a runaway, a crash or a text over the caps fails that article only."""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import time

import pytest
from typer.testing import CliRunner

from newskg import ingest_paths, open_store
from newskg.cli import app
from newskg.supervisor import Limits, supervised_map
from tests.helpers import SAMPLE_DIR

SAMPLE_IDS = {path.stem for path in SAMPLE_DIR.iterdir() if path.is_file()}


def _slow_square(n: int) -> int:
    time.sleep(0.3 if n == 0 else 0)
    return n * n


def _misbehave(n: int) -> int:
    if n == 1:
        raise ValueError("bad\nitem")
    if n == 2:
        time.sleep(60)
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    if n == 4:
        hog = b"x" * (400 * 1024 * 1024)  # written, so resident
        time.sleep(60)
        return len(hog)
    return n


def test_results_come_back_in_order_from_several_workers():
    results = list(supervised_map(_slow_square, range(12), workers=3))
    assert [item for item, _, _ in results] == list(range(12))
    assert [result for _, result, _ in results] == [n * n for n in range(12)]


def test_each_failure_is_its_items_and_the_others_go_on():
    started = time.monotonic()
    results = {
        item: (result, error)
        for item, result, error in supervised_map(
            _misbehave, range(6), workers=2, limits=Limits(seconds=3, memory_mb=200)
        )
    }
    assert time.monotonic() - started < 30  # the 60 s sleeps were cut, not waited for
    assert results[0] == (0, None) and results[5] == (5, None)
    assert results[1] == (None, "extraction failed (ValueError: bad item)")
    assert "longer than the 3 s limit" in results[2][1]
    assert "process died" in results[3][1]
    assert "more than the 200 MiB limit" in results[4][1]


def _samples_and(tmp_path, name: str, text: str):
    folder = tmp_path / "in"
    shutil.copytree(SAMPLE_DIR, folder)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_long_article_is_refused_and_the_good_ones_are_stored(tmp_path):
    sentence = "Mara Lind met the mayor of Velden on Tuesday and said the plan would go ahead. "
    long_text = sentence * (1_200_000 // len(sentence))
    folder = _samples_and(tmp_path, "long.txt", long_text)
    store = tmp_path / "store"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--store", f"oxigraph:{store}"])
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if "long.txt" in line]
    assert "characters, over the 100,000 limit per article" in line
    assert "failed 1" in result.stdout and f"ingested {len(SAMPLE_IDS)}" in result.stdout
    db = open_store(f"oxigraph:{store}", mode="read")
    ids = {
        str(r["id"])
        for r in db.select(
            "PREFIX schema: <http://schema.org/> "
            "SELECT ?id WHERE { ?a a schema:NewsArticle ; schema:identifier ?id }"
        )
    }
    db.close()
    assert ids == SAMPLE_IDS


def test_an_exception_in_extraction_fails_only_that_article(tmp_path, settings, monkeypatch):
    import newskg.pipeline

    real = newskg.pipeline.extract
    parent = os.getpid()

    def extract(article, nlp, doc=None):
        # in a worker, the rules run over the parse the parsing worker made (this process
        # extracts only its warm-up text, parsing it itself)
        assert os.getpid() == parent or doc is not None, "the rules get the other's parse"
        if article.id == "boom":
            raise KeyError("a bug in a rule")
        return real(article, nlp, doc)

    # the workers are forked from this process, so they run the patched function
    monkeypatch.setattr(newskg.pipeline, "extract", extract)
    folder = _samples_and(tmp_path, "boom.txt", "Ana Costa spoke in Lisbon on Monday.")
    report = ingest_paths([folder], open_store("memory:"), settings)
    assert set(report.ingested) == SAMPLE_IDS
    [(where, problem)] = report.failed
    assert where.endswith("boom.txt") and problem.startswith("extraction failed (KeyError")


def test_time_cap_stops_a_runaway_article(tmp_path, settings, monkeypatch):
    import newskg.pipeline

    real = newskg.pipeline.extract

    def extract(article, nlp, doc=None):
        if article.id == "stuck":
            time.sleep(120)
        return real(article, nlp, doc)

    monkeypatch.setattr(newskg.pipeline, "extract", extract)
    folder = _samples_and(tmp_path, "stuck.txt", "Ana Costa spoke in Lisbon on Monday.")
    capped = dataclasses.replace(settings, article_seconds=2)
    started = time.monotonic()
    report = ingest_paths([folder], open_store("memory:"), capped)
    assert time.monotonic() - started < 60
    assert set(report.ingested) == SAMPLE_IDS
    [(where, problem)] = report.failed
    assert where.endswith("stuck.txt") and "longer than the 2 s limit per article" in problem


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="memory is read from /proc")
def test_memory_cap_stops_an_article_that_grows(tmp_path, settings, monkeypatch):
    import newskg.pipeline

    real = newskg.pipeline.extract

    def extract(article, nlp, doc=None):
        if article.id == "greedy":
            hog = b"x" * (600 * 1024 * 1024)
            time.sleep(60)
            del hog
        return real(article, nlp, doc)

    monkeypatch.setattr(newskg.pipeline, "extract", extract)
    folder = _samples_and(tmp_path, "greedy.txt", "Ana Costa spoke in Lisbon on Monday.")
    capped = dataclasses.replace(settings, article_memory_mb=300)
    report = ingest_paths([folder], open_store("memory:"), capped, workers=2)
    assert set(report.ingested) == SAMPLE_IDS
    [(where, problem)] = report.failed
    assert where.endswith("greedy.txt") and "more than the 300 MiB limit per article" in problem


def _double(n: int) -> int:
    return 2 * n


def _drawn_and_taken(eager: bool) -> list[str]:
    log: list[str] = []

    def source():
        for n in range(3):
            log.append(f"drew {n}")
            yield n

    for item, result, _ in supervised_map(_double, source(), eager=eager):
        assert result == 2 * item
        log.append(f"took {item}")
    return log


def test_a_map_that_is_not_eager_hands_over_an_answer_before_it_draws_the_next_item():
    # items drawn from a slow source (another map's answers) must not hold back an answer
    assert _drawn_and_taken(eager=False) == [
        "drew 0", "took 0", "drew 1", "took 1", "drew 2", "took 2"
    ]  # fmt: skip
    # eager: the worker already has the next item while the caller handles an answer
    eager = _drawn_and_taken(eager=True)
    assert eager.index("drew 1") < eager.index("took 0")


def test_no_worker_starts_for_nothing_and_retired_workers_are_reaped():
    import newskg.supervisor as supervisor

    supervisor._reap(5.0)  # the workers of the tests before
    assert list(supervised_map(_double, [])) == []
    assert not supervisor._RETIRED  # none started, none to retire
    assert [r for _, r, _ in supervised_map(_double, [1, 2])] == [2, 4]
    supervisor._reap(5.0)  # what runs at exit; a later map reaps those already gone
    assert not supervisor._RETIRED

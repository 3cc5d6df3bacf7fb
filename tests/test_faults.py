"""Fault injection: a full disk at every write of an ingest, and SIGKILL at random points of
ingest, load and remove. After each fault no committed article is lost, every article graph
is whole, and the reported-events graph is either what the articles give or said (by
`stale`, which `validate` reports) to be out of date; the next write repairs it.

Bounded here; NEWSKG_FAULT_RUNS=20 (say) runs more kills per command."""

from __future__ import annotations

import contextlib
import gc
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from newskg import open_store
from newskg.cli import app
from newskg.errors import StoreDamaged
from newskg.ingest import read_articles
from newskg.pipeline import ingest_articles
from newskg.rdf.namespaces import NKG
from newskg.rdf.validate import validate_graph
from newskg.reports import ensure_linked, graph_iri, stale
from newskg.resolve import article_iri
from tests.helpers import ingest_command, synthetic_corpus
from tests.helpers.derived import derived_triples, recomputed, store_copy

RUNS = int(os.environ.get("NEWSKG_FAULT_RUNS", "3"))


class FullDisk:
    """A store whose `fail_at`-th write (1-based) fails as the engine's full disk does; the
    writes before it happen. Reads pass through."""

    WRITES = ("replace_graph", "add_to_graph", "set_value", "remove_graph")

    def __init__(self, store, fail_at: int | None) -> None:
        self._store, self.fail_at, self.writes = store, fail_at, 0

    def __getattr__(self, name):
        attribute = getattr(self._store, name)
        if name not in self.WRITES:
            return attribute

        def write(*args, **kwargs):
            self.writes += 1
            if self.writes == self.fail_at:
                raise StoreDamaged("the disk is full: cannot write graph (injected)")
            return attribute(*args, **kwargs)

        return write

    def __len__(self) -> int:
        return len(self._store)


def _articles(store, settings) -> dict[str, set]:
    prefix = article_iri(settings.base_iri, "")
    return {g: set(store.graph(g)) for g in store.named_graphs() if g.startswith(prefix)}


def test_a_full_disk_at_any_write_of_an_ingest_loses_nothing_and_is_reported(tmp_path, settings):
    corpus = synthetic_corpus(tmp_path / "corpus", 20, seed=5)
    articles = [a for path in sorted(corpus.iterdir()) for a in read_articles(path)]
    base = open_store("memory:")
    assert ingest_articles(articles[:10], base, settings).ok
    committed = _articles(base, settings)
    counting = FullDisk(store_copy(base), None)
    ingest_articles(articles[10:], counting, settings)
    total = counting.writes  # the writes of a whole ingest: articles, derived graph, its hash
    assert total > 10
    unreported = 0
    for fail_at in range(1, total + 1):
        store = store_copy(base)
        # when the derived graph's write fails, the command ends with the error
        with contextlib.suppress(StoreDamaged):
            ingest_articles(articles[10:], FullDisk(store, fail_at), settings)
        now = _articles(store, settings)
        assert all(now[g] == triples for g, triples in committed.items()), fail_at
        for g in now:
            assert validate_graph(store.graph(g)).conforms, (fail_at, g)
        if stale(store, settings) is None and derived_triples(store, settings) != recomputed(
            store, settings
        ):
            unreported += 1
        ensure_linked(store, settings)  # what the next command that writes does
        assert stale(store, settings) is None
        assert derived_triples(store, settings) == recomputed(store, settings), fail_at
    # the whole corpus tells some events twice: the derived graph has links to lose
    assert any(o == NKG.ReportedEvent for _, _, o in store.graph(graph_iri(settings)))
    print(f"full disk at each of {total} writes: unreported wrong derived graphs {unreported}")
    assert unreported == 0


def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newskg.cli", *args], capture_output=True, text=True, timeout=600
    )


def _killed(command: list[str], rng: random.Random, most: float) -> bool:
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.3, most))
    killed = proc.poll() is None
    if killed:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    return killed


def _check_after_kill(location, settings, must_hold: dict[str, set]) -> str | None:
    """Opens, keeps what it must, says whether the derived graph is out of date, and is
    repaired by the next write."""
    store = open_store(f"oxigraph:{location}", settings, mode="read")
    now = _articles(store, settings)
    for g, triples in must_hold.items():
        assert now.get(g) == triples, g
    for g in now:
        assert validate_graph(store.graph(g)).conforms, g
    reason = stale(store, settings)
    if reason is None:
        assert derived_triples(store, settings) == recomputed(store, settings)
    store.close()
    del store
    gc.collect()
    validated = CliRunner().invoke(app, ["validate", "--store", f"oxigraph:{location}"])
    assert validated.exit_code == (0 if reason is None else 1), validated.output
    if reason is not None:
        assert "out of date" in validated.output
    relinked = CliRunner().invoke(app, ["relink", "--store", f"oxigraph:{location}"])
    assert relinked.exit_code == 0, relinked.output
    return reason


@pytest.fixture(scope="module")
def killing_corpus(tmp_path_factory, settings):
    folder = tmp_path_factory.mktemp("kills")
    corpus = synthetic_corpus(folder / "corpus", 40, seed=7)
    dump = folder / "dump.nq"
    location = folder / "reference"
    assert _cli("ingest", str(corpus), "--store", f"oxigraph:{location}").returncode == 0
    assert (
        _cli(
            "export", "--format", "nquads", "--out", str(dump), "--store", f"oxigraph:{location}"
        ).returncode
        == 0
    )
    return corpus, dump


def test_sigkill_during_ingest(tmp_path, settings, killing_corpus):
    corpus, _ = killing_corpus
    rng = random.Random(1)
    for run in range(RUNS):
        location = tmp_path / f"store{run}"
        killed = _killed([*ingest_command([corpus], location), "--force"], rng, 6.0)
        reason = _check_after_kill(location, settings, {}) if location.exists() else None
        print(f"ingest run {run}: killed {killed}, derived graph: {reason or 'consistent'}")


def test_sigkill_during_load_and_remove(tmp_path, settings, killing_corpus):
    _, dump = killing_corpus
    rng = random.Random(2)
    for run in range(RUNS):
        location = tmp_path / f"store{run}"
        _killed(
            [
                sys.executable,
                "-m",
                "newskg.cli",
                "load",
                str(dump),
                "--store",
                f"oxigraph:{location}",
            ],
            rng,
            3.0,
        )
        if location.exists():
            print(f"load run {run}: derived graph: {_check_after_kill(location, settings, {})}")
        assert _cli("load", str(dump), "--store", f"oxigraph:{location}").returncode == 0
        store = open_store(f"oxigraph:{location}", settings, mode="read")
        every = _articles(store, settings)
        store.close()
        del store
        gc.collect()
        prefix = article_iri(settings.base_iri, "")
        going = sorted(every)[::2]
        staying = {g: t for g, t in every.items() if g not in going}
        ids = [g.removeprefix(prefix) for g in going]
        _killed(
            [sys.executable, "-m", "newskg.cli", "remove", *ids, "--store", f"oxigraph:{location}"],
            rng,
            2.5,
        )
        print(f"remove run {run}: derived graph: {_check_after_kill(location, settings, staying)}")

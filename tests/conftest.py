"""Shared fixtures. The spaCy pipeline is loaded once per session; stores are in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from newskg import Settings, ingest_paths, open_store
from newskg.extract import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = ROOT / "data" / "articles"
GOLD_DIR = Path(__file__).resolve().parent / "data" / "gold"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(store="memory:")


@pytest.fixture(scope="session")
def nlp(settings):
    return load_pipeline(settings.model)


@pytest.fixture(scope="session")
def sample_store(settings):
    """The sample corpus ingested once; tests must not modify it."""
    store = open_store("memory:")
    report = ingest_paths([SAMPLE_DIR], store, settings)
    assert report.ok, report.failed
    return store


@pytest.fixture(scope="session")
def gold_store(settings):
    """The sample articles' gold digests as a graph (tests/gold_graph.py): for tests of
    queries, projections and exports, which must not depend on what extraction finds."""
    from tests.gold_graph import store_gold

    return store_gold(open_store("memory:"), GOLD_DIR, SAMPLE_DIR, settings)


@pytest.fixture
def store():
    return open_store("memory:")


def synthetic_corpus(folder: Path, count: int, seed: int) -> Path:
    """Generated brief articles (benchmarks/corpus.py, lead paragraph only), one JSON file
    each: tests need many articles more than long ones."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import BRIEF, write_corpus

    write_corpus(folder, count, seed=seed, paragraphs=BRIEF)
    return folder


def ingest_command(paths: list[Path], location: Path) -> list[str]:
    """`newskg ingest` as a subprocess command line, for tests that kill or race it."""
    import sys

    return [
        sys.executable,
        "-m",
        "newskg.cli",
        "ingest",
        *map(str, paths),
        "--store",
        f"oxigraph:{location}",
    ]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ---- no process left behind: `make test` must leave nothing it started running ----


def pytest_configure(config):
    from tests.processes import mark_run

    config._newskg_run = mark_run()  # noqa: SLF001


def pytest_sessionfinish(session, exitstatus):
    from tests.processes import leftover_processes

    token = getattr(session.config, "_newskg_run", None)
    if token is None or hasattr(session.config, "workerinput"):
        return
    left = leftover_processes(token)
    if left:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.write_sep("=", "processes started by the tests are still running", red=True)
            for line in left:
                reporter.write_line(line)
        session.exitstatus = 1

"""Shared fixtures. The spaCy pipeline is loaded once per session; stores are in memory."""

from __future__ import annotations

import socket
import threading

import pytest

from newskg import Settings, ingest_paths, open_store
from newskg.extract import load_pipeline
from tests.helpers import GOLD_DIR, ROOT, SAMPLE_DIR  # noqa: F401 - older spelling


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
    from tests.helpers.gold_graph import store_gold

    return store_gold(open_store("memory:"), GOLD_DIR, SAMPLE_DIR, settings)


@pytest.fixture
def store():
    return open_store("memory:")


@pytest.fixture
def listener():
    """A loopback server that counts connections; nothing should ever connect."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    count = {"n": 0}
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                count["n"] += 1
                conn.close()
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], count
    stop.set()
    thread.join(2)
    server.close()


# ---- no process left behind: `make test` must leave nothing it started running ----


def pytest_configure(config):
    from tests.helpers.processes import mark_run

    config._newskg_run = mark_run()  # noqa: SLF001


def pytest_sessionfinish(session, exitstatus):
    from tests.helpers.processes import leftover_processes

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

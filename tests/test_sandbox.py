"""User SPARQL runs where no network connection can be opened (newskg.sandbox), so that even
a query the check wrongly allowed reaches nothing: tested with the check switched off."""

from __future__ import annotations

import socket

import pytest

from newskg import sandbox
from newskg.store.oxigraph_store import OxigraphStore

pytestmark = [
    pytest.mark.hostile,
    pytest.mark.skipif(sandbox.UNAVAILABLE is not None, reason=str(sandbox.UNAVAILABLE)),
]


def _probe() -> list[str]:
    found = []
    for family in (socket.AF_INET, socket.AF_INET6, socket.AF_UNIX):
        try:
            socket.socket(family).close()
            found.append("ok")
        except PermissionError:
            found.append("refused")
    return found


def test_an_engine_thread_cannot_open_internet_sockets_and_other_threads_can():
    assert sandbox.without_network(_probe) == ["refused", "refused", "ok"]
    assert _probe() == ["ok", "ok", "ok"]  # the filter stays on its own thread


# and the engine's refusal is read where its result objects live: freed on another thread,
# they raise an error of their own (reported by pytest as an unraisable exception)
@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_with_the_check_switched_off_a_service_still_connects_nowhere(listener, monkeypatch):
    from newskg.rdf import sparql
    from newskg.store import oxigraph_store

    port, count = listener
    # the check says yes to anything and returns the text unchanged
    monkeypatch.setattr(
        oxigraph_store, "check", lambda text, *a, **k: sparql.Checked("select", text)
    )
    store = OxigraphStore(None)
    text = f"SELECT * WHERE {{ BIND(1 AS ?x) SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"
    with pytest.raises(Exception, match="Permission denied|query failed"):
        store.run(text, "select")
    monkeypatch.setattr(
        oxigraph_store, "check", lambda text, *a, **k: sparql.Checked("update", text)
    )
    with pytest.raises(Exception, match="Permission denied|query failed"):
        store.run(f"LOAD <http://127.0.0.1:{port}/>", "update", allow_update=True)
    import time

    time.sleep(0.3)
    assert count["n"] == 0

"""`newskg serve` refuses by construction what an outside probe got through: SERVICE to any
address, requests for another host or from another origin, and runaway queries (stopped
with their worker process, CPU and all)."""

from __future__ import annotations

import signal
import time
import urllib.error
import urllib.request

import psutil
import pytest

from tests.helpers.servers import query_request, served_sample_store, wait_for


@pytest.fixture(scope="module")
def served(tmp_path_factory, settings):
    proc, port, _location = served_sample_store(
        tmp_path_factory.mktemp("serve"), settings, "--timeout", "1"
    )
    wait_for(port)
    yield proc, port
    proc.send_signal(signal.SIGTERM)
    proc.wait(10)


def _status(request: urllib.request.Request) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_service_is_refused_and_nothing_connects(served, listener):  # noqa: F811
    _proc, port = served
    target, count = listener
    text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{target}/sparql> {{ ?s ?p ?o }} }}"
    status, body = _status(query_request(port, text.encode()))
    assert status == 400 and b"reaches outside the store" in body
    form = urllib.request.Request(
        f"http://127.0.0.1:{port}/query",
        data=f"query={urllib.request.quote(text)}".encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert _status(form)[0] == 400
    assert count["n"] == 0


def test_other_hosts_and_origins_are_refused(served):
    _proc, port = served
    ask = b"ASK { ?s ?p ?o }"
    rebound = query_request(port, ask)
    rebound.add_header("Host", "evil.example")
    assert _status(rebound)[0] == 403
    cross = query_request(port, ask)
    cross.add_header("Origin", "https://evil.example")
    assert _status(cross)[0] == 403
    same = query_request(port, ask)
    same.add_header("Origin", f"http://127.0.0.1:{port}")
    assert _status(same) == (200, b'{"head": {}, "boolean": true}')


def test_a_runaway_query_is_stopped_and_its_cpu_with_it(served):
    proc, port = served
    runaway = query_request(
        port, b"SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    )
    start = time.monotonic()
    status, body = _status(runaway)
    assert status == 503 and b"stopped" in body
    assert time.monotonic() - start < 10
    tree = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]

    def cpu() -> float:
        total = 0.0
        for p in tree:
            try:
                times = p.cpu_times()
                total += times.user + times.system
            except psutil.NoSuchProcess:
                pass
        return total

    time.sleep(0.5)
    before = cpu()
    time.sleep(2)
    assert cpu() - before < 0.3  # idle: nothing is still computing the stopped query
    # and the endpoint answers as before
    assert _status(query_request(port, b"ASK { ?s ?p ?o }"))[0] == 200


def test_editor_page_loads_nothing_from_the_network(served):
    _proc, port = served
    status, page = _status(urllib.request.Request(f"http://127.0.0.1:{port}/"))
    assert status == 200
    assert b"http://" not in page and b"https://" not in page and b"prefix.cc" not in page


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopping_the_server_by_pid_stops_its_workers(tmp_path, settings, stop):
    proc, port, _location = served_sample_store(tmp_path, settings)
    wait_for(port)
    workers = psutil.Process(proc.pid).children(recursive=True)
    assert workers
    proc.send_signal(stop)
    assert proc.wait(10) == 0  # a clean stop, not a crash
    time.sleep(0.5)
    assert not [w for w in workers if w.is_running() and w.status() != psutil.STATUS_ZOMBIE]

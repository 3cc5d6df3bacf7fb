"""`newskg serve` refuses by construction what an outside probe got through: SERVICE to any
address, requests for another host or from another origin, and runaway queries (stopped
with their worker process, CPU and all)."""

from __future__ import annotations

import json
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


# --- HTTP framing, cross-site requests and updates (the hardening issue's findings 2-5, 8) ---


def _exchange(port: int, raw: bytes, wait: float = 5.0) -> bytes:
    """Send raw bytes on one connection; everything the server sent until it closed (or
    went quiet for `wait` seconds)."""
    import select
    import socket

    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as conn:
        try:
            for start in range(0, len(raw), 16384):  # stop sending once the server answers
                conn.sendall(raw[start : start + 16384])
                if select.select([conn], [], [], 0.01)[0]:
                    break
            while chunk := conn.recv(65536):
                received += chunk
        except (TimeoutError, ConnectionResetError, BrokenPipeError):
            pass
    return received


def _post(path: str, body: bytes, *headers: str) -> bytes:
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", *headers]
    if not any(h.lower().startswith(("content-length", "transfer-encoding")) for h in headers):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def test_a_refused_request_cannot_smuggle_a_second_one(served, listener):
    _proc, port = served
    target, count = listener
    hidden_query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{target}/> {{ ?s ?p ?o }} }}"
    hidden = _post("/query", hidden_query.encode(), "Content-Type: application/sparql-query")
    for refused in (
        _post("/query", hidden, "Origin: https://evil.example", "Content-Type: text/plain"),
        _post("/nowhere", hidden, "Content-Type: text/plain"),
    ):
        answer = _exchange(port, refused)
        assert answer.count(b"HTTP/1.1 ") == 1, answer  # one answer, then the connection closed
        assert answer.startswith((b"HTTP/1.1 403", b"HTTP/1.1 404"))
    assert count["n"] == 0


@pytest.mark.parametrize(
    "length",
    ["abc", "-1", "1, 2", "99999999999999999999999"],
    ids=["text", "negative", "list", "huge"],
)
def test_a_malformed_or_oversized_length_is_refused_before_any_body_is_read(served, length):
    _proc, port = served
    raw = _post(
        "/query", b"ASK {}", "Content-Type: application/sparql-query", f"Content-Length: {length}"
    )
    answer = _exchange(port, raw)
    assert answer.startswith((b"HTTP/1.1 400", b"HTTP/1.1 413")), answer[:80]


def test_duplicate_lengths_and_oversized_chunked_bodies_are_refused(served):
    _proc, port = served
    twice = _post(
        "/query",
        b"ASK {}",
        "Content-Type: application/sparql-query",
        "Content-Length: 6",
        "Content-Length: 7",
    )
    assert _exchange(port, twice).startswith(b"HTTP/1.1 400")
    declared = _post(
        "/query", b"", "Content-Type: application/sparql-query", "Content-Length: 5000000"
    )
    assert _exchange(port, declared, wait=3).startswith(b"HTTP/1.1 413")  # no body was sent
    chunk = b"#" * 65536
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(20)) + b"0\r\n\r\n"
    chunked = _post(
        "/query", chunks, "Content-Type: application/sparql-query", "Transfer-Encoding: chunked"
    )
    assert _exchange(port, chunked).startswith(b"HTTP/1.1 413")


def test_a_cross_site_get_is_refused(served):
    _proc, port = served
    url = f"http://127.0.0.1:{port}/query?query=" + urllib.request.quote("ASK { ?s ?p ?o }")
    for site in ("cross-site", "same-site"):
        request = urllib.request.Request(url, headers={"Sec-Fetch-Site": site})
        assert _status(request)[0] == 403
    ours = urllib.request.Request(url, headers={"Sec-Fetch-Site": "same-origin"})
    assert _status(ours)[0] == 200
    assert _status(urllib.request.Request(url))[0] == 200  # curl, SPARQLWrapper: no such header


def test_a_very_wide_query_is_stopped_and_a_concurrent_one_answers(served):
    import threading

    _proc, port = served  # served with --timeout 1
    wide = "SELECT (CONCAT(" + ", ".join(['"a"'] * 16000) + ") AS ?x) WHERE {}"
    outcome: dict[str, object] = {}

    def send_wide():
        start = time.monotonic()
        outcome["status"] = _status(query_request(port, wide.encode()))[0]
        outcome["seconds"] = time.monotonic() - start

    thread = threading.Thread(target=send_wide)
    thread.start()
    time.sleep(0.3)
    start = time.monotonic()
    assert _status(query_request(port, b"ASK { ?s ?p ?o }"))[0] == 200
    assert time.monotonic() - start < 2  # not held up by the wide one
    thread.join(20)
    assert outcome["status"] in (400, 503) and float(str(outcome["seconds"])) < 5


def test_a_writable_endpoint_needs_its_token_and_lists_cors_origins(tmp_path, settings):
    token = "t0ken-for-the-test-0123456789"
    (tmp_path / "token").write_text(token)
    proc, port, _location = served_sample_store(
        tmp_path,
        settings,
        "--writable",
        "--token-file",
        str(tmp_path / "token"),
        "--cors-origin",
        "http://localhost:8888",
    )
    try:
        wait_for(port)
        update = b"INSERT DATA { GRAPH <http://e/g> { <http://e/s> <http://e/p> 1 } }"

        def send(*headers: str) -> int:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/update",
                data=update,
                headers={"Content-Type": "application/sparql-update"},
            )
            for header in headers:
                name, _, value = header.partition(": ")
                request.add_header(name, value)
            return _status(request)[0]

        assert send() == 401
        assert send("Authorization: Bearer wrong-token-wrong-token") == 401
        assert send(f"Authorization: Bearer {token}") == 204
        listed = query_request(port, b"ASK { ?s ?p ?o }")
        listed.add_header("Origin", "http://localhost:8888")
        with urllib.request.urlopen(listed, timeout=30) as answer:
            assert answer.headers["Access-Control-Allow-Origin"] == "http://localhost:8888"
        other = query_request(port, b"ASK { ?s ?p ?o }")
        other.add_header("Origin", "http://localhost:9999")
        assert _status(other)[0] == 403
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)


def test_a_read_only_endpoint_sees_a_later_ingest(tmp_path, settings):
    import subprocess
    import sys

    from tests.helpers import write

    proc, port, location = served_sample_store(tmp_path, settings)
    count = b"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a <http://schema.org/NewsArticle> } }"
    try:
        wait_for(port)
        before = json.loads(_status(query_request(port, count))[1])
        write(
            tmp_path / "more" / "extra.md",
            "---\ntitle: Harbour talks\npublished: 2025-04-02\n---\n"
            "Mara Ilves, the mayor of Portlund, met union leaders on Tuesday.\n",
        )
        ingest = subprocess.run(
            [
                sys.executable,
                "-m",
                "newskg.cli",
                "ingest",
                str(tmp_path / "more"),
                "--store",
                f"oxigraph:{location}",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert ingest.returncode == 0, ingest.stderr
        after = json.loads(_status(query_request(port, count))[1])
        n = lambda answer: int(answer["results"]["bindings"][0]["n"]["value"])  # noqa: E731
        assert n(after) == n(before) + 1
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)


PEOPLE = (
    "PREFIX schema: <http://schema.org/> "
    "SELECT DISTINCT ?p ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"
)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_select_answers_in_the_format_sparqlwrapper_asks_for(served, fmt):
    from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

    _proc, port = served
    client = SPARQLWrapper(f"http://127.0.0.1:{port}/query")
    client.setQuery(PEOPLE)
    client.setReturnFormat({"json": JSON, "xml": XML, "csv": CSV, "tsv": TSV}[fmt])
    answer = client.query()
    kind = answer.info()["content-type"]
    converted = answer.convert()
    if fmt == "json":
        assert kind.startswith("application/sparql-results+json")
        names = [b["name"]["value"] for b in converted["results"]["bindings"]]
    elif fmt == "xml":
        assert kind.startswith("application/sparql-results+xml")
        names = [n.firstChild.data for n in converted.getElementsByTagName("literal")]
    elif fmt == "csv":
        assert kind.startswith("text/csv")
        lines = converted.decode().splitlines()
        assert lines[0] == "p,name"
        names = [line.split(",", 1)[1].strip('"') for line in lines[1:]]
    else:
        assert kind.startswith("text/tab-separated-values")
        lines = converted.decode().splitlines()
        assert lines[0] == "?p\t?name"
        names = [line.split("\t")[1].strip('"') for line in lines[1:]]
    assert len(names) > 10 and "Khaled Hamad" in " ".join(names)


def test_ask_and_construct_answer_in_the_formats_asked_for(served):
    from rdflib import Graph
    from SPARQLWrapper import JSON, JSONLD, N3, TURTLE, XML, SPARQLWrapper

    _proc, port = served
    client = SPARQLWrapper(f"http://127.0.0.1:{port}/query")
    client.setQuery("ASK { ?s ?p ?o }")
    for fmt in (JSON, XML):
        client.setReturnFormat(fmt)
        converted = client.query().convert()
        found = (
            converted["boolean"]
            if fmt == JSON
            else converted.getElementsByTagName("boolean")[0].firstChild.data
        )
        assert found in (True, "true")
    client.setQuery(
        "PREFIX schema: <http://schema.org/> CONSTRUCT { ?p schema:name ?n } WHERE "
        "{ ?p a schema:Person ; schema:name ?n } LIMIT 5"
    )
    for fmt, rdf_format in ((TURTLE, "turtle"), (N3, "turtle"), (JSONLD, "json-ld")):
        client.setReturnFormat(fmt)
        answer = client.query()
        body = answer.response.read()
        assert len(Graph().parse(data=body, format=rdf_format)) == 5, fmt


def test_an_unknown_result_format_and_a_service_are_refused_in_the_endpoints_words(served):
    _proc, port = served
    url = f"http://127.0.0.1:{port}/query"
    asked = urllib.request.Request(
        url, data=b"ASK { ?s ?p ?o }", headers={"Content-Type": "application/sparql-query",
                                                   "Accept": "image/png"},
    )  # fmt: skip
    status, body = _status(asked)
    assert status == 406 and b"application/sparql-results+json" in body
    service = urllib.request.Request(
        url, data=b"SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } }",
        headers={"Content-Type": "application/sparql-query"},
    )  # fmt: skip
    status, body = _status(service)
    assert status == 400 and b"the endpoint never runs such requests" in body

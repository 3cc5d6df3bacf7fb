"""`newskg serve`: the embedded store as a SPARQL endpoint, safe by construction.

- HTTP is handled by uvicorn with h11 (a strict HTTP/1.1 implementation) under Starlette,
  not by hand: framing, keep-alive and malformed or duplicate `Content-Length` headers are
  theirs (400 before anything reaches newskg). A body over MAX_BODY is refused from its
  declared length before it is read, or as soon as a chunked body passes the limit; every
  refusal closes the connection, so no unread body can be taken for the next request.
- Every request is checked and run in a worker process (rdf/sparql.py: the canonical text
  that was checked is the text that runs): SERVICE, LOAD and FROM are refused, and so are
  updates unless the server is `--writable` (and then only on /update, with its token). The
  check runs under the same time limit as the query; at the limit the worker is killed, so
  the parse or query really stops, a fresh worker takes its place and the client gets 503.
  The workers cannot open network sockets at all (newskg.sandbox).
- Answers are capped (rows and bytes); a capped answer says so in a header.
- Bound to a loopback address, the server answers only requests whose Host is a loopback
  name; a request a browser marks as coming from another site (`Origin` not this server's,
  or `Sec-Fetch-Site: cross-site` / `same-site`) is refused, GET included; CORS headers are
  sent only for origins listed with --cors-origin.
- A read-only endpoint opens the store read-only and reopens it when the store's files
  change, so it answers from what a later `newskg ingest` wrote.
- The query editor at / is a self-contained page: nothing is loaded from the network, and
  answers are shown as text.
"""

from __future__ import annotations

import hmac
import ipaddress
import multiprocessing as mp
import os
import queue
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from urllib.parse import parse_qs, urlsplit

from newskg.errors import NewskgError, QueryError

MAX_BODY = 1_000_000  # bytes of a request
MAX_ROWS = 100_000  # solutions or triples of an answer
MAX_ANSWER = 64_000_000  # bytes of an answer
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
SAME_SITE_FETCHES = {"same-origin", "none"}  # Sec-Fetch-Site values of our own page or a user


def is_loopback(host: str) -> bool:
    name = host.strip("[]")
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


# --- the worker process ---------------------------------------------------------------------
def _answer(store, kind: str, text: str, accept: str | None) -> tuple[int, str, bytes, bool]:
    """(status, content type, body, capped) for one checked request, in the format its
    Accept header prefers (newskg.rdf.results)."""
    import pyoxigraph as ox

    from newskg.rdf import results

    if kind == "update":
        store.update(text)
        return 204, "text/plain", b"", False
    result = store.query(text, use_default_graph_as_union=True)
    try:
        if isinstance(result, ox.QueryBoolean):
            media = results.choose(accept, results.SOLUTION_TYPES)
            return 200, *results.boolean(bool(result), media), False
        if isinstance(result, ox.QuerySolutions):
            media = results.choose(accept, results.SOLUTION_TYPES)
            variables = [v.value for v in result.variables]
            rows, size, capped = [], 0, False
            for solution in result:
                row = {n: solution[n] for n in variables if solution[n] is not None}
                rows.append(row)
                size += sum(len(str(t)) + 16 for t in row.values())
                if len(rows) >= MAX_ROWS or size >= MAX_ANSWER:
                    capped = True
                    break
            return 200, *results.solutions(variables, rows, media), capped
        media = results.choose(accept, results.GRAPH_TYPES)
    except results.NotAcceptable as exc:
        return 406, "text/plain; charset=utf-8", str(exc).encode(), False
    triples = []
    for triple in result:
        triples.append(triple)
        if len(triples) >= MAX_ROWS:
            break
    return 200, *results.graph(triples, media), len(triples) >= MAX_ROWS


def _checked_answer(store, kind: str, text: str, timeout: float, accept: str | None = None):
    """Check a request (in the worker, under the time limit) and answer the canonical text
    that was checked."""
    from newskg.rdf.namespaces import sparql_prologue
    from newskg.rdf.sparql import ENDPOINT_REMEDIES, check

    update = kind == "update"
    try:
        checked = check(text, allow_update=update, timeout=timeout, remedies=ENDPOINT_REMEDIES)
    except QueryError as exc:
        try:  # the library's prefixes are declared for queries typed in the editor
            checked = check(
                sparql_prologue() + text,
                allow_update=update,
                timeout=timeout,
                remedies=ENDPOINT_REMEDIES,
            )
        except QueryError:
            return 400, "text/plain; charset=utf-8", str(exc).encode(), False
    if (checked.form == "update") != update:
        return (
            400,
            "text/plain; charset=utf-8",
            b"send queries to /query and updates to /update",
            False,
        )
    return _answer(store, kind, checked.text, accept)


def _signature(location: str) -> tuple:
    """What changes when a writer commits to the store (its file names, sizes and times)."""
    try:
        with os.scandir(location) as entries:
            return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries))
    except OSError:
        return ()


def _worker(conn, location: str, writable: bool) -> None:
    """Serve requests from the parent over a pipe, one at a time, until told to stop. The
    worker cannot open network sockets (newskg.sandbox); a read-only worker reopens the store
    when its files have changed since it was opened, so a later ingest is seen."""
    import pyoxigraph as ox

    from newskg import sandbox

    sandbox.block_network()  # this process's only thread runs every query
    store = ox.Store(location) if writable else ox.Store.read_only(location)
    seen = _signature(location)
    while True:
        request = conn.recv()
        if request is None:
            return
        kind, text, timeout, accept = request
        if not writable and _signature(location) != seen:
            seen = _signature(location)
            store = ox.Store.read_only(location)
        try:
            conn.send(_checked_answer(store, kind, text, timeout, accept))
        except (SyntaxError, OSError, RuntimeError, ValueError) as exc:
            message = (
                f"query failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
            )
            conn.send((400, "text/plain; charset=utf-8", message.encode(), False))


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection


class WorkerPool:
    """Worker processes that each hold the store; one that overruns its time is killed."""

    def __init__(self, location: str, writable: bool, size: int):
        self.location, self.writable = location, writable
        # a writable store can be opened by one process only
        self.size = 1 if writable else max(1, size)
        self._context = mp.get_context("spawn")  # never fork a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        for _ in range(self.size):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker, args=(child, self.location, self.writable), daemon=True
        )
        process.start()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.append(worker)
        return worker

    def _kill(self, worker: _Worker) -> None:
        worker.process.kill()  # the query stops with its process, CPU and all
        worker.process.join(5)
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)

    def run(
        self, kind: str, text: str, timeout: float, accept: str | None = None
    ) -> tuple[int, str, bytes, bool]:
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return 503, "text/plain", b"the server is busy; try again shortly", False
        try:
            worker.conn.send((kind, text, timeout, accept))
            if worker.conn.poll(timeout):
                answer = worker.conn.recv()
                self._idle.put(worker)
                return answer
        except (OSError, EOFError):
            pass
        self._kill(worker)
        self._idle.put(self._start())
        message = f"the query did not finish within {timeout:g} s and was stopped"
        return 503, "text/plain; charset=utf-8", message.encode(), False

    def close(self) -> None:
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._kill(worker)


# --- the HTTP front --------------------------------------------------------------------------
@dataclass
class Endpoint:
    """What every request is judged by."""

    pool: WorkerPool
    writable: bool
    timeout: float
    loopback_only: bool
    token: str | None = None  # required on /update when writable
    cors_origins: frozenset[str] = field(default_factory=frozenset)


def _response(status: int, content_type: str, body: bytes, capped: bool = False, **headers):
    from starlette.responses import Response

    extra = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store", **headers}
    if capped:
        extra["X-Newskg-Capped"] = f"answer cut at {MAX_ROWS} rows or the size limit"
    return Response(body, status_code=status, media_type=content_type, headers=extra)


def _refuse(status: int, message: str):
    """A refusal closes the connection: whatever the client sent after it is never read."""
    return _response(status, "text/plain; charset=utf-8", message.encode(), connection="close")


def _origin_of(request) -> str:
    return f"{request.url.scheme}://{request.headers.get('host', '')}"


def _refusal(endpoint: Endpoint, request):
    """Why a request is refused before its body is read, or None."""
    headers = request.headers
    origin = headers.get("origin")
    listed = origin is not None and origin in endpoint.cors_origins
    if endpoint.loopback_only:
        host = urlsplit(f"//{headers.get('host', '')}").hostname or ""
        if not is_loopback(host):
            return _refuse(403, "this endpoint answers requests for a loopback host only")
    if origin is not None and not listed and origin != _origin_of(request):
        return _refuse(403, "cross-origin requests are refused (see --cors-origin)")
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in SAME_SITE_FETCHES and not listed:
        return _refuse(403, "requests from other web sites are refused (see --cors-origin)")
    return None


def _cors(endpoint: Endpoint, request, response):
    origin = request.headers.get("origin")
    if origin is not None and origin in endpoint.cors_origins:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
    return response


async def _read_body(request) -> bytes | None:
    """The body, or None when it is over MAX_BODY (declared or sent): then nothing more is
    read and the connection is closed by the refusal."""
    declared = request.headers.get("content-length")
    if declared is not None and int(declared) > MAX_BODY:  # h11 has checked it is a number
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return None
    return bytes(body)


def create_app(endpoint: Endpoint):
    """The Starlette application of one endpoint."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.routing import Route

    async def handle(request):
        refusal = _refusal(endpoint, request)
        if refusal is not None:
            return refusal
        path = request.url.path
        if request.method == "OPTIONS":
            return _preflight(endpoint, request)
        if request.method in ("GET", "HEAD") and path in ("/", "/index.html"):
            return _response(200, "text/html; charset=utf-8", EDITOR.encode())
        if path not in ("/query", "/update"):
            return _refuse(404, "not found; the SPARQL endpoint is /query")
        kind = "update" if path == "/update" else "query"
        if request.method == "GET":
            if kind == "update":
                return _refuse(405, "send updates with POST")
            text = (parse_qs(request.url.query).get("query") or [""])[0]
        else:
            problem = _update_refusal(endpoint, request) if kind == "update" else None
            if problem is not None:
                return problem
            body = await _read_body(request)
            if body is None:
                return _refuse(413, f"request over {MAX_BODY} bytes")
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            decoded = body.decode("utf-8", "replace")
            if content_type == "application/x-www-form-urlencoded":
                text = (parse_qs(decoded).get(kind) or [""])[0]
            elif content_type in ("application/sparql-query", "application/sparql-update"):
                text = decoded
            else:
                return _refuse(
                    415, "send application/sparql-query, application/sparql-update or a form"
                )
        if not text.strip():
            return _refuse(400, f"no {kind} given")
        accept = request.headers.get("accept")
        answer = await run_in_threadpool(endpoint.pool.run, kind, text, endpoint.timeout, accept)
        return _cors(endpoint, request, _response(*answer))

    methods = ["GET", "HEAD", "POST", "OPTIONS"]
    routes = [Route("/{path:path}", handle, methods=methods)]
    return Starlette(routes=routes)


def _update_refusal(endpoint: Endpoint, request):
    if not endpoint.writable:
        return _refuse(403, "this endpoint is read-only (newskg serve --writable accepts updates)")
    given = request.headers.get("authorization", "")
    expected = f"Bearer {endpoint.token}"
    if not hmac.compare_digest(given.encode(), expected.encode()):
        return _refuse(401, "updates need the token printed at start (Authorization: Bearer …)")
    return None


def _preflight(endpoint: Endpoint, request):
    origin = request.headers.get("origin")
    if origin is None or origin not in endpoint.cors_origins:
        return _refuse(403, "cross-origin requests are refused (see --cors-origin)")
    return _response(
        204,
        "text/plain",
        b"",
        **{
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Methods": "GET, POST",
            "Access-Control-Allow-Headers": "Content-Type, Accept, Authorization",
            "Vary": "Origin",
        },
    )


def serve(
    location: str,
    host: str = "127.0.0.1",
    port: int = 7878,
    writable: bool = False,
    timeout: float = 30.0,
    workers: int = 2,
    ready=None,
    token: str | None = None,
    cors_origins: frozenset[str] = frozenset(),
) -> None:
    """Serve the store until interrupted (Ctrl-C or SIGTERM stop it and its workers)."""
    import signal

    # Until uvicorn takes SIGINT and SIGTERM over (and after: it raises them again for the
    # handler it found), a stop request is this flag: a stop while the workers start, or
    # the stop itself, is then a clean exit (status 0) with the workers closed.
    stop = _StopRequest()
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        _serve(location, host, port, writable, timeout, workers, ready, token, cors_origins, stop)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class _StopRequest:
    """The signal handler until uvicorn's own: remembers the stop, and stops the server."""

    def __init__(self) -> None:
        self.requested = False
        self.server = None

    def __call__(self, *_signal) -> None:
        self.requested = True
        if self.server is not None:
            self.server.should_exit = True


def _serve(location, host, port, writable, timeout, workers, ready, token, cors_origins, stop):
    import socket

    import uvicorn

    # Bind first, so that a port in use is one line and no worker is started, but do not
    # listen yet: asyncio listens when uvicorn starts serving, so a client that can connect
    # finds the workers already running (a listening socket would accept connections while
    # they were still being spawned).
    listener = socket.socket(_family(host), socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
    except OSError as exc:
        listener.close()
        raise NewskgError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    pool = WorkerPool(location, writable, workers)
    endpoint = Endpoint(pool, writable, timeout, is_loopback(host), token, cors_origins)
    config = uvicorn.Config(
        create_app(endpoint),
        http="h11",  # strict framing: bad or duplicate Content-Length is a 400
        loop="asyncio",
        lifespan="off",
        access_log=False,
        log_level="warning",
        server_header=False,
        timeout_keep_alive=5,
        limit_concurrency=256,
        h11_max_incomplete_event_size=32_768,  # request line and headers
    )
    server = uvicorn.Server(config)
    stop.server = server
    server.should_exit = stop.requested  # a stop that came while the workers started
    if ready is not None:
        threading.Thread(target=_when_started, args=(server, ready), daemon=True).start()
    try:
        server.run(sockets=[listener])
    finally:
        listener.close()
        pool.close()


def _family(host: str):
    import socket

    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _when_started(server, ready) -> None:
    import time

    while not server.started and not server.should_exit:
        time.sleep(0.02)
    if server.started:
        ready()


EDITOR = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newskg SPARQL</title>
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'">
<style>
 body { font: 14px system-ui, sans-serif; margin: 1.5em; }
 textarea { width: 100%; height: 12em; font: 13px ui-monospace, monospace; }
 table { border-collapse: collapse; margin-top: 1em; }
 td, th { border: 1px solid #ccc; padding: 2px 6px; font: 12px ui-monospace, monospace; }
 #status { color: #555; margin: .5em 0; }
</style></head>
<body>
<h1>newskg SPARQL</h1>
<p>The standard prefixes (schema:, org:, prov:, oa:, nkg: …) are declared for you.
Read-only unless the server was started with --writable.</p>
<textarea id="q">SELECT ?name WHERE { GRAPH ?g { ?p a schema:Person ; schema:name ?name } } LIMIT 20</textarea>
<p><button id="run">Run</button></p>
<div id="status"></div>
<div id="out"></div>
<script>
// answers are shown with textContent: data never becomes markup
document.getElementById('run').addEventListener('click', async () => {
  const status = document.getElementById('status'), out = document.getElementById('out');
  out.replaceChildren(); status.textContent = 'running…';
  const response = await fetch('/query', {method: 'POST',
    headers: {'Content-Type': 'application/sparql-query', 'Accept': 'application/sparql-results+json'},
    body: document.getElementById('q').value});
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok || !type.includes('json')) {
    status.textContent = response.status + ' ' + await response.text(); return;
  }
  const data = await response.json();
  if ('boolean' in data) { status.textContent = String(data.boolean); return; }
  const vars = data.head.vars, rows = data.results.bindings, table = document.createElement('table');
  const head = table.insertRow();
  for (const v of vars) { const th = document.createElement('th'); th.textContent = v; head.appendChild(th); }
  for (const row of rows) {
    const tr = table.insertRow();
    for (const v of vars) { tr.insertCell().textContent = row[v] ? row[v].value : ''; }
  }
  status.textContent = rows.length + ' row(s)'; out.appendChild(table);
});
</script>
</body></html>
"""

"""`newskg serve`: the embedded store as a SPARQL endpoint, safe by construction.

- Every request is parsed first (rdf/sparql.py): SERVICE, LOAD and FROM are refused, and so
  are updates unless the server is `--writable` (and then only on /update). The engine is
  never asked to reach the network or the disk outside the store.
- Each query runs in a worker process. At the time limit the worker is killed, so the
  query's CPU really stops, and a fresh worker takes its place; the client gets 503.
- Answers are capped (rows and bytes); a capped answer says so in a header.
- Bound to a loopback address, the server answers only requests whose Host is a loopback
  name and whose Origin, when a browser sends one, is loopback too: a web page elsewhere
  cannot use the endpoint through the visitor's browser (cross-origin form posts, DNS
  rebinding).
- The query editor at / is a self-contained page: nothing is loaded from the network, and
  answers are shown as text.
"""

from __future__ import annotations

import ipaddress
import json
import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from urllib.parse import parse_qs, urlsplit

from newskg.errors import NewskgError, QueryError
from newskg.rdf.namespaces import sparql_prologue
from newskg.rdf.sparql import check

MAX_BODY = 1_000_000  # bytes of a request
MAX_ROWS = 100_000  # solutions or triples of an answer
MAX_ANSWER = 64_000_000  # bytes of an answer
JSON_RESULTS = "application/sparql-results+json"
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


def is_loopback(host: str) -> bool:
    name = host.strip("[]")
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


# --- the worker process ---------------------------------------------------------------------
def _term(term) -> dict:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def _answer(store, kind: str, text: str) -> tuple[int, str, bytes, bool]:
    """(status, content type, body, capped) for one checked request."""
    import pyoxigraph as ox

    if kind == "update":
        store.update(text)
        return 204, "text/plain", b"", False
    result = store.query(text, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        body = json.dumps({"head": {}, "boolean": bool(result)}).encode()
        return 200, JSON_RESULTS, body, False
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows, size, capped = [], 0, False
        for solution in result:
            row = {n: _term(solution[n]) for n in variables if solution[n] is not None}
            rows.append(row)
            size += len(json.dumps(row))
            if len(rows) >= MAX_ROWS or size >= MAX_ANSWER:
                capped = True
                break
        answer = json.dumps({"head": {"vars": variables}, "results": {"bindings": rows}})
        return 200, JSON_RESULTS, answer.encode(), capped
    triples = []
    for triple in result:
        triples.append(triple)
        if len(triples) >= MAX_ROWS:
            break
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return 200, "application/n-triples", body, len(triples) >= MAX_ROWS


def _worker(conn, location: str, writable: bool) -> None:
    """Serve requests from the parent over a pipe, one at a time, until told to stop."""
    import pyoxigraph as ox

    store = ox.Store(location) if writable else ox.Store.read_only(location)
    while True:
        request = conn.recv()
        if request is None:
            return
        kind, text = request
        try:
            conn.send(_answer(store, kind, text))
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

    def run(self, kind: str, text: str, timeout: float) -> tuple[int, str, bytes, bool]:
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return 503, "text/plain", b"the server is busy; try again shortly", False
        try:
            worker.conn.send((kind, text))
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
class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # quiet: no request log on stderr
        pass

    def _send(self, status: int, content_type: str, body: bytes, capped: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        if capped:
            self.send_header("X-Newskg-Capped", f"answer cut at {MAX_ROWS} rows or the size limit")
        self.end_headers()
        self.wfile.write(body)

    def _refuse(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", message.encode())

    def _allowed(self) -> bool:
        """Loopback serving answers loopback callers only (Host and Origin)."""
        if not self.server.loopback_only:
            return True
        host = urlsplit(f"//{self.headers.get('Host', '')}").hostname or ""
        if not is_loopback(host):
            self._refuse(403, "this endpoint answers requests for a loopback host only")
            return False
        origin = self.headers.get("Origin")
        if origin is not None and not is_loopback(urlsplit(origin).hostname or ""):
            self._refuse(403, "cross-origin requests are refused")  # "null" included
            return False
        return True

    def do_GET(self) -> None:  # noqa: N802 - the http.server protocol
        if not self._allowed():
            return
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(200, "text/html; charset=utf-8", EDITOR.encode())
            return
        if url.path == "/query":
            text = (parse_qs(url.query).get("query") or [""])[0]
            self._run("query", text)
            return
        self._refuse(404, "not found; the SPARQL endpoint is /query")

    def do_POST(self) -> None:  # noqa: N802
        if not self._allowed():
            return
        url = urlsplit(self.path)
        if url.path not in ("/query", "/update"):
            self._refuse(404, "not found; the SPARQL endpoint is /query")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._refuse(413, f"request over {MAX_BODY} bytes")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        kind = "update" if url.path == "/update" else "query"
        if content_type == "application/x-www-form-urlencoded":
            text = (parse_qs(body).get(kind) or [""])[0]
        elif content_type in ("application/sparql-query", "application/sparql-update"):
            text = body
        else:
            self._refuse(415, "send application/sparql-query, application/sparql-update or a form")
            return
        self._run(kind, text)

    def _run(self, kind: str, text: str) -> None:
        if not text.strip():
            self._refuse(400, f"no {kind} given")
            return
        if kind == "update" and not self.server.writable:
            self._refuse(
                403, "this endpoint is read-only (newskg serve --writable accepts updates)"
            )
            return
        try:
            form = check(text, allow_update=kind == "update", allow_remote=False)
        except QueryError as exc:
            try:  # the library's prefixes are declared for queries typed in the editor
                form = check(sparql_prologue() + text, allow_update=kind == "update")
                text = sparql_prologue() + text
            except QueryError:
                self._refuse(400, str(exc))
                return
        if (form == "update") != (kind == "update"):
            self._refuse(400, "send queries to /query and updates to /update")
            return
        server: _Server = self.server  # always ours
        self._send(*server.pool.run(kind, text, server.query_timeout))


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, pool: WorkerPool, writable: bool, timeout: float):
        self.pool, self.writable, self.query_timeout = pool, writable, timeout
        self.loopback_only = is_loopback(address[0])
        super().__init__(address, _Handler)


def serve(
    location: str,
    host: str = "127.0.0.1",
    port: int = 7878,
    writable: bool = False,
    timeout: float = 30.0,
    workers: int = 2,
    ready=None,
) -> None:
    """Serve the store until interrupted (Ctrl-C or SIGTERM stop it and its workers)."""
    import signal

    pool = WorkerPool(location, writable, workers)
    try:
        server = _Server((host, port), pool, writable, timeout)
    except OSError as exc:
        pool.close()
        raise NewskgError(f"cannot listen on {host}:{port}: {exc.strerror}") from None

    def stop(*_args) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)  # stopping by PID stops the workers too
    try:
        if ready is not None:
            ready()
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
        pool.close()


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

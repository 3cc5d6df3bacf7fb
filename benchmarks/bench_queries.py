"""The store at a million triples: load rate, size on disk, and every library query, with
embedded Oxigraph measured against rdflib (the engine a Python user would otherwise reach
for) on the same data in the same run.

1. `newskg extract --workers 2` writes N-Quads for the synthetic corpus (780 articles of
   ~440 words make ~1M triples); `newskg load` bulk-loads them into a fresh store
   (triples/s, against rdflib parsing the same files into a Dataset), and the store's size
   on disk per million triples (against the N-Quads files themselves).
2. Each library query on that store: Oxigraph's median of 3 runs for its first page of 100
   rows (target: under 1 s) and for its whole answer, and
   rdflib's in-memory engine on the same quads with the same query text, each query in a
   forked process limited to 60 s of CPU time (its CPU time is reported); past that it "did
   not finish". Each engine gets the parameters in the form it handles best: newskg's
   VALUES block for Oxigraph, `initBindings` for rdflib.

--alongside CMD runs another benchmark while rdflib answers the queries (their limit and
figures are CPU time, so sharing the cores does not change them; rdflib's load is timed
before it starts); `make bench` runs the memory benchmark there.

    .venv/bin/python benchmarks/bench_queries.py [--articles 780] [--baseline-cpu 60] [--no-baseline]
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from newskg import open_store
from newskg.errors import QueryError
from newskg.query import library, run_query

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/helpers/
from tests.helpers.corpus import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "newskg.cli"]


def _run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(CLI + args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build_store(articles: int, folder: Path) -> tuple[Path, Path, float]:
    """(store folder, N-Quads folder, seconds `newskg load` took). The N-Quads are kept
    between runs (extraction is the slow part and is measured by bench_ingest)."""
    nq = folder / f"nq-{articles}"
    if not nq.exists():
        corpus = folder / f"corpus-{articles}"
        write_corpus(corpus, articles, seed=5, per_file=50)
        seconds = _run(["extract", str(corpus), "--out", str(nq), "--workers", "2"])
        print(f"extracted {articles} articles in {seconds:.0f} s (2 workers)")
    location = folder / f"store-{articles}"
    shutil.rmtree(location, ignore_errors=True)
    return location, nq, _run(["load", str(nq), "--store", f"oxigraph:{location}"])


Query = tuple[str, dict, object]  # the query text, its parameters as RDF terms, its listing


def library_queries(store) -> dict[str, Query]:
    """Every library query with parameters that make it do real work: the most mentioned
    person and organization, and a fact that exists. Each engine gets the parameters in
    the form it handles best (see time_oxigraph and time_rdflib)."""
    person = run_query(
        store,
        """PREFIX schema: <http://schema.org/>
        SELECT ?name (COUNT(DISTINCT ?a) AS ?n) WHERE {
          GRAPH ?a { ?a schema:mentions ?p . ?p a schema:Person ; schema:name ?name }
        } GROUP BY ?name ORDER BY DESC(?n) LIMIT 1""",
    ).rows[0]["name"]
    fact = run_query(
        store,
        """PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?m WHERE { GRAPH ?g { ?m a org:Membership } } LIMIT 1""",
    ).rows[0]["m"]
    params = {
        "person-profile": {"person": str(person)},
        "people-roles": {"person": str(person)},
        "quotes-by-person": {"person": str(person)},
        "fact-provenance": {"fact": str(fact)},
    }
    return {
        name: (q.text, q.bindings(params.get(name, {})), q.listing) for name, q in library().items()
    }


PAGE = 100  # the first page an analyst or an application asks for


def _median_run(store, text, bindings, seconds: float, **page) -> tuple[float, int]:
    times, rows = [], -1
    for _ in range(3):
        start = time.perf_counter()
        try:
            rows = len(run_query(store, text, bindings, timeout=seconds, **page).rows)
        except QueryError:
            return float("inf"), rows  # over the limit: reported, not waited for again
        times.append(time.perf_counter() - start)
    return statistics.median(times), rows


def time_oxigraph(
    store, queries: dict[str, Query], limit: float
) -> dict[str, tuple[float, int, float]]:
    """newskg's own path: parameters as a VALUES block (run_query's binding), a first page
    through the query's listing where it has one (newskg.paging), as `newskg query --limit`
    does. Per query: (the whole answer's median seconds, its rows, the first page's median
    seconds)."""
    results = {}
    for name, (text, bindings, listing) in queries.items():
        seconds, rows = _median_run(store, text, bindings, limit)
        first, _ = _median_run(store, text, bindings, limit, limit=PAGE, listing=listing)
        results[name] = (seconds, rows, first)
    return results


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _forked_query(dataset, query: Query, cpu_seconds: float) -> tuple[int, int]:
    """Run one query in a child process limited to `cpu_seconds` of CPU: (pid, read end).
    The child reports the CPU time the query took, which other work on the machine does not
    inflate (see --alongside)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: the dataset is shared copy-on-write with the parent
        os.close(read)
        used = resource.getrusage(resource.RUSAGE_SELF).ru_utime
        limit = int(used + cpu_seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 5))
        start = _cpu()
        text, bindings, _ = query
        try:
            # rdflib's own way to bind: initial bindings, not a VALUES block, which its
            # engine joins very slowly (fact-provenance: seconds instead of hundredths)
            rows = len(list(dataset.query(text, initBindings=bindings)))
            os.write(write, pickle.dumps((_cpu() - start, rows)))
        except Exception as exc:  # noqa: BLE001 - an engine error is a result, reported
            os.write(write, pickle.dumps(f"error: {type(exc).__name__}: {exc}"[:200]))
        os._exit(0)  # never return into the parent's code
    os.close(write)
    return pid, read


def time_rdflib(
    nq: Path, queries: dict[str, Query], cpu_seconds: float, parallel: int = 2, alongside=None
):
    """(seconds to load, quads, {query: (seconds, rows) or None if it did not finish}).
    The load is timed alone; `alongside` (a command) starts only when the queries do, whose
    figures are CPU time and so not changed by sharing the cores."""
    from rdflib import Dataset

    start = time.perf_counter()
    dataset = Dataset(default_union=True)
    for path in sorted(nq.glob("*.nq")):
        dataset.parse(path, format="nquads")
    load = time.perf_counter() - start
    quads = len(dataset)
    if alongside:
        alongside.start()
    results: dict[str, tuple[float, int] | str | None] = {}
    pending, running = list(queries), {}
    while pending or running:
        while pending and len(running) < parallel:  # one per core: CPU time is the limit
            name = pending.pop(0)
            running[_forked_query(dataset, queries[name], cpu_seconds)] = name
        (pid, read), name = next(iter(running.items()))
        _, status = os.waitpid(pid, 0)
        data = os.read(read, 1 << 16)
        os.close(read)
        del running[(pid, read)]
        finished = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 and data
        results[name] = pickle.loads(data) if finished else None
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) not in (signal.SIGXCPU, signal.SIGKILL):
            print(f"  rdflib child for {name} died from signal {os.WTERMSIG(status)}")
    return load, quads, results


class Alongside:
    """Another benchmark run while rdflib answers its queries (see --alongside)."""

    def __init__(self, command: str) -> None:
        self.command, self.proc = command, None

    def start(self) -> None:
        self.proc = subprocess.Popen(self.command, shell=True, stdout=subprocess.PIPE, text=True)

    def finish(self) -> tuple[str, int]:
        if self.proc is None:
            self.start()
        output, _ = self.proc.communicate()
        return output, self.proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=780)
    parser.add_argument("--folder", type=Path, default=ROOT / "out" / "bench")
    parser.add_argument("--baseline-cpu", type=float, default=60.0)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--alongside", help="a command to run during the rdflib baseline")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)

    location, nq, load_seconds = build_store(args.articles, args.folder)
    store = open_store(f"oxigraph:{location}")
    triples = len(store)
    size, nq_size = _size(location), _size(nq)
    queries = library_queries(store)
    oxi = time_oxigraph(store, queries, limit=args.baseline_cpu)
    del store

    base: dict[str, tuple[float, int] | str | None] = {}
    alongside = Alongside(args.alongside) if args.alongside else None
    if not args.no_baseline:
        rdflib_load, quads, base = time_rdflib(nq, queries, args.baseline_cpu, alongside=alongside)
    elif alongside:
        alongside.start()

    print(f"[store] {triples:,} triples from {args.articles} articles")
    print(
        f"  newskg load (Oxigraph): {triples / load_seconds:9,.0f} triples/s ({load_seconds:.0f} s)"
    )
    if not args.no_baseline:
        print(
            f"  rdflib Dataset.parse  : {quads / rdflib_load:9,.0f} triples/s ({rdflib_load:.0f} s)"
            f"  ratio {rdflib_load / load_seconds:.1f}x"
        )
    per_million = 1e6 / triples
    print(
        f"  on disk: {size * per_million / 2**20:,.0f} MiB per million triples"
        f" (N-Quads files: {nq_size * per_million / 2**20:,.0f} MiB, ratio {size / nq_size:.2f})"
    )
    print(
        f"[queries] Oxigraph: median of 3, wall time; rdflib: CPU time, limited to"
        f" {args.baseline_cpu:.0f} s"
    )
    print(f"  {'query':26} {'page 1':>7} {'oxigraph':>9} {'rows':>6} {'rdflib':>15} {'ratio':>8}")
    for name, (seconds, rows, first) in oxi.items():
        if args.no_baseline:
            shown, ratio = "skipped", ""
        elif base.get(name) is None:
            shown, ratio = "did not finish", f">{args.baseline_cpu / seconds:,.0f}x"
        elif isinstance(base[name], str):  # rdflib raised: its message, no ratio
            shown, ratio = "engine error", ""
            print(f"  rdflib on {name}: {base[name]}")
        else:
            b_seconds, b_rows = base[name]
            same = "" if b_rows == rows else f" ({b_rows} rows!)"
            shown, ratio = f"{b_seconds:.2f} s{same}", f"{b_seconds / seconds:,.0f}x"
        flag = "" if first < 1 else "  (first page over 1 s)"
        print(f"  {name:26} {first:6.2f}s {seconds:8.2f}s {rows:6} {shown:>15} {ratio:>8}{flag}")
    if alongside is not None:
        output, code = alongside.finish()
        print(output, end="")
        if code:
            sys.exit(code)


if __name__ == "__main__":
    main()

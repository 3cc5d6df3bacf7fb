"""Every library query on a store of at least a million triples, built by ingesting the
synthetic corpus: embedded Oxigraph against rdflib's in-memory engine on the same data.

Oxigraph: median of 3 runs per query (target: every query under 1 s). rdflib: the same
query text with the same parameters in a child process holding the same quads, 60 s per
query; past that it is reported "did not finish" and the child is restarted for the rest.

    .venv/bin/python benchmarks/bench_queries.py [--articles 2800] [--baseline-timeout 60] [--no-baseline]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time
from pathlib import Path

from newskg import Settings, ingest_paths, open_store
from newskg.errors import QueryError
from newskg.query import bind_values, library, run_query

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PARAMS = {
    "person-profile": {"person": "Amira Haddad"},
    "organization-members": {},
    "people-roles": {"person": "Amira Haddad"},
    "quotes-by-person": {},
}


def build_store(articles: int, folder: Path):
    location = folder / f"store-{articles}"
    store_url = f"oxigraph:{location}"
    if not location.exists():
        corpus = folder / f"corpus-{articles}"
        write_corpus(corpus, articles, seed=5, per_file=100)
        start = time.perf_counter()
        store = open_store(store_url)
        report = ingest_paths([corpus], store, Settings(), workers=2)
        print(
            f"built {location}: {len(report.ingested)} articles in {time.perf_counter() - start:.0f} s"
        )
        return store
    return open_store(store_url)


def _rdflib_child(dump: Path, jobs, answers) -> None:
    from rdflib import Dataset

    ds = Dataset(default_union=True)
    ds.parse(dump, format="nquads")
    answers.put(("loaded", None, None))
    while True:
        name, text = jobs.get()
        start = time.perf_counter()
        rows = len(list(ds.query(text)))
        answers.put((name, time.perf_counter() - start, rows))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2800)
    parser.add_argument("--folder", type=Path, default=ROOT / "out" / "bench")
    parser.add_argument("--baseline-timeout", type=float, default=60.0)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    store = build_store(args.articles, args.folder)
    print(f"store: {len(store):,} triples")
    # the most mentioned person and organization, so parameterized queries do real work
    top = run_query(
        store,
        """PREFIX schema: <https://schema.org/>
        SELECT ?name (COUNT(DISTINCT ?a) AS ?n) WHERE {
          ?a schema:mentions ?p . { SELECT DISTINCT ?p ?name WHERE { ?p a schema:Person ; schema:name ?name } }
        } GROUP BY ?name ORDER BY DESC(?n) LIMIT 1""",
        timeout=300,
    ).rows[0]["name"]
    params = {name: {k: str(top) for k in v} for name, v in PARAMS.items()}
    queries = {}
    for name, q in library().items():
        bindings = q.bindings(params.get(name, {}))
        queries[name] = bind_values(q.text, bindings)
    oxi = {}
    for name, text in queries.items():
        times, rows = [], -1
        for _ in range(3):
            start = time.perf_counter()
            try:
                rows = len(run_query(store, text, timeout=args.baseline_timeout).rows)
            except QueryError:
                times = [float("inf")]  # over the limit: reported, not waited for again
                break
            times.append(time.perf_counter() - start)
        oxi[name] = (statistics.median(times), rows)

    base: dict[str, float | None] = {}
    if not args.no_baseline:
        dump = args.folder / f"store-{args.articles}.nq"
        if not dump.exists():
            dump.write_bytes(store.dump("nquads"))
        ctx = multiprocessing.get_context("fork")
        pending = list(queries)
        while pending:
            jobs, answers = ctx.Queue(), ctx.Queue()
            child = ctx.Process(target=_rdflib_child, args=(dump, jobs, answers), daemon=True)
            child.start()
            answers.get()  # loaded
            while pending:
                name = pending.pop(0)
                jobs.put((name, queries[name]))
                try:
                    _n, seconds, _rows = answers.get(timeout=args.baseline_timeout)
                    base[name] = seconds
                except Exception:  # noqa: BLE001 - a timeout: did not finish
                    base[name] = None
                    child.kill()
                    break
            child.kill()

    print(f"{'query':28} {'oxigraph':>10} {'rows':>6} {'rdflib':>12} {'ratio':>8}")
    for name, (seconds, rows) in oxi.items():
        b = base.get(name, "skipped") if not args.no_baseline else "skipped"
        if b == "skipped":
            shown, ratio = "skipped", ""
        elif b is None:
            shown, ratio = "did not finish", f">{args.baseline_timeout / seconds:,.0f}x"
        else:
            shown, ratio = f"{b:.3f} s", f"{b / seconds:,.0f}x"
        flag = "" if seconds < 1 else "  (over 1 s)"
        print(f"{name:28} {seconds:9.3f}s {rows:6} {shown:>12} {ratio:>8}{flag}")


if __name__ == "__main__":
    main()

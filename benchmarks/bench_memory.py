"""Peak memory and time per article of ingesting 2,000 and 20,000 generated articles in
batches (the target: the larger collection needs at most 15% more memory and 20% more time
per article). Each batch is a fresh `newskg ingest` process into the same embedded store,
as a collection grows by one delivery at a time; the peak RSS of each is read from the
kernel when it exits. The articles are the corpus's brief ones (lead paragraph, ~90 words),
with recurring names and events, so the cross-article links grow with the store.

By default the articles run forward in time, 20 a day, as an archive grows: each delivery
reports the latest days, so the larger collection is a longer period (20,000 articles span
about the three years the drawn dates cover, 2,000 their first hundred days), not the same
three years reported ten times as densely. `--per-day 0` draws every article's date from the same
three years instead: the later deliveries then report on events already reported many times,
whose groups of reports (and so the links to write) grow with the collection.

    .venv/bin/python benchmarks/bench_memory.py [--small 2000] [--large 20000] [--batch 1000]
        [--per-day 20]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/helpers/
from tests.helpers.corpus import BRIEF, write_corpus  # noqa: E402

PER_FILE = 100


def ingest_in_batches(
    count: int, batch: int, workers: int, folder: Path, per_day: int | None = None
) -> tuple[float, float]:
    """(peak RSS in MiB of the largest batch process, seconds per article)."""
    corpus = folder / f"corpus-{count}"
    files = write_corpus(
        corpus, count, seed=3, per_file=PER_FILE, paragraphs=BRIEF, per_day=per_day
    )
    store = f"oxigraph:{folder / f'store-{count}'}"
    per_batch = max(1, batch // PER_FILE)
    peak, start = 0.0, time.perf_counter()
    for first in range(0, len(files), per_batch):
        command = [sys.executable, "-m", "newskg.cli", "ingest"]
        command += [str(f) for f in files[first : first + per_batch]]
        command += ["--workers", str(workers), "--store", store]
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"ingest of batch {first // per_batch + 1} failed")
        peak = max(peak, usage.ru_maxrss / 1024)
        done = min(count, (first + per_batch) * PER_FILE)
        rate = done / (time.perf_counter() - start)
        print(
            f"  {count}: {done:>6} articles, {rate:5.1f} articles/s, peak {peak:.0f} MiB",
            flush=True,
        )
    return peak, (time.perf_counter() - start) / count


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--large", type=int, default=20000)
    parser.add_argument("--batch", type=int, default=1000, help="articles per ingest")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--per-day", type=int, default=20, help="articles a day in date order; 0: dates drawn"
    )
    args = parser.parse_args()
    per_day = args.per_day or None
    with tempfile.TemporaryDirectory(prefix="newskg-mem-") as tmp:
        small, t_small = ingest_in_batches(args.small, args.batch, args.workers, Path(tmp), per_day)
        large, t_large = ingest_in_batches(args.large, args.batch, args.workers, Path(tmp), per_day)
    for count, peak, per in ((args.small, small, t_small), (args.large, large, t_large)):
        print(
            f"ingesting {count:>6} articles: peak RSS {peak:6.0f} MiB, {per * 1000:5.1f} ms per article"
        )
    print(f"peak RSS ratio {large / small:.3f} (target <= 1.15)")
    print(f"time per article ratio {t_large / t_small:.3f} (target <= 1.2)")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()

"""Peak memory of ingesting 500 and 5,000 generated articles (streaming: the larger corpus
should need at most 15% more). Each run is a fresh `newskg ingest` process into a fresh
embedded store; its peak RSS is read from the kernel when it exits. The articles are the
corpus's brief ones (lead paragraph, ~90 words), so 5,000 of them ingest in a few minutes.

    .venv/bin/python benchmarks/bench_memory.py [--small 500] [--large 5000] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/helpers/
from tests.helpers.corpus import BRIEF, write_corpus  # noqa: E402


def peak_rss_of_ingest(count: int, workers: int, folder: Path) -> tuple[float, float]:
    corpus = folder / f"corpus-{count}"
    write_corpus(corpus, count, seed=3, per_file=100, paragraphs=BRIEF)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "newskg.cli",
            "ingest",
            str(corpus),
            "--workers",
            str(workers),
            "--store",
            f"oxigraph:{folder / f'store-{count}'}",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - start
    # ru_maxrss of children is the largest of any child so far: run the small corpus first
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(peak, before) / 1024, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--large", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newskg-mem-") as tmp:
        small, t_small = peak_rss_of_ingest(args.small, args.workers, Path(tmp))
        large, t_large = peak_rss_of_ingest(args.large, args.workers, Path(tmp))
    print(f"peak RSS ingesting {args.small:>6} articles: {small:8.0f} MiB ({t_small:.0f} s)")
    print(f"peak RSS ingesting {args.large:>6} articles: {large:8.0f} MiB ({t_large:.0f} s)")
    print(f"ratio {large / small:.3f} (target <= 1.15)")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()

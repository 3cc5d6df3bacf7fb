"""Helpers shared by tests and benchmarks: paths, files, generated corpora, graph
comparison. Fixtures live in tests/conftest.py; servers in tests/helpers/servers.py."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = ROOT / "data" / "articles"
GOLD_DIR = ROOT / "tests" / "data" / "gold"
# extraction time differs per run; everything else in an article graph must match
STARTED_AT = "http://www.w3.org/ns/prov#startedAtTime"


def synthetic_corpus(folder: Path, count: int, seed: int) -> Path:
    """Generated brief articles (tests/helpers/corpus.py, lead paragraph only), one JSON
    file each: tests need many articles more than long ones."""
    from tests.helpers.corpus import BRIEF, write_corpus

    write_corpus(folder, count, seed=seed, paragraphs=BRIEF)
    return folder


def ingest_command(paths: list[Path], location: Path) -> list[str]:
    """`newskg ingest` as a subprocess command line, for tests that kill or race it."""
    import sys

    return [
        sys.executable,
        "-m",
        "newskg.cli",
        "ingest",
        *map(str, paths),
        "--store",
        f"oxigraph:{location}",
    ]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def graphs(store):
    return {g: {t for t in store.graph(g) if str(t[1]) != STARTED_AT} for g in store.named_graphs()}

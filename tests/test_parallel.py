"""Extraction is a pure function of the article: one worker, two workers, and extract-then-load
give the same graphs."""

from __future__ import annotations

from typer.testing import CliRunner

from newskg import ingest_paths, open_store
from newskg.cli import app
from tests.helpers import graphs, synthetic_corpus


def test_workers_and_extract_load_give_the_same_graphs(tmp_path, settings):
    corpus = synthetic_corpus(tmp_path / "corpus", 8, seed=4)
    one = open_store("memory:")
    assert ingest_paths([corpus], one, settings).ok
    two = open_store("memory:")
    report = ingest_paths([corpus], two, settings, workers=2)
    assert report.ok and len(report.ingested) == 8
    assert graphs(two) == graphs(one)

    runner = CliRunner()
    result = runner.invoke(
        app, ["extract", str(corpus), "--out", str(tmp_path / "nq"), "--workers", "2"]
    )
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "nq").glob("*.nq"))) == 8
    location = tmp_path / "store"
    result = runner.invoke(app, ["load", str(tmp_path / "nq"), "--store", f"oxigraph:{location}"])
    assert result.exit_code == 0, result.output
    loaded = open_store(f"oxigraph:{location}", settings)
    assert graphs(loaded) == graphs(one)

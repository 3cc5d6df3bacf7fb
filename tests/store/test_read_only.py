"""A read never writes: with the store damaged (its CURRENT file missing, as a crash during
a manifest rotation or a partial copy leaves it), read commands fail with one line and exit
status 1, and every file of the store is left exactly as it was (the hardening issue's
finding 6: the engine's create-if-missing open had replaced the data with an empty store)."""

from __future__ import annotations

import hashlib

from typer.testing import CliRunner

from newskg import ingest_paths, open_store
from newskg.cli import app
from tests.helpers import SAMPLE_DIR


def _files(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_reads_of_a_damaged_store_change_no_file(tmp_path, settings):
    import gc

    location = tmp_path / "store"
    store = open_store(f"oxigraph:{location}", settings)
    ingest_paths([SAMPLE_DIR], store, settings)
    store.close()
    del store
    gc.collect()
    (location / "CURRENT").unlink()
    before = _files(location)
    for command in (["stats"], ["stats"], ["validate"], ["export", "--format", "nquads"]):
        result = CliRunner().invoke(app, [*command, "--store", f"oxigraph:{location}"])
        assert result.exit_code == 2, (command, result.output)
        assert "cannot open store" in result.output and "restore" in result.output
        assert "Traceback" not in result.output
        assert _files(location) == before, command
    # a write command refuses too, instead of making a new empty store in its place
    result = CliRunner().invoke(app, ["ingest", str(SAMPLE_DIR), "--store", f"oxigraph:{location}"])
    assert result.exit_code != 0 and _files(location) == before


def test_a_read_opens_the_store_read_only(tmp_path, settings):
    import gc

    import pytest

    from newskg.errors import StoreError

    location = tmp_path / "store"
    store = open_store(f"oxigraph:{location}", settings)
    ingest_paths([SAMPLE_DIR], store, settings)
    size = len(store)
    store.close()
    del store
    gc.collect()
    reader = open_store(f"oxigraph:{location}", settings, mode="read")
    assert len(reader) == size
    with pytest.raises(StoreError):
        reader.replace_graph("http://example.org/g", "<http://e/s> <http://e/p> <http://e/o> .")
    with pytest.raises(StoreError, match="no store"):
        open_store(f"oxigraph:{tmp_path / 'none'}", settings, mode="read")

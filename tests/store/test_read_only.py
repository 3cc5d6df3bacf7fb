"""A read never writes: with the store damaged (its CURRENT file missing, as a crash during
a manifest rotation or a partial copy leaves it), read commands fail with one line and exit
status 1, and every file of the store is left exactly as it was (the hardening issue's
finding 6: the engine's create-if-missing open had replaced the data with an empty store)."""

from __future__ import annotations

import hashlib

import pytest
from typer.testing import CliRunner

from newskg import ingest_paths, open_store
from newskg.cli import app
from newskg.errors import StoreDamaged
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


@pytest.mark.parametrize(
    "refusal",
    [
        "Inserts are only possible on read-write instances",  # no version mark yet
        "Invalid argument: Column family not found: id2str",  # not every column family
    ],
)
def test_a_store_killed_while_it_was_created_reads_as_empty_and_can_be_written(
    tmp_path, settings, monkeypatch, refusal
):
    """A store killed while the engine created it, before it made every column family or
    wrote its version mark, refuses a read-only open (the engine would make what is
    missing). It holds nothing: it reads as empty, and a write finishes creating it. (The
    engine's own refusal is simulated here; the kill tests in test_faults.py meet the real
    ones when a kill lands in that moment: both were seen there.)"""
    import gc

    from newskg.store import oxigraph_store

    location = tmp_path / "store"
    open_store(f"oxigraph:{location}", settings).close()
    gc.collect()
    before = _files(location)

    def refused(folder):
        raise OSError(refusal)

    monkeypatch.setattr(oxigraph_store, "_open_read_only", refused)
    reader = open_store(f"oxigraph:{location}", settings, mode="read")
    assert len(reader) == 0 and reader.select("SELECT * WHERE { ?s ?p ?o }").rows == []
    reader.close()
    assert _files(location) == before  # the read wrote nothing
    writer = open_store(f"oxigraph:{location}", settings, mode="write")
    writer.add_to_graph("http://example.org/g", "<http://e/s> <http://e/p> <http://e/o> .")
    assert len(writer) == 1
    writer.close()

    # any other refusal of the read-only open is still a damaged store
    def damaged(folder):
        raise OSError("Corruption: block checksum mismatch in 000012.sst")

    monkeypatch.setattr(oxigraph_store, "_open_read_only", damaged)
    with pytest.raises(StoreDamaged):
        open_store(f"oxigraph:{location}", settings, mode="read")

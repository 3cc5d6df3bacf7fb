"""Damaged table files are a clear error within seconds, never a spinning query: newskg
records each table file's fingerprint when it closes the store and checks them at open."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from newskg import ingest_paths, open_store
from newskg.cli import app
from tests.helpers import SAMPLE_DIR


@pytest.fixture(scope="module")
def closed_store(tmp_path_factory, settings):
    location = tmp_path_factory.mktemp("corruption") / "store"
    store = open_store(f"oxigraph:{location}", settings)
    ingest_paths([SAMPLE_DIR], store, settings)
    store.close()
    del store
    gc.collect()
    assert list(location.glob("*.sst")), "the close flushes the data into table files"
    return location


def _damaged_copy(closed_store, tmp_path, damage) -> tuple:
    location = tmp_path / "store"
    shutil.copytree(closed_store, location)
    table = max(location.glob("*.sst"), key=lambda p: p.stat().st_size)
    damage(table)
    return location, {p.name: p.read_bytes() for p in location.iterdir()}


def _overwrite(table):
    with table.open("r+b") as file:
        file.seek(table.stat().st_size // 2)
        file.write(os.urandom(4096)[: table.stat().st_size // 4])


def _truncate(table):
    with table.open("r+b") as file:
        file.truncate(table.stat().st_size // 2)


@pytest.mark.parametrize("damage", [_overwrite, _truncate], ids=["overwritten", "truncated"])
def test_a_damaged_table_file_is_a_clear_error(closed_store, tmp_path, damage):
    location, before = _damaged_copy(closed_store, tmp_path, damage)
    # a process of its own, with a deadline: a spinning engine would hit it
    result = subprocess.run(
        [sys.executable, "-m", "newskg.cli", "stats", "--store", f"oxigraph:{location}"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "is damaged" in line and "restore" in line
    assert {p.name: p.read_bytes() for p in location.iterdir()} == before


def test_validate_hashes_every_table_file_whatever_its_times_say(closed_store, tmp_path):
    def overwrite_keeping_times(table):
        times = (table.stat().st_atime_ns, table.stat().st_mtime_ns)
        _overwrite(table)
        os.utime(table, ns=times)

    location, _ = _damaged_copy(closed_store, tmp_path, overwrite_keeping_times)
    result = CliRunner().invoke(app, ["validate", "--store", f"oxigraph:{location}"])
    assert result.exit_code == 2 and "is damaged" in result.output

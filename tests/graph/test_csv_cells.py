"""The network page's CSV export neutralizes cells a spreadsheet would run as formulas (the
hardening issue's finding 12), by running the page's own csvCell function in Node."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.hostile,
    pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed"),
]
SCRIPT = Path(__file__).resolve().parents[2] / "src" / "newskg" / "graph" / "assets" / "network.js"


def _cells(values: list[str]) -> list[str]:
    source = SCRIPT.read_text(encoding="utf-8")
    start = source.index("function csvCell(")
    end = source.index("\n  }\n", start) + 4
    program = (
        source[start:end] + f"\nconsole.log(JSON.stringify({json.dumps(values)}.map(csvCell)));"
    )
    result = subprocess.run(["node", "-e", program], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_formula_cells_are_neutralized_and_plain_cells_kept():
    formula = '=HYPERLINK("http://127.0.0.1/?"&A1)'
    cells = _cells([formula, "+1", "-2", "@SUM(A1)", "Ana Ruiz", "a, b", "3-1"])
    assert cells[0] == '"\'=HYPERLINK(""http://127.0.0.1/?""&A1)"'
    assert cells[1:4] == ['"\'+1"', '"\'-2"', '"\'@SUM(A1)"']
    assert cells[4:] == ["Ana Ruiz", '"a, b"', "3-1"]

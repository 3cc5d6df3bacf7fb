"""Each layer of the package imports only from layers below it (docs/design.md)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newskg"

# bottom to top, as docs/design.md draws them
LAYERS = [
    {"errors"},
    {"model", "settings", "resources", "terminal", "internal_queries", "sandbox", "supervisor"},
    {"resolve"},
    {"ingest", "extract"},
    {"rdf"},
    {"store"},
    {"report_index"},
    {"graph_rows"},
    {"paging"},
    {"query"},
    {"reports"},
    {"pipeline"},
    {"curation", "export", "graph", "digest", "evaluate", "stats", "distributed", "bulk"},
    {"serve", "linking"},
    {"cli"},
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def unit(module: str) -> str | None:
    """The layer unit of a module: its top-level module or sub-package under newskg."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "newskg" else None


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_every_module_has_a_layer():
    units = {
        p.stem if p.parent == PACKAGE else p.relative_to(PACKAGE).parts[0]
        for p in PACKAGE.rglob("*.py")
    }
    assert units - {"__init__"} <= set(RANK), units - set(RANK) - {"__init__"}


def test_layers_import_only_downwards():
    upward = []
    for path in PACKAGE.rglob("*.py"):
        inside = path.relative_to(PACKAGE)
        me = inside.parts[0] if len(inside.parts) > 1 else path.stem
        if me in ("__init__", "__main__"):  # the public API gathers every layer
            continue
        for module in imports(path):
            other = unit(module)
            if other and other != me and other in RANK and RANK[other] >= RANK[me]:
                upward.append(f"{inside} imports {module}")
    assert not upward, "\n".join(upward)


def test_no_test_imports_another_test_module():
    """Shared helpers live in tests/helpers/ and fixtures in conftest.py, so each test module
    runs on its own and none runs twice."""
    tests = PACKAGE.parents[1] / "tests"
    benchmarks = PACKAGE.parents[1] / "benchmarks"
    borrowed = []
    for path in [*tests.rglob("*.py"), *benchmarks.glob("*.py")]:
        for module in imports(path):
            last = module.split(".")[-1]
            if module.startswith("tests.") and (last.startswith("test_") or last == "conftest"):
                borrowed.append(f"{path.relative_to(tests.parent)} imports {module}")
    assert not borrowed, "\n".join(borrowed)

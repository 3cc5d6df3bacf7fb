"""The `newskg` command: thin commands over the library.

Exit codes: 0 success; 1 a user error or at least one input failed (each reported on one
line); 2 wrong command-line usage, or a store whose files are missing, damaged or on a
full disk (newskg.errors.StoreDamaged).
"""

from __future__ import annotations

# each module adds its commands to `app`; --help lists them in this order
from newskg.cli import articles, explore, linked_data, quality, sparql  # noqa: E402, F401
from newskg.cli.app import app

__all__ = ["app", "main"]


def main() -> None:  # pragma: no cover - console entry point
    app()

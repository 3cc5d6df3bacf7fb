"""docs/cli.md, generated from the commands' own help (typer's Markdown docs).

`python -m tests.helpers.cli_reference --write` (or `make docs`) rewrites it; tests/test_docs.py fails
when it no longer matches what `newskg COMMAND --help` says.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLI_REFERENCE = ROOT / "docs" / "cli.md"
HEADER = (
    "<!-- Generated from the commands' --help by `make docs` "
    "(python -m tests.helpers.cli_reference --write); do not edit by hand. -->\n\n"
)


def render() -> str:
    import typer.cli
    import typer.main

    from newskg.cli import app

    command = typer.main.get_command(app)
    text = typer.cli.get_docs_for_click(
        obj=command, ctx=typer.Context(command), name="newskg", title="newskg command reference"
    )
    lines = (line.rstrip() for line in html.unescape(text).splitlines())
    return HEADER + "\n".join(lines).strip() + "\n"


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit("usage: python -m tests.helpers.cli_reference --write")
    CLI_REFERENCE.write_text(render(), encoding="utf-8")
    print(f"wrote {CLI_REFERENCE.relative_to(ROOT)}")

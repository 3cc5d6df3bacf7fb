"""The README's CLI tour and example outputs, run against a fresh `make demo` store.

`python -m tests.helpers.readme --write` rewrites the example outputs in README.md from what the
commands print now; tests/test_readme.py fails when they differ, so the README cannot go
stale. A command is run in-process (typer's runner) in a scratch folder laid out like the
checkout after `make demo`: the sample articles, the curation file, the gold digests and the
default store `.newskg/store`.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
TOUR_HEADING = "## A short tour of the CLI"
NOT_RUN = {"serve"}  # runs until stopped

# a one-command ```sh block followed directly by a plain ``` block: a command and its output
EXAMPLE = re.compile(r"```sh\n(newskg [^\n]*)\n```\n```\n(.*?)```\n", re.S)


@dataclass
class Example:
    command: str
    output: str
    start: int  # where the output starts and ends in the README's text
    end: int


def tour_commands(text: str) -> list[str]:
    """Every command of the tour's first ```sh block, in order."""
    tour = text[text.index(TOUR_HEADING) :]
    block = tour[tour.index("```sh\n") + 6 :]
    return [line for line in block[: block.index("```")].splitlines() if line.strip()]


def examples(text: str) -> list[Example]:
    return [Example(m[1], m[2], m.start(2), m.end(2)) for m in EXAMPLE.finditer(text)]


def argv(command: str) -> list[str]:
    words = shlex.split(command, comments=True)
    assert words[0] == "newskg", command
    return words[1:]


def lay_out(folder: Path) -> Path:
    """A scratch folder like the checkout, then `make demo`'s ingest and curate into the
    CLI's default store."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tests" / "data").mkdir(parents=True, exist_ok=True)
    for link, target in [
        (folder / "data", ROOT / "data"),
        (folder / "tests" / "data" / "gold", ROOT / "tests" / "data" / "gold"),
    ]:
        if not link.exists():
            link.symlink_to(target, target_is_directory=True)
    for step in ("newskg ingest data/articles", "newskg curate data/curation.yaml"):
        code, output = run(step, folder)
        assert code == 0, f"{step}: {output}"
    return folder


def run(command: str, folder: Path) -> tuple[int, str]:
    """Exit code and standard output of one command, run in `folder` with default settings."""
    from typer.testing import CliRunner

    from newskg.cli import app

    here = Path.cwd()
    os.chdir(folder)
    try:
        env = {k: None for k in os.environ if k.startswith("NEWSKG_") and k != "NEWSKG_TEST_RUN"}
        result = CliRunner().invoke(app, argv(command), env={**env, "COLUMNS": "100"})
    finally:
        os.chdir(here)
    return result.exit_code, result.stdout


def normal(output: str) -> str:
    return "\n".join(line.rstrip() for line in output.strip("\n").splitlines()) + "\n"


def rewrite(folder: Path) -> int:
    """Rewrite every example output in README.md; returns how many changed."""
    text = README.read_text(encoding="utf-8")
    changed = 0
    for example in reversed(examples(text)):
        code, output = run(example.command, folder)
        if code != 0:
            raise SystemExit(f"{example.command}: exit {code}\n{output}")
        if normal(output) != normal(example.output):
            changed += 1
            text = text[: example.start] + normal(output) + text[example.end :]
    README.write_text(text, encoding="utf-8")
    return changed


if __name__ == "__main__":
    import tempfile

    if sys.argv[1:] != ["--write"]:
        raise SystemExit("usage: python -m tests.helpers.readme --write")
    with tempfile.TemporaryDirectory() as scratch:
        print(f"{rewrite(lay_out(Path(scratch)))} example output(s) rewritten in README.md")

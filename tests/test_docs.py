"""The documentation in docs/ and README.md cannot go stale: the graph model's queries run
and find what they describe, the CLI reference is what the commands' --help says, and every
link points to a file in the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newskg.query import run_query, with_prefixes
from tests.helpers.cli_reference import CLI_REFERENCE, render

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
GRAPH_MODEL = (DOCS / "graph-model.md").read_text(encoding="utf-8")
QUERIES = re.findall(r"```sparql\n(.*?)```", GRAPH_MODEL, re.S)


def test_the_graph_model_shows_a_query_for_each_part():
    assert len(QUERIES) >= 7
    for part in (
        "nkg:Mention",
        "org:Membership",
        "nkg:Participation",
        "nkg:Quote",
        "nkg:QuantityClaim",
        "oa:TextPositionSelector",
        "oa:TextQuoteSelector",
    ):
        assert any(part in q for q in QUERIES), part


@pytest.mark.parametrize("number", range(len(QUERIES)))
def test_each_graph_model_query_finds_what_it_describes(sample_store, number):
    result = run_query(sample_store, with_prefixes(QUERIES[number]))
    assert result.rows, QUERIES[number]
    for row in result.rows:  # every variable the query promises is bound somewhere
        assert any(value is not None for value in row.values())
    bound = {v for row in result.rows for v, value in row.items() if value is not None}
    optional = set(re.findall(r"OPTIONAL \{[^}]*?\?(\w+) \}", QUERIES[number]))
    assert set(result.variables) - optional <= bound


def test_the_cli_reference_is_current():
    assert CLI_REFERENCE.read_text(encoding="utf-8") == render(), (
        "docs/cli.md is stale; run `make docs` (python -m tests.helpers.cli_reference --write)"
    )


@pytest.mark.parametrize(
    "page",
    [
        ROOT / "README.md",
        ROOT / "CONTRIBUTING.md",
        ROOT / "CHANGELOG.md",
        *sorted(DOCS.glob("*.md")),
    ],
    ids=lambda p: p.name,
)
def test_links_point_into_the_repository(page):
    text = page.read_text(encoding="utf-8")
    assert "../shared" not in text and "shared/acceptance" not in text
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if re.match(r"[a-z]+:", target):  # a web address
            continue
        assert (page.parent / target).exists(), f"{page.name} links to missing {target}"

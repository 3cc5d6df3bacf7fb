"""One rule for article ids: every id newskg makes passes the check every command applies."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newskg import ingest_articles, open_store
from newskg.cli import app
from newskg.errors import NewskgError
from newskg.ingest import read_articles
from newskg.ingest.metadata import check_id, make_id, valid_id
from tests.helpers import write


@hypothesis_settings(max_examples=500, derandomize=True)
@given(st.text(max_size=300))
def test_every_made_id_follows_the_rule(text):
    made = make_id(text)
    assert valid_id(made) and check_id(made, "x") == made


@pytest.mark.parametrize("bad", ["report..v2", "../etc", ".hidden", "a/b", "", "x" * 201])
def test_the_check_refuses_what_breaks_the_rule(bad):
    with pytest.raises(NewskgError, match="invalid article id"):
        check_id(bad, "x")


def test_a_file_named_with_two_dots_can_be_digested_and_removed(tmp_path):
    write(tmp_path / "in" / "report..v2.txt", "Ana Costa spoke in Lisbon on Monday.\n")
    location = f"oxigraph:{tmp_path / 'store'}"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(tmp_path / "in"), "--store", location]).exit_code == 0
    digests = runner.invoke(app, ["digest", "--out", str(tmp_path / "d"), "--store", location])
    assert digests.exit_code == 0, digests.output
    assert [p.name for p in (tmp_path / "d").iterdir()] == ["report.v2.yaml"]
    removed = runner.invoke(app, ["remove", "report.v2", "--store", location])
    assert removed.exit_code == 0, removed.output
    assert "no article" in runner.invoke(app, ["remove", "report.v2", "--store", location]).output


def test_an_api_article_with_a_bad_id_fails_alone(tmp_path, settings):
    path = write(tmp_path / "ok.txt", "Ana Costa spoke in Lisbon on Monday.\n")
    [good] = read_articles(path)
    bad = dataclasses.replace(good, id="../escape", source=None)
    store = open_store("memory:")
    report = ingest_articles([bad, good], store, settings)
    assert report.ingested == ["ok"]
    [(where, problem)] = report.failed
    assert where == "../escape" and problem.startswith("invalid article id")


def test_load_refuses_a_graph_whose_name_is_not_an_id(tmp_path):
    iri = "https://w3id.org/newskg/id/article/..%2Fescape"
    write(tmp_path / "nq" / "x.nq", f'<{iri}> <http://schema.org/name> "x" <{iri}> .\n')
    location = f"oxigraph:{tmp_path / 'store'}"
    result = CliRunner().invoke(app, ["load", str(tmp_path / "nq"), "--store", location])
    assert result.exit_code == 1 and "is not an article id" in result.output

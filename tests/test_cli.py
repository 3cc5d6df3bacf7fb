"""The command line: one clear line per problem, non-zero exit, nothing stored lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from newskg.cli import app
from newskg.store import open_store
from tests.helpers import SAMPLE_DIR, write

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_ingest_export_stats_validate(tmp_path):
    store = f"oxigraph:{tmp_path / 'store'}"
    result = run("ingest", str(SAMPLE_DIR), "--store", store)
    assert result.exit_code == 0, result.output
    assert "ingested 2" in result.output
    again = run("ingest", str(SAMPLE_DIR), "--store", store)
    assert "ingested 0, unchanged 2" in again.output

    ttl = tmp_path / "out" / "g.ttl"
    assert run("export", "--format", "turtle", "--out", str(ttl), "--store", store).exit_code == 0
    assert len(Graph().parse(ttl)) > 1000

    stats = run("stats", "--store", store)
    assert stats.exit_code == 0 and "people" in stats.output

    assert (
        "3 of 3 graphs conform (2 article graph(s), 1 other"
        in run("validate", "--store", store).output
    )

    page = tmp_path / "net.html"
    assert run("graph", "--out", str(page), "--store", store).exit_code == 0
    html = page.read_text()
    assert "vis.Network" in html and "cdn.jsdelivr" not in html and "unpkg.com" not in html


def test_the_ingest_summary_counts_the_triples_this_run_wrote(tmp_path):
    """Not the store's size: counting that reads every triple of the store on each ingest."""
    import re

    store = f"oxigraph:{tmp_path / 'store'}"
    first = write(
        tmp_path / "a" / "a.md", "---\noutlet: Post\n---\nAnne Dupont met Jonas Berg in Lyon."
    )
    second = write(
        tmp_path / "b" / "b.md", "---\noutlet: Post\n---\nThe mayor of Lyon, Anne Dupont, spoke."
    )
    written = []
    for path in (first, second):
        result = run("ingest", str(path), "--store", store)
        assert result.exit_code == 0, result.output
        written.append(
            int(re.search(r"([\d,]+) triples written", result.output)[1].replace(",", ""))
        )
    db = open_store(store)
    graphs = [g for g in db.named_graphs() if g.endswith(("/article/a", "/article/b"))]
    sizes = sorted(len(db.graph(g)) for g in graphs)
    db.close()
    assert sorted(written) == sizes and all(n > 10 for n in written)


def test_bad_files_get_one_line_each_and_exit_1(tmp_path):
    store = f"oxigraph:{tmp_path / 'store'}"
    write(
        tmp_path / "in" / "ok.md", "---\noutlet: Post\n---\nThe mayor of Lyon, Anne Dupont, spoke."
    )
    write(tmp_path / "in" / "bad.json", '{"text": ')
    write(tmp_path / "in" / "bin.txt", b"\x00\x01\x02")
    result = run("ingest", str(tmp_path / "in"), "--store", store)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("bad.json: invalid JSON" in line for line in errors)
    assert any("bin.txt: binary file" in line for line in errors)
    assert "ingested 1" in result.output
    assert "Traceback" not in result.output


def test_user_errors_are_one_line(tmp_path):
    result = run("export", "--format", "rdfxml-ish", "--store", "memory:")
    assert result.exit_code == 1
    assert "unknown format" in result.output and "Traceback" not in result.output
    bad_store = run("stats", "--store", "postgres://x")
    assert bad_store.exit_code == 1 and "unknown store" in bad_store.output
    bad_date = run("ingest", str(SAMPLE_DIR), "--store", "memory:", "--published", "yesterday")
    assert bad_date.exit_code == 1 and "invalid publication date" in bad_date.output


def test_help_explains_with_example():
    for command in ("ingest", "export", "stats", "validate", "graph"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.output


HOSTILE_HEADLINE = "Port [/oops] [link=https://evil.example]click[/link] \x1b[31mred \u202egnp.exe"


def test_article_text_never_becomes_terminal_markup(tmp_path):
    """A headline with rich markup, a hyperlink and escape sequences is printed as text:
    no crash, no link, no colour change, no reordering."""
    store = f"oxigraph:{tmp_path / 'store'}"
    article = write(
        tmp_path / "a" / "hostile.md",
        f"---\ntitle: {HOSTILE_HEADLINE!r}\npublished: 2024-05-01\n---\n"
        "Mara Quint met Tomas Ek in Tartu on Monday.\n",
    )
    bad = write(tmp_path / "a" / "bad\x1b[2Jname.json", "{not json")
    result = run("ingest", str(article.parent), "--store", store)
    assert result.exit_code == 1  # the bad file fails alone
    assert "\x1b[2J" not in result.output and "\\x1b[2J" in result.output
    assert bad.name not in result.output
    stats = run("stats", "--store", store)
    assert stats.exit_code == 0, stats.output
    assert "[/oops]" in stats.output and "[link=https://evil.example]" in stats.output
    assert "\x1b[31m" not in stats.output and "\\x1b[31m" in stats.output
    assert "\u202e" not in stats.output and "\\u202e" in stats.output
    table = run("query", "articles", "--format", "table", "--store", store)
    assert table.exit_code == 0, table.output  # a wrapped table cell, still plain text
    assert "[/oops]" in table.output and "\x1b" not in table.output


def test_a_read_command_on_a_missing_store_says_so_and_creates_nothing(tmp_path):
    location = tmp_path / "nowhere"
    for args in (("stats",), ("query", "articles"), ("export", "--out", str(tmp_path / "x.ttl"))):
        result = run(*args, "--store", f"oxigraph:{location}")
        assert result.exit_code == 1 and "no store at" in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert not location.exists()


def test_own_query_files_get_prefixes_and_errors_are_one_line(tmp_path):
    store = f"oxigraph:{tmp_path / 'store'}"
    assert run("ingest", str(SAMPLE_DIR), "--store", store).exit_code == 0
    mine = write(
        tmp_path / "mine.rq",
        "# people\nSELECT ?n WHERE { GRAPH ?g { ?p a schema:Person ; schema:name ?n } } LIMIT 1\n",
    )
    assert run("query", str(mine), "--store", store).exit_code == 0
    typo = write(tmp_path / "typo.rq", "SELECT ?n WHERE { ?p shema:name ?n }\n")
    result = run("query", str(typo), "--store", store)
    assert result.exit_code == 1
    assert result.output.startswith("error: unknown prefix shema:") and "schema:" in result.output
    assert len(result.output.strip().splitlines()) == 1
    bad = run("query", "quantity-claims", "-p", "min=lots", "--store", store)
    assert bad.output.strip() == "error: parameter min: 'lots' is not a valid decimal"


def _commands():
    import typer.main

    from newskg.cli import app

    top = typer.main.get_command(app)
    for name, command in top.commands.items():
        subs = getattr(command, "commands", None)
        if subs:
            yield from ((f"{name} {sub}", cmd) for sub, cmd in subs.items())
        else:
            yield name, command


@pytest.mark.parametrize("name", [name for name, _ in _commands()])
def test_every_command_has_help_with_an_example(name):
    from typer.testing import CliRunner

    from newskg.cli import app

    shown = CliRunner().invoke(app, [*name.split(), "--help"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0
    assert "Example" in shown.output and f"newskg {name}" in shown.output, name


def test_errors_from_every_command_meet_at_one_boundary():
    """A NewskgError from any command is one line and exit 1, caught in one place."""
    import re

    from typer.testing import CliRunner

    from newskg.cli import app

    folder = Path(__file__).resolve().parents[1] / "src" / "newskg" / "cli"
    source = "".join(p.read_text() for p in sorted(folder.glob("*.py")))
    assert len(re.findall(r"except NewskgError", source)) <= 2
    for argv in (["stats"], ["link", "places"], ["digest", "--out", "x"]):
        result = CliRunner().invoke(app, [*argv, "--store", "oxigraph:/nonexistent/store"])
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert result.output.count("error:") == 1


def test_format_help_lists_every_registered_format():
    """The --format help of query, export and graph names exactly the registered formats."""
    from newskg.graph.files import FILE_FORMATS
    from newskg.query import FORMATS
    from newskg.rdf.formats import EXPORT_FORMATS

    for command, formats in (
        ("query", FORMATS),
        ("export", tuple(EXPORT_FORMATS)),
        ("graph", ("html", *FILE_FORMATS)),
    ):
        shown = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "300"}).output
        assert " | ".join(formats) in shown, command


def test_graph_names_and_accepts_exactly_the_pages_renderers(tmp_path):
    from newskg.graph.webgl import RENDERERS

    shown = CliRunner().invoke(app, ["graph", "--help"], env={"COLUMNS": "300"}).output
    assert [r for r in ("auto", "canvas", "webgl", "svg") if f"{r} (" in shown] == list(RENDERERS)
    refused = run("graph", "--renderer", "svg", "--store", "memory:")
    assert refused.exit_code == 1 and "use auto, canvas or webgl" in refused.output


def test_graph_help_gives_the_pages_own_limits():
    """The CLI starts without networkx, so its help writes the page's limits out."""
    from newskg.graph.render import DEFAULT_MAX_NODES, PAGE_MOST_NODES

    shown = " ".join(
        CliRunner().invoke(app, ["graph", "--help"], env={"COLUMNS": "300"}).output.split()
    )
    assert f"at most {PAGE_MOST_NODES} nodes" in shown
    assert f"[default: {DEFAULT_MAX_NODES}]" in shown


def test_eval_by_rule_lists_each_rule_with_its_counts(tmp_path):
    from tests.helpers import GOLD_DIR

    store = f"oxigraph:{tmp_path / 'store'}"
    assert run("ingest", str(SAMPLE_DIR), "--store", store).exit_code == 0
    result = run("eval", str(GOLD_DIR), "--by-rule", "--store", store)
    assert result.exit_code == 0, result.output
    assert "facts by rule" in result.output and "found by no rule" in result.output
    assert "roles.apposition" in result.output
    import json

    data = json.loads(run("eval", str(GOLD_DIR), "--by-rule", "--json", "--store", store).output)
    apposition = data["rules"]["roles.apposition"]
    assert apposition["matched"] >= 5 and 0 < apposition["precision"] <= 1
    assert sum(r["matched"] for r in data["rules"].values()) >= data["scores"]["persons"]["tp"]


def test_schema_org_terms_are_the_http_form_and_an_older_https_store_is_rewritten(tmp_path):
    store = f"oxigraph:{tmp_path / 'store'}"
    assert run("ingest", str(SAMPLE_DIR), "--store", store).exit_code == 0
    asked = (
        "PREFIX schema: <http://schema.org/> "
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a schema:NewsArticle } }"
    )
    assert "2" in run("query", "-e", asked, "--store", store, "--format", "csv").output
    # a store as an earlier version wrote it: the same data in the https form
    dump = tmp_path / "dump.nq"
    assert run("export", "--format", "nquads", "--out", str(dump), "--store", store).exit_code == 0
    by_graph: dict[str, list[str]] = {}
    for line in (
        dump.read_text().replace("<http://schema.org/", "<https://schema.org/").splitlines()
    ):
        *triple, graph, _dot = line.rsplit(" ", 2)
        by_graph.setdefault(graph.strip("<>"), []).append(" ".join(triple) + " .")
    old_store = f"oxigraph:{tmp_path / 'old'}"
    old = open_store(old_store)  # not `load`: it refuses graphs that miss the shapes
    for graph, lines in by_graph.items():
        old.replace_graph(graph, "\n".join(lines))
    old.close()
    read = run("query", "-e", asked, "--store", old_store, "--format", "csv")
    assert "https://schema.org/ form" in read.output  # a read says so and changes nothing
    relinked = run("relink", "--store", old_store)
    assert relinked.exit_code == 0 and "rewritten to http://schema.org/" in relinked.output
    after = run("query", "-e", asked, "--store", old_store, "--format", "csv")
    assert "2" in after.output and "https://schema.org/ form" not in after.output


def test_help_shows_flags_without_a_value_type():
    for command in ("ingest", "query", "serve", "export"):
        shown = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).output
        assert "--help" in shown and "<bool>" not in shown, command


def test_query_pages_with_limit_and_offset(tmp_path):
    store = f"oxigraph:{tmp_path / 'store'}"
    assert run("ingest", str(SAMPLE_DIR), "--store", store).exit_code == 0

    def csv_rows(*page: str) -> list[list[str]]:
        import csv
        import io

        result = run("query", "event-participants", "-f", "csv", *page, "--store", store)
        assert result.exit_code == 0, result.output
        return list(csv.reader(io.StringIO(result.output)))[1:]  # past the header

    whole = csv_rows()
    assert len(whole) > 5
    assert csv_rows("--limit", "2", "--offset", "3") == whole[3:5]
    table = run("query", "event-participants", "--limit", "2", "--offset", "3", "--store", store)
    assert "2 row(s) from row 4" in table.output
    refused = run("query", "event-participants", "--offset", "-1", "--store", store)
    assert refused.exit_code != 0


def test_the_graph_command_imports_igraph_without_matplotlib_and_leaves_it_importable():
    """igraph's import brought matplotlib (about a second) for drawing newskg never uses:
    the command imports it hidden, igraph still lays out and finds communities, and
    matplotlib can still be imported afterwards."""
    import subprocess
    import sys

    pytest.importorskip("matplotlib")
    script = (
        "import sys\n"
        "from newskg.cli.explore import _import_page_libraries\n"
        "_import_page_libraries()\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib was imported'\n"
        "import igraph\n"
        "g = igraph.Graph.Ring(12)\n"
        "assert len(g.layout_fruchterman_reingold(niter=10)) == 12\n"
        "assert len(g.community_leiden(objective_function='modularity')) > 1\n"
        "import matplotlib\n"
        "print('ok', matplotlib.__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok matplotlib"


@pytest.mark.parametrize("fails", [False, True])
def test_the_graph_command_pauses_the_cycle_collector_only_while_it_builds(
    tmp_path, monkeypatch, fails
):
    """The projection and its page are built with Python's cycle collector off (its passes
    over their objects cost a sixth of the command at a million triples), and it is on
    again afterwards, also when the command fails."""
    import gc

    import newskg.graph as graph

    seen = []
    real = graph.projection

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        if fails:
            raise OSError("the store went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(graph, "projection", watched)
    assert gc.isenabled()
    out = tmp_path / "network.gexf"
    result = runner.invoke(app, ["graph", "-f", "gexf", "-o", str(out), "--store", "memory:"])
    assert seen == [False]
    assert gc.isenabled()
    assert (result.exit_code != 0) == fails and out.is_file() != fails

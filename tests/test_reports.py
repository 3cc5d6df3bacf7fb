"""Across articles: two outlets on one event (one event, two reports, their claims side by
side), namesakes in unrelated stories, a curator's split that survives re-ingest, and the
removal of one report that leaves the other whole. The articles are written for these tests."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from newskg import ingest_paths, open_store
from newskg.curation import apply_curation, find_candidates, find_homonyms
from newskg.digest import article_digest
from newskg.query import load_query, run_query
from newskg.rdf.namespaces import NKG
from newskg.reports import graph_iri, sources_hash
from newskg.resolve import article_iri, iri
from tests.helpers import write

HARBOR = """---
headline: Dockworkers march in Valmont over pay
outlet: Harbor Post
published: 2025-03-08
---
About 1,200 protesters marched through Valmont on Friday, 7 March 2025, demanding higher pay for dockworkers. The Valmont Dockworkers Union organized the march. Irena Kovac, the general secretary of the Valmont Dockworkers Union, addressed the crowd outside the port authority.

"We will not unload another ship at these wages," Kovac said.
"""
COASTAL = """---
headline: Thousands rally for port wages
outlet: Coastal Times
published: 2025-03-09
---
Nearly 2,000 protesters marched through Valmont on Saturday, 8 March 2025, calling for better pay. The Valmont Dockworkers Union organized the march. Irena Kovac, the president of the Valmont Dockworkers Union, spoke to the marchers.
"""
CHESS = """---
headline: Teenager wins the Lindholm chess open
outlet: Chess Weekly
published: 2025-05-02
---
Irena Kovac, a 16-year-old from Brno, won the Lindholm Open on Thursday. Kovac defeated Tomas Berger in the final round.
"""


def corpus(folder, *names):
    texts = {"harbor-post": HARBOR, "coastal-times": COASTAL, "chess-weekly": CHESS}
    for name in names:
        write(folder / f"{name}.md", texts[name])
    return folder


def stored(tmp_path, settings, *names):
    store = open_store("memory:")
    report = ingest_paths([corpus(tmp_path / "in", *names)], store, settings)
    assert report.ok, report.failed
    return store


@pytest.fixture(scope="module")
def three(tmp_path_factory, settings):
    return stored(
        tmp_path_factory.mktemp("reports"),
        settings,
        *["harbor-post", "coastal-times", "chess-weekly"],
    )


def rows(store, query, **params):
    q = load_query(query)
    return [
        {k: str(v) for k, v in row.items()}
        for row in run_query(store, q.text, q.bindings(params)).rows
    ]


def test_two_reports_of_one_march_are_one_event_with_both_articles(three):
    found = rows(three, "event-reports", minReports="2")
    assert {r["event"] for r in found} == {found[0]["event"]}  # one event …
    assert [(r["articleId"], r["outlet"], r["published"]) for r in found] == [
        ("harbor-post", "Harbor Post", "2025-03-08"),  # … each report with its source
        ("coastal-times", "Coastal Times", "2025-03-09"),
    ]
    assert all(r["reports"] == "2" and r["sentence"] for r in found)
    # an event only one article tells is listed on its own
    single = rows(three, "event-reports")
    assert any(r["reports"] == "1" for r in single)


def test_the_link_says_why_the_reports_are_one_event(three, settings):
    graph = three.graph(graph_iri(settings))
    comments = [
        str(o) for o in graph.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"))
    ]
    assert comments == [
        "protest; dates 2025-03-07 and 2025-03-08 within 2 days; 2 shared participant(s)"
    ] or comments == [
        "protest; dates 2025-03-08 and 2025-03-07 within 2 days; 2 shared participant(s)"
    ]
    shared = {
        str(o) for o in graph.objects(None, URIRef("https://w3id.org/newskg/ontology#sharedAgent"))
    }
    assert iri(settings.base_iri, "organization/valmont-dockworkers-union") in shared


def test_conflicting_claims_put_dates_numbers_and_titles_side_by_side(three):
    found = rows(three, "conflicting-claims")
    said = {(r["property"], r["value"], r["articleId"]) for r in found}
    assert {
        ("date", "2025-03-07", "harbor-post"),
        ("date", "2025-03-08", "coastal-times"),
        ("number of protesters", "1200 (around)", "harbor-post"),
        ("number of protesters", "2000 (nearly)", "coastal-times"),
        ("title at Valmont Dockworkers Union", "general secretary", "harbor-post"),
        ("title at Valmont Dockworkers Union", "president", "coastal-times"),
    } == said
    number = next(r for r in found if r["value"] == "2000 (nearly)")
    assert number["outlet"] == "Coastal Times" and number["sentence"].startswith("Nearly 2,000")
    # the name filter is a bound value: only the person's rows
    assert {r["subjectName"] for r in rows(three, "conflicting-claims", name="kovac")} == {
        "Irena Kovac"
    }


def test_the_digest_lists_the_other_reports(three, settings):
    digest = article_digest(three, "harbor-post", settings)
    assert [
        (e["event"], [(a["article"], a["outlet"]) for a in e["articles"]])
        for e in digest["reported_elsewhere"]
    ] == [("March of Valmont Dockworkers Union", [("coastal-times", "Coastal Times")])]
    assert article_digest(three, "chess-weekly", settings)["reported_elsewhere"] == []


def test_the_event_tooltip_counts_reports_and_names_what_differs(three):
    from newskg.graph import projection

    graph = projection(three, "full")
    reported = [d for _, d in graph.nodes(data=True) if d.get("reports")]
    assert len(reported) == 2 and all(d["reports"] == 2 for d in reported)
    assert (
        "date: 2025-03-08 (coastal-times) / 2025-03-07 (harbor-post)"
        in reported[0]["disagreements"]
    )


def test_claims_command_groups_rows_by_event_and_person(tmp_path, settings):
    from typer.testing import CliRunner

    from newskg.cli import app

    location = f"oxigraph:{tmp_path / 'store'}"
    runner = CliRunner()
    folder = corpus(tmp_path / "in", "harbor-post", "coastal-times")
    assert runner.invoke(app, ["ingest", str(folder), "--store", location]).exit_code == 0
    shown = runner.invoke(app, ["claims", "--store", location], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("2 event(s) or person(s) on which the articles differ")
    assert "March of Valmont Dockworkers Union" in shown.output and "2000 (nearly)" in shown.output
    narrowed = runner.invoke(app, ["claims", "irena", "--store", location], env={"COLUMNS": "200"})
    assert narrowed.output.startswith("1 event(s)") and "2000" not in narrowed.output


def test_namesakes_in_unrelated_stories_are_proposed_for_a_split(three, settings):
    found = {h.entity: h for h in find_homonyms(three, settings)}
    kovac = found[iri(settings.base_iri, "person/irena-kovac")]
    assert [articles for articles, _ in kovac.groups] == [
        ["chess-weekly"],
        ["coastal-times", "harbor-post"],
    ]
    assert "Tomas Berger" in kovac.groups[0][1]  # the context only the chess story has
    # the union is named in two articles that share context: no namesake there
    assert iri(settings.base_iri, "organization/valmont-dockworkers-union") not in found


def test_a_split_moves_the_namesake_and_survives_re_ingest(tmp_path, settings):
    store = stored(tmp_path, settings, "harbor-post", "coastal-times", "chess-weekly")
    curation = write(
        tmp_path / "curation.yaml",
        "curator: Lee Park\nsplit:\n  - entity: person/irena-kovac\n    articles: [chess-weekly]\n",
    )
    apply_curation(store, curation, settings)
    chess = article_iri(settings.base_iri, "chess-weekly")
    player = URIRef(iri(settings.base_iri, "person/chess-weekly/irena-kovac"))
    unionist = URIRef(iri(settings.base_iri, "person/irena-kovac"))

    def who(graph_name):
        graph = store.graph(graph_name)
        return {s for s in graph.subjects() if s in (player, unionist)}

    assert who(chess) == {player}
    assert who(article_iri(settings.base_iri, "harbor-post")) == {unionist}
    assert find_homonyms(store, settings) == []  # nothing left to propose
    # re-extracting the chess story keeps the split
    again = ingest_paths([tmp_path / "in" / "chess-weekly.md"], store, settings, force=True)
    assert again.ingested == ["chess-weekly"]
    assert who(chess) == {player}
    # a curation without the split gives the article its corpus-wide IRI back
    apply_curation(store, write(tmp_path / "none.yaml", "curator: Lee Park\n"), settings)
    assert who(chess) == {unionist}


def test_duplicates_reads_the_curation_in_the_store(tmp_path, settings):
    write(tmp_path / "in" / "brief.md", "Dr. Kovac said the port of Valmont would reopen.\n")
    store = stored(tmp_path, settings, "harbor-post")
    pairs = {(c.a, c.b) for c in find_candidates(store, settings=settings)}
    assert len(pairs) == 1  # "Kovac" alone (an entity of its article) and Irena Kovac
    a, b = pairs.pop()
    key = lambda x: x.removeprefix(settings.base_iri)  # noqa: E731
    apply_curation(
        store,
        write(tmp_path / "c.yaml", f"curator: Lee Park\nnot_same_as: [[{key(a)}, {key(b)}]]\n"),
        settings,
    )
    assert (a, b) not in {(c.a, c.b) for c in find_candidates(store, settings=settings)}


def test_removing_one_report_keeps_the_other_whole(tmp_path, settings):
    from newskg.pipeline import remove_articles

    store = stored(tmp_path, settings, "harbor-post", "coastal-times")
    coastal = article_iri(settings.base_iri, "coastal-times")
    before = set(store.graph(coastal))
    assert rows(store, "event-reports", minReports="2")
    assert remove_articles(store, ["harbor-post", "nothing-here"], settings) == ["nothing-here"]
    assert set(store.graph(coastal)) == before
    # no event has two reports now: the graph holds only what it was computed from
    derived = {(str(p), str(o)) for _, p, o in store.graph(graph_iri(settings))}
    assert derived == {(str(NKG.sourcesHash), sources_hash(store))}
    assert rows(store, "event-reports", minReports="2") == []
    assert rows(store, "conflicting-claims") == []
    assert {r["articleId"] for r in rows(store, "event-reports")} == {"coastal-times"}


def test_date_windows_follow_the_precision_of_each_date():
    import datetime as dt

    from rdflib.namespace import XSD

    from newskg.reports import Report, date_interval, link_evidence

    def report(article, date=None, datatype=XSD.date, agents=("org/x",), place=None):
        return Report(
            event=f"e/{article}",
            article=article,
            type="protest",
            date=date_interval(date, datatype) if date else None,
            date_text=date,
            place=place,
            published=dt.date(2025, 3, 9),
            agents=set(agents),
        )

    friday = report("a", "2025-03-07")
    assert link_evidence(friday, report("b", "2025-03-08")) == (2, {"org/x"}, False)
    assert link_evidence(friday, report("b", "2025-03-10")) is None  # three days apart
    assert link_evidence(friday, report("b", "2025-03", XSD.gYearMonth)) is not None
    assert link_evidence(friday, report("b", "2025-04", XSD.gYearMonth)) is None
    assert link_evidence(friday, report("b", "2025", XSD.gYear)) is not None
    assert link_evidence(friday, report("b", "2025-03-07", agents=())) is None  # nothing shared
    assert link_evidence(friday, report("b")) is None  # one dated, one not
    # undated on both sides: two shared participants, or one and the place
    assert link_evidence(report("a"), report("b")) is None
    assert link_evidence(report("a", agents=("x", "y")), report("b", agents=("x", "y")))
    assert link_evidence(report("a", place="p"), report("b", place="p"))


def test_the_readme_example_query_answers(three):
    from tests.helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("#### Identity, and one event told by many articles") :]
    example = section[
        section.index("```sparql") + len("```sparql") : section.index(
            "```\n", section.index("```sparql") + 9
        )
    ]
    from newskg.query import run_query, with_prefixes

    answer = run_query(three, with_prefixes(example))
    assert sorted((str(r["outlet"]), str(r["date"])) for r in answer.rows) == [
        ("Coastal Times", "2025-03-08"),
        ("Harbor Post", "2025-03-07"),
    ]


def test_every_term_of_the_cross_article_graphs_is_declared(tmp_path, settings):
    from rdflib.namespace import RDF

    from newskg.rdf.ontology import ontology_graph

    store = stored(tmp_path, settings, "harbor-post", "coastal-times", "chess-weekly")
    curation = (
        "curator: Lee Park\nsplit: [{entity: person/irena-kovac, articles: [chess-weekly]}]\n"
    )
    apply_curation(store, write(tmp_path / "c.yaml", curation), settings)
    declared = set(ontology_graph().subjects(RDF.type, None))
    used = set()
    for name in (graph_iri(settings), iri(settings.base_iri, "curation")):
        graph = store.graph(name)
        assert len(graph) > 5, name
        used |= set(graph.predicates()) | set(graph.objects(None, RDF.type))
    used.discard(RDF.type)
    assert sorted(str(t) for t in used - declared) == []


def test_duplicates_homonyms_on_the_command_line(tmp_path, settings):
    from typer.testing import CliRunner

    from newskg.cli import app

    location = f"oxigraph:{tmp_path / 'store'}"
    runner = CliRunner()
    folder = corpus(tmp_path / "in", "harbor-post", "chess-weekly")
    assert runner.invoke(app, ["ingest", str(folder), "--store", location]).exit_code == 0
    shown = runner.invoke(app, ["duplicates", "--homonyms", "--store", location])
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert lines[:4] == [
        "1 name(s) used in articles that share no context",
        "person/irena-kovac  # Irena Kovac",
        "  in chess-weekly: beside Brno, Tomas Berger",
        "  in harbor-post: beside Valmont Dockworkers Union",
    ]


def test_a_large_derived_graph_written_in_parts_is_the_same(tmp_path, settings, monkeypatch):
    import newskg.reports as reports

    store = stored(tmp_path, settings, "harbor-post", "coastal-times")
    whole = set(store.graph(graph_iri(settings)))
    store.remove_graph(graph_iri(settings))
    monkeypatch.setattr(reports, "WRITE_PART", 5)  # many parts of five triples
    reports.link_reports(store, settings)
    assert set(store.graph(graph_iri(settings))) == whole and len(whole) > 20

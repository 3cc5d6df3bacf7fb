"""Network projections and analytics on the graph built from the gold digests
(tests/gold_graph.py), checked against the same digests: extraction can change without
moving them."""

from __future__ import annotations

import json
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from newskg.errors import NewskgError
from newskg.evaluate import load_gold, name_key
from newskg.graph import (
    Filters,
    connection,
    network_stats,
    projection,
    write_graph_file,
    write_network_page,
)
from newskg.graph.projections import MOST_PAIRED
from newskg.graph.render import cap_nodes
from tests.helpers import GOLD_DIR

GOLD = load_gold(GOLD_DIR)


def labels(g):
    return {name_key(d["label"]): n for n, d in g.nodes(data=True)}


def edge_between(g, a, b):
    ids = labels(g)
    return g.has_edge(ids[name_key(a)], ids[name_key(b)])


@pytest.fixture(scope="module")
def full(gold_store):
    return projection(gold_store, "full")


def test_full_view_has_gold_entities_and_participations(full):
    names = set(labels(full))
    for d in GOLD.values():
        for kind in ("persons", "organizations", "places"):
            for entry in d[kind]:
                assert name_key(entry["name"]) in names or any(
                    name_key(a) in names for a in entry["aliases"]
                ), entry
    discussion = next(
        e for e in GOLD["madrid-prisoners-discussion"]["events"] if e["type"] == "discussion"
    )
    event = next(
        n
        for n, d in full.nodes(data=True)
        if d["type"] == "event" and d.get("date") == str(discussion["date"])
    )
    for p in discussion["participants"]:
        node = labels(full)[name_key(p["name"])]
        roles = {d["role"] for d in full.get_edge_data(node, event).values()}
        assert p["role"] in roles
        assert all(d["evidence"] for d in full.get_edge_data(node, event).values())


def test_people_view_links_speakers_to_facilitator(gold_store):
    people = projection(gold_store, "people")
    discussion = next(
        e for e in GOLD["madrid-prisoners-discussion"]["events"] if e["type"] == "discussion"
    )
    facilitator = next(p["name"] for p in discussion["participants"] if p["role"] == "facilitator")
    for p in discussion["participants"]:
        if p["role"] == "speaker":
            assert edge_between(people, p["name"], facilitator)
    # what more than a few people share is one node linked to each, not a link between any two
    for node, d in people.nodes(data=True):
        if d["type"] != "person":
            around = list(people.neighbors(node))
            assert len(around) > MOST_PAIRED
            assert all(people.nodes[n]["type"] == "person" for n in around)
            assert not any(people.has_edge(a, b) and "both at" in people[a][b].get("role", "")
                           and d.get("label", "") in people[a][b]["role"]
                           for a in around for b in around if a < b)  # fmt: skip


def test_organizations_view_links_through_shared_people(gold_store):
    orgs = projection(gold_store, "organizations")
    # gold: organizations a person is linked to (posts, education, membership)
    expected = set()
    for d in GOLD.values():
        linked = {
            p["name"]: {r["organization"] for r in p["roles"] if r["organization"]}
            for p in d["persons"]
        }
        for r in d.get("relations") or []:
            if r["relation"] in ("educated_at", "member_of"):
                linked.setdefault(r["subject"], set()).add(r["object"])
        for orgs_of_person in linked.values():
            ordered = sorted(name_key(o) for o in orgs_of_person)
            expected |= {frozenset((a, b)) for i, a in enumerate(ordered) for b in ordered[i + 1 :]}
    got = {
        frozenset((name_key(orgs.nodes[u]["label"]), name_key(orgs.nodes[v]["label"])))
        for u, v in orgs.edges()
    }
    assert got == expected
    assert all(d["type"] == "organization" for _, d in orgs.nodes(data=True))


def test_events_view_is_bipartite(gold_store):
    events = projection(gold_store, "events")
    assert nx.is_bipartite(events)
    conference = next(
        e for e in GOLD["brussels-prisoners-conference"]["events"] if e["type"] == "conference"
    )
    node = next(n for n, d in events.nodes(data=True) if d.get("date") == str(conference["date"]))
    neighbours = {name_key(events.nodes[n]["label"]) for n in events.neighbors(node)}
    assert {name_key(p["name"]) for p in conference["participants"]} <= neighbours


def test_filters(gold_store):
    ego = projection(gold_store, "full", Filters(focus="al-zaben", hops=1))
    assert name_key("Ammar al-Zaben") in labels(ego) and name_key("Amal Jadu") not in labels(ego)
    only = projection(gold_store, "full", Filters(article="brussels-prisoners-conference"))
    assert name_key("Amal Jadu") in labels(only) and name_key("Khaled Barakat") not in labels(only)
    recent = projection(gold_store, "full", Filters(since="2025-01-01", types=frozenset({"event"})))
    assert {d.get("date", "")[:4] for _, d in recent.nodes(data=True)} == {"2025"}
    with pytest.raises(NewskgError, match="no entity named"):
        projection(gold_store, "full", Filters(focus="Nobody Here"))


def test_analytics_and_path(full):
    stats = network_stats(full)
    top = max(stats.betweenness, key=stats.betweenness.get)
    assert full.nodes[top]["type"] in ("event", "person")
    assert len(stats.communities) >= 2
    hops = connection(full, "Omar al-Sharif", "Khaled Barakat")
    assert hops and all(h.evidence for h in hops)
    assert name_key(hops[0].source) == name_key("Omar al-Sharif")
    assert name_key(hops[-1].target) == name_key("Khaled Barakat")


def test_graph_files(tmp_path, full):
    gexf = write_graph_file(full, tmp_path / "g.gexf", "gexf")
    graphml = write_graph_file(full, tmp_path / "g.graphml", "graphml")
    data = json.loads(write_graph_file(full, tmp_path / "g.json", "json").read_text())
    assert ET.parse(gexf).getroot().tag.endswith("gexf")
    assert nx.read_graphml(graphml).number_of_nodes() == full.number_of_nodes()
    assert len(data["nodes"]) == full.number_of_nodes()


def test_large_graph_is_capped_and_page_stays_small(tmp_path):
    big = nx.barabasi_albert_graph(5000, 2, seed=1)
    nx.set_node_attributes(big, {n: {"label": f"entity {n}", "type": "person"} for n in big})
    shown, left_out = cap_nodes(big, 300)
    assert shown.number_of_nodes() == 300 and left_out == 4700
    degrees = sorted((d for _, d in big.degree()), reverse=True)
    # the most connected nodes are the ones kept
    left = [big.degree(n) for n in big if n not in shown]
    assert min(big.degree(n) for n in shown) >= max(left)
    assert max(dict(big.degree(shown)).values()) == degrees[0]
    page = write_network_page(big, tmp_path / "big.html", max_nodes=300)
    text = page.read_text()
    assert 'data-left-out="0"' in text  # above max_nodes the page aggregates, dropping none
    assert page.stat().st_size < 6_000_000


def _page_data(page: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    start = text.index(">", text.index('<script type="application/json" id="nkg-data"')) + 1
    return json.loads(text[start : text.index("</script>", start)])


def test_a_graph_above_max_nodes_opens_with_its_largest_communities_collapsed(tmp_path):
    big = nx.barabasi_albert_graph(5000, 2, seed=1)
    nx.set_node_attributes(big, {n: {"label": f"entity {n}", "type": "person"} for n in big})
    data = _page_data(write_network_page(big, tmp_path / "big.html", max_nodes=300))
    assert len(data["nodes"]) == 5000  # every node is held, to open on a click
    sizes: dict = {}
    for n in data["nodes"]:
        sizes[n["community"]] = sizes.get(n["community"], 0) + 1
    collapsed = data["collapsed"]
    assert 5000 - sum(sizes[c] for c in collapsed) <= 300  # drawn one by one: max_nodes
    # the largest first: every community left open is no larger than one collapsed
    assert max((sizes[c] for c in sizes if c not in collapsed), default=0) <= min(
        sizes[c] for c in collapsed
    )
    small = _page_data(write_network_page(big, tmp_path / "small.html", max_nodes=5000))
    assert small["collapsed"] == []


def test_communities_collapsed_at_start_stop_at_max_nodes_and_the_most_community_nodes(
    monkeypatch,
):
    from newskg.graph import render

    community = {f"n{i}": 1 + i % 10 for i in range(1000)}  # ten communities of 100
    assert render._collapsed_at_start(community, 1000, 1000) == []
    assert render._collapsed_at_start(community, 1000, 750) == [1, 2, 3]  # 700 left
    monkeypatch.setattr(render, "MOST_COMMUNITY_NODES", 2)
    assert render._collapsed_at_start(community, 1000, 100) == [1, 2]
    lonely = {f"n{i}": i for i in range(50)}  # a community of one is never collapsed
    assert render._collapsed_at_start(lonely, 50, 10) == []


def test_the_page_holds_at_most_page_most_nodes_the_most_connected(tmp_path, monkeypatch):
    from newskg.graph import render

    monkeypatch.setattr(render, "PAGE_MOST_NODES", 1000)
    big = nx.barabasi_albert_graph(3000, 2, seed=1)
    nx.set_node_attributes(big, {n: {"label": f"entity {n}", "type": "person"} for n in big})
    page = write_network_page(big, tmp_path / "big.html", max_nodes=300)
    assert 'data-left-out="2000"' in page.read_text(encoding="utf-8")
    assert len(_page_data(page)["nodes"]) == 1000
    raised = write_network_page(big, tmp_path / "raised.html", max_nodes=3000)
    assert len(_page_data(raised)["nodes"]) == 3000  # --max-nodes above it raises it


def test_page_draws_one_edge_per_pair_of_nodes(tmp_path):
    """A multigraph (one edge per stated fact) is drawn with one edge per pair, the first
    stated; the page's edge list is read back from vis-network's DataSet."""
    import re

    graph = nx.MultiGraph()
    for node in "abc":
        graph.add_node(node, label=node.upper(), type="person")
    graph.add_edge("a", "b", relation="first", weight=1)
    graph.add_edge("b", "a", relation="second", weight=1)
    graph.add_edge("b", "c", relation="third", weight=1)
    text = write_network_page(graph, tmp_path / "multi.html").read_text()
    edges = json.loads(re.search(r"edges = new vis\.DataSet\((\[.*?\])\);", text, re.S).group(1))
    assert sorted((e["from"], e["to"], e["label"]) for e in edges) == [
        ("a", "b", "first"),
        ("b", "c", "third"),
    ]


def test_timeline_keeps_dates_it_cannot_place_as_text(store):
    """Imported data may carry a date-time, a negative year or free text: the timeline
    places what it can and shows the rest as text, never failing."""
    from rdflib import Graph

    from newskg.graph import write_timeline_page
    from newskg.graph.projections import timeline_events

    kind = "nkg:eventType <https://w3id.org/newskg/vocab/event-type/other>"
    ttl = f"""@prefix schema: <http://schema.org/> . @prefix nkg: <https://w3id.org/newskg/ontology#> .
    <http://example.org/e1> a schema:Event ; {kind} ; schema:name "Dated" ;
        schema:startDate "2024-01-02T10:00:00Z" .
    <http://example.org/e2> a schema:Event ; {kind} ; schema:name "Ancient" ;
        schema:startDate "-0044-03-15" .
    <http://example.org/e3> a schema:Event ; {kind} ; schema:name "Vague" ;
        schema:startDate "in the spring" ."""
    store.replace_graph("http://example.org/g", Graph().parse(data=ttl).serialize(format="nt"))
    events = {e["label"]: e for e in timeline_events(store)}
    assert events["Dated"]["date"] == "2024-01-02"
    assert events["Ancient"]["date"] is None and events["Ancient"]["date_text"] == "-0044-03-15"
    assert events["Vague"]["date_text"] == "in the spring"
    page = write_timeline_page(list(events.values()), Path(tempfile.mkdtemp()) / "t.html")
    assert "in the spring" in page.read_text()


def test_a_misspelt_name_gets_the_names_it_is_close_to():
    import networkx as nx

    from newskg.graph.projections import find_node

    g = nx.Graph()
    g.add_node("p1", label="Lena Brandt", type="person", aliases=["L. Brandt"])
    g.add_node("p2", label="Ivo Marek", type="person")
    with pytest.raises(NewskgError, match=r"did you mean 'Lena Brandt'\?"):
        find_node(g, "Lena Brant")
    with pytest.raises(NewskgError, match="lists the people"):
        find_node(g, "Somebody Else")
    assert find_node(g, "l. brandt") == "p1"


def test_each_sentence_of_an_events_place_is_one_fact_with_its_articles_headline(store):
    """An event told in two sentences, with a place: the link to the place holds two facts,
    one per sentence, each with the article's headline and outlet (a second match on the
    event's sentences made four). A fact in a graph that is not an article's is left out."""
    from rdflib import Graph

    from newskg.graph import full_projection

    prefixes = """@prefix schema: <http://schema.org/> .
    @prefix nkg: <https://w3id.org/newskg/ontology#> . @prefix oa: <http://www.w3.org/ns/oa#> .
    @prefix org: <http://www.w3.org/ns/org#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix ex: <http://example.org/> ."""
    article = f"""{prefixes}
    ex:a1 a schema:NewsArticle ; schema:identifier "a1" ; schema:headline "Harbour talks" ;
        schema:publisher [ schema:name "Coast Gazette" ] .
    ex:talks a schema:Event ; schema:name "Harbour talks" ; schema:location ex:port ;
        nkg:evidence ex:s1, ex:s2 .
    ex:s1 oa:hasSelector [ oa:exact "The talks opened at the port." ] .
    ex:s2 oa:hasSelector [ oa:exact "The port hosted a second day of talks." ] .
    ex:port a schema:Place ; schema:name "Port Vell" .
    ex:m1 nkg:refersTo ex:port ."""
    store.replace_graph("http://example.org/a1", Graph().parse(data=article).serialize(format="nt"))
    stray = f"""{prefixes}
    ex:f a org:Membership ; org:member ex:talks ; org:organization ex:port ; rdfs:label "host" ;
        nkg:evidence ex:s1 .
    ex:s1 oa:hasSelector [ oa:exact "Not an article's sentence." ] ."""
    store.replace_graph(
        "http://example.org/notes", Graph().parse(data=stray).serialize(format="nt")
    )
    g = full_projection(store)
    facts = [d for _, _, d in g.edges("http://example.org/talks", data=True)]
    assert sorted(f["evidence"] for f in facts) == [
        "The port hosted a second day of talks.",
        "The talks opened at the port.",
    ]
    assert {(f["relation"], f["article"], f["headline"], f["outlet"]) for f in facts} == {
        ("took place in", "a1", "Harbour talks", "Coast Gazette")
    }


_SAME_PAGE = """
import sys
import networkx as nx
from newskg.graph import write_network_page
from newskg.graph.projections import Filters, apply_filters

g = nx.MultiGraph()
kinds = ("person", "organization", "event")
for i in range(60):
    g.add_node(f"n{i}", label=f"Node {i}", type=kinds[i % 3], articles=["a1"])
for i in range(60):
    for j in (i + 1, i * 7 % 60):
        if j != i and j < 60 and (i < 40) == (j < 40):  # two groups of linked nodes
            g.add_edge(f"n{i}", f"n{j}", relation="took part in", article="a1", subject=f"n{i}")
view = apply_filters(g, Filters(types=frozenset({"person", "event"})))
write_network_page(view, sys.argv[1])
"""


def test_the_same_graph_makes_the_same_page_in_every_process(tmp_path):
    """The page's layout starts from the order of the nodes, and networkx's subgraphs take
    the order of a set, which follows string hashing: the same graph, filtered, drew
    another picture in each process. Two processes with other hash seeds write one page."""
    import os
    import subprocess
    import sys

    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"page-{seed}.html"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run(
            [sys.executable, "-c", _SAME_PAGE, str(out)],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        pages.append(out.read_text(encoding="utf-8"))
    assert '"x": ' in pages[0]
    assert pages[0] == pages[1]

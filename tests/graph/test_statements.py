"""A fact reads one way: in the page's details ("X is a child of Y", whose role it is) and in
the graph files for other tools (edges directed from the fact's subject)."""

from __future__ import annotations

import networkx as nx

from newskg.graph.files import write_graph_file
from newskg.graph.projections import people_projection
from newskg.graph.render import _edges_by_pair


def family() -> nx.MultiGraph:
    g = nx.MultiGraph()
    g.add_node("ana", label="Ana Reyes", type="person")
    g.add_node("tom", label="Tom Reyes", type="person")
    g.add_node("meet", label="Meeting of Ana Reyes and Tom Reyes", type="event")
    # Ana is the subject: "Ana's son Tom" → the relation child, from Ana to Tom
    g.add_edge("tom", "ana", subject="ana", relation="child", evidence="Ana's son Tom.")
    g.add_edge("ana", "meet", subject="ana", relation="took part in", role="speaker")
    g.add_edge("tom", "meet", subject="tom", relation="took part in", role="attendee")
    return g


def test_a_directed_relation_reads_from_its_subject_whichever_way_the_edge_was_stored():
    pairs, _ = _edges_by_pair(family(), 100)
    statements = {f["statement"] for p in pairs for f in p["facts"]}
    assert "Tom Reyes is a child of Ana Reyes" in statements
    assert "Ana Reyes took part in Meeting of Ana Reyes and Tom Reyes as speaker" in statements
    child = next(p for p in pairs if p["relation"] == "child")
    assert (child["from"], child["to"]) == ("ana", "tom")


def test_the_people_view_says_whose_role_each_shared_fact_is():
    people = people_projection(family())
    pairs, _ = _edges_by_pair(people, 100)
    statements = {f["statement"] for p in pairs for f in p["facts"]}
    assert "Tom Reyes took part in Meeting of Ana Reyes and Tom Reyes as attendee" in statements
    assert "Ana Reyes took part in Meeting of Ana Reyes and Tom Reyes as speaker" in statements


def test_graph_files_have_edges_directed_from_the_facts_subject(tmp_path):
    gexf = nx.read_gexf(write_graph_file(family(), tmp_path / "g.gexf", "gexf"))
    assert gexf.is_directed()
    child = [(u, v) for u, v, d in gexf.edges(data=True) if d.get("relation") == "child"]
    assert child == [("ana", "tom")]


def test_organizations_are_linked_by_shared_people_and_shared_events():
    from newskg.graph.projections import organizations_projection

    g = nx.MultiGraph()
    for node, kind in (("a", "organization"), ("b", "organization"), ("c", "organization"),
                       ("p", "person"), ("e", "event")):  # fmt: skip
        g.add_node(node, label=node.upper() + " name", type=kind)
    g.add_edge("p", "a", subject="p", relation="member of", role="chair")
    g.add_edge("p", "b", subject="p", relation="member of", role="treasurer")
    g.add_edge("b", "e", subject="b", relation="took part in", role="organizer")
    g.add_edge("c", "e", subject="c", relation="took part in", role="attendee")
    orgs = organizations_projection(g)
    assert orgs["a"]["b"]["role"] == "shares people: P name"
    assert orgs["b"]["c"]["role"] == "shares events: E name"
    assert not orgs.has_edge("a", "c")
    pairs, _ = _edges_by_pair(orgs, 10)
    statements = {f["statement"] for p in pairs for f in p["facts"]}
    assert "C name took part in E name as attendee" in statements


def test_the_layout_is_about_as_wide_as_the_canvas_not_a_tall_column():
    from newskg.graph.render import CANVAS_ASPECT, _layout

    g = nx.Graph()
    for k in range(40):  # forty small groups and one large one, as a collection has
        g.add_edges_from((f"g{k}-{i}", f"g{k}-{i + 1}") for i in range(3))
    g.add_edges_from((f"big-{i}", f"big-{(i * 7) % 60}") for i in range(60))
    positions = _layout(g)
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    aspect = (max(xs) - min(xs)) / (max(ys) - min(ys))
    assert CANVAS_ASPECT / 1.6 <= aspect <= CANVAS_ASPECT * 1.6, aspect

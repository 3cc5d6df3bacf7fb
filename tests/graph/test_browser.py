"""The pages in a real browser (Debian's Chromium, headless, driven by Playwright) with the
network switched off: the network is drawn, no script error, and markup in entity names,
evidence and labels stays text and runs nothing."""

from __future__ import annotations

import networkx as nx
import pytest

from newskg.graph import write_network_page, write_timeline_page
from tests.helpers.browser import CHROMIUM, FLAGS

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian chromium is not installed (make test installs it)"
)

HOSTILE = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(2)</script>"


def hostile_graph() -> nx.MultiGraph:
    g = nx.MultiGraph()
    g.add_node("p1", label=HOSTILE, type="person", articles=["a1"], aliases=[SCRIPT])
    g.add_node("o1", label="Harbour Union " + SCRIPT, type="organization", articles=["a1"])
    g.add_node("e1", label="Dock strike", type="event", articles=["a1"], date="2024-03-01")
    g.add_edge(
        "p1",
        "o1",
        relation="member of",
        role="chair" + SCRIPT,
        evidence=f"{HOSTILE} said {SCRIPT}",
        headline=f"<b>{HOSTILE}</b>",
        outlet="Post & <i>Times</i>",
    )
    g.add_edge(
        "p1", "e1", relation="took part in", role="speaker", evidence="x", headline="h", outlet="o"
    )
    return g


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


WIDE = {"width": 1400, "height": 900}  # the window the page is laid out for
# the page's logic is the same whichever view draws it: vis-network on a canvas, sigma on WebGL
RENDERERS = ["canvas", "webgl"]


def open_page(browser, path, viewport=None):
    context = browser.new_context(offline=True, viewport=viewport)
    page = context.new_page()
    events = {"dialogs": [], "errors": [], "requests": []}
    page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    page.on("console", lambda m: m.type == "error" and events["errors"].append(m.text))
    page.on("request", lambda r: not r.url.startswith("file:") and events["requests"].append(r.url))
    page.goto(path.as_uri())
    return page, events


def test_network_page_draws_offline_and_escapes(browser, tmp_path):
    out = write_network_page(hostile_graph(), tmp_path / "network.html", title=f"net {HOSTILE}")
    page, events = open_page(browser, out)
    page.wait_for_function("typeof network !== 'undefined' && nodes.length === 3", timeout=15000)
    assert page.locator("canvas").count() >= 1
    assert page.evaluate("nodes.length") == 3
    assert HOSTILE in page.evaluate("nodes.get().map(n => n.label)")
    # hover the hostile node so its tooltip is built from the text
    x, y = page.evaluate("""(() => { const p = network.getPositions(['p1'])['p1'];
                                      const d = network.canvasToDOM(p); const r = document.querySelector('canvas').getBoundingClientRect();
                                      return [d.x + r.left, d.y + r.top]; })()""")
    page.mouse.move(x, y)
    page.wait_for_timeout(600)
    page.screenshot(path=str(tmp_path / "network.png"))
    page.evaluate("nkg.showNode('p1')")  # the details panel: names, roles and evidence
    page.evaluate("nkg.showEdge(edges.get()[0].id)")
    page.evaluate("nkg.showNode('p1')")
    assert HOSTILE in page.inner_text("#nkg-details") and "alert(2)" in page.inner_text(
        "#nkg-details"
    )
    page.fill("#nkg-search", "onerror")
    assert HOSTILE in page.inner_text("#nkg-matches")
    assert page.locator("img").count() == 0  # nothing became markup
    assert HOSTILE in page.title()  # the title is text, not markup
    assert events["dialogs"] == [] and events["errors"] == [], events
    assert events["requests"] == []
    assert (tmp_path / "network.png").stat().st_size > 1000


def test_timeline_page_escapes(browser, tmp_path):
    events_data = [
        {
            "label": HOSTILE,
            "type": "release",
            "date": "2024-03-01",
            "place": SCRIPT,
            "participants": [{"name": HOSTILE, "role": "subject"}],
        },
        {
            "label": "Founding",
            "type": "founding",
            "date": "2014",
            "place": None,
            "participants": [],
        },
    ]
    events_data.append({"label": SCRIPT, "type": "other", "date": None, "date_text": HOSTILE})
    out = write_timeline_page(events_data, tmp_path / "timeline.html")
    page, events = open_page(browser, out)
    page.wait_for_function("document.body.getAttribute('data-nkg-ready') === '1'", timeout=15000)
    text = page.inner_text("#nkg-timeline") + page.inner_text("#nkg-undated")
    page.screenshot(path=str(tmp_path / "timeline.png"))
    assert HOSTILE in text and "alert(2)" in text
    assert page.locator("#nkg-timeline .vis-box, #nkg-timeline .vis-range").count() == 2
    page.locator(".vis-item", has_text="onerror").first.click()
    assert SCRIPT in page.inner_text("#nkg-details")  # the place, as text
    assert page.locator("img").count() == 0
    assert events["dialogs"] == [] and events["errors"] == [] and events["requests"] == []


def ready(page):
    page.wait_for_function("document.body.getAttribute('data-nkg-ready') === '1'", timeout=15000)


def fact(evidence, article="a1", date=""):
    return {"evidence": evidence, "article": article, "headline": f"Story {article}",
            "outlet": "Valley Post", "published": "2024-06-02", "date": date}  # fmt: skip


def namesakes_graph() -> nx.MultiGraph:
    g = nx.MultiGraph()
    g.add_node("p1", label="Lena Okafor", type="person", articles=["a1"])
    g.add_node("p2", label="Lena Brandt", type="person", articles=["a2"])
    g.add_node("o1", label="Harbour Union", type="organization", articles=["a1"])
    g.add_node("e1", label="Dock strike", type="event", articles=["a1"], date="2020-01-15")
    g.add_node("e2", label="Port rally", type="event", articles=["a2"], date="2024-06-01")
    g.add_edge(
        "p1", "o1", relation="member of", role="chair", **fact("Lena Okafor chairs the union.")
    )
    g.add_edge(
        "p1",
        "e1",
        relation="took part in",
        role="speaker",
        **fact("Okafor spoke at the strike.", date="2020-01-15"),
    )
    g.add_edge(
        "p2",
        "e2",
        relation="took part in",
        role="organizer",
        **fact("Lena Brandt organized the rally.", "a2", "2024-06-01"),
    )
    return g


@pytest.mark.parametrize("renderer", RENDERERS)
def test_search_lists_every_namesake_and_opens_the_chosen_one(browser, tmp_path, renderer):
    out = write_network_page(namesakes_graph(), tmp_path / "network.html", renderer=renderer)
    page, events = open_page(browser, out)
    ready(page)
    page.fill("#nkg-search", "lena")
    listed = page.locator("#nkg-matches button").all_text_contents()
    assert sorted(t.split(" person")[0] for t in listed) == ["Lena Brandt", "Lena Okafor"]
    page.locator("#nkg-matches button", has_text="Lena Brandt").click()
    details = page.inner_text("#nkg-details")
    assert "Lena Brandt" in details and "Lena Brandt organized the rally." in details
    assert "Story a2" in details and "Valley Post" in details  # the article behind it
    assert page.evaluate("nkg.selected()") == ["p2"]
    page.fill("#nkg-search", "zzz")
    assert "no match" in page.inner_text("#nkg-matches")
    assert events["errors"] == [] and events["requests"] == []


@pytest.mark.parametrize("renderer", RENDERERS)
def test_a_date_range_hides_events_outside_it(browser, tmp_path, renderer):
    out = write_network_page(namesakes_graph(), tmp_path / "network.html", renderer=renderer)
    page, events = open_page(browser, out)
    ready(page)
    dates = page.evaluate("nkg.data.dates")
    assert dates == ["2020-01-15", "2024-06-01"]
    page.evaluate("document.getElementById('nkg-since').value = 1")
    page.dispatch_event("#nkg-since", "input")
    hidden = page.evaluate("nkg.hiddenNodes().sort()")
    assert "e1" in hidden and "e2" not in hidden
    assert page.inner_text("#nkg-range") == "2024-06-01 – 2024-06-01"
    assert events["errors"] == [] and events["requests"] == []


@pytest.mark.parametrize("renderer", RENDERERS)
def test_the_people_view_links_two_spouses(browser, tmp_path, renderer):
    from newskg.graph.projections import people_projection

    full = nx.MultiGraph()
    full.add_node("p1", label="Ana Ferreira", type="person")
    full.add_node("p2", label="Rui Ferreira", type="person")
    full.add_node("p3", label="Tom Baker", type="person")
    full.add_edge("p2", "p1", relation="spouse", **fact("His wife, Ana Ferreira, is a scientist."))
    people = people_projection(full)
    assert people.edges["p1", "p2"]["role"] == "spouse"
    out = write_network_page(people, tmp_path / "people.html", renderer=renderer)
    page, events = open_page(browser, out)
    ready(page)
    edge = page.evaluate("nkg.data.edges.map(e => [e.from, e.to, e.label])")
    assert edge == [["p1", "p2", "spouse"]] or edge == [["p2", "p1", "spouse"]]
    page.evaluate("nkg.showEdge(nkg.data.edges[0].id)")
    assert "His wife, Ana Ferreira, is a scientist." in page.inner_text("#nkg-details")
    assert events["errors"] == [] and events["requests"] == []


def test_the_timeline_shows_an_events_sentence_and_article(browser, tmp_path):
    event = {
        "id": "e1", "label": "Port rally", "type": "protest", "date": "2024-06-01",
        "place": "Valmont", "participants": [{"name": "Lena Brandt", "role": "organizer"}],
        "sentence": "Lena Brandt organized the rally.", "article": "a2",
        "headline": "Rally at the port", "outlet": "Valley Post", "published": "2024-06-02",
    }  # fmt: skip
    year_only = {"id": "e2", "label": "Founding", "type": "founding", "date": "2014"}
    no_year = {
        "id": "e3",
        "label": "Sit-in",
        "type": "protest",
        "date": None,
        "date_text": "7 October",
    }
    out = write_timeline_page([event, year_only, no_year], tmp_path / "timeline.html")
    page, events = open_page(browser, out)
    ready(page)
    page.locator(".vis-item", has_text="Port rally").first.click()
    details = page.inner_text("#nkg-details")
    assert "Lena Brandt organized the rally." in details
    assert "Rally at the port — Valley Post — 2024-06-02 (a2)" in details
    assert page.locator("#nkg-details a").get_attribute("href") == "network.html#node=e1"
    assert "(year)" in page.inner_text("#nkg-timeline")  # a year is shown as one
    assert "7 October (year unknown)" in page.inner_text("#nkg-undated")
    assert events["errors"] == [] and events["requests"] == []


def test_the_demo_view_is_legible_and_the_same_at_every_load(browser, tmp_path, sample_store):
    from newskg.graph import projection

    out = write_network_page(projection(sample_store, "full"), tmp_path / "network.html")
    positions = []
    for _ in range(2):
        context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.goto(out.as_uri())
        ready(page)
        # a label is drawn at its font size times the zoom of the initial fit
        assert page.evaluate("network.getScale()") * 16 >= 10
        page.screenshot(path=str(tmp_path / "demo.png"))
        positions.append(page.evaluate("network.getPositions()"))
        context.close()
    assert positions[0] == positions[1] and len(positions[0]) > 30


@pytest.mark.parametrize("renderer", RENDERERS)
def test_a_link_from_the_timeline_opens_the_event_in_the_network(browser, tmp_path, renderer):
    out = write_network_page(namesakes_graph(), tmp_path / "network.html", renderer=renderer)
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.goto(out.as_uri() + "#node=e2")
    ready(page)
    assert page.evaluate("nkg.selected()") == ["e2"]
    assert "Port rally" in page.inner_text("#nkg-details")
    context.close()


@pytest.mark.parametrize("renderer", RENDERERS)
def test_an_outlet_filter_keeps_what_that_outlet_published(browser, tmp_path, renderer):
    g = namesakes_graph()
    g.add_edge(
        "p2", "o1", relation="member of", role="treasurer", **fact("Brandt keeps the books.", "a3")
    )
    for _, _, data in g.edges(data=True):
        if data.get("article") == "a3":
            data["outlet"] = "Hill Times"
    out = write_network_page(g, tmp_path / "network.html", renderer=renderer)
    page, events = open_page(browser, out)
    ready(page)
    page.select_option("#nkg-outlet", "Hill Times")
    shown = page.evaluate(
        "nkg.shownEdges().map(id => nkg.data.edges.find(e => e.id === id))"
        ".map(e => [e.from, e.to].sort().join('-'))"
    )
    assert shown == ["o1-p2"]
    assert events["errors"] == [] and events["requests"] == []


@pytest.mark.parametrize("renderer", RENDERERS)
def test_the_network_links_to_the_timeline_with_its_filters(browser, tmp_path, renderer):
    out = write_network_page(namesakes_graph(), tmp_path / "network.html", renderer=renderer)
    page, events = open_page(browser, out)
    ready(page)
    page.evaluate("document.getElementById('nkg-since').value = 1")
    page.dispatch_event("#nkg-since", "input")
    href = page.get_attribute("#nkg-to-timeline", "href")
    assert href == "timeline.html#since=2024-06-01&until=2024-06-01"
    assert events["errors"] == []


def test_the_timeline_opens_on_the_dates_the_network_gives(browser, tmp_path):
    event = {"id": "e1", "label": "Port rally", "type": "protest", "date": "2024-06-01"}
    out = write_timeline_page([event], tmp_path / "timeline.html")
    context = browser.new_context(offline=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(out.as_uri() + "#since=2024-06-01&until=2024-06-01")
    ready(page)
    start, end = page.evaluate(
        "[nkg.timeline.getWindow().start.toISOString(), nkg.timeline.getWindow().end.toISOString()]"
    )
    assert start < "2024-06-01T00:00" and end > "2024-06-02T00:00"  # the day, whole
    assert errors == []
    context.close()


def test_the_participant_timeline_draws_a_person_with_two_roles_in_one_event(browser, tmp_path):
    ceremony = {
        "id": "e1", "label": "Harbour prize ceremony", "type": "award", "date": "2024-06-01",
        "participants": [
            {"name": "Lena Brandt", "role": "speaker"},
            {"name": "Lena Brandt", "role": "honoree"},
            {"name": "Ivo Marek", "role": "organizer"},
        ],
    }  # fmt: skip
    out = write_timeline_page([ceremony], tmp_path / "timeline.html")
    page, events = open_page(browser, out)
    ready(page)
    page.select_option("#nkg-group", "entity")
    page.wait_for_timeout(300)
    boxes = page.locator("#nkg-timeline .vis-item.vis-box")
    assert boxes.count() == 2  # one per participant of the event
    assert "as speaker, honoree" in page.inner_text("#nkg-timeline")
    assert "Lena Brandt" in page.inner_text("#nkg-timeline .vis-labelset")
    assert events["errors"] == []


def test_the_participant_timeline_of_the_demo_draws_without_an_error(
    browser, tmp_path, sample_store
):
    from newskg.graph.projections import timeline_events

    out = write_timeline_page(timeline_events(sample_store), tmp_path / "timeline.html")
    page, events = open_page(browser, out)
    ready(page)
    page.select_option("#nkg-group", "entity")
    page.wait_for_timeout(300)
    assert page.locator(
        "#nkg-timeline .vis-item.vis-box, #nkg-timeline .vis-item.vis-range"
    ).count()
    assert page.locator("#nkg-timeline .vis-label").count() > 5  # a row per participant
    assert events["errors"] == []


@pytest.mark.parametrize("renderer", RENDERERS)
def test_a_statement_by_one_speaker_alone_is_drawn_only_when_asked_for(browser, tmp_path, renderer):
    g = nx.MultiGraph()
    g.add_node("p1", label="Lena Brandt", type="person", articles=["a1"])
    g.add_node("p2", label="Ivo Marek", type="person", articles=["a1"])
    g.add_node("e1", label="Meeting of Lena Brandt and Ivo Marek", type="event", articles=["a1"])
    g.add_node("e2", label="Statement by Lena Brandt", type="event", articles=["a1"],
               event_type="speech", lone_statement=True)  # fmt: skip
    for person in ("p1", "p2"):
        g.add_edge(person, "e1", relation="took part in", role="attendee", evidence="x")
    g.add_edge("p1", "e2", relation="took part in", role="speaker", evidence="y")
    out = write_network_page(g, tmp_path / "network.html", renderer=renderer)
    page, events = open_page(browser, out)
    ready(page)
    hidden = "(id) => nkg.hiddenNodes().includes(id)"
    assert page.evaluate(hidden, "e2") and not page.evaluate(hidden, "e1")
    page.check("#nkg-statements")
    assert not page.evaluate(hidden, "e2")
    assert events["errors"] == []


def test_a_lone_statement_is_marked_in_the_projection(tmp_path, settings):
    from newskg import ingest_paths, open_store
    from newskg.graph import projection

    (tmp_path / "a.txt").write_text(
        "Lena Ortiz and Tomas Ruiz met in Bergen on Tuesday.\n\n"
        "Ortiz said on Wednesday that the plan was sound.\n",
        encoding="utf-8",
    )
    store = open_store("memory:")
    assert ingest_paths([tmp_path / "a.txt"], store, settings).ok
    graph = projection(store, "full")
    kinds = {d.get("event_type"): bool(d.get("lone_statement")) for _, d in graph.nodes(data=True)
             if d.get("type") == "event"}  # fmt: skip
    assert kinds == {"meeting": False, "speech": True}


@pytest.mark.parametrize("renderer", RENDERERS)
def test_search_is_ranked_the_panel_reads_from_the_top_and_codes_read_as_words(
    browser, tmp_path, renderer
):
    g = nx.MultiGraph()
    g.add_node("p1", label="Lena Brandt", type="person", articles=["a1"])
    g.add_node("p2", label="Ivo Marek", type="person", articles=["a1"])
    g.add_node("c1", label="Bergen", type="place", articles=["a1"])
    for i in range(3):  # events whose labels hold her name come after her
        g.add_node(f"e{i}", label=f"Meeting {i} of Lena Brandt", type="event", articles=["a1"])
        g.add_edge("p1", f"e{i}", subject="p1", relation="took part in", role="attendee",
                   evidence="x " * 200)  # fmt: skip
    g.add_edge("p2", "c1", subject="p2", relation="born_in", evidence="Ivo was born in Bergen.")
    out = write_network_page(g, tmp_path / "network.html", renderer=renderer)
    page, events = open_page(browser, out)
    ready(page)
    page.fill("#nkg-search", "lena")
    first = page.locator("#nkg-matches li button").first.inner_text()
    assert first.startswith("Lena Brandt")
    assert "born in" in page.inner_text("#nkg-edge-legend") and "born_in" not in page.inner_text(
        "#nkg-edge-legend"
    )
    page.locator("#nkg-matches li button").first.click()
    page.evaluate("document.getElementById('nkg-details').scrollTop = 500")
    page.fill("#nkg-search", "ivo")
    page.locator("#nkg-matches li button").first.click()
    assert page.evaluate("document.getElementById('nkg-details').scrollTop") == 0
    assert "Ivo Marek was born in Bergen" in page.inner_text("#nkg-details")
    wrap = page.evaluate(
        "(() => { const d = document.createElement('div'); d.className = 'vis-tooltip';"
        " document.body.appendChild(d); return getComputedStyle(d).whiteSpace; })()"
    )
    assert wrap == "pre-wrap"
    assert events["errors"] == []


DRAWN_LABELS = """() => Object.values(network.body.nodes)
  .filter(n => !n.options.hidden && n.options.font && n.options.font.size > 0
               && n.labelModule && n.labelModule.size && n.labelModule.size.width > 0
               && !String(n.id).startsWith('cluster'))
  .map(n => { const s = n.labelModule.size;
              const a = network.canvasToDOM({x: s.left, y: s.top});
              const b = network.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
              return {id: String(n.id), x0: a.x, y0: a.y, x1: b.x, y1: b.y}; })"""


def labels_placed(page) -> None:
    """The page is drawn and has placed its labels (they are placed after the first frame)."""
    ready(page)
    page.wait_for_function("+document.body.getAttribute('data-nkg-labels') > 0", timeout=15000)
    page.wait_for_timeout(200)


def _labels_drawn(page) -> list[dict]:
    """The labels vis-network drew, in screen pixels, inside the canvas."""
    width, height = page.evaluate(
        "[network.canvas.frame.canvas.clientWidth, network.canvas.frame.canvas.clientHeight]"
    )
    boxes = page.evaluate(DRAWN_LABELS)
    return [
        b for b in boxes if b["x1"] > 0 and b["y1"] > 0 and b["x0"] < width and b["y0"] < height
    ]


def _overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["id"], b["id"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x0"] < b["x1"] - 1
        and b["x0"] < a["x1"] - 1
        and a["y0"] < b["y1"] - 1
        and b["y0"] < a["y1"] - 1
    ]


def _star_graph(nodes: int) -> nx.MultiGraph:
    """People around events: a few hubs with many links, many with few."""
    g = nx.MultiGraph()
    hubs = max(3, nodes // 20)
    for h in range(hubs):
        g.add_node(f"e{h}", label=f"Harbour meeting number {h}", type="event", articles=["a"])
    for i in range(nodes - hubs):
        g.add_node(f"p{i}", label=f"Person {i:04d} Lindqvist", type="person", articles=["a"])
        for h in {i % hubs, (i * 7) % hubs}:
            g.add_edge(f"p{i}", f"e{h}", subject=f"p{i}", relation="took part in", role="attendee")
    return g


@pytest.mark.parametrize("size", [232, 2000])
def test_labels_name_the_main_nodes_at_every_size_and_never_overlap(browser, tmp_path, size):
    out = write_network_page(_star_graph(size), tmp_path / "network.html", max_nodes=5000)
    page, _ = open_page(browser, out, WIDE)
    labels_placed(page)
    overview = _labels_drawn(page)
    assert len(overview) >= 5, len(overview)  # before: none at 232 nodes, none after zooming
    assert _overlapping(overview) == []
    top = page.evaluate(
        "nkg.data.nodes.slice().sort((a, b) => b.degree - a.degree || (a.label < b.label ? -1 : 1))"
        "[0].id"
    )
    assert top in {b["id"] for b in overview}  # the most connected is named first
    page.evaluate("network.moveTo({scale: network.getScale() * 3, animation: false})")
    page.evaluate("network.emit('zoom', {})")
    page.wait_for_timeout(300)
    closer = _labels_drawn(page)
    assert closer and _overlapping(closer) == []
    size_px = page.evaluate(
        f"network.body.nodes['{closer[0]['id']}'].options.font.size * network.getScale()"
    )
    assert 11 <= size_px <= 13  # readable on screen at any zoom
    page.context.close()


def test_the_demo_names_its_nodes_without_overlap(browser, tmp_path, sample_store):
    from newskg.graph import projection

    out = write_network_page(projection(sample_store, "full"), tmp_path / "network.html")
    page, _ = open_page(browser, out, WIDE)
    labels_placed(page)
    drawn = _labels_drawn(page)
    assert len(drawn) >= 15 and _overlapping(drawn) == []
    page.context.close()


def test_the_panels_sit_beside_the_canvas_not_over_its_nodes(browser, tmp_path, sample_store):
    from newskg.graph import projection

    out = write_network_page(projection(sample_store, "full"), tmp_path / "network.html")
    page, _ = open_page(browser, out, WIDE)
    ready(page)

    def rect(selector: str) -> dict:
        return page.evaluate(f"(() => {{ const r = document.querySelector('{selector}')"
                             ".getBoundingClientRect(); return {l: r.left, r: r.right}; })()")  # fmt: skip

    def apart(a: dict, b: dict) -> bool:
        return a["r"] <= b["l"] + 1 or b["r"] <= a["l"] + 1

    assert apart(rect("#nkg-panel"), rect("#mynetwork canvas"))
    page.fill("#nkg-search", "a")
    page.locator("#nkg-matches li button").first.click()
    page.wait_for_timeout(200)
    assert not page.locator("#nkg-details").is_hidden()
    canvas = rect("#mynetwork canvas")
    assert apart(rect("#nkg-details"), canvas) and apart(rect("#nkg-panel"), canvas)
    assert canvas["r"] - canvas["l"] > 500  # the graph keeps most of the window
    page.click("#nkg-fold")  # folding the controls gives the canvas their room
    page.wait_for_timeout(200)
    assert rect("#mynetwork canvas")["l"] < 60
    page.context.close()


def test_communities_are_named_by_their_most_connected_members(browser, tmp_path):
    out = write_network_page(_star_graph(232), tmp_path / "network.html", max_nodes=5000)
    page, events = open_page(browser, out)
    ready(page)
    page.click("#nkg-communities")
    page.wait_for_timeout(300)
    labels = page.evaluate(
        "Object.values(network.body.nodes).filter(n => String(n.id).startsWith('community-'))"
        ".map(n => n.options.label)"
    )
    assert labels and all(label.startswith("Harbour meeting number") for label in labels)
    assert all("+" in label for label in labels)  # "A, B +12": how many more it holds
    assert events["errors"] == []


def test_the_webgl_page_draws_offline_escapes_and_exports(browser, tmp_path):
    out = write_network_page(
        hostile_graph(), tmp_path / "network.html", title=f"net {HOSTILE}", renderer="webgl"
    )
    page, events = open_page(browser, out, WIDE)
    ready(page)
    assert page.locator("canvas").count() >= 1  # sigma's layers
    assert page.evaluate("nkg.view.graph.order") == 3
    assert page.evaluate("nkg.view.graph.getNodeAttribute('p1', 'label')") == HOSTILE
    page.evaluate("nkg.showNode('p1')")
    details = page.inner_text("#nkg-details")
    assert HOSTILE in details and "alert(2)" in details
    page.fill("#nkg-search", "onerror")
    assert HOSTILE in page.inner_text("#nkg-matches")
    png = page.evaluate("nkg.view.png()")
    assert png.startswith("data:image/png;base64,") and len(png) > 2000
    with page.expect_download() as gexf:
        page.click("#nkg-gexf")
    from xml.etree import ElementTree

    labels = [n.get("label") for n in ElementTree.parse(gexf.value.path()).iter() if n.get("label")]
    assert HOSTILE in labels  # the name, as text, in what Gephi reads
    assert page.locator("img").count() == 0 and HOSTILE in page.title()
    assert events["dialogs"] == [] and events["errors"] == [] and events["requests"] == []


def test_the_webgl_page_collapses_communities_and_opens_one_on_click(browser, tmp_path):
    out = write_network_page(_star_graph(240), tmp_path / "network.html", renderer="webgl")
    page, events = open_page(browser, out, WIDE)
    ready(page)
    page.click("#nkg-communities")
    communities = page.evaluate("nkg.view.graph.nodes().filter(n => n.startsWith('community-'))")
    assert len(communities) > 3
    label = page.evaluate(f"nkg.view.graph.getNodeAttribute('{communities[0]}', 'label')")
    assert "+" in label  # named by its most connected members: "A, B +12"
    hidden = page.evaluate("nkg.hiddenNodes().length")
    assert hidden > 100
    page.evaluate(f"nkg.view.renderer.emit('clickNode', {{ node: '{communities[0]}' }})")
    assert page.evaluate("nkg.hiddenNodes().length") < hidden  # its members are back
    assert events["errors"] == []


def test_auto_draws_a_big_graph_with_webgl_and_a_small_one_on_the_canvas(tmp_path):
    from newskg.graph.webgl import CANVAS_MOST_NODES

    big = write_network_page(_star_graph(CANVAS_MOST_NODES + 1), tmp_path / "big.html")
    small = write_network_page(namesakes_graph(), tmp_path / "small.html")
    assert 'class="nkg-webgl"' in big.read_text(encoding="utf-8")
    assert "sigma" not in small.read_text(encoding="utf-8").lower().split("<body", 1)[1][:2000]
    assert "new vis.Network" in small.read_text(encoding="utf-8")


def test_the_webgl_page_draws_the_most_connected_in_view_and_the_chosen_ones(browser, tmp_path):
    out = write_network_page(_star_graph(3000), tmp_path / "network.html", renderer="webgl")
    page, events = open_page(browser, out, WIDE)
    ready(page)
    drawn = page.evaluate("nkg.view.graph.nodes()")
    assert 100 < len(drawn) <= 400 < 3000  # a frame's worth, not all 3,000
    top = page.evaluate(
        "nkg.data.nodes.slice().sort((a, b) => b.degree - a.degree || (a.label < b.label ? -1 : 1))"
        ".slice(0, 20).map(n => n.id)"
    )
    assert set(top) <= set(drawn)  # the most connected first
    assert "zoom in for more" in page.inner_text("#nkg-drawn")
    lonely = next(n for n in page.evaluate("nkg.data.nodes.map(n => n.id)") if n not in drawn)
    page.evaluate(f"nkg.choose('{lonely}')")
    page.wait_for_timeout(100)
    now = page.evaluate("nkg.view.graph.nodes()")
    neighbours = page.evaluate(
        f"nkg.data.edges.filter(e => e.from === '{lonely}' || e.to === '{lonely}')"
        f".map(e => e.from === '{lonely}' ? e.to : e.from)"
    )
    assert lonely in now and set(neighbours) <= set(now)  # the chosen node, with its links
    assert page.evaluate("nkg.selected()") == [lonely]
    assert page.evaluate("nkg.hiddenNodes().length") < 3000  # filters still see every node
    assert events["errors"] == []


@pytest.mark.parametrize("renderer", RENDERERS)
def test_a_graph_above_max_nodes_opens_as_communities_that_open_on_a_click(
    browser, tmp_path, renderer
):
    out = write_network_page(
        _star_graph(1500), tmp_path / "network.html", max_nodes=400, renderer=renderer
    )
    page, events = open_page(browser, out, WIDE)
    ready(page)
    collapsed = page.evaluate("nkg.data.collapsed")
    assert collapsed, "the page opens with communities collapsed"
    held = page.evaluate(
        "nkg.data.nodes.filter(n => nkg.data.collapsed.indexOf(n.community) >= 0).length"
    )
    assert 1500 - held <= 400  # at most max_nodes drawn one by one
    assert page.evaluate("nkg.hiddenNodes().length") >= held
    assert "communities" in page.inner_text("#nkg-notice")
    community = f"community-{collapsed[0]}"
    members = page.evaluate(
        f"nkg.data.nodes.filter(n => n.community === {collapsed[0]}).map(n => n.id)"
    )
    if renderer == "webgl":
        assert page.evaluate(f"nkg.view.graph.hasNode('{community}')")
        page.evaluate(f"nkg.view.renderer.emit('clickNode', {{ node: '{community}' }})")
        assert not page.evaluate(f"nkg.view.graph.hasNode('{community}')")
    else:
        assert page.evaluate(f"network.isCluster('{community}')")
        page.evaluate(
            f"network.body.emitter.emit('click', {{ nodes: ['{community}'], edges: [] }})"
        )
        assert page.evaluate(f"network.body.nodes['{community}'] === undefined")
    hidden = set(page.evaluate("nkg.hiddenNodes()"))
    assert not hidden & set(members)  # its members are drawn
    # a node inside a community still collapsed is found, opened and chosen
    other = page.evaluate(
        f"nkg.data.nodes.find(n => n.community === {collapsed[1]} && n.type === 'person').id"
    )
    page.fill("#nkg-search", page.evaluate(f"nkg.data.nodes.find(n => n.id === '{other}').label"))
    page.click("#nkg-matches button")
    assert page.evaluate("nkg.selected()") == [other]
    assert other not in page.evaluate("nkg.hiddenNodes()")
    assert page.evaluate(f"nkg.data.nodes.find(n => n.id === '{other}').label") in page.inner_text(
        "#nkg-details"
    )
    assert events["errors"] == []


@pytest.mark.parametrize("renderer", RENDERERS)
def test_a_community_opened_keeps_hidden_what_the_filters_hide(browser, tmp_path, renderer):
    out = write_network_page(
        _star_graph(1500), tmp_path / "network.html", max_nodes=400, renderer=renderer
    )
    page, events = open_page(browser, out, WIDE)
    ready(page)
    page.uncheck("#nkg-lonely")  # the people stay shown without their events' links
    page.uncheck("input[name=type][value=event]")
    page.wait_for_timeout(100)
    first = page.evaluate("nkg.data.collapsed[0]")
    members = page.evaluate(f"nkg.data.nodes.filter(n => n.community === {first})")
    assert {m["type"] for m in members} == {"event", "person"}
    if renderer == "webgl":
        page.evaluate(f"nkg.view.renderer.emit('clickNode', {{ node: 'community-{first}' }})")
    else:
        page.evaluate(
            f"network.body.emitter.emit('click', {{ nodes: ['community-{first}'], edges: [] }})"
        )
    hidden = set(page.evaluate("nkg.hiddenNodes()"))
    assert all((m["id"] in hidden) == (m["type"] == "event") for m in members)
    assert events["errors"] == []

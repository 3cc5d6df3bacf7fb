"""The pages in a real browser (Debian's Chromium, headless, driven by Playwright) with the
network switched off: the network is drawn, no script error, and markup in entity names,
evidence and labels stays text and runs nothing."""

from __future__ import annotations

import shutil

import networkx as nx
import pytest

from newskg.graph import write_network_page, write_timeline_page

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian chromium is not installed (make test installs it)"
)

HOSTILE = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(2)</script>"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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


def open_page(browser, path):
    context = browser.new_context(offline=True)
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
    out = write_timeline_page(events_data, tmp_path / "timeline.html")
    page, events = open_page(browser, out)
    text = page.inner_text("#events")
    page.screenshot(path=str(tmp_path / "timeline.png"))
    assert HOSTILE in text and "alert(2)" in text
    assert page.locator("img").count() == 0 and page.locator("circle").count() == 2
    assert events["dialogs"] == [] and events["errors"] == []

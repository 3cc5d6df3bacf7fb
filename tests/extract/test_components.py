"""Extraction is a list of registered components whose order is data, checked before it runs:
a step that reads what no step before it writes, an unknown step, or a second writer of a
slot that does not read it is refused in one line; while a component runs it can read and
write only the slots it declares; a component of one's own joins by its name in the order."""

from __future__ import annotations

import pytest

from newskg.extract import default_steps, extract
from newskg.extract.components import (
    COMPONENTS,
    Component,
    ComponentError,
    Slots,
    check,
    component,
    shipped_order,
)
from newskg.model import Article

TEXT = (
    'Lena Ortiz, the chief executive of Halden Bank, said on Monday that the plan "will not '
    'raise taxes".'
)


@pytest.fixture
def registered():
    """Components registered by a test are removed after it."""
    before = set(COMPONENTS)
    yield
    for name in set(COMPONENTS) - before:
        del COMPONENTS[name]


def test_the_shipped_order_runs_every_built_in_component_once_and_passes_its_check():
    order = shipped_order()
    assert len(order) == len(set(order))
    assert [step.name for step in default_steps()] == order
    assert {"mentions", "clusters", "context", "roles", "events", "quantities"} <= set(order)


def test_a_step_that_reads_what_no_earlier_step_writes_is_refused():
    order = shipped_order()
    order.remove("context")
    order.insert(order.index("events") + 1, "context")
    with pytest.raises(ComponentError, match="'roles' reads 'context', which no component before"):
        check(order)


def test_an_unknown_step_is_refused_with_the_names_there_are():
    with pytest.raises(ComponentError, match="no component named 'entitys'.*clusters"):
        check(["mentions", "entitys"])


def test_a_second_writer_of_a_slot_must_read_it(registered):
    @component("test.overwrite", requires=["doc"], assigns=["entities"])
    def overwrite(slots: Slots) -> None:
        slots["entities"] = {}

    order = shipped_order()
    order.insert(order.index("clusters") + 1, "test.overwrite")
    with pytest.raises(
        ComponentError, match="'test.overwrite' writes 'entities', which 'clusters'"
    ):
        check(order)


def _step(name: str, requires: tuple[str, ...], assigns: tuple[str, ...]) -> Component:
    return Component(name, lambda slots: None, requires, assigns, "")


def test_a_running_component_sees_only_the_slots_it_declares():
    slots = Slots(doc="parse", article="article", entities={})
    view = slots.view(_step("test.reader", ("doc",), ("mentions",)))
    assert view["doc"] == "parse"
    with pytest.raises(ComponentError, match="reads 'entities', which it does not declare"):
        view["entities"]
    with pytest.raises(ComponentError, match="writes 'quotes', which it does not declare"):
        view["quotes"] = []
    view["mentions"] = ["m"]
    assert slots["mentions"] == ["m"]


def test_an_order_without_a_step_extracts_without_what_it_finds(nlp):
    article = Article(id="t", text=TEXT)
    full = extract(article, nlp)
    assert full.quotes and full.roles
    order = [name for name in shipped_order() if name != "quotes"]
    without = extract(article, nlp, steps=check(order))
    assert without.quotes == []
    assert [r.title for r in without.roles] == [r.title for r in full.roles]


def test_a_component_of_ones_own_joins_the_order_by_name(registered, nlp):
    @component("test.long_quotes_only", requires=["quotes"], assigns=["quotes"])
    def long_quotes_only(slots: Slots) -> None:
        """Keeps quotes of three words or more."""
        slots["quotes"] = [q for q in slots["quotes"] if len(q.text.split()) >= 3]

    article = Article(id="t", text=TEXT + ' "It works," she said.')
    assert len(extract(article, nlp).quotes) == 2
    order = shipped_order()
    order.insert(order.index("quotes") + 1, "test.long_quotes_only")
    quotes = extract(article, nlp, steps=check(order)).quotes
    assert [q.text for q in quotes] == ["will not raise taxes"]


def test_an_order_that_cannot_run_is_refused_when_the_pipeline_loads(monkeypatch):
    import newskg.extract
    from newskg.extract import load_pipeline

    monkeypatch.setattr(newskg.extract, "shipped_order", lambda: ["events", "mentions"])
    default_steps.cache_clear()
    try:
        with pytest.raises(ComponentError, match="'events' reads 'context'"):
            load_pipeline("any")  # refused before any model is looked for
    finally:
        monkeypatch.undo()
        default_steps.cache_clear()


def test_the_readme_example_of_a_component_of_ones_own_runs(registered):
    from tests.helpers import ROOT

    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("#### Add an extractor of your own", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)
    assert [q.text for q in scope["extraction"].quotes] == ["will not raise taxes"]


def test_a_parse_sent_between_processes_gives_the_same_extraction(nlp):
    from newskg.extract.nlp import parse_from_bytes, parse_to_bytes

    article = Article(
        id="t",
        text="Lena Ortiz, the mayor of Tarvik, met Ivo Brandt in Halden on Monday.\n\n"
        '"We agreed on 12 points," she said. Police arrested two men on Tuesday.',
        published="2024-05-10",
    )
    sent = parse_from_bytes(nlp, parse_to_bytes(nlp(article.text)))
    assert sent.text == article.text
    assert extract(article, nlp, doc=sent) == extract(article, nlp)

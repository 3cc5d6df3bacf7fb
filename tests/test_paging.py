"""Pages found through a query's listing (newskg.paging) are exactly the engine's pages of
the query's own ORDER BY, while reading only the anchors the page needs."""

from __future__ import annotations

import pytest
from rdflib import RDF, Variable
from rdflib.plugins.sparql.parser import parseQuery

from newskg import open_store
from newskg.errors import QueryError
from newskg.paging import Listing, SortKey, page, read_listing, sort_rows
from newskg.query import library, run_query, with_prefixes

LISTED = sorted(name for name, q in library().items() if q.listing is not None)


def test_the_slow_queries_have_listings():
    assert {"event-participants", "events-timeline", "event-reports", "facts-by-rule"} <= set(
        LISTED
    )


def _order_by(text: str) -> list[tuple[str, bool]]:
    """(variable, descending) of each ORDER BY condition, read from rdflib's parse tree."""
    tree = parseQuery(text)[1]
    found = []
    for condition in tree["orderby"]["condition"]:
        descending = getattr(condition, "name", "") == "OrderCondition" and (
            condition.get("order") == "DESC"
        )
        expr = condition
        while not isinstance(expr, Variable):  # DESC(?x) nests ?x in expression nodes
            expr = expr["expr"]
        found.append((str(expr), descending))
    return found


@pytest.mark.parametrize("name", LISTED)
def test_a_listing_orders_as_its_query_begins_to(name):
    q = library()[name]
    keys = [(k.name, k.descending) for k in q.listing.keys]
    assert keys and _order_by(q.text)[: len(keys)] == keys
    assert f"?{q.listing.anchor}" in q.text  # the query's pattern binds the anchor


def _rows(result) -> list[tuple]:
    return [tuple(str(row.get(v, "")) for v in result.variables) for row in result.rows]


def _pages_agree(store, q, bindings, pages) -> int:
    """Each (limit, offset) page through the listing equals the engine's; returns the whole
    answer's length."""
    whole = _rows(run_query(store, q.text, bindings))
    for limit, offset in pages(len(whole)):
        through = run_query(store, q.text, bindings, limit=limit, offset=offset, listing=q.listing)
        engine = run_query(store, q.text, bindings, limit=limit, offset=offset)
        assert _rows(through) == _rows(engine) == whole[offset : offset + limit], (limit, offset)
        assert through.variables == engine.variables
    return len(whole)


def _spread(n: int) -> list[tuple[int, int]]:
    return [(1, 0), (3, 2), (10, 5), (50, 0), (5, max(n - 2, 0)), (5, n + 3), (n + 10, 0)]


@pytest.fixture(scope="module")
def generated(tmp_path_factory, settings):
    """Generated articles whose recurring events are told by several outlets: reported
    events, differing claims and many rows for every listed query."""
    from newskg import ingest_paths
    from tests.helpers.corpus import BRIEF, write_corpus

    folder = tmp_path_factory.mktemp("generated")
    write_corpus(folder, 60, seed=3, paragraphs=BRIEF)
    store = open_store("memory:")
    assert ingest_paths([folder], store, settings).ok
    return store


@pytest.mark.parametrize("name", LISTED)
def test_pages_through_the_listing_are_the_engines_on_generated_articles(generated, name):
    q = library()[name]
    assert _pages_agree(generated, q, q.bindings({}), _spread) > 20


@pytest.mark.parametrize("name", LISTED)
def test_pages_through_the_listing_are_the_engines_on_the_gold_graph(gold_store, name):
    q = library()[name]
    _pages_agree(gold_store, q, q.bindings({}), _spread)


def test_a_parameter_narrows_the_listing_and_the_pages(gold_store):
    q = library()["event-participants"]
    role = run_query(gold_store, q.text).rows[0]["participantRole"]
    bindings = q.bindings({"role": str(role)})
    assert _pages_agree(gold_store, q, bindings, _spread) >= 1


# --- made-up events: names told on several dates, undated ones, many events ---------------

_LISTING = """# events by date and name
# @order ?date ?name
PREFIX schema: <http://schema.org/>
SELECT DISTINCT ?name ?date WHERE {
  GRAPH ?g { ?e a schema:Event ; schema:name ?name . OPTIONAL { ?e schema:startDate ?date } }
}
"""
_QUERY = with_prefixes(
    """SELECT ?date ?name (COUNT(?e) AS ?told) WHERE {
  GRAPH ?g { ?e a schema:Event ; schema:name ?name . }
  OPTIONAL { GRAPH ?g { ?e schema:startDate ?date } }
} GROUP BY ?date ?name ORDER BY ?date ?name"""
)


@pytest.fixture(scope="module")
def events():
    store = open_store("memory:")
    lines = []
    for i in range(300):
        e = f"<https://example.org/e{i}>"
        lines.append(f"{e} <{RDF.type}> <http://schema.org/Event> .")
        lines.append(f'{e} <http://schema.org/name> "event {i % 40:02d}" .')
        if i % 3:  # a third of them undated; the others over years, months and days
            date = [
                f'"{2000 + i % 7}"^^<http://www.w3.org/2001/XMLSchema#gYear>',
                f'"{2000 + i % 7}-0{1 + i % 9}"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>',
                f'"{2000 + i % 7}-0{1 + i % 9}-1{i % 10}"^^<http://www.w3.org/2001/XMLSchema#date>',
            ][(i // 3) % 3]
            lines.append(f"{e} <http://schema.org/startDate> {date} .")
    for part in range(3):  # three graphs, as articles (an event's lines in one)
        mine = [line for line in lines if int(line.split(">")[0].rsplit("e", 1)[1]) % 3 == part]
        store.replace_graph(f"https://example.org/a{part}", "\n".join(mine) + "\n")
    return store


@pytest.fixture
def listing(tmp_path) -> Listing:
    path = tmp_path / "events.rq"
    path.write_text(_LISTING, encoding="utf-8")
    return read_listing(path)


class _Counting:
    """A run function that records how many anchors each round asked for."""

    def __init__(self, store):
        self.store, self.texts = store, []

    def __call__(self, text: str, seconds):
        self.texts.append(text)
        return run_query(self.store, text, timeout=seconds)

    def anchors(self) -> list[int]:
        return [t.count('"event ') for t in self.texts[1:]]  # rounds after the listing


def test_a_name_on_several_dates_comes_once_per_date_in_order(events, listing):
    whole = _rows(run_query(events, _QUERY))
    assert len({row[1] for row in whole}) == 40 < len(whole)  # names with several dates
    assert whole[0][0] == ""  # undated first, as SPARQL orders unbound
    for limit, offset in _spread(len(whole)):
        run = _Counting(events)
        found = page(run, _QUERY, {}, listing, limit, offset, None)
        assert found is not None
        assert _rows(found) == whole[offset : offset + limit], (limit, offset)


def test_a_first_page_asks_for_a_few_anchors_not_all(events, listing):
    run = _Counting(events)
    found = page(run, _QUERY, {}, listing, 5, 0, None)
    assert found is not None and len(found.rows) == 5
    assert sum(run.anchors()) <= 16 < len(run.texts[0]) and len(run.texts) <= 3


def test_a_page_that_needs_a_huge_round_is_left_to_the_engine(events, listing, monkeypatch):
    import newskg.paging as paging

    monkeypatch.setattr(paging, "MOST_ANCHORS", 2)
    one_name = Listing(listing.text.replace("?name ?date", "?name"), "name", (SortKey("x"),))
    # every name has the same (unbound) key: one round of all 40, over the limit
    assert page(_Counting(events), _QUERY, {}, one_name, 5, 0, None) is None


def test_rows_sort_as_the_engine_orders_the_terms_newskg_writes(store):
    terms = [
        '"2024"^^xsd:gYear',
        '"2024-01-01"^^xsd:date',
        '"2023-12-31"^^xsd:date',
        '"2023"^^xsd:gYear',
        '"2024-05"^^xsd:gYearMonth',
        '"10"^^xsd:integer',
        '"9"^^xsd:integer',
        '"2.5"^^xsd:decimal',
        '"Zoë"',
        '"zebra"',
        '"Ábel"',
        "<https://example.org/b>",
        "<https://example.org/a>",
        "UNDEF",
    ]
    for group in (terms[:5], terms[5:8], terms[8:11], terms[11:]):
        values = " ".join(group)
        for direction in ("ASC", "DESC"):
            text = with_prefixes(
                f"SELECT ?x WHERE {{ VALUES ?x {{ {values} }} }} ORDER BY {direction}(?x)"
            )
            engine = run_query(store, text).rows
            mine = list(reversed(engine))
            sort_rows(mine, (SortKey("x", direction == "DESC"),))
            assert [r.get("x") for r in mine] == [r.get("x") for r in engine], direction


def test_a_listing_without_its_order_line_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text("SELECT ?e WHERE { ?e ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError, match="broken.rq"):
        read_listing(path)

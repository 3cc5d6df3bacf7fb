"""The query library on the graph built from the gold digests (tests/gold_graph.py), so the
expected answers, taken from the same digests, do not move when extraction changes;
parameter injection, update and remote-access refusal, timeouts, and inference."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from newskg.errors import QueryError
from newskg.evaluate import load_gold, name_key
from newskg.query import bind_values, library, load_query, run_query
from newskg.rdf.inference import infer
from tests.helpers import GOLD_DIR

GOLD = load_gold(GOLD_DIR)


def ask(store, name, **params):
    q = load_query(name)
    result = run_query(store, q.text, q.bindings({k: str(v) for k, v in params.items()}))
    return [{k: str(v) for k, v in row.items()} for row in result.rows]


def gold_all(kind):
    return [x for d in GOLD.values() for x in d.get(kind) or []]


def test_library_has_a_header_for_every_query():
    queries = library()
    assert len(queries) >= 13
    for q in queries.values():
        assert q.description, q.name
        for p in q.params:
            assert p.doc, (q.name, p.name)


def test_people_roles(gold_store):
    canonical = {
        name_key(a): name_key(o["name"])
        for o in gold_all("organizations")
        for a in [o["name"], *(o.get("aliases") or [])]
    }
    rows = {
        (
            name_key(r["name"]),
            canonical.get(name_key(r.get("organization")), name_key(r.get("organization"))),
        )
        for r in ask(gold_store, "people-roles")
    }
    expected = {
        (name_key(p["name"]), name_key(r["organization"]))
        for p in gold_all("persons")
        for r in p["roles"]
    }
    assert len(expected & rows) >= 0.9 * len(expected)
    one = ask(gold_store, "people-roles", person="AMJAD AL-NAJJAR")
    assert {(r["title"], r["organization"]) for r in one} == {
        ("Director-General", "Palestinian Prisoners Club")
    }


def test_person_profile(gold_store):
    rows = ask(gold_store, "person-profile", person="Dr. Khaled Hamad")
    facets = {(r["facet"], r["value"], r.get("detail", "")) for r in rows}
    alliance = next(
        o["name"]
        for o in load_gold(GOLD_DIR)["brussels-prisoners-conference"]["organizations"]
        if o["name"].startswith("European Alliance")
    )
    assert ("role", "General Coordinator", alliance) in facets
    roles_in_events = {d for f, _v, d in facets if f == "event"}
    assert {"speaker", "honoree"} <= roles_in_events  # gold: speaker and honoree
    gold_quote = next(q["text"] for q in gold_all("quotes") if q["speaker"] == "Khaled Hamad")
    assert any(f == "quote" and gold_quote.rstrip(".") in v for f, v, _ in facets)
    assert ("article", "brussels-prisoners-conference", "") in facets


def test_organization_members(gold_store):
    rows = ask(gold_store, "organization-members", organization="palestinian prisoners club")
    got = {(r["person"], r["title"]) for r in rows}
    expected = {
        (p["name"], r["title"])
        for p in gold_all("persons")
        for r in p["roles"]
        if r["organization"] == "Palestinian Prisoners Club"
    }
    assert got == expected


def test_events_timeline(gold_store):
    dates = {r.get("date") for r in ask(gold_store, "events-timeline")}
    expected = {str(e["date"]) for e in gold_all("events") if e.get("date")}
    assert expected <= dates
    recent = {r.get("date") for r in ask(gold_store, "events-timeline", since="2025-01-01")}
    assert recent == {d for d in expected if d >= "2025-01-01"}


def test_event_participants(gold_store):
    rows = ask(gold_store, "event-participants", type="discussion")
    got = {(r["participant"], r["participantRole"]) for r in rows}
    discussion = next(e for e in gold_all("events") if e["type"] == "discussion")
    assert got == {(p["name"], p["role"]) for p in discussion["participants"]}
    speakers = ask(gold_store, "event-participants", role="speaker")
    assert {"Amal Jadu", "Omar al-Sharif"} <= {r["participant"] for r in speakers}


def test_co_participation(gold_store):
    rows = ask(gold_store, "co-participation")
    pairs = {frozenset((r["a"], r["b"])) for r in rows}
    persons = {p["name"] for p in gold_all("persons")}
    for event in gold_all("events"):
        people = sorted({p["name"] for p in event["participants"] if p["name"] in persons})
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                assert frozenset((a, b)) in pairs, (a, b)


def test_organizations_linked(gold_store):
    # gold: which organizations share a person holding a post in both
    expected = set()
    for p in gold_all("persons"):
        orgs = sorted({r["organization"] for r in p["roles"] if r["organization"]})
        expected |= {frozenset((a, b)) for i, a in enumerate(orgs) for b in orgs[i + 1 :]}
    got = {
        frozenset((r["organizationA"], r["organizationB"]))
        for r in ask(gold_store, "organizations-linked")
    }
    assert got == expected


def test_quotes_by_person(gold_store):
    rows = ask(gold_store, "quotes-by-person")
    for q in gold_all("quotes"):
        assert any(
            r["speaker"] == q["speaker"] and q["text"].rstrip(".") in r["quote"] for r in rows
        ), q
    only = ask(gold_store, "quotes-by-person", person="Amal Jadu")
    assert len(only) == sum(1 for q in gold_all("quotes") if q["speaker"] == "Amal Jadu")


def test_quantity_claims_filter_by_bound(gold_store):
    rows = ask(gold_store, "quantity-claims", min=5000)
    expected = {
        q["value"]
        for q in gold_all("quantities")
        if q["value"] >= 5000 and q["qualifier"] in ("exact", "more_than", "at_least")
    }
    assert {float(r["value"]) for r in rows} == {float(v) for v in expected}
    assert rows[0]["qualifier"] == "more_than"


def test_places(gold_store):
    rows = ask(gold_store, "places")
    names = {name_key(r["place"]) for r in rows}
    assert {name_key(p["name"]) for p in gold_all("places")} <= names
    by_name = {r["place"]: r.get("events", "") for r in rows}
    for event in gold_all("events"):
        if event.get("place") in ("Brussels", "Madrid"):
            assert by_name[event["place"]], event["place"]


def test_multi_article_entities(gold_store):
    digests = list(GOLD.values())
    names = [
        {name_key(x["name"]) for k in ("persons", "organizations", "places") for x in d[k]}
        for d in digests
    ]
    expected = set.intersection(*names)
    got = {name_key(r["name"]) for r in ask(gold_store, "multi-article-entities")}
    assert expected and expected <= got


def test_fact_provenance(gold_store):
    membership = next(
        r["m"]
        for r in (
            {k: str(v) for k, v in row.items()}
            for row in run_query(
                gold_store,
                """
            PREFIX org: <http://www.w3.org/ns/org#> PREFIX schema: <http://schema.org/>
            SELECT ?m WHERE { ?m org:member/schema:name "Amin Shoman" }""",
            ).rows
        )
    )
    rows = ask(gold_store, "fact-provenance", fact=membership)
    assert rows and rows[0]["article"] == "brussels-prisoners-conference"
    assert "Amin Shoman, Chairman" in rows[0]["sentence"]
    body = str(
        next(
            iter(
                run_query(
                    gold_store,
                    """PREFIX schema: <http://schema.org/>
        SELECT ?b WHERE { ?a schema:identifier "brussels-prisoners-conference" ; schema:articleBody ?b }""",
                ).rows
            )
        )["b"]
    )
    assert body[int(rows[0]["start"]) : int(rows[0]["end"])] == rows[0]["sentence"]


def test_articles(gold_store):
    rows = {r["article"]: r for r in ask(gold_store, "articles")}
    for article_id, digest in GOLD.items():
        assert rows[article_id].get("outlet") == digest["outlet"]


PAYLOADS = [
    '" || true || "',
    "} UNION { ?s ?p ?o }",
    "> ",
    "x\nDROP ALL",
    "DROP ALL",
    '\\" } ; DELETE WHERE { ?s ?p ?o } #',
    'Khaled Hamad" . } #',
]


@pytest.mark.hostile
@pytest.mark.parametrize("payload", PAYLOADS)
def test_parameters_are_plain_values(gold_store, payload):
    before = len(gold_store)
    assert ask(gold_store, "people-roles", person=payload) == []
    assert ask(gold_store, "quotes-by-person", person=payload) == []
    assert len(gold_store) == before
    # the bound query, run by a SPARQL engine over a one-triple graph, has exactly one
    # solution, whose ?x is the payload itself: no clause of the payload took effect
    text = bind_values("SELECT * WHERE { ?s ?p ?o }", {"x": Literal(payload)})
    one = Graph()
    one.add((URIRef("urn:s"), URIRef("urn:p"), URIRef("urn:o")))
    rows = list(one.query(text))
    assert len(rows) == 1 and rows[0].x == Literal(payload)


def test_bad_typed_parameter_is_refused():
    with pytest.raises(QueryError, match="not a valid decimal"):
        load_query("quantity-claims").bindings({"min": "lots"})
    with pytest.raises(QueryError, match="not an IRI"):
        load_query("fact-provenance").bindings({"fact": "> } DROP ALL"})
    with pytest.raises(QueryError, match="unknown parameter"):
        load_query("articles").bindings({"nope": "1"})


def test_updates_are_refused_unless_allowed(store):
    with pytest.raises(QueryError, match="--allow-update"):
        run_query(store, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    run_query(store, "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }", allow_update=True)
    assert len(store) == 1


@pytest.mark.hostile
def test_remote_access_is_refused(gold_store, store, listener):
    port, count = listener
    url = f"http://127.0.0.1:{port}/sparql"
    for text in (
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    ):
        with pytest.raises(QueryError, match="--allow-remote"):
            run_query(gold_store, text)
    with pytest.raises(QueryError, match="--allow-remote"):
        run_query(store, f"LOAD <{url}>", allow_update=True)
    assert count["n"] == 0


def test_remote_access_hidden_from_a_text_scan_is_refused_on_every_path(
    gold_store, store, listener
):
    """`ex:a\\'` is a legal prefixed name; to a keyword scan it opens a string that hides
    the SERVICE after it. The parse tree does not hide it: the CLI path, the Python API and
    the store objects all refuse, and nothing connects."""
    import newskg

    port, count = listener
    url = f"http://127.0.0.1:{port}/sparql"
    hidden = (
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:a\\' ?o . "
        f"SERVICE <{url}> {{ ?x ?y ?z }} }}"
    )
    for call in (
        lambda: run_query(gold_store, hidden),
        lambda: newskg.select(gold_store, hidden),
        lambda: gold_store.select(hidden),
        lambda: gold_store.run(hidden, "select"),
        lambda: store.run(f"LOAD <{url}>", "update", allow_update=True),
    ):
        with pytest.raises(QueryError, match="reaches outside the store"):
            call()
    assert count["n"] == 0


def test_harmless_words_that_look_like_keywords_are_allowed(gold_store):
    text = (
        "PREFIX schema: <http://schema.org/> "
        "SELECT ?from ?load WHERE { ?from a schema:Service ; schema:name ?load } LIMIT 1"
    )
    assert run_query(gold_store, text).variables == ["from", "load"]


def test_invalid_sparql_is_one_line(gold_store):
    with pytest.raises(QueryError) as err:
        run_query(gold_store, "SELECT * WHERE { ?s ?p ")
    assert "\n" not in str(err.value) and "invalid SPARQL" in str(err.value)


def test_keywords_inside_strings_are_not_refused(gold_store):
    rows = run_query(gold_store, 'SELECT ?x WHERE { BIND("SERVICE FROM LOAD DROP" AS ?x) }').rows
    assert str(rows[0]["x"]) == "SERVICE FROM LOAD DROP"


def test_timeout_stops_with_a_clear_message(gold_store):
    # a cartesian product: millions of rows, seconds of work, finishes on its own afterwards
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(?c != ?f) }"
    with pytest.raises(QueryError, match="did not finish within 0.05 s"):
        run_query(gold_store, slow, timeout=0.05)


def test_inference_adds_standard_types_in_its_own_graph(settings):
    from newskg import ingest_paths, open_store
    from tests.helpers import SAMPLE_DIR

    store = open_store("memory:")
    ingest_paths([SAMPLE_DIR], store, settings)
    count = """PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a foaf:Person . ?p a prov:Agent }"""
    persons = sum(len(d["persons"]) for d in GOLD.values())
    assert int(run_query(store, count).rows[0]["n"]) == 0
    added = infer(store, "owlrl")
    assert added > 0
    assert int(run_query(store, count).rows[0]["n"]) == 0  # asserted view unchanged
    in_graphs = """PREFIX foaf: <http://xmlns.com/foaf/0.1/>
        SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?p a foaf:Person } }"""
    assert int(run_query(store, in_graphs).rows[0]["n"]) == 0  # GRAPH ?g does not see it either
    assert int(run_query(store, in_graphs, include_inferred=True).rows[0]["n"]) > 0
    assert int(run_query(store, count, include_inferred=True).rows[0]["n"]) >= persons
    size = len(store)
    infer(store, "owlrl")
    assert len(store) == size  # replaced, not added again


def test_internal_queries_are_read_only_sparql_in_files():
    """newskg's own queries are .rq files that parse and only read the store; no module
    under src/ writes a SELECT of its own as a Python string (store adapters aside)."""
    import re
    from pathlib import Path

    from newskg.rdf.sparql import check
    from newskg.resources import internal_query

    folder = Path(__file__).resolve().parents[1] / "src" / "newskg" / "internal_queries"
    names = sorted(p.stem for p in folder.glob("*.rq"))
    assert len(names) >= 20
    for name in names:
        assert check(internal_query(name)).form in ("select", "ask"), name
    inline = []
    for path in (folder.parent).rglob("*.py"):
        if path.parent.name in ("store", "cli") or path.name in ("serve.py", "sparql.py"):
            continue
        query_start = r"[\"']\s*(PREFIX \w*:|SELECT (DISTINCT )?[?(*])"
        if re.search(query_start, path.read_text(encoding="utf-8")):
            inline.append(path.name)
    assert not inline, inline


def test_every_library_description_is_a_whole_sentence():
    for name, q in library().items():
        assert q.description.endswith((".", "?", ")")), (name, q.description)
        assert len(q.description.split()) >= 5, name


def test_numbers_by_unit_and_what_they_belong_to(tmp_path, settings):
    from newskg import ingest_paths, open_store

    (tmp_path / "q.txt").write_text(
        "Halvorsen Group has agreed to buy Kestrel Foods for $2.3 billion, chief executive "
        "Mara Lind said on Tuesday.\n\nThe deal values Kestrel at $48 a share. Governor Ilse "
        "Brandt of the Civic Union won a second term on Sunday, taking 54.2% of the vote "
        "against 41.8% for challenger Jonas Weber of the Reform Party.\n",
        encoding="utf-8",
    )
    store = open_store("memory:")
    assert ingest_paths([tmp_path / "q.txt"], store, settings).ok
    query = library()["quantities-by-unit"]
    dollars = run_query(store, query.text, query.bindings({"unit": "USD"})).rows
    assert sorted(float(r["value"]) for r in dollars) == [48, 2.3e9]
    price = next(r for r in dollars if float(r["value"]) == 2.3e9)
    assert (str(price["belongsKind"]), str(price["belongsTo"])) == (
        "event",
        "Acquisition of Kestrel Foods by Halvorsen Group",
    )
    weber = run_query(store, query.text, query.bindings({"subject": "jonas weber"})).rows
    assert [(str(r["unit"]), float(r["value"])) for r in weber] == [("percent", 41.8)]


def _rows(store, name, **page):
    q = load_query(name)
    result = run_query(store, q.text, q.bindings({}), listing=q.listing, **page)
    return [tuple(str(row.get(v, "")) for v in result.variables) for row in result.rows]


@pytest.mark.parametrize(
    "name", ["event-participants", "events-timeline", "event-reports", "people-roles"]
)
def test_pages_are_the_whole_answer_in_order_with_no_row_twice(gold_store, name):
    whole = _rows(gold_store, name)
    assert len(whole) > 7, "too few rows to page"
    pages = [_rows(gold_store, name, limit=3, offset=k) for k in range(0, len(whole) + 3, 3)]
    assert [len(p) for p in pages[:-1]] == [3] * (len(pages) - 2) + [len(pages[-2])]
    assert [row for page in pages for row in page] == whole
    assert pages[-1] == []  # past the last row: an empty page, not an error


def test_a_page_stays_within_the_querys_own_limit_and_offset(gold_store):
    text = (
        "SELECT ?e ?label WHERE { GRAPH ?g { ?e a schema:Event ; schema:name ?label } } "
        "ORDER BY ?label ?e LIMIT 5 OFFSET 1"
    )
    from newskg.query import with_prefixes

    def rows(**page):
        result = run_query(gold_store, with_prefixes(text), **page)
        return [str(r["e"]) for r in result.rows]

    own = rows()
    assert len(own) == 5
    assert rows(limit=2, offset=0) == own[:2]
    assert rows(limit=10, offset=3) == own[3:]  # never rows past the query's own LIMIT
    assert rows(offset=4) == own[4:]


def test_a_negative_page_is_refused():
    from newskg.query import with_page

    with pytest.raises(QueryError, match="0 or more"):
        with_page("SELECT * WHERE { ?s ?p ?o }", -1)


def test_limit_and_offset_inside_strings_and_sub_selects_are_left_alone():
    from newskg.query import with_page

    text = 'SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p "LIMIT 3" } LIMIT 7 } } ORDER BY ?x'
    paged = with_page(text, 2, 4)
    assert paged.rstrip().endswith("ORDER BY ?x\nLIMIT 2 OFFSET 4")
    assert "LIMIT 7 } }" in paged and '"LIMIT 3"' in paged


def _order_and_projection(text: str) -> tuple[list[str], list[str]]:
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    algebra = translateQuery(parseQuery(text)).algebra
    node, order = algebra, None
    while order is None and node is not None:  # Project / Distinct / Slice wrap the OrderBy
        order = node if getattr(node, "name", None) == "OrderBy" else None
        node = node.get("p") if order is None else None
    assert order is not None, "no ORDER BY"
    conditions = [
        str(c.expr if getattr(c, "name", None) == "OrderCondition" else c) for c in order["expr"]
    ]
    return conditions, [str(v) for v in algebra["PV"]]


@pytest.mark.parametrize("name", sorted(library()))
def test_every_library_query_orders_its_rows_completely(name):
    """Pages are stable only if no two different rows can sort as equals: every projected
    variable is in the ORDER BY."""
    conditions, projected = _order_and_projection(load_query(name).text)
    assert [v for v in projected if v not in conditions] == []

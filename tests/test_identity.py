"""The same people across articles: one IRI for spelling variants, candidates for the rest,
and a curation file that records a person's decisions."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import OWL

from newskg import ingest_paths, open_store
from newskg.curation import apply_curation, find_candidates, load_curation
from newskg.digest import article_digest
from newskg.resolve import iri
from tests.helpers import write

FIRST = """---
outlet: Valley Post
published: 2024-02-01
---
Dr. Yusuf el-Tamimi, the director of the Hebron Water Authority, met farmers in Jenin on Monday. El-Tamimi said the wells were drying up. Nadia Haddad, a spokeswoman for the authority, confirmed the figures.
"""
SECOND = """---
outlet: Hill Times
published: 2024-02-09
---
Yusuf al-Tamimi warned of shortages in Jenin. Ms. Haddad said repairs would start in March. Tamimi will travel to Amman next week.
"""


def _store(tmp_path, settings):
    write(tmp_path / "a" / "first.md", FIRST)
    write(tmp_path / "a" / "second.md", SECOND)
    store = open_store("memory:")
    assert ingest_paths([tmp_path / "a"], store, settings).ok
    return store


def test_spelling_variants_share_one_iri(tmp_path, settings):
    store = _store(tmp_path, settings)
    first = article_digest(store, "first", settings)
    second = article_digest(store, "second", settings)
    # each article keeps its own spelling in its digest (next() fails the test if not) …
    next(p for p in first["persons"] if p["name"].endswith("el-Tamimi"))
    next(p for p in second["persons"] if p["name"].endswith("al-Tamimi"))
    rows = store.select(
        "PREFIX schema: <http://schema.org/> SELECT DISTINCT ?e WHERE { ?e a schema:Person ; schema:name ?n "
        'FILTER(CONTAINS(?n, "Tamimi") && CONTAINS(?n, "Yusuf")) }'
    )
    assert len(rows) == 1  # el-Tamimi and al-Tamimi are one person, one IRI
    assert rows.values("e")[0] == iri(settings.base_iri, "person/yusuf-al-tamimi")


def test_short_names_across_articles_are_candidates_not_merges(tmp_path, settings):
    store = _store(tmp_path, settings)
    pairs = {(c.a_name, c.b_name) for c in find_candidates(store, settings=settings)}
    names = {n for pair in pairs for n in pair}
    assert "Haddad" in names and "Nadia Haddad" in names
    # nothing was merged: the short form keeps its own IRI
    assert (
        len(
            store.select(
                'PREFIX schema: <http://schema.org/> SELECT ?e WHERE { ?e schema:name "Haddad" }'
            )
        )
        == 1
    )


def test_curation_graph_records_decisions(tmp_path, settings):
    store = _store(tmp_path, settings)
    before = len(store)
    curation = write(
        tmp_path / "curation.yaml",
        (
            "curator: Lee Park\n"
            # "Haddad" alone is an entity of its article (a one-word name)
            "same_as: [[person/second/haddad, person/nadia-haddad]]\n"
            "not_same_as: [[person/second/tamimi, person/yusuf-al-tamimi]]\n"
            "aliases: {person/nadia-haddad: [N. Haddad]}\n"
        ),
    )
    apply_curation(store, curation, settings)
    graph = store.graph(iri(settings.base_iri, "curation"))
    assert (
        URIRef(iri(settings.base_iri, "person/second/haddad")),
        OWL.sameAs,
        URIRef(iri(settings.base_iri, "person/nadia-haddad")),
    ) in graph
    assert any(str(o) == "Lee Park" for o in graph.objects())
    # decided pairs are no longer proposed
    left = {(c.a_name, c.b_name) for c in find_candidates(store, load_curation(curation), settings)}
    assert ("Haddad", "Nadia Haddad") not in left and ("Nadia Haddad", "Haddad") not in left
    # applying again replaces, never duplicates
    apply_curation(store, curation, settings)
    assert len(store) == before + len(graph)


def test_duplicates_prints_ids_whole_ready_for_the_curation_file(tmp_path, settings):
    """At any terminal width each proposed pair is one line whose ids, pasted under
    same_as: in a curation file, are what `curate` applies."""
    import yaml
    from typer.testing import CliRunner

    from newskg.cli import app

    location = f"oxigraph:{tmp_path / 'store'}"
    write(tmp_path / "a" / "first.md", FIRST)
    write(tmp_path / "a" / "second.md", SECOND)
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(tmp_path / "a"), "--store", location]).exit_code == 0
    shown = runner.invoke(app, ["duplicates", "--store", location], env={"COLUMNS": "40"})
    assert shown.exit_code == 0, shown.output
    pairs = [yaml.safe_load(line) for line in shown.output.splitlines() if line.startswith("[")]
    assert ["person/nadia-haddad", "person/second/haddad"] in [sorted(p) for p in pairs]
    chosen = next(p for p in pairs if "person/second/haddad" in p)
    curation = write(tmp_path / "curation.yaml", f"curator: Lee Park\nsame_as: [{chosen}]\n")
    assert runner.invoke(app, ["curate", str(curation), "--store", location]).exit_code == 0
    again = runner.invoke(app, ["duplicates", "--curation", str(curation), "--store", location])
    assert "person/nadia-haddad" not in again.output


def test_a_one_word_name_is_an_entity_of_its_article(tmp_path, settings):
    """A first name alone says too little to be one person across the corpus: each article
    that never gives the full name has its own "Dmitri"; a full name stays corpus-wide."""
    write(tmp_path / "b" / "north.md", "Dmitri Volkov visited Konya. Dmitri said it was cold.\n")
    write(tmp_path / "b" / "south.md", "Later, Dmitri thanked the volunteers in Mersin.\n")
    write(tmp_path / "b" / "west.md", "Farmers met Dmitri in Izmir on Friday. Dmitri said no.\n")
    store = open_store("memory:")
    assert ingest_paths([tmp_path / "b"], store, settings).ok
    named = store.select(
        'PREFIX schema: <http://schema.org/> SELECT ?e WHERE { ?e a schema:Person ; schema:name "Dmitri" }'
    ).values("e")
    assert sorted(named) == [
        iri(settings.base_iri, "person/south/dmitri"),
        iri(settings.base_iri, "person/west/dmitri"),
    ]
    full = store.select(
        'PREFIX schema: <http://schema.org/> SELECT ?e WHERE { ?e schema:alternateName "Dmitri" }'
    ).values("e")
    assert full == [iri(settings.base_iri, "person/dmitri-volkov")]

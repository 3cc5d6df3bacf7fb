"""The word lists are data (extract/lang/en/*.yaml): every value that names a type, a role, a
relation, a qualifier or a country must be one the ontology or the gazetteer knows, so a
user's edit that mistypes one fails here, not silently in the graph."""

from __future__ import annotations

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import SKOS

from newskg.extract import gazetteer
from newskg.extract.vocabulary import events, load
from tests.helpers import ROOT

NKV = Namespace("https://w3id.org/newskg/vocab/")


@pytest.fixture(scope="module")
def notations() -> dict[str, set[str]]:
    graph = Graph().parse(ROOT / "ontology" / "vocabularies.ttl")
    found: dict[str, set[str]] = {}
    for concept, scheme in graph.subject_objects(SKOS.inScheme):
        name = str(scheme).rsplit("/", 1)[-1]
        found.setdefault(name, set()).add(str(graph.value(concept, SKOS.notation)))
    return found


def test_event_triggers_name_event_types_and_roles(notations):
    vocab = events()
    triggers = list(vocab.verbs.values()) + list(vocab.nouns.values())
    assert len(triggers) > 150
    for trigger in triggers:
        assert trigger.type in notations["event-type"], trigger
        assert trigger.when_fatal in (None, *notations["event-type"]), trigger
        assert trigger.when_score in (None, *notations["event-type"]), trigger
        assert set(trigger.by_object.values()) <= notations["event-type"], trigger
        assert set(trigger.roles.values()) <= notations["participant-role"], trigger
        for etype, roles in trigger.own_roles_by_type.items():
            assert etype in set(trigger.by_object.values()), trigger  # a type it can take
            assert {r for r in roles.values() if r} <= notations["participant-role"], trigger
    for etype, roles in vocab.roles_by_type.items():
        assert etype in notations["event-type"]
        assert {r for r in roles.values() if r} <= notations["participant-role"], etype
    assert vocab.person_patient_types <= notations["event-type"]
    assert vocab.same_event_types and all(
        g <= notations["event-type"] for g in vocab.same_event_types
    )


def test_event_types_are_the_skos_event_type_scheme():
    """Each entry of events.yaml `types` is one concept of the scheme: same notation, label,
    definition and broader type; the scheme has no concept without an entry."""
    graph = Graph().parse(ROOT / "ontology" / "vocabularies.ttl")
    scheme = NKV["event-type"]
    concepts = {
        str(graph.value(c, SKOS.notation)): c for c in graph.subjects(SKOS.inScheme, scheme)
    }
    types = events().types
    assert set(types) == set(concepts)
    for name, etype in types.items():
        c = concepts[name]
        assert str(graph.value(c, SKOS.prefLabel)) == etype.label, name
        assert str(graph.value(c, SKOS.definition)) == etype.definition, name
        broader = graph.value(c, SKOS.broader)
        assert (str(graph.value(broader, SKOS.notation)) if broader else None) == etype.broader
        assert (broader is None) == ((scheme, SKOS.hasTopConcept, c) in graph), name
    assert types["earthquake"].is_a("other", types) and not types["match"].is_a("death", types)


def test_lexicon_values_are_notations(notations):
    lexicon = load("lexicon")
    assert {q for _, q in lexicon["quantity_hedges"]} <= notations["quantity-qualifier"]
    assert set(lexicon["quantity_verbs"].values()) <= notations["quantity-qualifier"]
    assert set(lexicon["kin_nouns"].values()) <= notations["relation"]
    assert set(lexicon["hosted_event_nouns"].values()) <= notations["event-type"]
    assert set(lexicon["conflict_nouns"].values()) <= notations["event-type"]


def test_demonyms_and_short_names_name_known_countries():
    data = load("demonyms")
    for form, country in {**data["demonyms"], **data["short_names"]}.items():
        assert gazetteer.is_country(country), (form, country)
    assert gazetteer.country_name("U.S.") == "United States"
    assert gazetteer.lookup("UK").kind == "country"


def test_a_trigger_added_to_the_data_is_used(monkeypatch, nlp):
    """Teaching a word needs no code: an entry in the data file makes it a trigger."""
    from newskg.extract import extract, vocabulary
    from newskg.model import Article

    text = "Mara Quint christened the ferry in Tromso on 3 May 2024."
    article = Article(id="t", text=text, published="2024-05-10")
    assert not [e for e in extract(article, nlp).events if e.type == "other"]
    real_load = vocabulary.load
    original = real_load("events")
    patched = {**original, "verbs": {**original["verbs"], "christen": "other"}}
    monkeypatch.setattr(
        vocabulary, "load", lambda name: patched if name == "events" else real_load(name)
    )
    vocabulary.events.cache_clear()
    try:
        found = [e for e in extract(article, nlp).events if e.type == "other"]
    finally:
        vocabulary.events.cache_clear()
    assert found and found[0].date == "2024-05-03"

"""Entity rules on sentences written for these tests (names unrelated to the samples)."""

from __future__ import annotations

import pytest

from newskg.extract import extract
from newskg.model import Article


@pytest.fixture
def entities(nlp):
    def run(text: str):
        x = extract(Article(id="t", text=text), nlp)
        return {e.name: e for e in x.entities.values()}

    return run


def test_honorific_kept_apart_and_surname_alias(entities):
    found = entities(
        "Dr. Helena Varga, the director of the clinic, spoke in Vienna. "
        "Varga said the project would continue."
    )
    helena = found["Helena Varga"]
    assert helena.kind == "person"
    assert "Dr." in helena.honorifics
    assert "Dr. Helena Varga" in helena.aliases
    assert "Varga" in helena.aliases
    assert found["Vienna"].place_kind == "city"


def test_organization_name_continues_over_for_and_capitalized_words(entities):
    found = entities(
        "The Coalition for Protecting Coastal Wetlands held a meeting in Lisbon. "
        "The Coalition said it would meet again."
    )
    org = found["Coalition for Protecting Coastal Wetlands"]
    assert org.kind == "organization"
    assert "Coalition" in org.aliases


def test_national_branch_stays_apart_from_parent():
    from newskg.extract.gazetteer import lookup
    from newskg.resolve import identity_words, is_short_form

    def is_place(name):
        return lookup(name) is not None

    def short(a, b):
        return is_short_form("organization", identity_words(a), identity_words(b), is_place)

    assert not short("Voces Unidas", "Voces Unidas Portugal")
    assert short("Rail Union", "Rail Union of Workers")
    assert short("Union", "Rail Union of Workers")
    assert is_short_form("person", ["al", "tamimi"], identity_words("Yusuf el-Tamimi"))
    assert not is_short_form("person", ["yusuf"], identity_words("Maria Yusuf Lopez"))


def test_person_span_ending_in_a_country_is_an_organization():
    from newskg.extract.entities import _kind_for

    assert _kind_for("PERSON", ["Voces", "Unidas", "Portugal"]) == "organization"
    assert _kind_for("PERSON", ["Maria", "Lopez"]) == "person"
    # "<First> <Country>" is a name: a person whose surname is a country's name
    assert _kind_for("PERSON", ["Ben", "Israel"]) == "person"
    assert _kind_for("PERSON", ["Harbour", "Workers", "Union"]) == "organization"
    assert _kind_for("GPE", ["West", "Bank"]) == "place"


def test_possessive_and_leading_the_are_not_part_of_names(entities):
    found = entities("The Northern Rail Company's chief, Tom Reed, resigned in Leeds.")
    assert any(
        name.startswith("Northern Rail Company") and not name.endswith("s") for name in found
    )
    assert not any(name.startswith("The ") for name in found)


def test_name_of_an_event_is_not_a_place(entities):
    found = entities(
        "Hundreds were freed in the Karsa Dawn exchange last year. "
        "Ali Noor was released in Karsa Dawn after a decade."
    )
    assert "Karsa Dawn" not in found


def test_known_place_before_event_noun_stays_a_place(entities):
    found = entities("Delegates arrived for the Geneva talks. The talks in Geneva lasted a week.")
    assert found["Geneva"].kind == "place"


def _kinds(nlp, text):
    x = extract(Article(id="t", text=text), nlp)
    return {e.name: e.kind for e in x.entities.values()}, x


def test_two_word_name_ending_in_a_country_follows_its_back_references(nlp):
    kinds, _ = _kinds(
        nlp,
        "Paul Chad, a fisherman, spoke at the harbour. Chad said the quotas were too low.",
    )
    assert kinds.get("Paul Chad") == "person"


def test_two_organizations_side_by_side_stay_two(nlp):
    kinds, x = _kinds(
        nlp,
        "The loan was approved by the World Bank, the International Monetary Fund. "
        "Officials of UNICEF, the World Health Organization.",
    )
    orgs = {e.name for e in x.entities.values() if e.kind == "organization"}
    assert {"World Bank", "International Monetary Fund"} <= orgs
    assert not any("International Monetary Fund" in e.aliases for e in x.entities.values())


def test_acronym_is_an_alias_of_the_full_name(nlp):
    _, x = _kinds(
        nlp,
        "The Northwind Shipping Corporation (NSC) cut 300 jobs. NSC shares fell 4 percent.",
    )
    orgs = [e for e in x.entities.values() if e.kind == "organization"]
    assert len(orgs) == 1 and "NSC" in orgs[0].aliases


def test_facilities_are_places_and_works_are_not_entities(nlp):
    kinds, _ = _kinds(
        nlp,
        "The minister landed at Tallinn Airport and was driven to the Kadriorg Palace. "
        "She signed the Fisheries Act 2019 and received the Order of Merit.",
    )
    assert kinds.get("Tallinn Airport") == "place"
    assert not any("Act" in name or "Order of Merit" in name for name in kinds)


def test_context_makes_a_name_an_organization(nlp):
    kinds, _ = _kinds(
        nlp,
        "Skylark, the budget airline, announced 40 new routes. Skylark shares rose 3 percent. "
        "Shares of Brightwave fell after the company said it would cut 200 jobs.",
    )
    assert kinds.get("Skylark") == "organization"
    assert kinds.get("Brightwave") == "organization"


def test_full_name_and_titled_surname_are_one_person(nlp):
    kinds, x = _kinds(
        nlp,
        "Foreign Minister Ana Lucia Ferreira arrived on Monday. FM Ferreira said the talks "
        "went well.",
    )
    people = [e for e in x.entities.values() if e.kind == "person"]
    assert [p.name for p in people] == ["Ana Lucia Ferreira"]


def test_a_building_named_by_a_post_is_a_facility(nlp):
    kinds, x = _kinds(
        nlp,
        "Protesters occupied the Governor's residence and later marched past the Chief "
        "Minister's office.",
    )
    facilities = {e.name for e in x.entities.values() if e.place_kind == "facility"}
    assert {"Governor's residence", "Chief Minister's office"} <= facilities


def test_an_organization_name_stops_at_a_day_and_a_joined_country_is_one_place(entities):
    found = entities("Halden Bank on Monday cut its rates. Lena Ortiz flew to Antigua and Barbuda.")
    assert "Halden Bank" in found and not any("Monday" in name for name in found)
    assert found["Antigua and Barbuda"].place_kind == "country"
    assert "Antigua" not in found and "Barbuda" not in found


def test_a_name_written_in_camel_case_is_a_name(entities):
    found = entities("Lena Ortiz worked for six years as chief financial officer at iGarden.")
    assert found["iGarden"].kind == "organization"
    assert "six" not in found and "years" not in found


def test_a_name_the_recognizer_also_tagged_inside_a_longer_name_is_part_of_it(nlp):
    from spacy.tokens import Span as SpacySpan

    from newskg.extract.entities import find_mentions

    doc = nlp("Ivo Marek of the Front for Unity and Renewal 0.")
    # as the recognizer tags sentences of this shape: the person as an organization, whose
    # name then runs on over "of the Front for Unity and Renewal", and the last word again
    # with the number after it
    doc.ents = [SpacySpan(doc, 0, 2, label="ORG"), SpacySpan(doc, 8, 10, label="ORG")]
    names = [m.mention.span.text for m in find_mentions(doc)[0]]
    assert "Renewal" not in names and "Renewal 0" not in names, names


@pytest.mark.parametrize(
    ("text", "work"),
    [
        ("Her album Quiet Rivers was released in March.", "Quiet Rivers"),
        ("The film Dark Harbour, directed by Lena Ortiz, opened on Friday.", "Dark Harbour"),
        ("His novel Winter Bells sold a million copies.", "Winter Bells"),
    ],
)
def test_a_title_after_a_noun_of_a_work_is_no_entity(nlp, text, work):
    x = extract(Article(id="t", text=text, published="2024-05-10"), nlp)
    assert work not in {e.name for e in x.entities.values()}


@pytest.mark.parametrize(
    ("text", "person", "title"),
    [
        (
            "The team, led by neurologist Hanna Berg, followed 1,200 patients.",
            "Hanna Berg",
            "neurologist",
        ),
        ("Statistician Omar Reyes checked the figures.", "Omar Reyes", "Statistician"),
        (
            "The cinematographer Maria Lindgren filmed the coast.",
            "Maria Lindgren",
            "cinematographer",
        ),
    ],
)
def test_an_occupation_known_by_its_ending_is_a_title(nlp, text, person, title):
    x = extract(Article(id="t", text=text, published="2024-05-10"), nlp)
    assert [(x.entities[r.person].name, r.title) for r in x.roles] == [(person, title)]


def test_a_word_that_only_ends_like_an_occupation_is_no_title(nlp):
    x = extract(
        Article(id="t", text="The tourist Ines Aalto filmed the coast.", published="2024-05-10"),
        nlp,
    )
    assert x.roles == []  # "tourist" is too short to be told by its ending


@pytest.mark.parametrize(
    ("text", "person", "title", "place"),
    [
        (
            "Mayor Dana Kim of Riverton met Mayor Ian Roe of Dunmore on Monday.",
            "Ian Roe",
            "Mayor",
            "Dunmore",
        ),
        (
            "Mayor Dana Kim of Riverton met Mayor Ian Roe of Dunmore on Monday.",
            "Dana Kim",
            "Mayor",
            "Riverton",
        ),
        ("Senator Paula Reyes of Ohio voted against the bill.", "Paula Reyes", "Senator", "Ohio"),
        (
            "Minister Ana Lind of Estonia met Minister Olav Berg of Latvia.",
            "Ana Lind",
            "Minister",
            "Estonia",
        ),
    ],
)
def test_an_office_of_a_place_named_after_its_holder(nlp, text, person, title, place):
    x = extract(Article(id="t", text=text, published="2024-05-10"), nlp)
    name = {k: e.name for k, e in x.entities.items()}
    assert x.entities[next(k for k, v in name.items() if v == place)].kind == "place"
    assert (person, title, place) in {
        (name[r.person], r.title, name.get(r.organization)) for r in x.roles
    }


def test_an_organization_named_after_a_titled_person_and_of(nlp):
    text = "Director Ana Lind of Vesta Research Council said no."
    x = extract(Article(id="t", text=text, published="2024-05-10"), nlp)
    kinds = {e.name: e.kind for e in x.entities.values()}
    assert kinds == {"Ana Lind": "person", "Vesta Research Council": "organization"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Families gathered at the Elm Street Methodist Church on Monday.", "place"),
        ("The Elm Street Methodist Church said it would help.", "organization"),
        ("Ida Holm is a member of the Free Methodist Church.", "organization"),
    ],
)
def test_a_church_one_is_at_is_its_building(entities, text, kind):
    church = next(e for name, e in entities(text).items() if name.endswith("Church"))
    assert church.kind == kind
    assert kind != "place" or church.place_kind == "facility"

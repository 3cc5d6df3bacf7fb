"""Rules on sentences whose parse is written out by hand (tests/helpers/docs.py): what each
rule makes of a given parse, whatever a model would have parsed. Names are invented."""

from __future__ import annotations

from newskg.extract import extract
from newskg.model import Article
from tests.helpers.docs import blank_english, parsed

PUBLISHED = "2024-10-10"  # a Thursday


def run(doc):
    article = Article(id="t", text=doc.text, published=PUBLISHED)
    return extract(article, blank_english(), doc)


def names(x, key):
    return x.entities[key].name if key else None


ARREST = parsed(
    "Police arrested Ana Lind in Tartu on Monday.",
    """
    Police   NNS NOUN  nsubj    1 police  O
    arrested VBD VERB  ROOT     1 arrest  O
    Ana      NNP PROPN compound 3 Ana     B-PERSON
    Lind     NNP PROPN dobj     1 Lind    I-PERSON
    in       IN  ADP   prep     1 in      O
    Tartu    NNP PROPN pobj     4 Tartu   B-GPE
    on       IN  ADP   prep     1 on      O
    Monday   NNP PROPN pobj     6 Monday  B-DATE
    .        .   PUNCT punct    1 .       O
    """,
)

MET = parsed(
    "Ana Lind met Bo Tern.",
    """
    Ana  NNP PROPN compound 1 Ana  B-PERSON
    Lind NNP PROPN nsubj    2 Lind I-PERSON
    met  VBD VERB  ROOT     2 meet O
    Bo   NNP PROPN compound 4 Bo   B-PERSON
    Tern NNP PROPN dobj     2 Tern I-PERSON
    .    .   PUNCT punct    2 .    O
    """,
)

NOT_MET = parsed(
    "Ana Lind did not meet Bo Tern.",
    """
    Ana  NNP PROPN compound 1 Ana  B-PERSON
    Lind NNP PROPN nsubj    4 Lind I-PERSON
    did  VBD AUX   aux      4 do   O
    not  RB  PART  neg      4 not  O
    meet VB  VERB  ROOT     4 meet O
    Bo   NNP PROPN compound 6 Bo   B-PERSON
    Tern NNP PROPN dobj     4 Tern I-PERSON
    .    .   PUNCT punct    4 .    O
    """,
)

WORKFORCE = parsed(
    "Nearly 3,500 people work at the plant.",
    """
    Nearly RB  ADV  advmod 1 nearly B-CARDINAL
    3,500  CD  NUM  nummod 2 3,500  I-CARDINAL
    people NNS NOUN nsubj  3 people O
    work   VBP VERB ROOT   3 work   O
    at     IN  ADP  prep   3 at     O
    the    DT  DET  det    6 the    O
    plant  NN  NOUN pobj   4 plant  O
    .      .   PUNCT punct 3 .      O
    """,
)

DIRECTOR = parsed(
    "Ana Lind, the director of the Lakeside Union, resigned.",
    """
    Ana      NNP PROPN compound 1  Ana      B-PERSON
    Lind     NNP PROPN nsubj    10 Lind     I-PERSON
    ,        ,   PUNCT punct    1  ,        O
    the      DT  DET   det      4  the      O
    director NN  NOUN  appos    1  director O
    of       IN  ADP   prep     4  of       O
    the      DT  DET   det      8  the      O
    Lakeside NNP PROPN compound 8  Lakeside B-ORG
    Union    NNP PROPN pobj     5  Union    I-ORG
    ,        ,   PUNCT punct    1  ,        O
    resigned VBD VERB  ROOT     10 resign   O
    .        .   PUNCT punct    10 .        O
    """,
)


def events(x):
    return [
        (e.type, e.date, names(x, e.place), {(names(x, p.agent), p.role) for p in e.participants})
        for e in x.events
    ]


def test_passive_object_of_an_arrest_with_place_and_weekday():
    # the object of "arrested" is the one arrested; Monday is the Monday before publication
    assert events(run(ARREST)) == [("arrest", "2024-10-07", "Tartu", {("Ana Lind", "subject")})]


def test_a_meeting_said_not_to_have_happened_is_no_event():
    met = events(run(MET))
    assert [(t, who) for t, _, _, who in met] == [
        ("meeting", {("Ana Lind", "attendee"), ("Bo Tern", "attendee")})
    ]
    assert events(run(NOT_MET)) == []


def test_a_hedge_on_a_number_is_kept_as_its_upper_bound():
    [quantity] = run(WORKFORCE).quantities
    assert (quantity.value, quantity.qualifier, quantity.upper, quantity.what) == (
        3500.0,
        "nearly",
        3500.0,
        "people",
    )


def test_apposition_gives_the_title_and_the_organization():
    x = run(DIRECTOR)
    assert [(names(x, r.person), r.title, names(x, r.organization)) for r in x.roles] == [
        ("Ana Lind", "director", "Lakeside Union")
    ]


def test_a_table_that_does_not_spell_the_text_is_refused():
    import pytest

    with pytest.raises(ValueError, match="no token"):
        parsed("Ana Lind left.", "Ana NNP PROPN nsubj 1 Ana O\nleft VBD VERB ROOT 1 leave O")

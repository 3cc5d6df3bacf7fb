"""Event labels are written from the event's type, participants and place, as titles; the
word the article told the event with never appears in parentheses."""

from __future__ import annotations

import pytest

from newskg.extract import extract
from newskg.extract.labels import event_label
from newskg.model import Article, Participation, Span

_NOWHERE = Span(0, 0, "")


def _p(name: str, role: str) -> Participation:
    return Participation(name, role, _NOWHERE, "")


@pytest.mark.parametrize(
    ("etype", "participants", "place", "label"),
    [
        ("arrest", [_p("Tomas Kell", "subject"), _p("Police", "other")], "Riga",
         "Arrest of Tomas Kell in Riga"),
        ("speech", [_p("Lena Ortiz", "speaker")], None, "Statement by Lena Ortiz"),
        ("match", [_p("Porto Vale", "subject"), _p("Riverside", "other")], None,
         "Match between Porto Vale and Riverside"),
        ("acquisition", [_p("Halvorsen", "organizer"), _p("Kestrel", "subject")], None,
         "Acquisition of Kestrel by Halvorsen"),
        ("other", [_p("Ana Lima", "organizer")], None, "Event involving Ana Lima"),
        ("earthquake", [], "Tarsa", "Earthquake in Tarsa"),
        ("award", [_p(n, "honoree") for n in "ABCDE"], None, "Award of A, B and 3 others"),
    ],
)  # fmt: skip
def test_a_label_reads_as_a_title_of_who_and_where(etype, participants, place, label):
    assert event_label(etype, participants, place, lambda name: name) == label


def test_no_label_of_an_article_holds_the_word_that_told_it(nlp):
    text = (
        "Police arrested Tomas Kell in Riga on Tuesday. Lena Ortiz said the arrest was unlawful. "
        "Kell was released on Wednesday. Lea Moss and Ian Roe met in Tartu on Thursday."
    )
    x = extract(Article(id="t", text=text, published="2024-05-10"), nlp)
    labels = {e.label for e in x.events}
    assert "Arrest of Tomas Kell in Riga" in labels
    assert any(label.startswith("Meeting of Lea Moss and Ian Roe") for label in labels)
    assert not any("(" in label for label in labels)

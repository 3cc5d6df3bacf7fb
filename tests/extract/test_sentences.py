"""The per-document text lookups of extract/sentences.py."""

from __future__ import annotations

import re

import pytest

from newskg.extract.sentences import whole_occurrences

CASES = [
    ("Ria Holt met Holt. Holtby left; Holt-Berg stayed (Holt).", "Holt"),
    ("the Harbour Trust and the Harbour Trustees", "Harbour Trust"),
    ("Ana_Lind and Ana Lind and 3Ana", "Ana"),
    ("Øyvind and Øyvindsen, Øyvind.", "Øyvind"),
    ("aa aa aaa", "aa aa"),
    ("no such name here", "Vik"),
    ("Vik", "Vik"),
]


@pytest.mark.parametrize(("text", "form"), CASES)
def test_whole_occurrences_find_what_the_boundary_pattern_finds(text, form):
    pattern = r"(?<![\w-])" + re.escape(form) + r"(?![\w-])"
    expected = [m.span() for m in re.finditer(pattern, text)]
    assert list(whole_occurrences(text, form)) == expected


def test_whole_occurrences_skip_names_inside_words_and_hyphens():
    text = "Holt met Holtby and Holt-Berg, then Holt again."
    assert [text[a:b] for a, b in whole_occurrences(text, "Holt")] == ["Holt", "Holt"]
    assert [a for a, _ in whole_occurrences(text, "Holt")] == [0, text.rindex("Holt")]


@pytest.mark.parametrize(
    "text",
    [
        "After the Harbour talks ended, the Harbour Party met.",
        "Bathe Harbour talks",
        "The  Harbour summit opened.",
        "xthe Harbour talks; the Harbour talkshow",
        "the Harbourside talks",
    ],
)
def test_a_name_used_as_an_event_is_found_as_the_pattern_found_it(text):
    from newskg.extract.entities import _EVENT_NOUN_AFTER, _named_as_event

    pattern = r"\b[Tt]he\s+" + re.escape("Harbour") + _EVENT_NOUN_AFTER.pattern
    assert _named_as_event(text, "Harbour") == bool(re.search(pattern, text))

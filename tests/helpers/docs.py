"""Parsed Docs written by hand, for tests about a rule rather than about the model.

A rule test that runs the spaCy model tests the model too: an upgrade that parses a
sentence differently would change the result and hide whether the rule still holds. Here
the parse is stated in the test (spaCy's own tests build Docs the same way), so the
rule is the only thing under test.

The table has one token per line: word, fine tag, coarse POS, dependency label, head
(the index of the head token in the whole text, counting from 0; the root points at
itself), lemma, and the entity tag in IOB form (`O`, `B-PERSON`, `I-PERSON`, …).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc


@cache
def blank_english():
    """A pipeline with no trained components: the rules get the Doc, never a parse."""
    import spacy

    return spacy.blank("en")


def parsed(text: str, table: str) -> Doc:
    rows = [line.split() for line in table.strip().splitlines()]
    for row in rows:
        if len(row) != 7:
            raise ValueError(f"a token needs 7 columns, not {len(row)}: {row}")
    words = [row[0] for row in rows]
    spaces, at = [], 0
    for word in words:
        start = text.index(word, at)
        if text[at:start].strip():
            raise ValueError(f"text {text[at:start]!r} before {word!r} has no token")
        at = start + len(word)
        spaces.append(text[at : at + 1] == " ")
    doc = Doc(
        blank_english().vocab,
        words=words,
        spaces=spaces,
        tags=[row[1] for row in rows],
        pos=[row[2] for row in rows],
        deps=[row[3] for row in rows],
        heads=[int(row[4]) for row in rows],
        lemmas=[row[5] for row in rows],
        ents=[row[6] for row in rows],
    )
    if doc.text != text:
        raise ValueError(f"the tokens spell {doc.text!r}, not {text!r}")
    return doc

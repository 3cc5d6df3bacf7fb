"""Numbers kept with their hedge: "more than 6,000 prisoners" → 6000, more_than, lower bound
6000, counting "prisoners"; who claimed it when the sentence says so."""

from __future__ import annotations

import re

from spacy.tokens import Token

from newskg.extract.context import ArticleContext
from newskg.extract.lexicon import DURATION_UNITS, NUMBER_WORDS, QUANTITY_HEDGES, QUANTITY_VERBS
from newskg.extract.quotes import speaker_of
from newskg.extract.sentences import text_of
from newskg.model import Quantity, Span

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_SKIP_ENTS = {"DATE", "TIME", "ORDINAL"}


def _value(token: Token) -> float | None:
    text = token.text
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    return NUMBER_WORDS.get(token.lower_)


def _hedge(doc, start: int) -> tuple[str, int]:
    """The hedge right before token `start` → (qualifier, first token of the claim)."""
    if start > 0 and doc[start - 1].lower_ in ("a", "an") and not doc[start].text[:1].isdigit():
        start -= 1  # "more than a thousand"
    before = doc[max(0, start - 4) : start]
    words = [t.lower_ for t in before]
    for phrase, qualifier in QUANTITY_HEDGES:
        parts = phrase.split()
        if words[-len(parts) :] == parts:
            return qualifier, start - len(parts)
    return "exact", start


def _bounds(value: float, qualifier: str) -> tuple[float | None, float | None]:
    if qualifier == "exact":
        return value, value
    if qualifier in ("more_than", "at_least"):
        return value, None
    if qualifier in ("less_than", "up_to", "nearly"):
        return None, value
    return None, None


def _what(token: Token) -> str:
    """What the number counts: the noun it modifies, with its modifiers."""
    head = token.head if token.dep_ in ("nummod", "quantmod") else None
    if token.dep_ == "quantmod" and head is not None and head.dep_ == "nummod":
        head = head.head
    if head is None or head.pos_ not in ("NOUN", "PROPN"):
        for t in token.doc[token.i + 1 : token.i + 4]:
            if t.pos_ in ("NOUN", "PROPN"):
                head = t
                break
    if head is None:
        subject = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subject:
            head = subject[0]
    if head is None:
        return ""
    left = [c for c in head.lefts if c.dep_ in ("amod", "compound") and c.i > token.i]
    words = [t.text for t in sorted(left + [head], key=lambda t: t.i)]
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "in"):
            words.append(token.doc[child.i : child.right_edge.i + 1].text)
            break
    return " ".join(words)[:120]


def find_quantities(ctx: ArticleContext) -> list[Quantity]:
    doc = ctx.doc
    found: list[Quantity] = []
    for token in doc:
        value = _value(token)
        if value is None:
            continue
        if token.i + 1 < len(doc) and _value(doc[token.i + 1]) is not None:
            continue  # "two thousand": take the last word of the number
        is_duration = (
            token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ in DURATION_UNITS
            or token.i + 2 < len(doc)
            and doc[token.i + 2].lower_ in ("sentences", "sentence")
        )
        if token.ent_type_ in _SKIP_ENTS and not (token.ent_type_ == "DATE" and is_duration):
            continue
        if ctx.entity_of_token(token) is not None or token.ent_type_ in ("WORK_OF_ART", "LAW"):
            continue  # part of a name
        if token.i > 0 and doc[token.i - 1].text in ("’", "'", "#", "No."):
            continue
        if 1900 <= value <= 2100 and "," not in token.text and not is_duration:
            continue  # a year written alone
        qualifier, first = _hedge(doc, token.i)
        if (
            qualifier == "exact"
            and token.head.lemma_ in QUANTITY_VERBS
            and token.dep_ in ("dobj", "npadvmod", "attr")
        ):
            qualifier = QUANTITY_VERBS[token.head.lemma_]
        if not token.text[:1].isdigit() and qualifier == "exact" and value < 10:
            continue  # "two sons": small spelled-out counts are prose, not claims
        if (
            token.lower_ in ("one",)
            or token.lower_ in ("dozens", "hundreds", "thousands")
            and qualifier == "exact"
        ):
            continue
        start = doc[first].idx
        end = token.idx + len(token.text)
        lower, upper = _bounds(value, qualifier)
        unit = (
            doc[token.i + 1].lower_
            if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in DURATION_UNITS
            else ""
        )
        what = unit if unit else _what(token)
        found.append(
            Quantity(
                value=value,
                qualifier=qualifier,
                what=what,
                span=Span(start, end, text_of(doc)[start:end]),
                evidence=ctx.sentence_of(token),
                lower=lower,
                upper=upper,
                claimed_by=speaker_of(ctx, token),
            )
        )
    return found

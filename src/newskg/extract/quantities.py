"""Numbers kept with their hedge: "more than 6,000 prisoners" → 6000, more_than, lower bound
6000, counting "prisoners"; who claimed it when the sentence says so."""

from __future__ import annotations

import re

from spacy.tokens import Token

from newskg.extract.context import ArticleContext
from newskg.extract.lexicon import (
    DURATION_UNITS,
    KIN_NOUNS,
    NUMBER_WORDS,
    QUANTITY_HEDGES,
    QUANTITY_VERBS,
)
from newskg.extract.quotes import speaker_of
from newskg.extract.rules import declare
from newskg.extract.sentences import text_of
from newskg.extract.vocabulary import events
from newskg.model import Quantity, Span

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_SKIP_ENTS = {"DATE", "TIME", "ORDINAL"}


PEOPLE = events().people_nouns
_SCALES = {"dozen": 12, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_VAGUE = {"dozens": 12, "tens": 10, "hundreds": 100, "thousands": 1e3, "millions": 1e6}
_CALENDAR_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "year", "years", "month", "months", "day", "days",
    "week", "weeks", "bc", "ad", "century", "decade", "decades", "old", "age", "aged",
}  # fmt: skip
_TIME_AFTER = {"am", "pm", "a.m.", "p.m.", "o'clock", "gmt", "utc", "hrs"}


def _value(token: Token) -> float | None:
    text = token.text
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    return NUMBER_WORDS.get(token.lower_)


def _scaled(doc, i: int, value: float) -> tuple[float, int]:
    """ "3.2 million", "$4.5 billion", "12 thousand" → (value with its scale, last token)."""
    j = i + 1
    while j < len(doc) and doc[j].lower_ in _SCALES:
        value *= _SCALES[doc[j].lower_]
        j += 1
    return value, j - 1


def _vague(doc, i: int) -> tuple[float, int] | None:
    """ "hundreds of thousands", "dozens", "millions": a lower bound (value, last token)."""
    word = doc[i].lower_
    if word not in _VAGUE:
        return None
    value, j = float(_VAGUE[word]), i
    while j + 2 < len(doc) and doc[j + 1].lower_ == "of" and doc[j + 2].lower_ in _VAGUE:
        value *= _VAGUE[doc[j + 2].lower_]
        j += 2
    return value, j


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


def _family(noun: Token) -> bool:
    """A kin noun told as someone's family: a possessive, "have" or "with" governs it."""
    if any(c.dep_ == "poss" for c in noun.children):
        return True
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head  # "<number> <noun> and <number> <noun>": the first noun heads both
    head = noun.head
    return head.lemma_ in ("have", "with") or head.head.lemma_ in ("have", "marry", "married")


def _is_age(doc, token: Token, ctx: ArticleContext) -> bool:
    """ "<Person>, 31," or "81-year-old": a person's age, whatever the model labels it."""
    if token.dep_ == "appos" and token.head.i != token.i:
        key = ctx.entity_of_token(token.head)
        if key is not None and ctx.kind(key) == "person":
            return True
    i = token.i
    return (
        i + 4 < len(doc)
        and doc[i + 1].text == "-"
        and doc[i + 2].lower_ in ("year", "years")
        and doc[i + 4].lower_ == "old"
    )


def _duration(doc, i: int) -> str | None:
    """The unit of a duration: "18 months", "four-day", "27 life sentences"."""
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if nxt in DURATION_UNITS:
        return nxt
    if nxt == "-" and i + 2 < len(doc) and doc[i + 2].lower_ in DURATION_UNITS:
        return doc[i + 2].lower_
    return None


def _not_a_date(doc, i: int) -> bool:
    """A number the model took for a date but that counts things: "27 life sentences", "9
    dead": no month, year or day word next to it."""
    ent = next((e for e in doc.ents if e.start <= i < e.end), None)
    if ent is None or not doc[i].like_num:
        return False
    words = {t.lower_ for t in doc[max(0, ent.start - 1) : ent.end + 1]}
    has_year = any(t.like_num and len(t.text) == 4 for t in ent if t.i != i)
    return not (words & _CALENDAR_WORDS) and not has_year


NUMBER = declare(
    "quantities.number",
    """A number in figures or words with what it counts (the noun it modifies or the unit
    after it) and its hedge ("more than", "about", "at least"); years, times, ordinals,
    parts of names and families are not counts.""",
    __name__,
)
VAGUE = declare(
    "quantities.vague_amount",
    """A vague amount that scales a count ("hundreds of thousands of <noun>"): at least the
    lower figure.""",
    __name__,
)
AGE = declare(
    "quantities.age",
    """A person's age: "<Person>, 54,", "the 54-year-old", "aged 54".""",
    __name__,
)


def find_quantities(ctx: ArticleContext) -> list[Quantity]:
    doc = ctx.doc
    found: list[Quantity] = []
    seen: set[tuple[float, str]] = set()
    skip_to = -1
    for token in doc:
        if token.i <= skip_to:
            continue
        qualifier_floor = None
        vague = _vague(doc, token.i)
        if vague is not None:
            value, last = vague
            if last == token.i:
                continue  # "thousands" alone is a manner of speaking, not a figure
            qualifier_floor = "more_than"  # "hundreds of thousands": at least that many
        else:
            number = _value(token)
            if number is None:
                continue
            value = number
            if (
                token.i + 1 < len(doc)
                and _value(doc[token.i + 1]) is not None
                and (doc[token.i + 1].lower_ not in _SCALES)
            ):
                continue  # "two thousand": take the last word of the number
            value, last = _scaled(doc, token.i, value)
        skip_to = last
        end_token = doc[last]
        following = doc[last + 1].lower_ if last + 1 < len(doc) else ""
        if following in _TIME_AFTER or ":" in token.text:
            continue  # "12 am": a time of day
        unit = _duration(doc, last)
        age = _is_age(doc, token, ctx)
        counts = token.ent_type_ == "DATE" and (unit or _not_a_date(doc, token.i))
        if token.ent_type_ in _SKIP_ENTS and not age and not counts:
            continue
        if ctx.entity_of_token(token) is not None or token.ent_type_ in ("WORK_OF_ART", "LAW"):
            continue  # part of a name
        if token.i > 0 and doc[token.i - 1].text in ("’", "'", "#", "No."):
            continue
        if 1900 <= value <= 2100 and "," not in token.text and not unit and last == token.i:
            continue  # a year written alone
        counted = doc[last + 1] if last + 1 < len(doc) else None
        if token.lower_ == "one" and (
            token.dep_ != "nummod" or counted is None or counted.lemma_.lower() not in PEOPLE
        ):
            continue  # "one of the men", "on one occasion": not a count
        if following == "-" and unit is None and not age:
            continue  # "a two-state solution": a number inside a compound word
        if counted is not None and counted.lower_ in KIN_NOUNS and _family(counted):
            continue  # "married with two sons", "his three daughters": a family
        qualifier, first = _hedge(doc, token.i)
        if (
            qualifier == "exact"
            and token.head.lemma_ in QUANTITY_VERBS
            and token.dep_ in ("dobj", "npadvmod", "attr")
        ):
            qualifier = QUANTITY_VERBS[token.head.lemma_]
        if qualifier_floor and qualifier == "exact":
            qualifier = qualifier_floor
        # "all <number> <verb>", "the <number> <noun>": a number told again, not a new count
        back = token.i > 0 and doc[token.i - 1].lower_ in ("the", "all", "these", "those")
        if back and (value, qualifier) in seen:
            continue
        seen.add((value, qualifier))
        start = doc[first].idx
        end = end_token.idx + len(end_token.text)
        lower, upper = _bounds(value, qualifier)
        what = "age" if age else unit if unit else _what(end_token)
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
                rule=AGE if age else VAGUE if vague is not None else NUMBER,
            )
        )
    return found

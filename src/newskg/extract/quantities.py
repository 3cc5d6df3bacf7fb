"""Numbers kept with their hedge: "more than 6,000 prisoners" → 6000, more_than, lower bound
6000, counting "prisoners"; who claimed it when the sentence says so."""

from __future__ import annotations

import re

from spacy.tokens import Token

from newskg.extract.context import ArticleContext
from newskg.extract.lexicon import (
    AGE_UNITS,
    CALENDAR_WORDS,
    COLLECTIVE_DETERMINERS,
    CURRENCY_NOUNS,
    CURRENCY_SYMBOLS,
    DURATION_UNITS,
    FAMILY_HEADS,
    FAMILY_VERBS,
    INDEFINITE_ARTICLES,
    KIN_NOUNS,
    MEASURE_PREPOSITIONS,
    NUMBER_WORDS,
    PER_WORDS,
    PERCENT_WORDS,
    QUANTITY_HEDGES,
    QUANTITY_VERBS,
    SCALE_WORDS,
    SHARE_LINK,
    SHARE_VERBS,
    TIME_OF_DAY_PHRASES,
    TIME_OF_DAY_WORDS,
    TIME_SHIFT_WORDS,
    VAGUE_NUMBERS,
)
from newskg.extract.quotes import speaker_of
from newskg.extract.rules import declare
from newskg.extract.scores import in_score
from newskg.extract.sentences import clause_with_subject, ents_of, text_of, tokens_of
from newskg.extract.vocabulary import events
from newskg.model import Event, Quantity, Span

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_SKIP_ENTS = {"DATE", "TIME", "ORDINAL"}


PEOPLE = events().people_nouns
_SCALES = SCALE_WORDS
_VAGUE = VAGUE_NUMBERS
_CALENDAR_WORDS = CALENDAR_WORDS
_TIME_AFTER = TIME_OF_DAY_WORDS


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
    return float(f"{value:.12g}"), j - 1  # 16.9 × 10⁹ is 16900000000, not …99.998


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
    if start > 0 and doc[start - 1].text in CURRENCY_SYMBOLS:
        start -= 1  # "about $16.9 billion": the hedge stands before the currency
    if (
        start > 0
        and doc[start - 1].lower_ in INDEFINITE_ARTICLES
        and not doc[start].text[:1].isdigit()
    ):
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


def _unit(token: Token, last: Token) -> str | None:
    """A currency (ISO 4217) or a percentage written beside the number: "$2.1 billion" →
    USD, "40 million euros" → EUR, "14%" → percent; "a share" after it says per what."""
    doc = token.doc
    before = doc[token.i - 1].text if token.i > 0 else ""
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    unit = CURRENCY_SYMBOLS.get(before)
    word_after = False  # the unit is the word after the number ("euros", "%")
    if unit is None and after is not None:
        unit = CURRENCY_NOUNS.get(after.lower_)
        word_after = unit is not None
        if unit is None and (
            after.lower_ in PERCENT_WORDS
            or after.lower_ == "per"
            and last.i + 2 < len(doc)
            and doc[last.i + 2].lower_ == "cent"
        ):
            unit, word_after = "percent", True
    if unit is None:
        return None
    end = last.i + (1 if word_after else 0)
    rest = doc[end + 1 : end + 4] if end + 1 < len(doc) else doc[0:0]
    words = [t.lower_ for t in rest]
    shifted = len(words) > 2 and words[2] in TIME_SHIFT_WORDS  # "a year earlier": a time
    if words[:1] and words[0] in PER_WORDS and len(words) > 1 and not shifted:
        return f"{unit} per {rest[1].text}"  # "$48 a share"
    if words[:2] == SHARE_LINK and len(words) > 2:
        return f"{unit} of the {rest[2].text}"  # "54% of the vote"
    return unit


def _base_unit(unit: str | None) -> str | None:
    """ "USD per share" → "USD", "percent of the vote" → "percent": the unit alone."""
    return unit.split(" ", 1)[0] if unit else None


def _what(token: Token, unit: str | None) -> str:
    """What the number counts: the currency or percentage written with it (`unit`), else the
    noun it modifies, with its modifiers ("a crowd of 41,250": the noun it completes);
    `token`: the number's last word ("billion")."""
    if unit is not None:
        return unit
    measure = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
    if (
        measure is not None
        and measure.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in INDEFINITE_ARTICLES for c in measure.children)
    ):
        return measure.text  # "a crowd of 41,250", "a toll of 37"; not "the release of 2,000"
    head = token.head if token.dep_ in ("nummod", "quantmod") else None
    if token.dep_ == "quantmod" and head is not None and head.dep_ == "nummod":
        head = head.head
    if head is None or head.pos_ not in ("NOUN", "PROPN"):
        head = None
        for t in token.doc[token.i + 1 : token.i + 4]:
            if t.is_punct or t.pos_ in ("VERB", "AUX", "DET"):
                break  # "injuring more than 200, the ministry said": the count ends there
            if t.pos_ in ("NOUN", "PROPN"):
                head = t
                break
    if head is None and token.dep_ == "dobj":
        return token.head.text  # "injuring more than 200": what the verb did to them
    if head is None:
        subject = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subject:
            head = subject[0]
    if head is None:
        return ""
    left = [c for c in head.lefts if c.dep_ in ("amod", "compound") and c.i > token.i]
    words = [t.text for t in sorted(left + [head], key=lambda t: t.i)]
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in MEASURE_PREPOSITIONS:
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
    return head.lemma_ in FAMILY_HEADS or head.head.lemma_ in FAMILY_VERBS


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
        and doc[i + 2].lower_ in AGE_UNITS
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
    ent = next((e for e in ents_of(doc) if e.start <= i < e.end), None)
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


_TAKING_VERBS = SHARE_VERBS


def _share_of(ctx: ArticleContext, token: Token) -> str | None:
    """The person or side a share belongs to: "<Person> took/won/received <N>%", "<N>% for
    <Person>" (part of the quantity's own rule: the number and whose it is)."""
    noun = token.head if token.dep_ == "nummod" else token
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            for obj in prep.children:
                found = ctx.entities_for(obj, ("person", "organization"))
                if found:
                    return found[0]
    verb = noun.head
    if noun.dep_ in ("dobj", "pobj") and verb.lemma_.lower() in _TAKING_VERBS:
        verb = clause_with_subject(verb)  # "<Name> won, taking 54%"
        for subject in verb.children:
            if subject.dep_ == "nsubj":
                found = ctx.entities_for(subject, ("person", "organization"))
                if found:
                    return found[0]
    return None


def link_to_events(quantities: list[Quantity], events: list[Event]) -> None:
    """A number told in the sentence that first tells an event other than a statement
    measures that event: a disaster's deaths, a deal's price, an election's shares."""
    by_sentence: dict[int, str] = {}
    for event in events:
        if event.type != "speech" and event.evidence:
            by_sentence.setdefault(event.evidence[0].start, event.key)
    for q in quantities:
        q.event = by_sentence.get(q.evidence.start)


def find_quantities(ctx: ArticleContext, events: list[Event] | None = None) -> list[Quantity]:
    found = _quantities(ctx)
    link_to_events(found, events or [])
    return found


def _number_at(doc, token: Token) -> tuple[float, int, str | None] | None:
    """The number that starts at a token → (value, its last token, the least qualifier it
    takes: "hundreds of thousands" is more than that many), None if none starts there."""
    vague = _vague(doc, token.i)
    if vague is not None:
        value, last = vague
        if last == token.i:
            return None  # "thousands" alone is a manner of speaking, not a figure
        return value, last, "more_than"
    number = _value(token)
    if number is None:
        return None
    if (
        token.i + 1 < len(doc)
        and _value(doc[token.i + 1]) is not None
        and (doc[token.i + 1].lower_ not in _SCALES)
    ):
        return None  # "two thousand": take the last word of the number
    value, last = _scaled(doc, token.i, number)
    return value, last, None


def _not_a_count(
    ctx: ArticleContext, token: Token, value: float, last: int, unit, age: bool
) -> bool:
    """A number that counts nothing: a time, a date, a year, part of a name, a score, a
    number inside a compound word or a family."""
    doc = ctx.doc
    following = doc[last + 1].lower_ if last + 1 < len(doc) else ""
    counted = doc[last + 1] if last + 1 < len(doc) else None
    counts = token.ent_type_ == "DATE" and (unit or _not_a_date(doc, token.i))
    return (
        following in _TIME_AFTER  # "12 am": a time of day
        or doc[last + 1 : last + 3].text.lower() in TIME_OF_DAY_PHRASES  # "0900 local time"
        or ":" in token.text
        or token.ent_type_ in _SKIP_ENTS
        and not age
        and not counts
        or ctx.entity_of_token(token) is not None  # part of a name
        or token.ent_type_ in ("WORK_OF_ART", "LAW")
        or token.i > 0
        and doc[token.i - 1].text in ("’", "'", "#", "No.")
        or 1900 <= value <= 2100  # a year written alone
        and "," not in token.text
        and not unit
        and last == token.i
        or token.lower_ == "one"  # "one of the men", "on one occasion": not a count
        and (token.dep_ != "nummod" or counted is None or counted.lemma_.lower() not in PEOPLE)
        or in_score(token)  # "won 3-1": a result, kept with the match
        or following == "-"  # "a two-state solution": a number inside a compound word
        and unit is None
        and not age
        and "." not in token.text  # "a 7.1-magnitude quake" measures something
        or counted is not None  # "married with two sons", "his three daughters": a family
        and counted.lower_ in KIN_NOUNS
        and _family(counted)
    )


def _qualifier(doc, token: Token, floor: str | None) -> tuple[str, int]:
    """The hedge of a number ("more than", "about"; "rose to" a verb's) → (qualifier, first
    token of the claim)."""
    qualifier, first = _hedge(doc, token.i)
    if (
        qualifier == "exact"
        and token.head.lemma_ in QUANTITY_VERBS
        and token.dep_ in ("dobj", "npadvmod", "attr")
    ):
        qualifier = QUANTITY_VERBS[token.head.lemma_]
    if floor and qualifier == "exact":
        qualifier = floor
    return qualifier, first


def _quantities(ctx: ArticleContext) -> list[Quantity]:
    doc = ctx.doc
    found: list[Quantity] = []
    seen: set[tuple[float, str]] = set()
    skip_to = -1
    for token in tokens_of(doc):
        number = _number_at(doc, token) if token.i > skip_to else None
        if number is None:
            continue
        value, last, floor = number
        skip_to = last
        end_token = doc[last]
        unit = _duration(doc, last)
        age = _is_age(doc, token, ctx)
        if _not_a_count(ctx, token, value, last, unit, age):
            continue
        qualifier, first = _qualifier(doc, token, floor)
        # "all <number> <verb>", "the <number> <noun>": a number told again, not a new count
        back = token.i > 0 and doc[token.i - 1].lower_ in COLLECTIVE_DETERMINERS
        if back and (value, qualifier) in seen:
            continue
        seen.add((value, qualifier))
        start = doc[first].idx
        end = end_token.idx + len(end_token.text)
        lower, upper = _bounds(value, qualifier)
        measured_in = unit or _unit(token, end_token)
        what = "age" if age else unit or _what(end_token, measured_in)
        found.append(
            Quantity(
                value=value,
                qualifier=qualifier,
                what=what,
                span=Span(start, end, text_of(doc)[start:end]),
                evidence=ctx.sentence_of(token),
                lower=lower,
                upper=upper,
                # a person's age is the article's to tell, not what the sentence reports
                claimed_by=None if age else speaker_of(ctx, token),
                rule=AGE if age else VAGUE if floor is not None else NUMBER,
                of=_share_of(ctx, end_token) if what.startswith("percent") else None,
                unit=None if age else _base_unit(measured_in),
            )
        )
    return found

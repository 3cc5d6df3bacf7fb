"""Entity mentions from spaCy's NER, with general corrections of the model's usual mistakes.

The corrections are rules about kinds of words, never about particular names:
- honorifics ("Dr.", "Ambassador") are kept apart from the name;
- a leading "the" and a trailing possessive are not part of the name;
- an organization name continues over "for/of/on + Capitalized Words";
- a name with an organization head noun ("... Brigades", "... Club") is an organization;
- a person span ending in a country name is an organization's national branch;
- a name directly followed by an event noun ("the X exchange") names an event, not an entity.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newskg.extract import gazetteer
from newskg.extract.lexicon import (
    ARTICLES,
    BUILDING_PREPOSITIONS,
    COMPANY_TITLES,
    CONGREGATION_HEADS,
    EMPLOYEE_TITLES,
    EVENT_NAME_NOUNS,
    FACILITY_HEADS,
    GENERIC_BODIES,
    HONORIFICS,
    INSTITUTION_WORDS,
    LANDFORM_FIRST,
    LANDFORM_LAST,
    LOCATIVE_PREPOSITIONS,
    MEDIA_NOUNS,
    NAME_END_PREPOSITIONS,
    NAME_JOINERS,
    NAME_PARTICLES,
    ORG_HEADS,
    ORG_NAME_CONNECTORS,
    ORG_NAME_EXTENDERS,
    ORG_NOUNS,
    PERSON_HONORIFICS,
    PORTFOLIOS,
    POSSESSIVE_MARKS,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    SHARE_NOUNS,
    STAKE_PREPOSITIONS,
    STATE_FORCES,
    TITLED_BUILDINGS,
    WORK_HEADS,
    WORK_NOUNS,
    is_occupation,
    is_title_words,
)
from newskg.extract.rules import declare
from newskg.extract.sentences import (
    all_sentences,
    ents_of,
    sentence,
    text_of,
    tokens_in,
    whole_occurrences,
)
from newskg.extract.vocabulary import events as events_vocabulary
from newskg.model import EntityKind, Mention, Span
from newskg.resolve import fold, identity_words

LABEL_KIND: dict[str, EntityKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
RECOGNIZED = declare(
    "mentions.recognized",
    """A name the statistical recognizer tags as a person, organization or place, with its
    kind corrected by the words around it (a title before it, an organization head noun, a
    country acting, a facility noun after it).""",
    __name__,
)
UNTAGGED_ORGANIZATION = declare(
    "mentions.untagged_organization",
    """A capitalized run the recognizer left untagged that ends in an organization head noun
    ("<Name> Committee", "<Name> Brigades").""",
    __name__,
)
DESCRIBED_ORGANIZATION = declare(
    "mentions.described_organization",
    """A name the context calls an organization: "<Name>, the airline", "<Name> shares",
    "a stake in <Name>", "<Name> spokeswoman <Person>" (an employee's title between them);
    every other mention of that name too.""",
    __name__,
)
OFFICE_OF_TITLE = declare(
    "mentions.office_of_title",
    """A building known by the post of who works there: "the <Title>'s (official) residence".""",
    __name__,
)
BACK_REFERENCE = declare(
    "mentions.back_reference",
    """A short form of a name told earlier in the article (a person's surname, "the <head
    noun>" of an organization), when it names one entity only and stands alone.""",
    __name__,
)
_STRIP_LEADING = {"the"}
# "the <Name> talks": a name followed by a noun of an event, after "the" and spaces
_EVENT_NOUN_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(EVENT_NAME_NOUNS)) + r")\b")
_THE_BEFORE = re.compile(r"[Tt]he\s+\Z")
_POSSESSIVE = POSSESSIVE_MARKS


@dataclass
class RawMention:
    """A mention before resolution: where, what kind, and how the text titles the person."""

    mention: Mention
    label: str
    honorific: str | None = None
    honorific_span: Span | None = None  # the name with its honorific, as an alias
    implied_name: str | None = None  # "Sam" in "Sam and Ada Reyes" is Sam Reyes

    @property
    def name(self) -> str:
        return self.implied_name or self.mention.span.text


def sentence_span(doc: Doc, span: SpacySpan) -> Span:
    sent = sentence(span)
    return Span(sent.start_char, sent.end_char, text_of(doc)[sent.start_char : sent.end_char])


def _is_name_word(token) -> bool:
    text = token.text
    camel = len(text) > 2 and text[0].islower() and text[1].isupper()  # "iGarden", "eVolt"
    return text[:1].isupper() or camel or token.lower_ in NAME_PARTICLES and "-" in text


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading 'the', a trailing possessive and trailing punctuation (token indices)."""
    while start < end and doc[start].lower_ in _STRIP_LEADING:
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _extend_org(doc: Doc, end: int, sent_end: int) -> int:
    """'Coastal Alliance' + 'for Protecting Fishing Villages' → one name."""
    i = end
    if i >= sent_end or doc[i].lower_ not in ORG_NAME_EXTENDERS:
        return end
    best = end
    i += 1
    while i < sent_end:
        tok = doc[i]
        if tok.ent_type_ in ("DATE", "TIME"):
            break  # "<Org> on Monday": a day, not more of the name
        if tok.text[:1].isupper() and tok.is_alpha or tok.text[:1].isupper() and "-" in tok.text:
            i += 1
            best = i
        elif tok.lower_ in ORG_NAME_CONNECTORS or tok.text in _POSSESSIVE:
            i += 1
        else:
            break
    return best


def _skip_generic_body(doc: Doc, start: int, end: int) -> int:
    """'Board of Directors of the <Org>' names <Org>; the body belongs to a role title."""
    body_end = None
    for k in range(start + 1, end - 1):
        if doc[k].lower_ == "of" and doc[start:k].text.lower() in GENERIC_BODIES:
            body_end = k  # the longest body wins: "Board of Directors", not "Board"
    if body_end is None:
        return start
    k = body_end + 1
    while k < end - 1 and doc[k].lower_ == "the":
        k += 1
    return k


_NAME_WORD = r"(?:[a-z]{1,3}-)?[A-Z][\w’'-]*"
_UNTAGGED_ORG = re.compile(
    _NAME_WORD + r"(?:\s+(?:(?:" + "|".join(sorted(NAME_JOINERS)) + r")\s+)?" + _NAME_WORD + r")*"
)


def _untagged_organizations(doc: Doc, taken: list[tuple[int, int]]) -> list[SpacySpan]:
    """Capitalized names ending in an organization head noun that the model missed
    ("Abu el-Fadl Scouts Association"): the longest such run of name words, cut after its
    last head noun."""
    found = []
    for match in _UNTAGGED_ORG.finditer(text_of(doc)):
        words = match.group(0).split()
        heads = [i for i, w in enumerate(words) if w.lower().strip(".,") in ORG_HEADS]
        if not heads or heads[-1] == 0:
            continue
        words = words[: heads[-1] + 1]
        if words[0].lower() == "the":
            words = words[1:]
        if len(words) < 2:
            continue
        start = match.start() + match.group(0).index(words[0])
        end = start + len(" ".join(words))
        if text_of(doc)[start:end] != " ".join(words):
            continue  # the run had other spacing; leave it to the model
        # "President <Person> of <Name> Bank": the run starts inside a name already found;
        # what follows its last joiner after that name may still be an organization's name
        inside = [b for a, b in taken if end > a and start < b]
        if inside:
            rest = text_of(doc)[max(inside) : end].split()
            while rest and (rest[0].lower() in NAME_JOINERS or rest[0].lower() == "the"):
                rest = rest[1:]
            if len(rest) < 2 or len(rest) == len(words) or rest[0][:1].islower():
                continue
            start = end - len(" ".join(rest))
            if text_of(doc)[start:end] != " ".join(rest):
                continue
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None:  # "CFO of <Name> Inc.": the post is no part of the name
            span = doc[_past_company_title(doc, span.start, span.end) : span.end]
        if span is not None and span.text.lower() not in GENERIC_BODIES:
            found.append(span)
    return found


def _title_prefix_end(doc: Doc, start: int, end: int) -> int:
    """End of capitalized title words that open a name ("Blogger", "Comedian and cast
    member"), when a name still follows; `start` when there are none."""
    i, last = start, start
    while i < end - 1:
        lower = doc[i].lower_
        if is_occupation(lower) and lower not in HONORIFICS:
            last = i + 1
        elif not (lower in ROLE_MODIFIERS or lower == "and"):
            break
        i += 1
    if last == start or last >= end or not doc[last].text[:1].isupper():
        return start
    if doc[last].lower_ in NAME_END_PREPOSITIONS or doc[last].text in _POSSESSIVE:
        return start  # "Minister of Finance" is a title, not a title and a name
    return last


def _before_possessed_title(doc: Doc, start: int, end: int) -> int:
    """ "<Company>'s CFO", "<Country>'s Foreign Minister" tagged as one name: the name ends
    at its possessive; the title after it is a post there."""
    for i in range(start + 1, end - 1):
        if doc[i].text in _POSSESSIVE and is_title_words(t.lower_ for t in doc[i + 1 : end]):
            return i
    return end


def _past_company_title(doc: Doc, start: int, end: int) -> int:
    """Where the company's name starts in "CFO of <Company>", "Chief Executive Officer of
    the <Company>": a post in a company written before its name is no part of it; `start`
    for a government post, whose "of" names a portfolio ("Minister of Finance", "Director
    of Public Prosecutions")."""
    of = next((i for i in range(start, end) if doc[i].lower_ == "of"), None)
    if of is None or of == start or doc[of - 1].lower_ not in COMPANY_TITLES:
        return start
    if doc[of - 1].lower_ == "director" or not is_title_words(t.lower_ for t in doc[start:of]):
        return start
    if any(t.lower_ in HONORIFICS for t in doc[start:of]):
        return start  # "Deputy Governor of the <Bank>": an office of state
    first = _past_articles(doc, of + 1, end)
    return first if first < end and doc[first].pos_ == "PROPN" else start


def _past_articles(doc: Doc, i: int, end: int) -> int:
    while i < end - 1 and doc[i].lower_ in _STRIP_LEADING:
        i += 1
    return i


def _has_org_head(words: list[str]) -> bool:
    return any(w.lower() in ORG_HEADS for w in words)


def _after_number(doc: Doc, start: int) -> bool:
    """ "1700 UTC", "(17:00 GMT)": a time zone or unit written right after a number."""
    before = doc[start - 1] if start > 0 else None
    return before is not None and (
        before.like_num or ":" in before.text and any(c.isdigit() for c in before.text)
    )


def _is_work(doc: Doc, start: int, end: int) -> bool:
    """A work head before "of" ("<Adjective> Medal of <Noun>", "Order of <Noun>")."""
    words = [t.lower_ for t in doc[start:end]]
    return any(w in WORK_HEADS and n == "of" for w, n in zip(words, words[1:], strict=False))


def _facility_end(doc: Doc, start: int, end: int) -> int | None:
    """Where a facility's name ends: its own last word is a facility noun ("<Name> Hotel"),
    or lowercase facility words follow it ("<Name> police station")."""
    if doc[end - 1].lower_ in FACILITY_HEADS and end - start > 1:
        return end
    j = end
    while j < len(doc) and j < end + 2 and doc[j].text.islower() and doc[j].pos_ == "NOUN":
        if doc[j].lower_ in FACILITY_HEADS:
            return j + 1
        j += 1
    return None


# Words that make a name an institution's own ("<X> Bank", "<Y> Fund"), for appositions.
_INSTITUTION_WORDS = ORG_HEADS | INSTITUTION_WORDS
PEOPLE_NOUNS = events_vocabulary().people_nouns
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,6})$")
_STATE_ABBREVIATION = re.compile(r"^(?:[A-Z]\.){2,}$")
# Buildings named by the post of who works there ("the Governor's office").
_TITLED_BUILDINGS = TITLED_BUILDINGS
# Lowercase nouns after a country's name that make one organization of both ("<Country> police").
_STATE_FORCES = STATE_FORCES

# Honorifics that only ever stand before a person's name.
_PERSON_HONORIFICS = PERSON_HONORIFICS
_LOCATIVES = LOCATIVE_PREPOSITIONS


def _word_before(doc: Doc, start: int) -> int:
    """The index of the word before a name and its "the" (-1 at the start of the text)."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in _STRIP_LEADING:
        i -= 1
    return i


def _a_congregations_building(doc: Doc, start: int, end: int) -> bool:
    i = _word_before(doc, start)
    at = i >= 0 and doc[i].lower_ in BUILDING_PREPOSITIONS
    return at and end - start > 1 and doc[end - 1].lower_ in CONGREGATION_HEADS


def _after_locative(doc: Doc, start: int) -> bool:
    i = _word_before(doc, start)
    if i >= 1 and doc[i].lower_ == "to" and doc[i - 1].lower_ == "according":
        return False
    return i >= 0 and doc[i].lower_ in _LOCATIVES


def _in_after_a_noun(doc: Doc, start: int, end: int) -> bool:
    """A one-word name, not an acronym and with no organization head, after "in" that
    hangs on a common noun: "a hospital in <Name>", "the market in <Name>"."""
    if end - start != 1 or start < 1 or doc[start].text.isupper():
        return False
    prep = doc[start - 1]
    return (
        prep.lower_ == "in"
        and prep.head.pos_ == "NOUN"
        and prep.head.lower_ not in SHARE_NOUNS  # "a stake in <Company>"
        and doc[start].head.i == prep.i
        and doc[start].lower_ not in ORG_HEADS
    )


def _is_known_place(text: str) -> bool:
    info = gazetteer.lookup(text)
    return info is not None and info.kind in ("city", "country", "region")


def _event_name(doc: Doc, start: int, end: int) -> bool:
    """ "the <Name> exchange": the name of an event, unless an acronym ("the <ACRONYM>
    summit" is that organization's summit); "Hurricane <Name>": a storm's name."""
    if start > 0 and _names_a_storm(doc[start - 1].lower_):
        return True
    if end - start == 1 and _ACRONYM.match(doc[start].text):
        return False
    return end < len(doc) and doc[end].lower_ in EVENT_NAME_NOUNS and doc[end].text.islower()


@functools.lru_cache(maxsize=256)
def _names_a_storm(word: str) -> bool:
    """A noun of the vocabulary that tells a storm ("hurricane", "typhoon"): the name after
    it is the storm's."""
    trigger = events_vocabulary().nouns.get(word)
    return trigger is not None and trigger.type == "storm"


def _kind_for(label: str, words: list[str]) -> EntityKind | None:
    kind = LABEL_KIND.get(label)
    if kind is None:
        return None
    lowered = [w.lower() for w in words]
    if len(words) > 1 and (
        lowered[0].rstrip(".") in LANDFORM_FIRST or lowered[-1] in LANDFORM_LAST
    ):
        return "place"  # "Mount <Name>", "<Name> River": a feature of the land, whatever label
    if kind == "person" and any(w in ORG_HEADS for w in lowered):
        return "organization"
    # For place labels only a final head noun counts, and not for known places.
    if (
        kind == "place"
        and lowered[-1] in ORG_HEADS
        and len(words) > 1
        and gazetteer.lookup(" ".join(words)) is None
    ):
        return "organization"
    # "<Name> <Name> <Country>": a national branch; two words ("<First> <Country>") is a person
    if kind == "person" and len(words) >= 3 and gazetteer.is_country(words[-1]):
        return "organization"
    return kind


def _label_of(doc: Doc, ent: SpacySpan) -> str:
    """The model's label, corrected where the words around the name say otherwise."""
    label = ent.label_
    before = ent.start - 2 if ent.start > 1 and doc[ent.start - 1].text == "," else ent.start - 1
    if (
        label in ("WORK_OF_ART", "PERSON", "PRODUCT", "GPE", "NORP")
        and before >= 0
        and doc[before].lower_ in MEDIA_NOUNS
        and doc[before].text.islower()
    ):
        return "ORG"  # "the newspaper <Name>", "her newspaper, <Name>,": an outlet
    if (
        label in ("EVENT", "PRODUCT", "WORK_OF_ART")
        and len(ent) > 1
        and doc[ent.end - 1].lower_ in FACILITY_HEADS
    ):
        return "FAC"  # "<Name> Airport" taken for an event or a product
    return label


def _name_bounds(
    doc: Doc, ent: SpacySpan, label_of: str, absorbed: set[int]
) -> tuple[int, int, str | None, bool] | None:
    """Where the name itself starts and ends (titles, honorifics and trailing punctuation
    off; "<City>, D.C." and an organization's "of <Place>" on) → (start, end, honorific,
    whether a title stood before it)."""
    start, end = _trim(doc, ent.start, ent.end)
    end = _before_possessed_title(doc, start, end)
    if start >= end:
        return None
    if (
        label_of == "GPE"
        and end + 1 < len(doc)
        and doc[end].text == ","
        and _STATE_ABBREVIATION.match(doc[end + 1].text)
        and doc[end + 1].ent_type_ == "GPE"
    ):  # "<City>, D.C.": the abbreviation is part of the city's name
        absorbed.add(end + 1)
        end += 2
    honorific = None
    if label_of == "PERSON":
        while start < end - 1 and doc[start].lower_ in HONORIFICS:
            honorific = doc[start].text
            start += 1
    titled = _title_prefix_end(doc, start, end)
    rest = [t.lower_ for t in doc[titled:end]]
    if label_of != "PERSON" and (_has_org_head(rest) or "of" in rest):
        titled = start  # "Executive Committee of <Org>": the name of a body
    had_title = titled > start
    if had_title:  # "Blogger <Name>", "Spokesperson <Name>": a title, then a person
        honorific = doc[start:titled].text
        start = titled
    if label_of in ("ORG", "PERSON", "NORP") and _after_number(doc, start):
        return None  # "1700 UTC": a unit after a number, not a name
    if label_of == "ORG" or _kind_for(label_of, [t.text for t in doc[start:end]]) == "organization":
        end = _extend_org(doc, end, sentence(ent).end)
        start = _skip_generic_body(doc, start, end)
        start = _past_company_title(doc, start, end)
    return start, end, honorific, had_title


def _not_a_name(doc: Doc, start: int, end: int, label_of: str, event_names: set[str]) -> bool:
    """The span names no entity: not a name word, an event's name (kept in `event_names`),
    a work or an object."""
    words = [t.text for t in doc[start:end]]
    if not _is_name_word(doc[start]) or len(doc[start:end].text) < 2:
        return True
    if end - start > 1 and _names_a_storm(doc[start].lower_):
        event_names.add(fold(doc[start + 1 : end].text))  # "Hurricane <Name>", then "<Name>"
        event_names.add(fold(doc[start:end].text))
        return True
    if _event_name(doc, start, end) and gazetteer.lookup(doc[start:end].text) is None:
        event_names.add(fold(doc[start:end].text))
        return True
    before = start - 2 if start > 1 and doc[start - 1].lower_ in ARTICLES else start - 1
    if before >= 0 and doc[before].lower_ in WORK_NOUNS and doc[before].text.islower():
        return True  # "her album <Title>", "the film (The) <Title>": a work
    return (
        len(words) > 1
        and words[-1].lower() in WORK_HEADS
        or label_of == "ORG"
        and _is_work(doc, start, end)
    )  # "the <Name> Act", "the <Name> Medal": a work or an object


def _kind_in_context(
    doc: Doc, start: int, end: int, label_of: str, had_title: bool
) -> tuple[int, EntityKind, str] | None:
    """The kind the words around the name give it → (end, kind, label), or None when the
    span is no name after all (a bare title, a word before a noun)."""
    words = [t.text for t in doc[start:end]]
    kind = _kind_for(label_of, words)
    if kind is None:
        return None
    label = label_of
    facility_end = _facility_end(doc, start, end)
    if facility_end is not None:  # "<Name> Airport", "the <Name> police station"
        end, kind, label = facility_end, "place", "FAC"
        words = [t.text for t in doc[start:end]]
    elif kind != "place" and gazetteer.is_country(doc[start:end].text):
        kind, label = "place", "GPE"  # a country acting ("<Country> said") is its place
    elif kind == "organization" and _a_congregations_building(doc, start, end):
        kind, label = "place", "FAC"  # "at the <Name> Church": where, not who
    if had_title and kind == "organization" and not _has_org_head(words):
        kind = "person"
    if kind != "place" and all(w.lower() in HONORIFICS or w.lower() in ROLE_NOUNS for w in words):
        return None  # a bare title ("its Treasurer", "CFO <Name>") is not a name
    if kind != "place" and _after_locative(doc, start) and _is_known_place(doc[start:end].text):
        kind = "place"  # "born in <City>": the model sometimes calls a town an organization
    if kind == "organization" and _in_after_a_noun(doc, start, end):
        kind, label = "place", "GPE"  # "a hospital in <Town>": where a thing is
    # a lowercase word right after the name ("Border police", "<Country> police")
    after = doc[end].lower_ if end < len(doc) and doc[end].text.islower() else ""
    if kind == "person" and after in ORG_HEADS:
        return None  # "Border police": a word before a noun, not a name
    if after in LANDFORM_LAST and doc[end].pos_ == "NOUN":
        kind, label = "place", "LOC"  # "the <Name> river": a feature of the land
    if (
        kind == "organization"
        and after
        and doc[end].pos_ == "NOUN"
        and after not in _STATE_FORCES
        and after not in SHARE_NOUNS  # "<Company> shares fell": a company sharing a town's name
        and len(words) == 1
        and _is_known_place(words[0])
    ):
        kind, label = "place", "GPE"  # "a <City> court": the city, before a noun it places
    if kind == "person" and len(words) == 1 and start > 0 and doc[start - 1].lower_ == "the":
        kind, label = "place", "LOC"  # "the <Name>": rivers and regions, not people
    if (
        kind == "place" and after in _STATE_FORCES and gazetteer.is_country(doc[start:end].text)
    ):  # "<Country> police": the country's force, an organization of its own
        end, kind, label = end + 1, "organization", "ORG"
    return end, kind, label


def _recognized_mention(
    doc: Doc, ent: SpacySpan, absorbed: set[int], event_names: set[str]
) -> RawMention | None:
    """A mention of a name the model recognized, with its kind and honorific."""
    label_of = _label_of(doc, ent)
    if len(ent) > 1 and _names_a_storm(ent[0].lower_):
        event_names.add(fold(ent[1:].text))  # "Hurricane <Name>": the storm, then "<Name>"
        return None
    if label_of not in LABEL_KIND:
        return None
    bounds = _name_bounds(doc, ent, label_of, absorbed)
    if bounds is None:
        return None
    start, end, honorific, had_title = bounds
    if _not_a_name(doc, start, end, label_of, event_names):
        return None
    typed = _kind_in_context(doc, start, end, label_of, had_title)
    if typed is None:
        return None
    end, kind, label = typed
    span = doc[start:end]
    if (
        kind == "person"
        and honorific is None
        and start > 0
        and doc[start - 1].lower_ in HONORIFICS
        and doc[start - 1].text[:1].isupper()
    ):
        honorific = doc[start - 1].text
    honorific_span = None
    if honorific:
        first = start - 1 if doc[start - 1].text == honorific else start
        h = doc[first:end]
        honorific_span = Span(h.start_char, h.end_char, h.text)
    mention = Mention(
        span=Span(span.start_char, span.end_char, span.text),
        kind=kind,
        sentence=sentence_span(doc, span),
        rule=RECOGNIZED,
    )
    return RawMention(mention, label, honorific, honorific_span)


def _word_character(char: str) -> bool:
    """What `\\w` matches: "the" after one of these is inside a word."""
    return char.isalnum() or char == "_"


def _named_as_event(text: str, name: str) -> bool:
    """Whether the text says "the <name> <event noun>" ("the <Name> talks") somewhere."""
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        before = _THE_BEFORE.search(text, max(0, start - 40), start)
        if (
            before is not None
            and (before.start() == 0 or not _word_character(text[before.start() - 1]))
            and _EVENT_NOUN_AFTER.match(text, end)
        ):
            return True
        start = text.find(name, start + 1)
    return False


def find_mentions(doc: Doc) -> tuple[list[RawMention], set[str]]:
    """Entity mentions in the doc, plus the folded names found to be names of events."""
    found: list[RawMention] = []
    event_names: set[str] = set()
    absorbed: set[int] = set()  # ents that became part of the one before ("D.C.")
    reached = 0  # where the last name ended: an ent inside it is part of it (an extended
    # "<Org> for <A> and <B>" holds the <B> the recognizer also tagged on its own)
    for ent in ents_of(doc):
        if ent.start not in absorbed and ent.start_char >= reached:
            raw = _recognized_mention(doc, ent, absorbed, event_names)
            if raw is not None:
                found.append(raw)
                reached = raw.mention.span.end
    taken = [(e.start_char, e.end_char) for e in ents_of(doc)]
    for span in _untagged_organizations(doc, taken):
        found.append(
            RawMention(
                Mention(
                    Span(span.start_char, span.end_char, span.text),
                    "organization",
                    sentence_span(doc, span),
                    rule=UNTAGGED_ORGANIZATION,
                ),
                "ORG",
            )
        )
    found.sort(key=lambda m: m.mention.span.start)
    # A name used once as "the <Name> exchange" names that event wherever it appears
    # (unless it is a known place: "the <City> talks" still mentions the city).
    for surface in {m.mention.span.text for m in found}:  # each name once, not per mention
        if _ACRONYM.match(surface):
            continue  # "the <ACRONYM> summit": the organization's summit
        if gazetteer.lookup(surface) is None and _named_as_event(text_of(doc), surface):
            event_names.add(fold(surface))
    found = [m for m in found if fold(m.mention.span.text) not in event_names]
    found = _reclassify_described_persons(doc, found)
    found = _reclassify_national_branches(doc, found)
    found = _described_organizations(doc, found)
    found = _offices_of_titles(doc, found)
    _share_surnames(doc, found)
    return reclassify_surnames(doc, _reclassify_org_prefixes(found)), event_names


@functools.cache
def _organization_matcher(vocab):
    """spaCy Matcher patterns for names the context calls organizations: "<Name>, the
    (budget) airline", "<Name> shares", "shares of <Name>"."""
    from spacy.matcher import Matcher

    name = {"IS_TITLE": True, "IS_SENT_START": False}
    matcher = Matcher(vocab)
    # the name is the first token of these patterns …
    matcher.add(
        "NAME_FIRST",
        [
            [
                {"IS_TITLE": True, "POS": "PROPN"},  # not "Separately, the agency …"
                {"ORTH": ","},
                {"LOWER": {"IN": sorted(ARTICLES)}},
                {"POS": {"IN": ["ADJ", "NOUN", "PROPN"]}, "OP": "{0,3}"},
                {"LEMMA": {"IN": sorted(ORG_NOUNS)}},
            ],
            [{"IS_TITLE": True}, {"LOWER": {"IN": sorted(SHARE_NOUNS)}}],
            # "<Name> spokeswoman <Person>", "<Name> manager <Person>": the employer
            [
                {"IS_TITLE": True, "POS": "PROPN", "ENT_TYPE": {"IN": ["", "ORG"]}},
                {"LOWER": {"IN": sorted(EMPLOYEE_TITLES)}},
                {"ENT_TYPE": "PERSON"},
            ],
        ],
    )
    # … and the last of these
    matcher.add(
        "NAME_LAST",
        [
            [
                {"LOWER": {"IN": sorted(SHARE_NOUNS)}},
                {"LOWER": {"IN": sorted(STAKE_PREPOSITIONS)}},
                name,
            ],
        ],
    )
    return matcher


def _names_no_employer(token) -> bool:
    """A word before a title that is a place ("<City> coach"), a nationality ("<Demonym>
    striker") or a portfolio ("Finance director"): the title's setting, not its employer."""
    lower = token.lower_
    return (
        gazetteer.lookup(token.text) is not None
        or lower in PORTFOLIOS
        or gazetteer.demonym_country(token.text) is not None
    )


def _described_organizations(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """Names the context calls organizations: a person-labeled or untagged name described
    as a company, an airline, a label … or whose shares are traded."""
    names: set[tuple[int, int]] = set()
    matcher = _organization_matcher(doc.vocab)

    def may_match(sent) -> bool:  # a pattern needs one of these words: most sentences lack it
        return any(
            t.lower_ in SHARE_NOUNS
            or t.lemma_ in ORG_NOUNS
            and t.i > sent.start
            or t.lower_ in EMPLOYEE_TITLES
            for t in tokens_in(sent)
        )

    for match_id, start, end in _matches_in(doc, matcher, may_match):
        first = doc.vocab.strings[match_id] == "NAME_FIRST"
        token = doc[start] if first else doc[end - 1]
        if first and token.ent_type_ in ("DATE", "TIME"):
            continue  # "… on Monday, the agency said": a day, then who said it
        if token.lower_ not in ORG_NOUNS and not _names_no_employer(token):
            names.add((token.idx, token.idx + len(token.text)))
    if not names:
        return found
    words = {text_of(doc)[a:b] for a, b in names}
    for m in found:  # every mention of such a name, not only the described one
        if m.mention.span.text in words and m.mention.kind == "person":
            m.mention.kind = "organization"
    known = {m.mention.span.text for m in found}
    taken = [(m.mention.span.start, m.mention.span.end) for m in found]
    text = text_of(doc)
    for word in words - known:
        for start, end in whole_occurrences(text, word):
            span = doc.char_span(start, end)
            if span is None or not _free(taken, start, end):
                continue  # inside a longer name ("shares of <Name> Bank"): part of it
            found.append(
                RawMention(
                    Mention(
                        Span(start, end, word),
                        "organization",
                        sentence_span(doc, span),
                        rule=DESCRIBED_ORGANIZATION,
                    ),
                    "ORG",
                )
            )
    found.sort(key=lambda m: m.mention.span.start)
    return found


@functools.cache
def _office_matcher(vocab):
    """ "the Governor's office", "the Chancellor's official residence": a building known by
    the post of who works there."""
    from spacy.matcher import Matcher

    titles = sorted(ROLE_NOUNS | HONORIFICS)
    matcher = Matcher(vocab)
    matcher.add(
        "OFFICE",
        [
            [
                {"IS_TITLE": True, "LOWER": {"IN": titles}, "OP": "{0,1}"},
                {"IS_TITLE": True, "LOWER": {"IN": titles}},
                {"ORTH": {"IN": ["'s", "’s"]}},
                {"IS_LOWER": True, "POS": {"IN": ["ADJ", "NOUN"]}, "OP": "{0,1}"},
                {"LOWER": {"IN": sorted(_TITLED_BUILDINGS)}},
            ]
        ],
        greedy="LONGEST",
    )
    return matcher


def _matches_in(doc: Doc, matcher, may_match) -> list[tuple[int, int, int]]:
    """The matcher's matches (token positions in the doc) in the sentences `may_match`
    keeps: running it on those alone is most of what the pattern search costs saved."""
    found = []
    for sent in all_sentences(doc):
        if may_match(sent):
            found += [(i, sent.start + a, sent.start + b) for i, a, b in matcher(sent)]
    return found


def _offices_of_titles(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    taken = [(m.mention.span.start, m.mention.span.end) for m in found]

    def may_match(sent) -> bool:
        return any(t.lower_ in _TITLED_BUILDINGS for t in tokens_in(sent))

    for _, start, end in _matches_in(doc, _office_matcher(doc.vocab), may_match):
        span = doc[start:end]
        if not _free(taken, span.start_char, span.end_char):
            continue
        taken.append((span.start_char, span.end_char))
        mention = Mention(
            Span(span.start_char, span.end_char, span.text),
            "place",
            sentence_span(doc, span),
            rule=OFFICE_OF_TITLE,
        )
        found.append(RawMention(mention, "FAC"))
    found.sort(key=lambda m: m.mention.span.start)
    return found


def _share_surnames(doc: Doc, found: list[RawMention]) -> None:
    """ "<First> and <First> <Surname>": both people bear the surname."""
    text = text_of(doc)
    persons = [m for m in found if m.mention.kind == "person"]
    for a, b in zip(persons, persons[1:], strict=False):
        a_words, b_words = a.mention.span.text.split(), b.mention.span.text.split()
        between = text[a.mention.span.end : b.mention.span.start]
        if len(a_words) == 1 and len(b_words) == 2 and between.strip() == "and":
            a.implied_name = f"{a_words[0]} {b_words[-1]}"


def _reclassify_national_branches(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """ "<Name> <Country>" is a person ("<First> <Surname>") or an organization's national
    branch. The text tells which by how it refers back: a person by the second word, a branch
    by the first ("<Name> said" on its own elsewhere in the article)."""
    text = text_of(doc)
    for m in found:
        words = m.mention.span.text.split()
        if m.mention.kind != "person" or len(words) != 2 or not gazetteer.is_country(words[1]):
            continue
        if any(
            not text[end : end + len(words[1]) + 1].strip().startswith(words[1])
            for _, end in whole_occurrences(text, words[0])
        ):
            m.mention.kind = "organization"
    return found


def _reclassify_described_persons(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """A name described as a person ("<Name>, a spokeswoman for …", "Ms. <Name>") is a
    person, whatever label the model gave it (unless it has an organization head noun)."""
    for m in found:
        if m.mention.kind == "person":
            continue
        words = m.mention.span.text.split()
        if any(w.lower() in ORG_HEADS for w in words):
            continue
        span = doc.char_span(m.mention.span.start, m.mention.span.end, alignment_mode="expand")
        if span is None:
            continue
        i = span.end
        described = False
        if i + 1 < len(doc) and doc[i].text == ",":
            j = i + 1
            if doc[j].lower_ in ARTICLES:
                j += 1
            for k in range(j, min(j + 3, len(doc))):
                if is_occupation(doc[k].lower_) and doc[k].text.islower():
                    described = True
                    break
                # "the Croatian novelist": a demonym or other adjective may come first
                if not (
                    doc[k].pos_ == "ADJ"
                    or doc[k].ent_type_ == "NORP"
                    or doc[k].pos_ == "NOUN"
                    and doc[k].text.islower()
                ):
                    break
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        # "the leader of <Org>, <Name>", "two supporters, <Name> and <Name>": a name in
        # apposition to a title or to people names a person; so does "coach <Name>"
        root = span.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        head = root.head
        titled = root.dep_ == "appos" and (
            head.lemma_.lower() in ROLE_NOUNS or head.lemma_.lower() in PEOPLE_NOUNS
        )
        titled = titled or (
            span.start > 0
            and doc[span.start - 1].lemma_.lower() in ROLE_NOUNS
            and len(words) in (2, 3)
        )
        if described or titled or before in _PERSON_HONORIFICS:
            m.mention.kind = "person"
    return found


def reclassify_surnames(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """A one-word 'organization' or 'place' that is the surname or first name of a person
    named in full in the same article is that person (the model often mislabels bare names),
    unless it is a well-known place standing where places stand ("in <City>")."""
    full_names = [
        identity_words(m.mention.span.text)
        for m in found
        if m.mention.kind == "person" and len(m.mention.span.text.split()) >= 2
    ]
    for m in found:
        text = m.mention.span.text
        words = identity_words(text)
        if m.mention.kind == "person" or len(text.split()) != 1:
            continue
        if not any(
            len(full) > len(words) and (full[-len(words) :] == words or full[:1] == words)
            for full in full_names
        ):
            continue
        if text.lower() in ORG_HEADS:
            continue
        token = doc.char_span(m.mention.span.start, m.mention.span.end, alignment_mode="expand")
        well_known = gazetteer.is_country(text) or gazetteer.link_for(text) is not None
        if not well_known or token is None or not _after_locative(doc, token.start):
            m.mention.kind = "person"
    return found


def _reclassify_org_prefixes(found: list[RawMention]) -> list[RawMention]:
    """A one-word 'place' unknown to the gazetteer, or 'person', that begins an
    organization's name is that organization's short name."""
    org_first_words = {
        fold(m.mention.span.text).split()[0] for m in found if m.mention.kind == "organization"
    }
    for m in found:
        text = m.mention.span.text
        if (
            m.mention.kind in ("place", "person")
            and (gazetteer.lookup(text) is None or m.mention.kind == "person")
            and " " not in fold(text)
            and fold(text) in org_first_words
        ):  # "<Name>" beside "<Name> United", "<Name> <Country>"
            m.mention.kind = "organization"
    return found


def place_kind(name: str, label: str) -> str:
    words = name.split()
    if len(words) > 1 and words[-1].lower() in FACILITY_HEADS:
        return "facility"  # "<Name> Palace" is a building, whatever town shares its name
    info = gazetteer.lookup(name)
    if info is not None:
        return info.kind
    if label == "FAC":
        return "facility"
    if label == "CITY":  # a name a noun of settlement described ("the town of <Name>")
        return "city"
    return "region"


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= a or start >= b for a, b in taken)


def _back_reference_forms(entity) -> list[str]:
    """Short forms the model often misses after the full name: a person's surname
    ("Varga", "al-Tamimi"), an organization's head noun ("the Coalition"), a place's name."""
    words = entity.name.split()
    if entity.kind == "person" and len(words) >= 3:
        # "<First> <Middle> <Last>": either family name may stand alone ("Ruiz", "Soto");
        # initials and particles do not
        return [w for w in words[1:] if len(w) > 2 and w[:1].isupper() and "." not in w]
    if entity.kind == "person" and len(words) >= 2:
        return [words[-1]]
    if entity.kind == "place":
        return [entity.name]  # the model may tag the same name differently elsewhere
    if entity.kind == "organization":
        lowered = [w.lower() for w in words]
        for i, w in enumerate(lowered):
            if w in ORG_NAME_EXTENDERS and i > 0:
                return [words[i - 1]]
    return []


def _occurrences(text: str, form: str, after_the: bool):
    """Where a short form stands alone; `after_the`: only right after "the " ("the
    <Name>" refers back to an organization, a bare word of its name may not)."""
    for start, end in whole_occurrences(text, form):
        if not after_the or (
            text[max(0, start - 4) : start] in ("the ", "The ")
            and (start == 4 or (start > 4 and not _word_character(text[start - 5])))
        ):
            yield start, end


def add_back_references(doc: Doc, entities: dict) -> None:
    """Add mentions for short forms of names found earlier in the article, when the short
    form is unambiguous (names one entity only) and stands alone (not part of a longer name),
    and for an organization's whole name where the model left it untagged."""
    taken = [(m.span.start, m.span.end) for e in entities.values() for m in e.mentions]
    forms: dict[str, list] = {}
    full_names: set[str] = set()  # an organization's whole name, wherever the model missed it
    for entity in entities.values():
        for form in _back_reference_forms(entity):
            forms.setdefault(form, []).append(entity)
        if entity.kind == "organization" and len(entity.name.split()) >= 2:
            forms.setdefault(entity.name, []).append(entity)
            full_names.add(entity.name)
    text = text_of(doc)
    for form, owners in forms.items():
        if len(owners) != 1 or len(form) < 3:
            continue
        entity = owners[0]
        needs_article = entity.kind == "organization" and form not in full_names
        for start, end in _occurrences(text, form, needs_article):
            after = text[end : end + 40].lstrip(" ’'s")
            if not _free(taken, start, end) or after[:1].isupper():
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            before = doc[span.start - 1] if span.start > 0 else None
            if (
                before is not None
                and before.text[:1].isupper()
                and not before.is_sent_start
                and entity.kind != "organization"
            ):  # "New South <Surname>": the last word of another name
                continue
            entity.mentions.append(
                Mention(
                    span=Span(start, end, text[start:end]),
                    kind=entity.kind,
                    sentence=sentence_span(doc, span),
                    entity_key=entity.key,
                    rule=BACK_REFERENCE,
                )
            )
            entity.aliases.add(text[start:end])
            taken.append((start, end))
        entity.aliases.discard(entity.name)
        entity.mentions.sort(key=lambda m: m.span.start)


def _initials(name: str) -> str:
    """ "World Health Organization" → "WHO"; "Bank of the North …" → "BN…" (small words out)."""
    return "".join(
        w[0].upper() for w in name.replace("-", " ").split() if w[:1].isupper() and len(w) > 1
    )


def appositive_links(doc: Doc, found: list[RawMention]) -> list[tuple[RawMention, RawMention]]:
    """Acronyms that stand for a full name in the same article: "<Full Name> (<ACR>)" or
    "<ACR>" whose letters are the initials of exactly one organization named in full. Two
    names in apposition ("<Org A>, the <Org B>") are not merged: lists look the same."""
    orgs = [m for m in found if m.mention.kind == "organization"]
    links = []
    for short in orgs:
        letters = short.mention.span.text.replace(".", "")
        if not _ACRONYM.match(short.mention.span.text) or len(letters) < 2:
            continue
        matches = {
            full.mention.span.text: full
            for full in orgs
            if full is not short and _initials(full.mention.span.text) == letters
        }
        if len(matches) == 1:
            links.append((next(iter(matches.values())), short))
    return links + _renaming_appositions(doc, orgs)


def _renaming_appositions(doc: Doc, orgs: list[RawMention]) -> list[tuple]:
    """ "<Name>, the <Descriptive Name>." at the end of a clause: the second names what the
    first is, when the first is a bare proper name (no head noun such as "Fund" or
    "Organization", not an acronym) and the second has a head noun. Two institutional names
    side by side ("<X> Bank, the <Y> Fund") or an acronym before a full name are a list."""
    links = []
    text = text_of(doc)
    for a, b in zip(orgs, orgs[1:], strict=False):
        between = text[a.mention.span.end : b.mention.span.start]
        after = text[b.mention.span.end : b.mention.span.end + 2].strip()
        before = text[max(0, a.mention.span.start - 2) : a.mention.span.start].strip()
        a_words = a.mention.span.text.lower().split()
        b_words = b.mention.span.text.lower().split()
        if (
            between.strip().lower() in (", the", ",")
            and after[:1] in (".", ";", ")", "")
            and before[-1:] != ","
            and not _INSTITUTION_WORDS & set(a_words)
            and not _ACRONYM.match(a.mention.span.text)
            and _INSTITUTION_WORDS & set(b_words)
        ):
            links.append((a, b))
    return links

"""Names the recognizer misses or mistypes, found by the words around them.

A named step after `entities.find_mentions`: it adds mentions and corrects kinds, from
constructions of the sentence, never from particular names:
- a title noun before a run of capitalized words names a person ("midfielder <First> <Last>");
- the two sides of a result ("<A> beat <B> 3-1") are teams, organizations;
- a capitalized run that starts or ends with a facility noun is a place ("Estadio do <Name>");
- "<Name> province" is a place, an administrative division, named with its noun;
- a name a settlement noun describes ("the city of <Name>", "the capital, <Name>") is a place;
- a person's name runs on over a lowercased surname the article writes capitalized elsewhere;
- a lone capitalized word that opens a sentence, with no title and no other mention, is the
  sentence's first word, not a person ("Turnout was 61%").
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newskg.extract import gazetteer
from newskg.extract.entities import RawMention, reclassify_surnames, sentence_span
from newskg.extract.lexicon import (
    COMPASS_ADJECTIVES,
    DIVISION_NOUNS,
    FACILITY_HEADS,
    HONORIFICS,
    LANDFORM_FIRST,
    LANDFORM_LAST,
    LOCATIVE_PREPOSITIONS,
    OFFICE_PLACES,
    OPPONENT_PREPOSITIONS,
    ORG_HEADS,
    ORGANIZATION_PREPOSITIONS,
    OWNER_DETERMINERS,
    PLACE_NAME_PARTICLES,
    PORTFOLIOS,
    RELATIVE_PRONOUNS,
    RESIDENCE_PREPOSITIONS,
    ROLE_NOUNS,
    SETTLEMENT_NOUNS,
    STATE_BODIES,
    WORK_NOUNS,
    is_title_words,
)
from newskg.extract.rules import declare
from newskg.extract.scores import score_after
from newskg.extract.sentences import clause_with_subject, text_of, tokens_of
from newskg.extract.vocabulary import events
from newskg.model import EntityKind, Mention, Span

TITLED_NAME = declare(
    "mentions.titled_name",
    """A title or contest noun directly before two or more capitalized words the recognizer
    left untagged: "<title> <First> <Last>" names a person (and the title, if the recognizer
    took it alone for an organization, is none: "CFO <First> <Last>").""",
    __name__,
)
SIDE_OF_SCORE = declare(
    "mentions.side_of_score",
    """The subject and the object of a verb of winning followed by a score ("<A> beat <B>
    3-1", "<A> drew with <B> 2-2") are teams: organizations, wherever they are named.""",
    __name__,
)
ACRONYM_OF_NAMED = declare(
    "mentions.acronym_of_named",
    """A word in capitals the recognizer left untagged that spells the initials of an
    organization the article names ("<ACRONYM> President <Name>" after "the <Full Name>"):
    a mention of that organization.""",
    __name__,
)
UNTAGGED_FACILITY = declare(
    "mentions.untagged_facility",
    """A capitalized run (small particles inside it allowed) that starts or ends with a
    facility noun ("<Name> Stadium", "Estadio do <Name>") names a place, a facility.""",
    __name__,
)
SIDE_OF_TRANSFER = declare(
    "mentions.side_of_transfer",
    """The clubs of a transfer ("<Player> joined <A> from <B>", "signed for <A>") are
    organizations, wherever they are named.""",
    __name__,
)
DIVISION = declare(
    "mentions.division",
    """A name followed by a lowercase noun of administrative division ("<Name> province",
    "<Name> county") is a place, a region, named with its noun.""",
    __name__,
)
DIRECTIONAL_PLACE = declare(
    "mentions.directional_place",
    """A capitalized name after a preposition of place and a lowercase adjective of direction
    ("in central <Name>", "across northern <Name>") is a place, even where the recognizer
    tagged nothing or a person or organization.""",
    __name__,
)

PEOPLE_OF_PLACE = declare(
    "mentions.people_of_place",
    """A name after a plural noun of people and "in" or "from" ("voters in <Name>",
    "refugees from <Name>"), with no word of an organization's name, is a place, wherever
    else it is named.""",
    __name__,
)

UNTAGGED_PERSON = declare(
    "mentions.untagged_person",
    """Two or three capitalized words the recognizer left untagged, with no word of an
    organization's, a facility's or a landform's name, that a verb of something that
    happens to people takes as its subject or object ("police arrested <First> <Last>",
    "<First> <Last> died", "<First> <Last> said"), or that an age follows ("<First>
    <Last>, 58,"): a person.""",
    __name__,
)

FIRST_NAME = declare(
    "mentions.first_name",
    """A capitalized word the recognizer left out right before a person's name, joined to it
    as a compound ("<First> <Last>" where only <Last> was tagged), is the first part of the
    name, unless it is a title or the first word of its sentence.""",
    __name__,
)

LOWERCASED_SURNAME = declare(
    "mentions.lowercased_surname",
    """A person's name followed by a lowercase word it modifies (the word heads the noun
    phrase) that the article elsewhere writes capitalized as a person's name: the name
    runs on over the mistyped word ("<First> <last>", and later "<Last> said").""",
    __name__,
)

SETTLEMENT = declare(
    "mentions.settlement",
    """A name that a lowercase noun of settlement or territory describes, as the object of
    its "of" ("the city of <Name>") or in apposition either way ("the capital, <Name>",
    "<Name>, a mining town"), is a place, wherever else it is named.""",
    __name__,
)

JOINED_PLACE = declare(
    "mentions.joined_place",
    """Two names joined by "and" that together are one place the gazetteer knows ("<A> and
    <B>", a country named for two islands or regions) are that one place, not two names.""",
    __name__,
)

STATE_BODY = declare(
    "mentions.state_body",
    """A lowercase noun of a state's body with the country it belongs to ("the foreign
    ministry of <Country>", "the government of <Country>") names an organization of that
    country, written as the text writes it.""",
    __name__,
)
PERSON_OF_ORGANIZATION = declare(
    "mentions.person_of_organization",
    """A name the recognizer read as one organization, "<First> <Last> of the <Org>", where
    the words before "of the" hold no word of an organization's name and those after do:
    a person and the organization they belong to ("<Name> of the <Party>").""",
    __name__,
)

PLACE_OF_OFFICE = declare(
    "mentions.place_of_office",
    """The name after a titled person and "of", when the title is an office of a town or a
    region ("Mayor <First> <Last> of <Name>", "Governor <First> <Last> of <Name>") and the
    name holds no word of an organization's name: a place, wherever else it is named (the
    recognizer, seeing a name after a person, often reads it as another person or nothing).
    After another office ("Minister <First> <Last> of <Name>") only a place the gazetteer
    knows.""",
    __name__,
)

LISTED_PEOPLE = declare(
    "mentions.listed_people",
    """A name the recognizer read as an organization, "<First> <Last>" or "<First> <Last> and
    <First> <Last>", with no word of an organization's name, standing beside a plural noun
    of people ("two businessmen, <A> and <B>", "the suspects, <A> and <B>"): people.""",
    __name__,
)


def _span(doc: Doc, start: int, end: int, kind: EntityKind, label: str, rule: str) -> RawMention:
    span = doc[start:end]
    return RawMention(
        Mention(
            Span(span.start_char, span.end_char, span.text),
            kind,
            sentence_span(doc, span),
            rule=rule,
        ),
        label,
    )


def _taken(found: list[RawMention]) -> list[tuple[int, int]]:
    return [(m.mention.span.start, m.mention.span.end) for m in found]


def _free(taken: list[tuple[int, int]], span: SpacySpan) -> bool:
    return all(span.end_char <= a or span.start_char >= b for a, b in taken)


def _capitalized(token) -> bool:
    return token.text[:1].isupper() and token.is_alpha and not token.is_sent_start


def titled_names(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    titles = ROLE_NOUNS | HONORIFICS | events().contest_nouns
    taken = _taken(found)
    added = []
    for token in tokens_of(doc)[:-2]:
        # a title inside a mention is part of a name; one the recognizer tagged alone and
        # the mentions dropped ("CFO <First> <Last>") still names who follows it
        if token.lower_ not in titles or not _free(taken, doc[token.i : token.i + 1]):
            continue
        end = token.i + 1
        while end < len(doc) and _capitalized(doc[end]) and doc[end].pos_ == "PROPN":
            end += 1
        if end - token.i - 1 < 2 or end - token.i - 1 > 3:
            continue
        span = doc[token.i + 1 : end]
        if is_title_words(t.lower_ for t in span):
            continue  # "Chief Executive Officer": more of the title, no name
        if _free(taken, span):
            added.append(_span(doc, span.start, span.end, "person", "PERSON", TITLED_NAME))
            taken.append((span.start_char, span.end_char))
    return found + added


def _score_verbs() -> frozenset[str]:
    """Lemmas of the verbs that tell a result when a score follows them."""
    return frozenset(
        key.split()[0]
        for key, trigger in events().verbs.items()
        if trigger.when_score == "match" or trigger.needs_score or trigger.type == "match"
    )


def _name_span(doc: Doc, token) -> SpacySpan:
    """The capitalized compound name ending at a token ("Porto Vale")."""
    start = token.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].text[:1].isupper():
        start -= 1
    return doc[start : token.i + 1]


def _won_by_a_person(verb, found: list[RawMention]) -> bool:
    """The participle of a result whose subject, shared with the clause it joins, is a
    person ("<Name> won the open, beating <Name> 6-3"): individuals compete, not teams."""
    if any(c.dep_ == "nsubj" for c in verb.children):
        return False
    head = clause_with_subject(verb)
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    people = [m for m in found if m.mention.kind == "person" and m.label == "PERSON"]
    return any(m.mention.span.start <= s.idx < m.mention.span.end for s in subjects for m in people)


def sides_of_scores(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    verbs = _score_verbs()
    sides: list[SpacySpan] = []
    for verb in tokens_of(doc):
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs or score_after(verb) is None:
            continue
        if _won_by_a_person(verb, found):
            continue
        score_at = next(t.i for t in doc[verb.i + 1 :] if t.like_num)
        sides += [
            _name_span(doc, c)
            for c in _score_arguments(verb)
            if (c.pos_ == "PROPN" or c.text[:1].isupper() and c.pos_ == "NOUN")
            and (c.i < verb.i or c.i < score_at)
        ]
    if not sides:
        return found
    elsewhere = [  # every mention of a side, not only the one beside the score
        doc[t.i : t.i + len(s)]
        for s in sides
        for t in tokens_of(doc)
        if doc[t.i : t.i + len(s)].text == s.text and t.i != s.start
    ]
    return _as_organizations(doc, found, sides + elsewhere, SIDE_OF_SCORE, towns_too=True)


def _score_arguments(verb) -> list:
    """The words that may name a side of a verb of result: its subject, object and
    opponent ("beat <B> 3-1", "lost to <B>"), and the subject a participle or a relative
    clause leaves to its governor ("<A> won the title after beating <B> 3-1", "<A>, who beat
    <B> 2-1")."""
    found = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "dobj", "npadvmod"):
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in OPPONENT_PREPOSITIONS:
            found += [c for c in child.children if c.dep_ == "pobj"]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        found.append(verb.head)
    elif subject is None and verb.dep_ in ("advcl", "pcomp", "xcomp", "conj"):
        governor = verb.head.head if verb.dep_ == "pcomp" else verb.head
        found += [c for c in governor.children if c.dep_ == "nsubj"]
    return found


def _as_organizations(
    doc: Doc, found: list[RawMention], spans: list[SpacySpan], rule: str, towns_too=False
) -> list[RawMention]:
    """The names of `spans` are organizations: mentions of them the recognizer called people
    or unknown places (with `towns_too`, any place but a country: a club named for its
    town) are corrected, and the spans it left untagged or cut are added."""
    names = {s.text for s in spans}
    for m in found:
        known = gazetteer.lookup(m.mention.span.text)
        unknown_place = m.mention.kind == "place" and (
            known is None or towns_too and known.kind != "country"
        )
        if m.mention.span.text in names and (m.mention.kind == "person" or unknown_place):
            m.mention.kind, m.label, m.mention.rule = "organization", "ORG", rule
    # a part of the name the recognizer took alone ("West" of "West Ham") gives way to it
    found = [
        m
        for m in found
        if not any(
            s.start_char <= m.mention.span.start
            and m.mention.span.end <= s.end_char
            and m.mention.span.end - m.mention.span.start < len(s.text)
            for s in spans
        )
    ]
    taken = _taken(found)
    for span in spans:
        if _free(taken, span):
            found.append(_span(doc, span.start, span.end, "organization", "ORG", rule))
            taken.append((span.start_char, span.end_char))
    return found


def _head_first(words: list[str]) -> bool:
    """A facility noun, then a particle: "Estadio do <Name>", "Stade de <Name>"."""
    return len(words) > 2 and words[0] in FACILITY_HEADS and words[1] in PLACE_NAME_PARTICLES


def acronyms_of_named(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    initials = {
        "".join(w[0] for w in m.mention.span.text.split() if w[:1].isupper())
        for m in found
        if m.mention.kind == "organization" and len(m.mention.span.text.split()) >= 2
    }
    initials = {i for i in initials if len(i) >= 2}
    if not initials:
        return found
    taken = _taken(found)
    added = []
    for token in tokens_of(doc):
        if (
            token.is_upper
            and token.is_alpha
            and token.text in initials
            and not gazetteer.is_country(token.text)  # "US" beside "United <Name> Steel"
            and _free(taken, doc[token.i : token.i + 1])
        ):
            added.append(_span(doc, token.i, token.i + 1, "organization", "ORG", ACRONYM_OF_NAMED))
    return found + added


def untagged_facilities(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    for m in found:  # "Estadio do <Name>" taken for an organization: a building
        words = m.mention.span.text.lower().split()
        if _head_first(words) and m.mention.kind != "place":
            m.mention.kind, m.label, m.mention.rule = "place", "FAC", UNTAGGED_FACILITY
    taken = _taken(found)
    added = []
    tokens = tokens_of(doc)
    i = 0
    while i < len(tokens):
        if not _capitalized(tokens[i]):
            i += 1
            continue
        end = i + 1
        while end < len(tokens) and (
            _capitalized(tokens[end])
            or tokens[end].lower_ in PLACE_NAME_PARTICLES
            and end + 1 < len(tokens)
            and _capitalized(tokens[end + 1])
        ):
            end += 1
        words = [t.lower_ for t in tokens[i:end]]
        facility = _head_first(words) or len(words) > 1 and words[-1] in FACILITY_HEADS
        before = i - 2 if i > 1 and tokens[i - 1].lower_ in OWNER_DETERMINERS else i - 1
        a_work = before >= 0 and tokens[before].lower_ in WORK_NOUNS  # "the film (The) <Name>"
        if not facility or a_work:
            i = end
            continue
        span = doc[i:end]
        if _free(taken, span):
            added.append(_span(doc, i, end, "place", "FAC", UNTAGGED_FACILITY))
            taken.append((span.start_char, span.end_char))
        i = end
    return found + added


def _with_division(doc: Doc, m: RawMention, noun) -> None:
    """The mention runs on over its division noun: "<Name> province" is the place's name."""
    long_form = doc.char_span(m.mention.span.start, noun.idx + len(noun.text))
    if long_form is not None:
        m.mention.span = Span(long_form.start_char, long_form.end_char, long_form.text)


def divisions(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    by_end = {m.mention.span.end: m for m in found}
    tokens = tokens_of(doc)
    for token in tokens[1:]:
        if token.lower_ not in DIVISION_NOUNS or not token.text.islower():
            continue
        m = by_end.get(token.idx + len(token.text))  # recognized with its noun
        before = tokens[token.i - 1]
        if m is None:
            m = by_end.get(before.idx + len(before.text))
            if m is not None:
                _with_division(doc, m, token)
        if m is None and _capitalized(before) and before.pos_ == "PROPN":
            span = _name_span(doc, before)
            start = span.start
            while (  # "<Name> do <Name> state": a name joined by a particle is one name
                start >= 2
                and doc[start - 1].lower_ in PLACE_NAME_PARTICLES
                and _capitalized(doc[start - 2])
            ):
                start = _name_span(doc, doc[start - 2]).start
            if start < span.start:
                span = doc[start : span.end]
                found = [  # the part the recognizer took alone gives way to the whole
                    f
                    for f in found
                    if not (
                        span.start_char <= f.mention.span.start
                        and f.mention.span.end <= span.end_char
                    )
                ]
            if not _free(_taken(found), span):
                continue
            m = _span(doc, span.start, token.i + 1, "place", "LOC", DIVISION)
            found.append(m)
        if m is None:
            continue
        if m.mention.kind != "place":  # the recognizer's kind corrected by this rule
            m.mention.rule = DIVISION
        m.mention.kind, m.label = "place", "LOC"
    return found


def _described_by_settlement(token) -> list:
    """The proper nouns a settlement noun describes: its object of "of", its apposition, or
    the name it stands in apposition to."""
    heads = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            heads += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "appos":
            heads.append(child)
    if token.dep_ == "appos":
        heads.append(token.head)
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text == ",":
        # "the state capital, <Name>,": the parser may hang the name elsewhere
        name = doc[token.i + 2]
        while name.i + 1 < len(doc) and name.dep_ == "compound" and name.head.i == name.i + 1:
            name = doc[name.i + 1]
        heads.append(name)
    return [h for h in heads if h.pos_ == "PROPN" and h.text[:1].isupper()]


def settlements(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """SETTLEMENT: names a settlement noun describes become places (or are added as one)."""
    by_token: dict[int, RawMention] = {}
    for m in found:
        span = doc.char_span(m.mention.span.start, m.mention.span.end)
        for t in span if span is not None else ():
            by_token[t.i] = m
    labels: dict[str, str] = {}  # name → "CITY" for a settlement, "GPE" for a territory
    for token in tokens_of(doc):
        if token.lower_ not in SETTLEMENT_NOUNS or not token.text.islower():
            continue
        label = "CITY" if SETTLEMENT_NOUNS[token.lower_] == "city" else "GPE"
        for head in _described_by_settlement(token):
            described = by_token.get(head.i)
            if described is not None:
                labels[described.mention.span.text] = label
                continue
            span = _name_span(doc, head)
            if _free(_taken(found), span):
                found.append(_span(doc, span.start, span.end, "place", label, SETTLEMENT))
    for m in found:  # every mention of the name, not only the one the noun describes
        words = m.mention.span.text.lower().split()
        named = labels.get(m.mention.span.text)
        if named is None or any(w in ORG_HEADS for w in words):
            continue
        if m.mention.kind != "place":  # the recognizer's kind corrected by this rule
            m.mention.kind, m.mention.rule = "place", SETTLEMENT
        if gazetteer.lookup(m.mention.span.text) is None:
            m.label = named
    return found


def drop_opening_words(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """A one-word "person" that opens its sentence, has no title, and is named nowhere else
    is the sentence's first word taken for a name ("Turnout was …")."""
    counts: dict[str, int] = {}
    for m in found:
        for word in m.mention.span.text.split():
            counts[word] = counts.get(word, 0) + 1
    kept = []
    for m in found:
        span = doc.char_span(m.mention.span.start, m.mention.span.end)
        lone = (
            span is not None
            and m.mention.kind == "person"
            and len(span) == 1
            and span[0].is_sent_start
            and not m.honorific
            and not m.implied_name  # "Paul and Irene <Surname>": Paul bears the surname
            and counts.get(span.text, 0) == 1
        )
        if not lone:
            kept.append(m)
    return kept


def drop_portfolios(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """A capitalized word the recognizer took for an organization that opens the title of an
    office before a name ("Interior Minister <Name>", "Health Secretary <Name>") is the
    post's portfolio, part of the title, not an organization ("<Agency> reporter <Name>"
    names its organization); so is one written after the office ("Secretary of State")."""
    kept = []
    for m in found:
        span = doc.char_span(m.mention.span.start, m.mention.span.end)
        portfolio = (
            span is not None
            and m.mention.kind == "organization"
            and len(span) <= 2
            and span.end + 1 < len(doc)
            and doc[span.end].lower_ in HONORIFICS  # an office of state, capitalized
            and doc[span.end].text[:1].isupper()
            and doc[span.end + 1].text[:1].isupper()
            and not any(t.lower_ in ORG_HEADS for t in span)
            and gazetteer.lookup(span.text) is None
        )
        if not portfolio and not _portfolio_after_office(doc, span, m):
            kept.append(m)
    return kept


def _portfolio_after_office(doc: Doc, span, m: RawMention) -> bool:
    """ "Secretary of State", "Chancellor of the Exchequer": the portfolio written after an
    office, part of the title."""
    if span is None or m.mention.kind != "organization":
        return False
    words = [t for t in span if t.lower_ != "the"]
    start = span.start
    if start > 0 and doc[start - 1].lower_ == "the":
        start -= 1
    return (
        " ".join(t.lower_ for t in words) in PORTFOLIOS
        and start >= 2
        and doc[start - 1].lower_ == "of"
        and doc[start - 2].lower_ in HONORIFICS
    )


def trim_at_numbers(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """A name never runs on into a number or a date ("<Name> 4-2 on Saturday"): cut before
    the first such word."""
    for m in found:
        span = doc.char_span(m.mention.span.start, m.mention.span.end)
        if span is None or len(span) < 2:
            continue
        cut = next(
            (t.i for t in span[1:] if t.like_num or t.ent_type_ in ("DATE", "TIME", "CARDINAL")),
            None,
        )
        if cut is not None:
            name = doc[span.start : cut]
            while len(name) > 1 and not name[-1].is_alpha:
                name = name[:-1]
            m.mention.span = Span(name.start_char, name.end_char, name.text)
    return found


def add_contextual_names(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """The mentions with those the words around them reveal, in text order."""
    found = trim_at_numbers(doc, found)
    found = first_names(doc, found)
    found = lowercased_surnames(doc, found)
    found = drop_opening_words(doc, found)
    found = drop_portfolios(doc, found)
    found = titled_names(doc, found)
    found = acronyms_of_named(doc, found)
    found = untagged_people(doc, found)
    found = reclassify_surnames(doc, found)  # again, with the people found from context
    found = untagged_facilities(doc, found)
    found = sides_of_scores(doc, found)
    found = sides_of_transfers(doc, found)
    found = divisions(doc, found)
    found = settlements(doc, found)
    found = directional_places(doc, found)
    found = places_of_people(doc, found)
    found = places_of_offices(doc, found)
    found = joined_places(doc, found)
    found = people_of_organizations(doc, found)
    found = listed_people(doc, found)
    found = state_bodies(doc, found)
    return sorted(found, key=lambda m: m.mention.span.start)


def state_bodies(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """STATE_BODY: "the <adjective> <body noun> of <Country>" as an organization."""
    from newskg.extract import gazetteer

    countries = {
        (m.mention.span.start, m.mention.span.end)
        for m in found
        if m.mention.kind == "place" and gazetteer.is_country(m.mention.span.text)
    }
    taken = [(m.mention.span.start, m.mention.span.end) for m in found]
    for token in tokens_of(doc):
        if token.lower_ not in STATE_BODIES or not token.text.islower():  # tagged NOUN or PROPN
            continue
        of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
        country = None
        for prep in of:
            for obj in prep.children:
                span = doc[obj.left_edge.i : obj.i + 1]
                if obj.dep_ == "pobj" and (span.start_char, span.end_char) in countries:
                    country = span
        if country is None:
            continue
        first = min([token.i] + [c.i for c in token.lefts if c.dep_ in ("amod", "compound")])
        start, end = doc[first].idx, country.end_char
        country_span = (country.start_char, country.end_char)
        if any(s < end and start < e and (s, e) != country_span for s, e in taken):
            continue
        found.append(_span(doc, first, country.end, "organization", "ORG", STATE_BODY))
    return found


def people_of_organizations(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """PERSON_OF_ORGANIZATION: "<First> <Last> of the <Org>" split into the two names."""
    kept: list[RawMention] = []
    for m in found:
        span = doc.char_span(m.mention.span.start, m.mention.span.end)
        split = _person_then_organization(span) if m.mention.kind == "organization" else None
        if split is None:
            kept.append(m)
            continue
        (p_start, p_end), (o_start, o_end) = split
        kept.append(_span(doc, p_start, p_end, "person", "PERSON", PERSON_OF_ORGANIZATION))
        kept.append(_span(doc, o_start, o_end, "organization", "ORG", PERSON_OF_ORGANIZATION))
    return kept


def _person_then_organization(span) -> tuple[tuple[int, int], tuple[int, int]] | None:
    if span is None or gazetteer.lookup(span.text) is not None:
        return None
    words = list(span)
    for k in range(1, min(4, len(words) - 2) + 1):  # up to three words of a person's name
        of, the = words[k], words[k + 1]
        if of.lower_ not in ORGANIZATION_PREPOSITIONS or the.lower_ not in OWNER_DETERMINERS:
            continue
        person, org = words[:k], words[k + 2 :]
        if not org or not all(t.pos_ == "PROPN" and _capitalized(t) for t in person):
            return None
        if any(t.lower_ in ORG_HEADS for t in person) or not any(
            t.lower_ in ORG_HEADS for t in org
        ):
            return None
        return (person[0].i, person[-1].i + 1), (org[0].i, org[-1].i + 1)
    return None


def places_of_offices(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """PLACE_OF_OFFICE: "Mayor <Person> of <Name>" makes the name a place."""
    tokens = tokens_of(doc)
    by_start = {m.mention.span.start: m for m in found}
    by_end = {m.mention.span.end: m for m in found}
    names: set[str] = set()
    for of in tokens[3:-1]:
        if of.lower_ != "of":
            continue
        person = by_end.get(tokens[of.i - 1].idx + len(tokens[of.i - 1].text))
        if person is None or person.mention.kind != "person":
            continue
        first = doc.char_span(person.mention.span.start, person.mention.span.end)
        office = tokens[first.start - 1].lower_ if first is not None and first.start else ""
        # an office of a town or a region: any name; another office: a place we know
        known_only = office not in OFFICE_PLACES
        if known_only and office not in HONORIFICS:
            continue
        name = tokens[of.i + 1]
        m = by_start.get(name.idx)
        if known_only:
            if (
                m is None
                and _capitalized(name)
                and gazetteer.lookup(name.text) is not None
                and _free(_taken(found), doc[name.i : name.i + 1])
            ):
                found.append(_span(doc, name.i, name.i + 1, "place", "GPE", PLACE_OF_OFFICE))
        elif m is not None:
            words = m.mention.span.text.lower().split()
            if m.mention.kind != "place" and not any(w in ORG_HEADS for w in words):
                names.add(m.mention.span.text)
        elif _capitalized(name) and name.pos_ == "PROPN":
            end = name.i + 1  # a name the recognizer left untagged
            while end < len(tokens) and _capitalized(tokens[end]) and tokens[end].pos_ == "PROPN":
                end += 1
            span = doc[name.i : end]
            if _free(_taken(found), span) and not any(t.lower_ in ORG_HEADS for t in span):
                found.append(_span(doc, span.start, span.end, "place", "GPE", PLACE_OF_OFFICE))
    for m in found:
        if m.mention.span.text in names:
            m.mention.kind, m.label, m.mention.rule = "place", "GPE", PLACE_OF_OFFICE
    return found


def joined_places(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """JOINED_PLACE: "<A> and <B>" as one place when the gazetteer knows the pair."""
    from newskg.extract import gazetteer

    text = text_of(doc)
    ordered = sorted(found, key=lambda m: m.mention.span.start)
    dropped: set[int] = set()
    joined: list[RawMention] = []
    for first, second in zip(ordered, ordered[1:], strict=False):
        if id(first) in dropped:
            continue
        a, b = first.mention.span, second.mention.span
        if b.start <= a.end:
            continue
        link = doc.char_span(a.end, b.start, alignment_mode="expand")
        # one coordinating conjunction between them: the gazetteer decides if they are one
        if link is None or [t.pos_ for t in link if not t.is_space] != ["CCONJ"]:
            continue
        name = text[a.start : b.end]
        if gazetteer.lookup(name) is None:
            continue
        span = doc.char_span(a.start, b.end)
        if span is None:
            continue
        dropped |= {id(first), id(second)}
        joined.append(_span(doc, span.start, span.end, "place", "GPE", JOINED_PLACE))
    return [m for m in found if id(m) not in dropped] + joined


def _described_as_people(span: SpacySpan) -> bool:
    """The span stands in apposition to a plural noun of people, or is one's apposition."""
    people = events().people_nouns
    root, doc = span.root, span.doc
    heads = [root.head] if root.dep_ == "appos" else []
    heads += [c for c in root.children if c.dep_ == "appos"]
    if span.start >= 2 and doc[span.start - 1].text == ",":  # "two businessmen, <A> and <B>"
        heads.append(doc[span.start - 2])  # (the parser may miss the apposition)
    return any(h.tag_ == "NNS" and h.lemma_.lower() in people for h in heads)


def listed_people(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """LISTED_PEOPLE: names of people read as an organization, split at "and"."""
    kept: list[RawMention] = []
    for m in found:
        span = doc.char_span(m.mention.span.start, m.mention.span.end)
        if m.mention.kind != "organization" or span is None or not _described_as_people(span):
            kept.append(m)
            continue
        words = list(span)
        cut = [i for i, t in enumerate(words) if t.lower_ == "and"]
        sides = [words[: cut[0]], words[cut[0] + 1 :]] if len(cut) == 1 else [words]
        if not sides or not all(
            2 <= len(side) <= 3 and all(_capitalized(t) and t.lower_ not in ORG_HEADS for t in side)
            for side in sides
        ):
            kept.append(m)
            continue
        for side in sides:
            kept.append(_span(doc, side[0].i, side[-1].i + 1, "person", "PERSON", LISTED_PEOPLE))
    return kept


def directional_places(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """DIRECTIONAL_PLACE: "<preposition> <direction> <Name>" names a place."""
    by_start = {m.mention.span.start: m for m in found}
    tokens = tokens_of(doc)
    for token in tokens[1:-1]:
        if token.lower_ not in COMPASS_ADJECTIVES or not token.text.islower():
            continue
        if tokens[token.i - 1].lower_ not in LOCATIVE_PREPOSITIONS:
            continue
        name = tokens[token.i + 1]
        if not _capitalized(name):
            continue
        m = by_start.get(name.idx)
        if m is not None:
            if m.mention.kind != "place" and gazetteer.lookup(m.mention.span.text) is None:
                m.mention.kind, m.label, m.mention.rule = "place", "GPE", DIRECTIONAL_PLACE
            continue
        end = name.i + 1
        while end < len(doc) and _capitalized(doc[end]) and doc[end].pos_ == "PROPN":
            end += 1
        span = doc[name.i : end]
        if _free(_taken(found), span):
            found.append(_span(doc, span.start, span.end, "place", "GPE", DIRECTIONAL_PLACE))
    return found


def _transfer_clubs(doc: Doc) -> list[SpacySpan]:
    """The names a verb of transfer takes: its object and the object of its preposition."""
    verbs = events().verbs
    clubs: list[SpacySpan] = []
    for verb in tokens_of(doc):
        if verb.pos_ != "VERB":
            continue
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            trigger = verbs.get(f"{verb.lemma_.lower()} {prep.lower_}")
            if trigger is None or trigger.type != "transfer":
                continue
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            objects += [c for c in prep.children if c.dep_ == "pobj"]
            clubs += [_name_span(doc, o) for o in objects if o.pos_ == "PROPN"]
    return clubs


def sides_of_transfers(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """SIDE_OF_TRANSFER: the clubs a player moves between are organizations."""
    return _as_organizations(doc, found, _transfer_clubs(doc), SIDE_OF_TRANSFER)


def places_of_people(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """PEOPLE_OF_PLACE: "<people> in <Name>" makes the name a place."""
    people = events().people_nouns
    by_start = {m.mention.span.start: m for m in found}
    names: set[str] = set()
    tokens = tokens_of(doc)
    for token in tokens[2:]:
        before, prep = tokens[token.i - 2], tokens[token.i - 1]
        if prep.lower_ not in RESIDENCE_PREPOSITIONS or before.tag_ != "NNS":
            continue
        if before.lemma_.lower() not in people:
            continue
        m = by_start.get(token.idx)
        if m is not None and m.mention.kind != "place":
            names.add(m.mention.span.text)
        elif m is None and _capitalized(token) and token.pos_ == "PROPN":
            end = token.i + 1  # a name the recognizer left untagged
            while end < len(doc) and _capitalized(doc[end]) and doc[end].pos_ == "PROPN":
                end += 1
            span = doc[token.i : end]
            if _free(_taken(found), span):
                found.append(_span(doc, span.start, span.end, "place", "GPE", PEOPLE_OF_PLACE))
    for m in found:
        words = m.mention.span.text.lower().split()
        named = m.mention.span.text in names and m.mention.kind != "place"
        if named and not any(w in ORG_HEADS for w in words):
            m.mention.kind, m.label, m.mention.rule = "place", "GPE", PEOPLE_OF_PLACE
    return found


def first_names(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """FIRST_NAME: "<First> <Last>" where the recognizer tagged only <Last> (as a person, or
    as an organization it is not: the name runs on over the untagged word either way)."""
    taken = _taken(found)
    for m in found:
        span = doc.char_span(m.mention.span.start, m.mention.span.end)
        if m.mention.kind not in ("person", "organization") or span is None or len(span) != 1:
            continue
        if span.start == 0:
            continue
        first = doc[span.start - 1]
        if not (
            first.text[:1].isupper()  # at the start of a sentence too: "<First> <Last>, a …"
            and not first.is_upper  # an abbreviation ("FM <Surname>") is a title, no name
            and first.is_alpha
            and first.pos_ == "PROPN"
            and first.dep_ == "compound"
            and first.head.i == span.root.i
            and not first.ent_type_
            and first.lower_ not in ROLE_NOUNS | HONORIFICS
            and _free(taken, doc[first.i : first.i + 1])
        ):
            continue
        whole = doc[first.i : span.end]
        m.mention.span = Span(whole.start_char, whole.end_char, whole.text)
        m.mention.rule = FIRST_NAME
        m.implied_name = None  # a first name of its own: not "<A> and <B> <Surname>"
    return found


def lowercased_surnames(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """LOWERCASED_SURNAME."""
    people = [m for m in found if m.mention.kind == "person"]
    named = {w for m in people for w in m.mention.span.text.split() if w[:1].isupper()}
    for m in people:
        span = doc.char_span(m.mention.span.start, m.mention.span.end)
        if span is None or span.end >= len(doc):
            continue
        word = doc[span.end]
        if not (word.is_alpha and word.is_lower and span.root.head.i == word.i):
            continue
        if word.text.capitalize() not in named or span.root.dep_ != "compound":
            continue
        whole = doc[span.start : word.i + 1]
        m.mention.span = Span(whole.start_char, whole.end_char, whole.text)
        m.mention.rule = LOWERCASED_SURNAME
    return found


def _person_verb(verb) -> bool:
    """A verb that says something happened to a person, or that a person said something."""
    vocab = events()
    trigger = vocab.verbs.get(verb.lemma_.lower())
    return trigger is not None and (
        trigger.type in vocab.person_patient_types or trigger.type == "speech"
    )


def _age_follows(doc: Doc, i: int) -> bool:
    """ ", 58," or ", 58 and" after a name: a person's age."""
    return (
        i + 2 < len(doc)
        and doc[i].text == ","
        and doc[i + 1].text.isdigit()
        and 0 < int(doc[i + 1].text) <= 110
        and doc[i + 2].text in (",", "and", ".")
    )


def untagged_people(doc: Doc, found: list[RawMention]) -> list[RawMention]:
    """UNTAGGED_PERSON: an untagged "<First> <Last>" that a verb about people takes, or
    that an age follows."""
    taken = _taken(found)
    not_a_person = ORG_HEADS | FACILITY_HEADS | LANDFORM_FIRST | LANDFORM_LAST | ROLE_NOUNS
    for token in tokens_of(doc):
        if token.pos_ != "PROPN":
            continue
        aged = _age_follows(doc, token.i + 1)  # "<First> <Last>, 58, …"
        if not aged and (
            token.dep_ not in ("nsubj", "nsubjpass", "dobj")
            or token.head.pos_ != "VERB"
            or not _person_verb(token.head)
        ):
            continue
        span = _name_span(doc, token)
        words = list(span)
        if not 2 <= len(words) <= 3 or not all(t.is_alpha and t.text[:1].isupper() for t in words):
            continue
        if any(t.ent_type_ or t.lower_ in not_a_person for t in words) or not _free(taken, span):
            continue
        if gazetteer.lookup(span.text) is not None:
            continue
        found.append(_span(doc, span.start, span.end, "person", "PERSON", UNTAGGED_PERSON))
        taken.append((span.start_char, span.end_char))
    return found

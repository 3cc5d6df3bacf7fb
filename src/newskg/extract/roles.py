"""Who holds which position in which organization.

Patterns (all about grammar and kinds of words, never names):
- apposition: "<Person>, the General Coordinator of <Org>", "<Person>, President of <Org>",
  "<Person>, its Director-General" (its = the organization named just before),
  "<Person>, <title> and member of the <body> of <Org>",
  "<Person>, the <Demonym> president", "<Person>, retired <Org> baseball player";
- the other way round: "the leader of <Org>, <Person>";
- before the name: "<Org>'s Director-General <Person>", "<Country|Demonym> President <Person>",
  "Chancellor of <Country> <Person>", "the lawyer <Person>", "Blogger <Person>",
  "Professor <Person> of <Org>" (but "Governor <Person> of the <Party>" is a membership);
- copula and "as": "<Person> became the leader of <Org>", "<Person> is Executive Secretary of
  <Org>", "<Person> was confirmed as leader of <Org>";
- verbs of office: "<Person> led <Org>" (leader), "<Person>, who heads <Org>".

A country stands for its government: "German president X" is president of Germany (the
demonym table `lang/en/demonyms.yaml` maps adjectives to countries). An office (president,
minister) needs its organization or country to be a role; an occupation (lawyer, blogger)
is a role on its own.
"""

from __future__ import annotations

import dataclasses
import functools

from spacy.tokens import Token

from newskg.extract import gazetteer
from newskg.extract.context import ArticleContext
from newskg.extract.lexicon import (
    COMPANY_TITLES,
    COPULAS,
    COUNTRYLESS_OFFICES,
    GENERIC_BODIES,
    HONORIFICS,
    INDEFINITE_ARTICLES,
    OFFICE_PLACES,
    OFFICES_ABROAD,
    ORG_HEADS,
    ORGANIZATION_PREPOSITIONS,
    ORGANIZATION_PRONOUNS,
    OWNER_DETERMINERS,
    PARTY_HEADS,
    PORTFOLIOS,
    RELATIVE_PRONOUNS,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    ROLE_VERBS,
    SPEECH_VERBS,
    TITLE_DETERMINERS,
    TITLE_TIME_WORDS,
    is_occupation,
)
from newskg.extract.rules import declare, id_of, rule
from newskg.extract.sentences import sentence, text_of, tokens_of
from newskg.model import Entity, Mention, Role, Span

_DETERMINERS = TITLE_DETERMINERS
_ORG_PREPOSITIONS = ORGANIZATION_PREPOSITIONS
_COPULAS = COPULAS
COUNTRY_OF_TITLE = declare(
    "mentions.country_of_title",
    """A country named only by its adjective or short form before or after a title ("the
    <Demonym> president", "<Short name> envoy"): the country becomes a place of the article.""",
    __name__,
)


def _is_role_noun(token: Token) -> bool:
    return _is_role_word(token.lower_)


@functools.lru_cache(maxsize=8192)  # asked for every token of every candidate span
def _is_role_word(lower: str) -> bool:
    return is_occupation(lower) or any(part in ROLE_NOUNS for part in lower.split("-"))


def _is_title_word(token: Token) -> bool:
    return _is_role_noun(token) or token.lower_ in ROLE_MODIFIERS


def _is_office(title: str) -> bool:
    """An office (president, minister) is held in something; an occupation is not."""
    words = title.lower().split()
    return bool(words) and (words[-1] in HONORIFICS or words[-1].split("-")[-1] in HONORIFICS)


def _clean_title(title: str) -> str:
    """Drop time words and ordinals: "former US president" → "president"."""
    words = [
        w
        for w in title.split()
        if w.lower() not in TITLE_TIME_WORDS and not (w[:1].isdigit() and w[-2:].isalpha())
    ]
    return " ".join(words) or title


def _title_at(doc, i: int, end: int) -> tuple[int, str | None]:
    """Longest title starting at token i: modifiers and role nouns ending in a role noun
    ("Director-General" arrives as three tokens and counts as one word)."""
    j, last_noun = i, None
    while j < end and _is_title_word(doc[j]):
        if _is_role_noun(doc[j]):
            last_noun = j
        if (
            j + 2 < end
            and doc[j + 1].text == "-"
            and not doc[j].whitespace_
            and _is_title_word(doc[j + 2])
        ):
            last_noun = j + 2
            j += 2
        j += 1
    if last_noun is None:
        return i, None
    stop = _past_portfolio(doc, last_noun + 1, end)
    return stop, doc[i:stop].text


def _past_portfolio(doc, i: int, end: int) -> int:
    """Past "of [the] <Portfolio>" after an office ("Secretary of State", "Chancellor of the
    Exchequer"): the portfolio is part of the title."""
    if i >= end or doc[i].lower_ != "of" or doc[i - 1].lower_ not in HONORIFICS:
        return i
    j = i + 1 + (i + 1 < end and doc[i + 1].lower_ == "the")
    for width in (2, 1):
        words = doc[j : j + width]
        if (
            j + width <= end
            and words[0].text[:1].isupper()
            and " ".join(t.lower_ for t in words) in PORTFOLIOS
            and not (j + width < end and doc[j + width].lower_ == "of")  # "the State of <Name>"
        ):
            return j + width
    return i


def country_at(ctx: ArticleContext, start: int, end: int) -> str | None:
    """The country tokens [start, end) name: a country mention, a demonym ("German") or a
    short name ("US"); a new place entity is made for a country the article names only so."""
    doc = ctx.doc
    start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    key = ctx.entity_at(start_char, end_char)
    if key is not None and not any(
        s == start_char and e == end_char for s, e, k in ctx.spans if k == key
    ):
        return None  # the tokens cover more (or less) than the country's name
    if key is not None:
        entity = ctx.entities[key]
        if entity.kind == "place" and entity.place_kind == "country":
            return key
        if entity.kind != "place" or " ".join(t.text for t in doc[start:end]) != entity.name:
            return None
    words = doc[start:end].text
    name = gazetteer.demonym_country(words) or gazetteer.country_name(words)
    if name is None:
        return None
    for entity in ctx.entities.values():
        if entity.kind == "place" and entity.name == name:
            return entity.key
    return _add_country(ctx, name, doc[start:end])


def _add_country(ctx: ArticleContext, name: str, span) -> str:
    from newskg.resolve import identity_key

    key = identity_key("place", name)
    sent = sentence(span)
    text = text_of(ctx.doc)
    mention = Mention(
        Span(span.start_char, span.end_char, span.text),
        "place",
        Span(sent.start_char, sent.end_char, text[sent.start_char : sent.end_char]),
        key,
        rule=COUNTRY_OF_TITLE,
    )
    entity = ctx.entities.get(key)
    if entity is None:
        entity = Entity(key, "place", name, place_kind="country", geo=gazetteer.link_for(name))
        ctx.entities[key] = entity
    entity.mentions.append(mention)
    if span.text != name:
        entity.aliases.add(span.text)
    ctx.add_span(span.start_char, span.end_char, key)
    return key


def _holder_before(ctx: ArticleContext, end: int) -> tuple[int, str | None]:
    """An organization or country written right before token `end` (exclusive), as in
    "<Org>'s", "<Org>", "US", "German", "United States": (its first token, key)."""
    doc = ctx.doc
    j = end - 1
    if j >= 0 and doc[j].text in ("'s", "’s"):
        j -= 1
    if j < 0:
        return end, None
    key = ctx.resolve(doc[j])
    if key is not None and ctx.kind(key) == "organization":
        first = j
        while first > 0 and ctx.entity_of_token(doc[first - 1]) == key:
            first -= 1
        return first, key
    for width in (3, 2, 1):  # "United States", "South Korean", "German"
        first = j - width + 1
        if first >= 0 and not doc[first].is_punct:
            country = country_at(ctx, first, j + 1)
            if country is not None:
                return first, country
    return end, None


def _organization_after(ctx: ArticleContext, i: int, end: int) -> tuple[int, str | None, str]:
    """After a title: 'of [the] <Org|Country>' → (next index, org key, extra title words)."""
    doc = ctx.doc
    if i >= end or doc[i].lower_ not in _ORG_PREPOSITIONS:
        return i, None, ""
    j = i + 1
    if j < end and doc[j].lower_ in OWNER_DETERMINERS:
        j += 1
    if j >= end:
        return i, None, ""
    for reading in (_named_organization, _country_named, _body_within, _domain_then_org):
        found = reading(ctx, i, j, end)
        if found is not None:
            return found
    # "of the alliance": a lowercase head noun naming an organization of the article
    if doc[j].lower_ in ORG_HEADS and doc[j].text.islower():
        org = ctx.org_by_head_word(doc[j].text)
        if org is not None:
            return j + 1, org, ""
    return i, None, ""


_After = tuple[int, str | None, str]  # (next index, org key, extra title words)


def _named_organization(ctx: ArticleContext, i: int, j: int, end: int) -> _After | None:
    """ "of <Org>", "President of <Country>", "mayor of <City>", "governor of <Region>"."""
    doc = ctx.doc
    key = ctx.entity_of_token(doc[j])
    if key is None:
        return None
    entity = ctx.entities[key]
    # a country stands for its government; a city for a mayor's, a region for a governor's
    kind_held = OFFICE_PLACES.get(doc[i - 1].lower_, "country") if i > 0 else "country"
    held = entity.kind == "place" and entity.place_kind == kind_held
    if entity.kind != "organization" and not (held and doc[i].lower_ == "of"):
        return i, None, ""  # a person or a town after the title: no organization
    k = j
    while k < end and ctx.entity_of_token(doc[k]) == key:
        k += 1
    return k, key, ""


def _country_named(ctx: ArticleContext, i: int, j: int, end: int) -> _After | None:
    """ "of the US": a country's name the model did not tag."""
    if ctx.doc[i].lower_ != "of":
        return None
    for width in (3, 2, 1):
        if j + width <= end:
            country = country_at(ctx, j, j + width)
            if country is not None:
                return j + width, country, ""
    return None


def _body_within(ctx: ArticleContext, i: int, j: int, end: int) -> _After | None:
    """A body inside the organization: "of the Board of Directors of <Org>"."""
    doc = ctx.doc
    k = j
    while (
        k < end
        and ctx.entity_of_token(doc[k]) is None
        and (
            doc[k].text[:1].isupper()
            or doc[k].lower_ == "of"
            and k + 1 < end
            and doc[k + 1].text[:1].isupper()
        )
    ):
        k += 1
    for cut in range(k, j, -1):
        body = doc[j:cut].text
        if body.lower() in GENERIC_BODIES and cut < end and doc[cut].lower_ == "of":
            k2, org, _ = _organization_after(ctx, cut, end)
            if org is not None:
                return k2, org, f" {doc[i:j].text} {body}"  # "of the Board"
    return None


def _domain_then_org(ctx: ArticleContext, i: int, j: int, end: int) -> _After | None:
    """ "head of operations at <Org>": a lowercase domain, then the organization."""
    doc = ctx.doc
    k = j
    while k < end and k - j < 3 and doc[k].text.islower() and doc[k].pos_ in ("NOUN", "ADJ"):
        k += 1
    if k > j and k < end and doc[k].lower_ in _ORG_PREPOSITIONS:
        k2, org, extra = _organization_after(ctx, k, end)
        if org is not None:
            return k2, org, f" {doc[i].text} {doc[j:k].text}{extra}"
    return None


def _role(
    person: str, title: str, evidence: Span, org: str | None, held_in_unnamed: bool = False
) -> Role | None:
    title = _clean_title(title)
    # "President X" with no country named: kept for now; find_roles gives it the country of
    # the story, or drops it as an honorific (OFFICE_IN_STORY_COUNTRY)
    return Role(person=person, title=title, organization=org, evidence=evidence)


def _span_at(doc, char: int):
    """The token at a character of the text, as a one-token span (None past the end)."""
    return doc.char_span(char, char + 1, alignment_mode="expand")


def _country_before_title(ctx: ArticleContext, i: int, end: int) -> tuple[int, str | None]:
    """Past the time words and nationality before a title: "the former Latvian president" →
    (index of the title, the country a nationality names); "<Org>'s chief executive" →
    (index of the title, the organization)."""
    doc = ctx.doc
    holder = None
    while i < end and doc[i].lower_ in TITLE_TIME_WORDS:
        i += 1
    # "<Name>, <Org>'s chief financial officer": the organization's possessive before a title
    key = ctx.resolve(doc[i]) if i < end else None
    if key is not None and ctx.kind(key) in ("organization", "place"):
        j = i
        while j + 1 < end and ctx.entity_of_token(doc[j + 1]) == key:
            j += 1
        if j + 2 < end and doc[j + 1].text in ("'s", "’s") and _is_title_word(doc[j + 2]):
            return j + 2, key
    # "the Latvian president": a nationality before an office names its country
    for width in (2, 1):
        if i + width < end and _is_title_word(doc[i + width]):
            holder = country_at(ctx, i, i + width) or holder
            if holder is not None:
                i += width
                break
    while i < end and doc[i].ent_type_ in ("NORP", "GPE") and not _is_title_word(doc[i]):
        i += 1  # "Kenyan writer": a nationality is not part of an occupation's title
    return i, holder


def _described_title(
    ctx: ArticleContext, i: int, end: int, holder: str | None
) -> tuple[int, str | None, str | None]:
    """A title after up to four describing words: "a marine biologist", "retired <Org>
    baseball player" (the organization among them holds the post) → (end of the title,
    title, holder)."""
    doc = ctx.doc
    for skip in (1, 2, 3, 4):
        if i + skip >= end:
            break
        words = doc[i : i + skip]
        org_inside = {k for t in words if (k := ctx.entity_of_token(t)) is not None}
        descriptive = all(
            t.pos_ in ("ADJ", "NOUN", "PROPN")
            and (t.text.islower() or t.text[:1].isupper())
            and t.text not in (",", ";")
            for t in words
        )
        if not descriptive or not all(ctx.kind(k) == "organization" for k in org_inside):
            continue
        after_title, title = _title_at(doc, i + skip, end)
        if title is None:
            continue
        if len(org_inside) == 1:
            holder = org_inside.pop()
            first = next(t.i for t in words if ctx.entity_of_token(t) == holder)
            last = max(t.i for t in words if ctx.entity_of_token(t) == holder)
            return (
                after_title,
                (doc[i:first].text + " " + doc[last + 1 : after_title].text).strip(),
                holder,
            )
        return after_title, doc[i:after_title].text, holder
    return i, None, holder


@rule("roles.apposition")
def _appositive_roles(ctx: ArticleContext, person: str, end_char: int) -> list[Role]:
    """A title set off by a comma after a person's name, with the organization or country
    after it or before it: "<Person>, the <title> of <Org>", "<Person>, its <title>",
    "<Person>, the <Demonym> <title>", "<Person>, <title> and <title> of <Org>"."""
    doc = ctx.doc
    span = _span_at(doc, end_char)
    if span is None:
        return []
    i = span.start
    sent_end = sentence(span).end
    if i >= sent_end or doc[i].text != ",":
        return []
    i += 1
    if i + 1 < sent_end and doc[i].like_num and doc[i + 1].text == ",":
        i += 2  # "<Name>, 54, a lawyer": the age, then the title
    roles: list[Role] = []
    evidence = ctx.sentence_of(doc[i - 1])
    while i < sent_end:
        determiner = None
        if doc[i].lower_ in _DETERMINERS:
            determiner = doc[i].lower_
            i += 1
        i, holder = _country_before_title(ctx, i, sent_end)
        after_title, title = _title_at(doc, i, sent_end)
        if title is None:
            after_title, title, holder = _described_title(ctx, i, sent_end, holder)
        if title is None:
            break
        following = ctx.entity_of_token(doc[after_title]) if after_title < sent_end else None
        if following is not None and ctx.kind(following) == "person":
            break  # "<A>, chancellor <B>": a list of titled people, not A's title
        i, org, extra = _organization_after(ctx, after_title, sent_end)
        if org is None and determiner in ORGANIZATION_PRONOUNS:
            org = ctx.org_before(doc[after_title - 1].idx)
        org = org or holder
        held_in_unnamed = False
        if org is None and i < sent_end and doc[i].lower_ in _ORG_PREPOSITIONS:
            # "the lawyer of the two men", "secretary of the water board": a title held
            # in nothing named; a capital after "of" is a name the rules did not recognize
            nxt = doc[i + 1] if i + 1 < sent_end else None
            if nxt is None or nxt.text[:1].isupper():
                break
            held_in_unnamed = True
        role = _role(person, title + extra, evidence, org, held_in_unnamed)
        if role is not None:
            roles.append(role)
        if i < sent_end and doc[i].lower_ == "and":
            i += 1
            continue
        break
    return roles


@rule("roles.copula")
def _copula_roles(ctx: ArticleContext) -> list[Role]:
    """ "<Person> became the leader of <Org>", "<Person> is Executive Secretary of <Org>",
    "<Person> was confirmed as leader of <Org>", "<Org> (its board) named <Person> as chief
    executive" (the post in the body that gives it)."""
    roles = []
    for token in tokens_of(ctx.doc):
        if not _is_role_noun(token) or token.dep_ not in ("attr", "oprd", "pobj", "dobj", "conj"):
            continue
        head = token
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head  # "<title> and <title> of <Org>": the organization of both titles
        verb = _linking_verb(head)
        person = _holder_of_linked_title(ctx, verb, head) if verb is not None else None
        if verb is None or person is None or ctx.kind(person) != "person":
            continue
        start, title = _title_at(ctx.doc, _left_edge_of_title(token), token.i + 1)
        org = None
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in _ORG_PREPOSITIONS:
                _, org, _ = _organization_after(ctx, prep.i, sentence(token).end)
        if org is None:  # "served as <Org>'s chief financial officer"
            org = _possessive_holder(ctx, token)
        if org is None and head.dep_ == "pobj":  # "the <Org> board named <X> as its CEO"
            org = _appointing_body(ctx, verb, person)
        if title and (org or verb.lemma_ != "be" and head.dep_ == "pobj"):
            role = _role(person, title, ctx.sentence_of(token), org)
            if role is not None:
                roles.append(role)
    return roles


def _appointing_body(ctx: ArticleContext, verb: Token, person: str) -> str | None:
    """The organization that gives someone else a post: the subject of the verb ("<Org>
    named <X> as …"), or the organization its subject is a body of ("the <Org> board")."""
    for subject in verb.children:
        if subject.dep_ != "nsubj":
            continue
        for word in (subject, *[c for c in subject.children if c.dep_ == "compound"]):
            key = ctx.resolve(word)
            if key is not None and key != person and ctx.kind(key) == "organization":
                return key
    return None


def _possessive_holder(ctx: ArticleContext, title: Token) -> str | None:
    """The organization or country written as the possessive of a title ("<Org>'s chief
    financial officer")."""
    for owner in title.children:
        key = ctx.resolve(owner) if owner.dep_ == "poss" else None
        if key is not None and ctx.kind(key) in ("organization", "place"):
            return key
    return None


def _linking_verb(head: Token) -> Token | None:
    """The verb that links a title to its holder: a copula ("became leader", "was named
    director") or any verb with "as" ("confirmed as leader")."""
    if head.dep_ == "pobj":
        if head.head.lower_ != "as":
            return None
        verb = head.head.head
        if verb.dep_ in ("dobj", "oprd") and verb.head.pos_ == "VERB":
            verb = verb.head  # "named <X> as chief executive": "as" hung on the object
        return verb
    if head.dep_ in ("attr", "oprd", "dobj") and head.head.lemma_ in _COPULAS:
        return head.head
    return None


def _holder_of_linked_title(ctx: ArticleContext, verb: Token, head: Token) -> str | None:
    """Who holds the title: the verb's subject (through "who" and joined clauses), or the
    object for "swore in <X> as president"."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ in ("conj", "xcomp", "advcl"):
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return None
    person = ctx.resolve(subjects[0])
    if subjects[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        person = ctx.resolve(verb.head)
    if head.dep_ == "pobj":  # "swore in <X> as president": the title is the object's
        objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd")] + [
            o
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ != "as"
            for o in p.children
            if o.dep_ == "pobj" and ctx.resolve(o)
        ]
        named = [ctx.resolve(o) for o in objects if ctx.resolve(o)]
        if named:
            person = named[0]
    return person


@rule("roles.verb_of_office")
def _verb_roles(ctx: ArticleContext) -> list[Role]:
    """ "<Person> has led <Org>" → leader; "<Person>, who heads <Org>" → head; "<Person>, who
    runs <Org>'s retail arm" → head of the retail arm at <Org>."""
    roles = []
    for token in tokens_of(ctx.doc):
        title = ROLE_VERBS.get(token.lemma_.lower())
        if title is None or token.pos_ != "VERB":
            continue
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        objects = [c for c in token.children if c.dep_ == "dobj"]
        if not subjects or not objects:
            continue
        subject = subjects[0]
        person = ctx.resolve(token.head if subject.lower_ == "who" else subject)
        org = ctx.resolve(objects[0])
        if org is None or ctx.kind(org) != "organization":
            # "who heads <Org>'s retail division": the head of a part of the organization
            owner = next((c for c in objects[0].children if c.dep_ == "poss"), None)
            org = ctx.resolve(owner) if owner is not None else None
            if owner is not None and org is not None and ctx.kind(org) == "organization":
                unit = [t for t in objects[0].subtree if t.i > owner.right_edge.i]
                title = f"{title} of the {' '.join(t.text for t in unit)}"
        if person and org and ctx.kind(person) == "person" and ctx.kind(org) == "organization":
            roles.append(Role(person, title, ctx.sentence_of(token), org))
    return roles


def _left_edge_of_title(token: Token) -> int:
    i = token.i
    while i > 0 and _is_title_word(token.doc[i - 1]):
        i -= 1
    return i


@rule("roles.title_before_name")
def _prenominal_roles(ctx: ArticleContext, person: str, start_char: int) -> list[Role]:
    """'<Org>'s Director-General <Person>', 'German president <Person>', 'Chancellor of
    <Country> <Person>', 'the late lawyer <Person>', 'Comedian and cast member <Person>',
    'Health Minister <Person>', 'Professor <Person> of <Org>'."""
    doc = ctx.doc
    span = _span_at(doc, start_char)
    if span is None or span.start == 0:
        return []
    evidence = ctx.sentence_of(doc[span.start])
    end = span.start
    # "Chancellor of <Country> <Person>": the holder sits between the title and the name
    first, holder = _holder_before(ctx, end)
    if holder is not None and first >= 2 and doc[first - 1].lower_ == "of":
        t_end = first - 1
        i = t_end - 1
        while i >= 0 and _is_title_word(doc[i]):
            i -= 1
        if i + 1 < t_end and _is_role_noun(doc[t_end - 1]):
            role = _role(person, doc[i + 1 : t_end].text, evidence, holder)
            return [role] if role else []
    office_end = _office_before_portfolio(doc, end)  # "Secretary of State <Person>"
    i = office_end - 1
    while i >= 0 and (
        _is_title_word(doc[i])
        or doc[i].lower_ == "and"
        and i < office_end - 1
        or _joins_title(doc, i)
        or _inside_title(doc, i, office_end)
        or _portfolio_of_office(doc, i, office_end)
    ):
        i -= 1
    while i + 1 < office_end and doc[i + 1].lower_ == "and":
        i += 1  # a title does not start with "and"
    last = _title_word_ending_at(doc, office_end - 1)
    if i + 1 >= end or not _is_role_word(last.lower()):
        return []
    titles = [t.strip() for t in doc[i + 1 : end].text.split(" and ")]
    j = i
    while j >= 0 and doc[j].lower_ in TITLE_TIME_WORDS:
        j -= 1
    first, org = _holder_before(ctx, j + 1)
    if org is None:
        org = _organization_of_name(ctx, person, span.start, titles[-1])
    roles = []
    for title in titles:
        if not title:
            continue
        role = _role(person, title, evidence, org)
        if role is not None:
            roles.append(role)
    return roles


def _office_before_portfolio(doc, end: int) -> int:
    """Where the office ends in "<Office> of [the] <Portfolio>" ending at token `end`, or
    `end` itself when no portfolio ends there."""
    for width in (2, 1):
        k = end - width
        if k < 2 or " ".join(t.lower_ for t in doc[k:end]) not in PORTFOLIOS:
            continue
        k -= doc[k - 1].lower_ == "the"
        if k >= 2 and doc[k - 1].lower_ == "of" and doc[k - 2].lower_ in HONORIFICS:
            return k - 1
    return end


def _portfolio_of_office(doc, i: int, end: int) -> bool:
    """ "Health Minister <Name>", "Finance Secretary <Name>": a portfolio written right
    before the office is part of the title (not an organization)."""
    return i + 1 < end and doc[i].lower_ in PORTFOLIOS and _is_office(doc[i + 1].text)


def _organization_of_name(ctx: ArticleContext, person: str, start: int, title: str) -> str | None:
    """ "Professor <Name> of <University>", "Director <Name> of <Institute>": the
    organization named right after the titled name, or for an office the place ("Mayor
    <Name> of <Town>", "Senator <Name> of <State>"). An office followed by a party
    ("Governor <Name> of the <Party>") tells the party the holder belongs to (a relation),
    not where the office is held."""
    doc = ctx.doc
    end = start
    while end < len(doc) and ctx.entity_of_token(doc[end]) == person:
        end += 1
    if end >= len(doc) or doc[end].lower_ != "of":
        return None
    place = ctx.entity_of_token(doc[end + 1]) if end + 1 < len(doc) else None
    if place is not None and ctx.kind(place) == "place":
        # "Mayor <Name> of <Town>", "Senator <Name> of <State>": an office held in a place
        return place if _is_office(title) else None
    _, org, _ = _organization_after(ctx, end, sentence(doc[start]).end)
    if org is None or ctx.kind(org) != "organization":
        return None
    head = ctx.entities[org].name.split()[-1].lower()
    return None if _is_office(title) and head in PARTY_HEADS else org


def _joins_title(doc, i: int) -> bool:
    """A hyphen inside one title word: "Secretary - General" arrives as three tokens."""
    return (
        doc[i].text == "-"
        and 0 < i < len(doc) - 1
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
    )


def _inside_title(doc, i: int, end: int) -> bool:
    """A lowercase noun inside a title before a name ("cast member", "civil rights
    activist"): it counts when a title word follows it."""
    t = doc[i]
    return (
        # "Police chief <Name>": a common noun capitalized only as the sentence's first word
        (t.text.islower() and t.pos_ in ("NOUN", "ADJ") or t.is_sent_start and t.pos_ == "NOUN")
        and i + 1 < end
        and (_is_title_word(doc[i + 1]) or _inside_title(doc, i + 1, end))
    )


def _title_word_ending_at(doc, i: int) -> str:
    """The whole word ending at token i, hyphens included ("Secretary-General")."""
    j = i
    while j >= 2 and _joins_title(doc, j - 1):
        j -= 2
    return doc[j : i + 1].text.replace(" ", "")


@rule("roles.title_then_name")
def _reverse_appositive_roles(ctx: ArticleContext, person: str, start_char: int) -> list[Role]:
    """'the leader of <Org>, <Person>': the name stands in apposition to a title."""
    doc = ctx.doc
    span = _span_at(doc, start_char)
    if span is None:
        return []
    name = span.root
    while name.dep_ == "compound" and name.head.i != name.i:
        name = name.head
    head = name.head
    if name.dep_ != "appos" or not _is_role_noun(head) or head.i > name.i:
        return []
    start, title = _title_at(doc, _left_edge_of_title(head), head.i + 1)
    if title is None:
        return []
    # "the Dutch transport minister, <Name>": descriptive words, then a country before them
    first = _left_edge_of_title(head)
    while first > 0 and _inside_title(doc, first - 1, head.i + 1):
        first -= 1
    title = doc[first : head.i + 1].text
    org = _holder_before(ctx, first)[1] if first > 0 else None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in _ORG_PREPOSITIONS:
            _, org_of, _ = _organization_after(ctx, prep.i, sentence(head).end)
            org = org_of or org
            if org is None:  # "of the opposition party <Org>": the organization named last
                found = [
                    k for k in ctx.entities_in(prep.idx, name.idx) if ctx.kind(k) == "organization"
                ]
                org = found[-1] if found else None
    role = _role(person, title, ctx.sentence_of(head), org)
    return [role] if role else []


def _named(finder, *args) -> list[Role]:
    """The roles a rule finds, each recording the rule."""
    found = finder(*args)
    for role in found:
        role.rule = id_of(finder)
    return found


def _names_one_post(doc, start: int) -> bool:
    """ "the <title>", "a former <title>": a phrase naming one post's holder."""
    first = doc[start].lower_
    return (
        first == "the" or first in INDEFINITE_ARTICLES and doc[start + 1].lower_ in TITLE_TIME_WORDS
    )


@rule("roles.lead_title")
def _lead_title_roles(ctx: ArticleContext, roles: list[Role]) -> list[Role]:
    """A story that opens on a post and names its holder next: "The chief executive of <Org>
    has resigned. <Name> said …" — the first sentence's subject is "the <title> of <Org>"
    (or "a former <title> of <Org>"),
    it names no person, and the person who is the subject of the next sentence holds the
    title, unless that sentence gives them a post of its own ("<Name>, the deputy minister,
    was sworn in": a successor, not the holder)."""
    sentences = list(ctx.doc.sents)
    if len(sentences) < 2:
        return []
    first, second = sentences[0], sentences[1]
    if ctx.entities_in(first.start_char, first.end_char, "person"):
        return []
    # the subject of the main verb, or of the clause a source reports ("…, a court ruled")
    subject = next(
        (t for t in first if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ in ("ROOT", "ccomp")),
        None,
    )
    if subject is None or not _is_role_noun(subject):
        return []
    start = subject.left_edge.i
    if not _names_one_post(ctx.doc, start):
        return []
    end, title = _title_at(ctx.doc, start + 1, subject.i + 1)
    if title is None or end != subject.i + 1:
        return []
    _, org, extra = _organization_after(ctx, end, subject.right_edge.i + 1)
    if org is None:
        return []
    holder = next(
        (
            ctx.resolve(t)
            for t in second
            if t.dep_ in ("nsubj", "nsubjpass")
            and t.head.dep_ == "ROOT"
            and ctx.resolve(t) is not None
        ),
        None,
    )
    if holder is None or ctx.kind(holder) != "person":
        return []
    if any(
        r.person == holder and second.start_char <= r.evidence.start < second.end_char
        for r in roles
    ):
        return []
    role = _role(holder, title + extra, ctx.sentence_of(subject), org)
    return [role] if role is not None else []


@rule("roles.speaker_for_organization")
def _speaker_roles(ctx: ArticleContext, roles: list[Role]) -> list[Role]:
    """A title before a speaker's name with no organization, when what the speaker reports is
    an organization's act: "<Org> has agreed to …, <title> <Person> said" → the title at
    that organization (never an office such as president, which needs its country)."""
    found = []
    for role in roles:
        if role.organization is not None or _is_office(role.title):
            continue
        sent = _span_at(ctx.doc, role.evidence.start)
        if sent is None:
            continue
        for token in sentence(sent):
            if token.dep_ != "nsubj" or ctx.entity_of_token(token) != role.person:
                continue
            verb = token.head
            if verb.lemma_.lower() not in SPEECH_VERBS:
                continue
            clauses = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis")]
            if verb.dep_ in ("ccomp", "parataxis"):
                clauses.append(verb.head)
            orgs = [
                k
                for clause in clauses
                for subject in clause.children
                if subject.dep_ in ("nsubj", "nsubjpass")
                for k in ctx.entities_for(subject, ("organization",))
            ]
            if len(orgs) == 1:
                found.append(Role(role.person, role.title, role.evidence, orgs[0]))
    return found


COMPANY_OF_CLAUSE = declare(
    "roles.company_of_clause",
    """A company title with no organization of its own ("CEO <Name>", "named <Name> as
    CFO") is held in the organization that is the subject of the clause naming the person,
    or of the clause it reports ("<Company> said CEO <Name> has resigned", "the <Company>
    board named <Name> as interim CEO").""",
    __name__,
)


def _company_of_clause(ctx: ArticleContext, role: Role) -> str | None:
    doc = ctx.doc
    names = [s for s, e, key in ctx.spans if key == role.person and role.evidence.start <= s < e]
    names = [s for s in names if s < role.evidence.end]
    if not names:
        return None
    name = doc.char_span(names[0], names[0] + 1, alignment_mode="expand")
    if name is None:
        return None
    node = name.root
    for _ in range(6):  # up from the name: its verb, then the verb that reports it
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        for subject in node.children:
            if subject.dep_ not in ("nsubj", "nsubjpass"):
                continue
            for word in [subject, *(c for c in subject.children if c.dep_ in ("compound", "poss"))]:
                key = ctx.resolve(word)  # a name, or "the company" referring back to one
                if key is not None and ctx.kind(key) == "organization":
                    return key
    return None


def _held_in_the_company(ctx: ArticleContext, roles: list[Role]) -> list[Role]:
    found = []
    for role in roles:
        words = role.title.lower().split()
        if role.organization is None and words and words[-1] in COMPANY_TITLES:
            org = _company_of_clause(ctx, role)
            if org is not None:
                role = dataclasses.replace(role, organization=org, rule=COMPANY_OF_CLAUSE)
        found.append(role)
    return found


OFFICE_IN_STORY_PLACE = declare(
    "roles.office_in_story_place",
    """An office of state written with no country or organization ("Governor <Name>", "the
    prime minister, <Name>", "former mayor <Name>") is held in the place of its kind the
    story is about (the one it names, or the one it names most often): the country, or for a
    mayor the city and for a governor the region; in a story naming none of that kind, or
    several equally often, it is an honorific and no role. An ambassador's country is the
    story's only when it names one: of several, the most named is likely where they serve. An office no
    country holds (pope, bishop) and one held in an unnamed body ("secretary of the water
    board") stay as they are.""",
    __name__,
)


def _story_place(ctx: ArticleContext, kind: str, most_named: bool = True) -> str | None:
    """The place of a kind (country, region, city) the story is about: the one it names, or
    of several the one it names most often (a story of one country names others in passing:
    a neighbour's help, a minister's trip); none if two are named equally often, or if
    several are named and not `most_named`."""
    counts = sorted(
        (
            (len(e.mentions), e.key)
            for e in ctx.entities.values()
            if e.kind == "place" and e.place_kind == kind and e.mentions
        ),
        reverse=True,
    )
    if not counts or (len(counts) > 1 and (not most_named or counts[0][0] == counts[1][0])):
        return None
    return counts[0][1]


def _in_unnamed_body(role: Role) -> bool:
    """ "secretary of the water board": the title is followed by "of" and a lowercase body."""
    words = role.evidence.text.split()
    title = role.title.split()
    for i in range(len(words) - len(title)):
        if words[i : i + len(title)] != title:
            continue
        rest = words[i + len(title) : i + len(title) + 3]
        if rest and rest[0].lower() in ORGANIZATION_PREPOSITIONS:
            body = [w for w in rest[1:] if w.lower() not in OWNER_DETERMINERS]
            if body and body[0][:1].islower():
                return True
    return False


def _offices_in_the_story_place(ctx: ArticleContext, roles: list[Role]) -> list[Role]:
    found = []
    for role in roles:
        lowered = role.title.lower()
        if (
            role.organization is None
            and _is_office(role.title)
            and lowered.split()[-1] not in COUNTRYLESS_OFFICES
            and not _in_unnamed_body(role)
        ):
            kind = OFFICE_PLACES.get(lowered) or OFFICE_PLACES.get(lowered.split()[-1], "country")
            abroad = lowered in OFFICES_ABROAD or lowered.split()[-1] in OFFICES_ABROAD
            place = _story_place(ctx, kind, most_named=not abroad)
            if place is None:
                continue  # an honorific: no post we know
            role = dataclasses.replace(role, organization=place, rule=OFFICE_IN_STORY_PLACE)
        found.append(role)
    return found


def find_roles(ctx: ArticleContext) -> list[Role]:
    roles: list[Role] = []
    for entity in list(ctx.entities.values()):
        if entity.kind != "person":
            continue
        for mention in list(entity.mentions):
            roles += _named(_appositive_roles, ctx, entity.key, mention.span.end)
            roles += _named(_prenominal_roles, ctx, entity.key, mention.span.start)
            roles += _named(_reverse_appositive_roles, ctx, entity.key, mention.span.start)
    roles += _named(_copula_roles, ctx)
    roles += _named(_verb_roles, ctx)
    roles += _named(_lead_title_roles, ctx, roles)
    roles += _named(_speaker_roles, ctx, roles)
    roles = _held_in_the_company(ctx, roles)
    roles = _offices_in_the_story_place(ctx, roles)
    unique: dict[tuple, Role] = {}
    for role in sorted(roles, key=lambda r: r.evidence.start):
        unique.setdefault((role.person, role.organization, role.title.lower()), role)
    # the same post found twice, once with its organization: keep the fuller one
    with_org = {(r.person, r.title.lower()) for r in unique.values() if r.organization}
    return [
        r for r in unique.values() if r.organization or (r.person, r.title.lower()) not in with_org
    ]

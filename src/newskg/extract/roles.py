"""Who holds which position in which organization.

Patterns (all about grammar and kinds of words, never names):
- apposition: "<Person>, the General Coordinator of <Org>", "<Person>, President of <Org>",
  "<Person>, its Director-General" (its = the organization named just before),
  "<Person>, writer and member of the Executive Committee of <Org>";
- copula: "<Person|he> became the leader of <Org>";
- before the name: "<Org>'s Director-General <Person>", "the lawyer <Person>".
"""

from __future__ import annotations

import functools

from spacy.tokens import Token

from newskg.extract.context import ArticleContext
from newskg.extract.lexicon import GENERIC_BODIES, ORG_HEADS, ROLE_MODIFIERS, ROLE_NOUNS
from newskg.extract.sentences import sentence
from newskg.model import Role

_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their"}
_ORG_PREPOSITIONS = {"of", "at", "for", "with", "to"}
_COPULAS = {"become", "serve", "appoint", "elect", "name", "remain", "be"}


def _is_role_noun(token: Token) -> bool:
    return _is_role_word(token.lower_)


@functools.lru_cache(maxsize=8192)  # asked for every token of every candidate span
def _is_role_word(lower: str) -> bool:
    return lower in ROLE_NOUNS or any(part in ROLE_NOUNS for part in lower.split("-"))


def _is_title_word(token: Token) -> bool:
    return _is_role_noun(token) or token.lower_ in ROLE_MODIFIERS


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
    return last_noun + 1, doc[i : last_noun + 1].text


def _organization_after(ctx: ArticleContext, i: int, end: int) -> tuple[int, str | None, str]:
    """After a title: 'of [the] <Org>' → (next index, org key, extra title words)."""
    doc = ctx.doc
    if i >= end or doc[i].lower_ not in _ORG_PREPOSITIONS:
        return i, None, ""
    j = i + 1
    if j < end and doc[j].lower_ in ("the", "its"):
        j += 1
    if j >= end:
        return i, None, ""
    key = ctx.entity_of_token(doc[j])
    if key is not None:
        if ctx.kind(key) != "organization":
            return i, None, ""
        k = j
        while k < end and ctx.entity_of_token(doc[k]) == key:
            k += 1
        return k, key, ""
    # a body inside the organization: "of the Board of Directors of <Org>"
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
                return k2, org, f" of the {body}"
    # "head of operations at <Org>": a lowercase domain, then the organization
    k = j
    while k < end and k - j < 3 and doc[k].text.islower() and doc[k].pos_ in ("NOUN", "ADJ"):
        k += 1
    if k > j and k < end and doc[k].lower_ in _ORG_PREPOSITIONS:
        k2, org, extra = _organization_after(ctx, k, end)
        if org is not None:
            return k2, org, f" {doc[i].text} {doc[j:k].text}{extra}"
    # "of the alliance": a lowercase head noun naming an organization of the article
    if doc[j].lower_ in ORG_HEADS and doc[j].text.islower():
        org = ctx.org_by_head_word(doc[j].text)
        if org is not None:
            return j + 1, org, ""
    return i, None, ""


def _appositive_roles(ctx: ArticleContext, person: str, end_char: int) -> list[Role]:
    doc = ctx.doc
    span = doc.char_span(end_char, end_char + 1, alignment_mode="expand")
    if span is None:
        return []
    i = span.start
    sent_end = sentence(span).end
    if i >= sent_end or doc[i].text != ",":
        return []
    i += 1
    roles: list[Role] = []
    evidence = ctx.sentence_of(doc[i - 1])
    while i < sent_end:
        determiner = None
        if doc[i].lower_ in _DETERMINERS:
            determiner = doc[i].lower_
            i += 1
        while i < sent_end and doc[i].ent_type_ in ("NORP", "GPE") and not _is_title_word(doc[i]):
            i += 1  # "Kenyan writer": a nationality is not part of the title
        after_title, title = _title_at(doc, i, sent_end)
        for skip in (1, 2):  # "a marine biologist": descriptive words before the role noun
            if title is not None or i + skip >= sent_end:
                break
            if all(t.pos_ in ("ADJ", "NOUN") and t.text.islower() for t in doc[i : i + skip]):
                after_title, title = _title_at(doc, i + skip, sent_end)
                if title is not None:
                    title = doc[i:after_title].text
        if title is None:
            break
        i, org, extra = _organization_after(ctx, after_title, sent_end)
        if org is None and determiner in ("its", "their"):
            org = ctx.org_before(doc[after_title - 1].idx)
        if org is None and i < sent_end and doc[i].lower_ in _ORG_PREPOSITIONS:
            break  # "Ambassador of <a place>": not a membership we can name
        roles.append(Role(person=person, title=title + extra, organization=org, evidence=evidence))
        if i < sent_end and doc[i].lower_ == "and":
            i += 1
            continue
        break
    return roles


def _copula_roles(ctx: ArticleContext) -> list[Role]:
    roles = []
    for token in ctx.doc:
        if not _is_role_noun(token) or token.dep_ not in ("attr", "oprd", "pobj", "dobj"):
            continue
        verb = token.head if token.dep_ != "pobj" else token.head.head
        if verb.lemma_ not in _COPULAS or verb.lemma_ == "be":
            continue
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            continue
        person = ctx.resolve(subjects[0])
        if person is None or ctx.kind(person) != "person":
            continue
        start, title = _title_at(ctx.doc, _left_edge_of_title(token), token.i + 1)
        org = None
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in _ORG_PREPOSITIONS:
                _, org, _ = _organization_after(ctx, prep.i, sentence(token).end)
        if title and org:
            roles.append(Role(person, title, ctx.sentence_of(token), org))
    return roles


def _left_edge_of_title(token: Token) -> int:
    i = token.i
    while i > 0 and _is_title_word(token.doc[i - 1]):
        i -= 1
    return i


def _prenominal_roles(ctx: ArticleContext, person: str, start_char: int) -> list[Role]:
    """'<Org>'s Director-General <Person>' / 'the late lawyer <Person>'."""
    doc = ctx.doc
    span = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return []
    i = span.start - 1
    end = i + 1
    while i >= 0 and _is_title_word(doc[i]):
        i -= 1
    if i + 1 == end or not _is_role_noun(doc[end - 1]):
        return []
    title_tokens = doc[i + 1 : end]
    # capitalized titles right before a name are honorifics ("Ambassador X"), not a post
    org = None
    j = i
    if j >= 0 and doc[j].text in ("'s", "’s"):
        j -= 1
    if j >= 0:
        key = ctx.resolve(doc[j])
        if key is not None and ctx.kind(key) == "organization":
            org = key
    if org is None and title_tokens[0].text[:1].isupper():
        return []
    return [Role(person, title_tokens.text, ctx.sentence_of(doc[end - 1]), org)]


def find_roles(ctx: ArticleContext) -> list[Role]:
    roles: list[Role] = []
    for entity in ctx.entities.values():
        if entity.kind != "person":
            continue
        for mention in entity.mentions:
            roles += _appositive_roles(ctx, entity.key, mention.span.end)
            roles += _prenominal_roles(ctx, entity.key, mention.span.start)
    roles += _copula_roles(ctx)
    unique: dict[tuple, Role] = {}
    for role in sorted(roles, key=lambda r: r.evidence.start):
        unique.setdefault((role.person, role.organization, role.title.lower()), role)
    return list(unique.values())

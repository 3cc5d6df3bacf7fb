"""Person relations the text states: family ("his wife, <Person>"; "his sons <A> and <B>"),
birthplace ("born in <Place>"), education ("degrees from <Org>", "studied at <Org>")."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from newskg.extract.context import ArticleContext
from newskg.extract.lexicon import (
    CANDIDACY_NOUNS,
    DEGREE_NOUNS,
    KIN_NOUNS,
    ORIGIN_PREPOSITIONS,
    PARTY_HEADS,
    PERSON_POSSESSIVES,
    SPEAKING_FOR_ORGANIZATION,
    STUDY_VERBS,
)
from newskg.extract.rules import declare
from newskg.extract.sentences import sentence, tokens_of
from newskg.model import Relation, Role

_POSSESSIVES = PERSON_POSSESSIVES


def _owner(ctx: ArticleContext, kin: Token) -> str | None:
    """Whose relative: 'his wife' → the person 'his' refers to; '<Person>'s wife' → Person."""
    for child in kin.children:
        if child.dep_ == "poss":
            key = ctx.resolve(child)
            if key is not None and ctx.kind(key) == "person":
                return key
    return None


def _persons_after(ctx: ArticleContext, kin: Token) -> list[str]:
    """Persons named right after the kin noun, in apposition or a list, before the clause ends."""
    doc = ctx.doc
    end = kin.i + 1
    while (
        end < sentence(kin).end and doc[end].text not in (";", "—", "–", ".") and end - kin.i < 25
    ):
        end += 1
    persons = []
    for key in ctx.entities_in(
        kin.idx + len(kin.text), doc[end - 1].idx + len(doc[end - 1].text), "person"
    ):
        persons.append(key)
        if KIN_NOUNS.get(kin.lower_) in ("spouse", "parent") and not kin.lower_.endswith("s"):
            break  # one wife, one mother: the first name only
    return persons


def _subject_person(ctx: ArticleContext, verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            key = ctx.resolve(child)
            if key is not None and ctx.kind(key) == "person":
                return key
    # "Born in X in 1975, he …": the participle's subject is the main clause's
    if verb.dep_ in ("advcl", "acl", "conj") and verb.head.i != verb.i:
        return _subject_person(ctx, verb.head)
    return None


KINSHIP = declare(
    "relations.kinship",
    """A kinship noun owned by one person and followed by another: "<Person>'s wife
    <Person>", "his son, <Person>", "<Person> and her daughter <Person>".""",
    __name__,
)
BIRTHPLACE = declare(
    "relations.birthplace",
    """"<Person> was born in <Place>": the place of birth.""",
    __name__,
)
EDUCATION = declare(
    "relations.education",
    """A degree noun or a verb of study with an institution: "<Person> studied at <Org>",
    "a degree from <Org>", "graduated from <Org>".""",
    __name__,
)


def find_relations(ctx: ArticleContext, roles: Sequence[Role] = ()) -> list[Relation]:
    relations: list[Relation] = []
    for token in tokens_of(ctx.doc):
        lower = token.lower_
        if lower in KIN_NOUNS and token.pos_ == "NOUN":
            owner = _owner(ctx, token)
            if owner is None:
                continue
            for other in _persons_after(ctx, token):
                if other != owner:
                    relations.append(
                        Relation(owner, KIN_NOUNS[lower], other, ctx.sentence_of(token), KINSHIP)
                    )
        elif token.lemma_ == "bear" and token.tag_ == "VBN":
            subject = _subject_person(ctx, token)
            place = _place_in(ctx, token)
            if subject and place:
                relations.append(
                    Relation(subject, "born_in", place, ctx.sentence_of(token), BIRTHPLACE)
                )
        elif lower in DEGREE_NOUNS or token.lemma_ in STUDY_VERBS:
            org = _org_from(ctx, token)
            verb = token if token.pos_ == "VERB" else token.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            subject = _subject_person(ctx, verb)
            if org and subject:
                relations.append(
                    Relation(subject, "educated_at", org, ctx.sentence_of(token), EDUCATION)
                )
    relations += _members_by_of(ctx)
    relations += _candidates_of_organizations(ctx)
    relations += _members_by_post(ctx, roles)
    unique: dict[tuple[str, str, str], Relation] = {}
    for r in relations:
        unique.setdefault((r.subject, r.relation, r.object), r)
    return list(unique.values())


MEMBER_BY_OF = declare(
    "relations.person_of_organization",
    """A person's name followed directly by "of <Org>" ("<Name> of the <Party>", "<Name>
    of <Company>"): the person is a member of the organization.""",
    __name__,
)


def _members_by_of(ctx: ArticleContext) -> list[Relation]:
    found = []
    for prep in tokens_of(ctx.doc):
        if prep.dep_ != "prep" or prep.lower_ != "of" or prep.head.pos_ != "PROPN":
            continue
        person = ctx.entity_of_token(prep.head)
        if person is None or ctx.kind(person) != "person" or prep.i != prep.head.i + 1:
            continue
        for obj in prep.children:
            org = ctx.entity_of_token(obj) if obj.dep_ == "pobj" else None
            if org is not None and ctx.kind(org) == "organization":
                found.append(
                    Relation(person, "member_of", org, ctx.sentence_of(prep), MEMBER_BY_OF)
                )
    return found


def _place_in(ctx: ArticleContext, verb: Token) -> str | None:
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for obj in prep.children:
                key = ctx.entity_of_token(obj)
                if key is not None and ctx.kind(key) == "place":
                    return key
    return None


def _org_from(ctx: ArticleContext, token: Token) -> str | None:
    """'degrees from <Org>' / 'studied at <Org>' (the preposition may hang off the verb)."""
    candidates = [token, token.head]
    for node in candidates:
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ in ORIGIN_PREPOSITIONS:
                for obj in prep.children:
                    key = ctx.entity_of_token(obj)
                    if key is not None and ctx.kind(key) == "organization":
                        return key
    return None


MEMBER_BY_POST = declare(
    "relations.post_in_party",
    """A post held in a political party (an organization whose name ends with a party's
    head word: "leader of the <Name> Party", "has led the <Name> Union"): its holder is a
    member of the party (not one who only speaks for it).""",
    __name__,
)


def _members_by_post(ctx: ArticleContext, roles: Sequence[Role]) -> list[Relation]:
    found = []
    for role in roles:
        org = role.organization
        if org is None or ctx.kind(org) != "organization":
            continue
        if role.title.lower().split()[-1] in SPEAKING_FOR_ORGANIZATION:
            continue  # who speaks for a body need not belong to it
        if ctx.entities[org].name.split()[-1].lower() in PARTY_HEADS:
            found.append(Relation(role.person, "member_of", org, role.evidence, MEMBER_BY_POST))
    return found


CANDIDATE_OF = declare(
    "relations.candidate_of_organization",
    """A person in apposition with an organization's candidate ("<Name>, the <Party>'s
    candidate", "the <Party> candidate, <Name>", "<Party> nominee <Name>"): the person is a
    member of the organization (a candidacy is no post held).""",
    __name__,
)


def _candidates_of_organizations(ctx: ArticleContext) -> list[Relation]:
    found = []
    for noun in tokens_of(ctx.doc):
        if noun.lower_ not in CANDIDACY_NOUNS or noun.pos_ != "NOUN":
            continue
        orgs = [
            key
            for c in noun.children
            if c.dep_ in ("poss", "compound")
            for key in [ctx.resolve(c)]
            if key is not None and ctx.kind(key) == "organization"
        ]
        people = [ctx.resolve(c) for c in noun.children if c.dep_ in ("appos", "compound")]
        if noun.dep_ in ("appos", "compound"):
            people.append(ctx.resolve(noun.head))
        persons = [p for p in people if p is not None and ctx.kind(p) == "person"]
        if len(orgs) == 1 and len(persons) == 1:
            found.append(
                Relation(persons[0], "member_of", orgs[0], ctx.sentence_of(noun), CANDIDATE_OF)
            )
    return found

"""What the rule modules share about one article: the parse, the entities, where each
entity is mentioned, and who a pronoun most likely refers to."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newskg.extract.lexicon import (
    ACTING_FOR_ORGANIZATION,
    MEMBERSHIP_PREPOSITIONS,
    ORG_HEADS,
    ORG_NOUNS,
    ORGANIZATION_PREPOSITIONS,
    ORGANIZATION_PRONOUNS,
    PERSON_PRONOUNS,
    REFERRING_DETERMINERS,
    RELATIVE_PRONOUNS,
    SPEAKING_FOR_ORGANIZATION,
)
from newskg.extract.sentences import all_sentences, sentence, text_of, tokens_of
from newskg.model import Article, Entity, Span


def sentence_of_token_start(token: Token) -> int:
    """Index of the first token of the token's sentence."""
    return sentence(token).start


SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_OBJECT_DEPS = {"dobj", "dative", "pobj"}


@dataclass
class ArticleContext:
    doc: Doc
    article: Article
    entities: dict[str, Entity]
    # (start_char, end_char, entity key), sorted by start
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    _subjects: list[tuple[int, str]] = field(default_factory=list)  # (char, person key)
    _org_subjects: list[tuple[int, str]] = field(default_factory=list)
    dateline_end: int = 0  # first token after "CITY, (Agency) –", 0 when there is none

    @classmethod
    def build(cls, doc: Doc, article: Article, entities: dict[str, Entity]) -> ArticleContext:
        ctx = cls(doc, article, entities)
        ctx.spans = sorted(
            (m.span.start, m.span.end, e.key) for e in entities.values() for m in e.mentions
        )
        ctx.sentence_starts = [s.start_char for s in all_sentences(doc)]
        ctx.dateline_end = _dateline_end(doc)
        ctx._index_subjects()
        return ctx

    def add_span(self, start: int, end: int, key: str) -> None:
        """Index a mention added after the context was built (a country named by its
        adjective, found while reading a title)."""
        bisect.insort(self.spans, (start, end, key))

    # --- lookups -----------------------------------------------------------------------
    def entity_at(self, start: int, end: int) -> str | None:
        """The entity whose mention overlaps characters [start, end)."""
        i = bisect.bisect_right(self.spans, (end, end, "")) - 1
        while i >= 0:
            s, e, key = self.spans[i]
            if e > start and s < end:
                return key
            if e <= start and s < start - 200:
                break
            i -= 1
        return None

    def entity_of_token(self, token: Token) -> str | None:
        return self.entity_at(token.idx, token.idx + len(token.text))

    def entities_in(self, start: int, end: int, kind: str | None = None) -> list[str]:
        """Entities mentioned inside [start, end), in text order, each once."""
        found: list[str] = []
        for s, e, key in self.spans:
            if (
                s >= start
                and e <= end
                and key not in found
                and (kind is None or self.entities[key].kind == kind)
            ):
                found.append(key)
        return found

    def kind(self, key: str) -> str:
        return self.entities[key].kind

    def sentence_index(self, char: int) -> int:
        return bisect.bisect_right(self.sentence_starts, char) - 1

    def span_of(self, span: SpacySpan) -> Span:
        return Span(
            span.start_char, span.end_char, text_of(self.doc)[span.start_char : span.end_char]
        )

    def sentence_of(self, token: Token) -> Span:
        return self.span_of(sentence(token))

    # --- pronouns ----------------------------------------------------------------------
    def _index_subjects(self) -> None:
        """Walk the article once, recording which person is the subject of each clause
        (pronoun subjects resolved as they come), for later pronoun resolution."""
        for token in tokens_of(self.doc):
            if token.dep_ not in SUBJECT_DEPS:
                continue
            key = self.entity_of_token(token)
            if key is None and token.lower_ in PERSON_PRONOUNS:
                key = self.person_for_pronoun(token)
            if key is None:  # "The minister, <Name>, said": the name in apposition
                named = [self.entity_of_token(c) for c in token.children if c.dep_ == "appos"]
                key = next((k for k in named if k is not None), None)
            if key is not None and self.entities[key].kind == "person":
                self._subjects.append((token.idx, key))
            elif key is not None and self.entities[key].kind == "organization":
                self._org_subjects.append((token.idx, key))

    def person_for_pronoun(self, token: Token) -> str | None:
        """Most likely referent of he/she/his/her: for a possessive, the person who is the
        subject of its own clause ("<X> tendered his resignation"); else a person who was the
        subject of a clause in this or the three previous sentences; else the last person
        named in this or the previous sentence; else the last person subject before. An
        object pronoun never refers to its own clause's subject ("<X> invited him")."""
        if token.dep_ == "poss":
            own = self._clause_subject(token)
            if own is not None:
                return own
        excluded = self._clause_subject(token) if token.dep_ in _OBJECT_DEPS else None
        position = token.idx
        sentence = self.sentence_index(position)
        window_start = self.sentence_starts[max(0, sentence - 3)]
        for char, key in reversed(self._subjects):
            if char >= position or key == excluded:
                continue
            if char >= window_start:
                return key
            break
        previous_start = self.sentence_starts[max(0, sentence - 1)]
        for s, _e, key in reversed(self.spans):
            if (
                s < position
                and s >= previous_start
                and self.entities[key].kind == "person"
                and key != excluded
            ):
                return key
        for char, key in reversed(self._subjects):
            if char < position and key != excluded:
                return key
        return None

    def _clause_subject(self, token: Token) -> str | None:
        """The named person who is the subject of the clause a token stands in."""
        node = token
        for _ in range(6):
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                break
            if node.head.i == node.i:
                return None
        for child in node.children:
            if child.dep_ in SUBJECT_DEPS and child.i < token.i:
                if child.lower_ in RELATIVE_PRONOUNS and node.dep_ == "relcl":
                    head = node.head
                    key = self.entity_of_token(head)
                    if key is None and head.dep_ == "appos":
                        key = self.entity_of_token(head.head)
                else:
                    key = self.entity_of_token(child)
                if key is not None and self.entities[key].kind == "person":
                    return key
        return None

    def org_before(self, position: int) -> str | None:
        """What 'its' refers to: the organization named last before it in the same sentence,
        else the last organization that was the subject of a clause, else the last named."""
        sentence_start = self.sentence_starts[self.sentence_index(position)]
        last = None
        for s, _e, key in reversed(self.spans):
            if s < position and self.entities[key].kind == "organization":
                if s >= sentence_start:
                    return key
                last = last or key
        for char, key in reversed(self._org_subjects):
            if char < position:
                return key
        return last

    def _sole_org_before(self, position: int) -> str | None:
        """The organization a definite description refers back to: the one named before it
        in its sentence when there is one, none when there are several (which is meant
        cannot be told), else the last one named or acting before."""
        sentence_start = self.sentence_starts[self.sentence_index(position)]
        in_sentence = {
            key
            for s, _e, key in self.spans
            if sentence_start <= s < position and self.entities[key].kind == "organization"
        }
        if len(in_sentence) > 1:
            return None
        return self.org_before(position)

    def resolve(self, token: Token) -> str | None:
        """Entity for a token: its mention, or a pronoun's referent."""
        key = self.entity_of_token(token)
        if key is not None:
            return key
        lower = token.lower_
        if lower in PERSON_PRONOUNS:
            return self.person_for_pronoun(token)
        if lower == "who" and token.head.dep_ == "relcl":
            head = token.head.head  # "<X>, the Latvian president who …": the apposition's name
            key = self.entity_of_token(head)
            if key is None and head.dep_ == "appos":
                key = self.entity_of_token(head.head)
            return key
        if lower in ORGANIZATION_PRONOUNS:
            return self.org_before(token.idx)
        if (
            token.pos_ == "NOUN"
            and lower in ORG_HEADS
            and (token.text.islower() or token.i == sentence_of_token_start(token))
            and (
                any(c.lower_ in REFERRING_DETERMINERS for c in token.children)
                or not any(c.dep_ in ("det", "poss", "compound", "amod") for c in token.children)
            )
        ):
            # "the union" after "<X> Union" was named; "Police fired" after "<Country> police"
            found = self.org_by_head_word(lower)
            if found is not None:
                return found
        if (
            token.pos_ == "NOUN"
            and token.text.islower()
            and token.lemma_.lower() in ORG_NOUNS
            and any(c.lower_ in REFERRING_DETERMINERS for c in token.children)
            and not any(c.dep_ in ("compound", "amod", "poss", "prep") for c in token.children)
        ):
            # "<Company> … the lender reported a loss": a definite common noun of an
            # organization refers back to the one whose name has the word ("the bank" after
            # "<Name> Bank"), else to the organization named last
            return self.org_by_head_word(lower) or self._sole_org_before(token.idx)
        return None

    def entities_for(self, token: Token, kinds=("person", "organization")) -> list[str]:
        """Entities a noun phrase stands for: its own mention, a pronoun's referent, the
        names in apposition ("his wife, <Person>") or conjunction ("<A> and <B>"), and for
        a predicate noun the subject of its copula ("<Person> is a prisoner who …")."""
        found: list[str] = []
        if token.i < self.dateline_end:
            # "CITY, (Agency) – <Name> won": the dateline says where the story was filed and
            # by whom; a parser that hangs the sentence on it still means the name after it
            for child in token.children:
                if child.i >= self.dateline_end and child.dep_ in ("appos", "conj"):
                    found += [k for k in self.entities_for(child, kinds) if k not in found]
            return found
        key = self.resolve(token)
        if key is not None and self.kind(key) in kinds:
            found.append(key)
        # a named entity's apposition describes it ("X, member of <Org>"); a list adds more
        follow = ("conj",) if key is not None else ("appos", "conj")
        for child in token.children:
            if child.dep_ in follow or child.dep_ == "appos" and _listed_after_and(token, child):
                found += [k for k in self.entities_for(child, kinds) if k not in found]
            elif child.dep_ == "appos" and child.like_num:
                # "<A>, 26 and <B>, 29": the parser hangs the list on the age
                for conj in child.children:
                    if conj.dep_ == "conj":
                        found += [k for k in self.entities_for(conj, kinds) if k not in found]
        if not found and token.dep_ == "attr":
            for sibling in token.head.children:
                if sibling.dep_ in ("nsubj", "nsubjpass"):
                    return self.entities_for(sibling, kinds)
        return found

    def organization_of_members(self, token: Token) -> list[str]:
        """ "researchers at <University> found", "engineers from <Company> said": a group of
        people of an organization, unnamed, acts for it; so does one who speaks for it ("a
        spokesman for <Org> said")."""
        lemma = token.lemma_.lower()
        if token.tag_ == "NN" and lemma in SPEAKING_FOR_ORGANIZATION:
            prepositions = MEMBERSHIP_PREPOSITIONS | ORGANIZATION_PREPOSITIONS  # "for", "of" it
        elif token.tag_ == "NNS" and lemma in ACTING_FOR_ORGANIZATION:
            prepositions = MEMBERSHIP_PREPOSITIONS
        else:
            return []  # "drivers at <Company> went on strike" act against it, not for it
        return [
            key
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ in prepositions
            for obj in prep.children
            if obj.dep_ == "pobj"
            for key in self.entities_for(obj, ("organization",))
        ]

    def org_by_head_word(self, word: str) -> str | None:
        """'the alliance' → the one organization whose name has that word."""
        matches = [
            k
            for k, e in self.entities.items()
            if e.kind == "organization" and word.lower() in e.name.lower().split()
        ]
        return matches[0] if len(matches) == 1 else None


def _listed_after_and(name: Token, appos: Token) -> bool:
    """ "<A>, 31 and <B>, 28": the parser hangs <B> on <A> as an apposition, but the "and"
    before it makes <B> the next of a list, not a description of <A>."""
    between = name.doc[name.i + 1 : appos.i]
    return (
        appos.pos_ == "PROPN"
        and any(t.like_num and t.head.i == name.i for t in between)  # the age of <A>
        and any(t.dep_ == "cc" for t in between)
    )


_DASHES = {"-", "--", "–", "—"}


def _dateline_end(doc: Doc) -> int:
    """The first token after a dateline: the article opens with a place in capitals, maybe
    an agency, and a dash, within its first eight tokens ("KIGALI, (Agency) –", "OSLO -")."""
    if not len(doc) or not (doc[0].is_upper and doc[0].is_alpha and len(doc[0]) > 1):
        return 0
    for token in doc[1:8]:
        if token.text in _DASHES:
            return token.i + 1
        if token.is_sent_start:
            return 0
    return 0

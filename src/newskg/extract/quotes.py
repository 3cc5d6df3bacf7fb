"""Quoted speech with its speaker.

Words inside quotation marks are a quote when they are speech, not a term, and the text says
who spoke: the subject of a verb of saying in the sentence where the quote opens or where it
closes ("X said, “…”", "“…,” said X", "“… . …,” stated X" over several sentences), the
possessor or clause subject of a noun of speech ("made a speech including the words “…”"),
or "according to X"; pronouns are resolved to the person just named. A short quotation
(under four words) counts only inside what a verb of saying reports ("<Person> said the plan
would “go ahead”"); elsewhere it names a concept (scare quotes).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from newskg.extract.context import ArticleContext
from newskg.extract.lexicon import MEDIA_NOUNS, SPEAKER_NOUNS, SPEECH_NOUNS, SPEECH_VERBS
from newskg.extract.rules import declare
from newskg.extract.sentences import sentence, text_of, tokens_in
from newskg.model import Quote, Span

_QUOTED = re.compile(r"“([^”]{2,2000}?)”|\"([^\"\n]{2,2000}?)\"")
MIN_WORDS = 4


def speaker_of(ctx: ArticleContext, token: Token) -> str | None:
    """The person or organization a sentence attributes its words or numbers to."""
    verbs = []
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            verbs.append(node)
    sent = sentence(token)
    tokens = tokens_in(sent)
    verbs += [
        t
        for t in tokens
        if t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS and t not in verbs
    ]
    for verb in verbs:
        if verb.lemma_.lower() not in SPEECH_VERBS:
            continue
        # '“…, quite the opposite,” stated X': the parser may take a quoted word for a
        # second subject, so every subject is tried
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        subject = _subject(verb)
        for candidate in subjects + ([subject] if subject is not None else []):
            found = (
                ctx.entities_for(candidate)
                or ctx.organization_of_members(candidate)
                or _outlet_of(ctx, candidate)
            )
            if found:
                return found[0]
    for t in tokens:  # "according to X"
        if t.lower_ == "according" and t.i + 2 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            key = ctx.resolve(t.doc[t.i + 2])
            if key is not None and ctx.kind(key) in ("person", "organization"):
                return key
    return None


def _outlet_of(ctx: ArticleContext, noun: Token) -> list[str]:
    """ "<Outlet> news is reporting", "the <Outlet> website said": the organization named
    before a noun of a medium speaks."""
    if noun.lower_ not in MEDIA_NOUNS:
        return []
    return [
        key
        for child in noun.children
        if child.dep_ in ("compound", "nmod", "poss")
        for key in ctx.entities_for(child, ("organization",))
    ]


def _subject(verb: Token) -> Token | None:
    """The subject of a verb; for a participle ("…, stating that") its governing verb's."""
    node = verb
    for _ in range(4):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if node.dep_ in ("advcl", "xcomp", "conj", "ccomp", "relcl") and node.head.i != node.i:
            if node.dep_ == "relcl":
                return node.head
            node = node.head
        else:
            break
    return None


def _reported_by_speech_verb(token: Token) -> bool:
    """Does a verb of saying govern this token ("said that … “any time soon”")?"""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in SPEECH_VERBS:
            return True
    return False


def _words_of_the_verb(root: Token) -> bool:
    """ "blamed the delay on “poor planning”", "called it “a disgrace”": a quoted noun that
    is the verb of saying's own object, or its preposition's, is what the speaker said."""
    node = root
    for _ in range(4):  # up through objects, prepositions and lists, never another clause
        if node.dep_ not in ("dobj", "pobj", "oprd", "conj", "prep") or node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node.lemma_.lower() in SPEECH_VERBS
    return False


def _speech_noun_speaker(ctx: ArticleContext, token: Token) -> str | None:
    """ "made his first speech …, including the words “…”": the noun's speaker."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ == "NOUN" and node.lower_ in SPEAKER_NOUNS | SPEECH_NOUNS:
            for child in node.children:
                if child.dep_ == "poss":
                    key = ctx.resolve(child)
                    if key is not None:
                        return key
            verb = node.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            subject = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
            if subject is not None:
                found = ctx.entities_for(subject)
                if found:
                    return found[0]
    return None


SPEECH_VERB = declare(
    "quotes.speech_verb",
    """Words in quotation marks reported by a verb of saying whose subject is a person, where
    the quotation opens or closes ("<Person> said: '…'", "'…,' <Person> said").""",
    __name__,
)
SPEECH_NOUN = declare(
    "quotes.speech_noun",
    """Words in quotation marks introduced by a noun of speech and its speaker ("in a
    statement, <Person> …", "<Person>'s words: '…'").""",
    __name__,
)


def find_quotes(ctx: ArticleContext) -> list[Quote]:
    quotes = []
    text = text_of(ctx.doc)
    for match in _QUOTED.finditer(text):
        group = 1 if match.group(1) is not None else 2
        inner = match.group(group).strip()
        start = match.start(group) + match.group(group).index(inner[:1])
        span = ctx.doc.char_span(start, start + len(inner), alignment_mode="expand")
        if span is None:
            continue
        first, last = span[0], span[-1]
        if len(inner.split()) < MIN_WORDS and (
            not _reported_by_speech_verb(span.root)
            or span.root.pos_ in ("NOUN", "PROPN")
            and span.root.dep_ not in ("npadvmod", "advmod")
            and not _words_of_the_verb(span.root)
        ):
            continue  # a short quotation naming a thing, or outside reported speech: a term
        # the attribution stands where the quote opens or where it closes
        opening = next((t for t in span if not t.is_punct), first)
        speaker, found_by = (
            (
                speaker_of(ctx, opening)
                or (
                    speaker_of(ctx, last)
                    if sentence(last).start != sentence(opening).start
                    else None
                )
            ),
            SPEECH_VERB,
        )
        if speaker is None:
            speaker, found_by = _speech_noun_speaker(ctx, opening), SPEECH_NOUN
        if speaker is None or ctx.kind(speaker) not in ("person", "organization"):
            continue  # a company's statement is quoted as the company's
        quotes.append(
            Quote(
                text=inner,
                span=Span(start, start + len(inner), inner),
                evidence=ctx.sentence_of(span.root),
                speaker=speaker,
                rule=found_by,
            )
        )
    return quotes

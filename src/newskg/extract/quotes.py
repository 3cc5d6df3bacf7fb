"""Quoted speech with its speaker.

Words inside quotation marks are a quote when they are speech, not a term: at least four
words (short scare quotes such as “enforced disappearance” name a concept) and a speaker the
sentence names: the subject of a verb of saying ("X said", "stating that …", "He told …"),
pronouns resolved to the person just named.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from newskg.extract.context import ArticleContext
from newskg.extract.lexicon import SPEECH_VERBS
from newskg.extract.sentences import sentence, text_of
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
    verbs += [
        t for t in sent if t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS and t not in verbs
    ]
    for verb in verbs:
        if verb.lemma_.lower() not in SPEECH_VERBS:
            continue
        subject = _subject(verb)
        if subject is not None:
            found = ctx.entities_for(subject)
            if found:
                return found[0]
    for t in sent:  # "according to X"
        if t.lower_ == "according" and t.i + 2 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            key = ctx.resolve(t.doc[t.i + 2])
            if key is not None and ctx.kind(key) in ("person", "organization"):
                return key
    return None


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


def find_quotes(ctx: ArticleContext) -> list[Quote]:
    quotes = []
    text = text_of(ctx.doc)
    for match in _QUOTED.finditer(text):
        group = 1 if match.group(1) is not None else 2
        inner = match.group(group).strip()
        start = match.start(group) + match.group(group).index(inner[:1])
        if len(inner.split()) < MIN_WORDS:
            continue
        span = ctx.doc.char_span(start, start + len(inner), alignment_mode="expand")
        if span is None:
            continue
        speaker = speaker_of(ctx, span.root)
        if speaker is None or ctx.kind(speaker) != "person":
            continue
        quotes.append(
            Quote(
                text=inner,
                span=Span(start, start + len(inner), inner),
                evidence=ctx.sentence_of(span.root),
                speaker=speaker,
            )
        )
    return quotes

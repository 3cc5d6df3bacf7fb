"""Fast sentence lookup. spaCy's `Token.sent` walks the whole document on every call, which
made extraction quadratic in article length; the sentences are listed once per document
and found by binary search."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

_KEY = "newskg_sentences"


def _sentences(doc: Doc) -> tuple[list[int], list[Span]]:
    cached = doc.user_data.get(_KEY)
    if cached is None:
        spans = list(doc.sents)
        cached = ([s.start for s in spans], spans)
        doc.user_data[_KEY] = cached
    return cached


def sentence(token_or_span: Token | Span) -> Span:
    """The sentence containing a token (or a span's first token)."""
    doc = token_or_span.doc
    i = token_or_span.i if isinstance(token_or_span, Token) else token_or_span.start
    starts, spans = _sentences(doc)
    return spans[bisect.bisect_right(starts, i) - 1]


def all_sentences(doc: Doc) -> list[Span]:
    return _sentences(doc)[1]


def remember_text(doc: Doc, text: str) -> None:
    """Record the text a document was parsed from as its text (spaCy's tokens reproduce it
    exactly), so `text_of` need not join every token (a few milliseconds an article)."""
    last = doc[-1] if len(doc) else None
    if last is None or last.idx + len(last.text_with_ws) == len(text):
        doc.user_data["newskg_text"] = text


def text_of(doc: Doc) -> str:
    """The document's text. `Doc.text` joins every token on each call; this joins once."""
    text = doc.user_data.get("newskg_text")
    if text is None:
        text = doc.text
        doc.user_data["newskg_text"] = text
    return text


def clause_with_subject(verb: Token) -> Token:
    """The verb whose subject a clause without one shares ("<Name> won, taking 54%",
    "<Name> finished second, taking 30%"): up through participles, infinitives and
    conjoined verbs to the first with a subject of its own."""
    while verb.dep_ in ("advcl", "xcomp", "conj") and not any(
        c.dep_ == "nsubj" for c in verb.children
    ):
        verb = verb.head
    return verb


def tokens_of(doc: Doc) -> list[Token]:
    """The document's tokens, made once: iterating a Doc makes every Token object anew, and
    the rules walk the whole document a dozen times."""
    tokens = doc.user_data.get("newskg_tokens")
    if tokens is None:
        tokens = list(doc)
        doc.user_data["newskg_tokens"] = tokens
    return tokens


def tokens_in(span: Span) -> list[Token]:
    """A span's tokens (a sentence's), from the document's list made once (tokens_of)."""
    return tokens_of(span.doc)[span.start : span.end]


def ents_of(doc: Doc) -> tuple:
    """The recognizer's entity spans, made once: `doc.ents` builds every span anew on each
    read, and the date and number rules read it once per clause."""
    ents = doc.user_data.get("newskg_ents")
    if ents is None:
        ents = tuple(doc.ents)
        doc.user_data["newskg_ents"] = ents
    return ents


def _in_word(char: str) -> bool:
    return char.isalnum() or char in "_-"


def whole_occurrences(text: str, form: str):
    """Where `form` stands in `text` as a whole (no letter, digit, '_' or '-' touching it on
    either side), left to right and not overlapping: what the pattern
    `(?<![\\w-])<form>(?![\\w-])` finds, without compiling a pattern for every name of every
    article (compiling them was a tenth of extraction, and they crowd `re`'s cache)."""
    start = text.find(form) if form else -1
    while start != -1:
        end = start + len(form)
        if (start == 0 or not _in_word(text[start - 1])) and (
            end == len(text) or not _in_word(text[end])
        ):
            yield start, end
            start = text.find(form, end)
        else:
            start = text.find(form, start + 1)

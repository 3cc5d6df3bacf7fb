"""Scores of matches and votes ("3-1", "2–2", "7 - 2"): a result, never a quantity."""

from __future__ import annotations

import re

from spacy.tokens import Token

from newskg.extract.sentences import sentence, text_of

# Two small numbers joined by a dash, not part of a longer number, a date or a percentage
# (a full stop or comma may follow: "won 3-1.", "6-3, 6-4").
_SIDES = r"(?<![\d.,/-])SIDE\s?[-–]\s?SIDE(?![\d%/-]|[.,]\d)"
SCORE = re.compile(_SIDES.replace("SIDE", r"(\d{1,3})"))  # each side captured
_ONE = _SIDES.replace("SIDE", r"\d{1,3}")
# A score of sets or legs, written one after another: "6-3, 6-4", "6-3 6-4".
SETS = re.compile(_ONE + r"(?:,?\s" + _ONE + r")*")


def score_after(verb: Token) -> str | None:
    """A score within the few words after a verb, in its sentence ("beat X 3-1", "won 2-0
    at home"): the result as written, "3-1"."""
    sent = sentence(verb)
    window = verb.doc[verb.i + 1 : min(verb.i + 8, sent.end)]
    rest = verb.doc[verb.i + 1 : sent.end]  # the sets after the first may run on past it
    match = SETS.search(rest.text)
    if match is None or match.start() >= len(window.text):
        return None
    return ", ".join(f"{a}-{b}" for a, b in SCORE.findall(match.group(0)))


def in_score(token: Token) -> bool:
    """Is this number one side of a score ("3" or "1" of "3-1")?"""
    doc = token.doc
    start = doc[max(token.i - 2, 0)].idx
    end = doc[min(token.i + 2, len(doc) - 1)]
    text = text_of(doc)[start : end.idx + len(end.text)]
    offset = token.idx - start
    return any(m.start() <= offset < m.end() for m in SCORE.finditer(text))

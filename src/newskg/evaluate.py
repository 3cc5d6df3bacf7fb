"""Comparing digests with gold digests, following the matching rules of FORMAT.md.

Names match after folding case, accents, honorifics, a leading "the" and the spelling of
Arabic particles; an entry matches when its name or any alias folds to the other's name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from newskg.errors import NewskgError
from newskg.extract.lexicon import HONORIFICS
from newskg.resolve import identity_words

CATEGORIES = [
    "persons",
    "organizations",
    "places",
    "roles",
    "role_titles",
    "events",
    "event_dates",
    "event_places",
    "participants",
    "quotes",
    "quantities",
    "quantity_claimed_by",
    "relations",
]
# Types close enough that a reader would call them the same event.
_COMPATIBLE = [
    {"release", "exchange"},
    {"arrest", "detention"},
    {"conference", "meeting", "discussion", "speech"},
]


def name_key(name: str | None) -> str:
    if not name:
        return ""
    words = identity_words(name)
    while len(words) > 1 and (words[0] in HONORIFICS or words[0] + "." in HONORIFICS):
        words = words[1:]
    return " ".join(words)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.tp += tp
        self.fp += predicted - tp
        self.fn += gold - tp

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    articles: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "scores": {c: s.as_dict() for c, s in self.scores.items()},
        }


def _forms(entry: dict) -> set[str]:
    return {name_key(entry.get("name"))} | {name_key(a) for a in entry.get("aliases") or []}


def _entries_match(a: dict, b: dict) -> bool:
    return name_key(a.get("name")) in _forms(b) or name_key(b.get("name")) in _forms(a)


def _pair(predicted: Iterable, gold: Iterable, match: Callable) -> list[tuple]:
    """Greedy one-to-one pairing in gold order."""
    free = list(predicted)
    pairs = []
    for g in gold:
        for p in free:
            if match(p, g):
                pairs.append((p, g))
                free.remove(p)
                break
    return pairs


class _Names:
    """Maps any name or alias used in a digest to its entry's canonical key."""

    def __init__(self, digest: dict):
        self.keys: dict[str, str] = {}
        for kind in ("persons", "organizations", "places"):
            for entry in digest.get(kind) or []:
                canonical = name_key(entry["name"])
                for form in _forms(entry):
                    self.keys.setdefault(form, canonical)

    def forms(self, name: str | None) -> set[str]:
        key = name_key(name)
        canonical = self.keys.get(key, key)
        return {key, canonical} | {f for f, c in self.keys.items() if c == canonical}


def _same(name_a: str | None, names_a: _Names, name_b: str | None, names_b: _Names) -> bool:
    if not name_a or not name_b:
        return not name_a and not name_b
    return bool(names_a.forms(name_a) & names_b.forms(name_b))


def _words(text: str) -> set[str]:
    return set(name_key(text).split())


def _fold_text(text: str) -> str:
    return " ".join(name_key(text).split())


def evaluate_pair(predicted: dict, gold: dict, ev: Evaluation) -> None:
    pn, gn = _Names(predicted), _Names(gold)
    s = ev.scores
    for kind in ("persons", "organizations", "places"):
        p, g = predicted.get(kind) or [], gold.get(kind) or []
        s[kind].add(len(_pair(p, g, _entries_match)), len(p), len(g))

    def roles(d: dict) -> list[tuple]:
        return [
            (person["name"], r.get("organization"), r.get("title") or "")
            for person in d.get("persons") or []
            for r in person.get("roles") or []
        ]

    p_roles, g_roles = roles(predicted), roles(gold)
    pairs = _pair(
        p_roles, g_roles, lambda a, b: _same(a[0], pn, b[0], gn) and _same(a[1], pn, b[1], gn)
    )
    s["roles"].add(len(pairs), len(p_roles), len(g_roles))
    titles = sum(
        1 for a, b in pairs if len(_words(a[2]) & _words(b[2])) * 2 >= max(len(_words(b[2])), 1)
    )
    s["role_titles"].add(titles, len(pairs), len(pairs))

    def compatible(a: str, b: str) -> bool:
        return a == b or any(a in group and b in group for group in _COMPATIBLE)

    def shares(pe: dict, ge: dict) -> bool:
        if not compatible(pe.get("type", ""), ge.get("type", "")):
            return False
        if pe.get("date") and pe.get("date") == ge.get("date"):
            return True
        # an event with no date, place or participants can still be the same one by name
        if _fold_text(pe.get("label") or "") == _fold_text(ge.get("label") or ""):
            return True
        if pe.get("place") and _same(pe.get("place"), pn, ge.get("place"), gn):
            return True
        return any(
            _same(a["name"], pn, b["name"], gn)
            for a in pe.get("participants") or []
            for b in ge.get("participants") or []
        )

    p_events, g_events = predicted.get("events") or [], gold.get("events") or []
    event_pairs = _pair(p_events, g_events, shares)
    s["events"].add(len(event_pairs), len(p_events), len(g_events))
    s["event_dates"].add(
        sum(
            1
            for pe, ge in event_pairs
            if ge.get("date") and str(pe.get("date")) == str(ge.get("date"))
        ),
        sum(1 for e in p_events if e.get("date")),
        sum(1 for e in g_events if e.get("date")),
    )
    s["event_places"].add(
        sum(
            1
            for pe, ge in event_pairs
            if ge.get("place") and _same(pe.get("place"), pn, ge.get("place"), gn)
        ),
        sum(1 for e in p_events if e.get("place")),
        sum(1 for e in g_events if e.get("place")),
    )
    matched_participants = 0
    for pe, ge in event_pairs:
        matched_participants += len(
            _pair(
                pe.get("participants") or [],
                ge.get("participants") or [],
                lambda a, b: a["role"] == b["role"] and _same(a["name"], pn, b["name"], gn),
            )
        )
    s["participants"].add(
        matched_participants,
        sum(len(e.get("participants") or []) for e in p_events),
        sum(len(e.get("participants") or []) for e in g_events),
    )

    p_quotes, g_quotes = predicted.get("quotes") or [], gold.get("quotes") or []
    s["quotes"].add(
        len(
            _pair(
                p_quotes,
                g_quotes,
                lambda a, b: (
                    (
                        _fold_text(a["text"]) in _fold_text(b["text"])
                        or _fold_text(b["text"]) in _fold_text(a["text"])
                    )
                    and _same(a.get("speaker"), pn, b.get("speaker"), gn)
                ),
            )
        ),
        len(p_quotes),
        len(g_quotes),
    )

    p_q, g_q = predicted.get("quantities") or [], gold.get("quantities") or []
    q_pairs = _pair(
        p_q,
        g_q,
        lambda a, b: float(a["value"]) == float(b["value"]) and a["qualifier"] == b["qualifier"],
    )
    s["quantities"].add(len(q_pairs), len(p_q), len(g_q))
    s["quantity_claimed_by"].add(
        sum(
            1
            for a, b in q_pairs
            if b.get("claimed_by") and _same(a.get("claimed_by"), pn, b.get("claimed_by"), gn)
        ),
        sum(1 for a, _ in q_pairs if a.get("claimed_by")),
        sum(1 for _, b in q_pairs if b.get("claimed_by")),
    )

    p_rel, g_rel = predicted.get("relations") or [], gold.get("relations") or []
    s["relations"].add(
        len(
            _pair(
                p_rel,
                g_rel,
                lambda a, b: (
                    a["relation"] == b["relation"]
                    and _same(a["subject"], pn, b["subject"], gn)
                    and _same(a["object"], pn, b["object"], gn)
                ),
            )
        ),
        len(p_rel),
        len(g_rel),
    )


def load_gold(gold_dir: str | Path) -> dict[str, dict]:
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise NewskgError(f"{folder}: not a folder of gold digests (<article_id>.yaml)")
    gold = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise NewskgError(f"{path}: invalid YAML: {exc}") from None
        if not isinstance(data, dict) or "article" not in data:
            raise NewskgError(f"{path}: not a digest (no 'article' key)")
        gold[str(data["article"])] = data
    if not gold:
        raise NewskgError(f"{folder}: no gold digests (*.yaml) found")
    return gold


def evaluate(predicted: dict[str, dict], gold: dict[str, dict]) -> Evaluation:
    ev = Evaluation()
    for article_id, g in gold.items():
        if article_id not in predicted:
            raise NewskgError(
                f"article {article_id!r} of the gold digests is not in the store; ingest it first"
            )
        evaluate_pair(predicted[article_id], g, ev)
        ev.articles.append(article_id)
    return ev

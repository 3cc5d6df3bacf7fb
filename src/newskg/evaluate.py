"""Comparing digests with gold digests, following the matching rules of FORMAT.md.

Names match after folding case, accents, honorifics, a leading "the" and the spelling of
Arabic particles; an entry matches when its name or any alias folds to the other's name.
The judge keeps its own word lists: editing the extractor's lexicon never moves the metric.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from newskg.errors import NewskgError
from newskg.resolve import identity_words

# The ten categories whose mean F1 is the headline figure (macro-F1).
HEADLINE = [
    "persons",
    "organizations",
    "places",
    "roles",
    "events",
    "event_dates",
    "event_places",
    "participants",
    "quotes",
    "quantities",
]
CATEGORIES = HEADLINE + ["quantity_claimed_by", "relations"]
# The judge's honorifics (FORMAT.md: "Dr., Mr., Ambassador"): courtesy titles and the offices
# that stand before a name. Independent of the extractor's lexicon on purpose.
JUDGE_HONORIFICS = {
    "dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "dame", "lord", "lady",
    "sheikh", "rev", "reverend", "father", "ambassador", "president", "minister", "senator",
    "sen", "rep", "governor", "gov", "mayor", "judge", "justice", "general", "gen",
    "colonel", "captain", "commander", "chancellor", "king", "queen", "prince", "princess",
    "pope", "imam", "rabbi", "bishop", "cardinal", "chairman", "secretary", "deputy",
}  # fmt: skip
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
    while len(words) > 1 and words[0].rstrip(".") in JUDGE_HONORIFICS:
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
    def scored(self) -> bool:
        """False when neither side has anything in this category: the score is n/a."""
        return bool(self.tp + self.fp + self.fn)

    @property
    def precision(self) -> float | None:
        if not self.scored:
            return None
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float | None:
        if not self.scored:
            return None
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        def rounded(x: float | None) -> float | None:
            return None if x is None else round(x, 3)

        return {
            "precision": rounded(self.precision),
            "recall": rounded(self.recall),
            "f1": rounded(self.f1),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(frozen=True)
class Error:
    """One missed (in the gold, not found) or extra (found, not in the gold) item."""

    category: str
    kind: str  # missed | extra
    article: str
    item: str  # the item, in a few words
    needle: str  # text to look for in the article, to show the sentence
    sentence: str | None = None  # the sentence, when the digest gives it


NO_RULE = "(no rule)"  # a fact of a graph written before facts named their rules


@dataclass
class RuleTally:
    """How one extraction rule did: per category, its facts that matched gold and those
    that were extra (found, not in the gold)."""

    matched: dict[str, int] = field(default_factory=dict)
    extra: dict[str, int] = field(default_factory=dict)

    def add(self, category: str, matched: bool) -> None:
        counts = self.matched if matched else self.extra
        counts[category] = counts.get(category, 0) + 1

    @property
    def total_matched(self) -> int:
        return sum(self.matched.values())

    @property
    def total_extra(self) -> int:
        return sum(self.extra.values())

    @property
    def precision(self) -> float:
        made = self.total_matched + self.total_extra
        return self.total_matched / made if made else 0.0

    def as_dict(self) -> dict:
        return {
            "matched": self.total_matched,
            "extra": self.total_extra,
            "precision": round(self.precision, 3),
            "by_category": {
                c: {"matched": self.matched.get(c, 0), "extra": self.extra.get(c, 0)}
                for c in sorted(set(self.matched) | set(self.extra))
            },
        }


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    articles: list[str] = field(default_factory=list)
    errors: list[Error] = field(default_factory=list)
    rules: dict[str, RuleTally] = field(default_factory=dict)

    def credit(self, rule: str | None, category: str, matched: bool) -> None:
        """Count one predicted fact for the rule that made it."""
        self.rules.setdefault(rule or NO_RULE, RuleTally()).add(category, matched)

    @property
    def missed(self) -> list[Error]:
        """Gold items no rule found."""
        return [e for e in self.errors if e.kind == "missed"]

    @property
    def macro_f1(self) -> float | None:
        """Mean F1 over the headline categories that have something to score."""
        values = [f for c in HEADLINE if (f := self.scores[c].f1) is not None]
        return sum(values) / len(values) if values else None

    def as_dict(self, by_rule: bool = False) -> dict:
        macro = self.macro_f1
        data: dict = {
            "articles": self.articles,
            "macro_f1": None if macro is None else round(macro, 3),
            "scores": {c: s.as_dict() for c, s in self.scores.items()},
        }
        if by_rule:
            data["rules"] = {r: t.as_dict() for r, t in sorted(self.rules.items())}
            data["found_by_no_rule"] = [
                {"category": e.category, "article": e.article, "item": e.item} for e in self.missed
            ]
        return data


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


def _pair_best(predicted: list, gold: list, match: Callable, closeness: Callable) -> list[tuple]:
    """One-to-one pairing of the items that `match`, closest first (ties in gold, then
    predicted order), so the pairs do not depend on the order either side lists them in."""
    candidates = [
        (closeness(p, g), -gi, -pi, pi, gi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(predicted)
        if match(p, g)
    ]
    taken_p: set[int] = set()
    taken_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for *_, pi, gi in sorted(candidates, reverse=True):
        if pi not in taken_p and gi not in taken_g:
            taken_p.add(pi)
            taken_g.add(gi)
            pairs.append((pi, gi))
    return [(predicted[pi], gold[gi]) for pi, gi in sorted(pairs, key=lambda x: x[1])]


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


def _titles_match(predicted: str, gold: str) -> bool:
    """FORMAT.md: two titles match when they share most of the gold title's words."""
    return len(_words(predicted) & _words(gold)) * 2 >= max(len(_words(gold)), 1)


def _describe(category: str, item) -> tuple[str, str]:
    """(a few words for the report, text to find its sentence by)."""
    if category in ("persons", "organizations", "places"):
        return item.get("name") or "", item.get("name") or ""
    if category == "roles":
        person, org, title = item[:3]
        return f"{person}: {title} of {org or '-'}", person
    if category == "events":
        names = ", ".join(f"{p['name']} ({p['role']})" for p in item.get("participants") or [])
        where = f" at {item['place']}" if item.get("place") else ""
        needle = (item.get("participants") or [{}])[0].get("name") or item.get("place") or ""
        return f"{item.get('type')} {item.get('date') or 'undated'}{where}: {names or '-'}", needle
    if category == "quotes":
        return f"{item.get('speaker')}: {item.get('text')}", (item.get("text") or "")[:40]
    if category == "quantities":
        return f"{item.get('value')} {item.get('qualifier')} ({item.get('what')})", ""
    if category == "relations":
        return f"{item['subject']} {item['relation']} {item['object']}", item["subject"]
    return str(item), ""


class Pairing:
    """One article's predicted and gold digests, with what the scorers share: the name
    forms of each side, and the event and quantity pairings the dependent categories
    (event dates, places, participants; who claimed a quantity) are scored over."""

    def __init__(self, predicted: dict, gold: dict, ev: Evaluation):
        self.predicted, self.gold, self.ev = predicted, gold, ev
        self.pn, self.gn = _Names(predicted), _Names(gold)
        self.article = str(gold.get("article") or predicted.get("article") or "")

    def items(self, key: str) -> tuple[list, list]:
        return self.predicted.get(key) or [], self.gold.get(key) or []

    def same(self, predicted_name: str | None, gold_name: str | None) -> bool:
        return _same(predicted_name, self.pn, gold_name, self.gn)

    def score(self, category: str, p_items: list, g_items: list, pairs: list[tuple]) -> None:
        """Counts a category scored item by item, and records each unpaired item as an error."""
        self.ev.scores[category].add(len(pairs), len(p_items), len(g_items))
        paired_p = {id(a) for a, _ in pairs}
        paired_g = {id(b) for _, b in pairs}
        for item in p_items:
            self.ev.credit(_rule_of(item), category, id(item) in paired_p)
        for kind, items, paired in (("missed", g_items, paired_g), ("extra", p_items, paired_p)):
            for item in items:
                if id(item) not in paired:
                    words, needle = _describe(category, item)
                    said = item.get("evidence") if isinstance(item, dict) else None
                    self.ev.errors.append(Error(category, kind, self.article, words, needle, said))

    def note(self, category: str, kind: str, words: str, needle: str, said=None) -> None:
        """Records one error of a category scored over another's pairs (a paired event's
        wrong date, a participant it lacks)."""
        self.ev.errors.append(Error(category, kind, self.article, words, needle, said))

    def count(self, category: str, tp: int, predicted: int, gold: int) -> None:
        """Counts a category scored over another's pairs (its errors are `note`d)."""
        self.ev.scores[category].add(tp, predicted, gold)

    @functools.cached_property
    def event_pairs(self) -> list[tuple]:
        p_events, g_events = self.items("events")
        return _pair_best(p_events, g_events, self._same_event, self._closeness)

    def _closeness(self, pe: dict, ge: dict) -> tuple:
        """How much of a gold event a compatible extracted one gets right (its participants
        with their roles, date, place, exact type): the closest pairs are made first."""
        pp = pe.get("participants") or []
        gp = ge.get("participants") or []
        with_role = sum(
            1 for a in pp for b in gp if a["role"] == b["role"] and self.same(a["name"], b["name"])
        )
        named = sum(1 for a in pp for b in gp if self.same(a["name"], b["name"]))
        same_date = bool(pe.get("date")) and str(pe.get("date")) == str(ge.get("date"))
        same_place = bool(pe.get("place")) and self.same(pe.get("place"), ge.get("place"))
        return (with_role + same_date + same_place, named, pe.get("type") == ge.get("type"))

    @functools.cached_property
    def quantity_pairs(self) -> list[tuple]:
        p_q, g_q = self.items("quantities")
        return _pair(
            p_q,
            g_q,
            lambda a, b: (
                float(a["value"]) == float(b["value"]) and a["qualifier"] == b["qualifier"]
            ),
        )

    def _same_event(self, pe: dict, ge: dict) -> bool:
        if not _compatible(pe.get("type", ""), ge.get("type", "")):
            return False
        if pe.get("date") and str(pe.get("date")) == str(ge.get("date")):
            return True
        # an event with no date, place or participants can still be the same one by name
        if _fold_text(pe.get("label") or "") == _fold_text(ge.get("label") or ""):
            return True
        if pe.get("place") and self.same(pe.get("place"), ge.get("place")):
            return True
        return any(
            self.same(a["name"], b["name"])
            for a in pe.get("participants") or []
            for b in ge.get("participants") or []
        )


def _rule_of(item) -> str | None:
    """The rule a predicted item names (a role is a tuple whose fourth value is its rule)."""
    if isinstance(item, dict):
        return item.get("rule")
    return item[3] if isinstance(item, tuple) and len(item) > 3 else None


def _compatible(predicted: str, gold: str) -> bool:
    """Types a reader would call the same event; a finer type matches the type it narrows
    (a predicted match or earthquake is a gold `other`, ontology/vocabularies.ttl)."""
    if gold in _broader_types(predicted):
        return True
    return any(predicted in group and gold in group for group in _COMPATIBLE)


@functools.cache
def _broader_map() -> dict[str, str]:
    from rdflib import Graph
    from rdflib.namespace import SKOS

    from newskg.resources import ontology_dir

    graph = Graph().parse(ontology_dir() / "vocabularies.ttl")
    return {
        str(graph.value(c, SKOS.notation)): str(graph.value(b, SKOS.notation))
        for c, b in graph.subject_objects(SKOS.broader)
    }


def _broader_types(etype: str) -> list[str]:
    """The type and every type it narrows, finest first."""
    chain, broader = [etype], _broader_map()
    while chain[-1] in broader and broader[chain[-1]] not in chain:
        chain.append(broader[chain[-1]])
    return chain


# One scorer per category, in CATEGORIES order: a scorer reads one article's pairing and
# adds its counts to the evaluation. A new category is a function here and a name above.
Scorer = Callable[[Pairing], None]
SCORERS: dict[str, Scorer] = {}


def _scorer(category: str) -> Callable[[Scorer], Scorer]:
    def register(fn: Scorer) -> Scorer:
        SCORERS[category] = fn
        return fn

    return register


def _score_entities(category: str) -> Scorer:
    def scorer(pairing: Pairing) -> None:
        p, g = pairing.items(category)
        pairing.score(category, p, g, _pair(p, g, _entries_match))

    return scorer


for _kind in ("persons", "organizations", "places"):
    _scorer(_kind)(_score_entities(_kind))


def _roles(digest: dict, explicit: bool | None) -> list[tuple]:
    return [
        (person["name"], r.get("organization"), r.get("title") or "", r.get("rule"))
        for person in digest.get("persons") or []
        for r in person.get("roles") or []
        if explicit is None or (r.get("explicit", True) is not False) == explicit
    ]


@_scorer("roles")
def _score_roles(pairing: Pairing) -> None:
    def same_role(a: tuple, b: tuple) -> bool:
        return pairing.same(a[0], b[0]) and pairing.same(a[1], b[1]) and _titles_match(a[2], b[2])

    # A gold role marked `explicit: false` is optional: a match is neither hit nor error.
    p_roles = _roles(pairing.predicted, None)
    optional = _pair(p_roles, _roles(pairing.gold, False), same_role)
    optional_found = {id(a) for a, _ in optional}
    p_roles = [r for r in p_roles if id(r) not in optional_found]
    g_roles = _roles(pairing.gold, True)
    pairing.score("roles", p_roles, g_roles, _pair(p_roles, g_roles, same_role))


@_scorer("events")
def _score_events(pairing: Pairing) -> None:
    p_events, g_events = pairing.items("events")
    pairing.score("events", p_events, g_events, pairing.event_pairs)


def _score_event_field(category: str, key: str) -> Scorer:
    """An event's date or place, counted over the paired events (a gold event without the
    field is not counted; a predicted one with it is)."""

    def scorer(pairing: Pairing) -> None:
        def same(p: str | None, g: str | None) -> bool:
            return pairing.same(p, g) if key == "place" else str(p) == str(g)

        p_events, g_events = pairing.items("events")
        right = {
            id(pe)
            for pe, ge in pairing.event_pairs
            if ge.get(key) and same(pe.get(key), ge.get(key))
        }
        for pe in p_events:
            if pe.get(key):
                pairing.ev.credit(pe.get(f"{key}_rule"), category, id(pe) in right)
        for pe, ge in pairing.event_pairs:  # unpaired events are listed under events
            if id(pe) not in right and (ge.get(key) or pe.get(key)):
                event, needle = _describe("events", ge)
                found = f"{key} {pe.get(key) or 'none'} where the gold has {ge.get(key) or 'none'}"
                kind = "missed" if ge.get(key) else "extra"
                pairing.note(category, kind, f"{found}, in {event}", needle, ge.get("evidence"))
        pairing.count(
            category,
            len(right),
            sum(1 for e in p_events if e.get(key)),
            sum(1 for e in g_events if e.get(key)),
        )

    return scorer


_scorer("event_dates")(_score_event_field("event_dates", "date"))
_scorer("event_places")(_score_event_field("event_places", "place"))


@_scorer("participants")
def _score_participants(pairing: Pairing) -> None:
    p_events, g_events = pairing.items("events")
    right: set[int] = set()
    for pe, ge in pairing.event_pairs:
        pairs = _pair(
            pe.get("participants") or [],
            ge.get("participants") or [],
            lambda a, b: a["role"] == b["role"] and pairing.same(a["name"], b["name"]),
        )
        right |= {id(a) for a, _ in pairs}
        event, needle = _describe("events", ge)
        for kind, side, paired in (
            ("missed", ge.get("participants") or [], {id(b) for _, b in pairs}),
            ("extra", pe.get("participants") or [], {id(a) for a, _ in pairs}),
        ):
            for p in side:
                if id(p) not in paired:
                    words = f"{p['name']} ({p['role']}), in {event}"
                    pairing.note("participants", kind, words, needle, ge.get("evidence"))
    for pe in p_events:
        for p in pe.get("participants") or []:
            pairing.ev.credit(p.get("rule"), "participants", id(p) in right)
    pairing.count(
        "participants",
        len(right),
        sum(len(e.get("participants") or []) for e in p_events),
        sum(len(e.get("participants") or []) for e in g_events),
    )


@_scorer("quotes")
def _score_quotes(pairing: Pairing) -> None:
    def same_quote(a: dict, b: dict) -> bool:
        pa, gb = _fold_text(a["text"]), _fold_text(b["text"])
        return (pa in gb or gb in pa) and pairing.same(a.get("speaker"), b.get("speaker"))

    p_quotes, g_quotes = pairing.items("quotes")
    pairing.score("quotes", p_quotes, g_quotes, _pair(p_quotes, g_quotes, same_quote))


@_scorer("quantities")
def _score_quantities(pairing: Pairing) -> None:
    p_q, g_q = pairing.items("quantities")
    pairing.score("quantities", p_q, g_q, pairing.quantity_pairs)


@_scorer("quantity_claimed_by")
def _score_quantity_claimed_by(pairing: Pairing) -> None:
    pairs = pairing.quantity_pairs
    pairing.count(
        "quantity_claimed_by",
        sum(
            1
            for a, b in pairs
            if b.get("claimed_by") and pairing.same(a.get("claimed_by"), b.get("claimed_by"))
        ),
        sum(1 for a, _ in pairs if a.get("claimed_by")),
        sum(1 for _, b in pairs if b.get("claimed_by")),
    )


@_scorer("relations")
def _score_relations(pairing: Pairing) -> None:
    def same_relation(a: dict, b: dict) -> bool:
        return (
            a["relation"] == b["relation"]
            and pairing.same(a["subject"], b["subject"])
            and pairing.same(a["object"], b["object"])
        )

    p_rel, g_rel = pairing.items("relations")
    pairing.score("relations", p_rel, g_rel, _pair(p_rel, g_rel, same_relation))


def evaluate_pair(predicted: dict, gold: dict, ev: Evaluation) -> None:
    pairing = Pairing(predicted, gold, ev)
    for category in CATEGORIES:
        SCORERS[category](pairing)


_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’]?|$)")


def sentence_with(text: str, needle: str) -> str | None:
    """The first sentence of `text` that contains `needle` (case-folded), for error reports."""
    if not needle:
        return None
    lowered = needle.casefold()
    for paragraph in text.split("\n"):
        if lowered in paragraph.casefold():
            for match in _SENTENCE.finditer(paragraph):
                if lowered in match.group(0).casefold():
                    return match.group(0).strip()
            return paragraph.strip()
    return None


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

"""A graph built by hand from the gold digests, for tests of what sits below extraction:
queries, projections, exports. Extraction can then improve (or regress) without changing
what these tests see: their graph is the gold itself, mapped and validated like an
extracted one.

Each gold fact becomes the model record the extractor would produce, with its evidence: the
first place in the article's text that names it (or the article's first sentence when the
text does not spell it out, as for an implied date).
"""

from __future__ import annotations

import re
from pathlib import Path

from newskg.evaluate import load_gold
from newskg.extract import gazetteer
from newskg.ingest import discover, read_articles
from newskg.model import (
    Article,
    Entity,
    Event,
    Extraction,
    Mention,
    Participation,
    Quantity,
    Quote,
    Relation,
    Role,
    Span,
)
from newskg.rdf.mapping import article_triples
from newskg.rdf.terms import ntriples, oxigraph_triples
from newskg.rdf.validate import validate_triples
from newskg.resolve import article_iri, identity_key
from newskg.settings import Settings
from newskg.store.base import Store

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’]?|$)")
_KINDS = {"persons": "person", "organizations": "organization", "places": "place"}


class _Text:
    def __init__(self, text: str):
        self.text = text
        self.sentences = [m.span() for m in _SENTENCE.finditer(text) if m.group(0).strip()]

    def find(self, *needles: str | None) -> Span | None:
        for needle in needles:
            if not needle:
                continue
            i = self.text.find(needle)
            if i < 0:
                i = self.text.lower().find(needle.lower())
            if i >= 0:
                return Span(i, i + len(needle), self.text[i : i + len(needle)])
        return None

    def find_all(self, *forms: str) -> list[Span]:
        """Every place the text writes one of the forms (longest first, no overlaps)."""
        taken: list[Span] = []
        for form in sorted(set(forms), key=len, reverse=True):
            pattern = r"(?<![\w-])" + re.escape(form) + r"(?![\w-])"
            for match in re.finditer(pattern, self.text):
                a, b = match.span()
                if all(b <= s.start or a >= s.end for s in taken):
                    taken.append(Span(a, b, match.group(0)))
        return sorted(taken)

    def find_free(self, used: set[tuple[int, int]], *needles: str) -> Span:
        """A span no other fact took (a quantity's node is keyed by its span)."""
        for needle in needles:
            for match in re.finditer(re.escape(needle), self.text):
                if match.span() not in used:
                    used.add(match.span())
                    return Span(*match.span(), match.group(0))
        start = max((e for _, e in used), default=0)  # a character of its own
        while (start, start + 1) in used or self.text[start].isspace():
            start += 1
        used.add((start, start + 1))
        return Span(start, start + 1, self.text[start])

    def sentence(self, span: Span | None) -> Span:
        start, end = self.sentences[0]
        if span is not None:
            start, end = next(
                ((s, e) for s, e in self.sentences if s <= span.start < e), (start, end)
            )
        while self.text[start].isspace():
            start += 1
        return Span(start, end, self.text[start:end])


def extraction_from_digest(digest: dict, article: Article) -> Extraction:
    text = _Text(article.text)
    keys: dict[str, str] = {}  # any name or alias → entity key
    entities: dict[str, Entity] = {}
    for group, kind in _KINDS.items():
        for entry in digest.get(group) or []:
            name = entry["name"]
            key = identity_key(kind, name)
            aliases = set(entry.get("aliases") or [])
            spans = text.find_all(name, *aliases) or [
                text.find(name.split()[-1]) or text.find(article.text[:1])
            ]
            entity = Entity(
                key=key,
                kind=kind,
                name=name,
                aliases=aliases,
                mentions=[Mention(span, kind, text.sentence(span), key) for span in spans],
                place_kind=entry.get("kind") if kind == "place" else None,
                geo=gazetteer.link_for(name) if kind == "place" else None,
            )
            entities[key] = entity
            for form in {name, *aliases}:
                keys.setdefault(form, key)

    def key(name: str | None) -> str | None:
        return keys.get(name) if name else None

    def evidence(*needles: str | None) -> Span:
        return text.sentence(text.find(*needles))

    roles = [
        Role(
            person=key(p["name"]),
            title=r["title"],
            evidence=evidence(p["name"], r["title"]),
            organization=key(r.get("organization")),
        )
        for p in digest.get("persons") or []
        for r in p.get("roles") or []
    ]
    events = []
    for i, e in enumerate(digest.get("events") or [], start=1):
        names = [p["name"] for p in e.get("participants") or []]
        said = evidence(*names, e.get("place"))
        events.append(
            Event(
                key=f"event/{article.id}/{i}",
                type=e["type"],
                label=e["label"],
                evidence=[said],
                date=str(e["date"]) if e.get("date") else None,
                end_date=str(e["end_date"]) if e.get("end_date") else None,
                date_text=e.get("date_text"),
                place=key(e.get("place")),
                participants=[
                    Participation(key(p["name"]), p["role"], evidence(p["name"]))
                    for p in e.get("participants") or []
                ],
            )
        )
    quotes = []
    for q in digest.get("quotes") or []:
        span = text.find(q["text"].rstrip(".,"), q["text"][:30])
        quotes.append(Quote(q["text"], span, text.sentence(span), speaker=key(q.get("speaker"))))
    quantities = []
    used: set[tuple[int, int]] = set()
    for q in digest.get("quantities") or []:
        value = float(q["value"])
        span = text.find_free(used, f"{int(value):,}", str(int(value)))
        lower = value if q["qualifier"] in ("exact", "more_than", "at_least") else None
        upper = value if q["qualifier"] in ("exact", "less_than", "up_to", "nearly") else None
        quantities.append(
            Quantity(
                value=value,
                qualifier=q["qualifier"],
                what=q.get("what") or "",
                span=span,
                evidence=text.sentence(span),
                lower=lower,
                upper=upper,
                claimed_by=key(q.get("claimed_by")),
            )
        )
    relations = [
        Relation(key(r["subject"]), r["relation"], key(r["object"]), evidence(r["subject"]))
        for r in digest.get("relations") or []
    ]
    return Extraction(
        article=article,
        model="gold digest (hand-written)",
        entities=entities,
        roles=roles,
        events=events,
        quotes=quotes,
        quantities=quantities,
        relations=relations,
    )


def store_gold(store: Store, gold_dir: Path, articles_dir: Path, settings: Settings) -> Store:
    """Write one named graph per gold digest, validated against the shapes."""
    gold = load_gold(gold_dir)
    articles = {a.id: a for p in discover([articles_dir]) for a in read_articles(p)}
    for article_id, digest in gold.items():
        article = articles[article_id]
        extraction = extraction_from_digest(digest, article)
        triples = oxigraph_triples(article_triples(extraction, settings.base_iri, "test"))
        result = validate_triples(triples, settings.shacl_engine)
        assert result.conforms, result.summary()
        store.replace_graph(article_iri(settings.base_iri, article_id), ntriples(triples))
    return store

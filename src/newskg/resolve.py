"""Identity: stable, readable IRIs, and which surface forms name the same entity.

An entity's IRI is a slug of its canonical name under the base IRI, per type, so the same
person named in two articles gets the same IRI without any shared state between runs.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name, for comparison."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_text = ascii_text.replace("’", "'").replace("‘", "'")
    return " ".join(_NON_SLUG.sub(" ", ascii_text.lower()).split())


def slug(text: str) -> str:
    """'Dr. Amal Jadú' → 'dr-amal-jadu'; never empty."""
    return "-".join(fold(text).replace("'", "").split()) or "unnamed"


def entity_key(kind: str, name: str) -> str:
    return f"{kind}/{slug(name)}"


def iri(base: str, key: str) -> str:
    """Join a key under the base IRI; keys are slugs, but quote anyway for safety."""
    return base + quote(key, safe="/-._~")


def article_iri(base: str, article_id: str) -> str:
    return iri(base, f"article/{article_id}")


# Spellings of one Arabic name particle ("al-", "el-", "ul-") fold together, so transliteration
# variants of one name get one IRI.
_PARTICLE_VARIANTS = {"el": "al", "ul": "al", "il": "al"}


def identity_words(name: str) -> list[str]:
    words = fold(name).replace("'", "").split()
    words = [_PARTICLE_VARIANTS.get(w, w) for w in words]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return words


def identity_key(kind: str, name: str) -> str:
    """The entity key (and so IRI) of a name: the same for its spelling variants."""
    return f"{kind}/{'-'.join(identity_words(name)) or 'unnamed'}"


_ORG_CONNECTORS = {"of", "for", "on", "against"}


def _is_subsequence(short: list[str], full: list[str]) -> bool:
    it = iter(full)
    return all(word in it for word in short)


def is_short_form(kind: str, short: list[str], full: list[str], is_place=None) -> bool:
    """Can `short` be a shorter way of naming the entity `full` names?

    Persons: a surname ("Al-Najjar") or a first name ("Omar"). Organizations: the words in
    order ("European Alliance", "Alliance" for "European Alliance for X"), but not when the
    longer name is the shorter one plus a place ("<Org> <Country>" is a national branch).
    """
    if len(short) >= len(full):
        return False
    if kind == "person":
        return full[-len(short) :] == short or full[: len(short)] == short
    if kind == "organization":
        if full[: len(short)] == short and is_place is not None:
            rest = " ".join(full[len(short) :])
            if is_place(rest):
                return False
        # the short form starts in the name's own head part, before "of"/"for" ("State" is not
        # "Council of State"; "Alliance" is "European Alliance for X")
        cut = next((i for i, w in enumerate(full) if w in _ORG_CONNECTORS), len(full))
        return _is_subsequence(short, full) and short[-1] in full and short[0] in full[:cut]
    return False


def cluster_mentions(
    raw_mentions, place_kind=None, is_place=None, links=(), geo_link=None, canonical=None
):
    """Group one article's mentions into entities; short forms join their unique full name.

    `raw_mentions` are extract.entities.RawMention; returns {key: Entity}.
    """
    from collections import Counter, defaultdict

    from newskg.model import Entity

    groups: dict[tuple[str, tuple[str, ...]], list] = defaultdict(list)
    for raw in raw_mentions:
        text = getattr(raw, "name", raw.mention.span.text)
        if raw.mention.kind == "place" and canonical is not None:
            text = canonical(text) or text  # "US" and "United States" are one place
        words = tuple(identity_words(text))
        if words:
            groups[(raw.mention.kind, words)].append(raw)

    # Longest names first, so each shorter form sees the final root of every longer one.
    order = sorted(groups, key=lambda g: (-len(g[1]), g))
    root: dict = {}
    ambiguous: dict = {}
    for g in order:
        kind, words = g
        candidates = {
            root[h]
            for h in order
            if h in root and h[0] == kind and is_short_form(kind, list(words), list(h[1]), is_place)
        }
        if len(candidates) == 1:
            root[g] = candidates.pop()
        else:
            root[g] = g
            if candidates:
                ambiguous[g] = candidates
    # A short form that fits several full names ("Ferreira" with two Ferreiras) goes, mention
    # by mention, to the full name written most recently before it.
    for g, candidates in ambiguous.items():
        keep = []
        for raw in groups[g]:
            best, best_start = None, -1
            for c in candidates:
                # only forms that contain the short one count ("Castro" follows the last
                # "<First> Castro", not the last bare first name of another Castro)
                starts = [
                    r.mention.span.start
                    for h in order
                    if root[h] == c and set(g[1]) <= set(h[1])
                    for r in groups[h]
                    if r.mention.span.start < raw.mention.span.start
                ]
                if starts and max(starts) > best_start:
                    best, best_start = c, max(starts)
            if best is None:
                keep.append(raw)
            else:
                groups[best].append(raw)
        groups[g] = keep

    # Explicit links ("<Org>, the <Other Name>") join two roots into one.
    for a, b in links:
        ga = (a.mention.kind, tuple(identity_words(a.mention.span.text)))
        gb = (b.mention.kind, tuple(identity_words(b.mention.span.text)))
        ra, rb = root.get(ga), root.get(gb)
        if ra is None or rb is None or ra == rb:
            continue
        for g in order:
            if root[g] == rb:
                root[g] = ra

    members: dict = defaultdict(list)
    for g in order:
        members[root[g]].extend(groups[g])
    members = {g: raws for g, raws in members.items() if raws}

    entities = {}
    for g, raws in members.items():
        kind = g[0]
        surfaces = Counter(getattr(r, "name", r.mention.span.text) for r in raws)
        name = max(surfaces, key=lambda s: (len(identity_words(s)), surfaces[s], len(s)))
        if kind == "place" and canonical is not None:
            name = canonical(name) or name  # the country's own name, the short one an alias
        key = identity_key(kind, name)
        entity = entities.get(key)
        if entity is None:
            entity = Entity(key=key, kind=kind, name=name)
            entities[key] = entity
        for r in raws:
            r.mention.entity_key = key
            entity.mentions.append(r.mention)
            entity.aliases.add(r.mention.span.text)
            if r.honorific:
                entity.honorifics.add(r.honorific)
            if r.honorific_span:
                entity.aliases.add(r.honorific_span.text)
        entity.aliases.discard(entity.name)
        if kind == "place" and place_kind is not None:
            entity.place_kind = place_kind(entity.name, raws[0].label)
            entity.geo = geo_link(entity.name) if geo_link is not None else None
    for entity in entities.values():
        entity.mentions.sort(key=lambda m: m.span.start)
    return entities

"""One article's mentions grouped into entities: the same name in its several forms ("Dr.
Ana Ruiz", "Ruiz"), places under their canonical names, explicit links joined. Identity
across articles (keys and IRIs) is resolve.py's; this is the within-article part."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from newskg.extract import gazetteer
from newskg.extract.entities import RawMention, place_kind
from newskg.model import Entity
from newskg.resolve import identity_key, identity_words, is_short_form


def _is_place(name: str) -> bool:
    return gazetteer.lookup(name) is not None


def cluster_mentions(
    raw_mentions: list[RawMention],
    links: Iterable[tuple[RawMention, RawMention]] = (),
    article_id: str | None = None,
) -> dict[str, Entity]:
    """Group one article's mentions into entities, keyed by identity key; short forms join
    their unique full name, and explicit `links` ("<Org>, the <Other Name>") join two. A
    person left with a one-word name gets a key of the article `article_id` (resolve.py)."""
    groups = _groups_by_name(raw_mentions)
    # Longest names first, so each shorter form sees the final root of every longer one.
    order = sorted(groups, key=lambda g: (-len(g[1]), g))
    root, ambiguous = _roots(order)
    _share_ambiguous(groups, order, root, ambiguous)
    _join_links(links, order, root)
    members: dict = defaultdict(list)
    for g in order:
        members[root[g]].extend(groups[g])
    entities: dict[str, Entity] = {}
    for g, raws in members.items():
        if raws:
            _add_entity(entities, g[0], raws, article_id)
    for entity in entities.values():
        entity.mentions.sort(key=lambda m: m.span.start)
    return entities


_Group = tuple[str, tuple[str, ...]]  # (kind, identity words of the name)


def _groups_by_name(raw_mentions: list[RawMention]) -> dict[_Group, list]:
    groups: dict[_Group, list] = defaultdict(list)
    for raw in raw_mentions:
        text = getattr(raw, "name", raw.mention.span.text)
        if raw.mention.kind == "place":
            text = gazetteer.country_name(text) or text  # "US" and "United States": one place
        words = tuple(identity_words(text))
        if words:
            groups[(raw.mention.kind, words)].append(raw)
    return groups


def _roots(order: list[_Group]) -> tuple[dict, dict]:
    """Each name's full form (its root); short forms that fit several are ambiguous."""
    root: dict = {}
    ambiguous: dict = {}
    for g in order:
        kind, words = g
        candidates = {
            root[h]
            for h in order
            if h in root
            and h[0] == kind
            and is_short_form(kind, list(words), list(h[1]), _is_place)
        }
        if len(candidates) == 1:
            root[g] = candidates.pop()
        else:
            root[g] = g
            if candidates:
                ambiguous[g] = candidates
    return root, ambiguous


def _share_ambiguous(groups: dict, order: list[_Group], root: dict, ambiguous: dict) -> None:
    """A short form that fits several full names ("Ferreira" with two Ferreiras) goes, mention
    by mention, to the full name written most recently before it."""
    for g, candidates in ambiguous.items():
        keep = []
        for raw in groups[g]:
            best = _latest_full_name(groups, order, root, g, candidates, raw)
            if best is None:
                keep.append(raw)
            else:
                groups[best].append(raw)
        groups[g] = keep


def _latest_full_name(groups, order, root, g, candidates, raw):
    best, best_start = None, -1
    for c in candidates:
        # only forms that contain the short one count ("Okafor" follows the last
        # "<First> Okafor", not the last bare first name of another Okafor)
        starts = [
            r.mention.span.start
            for h in order
            if root[h] == c and set(g[1]) <= set(h[1])
            for r in groups[h]
            if r.mention.span.start < raw.mention.span.start
        ]
        if starts and max(starts) > best_start:
            best, best_start = c, max(starts)
    return best


def _join_links(links, order: list[_Group], root: dict) -> None:
    """Explicit links ("<Org>, the <Other Name>") join two roots into one."""
    for a, b in links:
        ga = (a.mention.kind, tuple(identity_words(a.mention.span.text)))
        gb = (b.mention.kind, tuple(identity_words(b.mention.span.text)))
        ra, rb = root.get(ga), root.get(gb)
        if ra is None or rb is None or ra == rb:
            continue
        for g in order:
            if root[g] == rb:
                root[g] = ra


def _add_entity(entities: dict[str, Entity], kind, raws: list, article_id: str | None) -> None:
    surfaces = Counter(getattr(r, "name", r.mention.span.text) for r in raws)
    name = max(surfaces, key=lambda s: (len(identity_words(s)), surfaces[s], len(s)))
    if kind == "place":
        name = gazetteer.country_name(name) or name  # the country's own name; short: alias
    key = identity_key(kind, name, article_id)
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
    if kind == "place":
        entity.place_kind = place_kind(entity.name, raws[0].label)
        entity.geo = gazetteer.link_for(entity.name)

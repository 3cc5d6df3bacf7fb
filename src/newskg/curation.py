"""Cross-article identity that rules cannot settle: candidates for a person's review, and a
curation file that records the decisions.

`newskg duplicates` lists pairs of entities that may be the same (a short form of another's
name, the same name with another spelling). Nothing is merged automatically. The user
confirms or rejects pairs in `data/curation.yaml`:

    curator: Jane Roe
    same_as:      [[person/a1/haddad, person/nadia-haddad]]
    not_same_as:  [[person/yusuf-tamimi, person/yusuf-al-tamimi]]
    aliases:      {person/nadia-haddad: [N. Haddad]}
    split:
      - entity: person/ali-hassan      # two people who share a name:
        articles: [cup-final]          # in these articles it is another person,
        as: person/ali-hassan-striker  # with this IRI (default: person/cup-final/ali-hassan)

`newskg curate` writes these as their own named graph, attributed to the curator, so they
can be replaced or removed without touching any article's facts. A split also renames the
entity inside the named articles' graphs, and ingest renames it again whenever one of them
is re-ingested, so the split survives.

`newskg duplicates --homonyms` proposes splits: one name in articles whose contexts share
nothing (no person, organization or place mentioned in both).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from newskg.errors import NewskgError
from newskg.pipeline import stored_splits
from newskg.rdf.namespaces import NKG, PROV, SCHEMA, bind_prefixes
from newskg.rdf.rename import rename_entities
from newskg.reports import link_reports
from newskg.resolve import (
    article_entity_key,
    article_iri,
    curation_iri,
    identity_words,
    iri,
    is_short_form,
)
from newskg.resources import internal_query
from newskg.settings import Settings
from newskg.store.base import Store

ENTITY_NAMES = internal_query("curation-entity-names")
_DECIDED = internal_query("curation-decided")
_CONTEXTS = internal_query("curation-contexts")


@dataclass(frozen=True)
class Candidate:
    a: str
    a_name: str
    b: str
    b_name: str
    reason: str


@dataclass(frozen=True)
class Split:
    """In `articles`, the entity `entity` is another one, `into` (keys, not IRIs)."""

    entity: str
    articles: tuple[str, ...]
    into: str


@dataclass
class Curation:
    curator: str
    same_as: list[tuple[str, str]]
    not_same_as: list[tuple[str, str]]
    aliases: dict[str, list[str]]
    splits: list[Split] = field(default_factory=list)


def _splits(path: Path, value) -> list[Split]:
    if not isinstance(value, list):
        raise NewskgError(f"{path}: split must be a list of {{entity, articles, as}} entries")
    found = []
    for entry in value:
        articles = entry.get("articles") if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or not entry.get("entity") or not articles:
            raise NewskgError(f"{path}: each split needs an entity and a list of articles")
        if isinstance(articles, str):
            articles = [articles]
        entity = str(entry["entity"])
        kind, name = entity.split("/", 1)[0], entity.rsplit("/", 1)[-1]
        into = str(entry.get("as") or article_entity_key(kind, str(articles[0]), name))
        if into == entity:
            raise NewskgError(f"{path}: split of {entity} needs an IRI of its own under as:")
        found.append(Split(entity, tuple(str(a) for a in articles), into))
    return found


def load_curation(path: str | Path) -> Curation:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise NewskgError(f"{path}: no such curation file") from None
    except yaml.YAMLError as exc:
        raise NewskgError(f"{path}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise NewskgError(f"{path}: expected a mapping with same_as, not_same_as, aliases")

    def pairs(key: str) -> list[tuple[str, str]]:
        value = data.get(key) or []
        if not all(isinstance(p, list) and len(p) == 2 for p in value):
            raise NewskgError(f"{path}: {key} must be a list of [entity, entity] pairs")
        return [(str(a), str(b)) for a, b in value]

    aliases = data.get("aliases") or {}
    if not isinstance(aliases, dict):
        raise NewskgError(f"{path}: aliases must map an entity to a list of names")
    return Curation(
        curator=str(data.get("curator") or "unknown curator"),
        same_as=pairs("same_as"),
        not_same_as=pairs("not_same_as"),
        aliases={str(k): [str(a) for a in (v or [])] for k, v in aliases.items()},
        splits=_splits(path, data.get("split") or []),
    )


def find_candidates(
    store: Store, curation: Curation | None = None, settings: Settings | None = None
) -> list[Candidate]:
    """Pairs of entities of one type whose names suggest they may be the same; pairs decided
    in `curation` or in the curation already applied to the store are left out."""
    settings = settings or Settings()
    bound = {"curation": URIRef(curation_iri(settings.base_iri))}
    decided = set()
    for row in store.select(_DECIDED, bound):
        decided |= {(str(row["a"]), str(row["b"])), (str(row["b"]), str(row["a"]))}
    if curation:
        for a, b in curation.same_as + curation.not_same_as:
            decided |= {
                (iri(settings.base_iri, a), iri(settings.base_iri, b)),
                (iri(settings.base_iri, b), iri(settings.base_iri, a)),
            }
    by_entity: dict[str, tuple[str, str]] = {}
    for row in store.select(ENTITY_NAMES):
        by_entity.setdefault(
            str(row["e"]), (str(row["class"]).rsplit("/", 1)[-1].lower(), str(row["name"]))
        )
    entities = sorted(by_entity.items())
    found = []
    for i, (a, (kind_a, name_a)) in enumerate(entities):
        words_a = identity_words(name_a)
        for b, (kind_b, name_b) in entities[i + 1 :]:
            if kind_a != kind_b or (a, b) in decided:
                continue
            words_b = identity_words(name_b)
            reason = None
            if "".join(words_a) == "".join(words_b):
                reason = "same name written differently"
            elif is_short_form(kind_a, words_a, words_b) or is_short_form(kind_a, words_b, words_a):
                reason = "one name is a short form of the other"
            if reason:
                found.append(Candidate(a, name_a, b, name_b, reason))
    return found


@dataclass(frozen=True)
class Homonym:
    """One entity named in articles whose contexts fall apart into unrelated `groups`: each
    group is (article ids, a few names its articles mention and the others do not)."""

    entity: str
    name: str
    groups: list[tuple[list[str], list[str]]]


def find_homonyms(store: Store, settings: Settings | None = None) -> list[Homonym]:
    """People and organizations whose articles share no context: no person, organization or
    place mentioned beside them in two of the groups. They may be namesakes fused into one
    IRI; a curator splits them (split: in the curation file) or leaves them be."""
    settings = settings or Settings()
    names: dict[str, str] = {}
    contexts: dict[str, dict[str, set[str]]] = {}
    for row in store.select(_CONTEXTS):
        entity, article = str(row["e"]), str(row["article"])
        names.setdefault(entity, str(row["name"]))
        context = contexts.setdefault(entity, {}).setdefault(article, set())
        if "other" in row:
            context.add(str(row["other"]))
            names.setdefault(str(row["other"]), str(row.get("otherName") or row["other"]))
    prefix = article_iri(settings.base_iri, "")
    found = []
    for entity in sorted(contexts):
        by_article = contexts[entity]
        if len(by_article) < 2:
            continue
        groups = _connected(by_article)
        if len(groups) < 2:
            continue
        described = []
        for group in groups:
            own = set().union(*(by_article[a] for a in group))
            others = set().union(*(by_article[a] for a in by_article if a not in group))
            distinct = sorted(names[e] for e in own - others)
            described.append(([a.removeprefix(prefix) for a in sorted(group)], distinct[:5]))
        found.append(Homonym(entity, names[entity], described))
    return found


def _connected(by_article: dict[str, set[str]]) -> list[set[str]]:
    """Articles joined whenever two share a context entity, as connected groups."""
    groups: list[tuple[set[str], set[str]]] = []  # (articles, their context)
    for article in sorted(by_article):
        context = set(by_article[article])
        joined = {article}
        for group in [g for g in groups if g[1] & context]:
            groups.remove(group)
            joined |= group[0]
            context |= group[1]
        groups.append((joined, context))
    return sorted((g for g, _ in groups), key=lambda g: sorted(g))


def curation_graph(curation: Curation, settings: Settings | None = None) -> tuple[str, Graph]:
    """The curation's named graph: owl:sameAs links and aliases, attributed to the curator."""
    settings = settings or Settings()
    name = curation_iri(settings.base_iri)
    g = Graph()
    bind_prefixes(g)
    node = URIRef(name)
    curator = URIRef(
        iri(settings.base_iri, "curator/" + "-".join(identity_words(curation.curator)))
    )
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, PROV.wasAttributedTo, curator))
    g.add((node, PROV.generatedAtTime, Literal(dt.datetime.now(dt.UTC).replace(microsecond=0))))
    g.add((curator, RDF.type, PROV.Agent))
    g.add((curator, SCHEMA.name, Literal(curation.curator)))
    for a, b in curation.same_as:
        g.add((URIRef(iri(settings.base_iri, a)), OWL.sameAs, URIRef(iri(settings.base_iri, b))))
    for a, b in curation.not_same_as:
        g.add((URIRef(iri(settings.base_iri, a)), NKG.notSameAs, URIRef(iri(settings.base_iri, b))))
    for entity, names in curation.aliases.items():
        for alias in names:
            g.add((URIRef(iri(settings.base_iri, entity)), SCHEMA.alternateName, Literal(alias)))
    for i, split in enumerate(curation.splits, start=1):
        s = URIRef(f"{name}/split/{i}")
        g.add((s, RDF.type, NKG.EntitySplit))
        g.add((s, NKG.splitEntity, URIRef(iri(settings.base_iri, split.entity))))
        g.add((s, NKG.splitInto, URIRef(iri(settings.base_iri, split.into))))
        for article in split.articles:
            g.add((s, NKG.inArticle, URIRef(article_iri(settings.base_iri, article))))
    return name, g


def apply_curation(store: Store, path: str | Path, settings: Settings | None = None) -> int:
    """Replace the curation graph with the file's decisions; returns the triple count.

    Splits take effect in the stored articles at once: each article a split names, now or
    in the curation applied before, has the old split undone and the new one applied."""
    settings = settings or Settings()
    name, graph = curation_graph(load_curation(path), settings)
    before = stored_splits(store, settings)
    store.replace_graph(name, graph.serialize(format="nt"))
    after = stored_splits(store, settings)
    stored = set(store.named_graphs())
    renamed = False
    for article in sorted((set(before) | set(after)) & stored):
        undo = {new: old for old, new in before.get(article, {}).items()}
        redo = after.get(article, {})
        if undo == {v: k for k, v in redo.items()}:
            continue  # the same split as before
        text = store.graph(article).serialize(format="nt")
        store.replace_graph(article, rename_entities(rename_entities(text, undo), redo))
        renamed = True
    if renamed:  # the participants of events changed, not the articles' texts: link whole
        link_reports(store, settings)
    return len(graph)

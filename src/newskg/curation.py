"""Cross-article identity that rules cannot settle: candidates for a person's review, and a
curation file that records the decisions.

`newskg duplicates` lists pairs of entities that may be the same (a short form of another's
name, the same name with another spelling). Nothing is merged automatically. The user
confirms or rejects pairs in `data/curation.yaml`:

    curator: Jane Roe
    same_as:      [[person/haddad, person/nadia-haddad]]
    not_same_as:  [[person/yusuf, person/yusuf-al-tamimi]]
    aliases:      {person/nadia-haddad: [N. Haddad]}

`newskg curate` writes these as their own named graph, attributed to the curator, so they
can be replaced or removed without touching any article's facts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from newskg.errors import NewskgError
from newskg.rdf.namespaces import NKG, PREFIXES, PROV, SCHEMA
from newskg.resolve import identity_words, iri, is_short_form
from newskg.resources import internal_query
from newskg.settings import Settings
from newskg.store.base import Store

ENTITY_NAMES = internal_query("curation-entity-names")


@dataclass(frozen=True)
class Candidate:
    a: str
    a_name: str
    b: str
    b_name: str
    reason: str


@dataclass
class Curation:
    curator: str
    same_as: list[tuple[str, str]]
    not_same_as: list[tuple[str, str]]
    aliases: dict[str, list[str]]


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
    )


def find_candidates(
    store: Store, curation: Curation | None = None, settings: Settings | None = None
) -> list[Candidate]:
    """Pairs of entities of one type whose names suggest they may be the same."""
    settings = settings or Settings()
    decided = set()
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


def curation_graph(curation: Curation, settings: Settings | None = None) -> tuple[str, Graph]:
    """The curation's named graph: owl:sameAs links and aliases, attributed to the curator."""
    settings = settings or Settings()
    name = iri(settings.base_iri, "curation")
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
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
    return name, g


def apply_curation(store: Store, path: str | Path, settings: Settings | None = None) -> int:
    """Replace the curation graph with the file's decisions; returns the triple count."""
    name, graph = curation_graph(load_curation(path), settings)
    store.replace_graph(name, graph.serialize(format="nt"))
    return len(graph)

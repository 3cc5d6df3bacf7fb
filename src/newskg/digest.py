"""Article digests (the YAML of docs/FORMAT.md), written from the graph by
SPARQL, so a digest shows what the store really holds, not what the extractor meant."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml
from rdflib import URIRef

from newskg.errors import NewskgError
from newskg.resolve import article_iri
from newskg.resources import internal_query
from newskg.settings import Settings
from newskg.store.base import Store

# Every query reads one article's named graph; ?g is bound as an RDF term, never pasted in.
ARTICLE = internal_query("digest-article")

ENTITIES = internal_query("digest-entities")

ROLES = internal_query("digest-roles")

EVENTS = internal_query("digest-events")
OTHER_REPORTS = internal_query("digest-other-reports")

# The first sentence that states each event, for error reports (`newskg eval --errors`).
EVENT_SENTENCES = internal_query("digest-event-sentences")

PARTICIPANTS = internal_query("digest-participants")

QUOTES = internal_query("digest-quotes")

QUANTITIES = internal_query("digest-quantities")

RELATIONS = internal_query("digest-relations")

# The rule of each mention: an entity is credited to the rule of its first mention.
MENTION_RULES = internal_query("digest-mention-rules")


def _s(row: dict, key: str) -> str | None:
    value = row.get(key)
    return None if value is None else str(value)


def _notation(concept: Any) -> str:
    """A SKOS concept of ontology/vocabularies.ttl → its notation (the IRI's last segment;
    the article graphs do not repeat the vocabulary, so the label is not there to query)."""
    return str(concept).rsplit("/", 1)[-1]


def _number(value: Any) -> int | float:
    number = float(str(value))
    return int(number) if number.is_integer() else number


def article_digest(
    store: Store,
    article_id: str,
    settings: Settings | None = None,
    evidence: bool = False,
    rules: bool = False,
) -> dict:
    """One article's digest as a dict in FORMAT.md's shape, events in the order the article
    tells them (`evidence`: each event also carries the first sentence that states it, for
    error reports; `rules`: every item also names the extraction rule that made it, and an
    event the rules of its date and place, for `newskg eval --by-rule`)."""
    settings = settings or Settings()
    g = {"g": URIRef(article_iri(settings.base_iri, article_id))}
    head = store.select(ARTICLE, g).rows
    if not head:
        raise NewskgError(f"no article {article_id!r} in the store; see `newskg stats`")
    h = head[0]
    reader = _DigestReader(store, g, rules)
    return {
        "article": str(h["id"]),
        "headline": _s(h, "headline"),
        "outlet": _s(h, "outlet"),
        "author": _s(h, "author"),
        "publication_date": _s(h, "date"),
        **reader.entities(),
        "events": reader.events(evidence),
        "quotes": [
            reader.ruled({"speaker": _s(r, "speaker"), "text": str(r["text"])}, r)
            for r in store.select(QUOTES, g)
        ],
        "quantities": [reader.quantity(r) for r in store.select(QUANTITIES, g)],
        "reported_elsewhere": _other_reports(store, g),
        "relations": sorted(
            (
                reader.ruled(
                    {
                        "subject": str(r["subject"]),
                        "relation": _notation(r["relation"]),
                        "object": str(r["object"]),
                    },
                    r,
                )
                for r in store.select(RELATIONS, g)
            ),
            key=lambda r: (r["subject"], r["relation"], r["object"]),
        ),
    }


class _DigestReader:
    """Reads one article's graph into the digest's sections."""

    def __init__(self, store: Store, g: dict, rules: bool) -> None:
        self.store, self.g, self.rules = store, g, rules

    def ruled(self, item: dict, row: dict, **keys: str) -> dict:
        """The item with the rules of the row (keys: item key → row variable)."""
        if self.rules:
            for key, var in {"rule": "rule", **keys}.items():
                item[key] = _s(row, var)
        return item

    def entities(self) -> dict[str, list[dict]]:
        """The persons (with their roles), organizations and places, by name."""
        names: dict[str, str] = {}
        aliases: dict[str, set[str]] = defaultdict(set)
        kinds: dict[str, str] = {}
        classes: dict[str, str] = {}
        for row in self.store.select(ENTITIES, self.g):
            e = str(row["e"])
            names[e] = str(row["name"])
            classes[e] = str(row["class"]).rsplit("/", 1)[-1]
            if "alias" in row:
                aliases[e].add(str(row["alias"]))
            if "kind" in row:
                kinds[e] = _notation(row["kind"])
        first_rule = self._first_mention_rules()

        def entity(e: str, item: dict) -> dict:
            if self.rules:
                item["rule"] = first_rule.get(e, (0, None))[1]
            return item

        def entries(cls: str) -> list[str]:
            return sorted((e for e in names if classes[e] == cls), key=lambda e: names[e].lower())

        roles = self._roles()
        return {
            "persons": [
                entity(
                    e,
                    {
                        "name": names[e],
                        "aliases": sorted(aliases[e]),
                        "roles": sorted(
                            roles.get(e, []), key=lambda r: (r["title"], r["organization"] or "")
                        ),
                    },
                )
                for e in entries("Person")
            ],
            "organizations": [
                entity(e, {"name": names[e], "aliases": sorted(aliases[e])})
                for e in entries("Organization")
            ],
            "places": [
                entity(e, {"name": names[e], "kind": kinds.get(e, "other")})
                for e in entries("Place")
            ],
        }

    def _first_mention_rules(self) -> dict[str, tuple[int, str]]:
        """The rule of each entity's first mention (an entity's rule in the digest)."""
        first_rule: dict[str, tuple[int, str]] = {}
        if self.rules:
            for row in self.store.select(MENTION_RULES, self.g):
                e, start = str(row["e"]), int(str(row["start"]))
                if e not in first_rule or start < first_rule[e][0]:
                    first_rule[e] = (start, str(row["rule"]))
        return first_rule

    def _roles(self) -> dict[str, list[dict]]:
        roles: dict[str, list[dict]] = defaultdict(list)
        for row in self.store.select(ROLES, self.g):
            roles[str(row["person"])].append(
                self.ruled({"title": str(row["title"]), "organization": _s(row, "orgName")}, row)
            )
        return roles

    def events(self, evidence: bool) -> list[dict]:
        """The events in the order the article first tells them."""
        participants: dict[str, list[dict]] = defaultdict(list)
        for row in self.store.select(PARTICIPANTS, self.g):
            participants[str(row["ev"])].append(
                self.ruled({"name": str(row["name"]), "role": _notation(row["role"])}, row)
            )
        sentences: dict[str, str] = {}
        first: dict[str, int] = {}
        for row in self.store.select(EVENT_SENTENCES, self.g):
            ev, start = str(row["ev"]), int(str(row["start"]))
            if ev not in first or start < first[ev]:
                first[ev], sentences[ev] = start, str(row["sentence"])
        events: list[tuple[int, object, dict]] = []
        for row in self.store.select(EVENTS, self.g):
            ev = str(row["ev"])
            event = {
                "label": str(row["label"]),
                "type": _notation(row["type"]),
                "date": _s(row, "date"),
                "end_date": _s(row, "end"),
                "place": _s(row, "place"),
                "participants": sorted(participants[ev], key=lambda p: (p["name"], p["role"])),
            }
            if "dateText" in row:
                event["date_text"] = str(row["dateText"])
            if "score" in row:
                event["score"] = str(row["score"])
            self.ruled(event, row, date_rule="dateRule", place_rule="placeRule")
            if evidence and ev in sentences:
                event["evidence"] = sentences[ev]
            events.append((first.get(ev, 0), event["label"], event))
        return [e for _, _, e in sorted(events, key=lambda t: (t[0], str(t[1])))]

    def quantity(self, r: dict) -> dict:
        return self.ruled(
            {
                "value": _number(r["value"]),
                "qualifier": _notation(r["qualifier"]),
                "what": _s(r, "what"),
                **({"unit": str(r["unit"])} if "unit" in r else {}),
                "claimed_by": _s(r, "claimedBy"),
                **({"event": str(r["event"])} if "event" in r else {}),
                **({"of": str(r["of"])} if "of" in r else {}),
            },
            r,
        )


def _other_reports(store: Store, g: dict) -> list[dict]:
    """The article's events that other articles report too, with those articles."""
    found: dict[str, dict] = {}
    for row in store.select(OTHER_REPORTS, g):
        entry = found.setdefault(str(row["ev"]), {"event": str(row["label"]), "articles": []})
        entry["articles"].append(
            {
                "article": str(row["otherId"]),
                "outlet": _s(row, "outlet"),
                "publication_date": _s(row, "published"),
                "as": str(row["otherLabel"]),
            }
        )
    return sorted(found.values(), key=lambda e: e["event"])


def article_ids(store: Store) -> list[str]:
    rows = store.select(internal_query("digest-article-ids"))
    return [str(r["id"]) for r in rows]


def _file_name(article_id: str) -> str:
    """A file name that stays in the folder for any stored id."""
    import hashlib

    from newskg.errors import NewskgError
    from newskg.ingest.metadata import check_id
    from newskg.resolve import slug

    try:
        return check_id(article_id, "article id")
    except NewskgError:
        return f"{slug(article_id)[:60]}-{hashlib.sha256(article_id.encode()).hexdigest()[:8]}"


def write_digests(
    store: Store,
    out_dir: str | Path,
    ids: list[str] | None = None,
    settings: Settings | None = None,
) -> list[Path]:
    """Write `<id>.yaml` per article into out_dir; ids are checked so none escapes the folder."""
    from newskg.ingest.metadata import check_id

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for article_id in ids or article_ids(store):
        # ids the user typed: an unusual one is a mistake to report; ids from the store (an
        # import may hold any): a safe file name for each, so one never stops the others
        name = check_id(article_id, "article id") if ids else _file_name(article_id)
        digest = article_digest(store, article_id, settings)
        path = out / f"{name}.yaml"
        path.write_text(
            yaml.safe_dump(digest, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
        )
        written.append(path)
    return written


ARTICLE_TEXT = internal_query("digest-article-text")


def article_text(store: Store, article_id: str, settings: Settings | None = None) -> str:
    """The stored body of one article ("" when the store has none)."""
    settings = settings or Settings()
    g = {"g": URIRef(article_iri(settings.base_iri, article_id))}
    rows = store.select(ARTICLE_TEXT, g).rows
    return str(rows[0]["text"]) if rows else ""

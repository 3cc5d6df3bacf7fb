"""Typed records passed between the pipeline stages (ingest → extract → resolve → rdf).

Every fact carries a `Span` of the article text that states it, so the graph can always answer
"which sentence says this?". Offsets are Python string indices into `Article.text` (NFC).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal["person", "organization", "place"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("person", "organization", "place")

# A date with the precision the text gives: "2025", "2025-05" or "2025-05-03".
PartialDate = str


@dataclass(frozen=True, order=True)
class Span:
    """Characters [start, end) of the article text, with the exact text for checking."""

    start: int
    end: int
    text: str


@dataclass
class Article:
    id: str
    text: str
    headline: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    language: str | None = None
    source: str | None = None  # file name it was read from, for messages and provenance

    @property
    def content_hash(self) -> str:
        """Hash of everything that influences extraction, so unchanged articles are skipped."""
        h = hashlib.sha256()
        for part in (
            self.text,
            self.headline,
            self.outlet,
            self.author,
            self.published,
            self.url,
            self.language,
        ):
            h.update((part or "").encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass
class Mention:
    """One place in the text that names an entity."""

    span: Span
    kind: EntityKind
    sentence: Span
    entity_key: str = ""  # filled in by resolve
    rule: str = ""  # the extraction rule that found it (extract/rules.py)


@dataclass
class Entity:
    """A person, organization or place as the article names it; `key` becomes its IRI."""

    key: str
    kind: EntityKind
    name: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    place_kind: str | None = None  # city | country | region | facility | other
    honorifics: set[str] = field(default_factory=set)
    geo: GeoLink | None = None  # an unambiguous offline gazetteer match, for places


@dataclass(frozen=True)
class GeoLink:
    """A place's identity outside newskg: GeoNames id, ISO 3166 country code, coordinates."""

    geonames_id: int
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass
class Role:
    """A position a person holds: a title, optionally in an organization (W3C ORG membership)."""

    person: str
    title: str
    evidence: Span
    organization: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    rule: str = ""


@dataclass
class Participation:
    agent: str
    role: str  # organizer | speaker | facilitator | attendee | honoree | subject | other
    evidence: Span
    rule: str = ""


@dataclass
class Event:
    key: str
    type: str  # a concept of ontology/vocabularies: conference, release, arrest, …
    label: str
    evidence: list[Span] = field(default_factory=list)
    date: PartialDate | None = None
    end_date: PartialDate | None = None
    date_text: str | None = None
    place: str | None = None
    participants: list[Participation] = field(default_factory=list)
    score: str | None = None  # a match's result as written ("3-1")
    rule: str = ""  # the rule that found the event; its date and place may come from others
    date_rule: str = ""
    place_rule: str = ""


@dataclass
class Quote:
    text: str
    span: Span  # the words inside the quotation marks
    evidence: Span  # the sentence that reports them
    speaker: str | None = None
    event: str | None = None
    rule: str = ""


@dataclass
class Quantity:
    """A numeric claim kept with its hedge: "more than 6,000" → value 6000, lower bound 6000."""

    value: float
    qualifier: str  # exact | more_than | at_least | around | nearly | less_than | up_to
    what: str
    span: Span
    evidence: Span
    lower: float | None = None
    upper: float | None = None
    claimed_by: str | None = None
    date: PartialDate | None = None
    rule: str = ""
    event: str | None = None  # the event it measures (a disaster's deaths, a deal's price)
    of: str | None = None  # the entity it is of (a candidate's share of the vote)
    unit: str | None = None  # ISO 4217 currency ("USD"), "percent", or a unit of time ("days")


@dataclass
class Relation:
    subject: str
    relation: str  # spouse | child | parent | sibling | relative | educated_at | born_in | …
    object: str
    evidence: Span
    rule: str = ""


@dataclass
class Extraction:
    """Everything found in one article; a pure function of the article and the model."""

    article: Article
    model: str
    entities: dict[str, Entity] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

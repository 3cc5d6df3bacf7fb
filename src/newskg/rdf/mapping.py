"""Model → triples of one article's named graph.

Every qualified node (mention, participation, membership, quote, quantity claim, relation)
points to the span of text that states it, and the plain shortcut triple is written beside
it so simple queries stay simple. All nodes are IRIs (no blank nodes), derived from the
article IRI and character offsets, so two extractions of the same text give the same graph.
"""

from __future__ import annotations

import datetime as dt

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from newskg.extract.rules import RULES
from newskg.model import Event, Extraction, Participation, Span
from newskg.rdf.namespaces import NKG, OA, ORG, PROV, SCHEMA, bind_prefixes, concept
from newskg.resolve import article_iri, iri, slug

KIND_CLASS = {
    "person": SCHEMA.Person,
    "organization": SCHEMA.Organization,
    "place": SCHEMA.Place,
}
PLACE_CLASS = {
    "city": SCHEMA.City,
    "country": SCHEMA.Country,
    "region": SCHEMA.AdministrativeArea,
}
# The shortcut property written beside a Participation, per role.
ROLE_SHORTCUT = {
    "organizer": SCHEMA.organizer,
    "speaker": SCHEMA.performer,
    "facilitator": SCHEMA.performer,
    "attendee": SCHEMA.attendee,
}
RELATION_SHORTCUT = {
    "spouse": SCHEMA.spouse,
    "child": SCHEMA.children,
    "parent": SCHEMA.parent,
    "sibling": SCHEMA.sibling,
    "relative": SCHEMA.relatedTo,
    "educated_at": SCHEMA.alumniOf,
    "born_in": SCHEMA.birthPlace,
    "member_of": ORG.memberOf,
}


def date_literal(value: str) -> Literal:
    """A partial ISO date with the datatype of its precision (gYear, gYearMonth, date)."""
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
    return Literal(value, datatype=datatype)


# The nodes minted under an entity's own IRI (<entity>/geo, <entity>/membership/…): they
# belong to the entity, and a curator's split moves them with it (rdf/rename.py).
GEO, MEMBERSHIP, OCCUPATION, RELATION = "geo", "membership", "occupation", "relation"
ENTITY_SUB_NODES = (GEO, MEMBERSHIP, OCCUPATION, RELATION)


# UN/CEFACT common codes (Recommendation 20) of the units newskg reads, for schema:unitCode
UNIT_CODES = {"percent": "P1", "days": "DAY", "weeks": "WEE", "months": "MON", "years": "ANN",
              "hours": "HUR", "minutes": "MIN", "day": "DAY", "week": "WEE", "month": "MON",
              "year": "ANN", "hour": "HUR", "minute": "MIN"}  # fmt: skip


class _ArticleGraphBuilder:
    def __init__(self, extraction: Extraction, base: str, version: str, run_time: dt.datetime):
        self.x = extraction
        self.base = base
        self.article = URIRef(article_iri(base, extraction.article.id))
        self.run = URIRef(f"{self.article}/extraction")
        self.version = version
        self.run_time = run_time
        # Triples are collected in a set first: a sentence that is the evidence of many facts
        # is written many times, and a set drops the copies for far less than rdflib's store.
        self.triples: set[tuple] = set()
        self.spans: dict[tuple[int, int], URIRef] = {}
        self.rules: dict[str, URIRef] = {}

    def add(self, s, p, o) -> None:
        self.triples.add((s, p, o))

    @staticmethod
    def as_graph(triples: set[tuple]) -> Graph:
        # SimpleMemory: one graph needs no context index, and adding is twice as fast
        g = Graph(store="SimpleMemory")
        bind_prefixes(g)
        g.addN((s, p, o, g) for s, p, o in triples)
        return g

    def node(self, key: str) -> URIRef:
        return URIRef(iri(self.base, key))

    def span(self, span: Span) -> URIRef:
        """The Web Annotation target for a span of the article (usually a sentence)."""
        key = (span.start, span.end)
        if key not in self.spans:  # one sentence is the evidence of many facts
            node = self.spans[key] = URIRef(f"{self.article}/span/{span.start}-{span.end}")
            self.add(node, RDF.type, OA.SpecificResource)
            self.select(node, span)
        return self.spans[key]

    def select(self, node: URIRef, span: Span) -> None:
        """Point a node at its text: source article + character position + exact text."""
        position = URIRef(f"{self.article}/span/{span.start}-{span.end}/position")
        quote = URIRef(f"{self.article}/span/{span.start}-{span.end}/quote")
        self.add(node, OA.hasSource, self.article)
        self.add(node, OA.hasSelector, position)
        self.add(node, OA.hasSelector, quote)
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(span.start))
        self.add(position, OA.end, Literal(span.end))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(span.text))

    def provenance(self, node: URIRef, evidence: Span, rule: str) -> None:
        self.add(node, NKG.evidence, self.span(evidence))
        self.add(node, PROV.wasGeneratedBy, self.run)
        self.rule(node, NKG.rule, rule)

    def rule(self, node: URIRef, prop: URIRef, rule_id: str) -> None:
        """`node prop <rule>`: the extraction rule that made the fact (a prov:Plan, with its
        construction as rdfs:comment, written once per graph)."""
        if not rule_id:
            return
        plan = self.rules.get(rule_id)
        if plan is None:
            plan = self.rules[rule_id] = URIRef(iri(self.base, f"rule/{rule_id}"))
            self.add(plan, RDF.type, NKG.ExtractionRule)
            self.add(plan, RDFS.label, Literal(rule_id))
            known = RULES.get(rule_id)
            if known is not None:
                self.add(plan, RDFS.comment, Literal(known.construction, lang="en"))
        self.add(node, prop, plan)

    def build(self) -> None:
        self.article_node()
        self.entities()
        self.roles()
        self.events()
        self.quotes()
        self.quantities()
        self.relations()

    def article_node(self) -> None:
        a, art = self.article, self.x.article
        self.add(a, RDF.type, SCHEMA.NewsArticle)
        self.add(a, SCHEMA.identifier, Literal(art.id))
        self.add(a, SCHEMA.articleBody, Literal(art.text))
        self.add(a, NKG.contentHash, Literal(art.content_hash))
        self.add(a, PROV.wasGeneratedBy, self.run)
        if art.headline:
            self.add(a, SCHEMA.headline, Literal(art.headline))
        if art.published:
            self.add(a, SCHEMA.datePublished, date_literal(art.published))
        if art.url:
            self.add(a, SCHEMA.url, Literal(art.url, datatype=XSD.anyURI))
        if art.language:
            self.add(a, SCHEMA.inLanguage, Literal(art.language))
        if art.outlet:
            outlet = self.node(f"organization/{slug(art.outlet)}")
            self.add(a, SCHEMA.publisher, outlet)
            self.add(outlet, RDF.type, SCHEMA.NewsMediaOrganization)
            self.add(outlet, SCHEMA.name, Literal(art.outlet))
        if art.author:
            author = self.node(f"person/{slug(art.author)}")
            self.add(a, SCHEMA.author, author)
            self.add(author, RDF.type, SCHEMA.Person)
            self.add(author, SCHEMA.name, Literal(art.author))
        run = self.run
        self.add(run, RDF.type, NKG.ExtractionRun)
        self.add(run, RDF.type, PROV.Activity)
        self.add(run, PROV.used, a)
        self.add(run, PROV.startedAtTime, Literal(self.run_time))
        self.add(run, NKG.softwareVersion, Literal(self.version))
        self.add(run, NKG.model, Literal(self.x.model))
        software = URIRef(iri(self.base, f"software/newskg/{slug(self.version)}"))
        self.add(run, PROV.wasAssociatedWith, software)
        self.add(software, RDF.type, PROV.SoftwareAgent)
        self.add(software, RDFS.label, Literal(f"newskg {self.version}"))

    def entities(self) -> None:
        for entity in self.x.entities.values():
            node = self.node(entity.key)
            self.add(node, RDF.type, KIND_CLASS[entity.kind])
            self.add(node, SCHEMA.name, Literal(entity.name))
            for alias in sorted(entity.aliases - {entity.name}):
                self.add(node, SCHEMA.alternateName, Literal(alias))
            for honorific in sorted(entity.honorifics):
                self.add(node, NKG.honorific, Literal(honorific))
            if entity.geo is not None:
                self.geo(node, entity.geo, entity.place_kind == "country")
            if entity.kind == "place" and entity.place_kind:
                self.add(node, NKG.placeKind, concept("place-kind", entity.place_kind))
                if entity.place_kind in PLACE_CLASS:
                    self.add(node, RDF.type, PLACE_CLASS[entity.place_kind])
            self.add(self.article, SCHEMA.mentions, node)
            for mention in entity.mentions:
                m = URIRef(f"{self.article}/mention/{mention.span.start}-{mention.span.end}")
                self.add(m, RDF.type, NKG.Mention)
                self.add(m, NKG.refersTo, node)
                self.select(m, mention.span)  # a mention is itself a specific resource
                self.add(m, NKG.evidence, self.span(mention.sentence))
                self.add(m, PROV.wasGeneratedBy, self.run)
                self.rule(m, NKG.rule, mention.rule)

    def geo(self, node: URIRef, link, is_country: bool) -> None:
        """GeoNames identity (owl:sameAs and schema:sameAs), coordinates, and for a country
        its ISO 3166 code. A city's country is not stated: which state a city belongs to can
        be disputed, and the article did not say it."""
        geonames = URIRef(f"https://sws.geonames.org/{link.geonames_id}/")
        self.add(node, OWL.sameAs, geonames)
        self.add(node, SCHEMA.sameAs, geonames)
        if link.country_code and is_country:
            self.add(node, SCHEMA.addressCountry, Literal(link.country_code))
        if link.latitude is not None and link.longitude is not None:
            geo = URIRef(f"{node}/{GEO}")
            self.add(node, SCHEMA.geo, geo)
            self.add(geo, RDF.type, SCHEMA.GeoCoordinates)
            self.add(geo, SCHEMA.latitude, Literal(link.latitude))
            self.add(geo, SCHEMA.longitude, Literal(link.longitude))

    def roles(self) -> None:
        for role in self.x.roles:
            person = self.node(role.person)
            title_slug = slug(role.title)
            if role.organization:
                org = self.node(role.organization)
                m = URIRef(
                    f"{person}/{MEMBERSHIP}/{slug(role.organization.split('/')[-1])}-{title_slug}"
                )
                post = URIRef(iri(self.base, f"role/{title_slug}"))
                self.add(m, RDF.type, ORG.Membership)
                self.add(m, ORG.member, person)
                self.add(m, ORG.organization, org)
                self.add(m, ORG.role, post)
                self.add(m, RDFS.label, Literal(role.title))
                self.add(post, RDF.type, ORG.Role)
                self.add(post, SKOS.prefLabel, Literal(role.title))
                self.add(person, ORG.memberOf, org)
                if role.start:
                    self.add(m, SCHEMA.startDate, date_literal(role.start))
                if role.end:
                    self.add(m, SCHEMA.endDate, date_literal(role.end))
                self.provenance(m, role.evidence, role.rule)
            else:
                occ = URIRef(f"{person}/{OCCUPATION}/{title_slug}")
                self.add(occ, RDF.type, SCHEMA.Occupation)
                self.add(occ, SCHEMA.name, Literal(role.title))
                self.add(person, SCHEMA.hasOccupation, occ)
                self.provenance(occ, role.evidence, role.rule)

    def events(self) -> None:
        for event in self.x.events:
            self.event(event)

    def event(self, event: Event) -> None:
        node = self.node(event.key)
        self.add(node, RDF.type, SCHEMA.Event)
        self.add(node, SCHEMA.name, Literal(event.label))
        self.add(node, NKG.eventType, concept("event-type", event.type))
        if event.date:
            self.add(node, SCHEMA.startDate, date_literal(event.date))
        if event.end_date:
            self.add(node, SCHEMA.endDate, date_literal(event.end_date))
        if event.score:
            self.add(node, NKG.score, Literal(event.score))
        if event.date_text and not event.date:
            self.add(node, NKG.dateText, Literal(event.date_text))
        if event.place:
            self.add(node, SCHEMA.location, self.node(event.place))
        self.dates_of_subjects(event)
        for ev in event.evidence:
            self.add(node, NKG.evidence, self.span(ev))
        self.add(node, PROV.wasGeneratedBy, self.run)
        self.rule(node, NKG.rule, event.rule)
        if event.date or event.date_text:
            self.rule(node, NKG.dateRule, event.date_rule)
        if event.place:
            self.rule(node, NKG.placeRule, event.place_rule)
        for p in event.participants:
            self.participation(node, p)

    def dates_of_subjects(self, event: Event) -> None:
        """A dated founding or birth also dates its subject (schema:foundingDate,
        schema:birthDate), where consumers of schema.org look for it."""
        if not event.date:
            return
        shortcut = {
            "founding": ("organization/", SCHEMA.foundingDate),
            "birth": ("person/", SCHEMA.birthDate),
        }
        kind_and_property = shortcut.get(event.type)
        if kind_and_property is None:
            return
        prefix, prop = kind_and_property
        for p in event.participants:
            if p.role == "subject" and p.agent.startswith(prefix):
                self.add(self.node(p.agent), prop, date_literal(event.date))

    def participation(self, node: URIRef, p: Participation) -> None:
        agent = self.node(p.agent)
        part = URIRef(f"{node}/participation/{slug(p.agent)}-{p.role}")
        self.add(part, RDF.type, NKG.Participation)
        self.add(part, NKG.event, node)
        self.add(part, NKG.agent, agent)
        self.add(part, NKG.participantRole, concept("participant-role", p.role))
        self.provenance(part, p.evidence, p.rule)
        self.add(node, NKG.participant, agent)
        shortcut = ROLE_SHORTCUT.get(p.role)
        if shortcut is not None:
            self.add(node, shortcut, agent)

    def quotes(self) -> None:
        for q in self.x.quotes:
            node = URIRef(f"{self.article}/quote/{q.span.start}-{q.span.end}")
            self.add(node, RDF.type, NKG.Quote)
            self.add(node, SCHEMA.text, Literal(q.text))
            if q.speaker:
                self.add(node, NKG.speaker, self.node(q.speaker))
            if q.event:
                self.add(node, NKG.event, self.node(q.event))
            self.provenance(node, q.evidence, q.rule)

    def quantities(self) -> None:
        for q in self.x.quantities:
            node = URIRef(f"{self.article}/quantity/{q.span.start}-{q.span.end}")
            self.add(node, RDF.type, NKG.QuantityClaim)
            self.add(node, SCHEMA.value, Literal(_number(q.value)))
            self.add(node, NKG.qualifier, concept("quantity-qualifier", q.qualifier))
            self.add(node, NKG.counts, Literal(q.what))
            if q.lower is not None:
                self.add(node, SCHEMA.minValue, Literal(_number(q.lower)))
            if q.upper is not None:
                self.add(node, SCHEMA.maxValue, Literal(_number(q.upper)))
            if q.claimed_by:
                self.add(node, NKG.claimedBy, self.node(q.claimed_by))
            if q.date:
                self.add(node, NKG.referenceDate, date_literal(q.date))
            if q.event:
                self.add(node, NKG.event, self.node(q.event))
            if q.of:
                self.add(node, NKG.quantityOf, self.node(q.of))
            if q.unit:
                self.unit(node, q.unit)
            self.provenance(node, q.evidence, q.rule)

    def unit(self, node: URIRef, unit: str) -> None:
        """schema.org's terms for a value's unit: the words (`unitText`), a currency as its
        ISO 4217 code (`currency`), and the UN/CEFACT common code where one is standard."""
        self.add(node, SCHEMA.unitText, Literal(unit))
        if len(unit) == 3 and unit.isupper():
            self.add(node, SCHEMA.currency, Literal(unit))
        code = UNIT_CODES.get(unit)
        if code:
            self.add(node, SCHEMA.unitCode, Literal(code))

    def relations(self) -> None:
        for r in self.x.relations:
            subject, obj = self.node(r.subject), self.node(r.object)
            node = URIRef(f"{subject}/{RELATION}/{r.relation}/{slug(r.object)}")
            self.add(node, RDF.type, NKG.PersonRelation)
            self.add(node, NKG.relationSubject, subject)
            self.add(node, NKG.relationObject, obj)
            self.add(node, NKG.relationType, concept("relation", r.relation))
            self.provenance(node, r.evidence, r.rule)
            shortcut = RELATION_SHORTCUT.get(r.relation)
            if shortcut is not None:
                self.add(subject, shortcut, obj)


def _number(value: float) -> int | float:
    """Whole numbers as xsd:integer, so '6000' compares and prints as people expect."""
    return int(value) if float(value).is_integer() else value


def article_triples(
    extraction: Extraction, base_iri: str, version: str, run_time: dt.datetime | None = None
) -> set[tuple]:
    """The triples of one article's named graph (the graph's name is the article IRI)."""
    when = run_time or dt.datetime.now(dt.UTC).replace(microsecond=0)
    builder = _ArticleGraphBuilder(extraction, base_iri, version, when)
    builder.build()
    return builder.triples


def article_graph(
    extraction: Extraction, base_iri: str, version: str, run_time: dt.datetime | None = None
) -> Graph:
    """The same triples as an rdflib Graph, with the project's prefixes bound."""
    return _ArticleGraphBuilder.as_graph(article_triples(extraction, base_iri, version, run_time))

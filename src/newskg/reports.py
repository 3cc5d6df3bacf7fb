"""One event, many reports: which articles' events tell the same event.

Each article keeps its own events in its own graph, so that one article can be re-ingested
or removed without touching another. Which of them are one event is derived from them all
and written to a graph of its own (`<base>graph/reported-events`), recomputed after every
ingest and removal:

    <reported-event/a1/2> a nkg:ReportedEvent ; nkg:reportCount 2 ;
        nkg:report <event/a1/2>, <event/a2/0> ;
        nkg:reportLink [ nkg:linksReport <event/a1/2>, <event/a2/0> ;
                         nkg:sharedAgent <organization/x> ; nkg:dateWindowDays 2 ;
                         rdfs:comment "meeting; dates 2024-06-04 and 2024-06-05 …" ] .

Two events are linked when their types are the same or told alike (events.yaml,
same_event_types), their dates fit within the window their precision allows, and they share
a participant or a place. Undated events need more: two shared participants, or one and the
place, in articles published within a week. An event joins at most one event per article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, XSD

from newskg.extract.vocabulary import events as events_vocabulary
from newskg.rdf.namespaces import NKG
from newskg.resolve import iri
from newskg.resources import internal_query
from newskg.settings import Settings
from newskg.store.base import Store

_SOURCES = internal_query("reports-sources")
_EVENTS = internal_query("reports-events")
_PARTICIPANTS = internal_query("reports-participants")
_EVENT_STARTS = internal_query("reports-event-starts")
_QUANTITIES = internal_query("reports-quantities")
_MEMBERSHIPS = internal_query("reports-memberships")
# Two reports of a day-precise date may differ by this much (a time zone, "Friday night"
# in one and "Saturday" in the other; that difference is then a claim to compare).
DAY_SLACK = 2
UNDATED_PUBLICATION_WINDOW = 7
# Triples per transaction when the derived graph is written.
WRITE_PART = 20_000
# How many of the nearest reports in time each report is compared with, per shared key.
NEIGHBOURS = 12
# A number counts something about an event when it is stated this close (in characters) to
# a sentence that tells the event: the same sentence or its neighbours.
NEAR_EVENT = 300


def graph_iri(settings: Settings) -> str:
    return iri(settings.base_iri, "graph/reported-events")


@dataclass(slots=True)
class Report:
    event: str
    article: str
    type: str
    date: tuple[dt.date, dt.date] | None  # the interval its precision covers
    date_text: str | None
    place: str | None
    published: dt.date | None
    name: str = ""
    place_name: str | None = None
    agents: set[str] = field(default_factory=set)
    # (participation node, agent, agent's name, role, evidence span)
    roles: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    spans: list[tuple[int, str]] = field(default_factory=list)  # its sentences: (start, span)


def date_interval(value: str, datatype) -> tuple[dt.date, dt.date] | None:
    try:
        if datatype == XSD.gYear:
            year = int(value[:4])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if datatype == XSD.gYearMonth:
            year, month = int(value[:4]), int(value[5:7])
            last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
            return dt.date(year, month, 1), dt.date(year, month, last)
        day = dt.date.fromisoformat(value[:10])
        return day, day
    except ValueError:
        return None


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def _read(store: Store) -> list[Report]:
    reports: dict[str, Report] = {}
    for row in store.select(_EVENTS):
        date = row.get("date")
        published = row.get("published")
        reports[str(row["event"])] = Report(
            event=sys.intern(str(row["event"])),
            article=sys.intern(str(row["article"])),
            type=str(row["type"]).rsplit("/", 1)[-1],
            date=date_interval(str(date), getattr(date, "datatype", None)) if date else None,
            date_text=str(date) if date else None,
            place=sys.intern(str(row["place"])) if "place" in row else None,
            published=_day(str(published)) if published else None,
            name=str(row["name"]),
            place_name=str(row["placeName"]) if "placeName" in row else None,
        )
    for row in store.select(_PARTICIPANTS):
        report = reports.get(str(row["event"]))
        if report is not None:
            report.agents.add(sys.intern(str(row["agent"])))
            name = str(row.get("agentName") or row["agent"])
            role = str(row["role"]).rsplit("/", 1)[-1]
            report.roles.append((str(row["part"]), str(row["agent"]), name, role, str(row["span"])))
    for row in store.select(_EVENT_STARTS):
        report = reports.get(str(row["event"]))
        if report is not None:
            report.spans.append((int(str(row["start"])), str(row["span"])))
    return sorted(reports.values(), key=lambda r: r.event)


def _type_group(etype: str) -> str:
    for group in events_vocabulary().same_event_types:
        if etype in group:
            return min(group)
    return etype


def _day_precise(report: Report) -> bool:
    return report.date is not None and report.date[0] == report.date[1]


def _slack_days(to_the_day: bool) -> int:
    """Two dates to the day may differ by DAY_SLACK; a month or a year covers its own span."""
    return DAY_SLACK if to_the_day else 0


@dataclass(frozen=True, slots=True)
class _Span:
    """The dates of a group of reports: every pair fits (_dates_fit) exactly when the
    latest start is within the slack of the earliest end (intervals on a line that meet in
    pairs meet in one point), so joining two groups is checked in constant time."""

    dated: bool
    latest_start: dt.date | None = None
    earliest_end: dt.date | None = None
    to_the_day: bool = True

    @staticmethod
    def of(r: Report) -> _Span:
        if r.date is None:
            return _Span(False)
        return _Span(True, r.date[0], r.date[1], _day_precise(r))

    def join(self, other: _Span) -> _Span | None:
        if not self.dated or not other.dated:
            return self if not self.dated and not other.dated else None
        assert self.latest_start and self.earliest_end and other.latest_start and other.earliest_end
        start = max(self.latest_start, other.latest_start)
        end = min(self.earliest_end, other.earliest_end)
        day = self.to_the_day and other.to_the_day
        if start > end + dt.timedelta(days=_slack_days(day)):
            return None
        return _Span(True, start, end, day)


def _dates_fit(a: Report, b: Report) -> bool:
    """Could the two dates be of one event (both dated: within the window; neither: yes)?"""
    return _Span.of(a).join(_Span.of(b)) is not None


def link_evidence(a: Report, b: Report) -> tuple[int, set[str], bool] | None:
    """(days of slack, shared agents, same place) when `a` and `b` may be one event.

    Dates to the day: within DAY_SLACK days, and a shared participant or place. A month or
    a year: overlapping, and a shared participant (a city hosts too much in a year to say
    alone that two events are one). Undated: published within a week, and two shared
    participants or one and the place."""
    shared = a.agents & b.agents
    same_place = a.place is not None and a.place == b.place
    if a.date and b.date:
        if not _dates_fit(a, b):
            return None
        if _day_precise(a) and _day_precise(b):
            enough = bool(shared or same_place)
        else:  # a month or a year: a participant in common, and no other place
            enough = bool(shared) and (same_place or a.place is None or b.place is None)
        slack = _slack_days(_day_precise(a) and _day_precise(b))
        return (slack, shared, same_place) if enough else None
    if a.date or b.date:
        return None  # one dated, one not: too little to say they are one
    if not (a.published and b.published):
        return None
    if abs((a.published - b.published).days) > UNDATED_PUBLICATION_WINDOW:
        return None
    return (0, shared, same_place) if len(shared) >= 2 or (shared and same_place) else None


def _pairs(group: list[Report]):
    """The pairs of one type group worth comparing: those sharing a participant or a place,
    near enough in time (each list sorted by date, so a scan stops at the first too late)."""
    by_key: dict[str, list[Report]] = defaultdict(list)
    for r in group:
        for key in r.agents | ({r.place} if r.place else set()):
            by_key[key].append(r)
    seen: set[tuple[str, str]] = set()
    window = dt.timedelta(days=max(DAY_SLACK, UNDATED_PUBLICATION_WINDOW))
    for members in by_key.values():
        dated = sorted((r for r in members if r.date), key=lambda r: r.date[0])  # type: ignore[index]
        undated = sorted(
            (r for r in members if not r.date and r.published),
            key=lambda r: r.published,  # type: ignore[arg-type,return-value]
        )
        for rows, start, end in (
            (dated, lambda r: r.date[0], lambda r: r.date[1]),
            (undated, lambda r: r.published, lambda r: r.published),
        ):
            for i, a in enumerate(rows):
                # the nearest NEIGHBOURS in time are enough to join a group (links chain),
                # and keep a name in hundreds of reports from making pairs of them all
                for b in rows[i + 1 : i + 1 + NEIGHBOURS]:
                    if start(b) > end(a) + window:
                        break
                    pair = (a.event, b.event) if a.event < b.event else (b.event, a.event)
                    if a.article != b.article and pair not in seen:
                        seen.add(pair)
                        yield (a, b) if a.event < b.event else (b, a)


def sources_hash(store: Store) -> str | None:
    """What the derived graph is computed from, as one hash: every article graph's name and
    content hash. None when the store holds no article."""
    rows = sorted(f"{r['article']} {r.get('hash') or ''}\n" for r in store.select(_SOURCES))
    if not rows:
        return None
    return hashlib.sha256("".join(rows).encode("utf-8")).hexdigest()


def stale(store: Store, settings: Settings | None = None) -> str | None:
    """Why the reported-events graph is not what the article graphs give (a write cut short
    by a kill or a full disk), or None when it is. The sources hash is written after the
    graph is complete, so a graph part-written or computed from other articles says so."""
    settings = settings or Settings()
    name = graph_iri(settings)
    current = sources_hash(store)
    recorded = store.graph_value(name, name, str(NKG.sourcesHash))
    if current is None:
        return None if name not in store.named_graphs() else "it remains with no article left"
    if recorded is None:
        return "it is missing or was not written to the end"
    if recorded != current:
        return "it was computed from other articles than the store holds now"
    return None


def ensure_linked(store: Store, settings: Settings | None = None) -> str | None:
    """Rebuild the reported-events graph if it is out of date; returns why it was, if it was.
    Every command that writes calls this, so a write cut short is repaired by the next one."""
    reason = stale(store, settings)
    if reason is not None:
        link_reports(store, settings)
    return reason


def link_reports(store: Store, settings: Settings | None = None) -> int:
    """Recompute which events of different articles are one; returns how many events are
    reported by more than one article."""
    settings = settings or Settings()
    sources = sources_hash(store)
    members, links = _join_reports(_read(store))
    lines: set[str] = set()  # N-Triples lines: far smaller than term objects in a set
    joined = _report_lines(settings, members, links, lines)
    del members, links  # the write needs the memory
    _claim_lines(settings, differing_claims(store, joined), lines)
    name = graph_iri(settings)
    if sources is None:
        store.remove_graph(name)
        return 0
    if not lines:  # articles but no links: the graph holds only what it was computed from
        store.replace_graph(name, _line(name, NKG.sourcesHash, ox.Literal(sources)))
        return 0
    count = len(joined)
    del joined
    ordered = sorted(lines)
    lines.clear()
    _write_links(store, name, ordered, sources)
    return count


def _join_reports(reports: list[Report]) -> tuple[dict[str, list[Report]], dict[str, list]]:
    """Reports of one event joined into groups → (members, links of each group's root)."""
    by_group: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_group[_type_group(report.type)].append(report)
    candidates = []
    for group in by_group.values():
        for a, b in _pairs(group):
            if (found := link_evidence(a, b)) is not None:
                slack, shared, same_place = found
                strength = (-(len(shared) + same_place), a.event, b.event)
                candidates.append((strength, a, b, slack, shared, same_place))
    # Strongest links first. Two groups join only when every pair across them may be one
    # event by type and date (not only the pair that links them): chains of near dates or
    # a recurring organizer never grow one event across months. A group never holds two
    # events of one article.
    members: dict[str, list[Report]] = {r.event: [r] for r in reports}
    links: dict[str, list[tuple]] = {r.event: [] for r in reports}
    root = {r.event: r.event for r in reports}
    articles = {r.event: {r.article} for r in reports}
    span = {r.event: _Span.of(r) for r in reports}
    for _, a, b, slack, shared, same_place in sorted(candidates, key=lambda c: c[0]):
        ra, rb = root[a.event], root[b.event]
        if ra == rb or articles[ra] & articles[rb]:
            continue
        joined_span = span[ra].join(span[rb])
        if joined_span is None:
            continue
        for r in members[rb]:
            root[r.event] = ra
        members[ra] += members.pop(rb)
        links[ra] += links.pop(rb) + [(a, b, slack, shared, same_place)]
        articles[ra] |= articles.pop(rb)
        span[ra] = joined_span
        del span[rb]
    return members, links


def _report_lines(
    settings: Settings, members: dict[str, list[Report]], links: dict[str, list], lines: set[str]
) -> list[tuple[str, list[Report]]]:
    """The lines of each reported event and its links; returns the joined groups."""
    node, literal = ox.NamedNode, ox.Literal

    def add(subject: str, predicate: URIRef, obj: ox.NamedNode | ox.Literal) -> None:
        lines.add(_line(subject, predicate, obj))

    joined = []
    for key, group in members.items():
        if len(group) < 2:
            continue
        first = min(r.event for r in group)
        shared_iri = iri(settings.base_iri, "reported-" + first.removeprefix(settings.base_iri))
        joined.append((shared_iri, group))
        add(shared_iri, RDF.type, node(str(NKG.ReportedEvent)))
        add(shared_iri, NKG.reportCount, literal(len(group)))
        for r in group:
            add(shared_iri, NKG.report, node(r.event))
        for n, (a, b, slack, shared, same_place) in enumerate(links[key], start=1):
            link = f"{shared_iri}/link/{n}"
            add(shared_iri, NKG.reportLink, node(link))
            add(link, RDF.type, node(str(NKG.ReportLink)))
            add(link, NKG.linksReport, node(a.event))
            add(link, NKG.linksReport, node(b.event))
            for agent in sorted(shared):
                add(link, NKG.sharedAgent, node(agent))
            if same_place and a.place:
                add(link, NKG.sharedPlace, node(a.place))
            if a.date and b.date:
                add(link, NKG.dateWindowDays, literal(slack))
            add(link, RDFS.comment, literal(_reason(a, b, shared, same_place)))
    return joined


def _claim_lines(settings: Settings, claims: list[Claim], lines: set[str]) -> None:
    node, literal = ox.NamedNode, ox.Literal
    for n, c in enumerate(claims):
        claim = iri(settings.base_iri, f"graph/reported-events/claim/{n}")
        lines.add(_line(claim, NKG.claimAbout, node(c.subject)))
        lines.add(_line(claim, NKG.subjectName, literal(c.subject_name)))
        lines.add(_line(claim, NKG.claimProperty, literal(c.property)))
        lines.add(_line(claim, NKG.claimValue, literal(c.value)))
        lines.add(_line(claim, NKG.inArticle, node(c.article)))
        lines.add(_line(claim, NKG.evidence, node(c.evidence)))


def _write_links(store: Store, name: str, ordered: list[str], sources: str) -> None:
    # Writing is most of the cost in a large store; after an ingest that changed no link
    # (an unrelated article) the graph is the same, and its hash says so.
    hashing = hashlib.sha256()
    for line in ordered:  # line by line: the whole text at once would double the memory
        hashing.update(line.encode("utf-8"))
    digest = hashing.hexdigest()
    if store.graph_value(name, name, str(NKG.contentHash)) != digest:
        stamp = _line(name, NKG.contentHash, ox.Literal(digest))
        if len(ordered) <= WRITE_PART:  # one transaction: readers see it whole or not at all
            sources_line = _line(name, NKG.sourcesHash, ox.Literal(sources))
            store.replace_graph(name, "".join(ordered) + stamp + sources_line)
            return
        # In parts: one transaction of hundreds of thousands of triples takes gigabytes
        # in the store (readers may see it part-written meanwhile). The hash goes last,
        # so a write cut short is redone by the next link.
        store.replace_graph(name, "".join(ordered[:WRITE_PART]))
        for start in range(WRITE_PART, len(ordered), WRITE_PART):
            store.add_to_graph(name, "".join(ordered[start : start + WRITE_PART]))
        store.add_to_graph(name, stamp)
    # last, alone: until it is written the graph reads as out of date and is rebuilt
    store.set_value(name, name, str(NKG.sourcesHash), sources)


@dataclass(frozen=True, slots=True)
class Claim:
    """One article's value of a property on which the articles differ."""

    subject: str  # the reported event, or the person
    subject_name: str  # as this article names it
    property: str  # "date", "place", "role of X", "number of protesters", "title at Y", …
    value: str
    fact: str  # the node of the article's graph that holds the value
    article: str
    evidence: str  # the span of the sentence that states it


def differing_claims(store: Store, groups: list[tuple[str, list[Report]]]) -> list[Claim]:
    """The facts on which the reports of one event, or the articles naming one person,
    differ: an event's date (dates to the day only: a month or a year is less precise, not
    different), place, each participant's role, a number by what it counts when stated near
    the event; a person's title at an organization and organization under a title, in the
    articles that report one event. A property is listed when two or more articles give
    different values."""
    quantities: dict[str, list[tuple[str, str, str, int, str]]] = defaultdict(list)
    for row in store.select(_QUANTITIES):
        qualifier = str(row["qualifier"]).rsplit("/", 1)[-1]
        value, start = f"{row['value']} ({qualifier})", int(str(row["start"]))
        quantities[str(row["article"])].append(
            (str(row["claim"]), str(row["counts"]), value, start, str(row["span"]))
        )
    # (membership, person, person's name, organization, its name, title, span) per article
    memberships: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for row in store.select(_MEMBERSHIPS):
        person, org = str(row["person"]), str(row["organization"])
        memberships[str(row["article"])].append(
            (
                str(row["membership"]),
                person,
                str(row.get("personName") or person),
                org,
                str(row.get("orgName") or org),
                str(row["title"]),
                str(row["span"]),
            )
        )
    found: set[Claim] = set()
    for subject, group in groups:  # one group at a time: memory for the largest only
        said: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for r in group:

            def claim(
                prop: str, value: str, fact: str, span: str, r: Report = r, s: str = subject
            ) -> Claim:
                return Claim(s, r.name, prop, value, fact, r.article, span)

            first = min(r.spans)[1] if r.spans else ""  # the sentence that first tells it
            if r.date_text and _day_precise(r) and first:
                said[(subject, "date")].append(claim("date", r.date_text, r.event, first))
            if r.place and first:
                place = claim("place", r.place_name or r.place, r.event, first)
                said[(subject, "place")].append(place)
            for node, agent, name, role, span in r.roles:
                said[(subject, f"role {agent}")].append(claim(f"role of {name}", role, node, span))
            for node, counts, value, at, span in quantities.get(r.article, []):
                if any(abs(at - start) <= NEAR_EVENT for start, _ in r.spans):
                    prop = f"number of {counts}"
                    said[(subject, f"number {counts.lower()}")].append(
                        claim(prop, value, node, span)
                    )
            # A person's title or organization is compared between the articles that report
            # one event (told at one time): across unrelated stories a title may have changed.
            for node, person, name, org, org_name, title, span in memberships.get(r.article, []):
                said[(person, f"title {org}")].append(
                    Claim(person, name, f"title at {org_name}", title, node, r.article, span)
                )
                said[(person, f"organization {title.lower()}")].append(
                    Claim(person, name, f"organization as {title}", org_name, node, r.article, span)
                )
        for claims in said.values():
            if len({c.value.lower() for c in claims}) > 1 and len({c.article for c in claims}) > 1:
                found.update(claims)
    return sorted(found, key=lambda c: (c.subject, c.property, c.article, c.value, c.fact))


def _line(subject: str, predicate: URIRef, obj: ox.NamedNode | ox.Literal) -> str:
    """One N-Triples line, each term written (and escaped) by pyoxigraph."""
    return f"{ox.NamedNode(subject)} {ox.NamedNode(str(predicate))} {obj} .\n"


def _reason(a: Report, b: Report, shared: set[str], same_place: bool) -> str:
    types = a.type if a.type == b.type else f"{a.type} / {b.type}"
    if a.date_text and b.date_text and _day_precise(a) and _day_precise(b):
        dates = f"dates {a.date_text} and {b.date_text} within {DAY_SLACK} days"
    elif a.date_text and b.date_text:
        dates = f"dates {a.date_text} and {b.date_text} overlap"
    else:
        dates = "both undated, published within a week"
    what = [f"{len(shared)} shared participant(s)"] if shared else []
    if same_place:
        what.append("the same place")
    return f"{types}; {dates}; {' and '.join(what)}"

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
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from newskg.extract.vocabulary import events as events_vocabulary
from newskg.rdf.namespaces import NKG
from newskg.rdf.terms import ntriples, oxigraph_triples
from newskg.resolve import iri
from newskg.resources import internal_query
from newskg.settings import Settings
from newskg.store.base import Store

_EVENTS = internal_query("reports-events")
_PARTICIPANTS = internal_query("reports-participants")
# Two reports of a day-precise date may differ by this much (a time zone, "Friday night"
# in one and "Saturday" in the other; that difference is then a claim to compare).
DAY_SLACK = 2
UNDATED_PUBLICATION_WINDOW = 7


def graph_iri(settings: Settings) -> str:
    return iri(settings.base_iri, "graph/reported-events")


@dataclass
class Report:
    event: str
    article: str
    type: str
    date: tuple[dt.date, dt.date] | None  # the interval its precision covers
    date_text: str | None
    place: str | None
    published: dt.date | None
    agents: set[str] = field(default_factory=set)


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
            event=str(row["event"]),
            article=str(row["article"]),
            type=str(row["type"]).rsplit("/", 1)[-1],
            date=date_interval(str(date), getattr(date, "datatype", None)) if date else None,
            date_text=str(date) if date else None,
            place=str(row["place"]) if "place" in row else None,
            published=_day(str(published)) if published else None,
        )
    for row in store.select(_PARTICIPANTS):
        report = reports.get(str(row["event"]))
        if report is not None:
            report.agents.add(str(row["agent"]))
    return sorted(reports.values(), key=lambda r: r.event)


def _type_group(etype: str) -> str:
    for group in events_vocabulary().same_event_types:
        if etype in group:
            return min(group)
    return etype


def link_evidence(a: Report, b: Report) -> tuple[int, set[str], bool] | None:
    """(days of slack, shared agents, same place) when `a` and `b` may be one event."""
    shared = a.agents & b.agents
    same_place = a.place is not None and a.place == b.place
    if a.date and b.date:
        slack = DAY_SLACK
        if a.date[0] > b.date[1] + dt.timedelta(days=slack):
            return None
        if b.date[0] > a.date[1] + dt.timedelta(days=slack):
            return None
        return (slack, shared, same_place) if shared or same_place else None
    if a.date or b.date:
        return None  # one dated, one not: too little to say they are one
    if not (a.published and b.published):
        return None
    if abs((a.published - b.published).days) > UNDATED_PUBLICATION_WINDOW:
        return None
    return (0, shared, same_place) if len(shared) >= 2 or (shared and same_place) else None


def link_reports(store: Store, settings: Settings | None = None) -> int:
    """Recompute which events of different articles are one; returns how many events are
    reported by more than one article."""
    settings = settings or Settings()
    reports = _read(store)
    by_group: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_group[_type_group(report.type)].append(report)
    candidates = []
    for group in by_group.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.article != b.article and (found := link_evidence(a, b)) is not None:
                    slack, shared, same_place = found
                    strength = (-(len(shared) + same_place), a.event, b.event)
                    candidates.append((strength, a, b, slack, shared, same_place))
    # strongest links first; a union never puts two events of one article together
    members: dict[str, list[Report]] = {r.event: [r] for r in reports}
    links: dict[str, list[tuple]] = {r.event: [] for r in reports}
    root = {r.event: r.event for r in reports}
    for _, a, b, slack, shared, same_place in sorted(candidates, key=lambda c: c[0]):
        ra, rb = root[a.event], root[b.event]
        if ra == rb:
            continue
        if {r.article for r in members[ra]} & {r.article for r in members[rb]}:
            continue
        for r in members[rb]:
            root[r.event] = ra
        members[ra] += members.pop(rb)
        links[ra] += links.pop(rb) + [(a, b, slack, shared, same_place)]
    triples: set[tuple] = set()
    joined = [(r, m) for r, m in members.items() if len(m) > 1]
    for _, group in joined:
        first = min(r.event for r in group)
        node = URIRef(iri(settings.base_iri, "reported-" + first.removeprefix(settings.base_iri)))
        triples.add((node, RDF.type, NKG.ReportedEvent))
        triples.add((node, NKG.reportCount, Literal(len(group))))
        for r in group:
            triples.add((node, NKG.report, URIRef(r.event)))
        for n, (a, b, slack, shared, same_place) in enumerate(links[root[first]], start=1):
            link = URIRef(f"{node}/link/{n}")
            triples.add((node, NKG.reportLink, link))
            triples.add((link, RDF.type, NKG.ReportLink))
            triples.add((link, NKG.linksReport, URIRef(a.event)))
            triples.add((link, NKG.linksReport, URIRef(b.event)))
            for agent in sorted(shared):
                triples.add((link, NKG.sharedAgent, URIRef(agent)))
            if same_place and a.place:
                triples.add((link, NKG.sharedPlace, URIRef(a.place)))
            if a.date and b.date:
                triples.add((link, NKG.dateWindowDays, Literal(slack)))
            triples.add((link, RDFS.comment, Literal(_reason(a, b, shared, same_place))))
    name = graph_iri(settings)
    if triples:
        store.replace_graph(name, ntriples(oxigraph_triples(triples)))
    else:
        store.remove_graph(name)
    return len(joined)


def _reason(a: Report, b: Report, shared: set[str], same_place: bool) -> str:
    types = a.type if a.type == b.type else f"{a.type} / {b.type}"
    if a.date_text and b.date_text:
        dates = f"dates {a.date_text} and {b.date_text} within {DAY_SLACK} days"
    else:
        dates = "both undated, published within a week"
    what = [f"{len(shared)} shared participant(s)"] if shared else []
    if same_place:
        what.append("the same place")
    return f"{types}; {dates}; {' and '.join(what)}"

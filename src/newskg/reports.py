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
import heapq
import secrets
import sys
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, XSD

from newskg import graph_rows
from newskg.extract.vocabulary import events as events_vocabulary
from newskg.rdf.namespaces import NKG
from newskg.report_index import ReportIndex, keys_of, open_index
from newskg.resolve import article_iri, iri
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


def _read(store: Store, article: str | None = None) -> list[Report]:
    """The reports of every article graph, or of one."""
    bound = {"article": URIRef(article)} if article else None
    reports: dict[str, Report] = {}
    for row in store.select(_EVENTS, bound):
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
    for row in store.select(_PARTICIPANTS, bound):
        report = reports.get(str(row["event"]))
        if report is not None:
            report.agents.add(sys.intern(str(row["agent"])))
            name = str(row.get("agentName") or row["agent"])
            role = str(row["role"]).rsplit("/", 1)[-1]
            report.roles.append((str(row["part"]), str(row["agent"]), name, role, str(row["span"])))
    for row in store.select(_EVENT_STARTS, bound):
        report = reports.get(str(row["event"]))
        if report is not None:
            report.spans.append((int(str(row["start"])), str(row["span"])))
    for report in reports.values():  # in one order whatever order the store answers in
        report.roles.sort()
        report.spans.sort()
    return sorted(reports.values(), key=lambda r: r.event)


def _record(r: Report) -> tuple[dict, dict]:
    """A report as the index keeps it (JSON): what linking compares, and the rest."""
    record = {
        "event": r.event,
        "article": r.article,
        "type": r.type,
        "group": _type_group(r.type),
        "date": [r.date[0].isoformat(), r.date[1].isoformat()] if r.date else None,
        "date_text": r.date_text,
        "place": r.place,
        "published": r.published.isoformat() if r.published else None,
        "agents": sorted(r.agents),
    }
    detail = {"name": r.name, "place_name": r.place_name, "roles": r.roles, "spans": r.spans}
    return record, detail


def _from_record(d: dict) -> Report:
    """A report from the index: what linking compares (with_detail adds the rest)."""
    date, place = d["date"], d["place"]
    # interned: a pass holds tens of thousands of reports, which name the same few
    # participants, places, types and dates again and again
    return Report(
        event=sys.intern(d["event"]),
        article=sys.intern(d["article"]),
        type=sys.intern(d["type"]),
        date=(dt.date.fromisoformat(date[0]), dt.date.fromisoformat(date[1])) if date else None,
        date_text=sys.intern(d["date_text"]) if d["date_text"] else None,
        place=sys.intern(place) if place else None,
        published=dt.date.fromisoformat(d["published"]) if d["published"] else None,
        agents={sys.intern(agent) for agent in d["agents"]},
    )


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


_SLACK = {True: dt.timedelta(days=DAY_SLACK), False: dt.timedelta(0)}


def _dates_fit(a: Report, b: Report) -> bool:
    """Could the two dates be of one event (both dated: within the window; neither: yes)?
    As _Span.join for two reports, without making the spans (it runs for every pair)."""
    if a.date is None or b.date is None:
        return a.date is None and b.date is None
    day = a.date[0] == a.date[1] and b.date[0] == b.date[1]
    return max(a.date[0], b.date[0]) <= min(a.date[1], b.date[1]) + _SLACK[day]


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


# How far after a report's date (or publication, undated) another may start to be paired
_WINDOW = dt.timedelta(days=max(DAY_SLACK, UNDATED_PUBLICATION_WINDOW))


def _list_start(r: Report, dated: int) -> dt.date:
    """Where a report stands in a list it is compared in: its date's start (dated lists)
    or its publication (undated lists)."""
    return r.date[0] if dated else r.published  # type: ignore[index,return-value]


def _list_end(r: Report, dated: int) -> dt.date:
    return r.date[1] if dated else r.published  # type: ignore[index,return-value]


def _pairs(group: list[Report]):
    """The pairs of one type group worth comparing: those sharing a participant or a place,
    near enough in time (each list sorted by date, so a scan stops at the first too late)."""
    by_key: dict[str, list[Report]] = defaultdict(list)
    for r in group:
        for key in r.agents | ({r.place} if r.place else set()):
            by_key[key].append(r)
    seen: set[tuple[str, str]] = set()
    for members in by_key.values():
        # by date, then by event: the order the index keeps (report_index.keys)
        dated = sorted((r for r in members if r.date), key=lambda r: (r.date[0], r.event))  # type: ignore[index]
        undated = sorted(
            (r for r in members if not r.date and r.published),
            key=lambda r: (r.published, r.event),  # type: ignore[arg-type,return-value]
        )
        for rows, in_dated in ((dated, 1), (undated, 0)):
            for i, a in enumerate(rows):
                # the nearest NEIGHBOURS in time are enough to join a group (links chain),
                # and keep a name in hundreds of reports from making pairs of them all
                for b in rows[i + 1 : i + 1 + NEIGHBOURS]:
                    if _list_start(b, in_dated) > _list_end(a, in_dated) + _WINDOW:
                        break
                    pair = (a.event, b.event) if a.event < b.event else (b.event, a.event)
                    if a.article != b.article and pair not in seen:
                        seen.add(pair)
                        yield (a, b) if a.event < b.event else (b, a)


def _by_type_group(reports: list[Report]) -> list[list[Report]]:
    by_group: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_group[_type_group(report.type)].append(report)
    return list(by_group.values())


# A candidate link: (order, a, b, days of slack, shared agents, same place). The order is
# total: strongest first (most shared participants and place), then by the two events.
Edge = tuple[tuple[int, str, str], Report, Report, int, set[str], bool]


def _edge(a: Report, b: Report) -> Edge | None:
    """The link between two reports of different articles that may be one event, or None."""
    if a.event > b.event:
        a, b = b, a
    if a.article == b.article or (found := link_evidence(a, b)) is None:
        return None
    slack, shared, same_place = found
    return (-(len(shared) + same_place), a.event, b.event), a, b, slack, shared, same_place


class _Groups:
    """Reports joined into groups, one candidate link at a time, strongest first. Two
    groups join only when every pair across them may be one event by type and date (not
    only the pair that links them): chains of near dates or a recurring organizer never
    grow one event across months. A group never holds two events of one article."""

    def __init__(self) -> None:
        self.root: dict[str, str] = {}
        self.members: dict[str, list[Report]] = {}
        self.links: dict[str, list[Edge]] = {}
        self.articles: dict[str, set[str]] = {}
        self.span: dict[str, _Span] = {}

    def add(self, r: Report) -> None:
        self.root[r.event] = r.event
        self.members[r.event] = [r]
        self.links[r.event] = []
        self.articles[r.event] = {r.article}
        self.span[r.event] = _Span.of(r)

    def fits(self, root: str, articles: set[str], span: _Span) -> _Span | None:
        """The dates of the group joined with another (its articles and dates), if it may."""
        return None if self.articles[root] & articles else self.span[root].join(span)

    def join(self, edge: Edge) -> bool:
        ra, rb = self.root[edge[1].event], self.root[edge[2].event]
        joined = None if ra == rb else self.fits(ra, self.articles[rb], self.span[rb])
        if joined is None:
            return False
        for r in self.members[rb]:
            self.root[r.event] = ra
        self.members[ra] += self.members.pop(rb)
        self.links[ra] += self.links.pop(rb) + [edge]
        self.articles[ra] |= self.articles.pop(rb)
        self.span[ra] = joined
        del self.span[rb]
        return True

    def joined(self) -> list[tuple[list[Report], list[Edge]]]:
        """The groups of two or more, each with its links in their order."""
        return [
            (sorted(group, key=lambda r: r.event), sorted(self.links[key], key=lambda e: e[0]))
            for key, group in self.members.items()
            if len(group) > 1
        ]


def _join_reports(reports: list[Report], pairs) -> list[tuple[list[Report], list[Edge]]]:
    """Reports of one event joined into groups: the candidate pairs' links, strongest first."""
    groups = _Groups()
    for report in reports:
        groups.add(report)
    edges = [edge for a, b in pairs if (edge := _edge(a, b)) is not None]
    for edge in sorted(edges, key=lambda e: e[0]):
        groups.join(edge)
    return groups.joined()


def _orders_of(index: ReportIndex, reports: _Reports, x: Report) -> list[tuple[int, str, str]]:
    """The order of every candidate link of one report (kept for the pass: the index does
    not change while the groups are replayed; the links themselves are made again when
    taken, which costs less than keeping them)."""
    found = reports.edges.get(x.event)
    if found is None:
        found = reports.edges[x.event] = [e[0] for e in _edges_found(index, reports, x)]
    return found


def _edges_found(index: ReportIndex, reports: _Reports, x: Report) -> list[Edge]:
    """Every candidate link of one report, found through the index: what _pairs gives for
    it among all reports (it pairs with the NEIGHBOURS after it in each of its lists, near
    enough in time, and is paired by those before it it is near enough to)."""
    partners = set()
    record = _record(x)[0]
    group = record["group"]
    for key, dated, sort in keys_of(record):
        for event in index.nearest(group, key, dated, sort, x.event, NEIGHBOURS, after=True):
            if _list_start(reports[event], dated) > _list_end(x, dated) + _WINDOW:
                break
            partners.add(event)
        for event in index.nearest(group, key, dated, sort, x.event, NEIGHBOURS, after=False):
            if _list_start(x, dated) <= _list_end(reports[event], dated) + _WINDOW:
                partners.add(event)
    return [edge for p in sorted(partners) if (edge := _edge(x, reports[p])) is not None]


class _LastRun:
    """The groups last written, joined again link by link as far as the replay has come:
    the replay takes links in their order, so each old group only ever moves forward."""

    def __init__(self, index: ReportIndex, reports: _Reports) -> None:
        self.index, self.reports = index, reports
        self.runs: dict[str, tuple[list[Edge], list[int], _Groups]] = {}

    def _run(self, name: str) -> tuple[list[Edge], list[int], _Groups]:
        if name not in self.runs:
            members, pairs = self.index.group(name)
            run = _Groups()
            for member in members:
                run.add(self.reports[member])
            edges = (_edge(self.reports[a], self.reports[b]) for a, b in pairs)
            self.runs[name] = (sorted((e for e in edges if e), key=lambda e: e[0]), [0], run)
        return self.runs[name]

    def orders(self, name: str) -> list[tuple]:
        """The order of each link of an old group."""
        return [edge[0] for edge in self._run(name)[0]]

    def state(self, event: str, now: tuple) -> tuple[tuple, list[str], list[Edge], set[str], _Span]:
        """An untouched report's group just before the link `now`: (which one, its members,
        its links, its articles, its dates)."""
        names = self.index.groups_of([event])
        if not names:
            r = self.reports[event]
            return (event,), [event], [], {r.article}, _Span.of(r)
        name = names.pop()
        edges, at, run = self._run(name)
        while at[0] < len(edges) and edges[at[0]][0] < now:
            run.join(edges[at[0]])
            at[0] += 1
        root = run.root[event]
        members = [r.event for r in run.members[root]]
        return (name, root), members, list(run.links[root]), run.articles[root], run.span[root]


def _replay(
    index: ReportIndex,
    reports: _Reports,
    seeds: set[str],
    new: set[str],
    pairs: set[tuple[str, str]],
) -> tuple[list[tuple[list[Report], list[Edge]]], set[str]]:
    """The joining of _join_reports, replayed only where it can differ from the groups last
    written; returns the groups of the reports it touched, and those reports.

    The joining takes the candidate links in their order. A group whose history so far is
    the last run's stays implicit: its state at any moment is read from its old links
    (_LastRun). Only groups whose history differs are held here:

    - a *full* one (what a changed report was joined with, whose past lost part of
      itself; a group from the moment a link the last run took is not taken) has every
      candidate link of its members taken again;
    - any other held group holds at least what each member's group held at the same
      moment in the last run (an untouched group joined to one held, or two joined by a
      link the last run did not take): it needs only the last run's links of its members'
      groups, since a link the last run refused between groups no larger than these is
      refused again (a larger group only has more articles and a narrower span of
      dates). A new report has no past to hold: its own links are all taken.

    A pair whose candidacy changed (`pairs`: a report came or went between them) is decided
    at its moment too. Where every decision matches the last run's, the change dies out."""
    replay = _Replay(index, reports)
    for seed in sorted(seeds):
        # a new report has no past: every link of it is taken, but it holds what its last
        # run held (nothing); what a changed report was joined with lost part of its past
        replay.hold([seed], [], None, seed not in new)
        replay.activate([seed], None)
    for a, b in pairs:
        edge = _edge(reports[a], reports[b])
        if edge is not None:
            replay.recast.add(edge[0])
            heapq.heappush(replay.queue, edge[0])
    last = None
    while replay.queue:
        now = heapq.heappop(replay.queue)
        if now != last:  # a link queued from both ends, or for its candidacy too, is one
            replay.take(now)
        last = now
    return replay.groups.joined(), replay.held


class _Replay:
    """The state of one replay (see _replay)."""

    def __init__(self, index: ReportIndex, reports: _Reports) -> None:
        self.index, self.reports = index, reports
        self.groups = _Groups()
        self.held: set[str] = set()  # the reports of groups whose history differs
        self.full: dict[str, bool] = {}  # each held group (by root): every link taken again?
        self.active: set[str] = set()  # the reports whose every candidate link is queued
        self.old_links_queued: set[str] = set()  # the old groups whose links are queued
        self.queue: list[tuple[int, str, str]] = []  # the links to take, by their order
        self.recast: set[tuple] = set()  # the orders of pairs whose candidacy may have changed
        self.last_run = _LastRun(index, reports)

    def activate(self, events: list[str], now: tuple | None) -> None:
        for event in events:
            if event not in self.active:
                self.active.add(event)
                for order in _orders_of(self.index, self.reports, self.reports[event]):
                    if now is None or order > now:
                        heapq.heappush(self.queue, order)

    def queue_old_links(self, events: list[str], now: tuple) -> None:
        for name in self.index.groups_of(events) - self.old_links_queued:
            self.old_links_queued.add(name)
            for order in self.last_run.orders(name):
                if order > now:
                    heapq.heappush(self.queue, order)

    def hold(self, events: list[str], links: list[Edge], now: tuple | None, whole: bool) -> None:
        """Hold an untouched group here from `now` (None: a seed, from the start)."""
        for event in events:
            self.held.add(event)
            self.groups.add(self.reports[event])
            self.full[event] = whole
        for edge in links:
            rejoined = self.groups.join(edge)  # as in the last run, whose data it is
            assert rejoined, edge[0]
        self.full[self.groups.root[events[0]]] = whole
        if whole:
            self.activate(events, now)
        elif now is not None:
            self.queue_old_links(events, now)

    def make_full(self, root: str, now: tuple) -> None:
        if not self.full.get(root):
            self.full[root] = True
            self.activate([r.event for r in self.groups.members[root]], now)

    def join(self, edge: Edge, now: tuple) -> None:
        """Join two held groups; a group joined to a full one is full from now on."""
        roots = self.groups.root[edge[1].event], self.groups.root[edge[2].event]
        whole = any(self.full.get(root, False) for root in roots)
        late = [
            r.event for root in roots if not self.full.get(root) for r in self.groups.members[root]
        ]
        if self.groups.join(edge):
            self.full[self.groups.root[edge[1].event]] = whole
            if whole:
                self.activate(late, now)

    def state(self, event: str, now: tuple):
        """(which group, its members and links if not held, its articles, its dates)."""
        if event in self.held:
            root = self.groups.root[event]
            return ("held", root), [], [], self.groups.articles[root], self.groups.span[root]
        return self.last_run.state(event, now)

    def take(self, now: tuple) -> None:
        """Decide the link of order `now`."""
        edge = _taken(self.index, self.reports, now, now in self.recast)
        a, b = now[1], now[2]
        before = self.index.linked(a, b)
        (ga, ma, la, arts_a, span_a), (gb, mb, lb, arts_b, span_b) = (
            self.state(e, now) for e in (a, b)
        )
        joins = edge is not None and ga != gb and not arts_a & arts_b
        joins = joins and span_a.join(span_b) is not None
        if a not in self.held and b not in self.held and joins == before:
            return  # both as in the last run, decided as then
        for event, members, links in ((a, ma, la), (b, mb, lb)):
            if event not in self.held:
                if joins or before:  # joined now (a larger group), or no longer joined
                    self.hold(members, links, now, whole=not joins)
            elif before and not joins and ga != gb:
                self.make_full(self.groups.root[event], now)  # no longer holds the other's
        if joins:
            self.join(edge, now)  # type: ignore[arg-type]


def _taken(index: ReportIndex, reports: _Reports, now: tuple, recast: bool) -> Edge | None:
    """The link a queued order stands for, or None for a pair whose candidacy may have
    changed that is no candidate now (by another list than the one that changed, it may
    still be). Every other link queued is a candidate as it was."""
    edge = _edge(reports[now[1]], reports[now[2]])
    if edge is not None and recast and now not in _orders_of(index, reports, edge[1]):
        return None
    return edge


def sources_hash(store: Store, articles: dict[str, str] | None = None) -> str | None:
    """What the derived graph is computed from, as one hash: every article graph's name and
    content hash (`articles`, when read already). None when the store holds no article."""
    articles = _article_hashes(store) if articles is None else articles
    if not articles:
        return None
    rows = sorted(f"{article} {content}\n" for article, content in articles.items())
    return hashlib.sha256("".join(rows).encode("utf-8")).hexdigest()


def _article_hashes(store: Store, article: str | None = None) -> dict[str, str]:
    bound = {"article": URIRef(article)} if article else None
    return {str(r["article"]): str(r.get("hash") or "") for r in store.select(_SOURCES, bound)}


# What each article graph a store object wrote answers to the pass's queries (its content
# hash, reports and facts), worked out from a copy of what was written and kept until the
# pass after the write takes them (note_reports).
_NOTED: weakref.WeakKeyDictionary[Store, dict[str, tuple[str, list[Report], Facts]]] = (
    weakref.WeakKeyDictionary()
)


def note_reports(store: Store, article: str, written: Store) -> None:
    """Called after an article graph is written whole to `store`, with a copy of what was
    written (`written`: that graph alone, in memory): what the pass after the write would
    ask the store about it, asked of the copy (the same queries, over the same graph)."""
    content_hash = _article_hashes(written, article).get(article, "")
    _NOTED.setdefault(store, {})[article] = (
        content_hash,
        _read(written, article),
        _article_facts(written, [article]),
    )


# The writer token each store object holds (announce_writes), until its pass takes it.
_ANNOUNCED: weakref.WeakKeyDictionary[Store, str] = weakref.WeakKeyDictionary()
# What the index records when a writer announced itself while another's announcement was
# still there (that writer never got to its pass: a kill): no writer holds this token.
_UNFINISHED = "unfinished"


def announce_writes(store: Store) -> None:
    """Called before the first article graph a store object writes or removes: the caller
    will name what it changed to link_reports(changed=...). The index records a token of
    this writer; a pass whose writer holds the recorded token reads only the named articles'
    hashes, instead of every article's (at 12,000 articles that read cost 0.4 s and 107 MiB
    of the engine's buffers per pass). A token left by a writer that never reached its pass
    (a kill), or a pass with no writer's token, compares every article's hash with the
    index's instead. An article graph written around these writers (not by write_article,
    ingest, remove or load) is seen by the next whole pass: `newskg relink`."""
    if store in _ANNOUNCED:
        return
    index = open_index(store)
    if index is None:  # a SPARQL endpoint: its pass is computed whole
        return
    try:
        token = secrets.token_hex(16)
        index.set_meta("writer", token if index.meta("writer") is None else _UNFINISHED)
        index.commit()
        _ANNOUNCED[store] = token
    finally:
        index.close()


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


def link_reports(
    store: Store, settings: Settings | None = None, changed: Iterable[str] | None = None
) -> int:
    """Work out which events of different articles are one; returns how many events are
    reported by more than one article.

    `changed`: the ids of the articles the caller wrote or removed. Then only what they
    touch is compared again (through the store's report index, newskg.report_index), and
    the graph is changed where its groups change: the result is the one a full
    recomputation gives (tests/test_relinking.py). None (or no usable index: a SPARQL
    endpoint, a write cut short, an index of other articles) computes it whole."""
    settings = settings or Settings()
    index = open_index(store)
    name = graph_iri(settings)
    writer = _ANNOUNCED.pop(store, None)  # a later write announces itself again
    noted = _NOTED.pop(store, {})
    try:
        if changed is not None and index is not None:
            recorded = store.graph_value(name, name, str(NKG.sourcesHash))
            if recorded is not None and index.meta("sources") == recorded:
                articles = {article_iri(settings.base_iri, a) for a in changed}
                named = writer is not None and index.meta("writer") == writer
                found = _link_changes(
                    store, settings, index, set(articles), recorded, named, noted if named else {}
                )
                graph_rows.refresh(store, index, articles, only=named)  # the page's rows too
                return found
        noted.clear()  # a whole pass reads every article from the store: not held meanwhile
        found = _link_all(store, settings, index)
        if index is not None:
            graph_rows.refresh(store, index)
        return found
    except BaseException:
        if index is not None:
            index.rollback()
        raise
    finally:
        if index is not None:
            index.close()


def _link_all(store: Store, settings: Settings, index: ReportIndex | None) -> int:
    name = graph_iri(settings)
    hashes = _article_hashes(store)
    sources = sources_hash(store, hashes)
    reports = _read(store)
    facts = _article_facts(store)
    if index is not None:
        index.clear()
        _index_reports(index, reports, hashes, facts)
    groups = _join_reports(
        reports, (pair for group in _by_type_group(reports) for pair in _pairs(group))
    )
    del reports  # the write needs the memory
    found = list(_written_groups(settings, groups, facts))
    if sources is None:
        store.remove_graph(name)
        if index is not None:
            index.commit()
        return 0
    lines = sorted(line for _, _, group_lines in found for line in group_lines)
    _write_links(store, name, lines, sources)
    if index is not None:
        for shared, (group, links), group_lines in found:
            index.add_group(
                shared,
                [r.event for r in group],
                [(e[1].event, e[2].event) for e in links],
                "".join(group_lines),
            )
        index.set_meta("sources", sources)
        index.commit()
    return len(found)


def _index_reports(
    index: ReportIndex, reports: list[Report], hashes: dict[str, str], facts: Facts
) -> None:
    """Every article of a store into an empty index: its hash, reports and facts."""
    quantities, memberships = facts
    by_article: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_article[report.article].append(report)
    for article, content_hash in sorted(hashes.items()):
        records = [_record(r) for r in by_article.get(article, [])]
        found = (quantities.get(article, []), memberships.get(article, []))
        index.add_article(article, content_hash, records, found)


def _link_changes(
    store: Store,
    settings: Settings,
    index: ReportIndex,
    changed: set[str],
    recorded: str,
    named: bool = False,
    noted: dict[str, tuple[str, list[Report], Facts]] | None = None,
) -> int:
    """The incremental pass: the articles whose graphs changed since the index was written
    are compared again, and the groups that change are rewritten. `named`: they are those
    the caller names (its writes were announced, announce_writes); otherwise also any whose
    content hash differs from the index's. `noted`: what the caller's writes answer
    (note_reports), used for each article the store holds with the content hash noted."""
    noted = noted or {}
    known = index.article_hashes()
    if named:
        current = dict(known)
        for article in changed:
            current.pop(article, None)
            current.update(_article_hashes(store, article))
    else:
        current = _article_hashes(store)
        changed |= {a for a, h in current.items() if known.get(a) != h}
        changed |= set(known) - set(current)
    sources = sources_hash(store, current)
    name = graph_iri(settings)
    if sources is None:  # the last article went
        store.remove_graph(name)
        index.clear()
        index.commit()
        return 0
    there = sorted(a for a in changed if a in current)
    # what the writes noted, where the store holds the graph noted (the hash it stores
    # now, read above, is the one noted); the others asked of the store
    copied = {a for a in there if a in noted and noted[a][0] == current[a]}
    asked = [a for a in there if a not in copied]
    quantities, memberships = _article_facts(store, asked)  # none asked: none read
    for a in copied:
        quantities[a], memberships[a] = noted[a][2][0].get(a, []), noted[a][2][1].get(a, [])
    fresh = {
        a: [_record(r) for r in (noted[a][1] if a in copied else _read(store, a))] for a in there
    }
    facts = {a: (quantities.get(a, []), memberships.get(a, [])) for a in there}
    groups, stale_groups = _relink(index, changed, fresh, current, facts)
    group_facts = _indexed_facts(index, {r.article for g, _ in groups for r in g})
    stamp = (
        _line(name, NKG.sourcesHash, ox.Literal(recorded)),
        _line(name, NKG.sourcesHash, ox.Literal(sources)),
    )
    change = _Change(store, name, stamp)
    # group by group (each line belongs to one group's IRI): only the lines that differ
    # are kept, and a large change is written as it grows
    for shared, (members, links), lines in _written_groups(settings, groups, group_facts):
        old = index.group_lines(shared).splitlines(keepends=True) if shared in stale_groups else []
        change.group(old, lines)
        stale_groups.discard(shared)
        index.remove_group(shared)
        index.add_group(
            shared,
            [r.event for r in members],
            [(e[1].event, e[2].event) for e in links],
            "".join(lines),
        )
    for stale_group in sorted(stale_groups):  # groups that are no more
        change.group(index.group_lines(stale_group).splitlines(keepends=True), [])
        index.remove_group(stale_group)
    change.finish()
    index.set_meta("sources", sources)
    index.set_meta("writer", None)
    index.commit()
    return index.group_count()


class _Change:
    """The lines of the reported-events graph that change, and the sources they are now
    computed from: in one transaction, or in parts of a quarter of WRITE_PART lines when
    larger (a transaction of hundreds of thousands of triples takes gigabytes in the
    store). In parts the old sources hash goes first and the new one last, so a change cut
    short reads as out of date and is redone whole."""

    def __init__(self, store: Store, name: str, stamp: tuple[str, str]) -> None:
        self.store, self.name, self.stamp = store, name, stamp
        self.remove: list[str] = []
        self.add: list[str] = []
        self.parted = False
        self.part = WRITE_PART // 4  # the store's memory for a change is several writes'

    def group(self, old: list[str], new: list[str]) -> None:
        was, now = set(old), set(new)
        self.remove += sorted(was - now)
        self.add += sorted(now - was)
        if len(self.remove) + len(self.add) > self.part:
            self._write()

    def _write(self) -> None:
        if not self.parted:
            self.store.change_graph(self.name, self.stamp[0], "")
            self.parted = True
        self.store.change_graph(self.name, "".join(self.remove), "".join(self.add))
        self.remove, self.add = [], []

    def finish(self) -> None:
        if self.parted:
            self._write()
            self.store.change_graph(self.name, "", self.stamp[1])
        else:
            remove, add = "".join(self.remove), "".join(self.add)
            self.store.change_graph(self.name, remove + self.stamp[0], add + self.stamp[1])


def _relink(
    index: ReportIndex,
    changed: set[str],
    fresh: dict[str, list[tuple[dict, dict]]],
    hashes: dict[str, str],
    facts: dict[str, tuple[list, list]] | None = None,
) -> tuple[list[tuple[list[Report], list[Edge]]], set[str]]:
    """The index brought up to date with the changed articles (`fresh`: the reports of
    those still there); returns the groups of the reports whose joining was replayed, and
    the groups last written that those replace. The groups' own tables are left to the
    caller, which writes them with their lines."""
    old = list(index.records_of(sorted(changed)))
    gone = {r["event"] for r in old}
    new = {record["event"] for records in fresh.values() for record, _ in records}
    seeds = set(new)
    for group in index.groups_of(gone):  # what a changed report was joined with
        seeds.update(index.group(group)[0])
    pairs: set[tuple[str, str]] = set()
    # A report coming or going between two others in a list they are compared in may
    # push one out of the other's NEIGHBOURS or let it in: those two replay their history.
    # Each change is looked at with the report absent (gone first, come after).
    touched = gone | new
    # One cache of reports for the whole pass: the index's records change only with their
    # articles, so every report read here stands through the replay but the touched ones
    # (at 12,000 articles a batch's pass read 47,000 twice when each part had its own).
    reports = _Reports(index)
    for record in old:
        index.remove_keys(record["event"])
        pairs |= _shifted(index, reports, record, touched)
    for article in sorted(changed):
        index.remove_article(article)
        for record, _ in fresh.get(article, []):
            pairs |= _shifted(index, reports, record, touched)
            index.add_keys(record)
        if article in fresh:
            found = (facts or {}).get(article, ([], []))
            index.add_article(article, hashes[article], fresh[article], found, keys=False)
    for event in touched:  # read as they were before the index changed, if at all
        reports.known.pop(event, None)
        reports.edges.pop(event, None)
    seeds = {e for e in seeds if reports.get(e) is not None}
    groups, affected = _replay(index, reports, seeds, new, pairs)
    groups = [([reports.with_detail(r) for r in group], links) for group, links in groups]
    return groups, index.groups_of(affected | gone)


def _shifted(
    index: ReportIndex, reports: _Reports, record: dict, touched: set[str]
) -> set[tuple[str, str]]:
    """The reports whose candidate links change when `record` comes into (or goes from) the
    lists it is compared in, as they stand without it; those of `touched` left out.

    In one list, the report i places before it had the NEIGHBOURS - i + 1 reports after it
    in its window; with it there, the last of them drops out (without it, comes in)."""
    found = set()
    for key, dated, sort in keys_of(record):
        group, event = record["group"], record["event"]
        before = index.nearest(group, key, dated, sort, event, NEIGHBOURS, after=False)
        after = index.nearest(group, key, dated, sort, event, NEIGHBOURS, after=True)
        for i, a in enumerate(before, start=1):
            if NEIGHBOURS - i >= len(after):
                continue
            b = after[NEIGHBOURS - i]
            if a in touched or b in touched:
                continue
            first, last = reports[a], reports[b]
            reached = _list_start(last, dated) <= _list_end(first, dated) + _WINDOW
            if reached and _edge(first, last) is not None:
                found.add((a, b) if a < b else (b, a))
    return found


class _Reports:
    """Reports read from the index as they are needed (one pass touches few of them)."""

    def __init__(self, index: ReportIndex) -> None:
        self.index = index
        self.known: dict[str, Report | None] = {}
        self.edges: dict[str, list[tuple]] = {}  # each report's candidate links, once found

    def get(self, event: str) -> Report | None:
        if event not in self.known:
            record = self.index.record(event)
            self.known[event] = _from_record(record) if record else None
        return self.known[event]

    def __getitem__(self, event: str) -> Report:
        report = self.get(event)
        assert report is not None, event
        return report

    def with_detail(self, report: Report) -> Report:
        """The report with its names, roles and sentences, for the lines of its group."""
        if not report.spans and not report.roles and not report.name:
            detail = self.index.detail(report.event)
            report.name = detail.get("name", "")
            report.place_name = detail.get("place_name")
            report.roles = [tuple(x) for x in detail.get("roles", [])]  # type: ignore[misc]
            report.spans = [tuple(x) for x in detail.get("spans", [])]  # type: ignore[misc]
        return report


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


Facts = tuple[dict[str, list[tuple[str, str, str, int, str]]], dict[str, list[tuple[str, ...]]]]


def _article_facts(store: Store, articles: Iterable[str] | None = None) -> Facts:
    """What claims compare besides the reports: each article's numbers (claim node, what it
    counts, value, where its sentence starts, span) and positions (membership, person, name,
    organization, name, title, span); of every article, or of those named."""
    quantities: dict[str, list[tuple[str, str, str, int, str]]] = defaultdict(list)
    memberships: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for bound in [None] if articles is None else [{"article": URIRef(a)} for a in sorted(articles)]:
        for row in store.select(_QUANTITIES, bound):
            qualifier = str(row["qualifier"]).rsplit("/", 1)[-1]
            value, start = f"{row['value']} ({qualifier})", int(str(row["start"]))
            quantities[str(row["article"])].append(
                (str(row["claim"]), str(row["counts"]), value, start, str(row["span"]))
            )
        for row in store.select(_MEMBERSHIPS, bound):
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
    # in one order whatever store answers (the one written or a copy of a graph)
    for numbers in quantities.values():
        numbers.sort()
    for positions in memberships.values():
        positions.sort()
    return quantities, memberships


def _indexed_facts(index: ReportIndex, articles: Iterable[str]) -> Facts:
    quantities: dict[str, list[tuple[str, str, str, int, str]]] = {}
    memberships: dict[str, list[tuple[str, ...]]] = {}
    for article in articles:
        quantities[article], memberships[article] = index.facts(article)  # type: ignore[assignment]
    return quantities, memberships


def _written_groups(
    settings: Settings, groups: list[tuple[list[Report], list[Edge]]], facts: Facts
) -> Iterator[tuple[str, tuple[list[Report], list[Edge]], list[str]]]:
    """Each group's reported-event IRI (named after its first event, so that it stays the
    same while the group does) and its N-Triples lines: the group, its links, its claims.
    Every line's subject is the group's IRI or starts with it."""
    for group, links in groups:
        first = group[0].event
        shared = iri(settings.base_iri, "reported-" + first.removeprefix(settings.base_iri))
        lines = _group_lines(shared, group, links)
        lines += _claim_lines(shared, differing_claims(shared, group, facts))
        yield shared, (group, links), lines


def _group_lines(shared: str, group: list[Report], links: list[Edge]) -> list[str]:
    node, literal = ox.NamedNode, ox.Literal
    lines = [
        _line(shared, RDF.type, node(str(NKG.ReportedEvent))),
        _line(shared, NKG.reportCount, literal(len(group))),
    ]
    lines += [_line(shared, NKG.report, node(r.event)) for r in group]
    for _, a, b, slack, shared_agents, same_place in links:
        link = f"{shared}/link/{_tag(a.event, b.event)}"
        lines.append(_line(shared, NKG.reportLink, node(link)))
        lines.append(_line(link, RDF.type, node(str(NKG.ReportLink))))
        lines.append(_line(link, NKG.linksReport, node(a.event)))
        lines.append(_line(link, NKG.linksReport, node(b.event)))
        lines += [_line(link, NKG.sharedAgent, node(agent)) for agent in sorted(shared_agents)]
        if same_place and a.place:
            lines.append(_line(link, NKG.sharedPlace, node(a.place)))
        if a.date and b.date:
            lines.append(_line(link, NKG.dateWindowDays, literal(slack)))
        lines.append(_line(link, RDFS.comment, literal(_reason(a, b, shared_agents, same_place))))
    return lines


def _tag(*parts: str) -> str:
    """A short name made of what a node joins: the same while they are, so that a group
    that gains a report keeps the lines of its links and claims."""
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def _claim_lines(shared: str, claims: list[Claim]) -> list[str]:
    node, literal = ox.NamedNode, ox.Literal
    lines = []
    for c in claims:
        claim = (
            f"{shared}/claim/{_tag(c.subject, c.property, c.value, c.fact, c.article, c.evidence)}"
        )
        lines.append(_line(claim, NKG.claimAbout, node(c.subject)))
        lines.append(_line(claim, NKG.subjectName, literal(c.subject_name)))
        lines.append(_line(claim, NKG.claimProperty, literal(c.property)))
        lines.append(_line(claim, NKG.claimValue, literal(c.value)))
        lines.append(_line(claim, NKG.inArticle, node(c.article)))
        lines.append(_line(claim, NKG.evidence, node(c.evidence)))
    return lines


def _write_links(store: Store, name: str, ordered: list[str], sources: str) -> None:
    sources_line = _line(name, NKG.sourcesHash, ox.Literal(sources))
    if len(ordered) <= WRITE_PART:  # one transaction: readers see it whole or not at all
        store.replace_graph(name, "".join(ordered) + sources_line)
        return
    # In parts: one transaction of hundreds of thousands of triples takes gigabytes in the
    # store (readers may see it part-written meanwhile). The sources hash goes last, alone:
    # until it is written the graph reads as out of date, and a write cut short is redone.
    store.replace_graph(name, "".join(ordered[:WRITE_PART]))
    for start in range(WRITE_PART, len(ordered), WRITE_PART):
        store.add_to_graph(name, "".join(ordered[start : start + WRITE_PART]))
    store.set_value(name, name, str(NKG.sourcesHash), sources)


def differing_claims(subject: str, group: list[Report], facts: Facts) -> list[Claim]:
    """The facts on which the reports of one event, or the articles naming one person,
    differ: an event's date (dates to the day only: a month or a year is less precise, not
    different), place, each participant's role, a number by what it counts when stated near
    the event; a person's title at an organization and organization under a title, in the
    articles that report one event. A property is listed when two or more articles give
    different values."""
    quantities, memberships = facts
    said: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for r in group:

        def claim(prop: str, value: str, fact: str, span: str, r: Report = r) -> Claim:
            return Claim(subject, r.name, prop, value, fact, r.article, span)

        first = min(r.spans)[1] if r.spans else ""  # the sentence that first tells it
        if r.date_text and _day_precise(r) and first:
            said[(subject, "date")].append(claim("date", r.date_text, r.event, first))
        if r.place and first:
            said[(subject, "place")].append(claim("place", r.place_name or r.place, r.event, first))
        for node, agent, name, role, span in r.roles:
            said[(subject, f"role {agent}")].append(claim(f"role of {name}", role, node, span))
        for node, counts, value, at, span in quantities.get(r.article, []):
            if any(abs(at - start) <= NEAR_EVENT for start, _ in r.spans):
                said[(subject, f"number {counts.lower()}")].append(
                    claim(f"number of {counts}", value, node, span)
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
    found: set[Claim] = set()
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

"""Events with their type, date, place and participants in typed roles.

Three sources, merged into one event per happening within an article:
- hosted events: "<Org> held its annual conference on <date> in <place>"; later sentences of
  the article (until another hosted event is introduced) add speakers ("remarks from X",
  "X delivered a speech", "featuring X"), a facilitator ("facilitated by X"), attendees
  ("among those present were …") and honorees ("the conference honored X");
- clause events: any trigger word of `lang/en/events.yaml` with its arguments read off the
  parse (`triggers.py`): "police arrested X on Sunday in <City>", "X's release", "X and Y
  met in <City>", "X said …"; "the meeting" joins the meeting told before;
- named conflicts: "the war on <place>", "the <Name> operation".
Then the story fills in what single clauses leave out: the lead's undated happening took
place by publication, an undated event told right after a dated one took place that day
(and one dated to the same day in the same paragraph, there), "X and Y were present" makes
them attendees of the event just told, and "the other winners are: …" lists honorees.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from newskg.extract.context import ArticleContext
from newskg.extract.dates import ONE_WORD_DAYS, resolve_date
from newskg.extract.dates import WEEKDAYS as WEEKDAY_NAMES
from newskg.extract.labels import event_label
from newskg.extract.lexicon import (
    AGENT_PREPOSITIONS,
    ATTENDANCE_WORDS,
    CONDITIONAL_AUXILIARIES,
    CONFLICT_NOUNS,
    FACILITATOR_VERBS,
    HONOR_WORDS,
    HOST_VERBS,
    HOSTED_EVENT_NOUNS,
    INDEFINITE_ARTICLES,
    LATER_TIME_PREPOSITIONS,
    ORGANIZATION_PREPOSITIONS,
    PERCENT_WORDS,
    PERIOD_PREPOSITIONS,
    RELATIVE_PRONOUNS,
    SEQUEL_PREPOSITIONS,
    SHARE_VERBS,
    SPEAKER_NOUNS,
    SPEAKER_VERBS,
    START_PREPOSITIONS,
    STORY_DAYS,
    STORY_TIMES,
    SUCCESSION_VERBS,
    SUCCESSOR_NOUNS,
    TARGET_PREPOSITIONS,
    TIME_MARKERS,
    TIME_PREPOSITIONS,
    TITLE_TIME_WORDS,
    VOTE_NOUNS,
)
from newskg.extract.rules import declare, id_of, rule
from newskg.extract.sentences import (
    all_sentences,
    clause_with_subject,
    ents_of,
    sentence,
    text_of,
    tokens_in,
    tokens_of,
)
from newskg.extract.triggers import (
    EventMention,
    clause_chain,
    find_event_mentions,
    place_in_clause,
    place_of,
    possessive_place,
    subject_event_noun,
    tense,
)
from newskg.extract.vocabulary import events as events_vocabulary
from newskg.model import Event, Participation, Role, Span
from newskg.resolve import fold


@dataclass
class _Draft:
    type: str
    label: str
    evidence: list[Span]
    sentence: int
    date: str | None = None
    end_date: str | None = None
    date_text: str | None = None
    place: str | None = None
    participants: list[Participation] = field(default_factory=list)
    token_i: int = -1  # the trigger word
    anchor_i: int = -1  # the verb whose clause tells it (the trigger itself for a verb)
    key: str = ""  # its vocabulary entry
    nominal: bool = False
    definite: bool = False  # "the meeting": may be one told before
    future: bool | None = False  # planned ("will visit")
    rule: str = ""
    date_rule: str = ""
    place_rule: str = ""
    score: str | None = None  # a match's result, as written ("3-1")
    another_occurrence: bool = False  # "the last election": not the one the story tells
    slot_roles: dict[str, str] = field(default_factory=dict)  # its trigger's slot → role

    def add(self, agent: str, role: str, evidence: Span, rule: str) -> None:
        if not any(p.agent == agent and p.role == role for p in self.participants):
            self.participants.append(Participation(agent, role, evidence, rule))

    def set_date(self, date, end, text, rule: str) -> None:
        self.date, self.end_date, self.date_text = date, end, text
        self.date_rule = rule if date or text else ""

    def set_place(self, place: str | None, rule: str) -> None:
        self.place, self.place_rule = place, rule if place else ""

    def fill_from(self, other: _Draft) -> None:
        """Take the date and place another telling of the same happening gives."""
        if self.date is None and other.date is not None:
            self.set_date(other.date, other.end_date, None, other.date_rule)
        if self.date is None and self.date_text is None and other.date_text:
            self.date_text, self.date_rule = other.date_text, other.date_rule
        if self.place is None and other.place is not None:
            self.set_place(other.place, other.place_rule)

    def subjects(self) -> frozenset[str]:
        return frozenset(p.agent for p in self.participants if p.role == "subject")


DATE_NEAR = declare(
    "dates.near_trigger",
    """The first calendar date in the trigger word's clause, else after it in its sentence:
    "<Org> will hold its congress on <date>".""",
    __name__,
)
DATE_IN_CLAUSE = declare(
    "dates.clause",
    """The date the trigger's own clause or the clause it hangs from gives ("arrested on
    <weekday>", "<verb> … when <clause with a date>"), resolved in the clause's tense.""",
    __name__,
)
DATE_PERFECT = declare(
    "dates.present_perfect",
    """A present perfect with no date of its own ("has resigned") happened by publication;
    a statement ("has said") is not dated by its tense.""",
    __name__,
)
DATE_LEAD = declare(
    "dates.lead",
    """The undated past-tense happening of an article's first sentence happened by the day
    of publication.""",
    __name__,
)
DATE_NARRATIVE = declare(
    "dates.narrative_day",
    """An undated past-tense happening told after a dated one took place that day (a
    statement only within the same paragraph).""",
    __name__,
)
DATE_STORY_TIME = declare(
    "dates.story_time",
    """An undated event whose clause says it happened "at the time" ("at that time", "by
    then") took place when the happening told last before it in the paragraph did, a year
    or a day alike.""",
    __name__,
)
PLACE_IN_SENTENCE = declare(
    "places.sentence",
    """The place (a city first) named in the sentence that introduces a hosted event.""",
    __name__,
)
PLACE_IN_CLAUSE = declare(
    "places.clause",
    """The place the trigger's clause gives: "in <Place>", "at <Facility>", a locative
    prepositional phrase of the verb or the noun, or for an election or a disaster the place
    written as its possessive ("<Country>'s election").""",
    __name__,
)
PLACE_SCENE = declare(
    "places.same_scene",
    """An event told in the same paragraph as the one before it, on the same day, took
    place where that one did.""",
    __name__,
)
PLACE_NEXT = declare(
    "places.next_sentence",
    """A happening told again by the next sentence of its paragraph, with the same people
    and day, took place where that sentence says.""",
    __name__,
)
PLACE_ATTENDANCE = declare(
    "places.attendance",
    """"<People> were present to <verb> … at <Place>": where the attendees were is where
    the event was.""",
    __name__,
)
PLACE_STRUCK = declare(
    "places.struck",
    """A disaster's place as the object of the verb that tells what it did ("the quake hit
    <Place>", "a storm struck <Place>", "floods swept <Place>").""",
    __name__,
)
PLACE_OFFICE = declare(
    "places.office",
    """An event about a post (a type with the behaviour `office`: an appointment, a
    resignation, a dismissal, an election, a vote) whose
    sentences name no place happened where the post is held, when its subject's offices in
    the story are held in one place ("the prime minister of <Country> … resigned"); not one
    about a post in a party or a company (its sentence tells that post, or the body holds
    the election): that is held where the body is.""",
    __name__,
)
PLACE_SEQUEL = declare(
    "places.sequel",
    """An event whose clause follows another at once ("after <a gerund or a noun telling
    it>, <clause>", "upon <gerund>", with no distance such as "two days after") took place
    where that one did.""",
    __name__,
)
DATE_SEQUEL = declare(
    "dates.sequel",
    """An event whose clause follows another at once ("after <a gerund or a noun telling
    it>, <clause>") took place on that one's day.""",
    __name__,
)
PLACE_ACTED_ON = declare(
    "places.acted_on",
    """An act done to an event, the event named as the verb's object ("police dispersed the
    march", "the rally was broken up"), took place where the event did (a noun of an event
    is the event, not an act done to it).""",
    __name__,
)
PLACE_MAIN_CLAUSE = declare(
    "places.main_clause",
    """An event told in a participle clause of another event's verb ("<verb>ed …, <verb>ing
    …") took place where the main clause's event did.""",
    __name__,
)
PLACE_PREDECESSOR = declare(
    "places.predecessor_office",
    """An appointment to the post of someone named ("named as <Person>'s successor",
    "<A> succeeded <B>"), whose subject holds no post in the story, happened where the one
    before held office, when that is one place.""",
    __name__,
)
PLACE_EARLIER_OCCURRENCE = declare(
    "places.earlier_occurrence",
    """An event about a post marked as another occurrence of its type ("won the last
    election", "the previous vote"), with no place of its own, was held where the story's
    occurrence of that type with the same subject was: a post stays in its place.""",
    __name__,
)
PLACE_SAME_KIND = declare(
    "places.same_kind_scene",
    """An event told after one of its own type in the same paragraph, on that one's day or
    with no day of its own ("<A> was sworn in at <Place> …; <B> was sworn in too"), and
    with no place of its own, took place where that one did.""",
    __name__,
)
PARTICIPANT_ACTED_ON = declare(
    "participants.acted_on",
    """Who acts on an event, the event named as the object of their verb ("police dispersed
    the march", "troops broke up the sit-in"), takes part in it as other.""",
    __name__,
)
HOST_SUBJECT = declare(
    "participants.host",
    """The subject of a verb of hosting ("<Org> held its conference") organizes the event.""",
    __name__,
)
HOSTED_SPEAKER = declare(
    "participants.hosted_speaker",
    """At a hosted event, later sentences name its speakers: "<Person> delivered remarks",
    "remarks from <Person>", "featuring <Person>".""",
    __name__,
)
HOSTED_FACILITATOR = declare(
    "participants.hosted_facilitator",
    """At a hosted event, "<session> facilitated/moderated by <Person>" names its facilitator.""",
    __name__,
)
HOSTED_HONOREE = declare(
    "participants.hosted_honoree",
    """At a hosted event, the people named after a word of honouring ("honored", "award")
    are its honorees.""",
    __name__,
)
HOSTED_ATTENDEE = declare(
    "participants.hosted_attendee",
    """At a hosted event, the people of a sentence with a word of attendance ("among those
    present", "attended") are its attendees.""",
    __name__,
)
TRIGGER_SLOT = declare(
    "participants.trigger_slot",
    """The grammatical slots of a trigger (subject, object, agent, "of"/"with"/"between"
    objects, possessor) mapped to participant roles by the event type's entry.""",
    __name__,
)
EVENT_NOUN_SUBJECT = declare(
    "participants.event_noun_subject",
    """"The <event noun> <verb>ed <Person>" ("the conference honoured X"): the people the
    clause names join the event told before under that noun.""",
    __name__,
)


def _date_near(ctx: ArticleContext, token: Token, after_only: bool = False, future=False):
    """The first calendar date in the trigger's clause: in its subtree, else after it in the
    sentence, else (unless after_only) anywhere in the sentence; `future` as in
    `resolve_date` (the tense of the clause)."""
    sent = sentence(token)
    ents = [
        e
        for e in ents_of(ctx.doc)
        if e.label_ == "DATE" and e.start >= sent.start and e.end <= sent.end
    ]
    subtree = {t.i for t in token.subtree}
    ordered = (
        [e for e in ents if e.start in subtree]
        + [e for e in ents if e.start > token.i and e.start not in subtree]
        + ([] if after_only else [e for e in ents if e.start < token.i and e.start not in subtree])
    )
    for ent in ordered:
        following = text_of(ctx.doc)[ent.end_char : ent.end_char + 3]
        if ent.text.lower() in WEEKDAY_NAMES and re.match(r",?\s*\d", following):
            continue  # "Friday, 12 July": the date that follows is the precise one
        context = text_of(ctx.doc)[max(0, ent.start_char - 20) : ent.start_char]
        resolved = resolve_date(ent.text, ctx.article.published, context, future)
        if resolved:
            return resolved[0], resolved[1], None
        if re.search(r"\d", ent.text) and not re.search(r"years?|months?|weeks?|days?", ent.text):
            return None, None, ent.text
    return None, None, None


# The rules that date an event by inference (its tense, the story's day), not by a date
# written for it.
_INFERRED_DATES = (DATE_PERFECT, DATE_LEAD, DATE_NARRATIVE)

# Event types whose undated mentions do not take the day of the story around them.
NO_NARRATIVE = events_vocabulary().with_behaviour("own_date_only")
_TIMEZONE_AFTER = re.compile(r"^\s*(?:UTC|GMT|[A-Z]{2,4}T)\b")


def _other_time(token) -> bool:
    """A noun of an event the clause's time is told against, not at: one that comes later
    ("resigned on Monday, before the election") or one at a distance ("arrived on Monday,
    a week before the summit", "two days after the vote"). "Arrested on Monday after a
    protest" may well be the same day, and keeps it. A date written after the noun is its own
    ("before his release on <date>")."""
    if token.dep_ != "pobj" or token.head.lower_ not in TIME_PREPOSITIONS:
        return False
    prep = token.head
    return prep.lower_ in LATER_TIME_PREPOSITIONS or any(
        c.dep_ == "npadvmod" for c in prep.children
    )


def _clause_date(ctx: ArticleContext, mention: EventMention):
    """The date the trigger's own clause gives ("arrested on Sunday"), else the clause it
    hangs from ("dispersed the march on Sunday, arresting …"); "has arrived" with no date is
    the publication day. Resolved in the direction of the clause's tense."""
    doc, text = ctx.doc, text_of(ctx.doc)
    sent = sentence(mention.token)
    # the clause's dates; for an event it is told against, only those written after it
    first = mention.token.i if _other_time(mention.token) else sent.start
    ents = [
        e
        for e in ents_of(doc)
        if e.label_ in ("DATE", "TIME") and e.start >= first and e.end <= sent.end
    ]
    unresolved: str | None = None
    anchors = [mention.token] + clause_chain(mention.anchor)
    # "<verb> … when <clause with a date>": the date of a "when" clause dates the event
    anchors += _when_clauses_on(mention.anchor)
    for anchor in anchors:
        for child in anchor.children:  # "released … overnight", "arrived today"
            if child.dep_ in ("npadvmod", "advmod") and child.lower_ in ONE_WORD_DAYS:
                resolved = resolve_date(child.lower_, ctx.article.published)
                if resolved:
                    return resolved[0], resolved[1], None, DATE_IN_CLAUSE
        for ent in ents:
            if _TIMEZONE_AFTER.match(text[ent.end_char : ent.end_char + 6]):
                continue  # "1700 UTC": a time, not a year
            if anchor.i not in (_governor(ent.root).i, ent.root.head.i):
                continue
            if ent.root.head.pos_ == "PROPN":
                continue  # "the <Name> Act 1961", "<Name> Day 2005": part of a name
            if ent.root.head.lower_ in PERIOD_PREPOSITIONS and not (
                mention.trigger.needs_start and ent.root.head.lower_ in START_PREPOSITIONS
            ):
                continue  # "has led it since 2011": how long a state lasts, not when
            following = text[ent.end_char : ent.end_char + 3]
            if ent.text.lower() in WEEKDAY_NAMES and re.match(r",?\s*\d", following):
                continue  # "Friday, 12 July": the date that follows is the precise one
            context = text[max(0, ent.start_char - 20) : ent.start_char]
            resolved = resolve_date(ent.text, ctx.article.published, context, mention.future)
            if resolved:
                return resolved[0], resolved[1], None, DATE_IN_CLAUSE
            story_day = " ".join(ent.text.lower().split()) in STORY_DAYS  # "the same day"
            if ent.label_ == "DATE" and unresolved is None and not story_day:
                unresolved = ent.text  # "last week": a time told, but no calendar day
    if unresolved is not None:
        # kept as written; the day of the story or of publication would be a guess
        return None, None, unresolved, DATE_IN_CLAUSE
    if mention.perfect and ctx.article.published and mention.type != "speech":
        # (a statement "has said" is not dated by its tense: what was said matters, not when)
        return ctx.article.published, None, None, DATE_PERFECT
    return None, None, None, ""


def _paragraph_between(text: str, earlier: Span, start: int) -> bool:
    """Does a paragraph break stand between a sentence and a later position? (A sentence's
    span may end with the line break that closes its paragraph.)"""
    return "\n" in text[earlier.start : start]


def _past_tense(ctx: ArticleContext, draft: _Draft) -> bool:
    token = ctx.doc[draft.token_i] if draft.token_i >= 0 else None
    if token is None:
        return False
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    return verb.tag_ in ("VBD", "VBN") and not any(
        c.lower_ in CONDITIONAL_AUXILIARIES for c in verb.children
    )


def _governor(token: Token) -> Token:
    """The nearest verb or event noun above a token."""
    node = token.head
    for _ in range(5):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        if node.pos_ == "NOUN" and node.dep_ != "pobj" and node.head.pos_ != "ADP":
            return node
        node = node.head
    return node


def _place_in_sentence(ctx: ArticleContext, token: Token) -> str | None:
    places = ctx.entities_in(sentence(token).start_char, sentence(token).end_char, "place")
    if not places:
        return None
    cities = [p for p in places if ctx.entities[p].place_kind == "city"]
    return (cities or places)[0]


def _struck_place(ctx: ArticleContext, mention: EventMention) -> str | None:
    """The place a disaster noun's verb takes as its object ("<quake> struck <Place>")."""
    verb = mention.anchor
    if mention.token.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return None
    for obj in verb.children:
        if obj.dep_ == "dobj":
            places = ctx.entities_for(obj, ("place",))
            if not places:  # "struck northern <Place> province": the place inside the phrase
                places = [
                    k
                    for t in obj.subtree
                    if (k := ctx.entity_of_token(t)) is not None and ctx.kind(k) == "place"
                ]
            if places:
                return places[0]
    return None


def _subjects(ctx: ArticleContext, verb: Token, kind: str) -> list[str]:
    kinds = (kind,)
    for child in verb.children:
        if child.dep_ in ("nsubjpass", "nsubj"):
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return ctx.entities_for(verb.head, kinds)
            return ctx.entities_for(child, kinds)
    if verb.dep_ == "relcl":
        return ctx.entities_for(verb.head, kinds)
    if verb.dep_ in ("advcl", "acl", "conj") and verb.head.i != verb.i:
        return _subjects(ctx, verb.head, kind)
    return []


def _label(token: Token) -> str:
    mods = [c for c in token.lefts if c.dep_ in ("amod", "compound", "nummod", "npadvmod")]
    start = min([token.i] + [m.left_edge.i for m in mods])
    return token.doc[start : token.i + 1].text


class _Finder:
    def __init__(self, ctx: ArticleContext):
        self.ctx = ctx
        self.vocab = events_vocabulary()
        self.hosted: list[_Draft] = []
        self.other: list[_Draft] = []
        self.by_token: dict[int, _Draft] = {}  # a clause trigger → the event it joined
        # deaths of people counted but not named, kept aside for counted_deaths
        self.counted: list[tuple[EventMention, Span, tuple, str | None]] = []

    # --- hosted events -----------------------------------------------------------------
    @rule("events.hosted")
    def hosted_events(self) -> None:
        """An event noun as the object of a verb of hosting: "<Org> held/hosted/organized its
        <conference|summit|ceremony> (on <date>) (in <place>)"."""
        ctx = self.ctx
        for token in tokens_of(ctx.doc):
            etype = HOSTED_EVENT_NOUNS.get(token.lemma_.lower())
            if etype is None or token.pos_ != "NOUN" or token.dep_ != "dobj":
                continue
            verb = token.head
            if verb.lemma_.lower() not in HOST_VERBS:
                continue
            organizers = _subjects(ctx, verb, "organization") or _subjects(ctx, verb, "person")
            sentence = ctx.sentence_index(token.idx)
            evidence = ctx.sentence_of(token)
            future = tense(verb)[0]
            date, end, text = _date_near(ctx, verb, future=future)
            place = _place_in_sentence(ctx, token)
            existing = self._same_hosted(etype, organizers, place)
            if existing is not None:
                existing.evidence.append(evidence)
                if existing.date is None and date is not None:
                    existing.set_date(date, end, None, DATE_NEAR)
                if existing.place is None and place is not None:
                    existing.set_place(place, PLACE_IN_SENTENCE)
                continue
            label = _label(token)
            if organizers:
                label += f" of {ctx.entities[organizers[0]].name}"
            if place:
                label += f" in {ctx.entities[place].name}"
            draft = _Draft(
                etype,
                label[:1].upper() + label[1:],
                [evidence],
                sentence,
                token_i=token.i,
                future=future,
                rule=id_of(self.hosted_events),
            )
            draft.set_date(date, end, text, DATE_NEAR)
            draft.set_place(place, PLACE_IN_SENTENCE)
            for org in organizers:
                draft.add(org, "organizer", evidence, HOST_SUBJECT)
            self.hosted.append(draft)

    def _same_hosted(self, etype, organizers, place) -> _Draft | None:
        for draft in self.hosted:
            if draft.type != etype:
                continue
            agents = {p.agent for p in draft.participants if p.role == "organizer"}
            if agents & set(organizers) or (not organizers and place and draft.place == place):
                return draft
        return None

    def _event_for_sentence(self, index: int) -> _Draft | None:
        current = None
        for draft in sorted(self.hosted, key=lambda d: d.sentence):
            if draft.sentence <= index:
                current = draft
        return current

    def participants(self) -> None:
        ctx = self.ctx
        if not self.hosted:
            return
        for sent in all_sentences(ctx.doc):
            draft = self._event_for_sentence(ctx.sentence_index(sent.start_char))
            if draft is None:
                continue
            evidence = ctx.span_of(sent)
            for token in tokens_in(sent):
                self._speaker_or_facilitator(draft, token, sent, evidence)
            self._honorees_or_attendees(draft, sent, evidence)
        for draft in self.hosted:
            _drop_lesser_roles(draft)

    def _speaker_or_facilitator(self, draft: _Draft, token: Token, sent, evidence: Span) -> None:
        """ "X spoke", "a speech by X", "featuring X", "moderated by X" in a hosted event's
        sentence."""
        ctx = self.ctx
        lemma = token.lemma_.lower()
        speakers: list[str] = []
        if token.pos_ in ("VERB", "AUX") and lemma in SPEAKER_VERBS and lemma != "open":
            speakers += [
                key
                for child in _deps(token, "nsubj")
                for key in ctx.entities_for(child, ("person",))
            ]
        if token.lower_ in SPEAKER_NOUNS and token.pos_ == "NOUN":
            speakers += [
                key
                for prep in _deps(token, "prep")
                if prep.lower_ in AGENT_PREPOSITIONS
                for obj in prep.children
                for key in ctx.entities_for(obj, ("person",))
            ]
        if lemma == "feature" and token.pos_ == "VERB":
            speakers += ctx.entities_in(token.idx, sent.end_char, "person")
        for key in speakers:
            draft.add(key, "speaker", evidence, HOSTED_SPEAKER)
        if lemma in FACILITATOR_VERBS and token.tag_ == "VBN":
            for agent in _deps(token, "agent"):
                for obj in agent.children:
                    for key in ctx.entities_for(obj, ("person", "organization")):
                        draft.add(key, "facilitator", evidence, HOSTED_FACILITATOR)

    def _honorees_or_attendees(self, draft: _Draft, sent, evidence: Span) -> None:
        """People after a word of honour are honourees; in a sentence of attendance, all the
        people it names attend."""
        ctx = self.ctx
        tokens = tokens_in(sent)
        lemmas = {t.lemma_.lower() for t in tokens}
        if lemmas & HONOR_WORDS:
            trigger = next(t for t in tokens if t.lemma_.lower() in HONOR_WORDS)
            for key in ctx.entities_in(trigger.idx, sent.end_char, "person"):
                draft.add(key, "honoree", evidence, HOSTED_HONOREE)
        elif lemmas & ATTENDANCE_WORDS and any(
            t.lemma_.lower() in ATTENDANCE_WORDS and t.pos_ in ("VERB", "ADJ", "NOUN", "ADP")
            for t in tokens
        ):
            for key in ctx.entities_in(sent.start_char, sent.end_char, "person"):
                draft.add(key, "attendee", evidence, HOSTED_ATTENDEE)

    # --- events told by a trigger word and its clause ------------------------------------
    @rule("events.trigger")
    def clause_events(self) -> None:
        """A trigger word of the event vocabulary (a verb, or a noun) with the arguments its
        clause gives: "police arrested X", "X's release", "X and Y met", "X said"."""
        ctx = self.ctx
        hosted_tokens = {d.token_i for d in self.hosted}
        hosted_speakers = {
            p.agent
            for d in self.hosted
            for p in d.participants
            if p.role in ("speaker", "facilitator")
        }
        for mention in find_event_mentions(ctx):
            if mention.token.i in hosted_tokens:
                continue  # "held a conference": already the hosted event
            participants = mention.participants()
            if mention.type == "speech" and (
                not any(r == "speaker" for _, r in participants)  # a statement needs a speaker
                or any(a in hosted_speakers for a, _ in participants)  # part of the hosted one
            ):
                continue
            evidence = ctx.sentence_of(mention.token)
            if self._joins_told_event(mention, participants, evidence):
                continue
            dated = _clause_date(ctx, mention)
            place, place_rule = place_of(ctx, mention), PLACE_IN_CLAUSE
            if place is None and self.vocab.behaves(mention.type, "toll"):
                place, place_rule = _struck_place(ctx, mention), PLACE_STRUCK
            if place is None and not mention.nominal and mention.type != "speech":
                acted_on = self._object_event(mention.anchor)  # told before; later: related_scenes
                if acted_on is not None and acted_on.place is not None:
                    place, place_rule = acted_on.place, PLACE_ACTED_ON
            if place is not None and place == possessive_place(ctx, mention):
                participants = [(a, r) for a, r in participants if a != place]
            if self._points_back(mention, participants, dated[0], place, evidence):
                continue
            acting = (
                mention.nominal
                and mention.token.dep_ == "nsubj"
                and self.vocab.behaves(mention.type, "toll")
            )  # "a storm hit … on Monday": a disaster that acts is one, dated by its clause
            date = dated[0]
            untied = not participants and place is None and (date is None or mention.nominal)
            if untied and date is not None and _dated_by_its_year(mention):
                untied = False  # "the 1975 civil war": a happening the year names
            if untied and not (acting and date is not None):
                if date is not None and self._dates_told_event(mention, dated):
                    continue
                if mention.type == "death" and _counted_victims(mention.token):
                    self.counted.append((mention, evidence, dated, place))
                continue  # nothing to tie it to: a word, not yet an event of the graph
            draft = self._clause_draft(mention, participants, evidence)
            draft.set_date(*dated)
            draft.set_place(place, place_rule)
            self._merge_clause(draft)

    @rule("participants.post_organization")
    def posts_of_subjects(self, roles: Sequence[Role]) -> None:
        """A resignation, an appointment or a dismissal told in the sentence that gives its
        subject's post ("<Org> said chief executive <Name> has resigned", "took over as chair
        of <Org>"): the organization of that post takes part (role other), unless it already
        does; in an election to a post of a body ("elected leader of <Party>") the body holds
        it (organizer)."""
        by_sentence: dict[tuple[str, int], list[Role]] = {}
        for role in roles:
            if role.organization is not None and self.ctx.kind(role.organization) == "organization":
                index = self.ctx.sentence_index(role.evidence.start)
                by_sentence.setdefault((role.person, index), []).append(role)
        for draft in self.hosted + self.other:
            if draft.type not in ("resignation", "appointment", "dismissal", "election"):
                continue
            # a body's own election is its to hold ("elected leader of <Party>")
            role_of_body = "organizer" if draft.type == "election" else "other"
            present = {p.agent for p in draft.participants}
            for subject in draft.subjects():
                for role in by_sentence.get((subject, draft.sentence), []):
                    org = role.organization
                    if org is not None and org not in present:
                        draft.add(org, role_of_body, role.evidence, id_of(self.posts_of_subjects))
                        present.add(org)

    @rule("participants.title_reference")
    def title_references(self, roles: Sequence[Role]) -> None:
        """A post named with "the" as the subject of a trigger verb ("the chief executive of
        <Org> has resigned", "the mayor was arrested"), naming no one, stands for the one
        person of the story who holds that post (in that organization, if it is named)."""
        ctx = self.ctx
        named = []
        for draft in self.other:
            if draft.nominal or draft.token_i < 0 or draft.participants:
                continue
            verb = ctx.doc[draft.token_i]
            for subject in verb.children:
                slot = {"nsubj": "agent", "nsubjpass": "patient"}.get(subject.dep_)
                role = draft.slot_roles.get(slot or "")
                if role is None or ctx.entity_of_token(subject) is not None:
                    continue
                holders = _holders_of_post(ctx, subject, roles)
                if len(holders) == 1:
                    draft.add(holders.pop(), role, draft.evidence[0], id_of(self.title_references))
                    named.append(draft)
        for draft in named:  # now with its people, it may be a happening told again later
            index = self.other.index(draft)
            self.other.remove(draft)
            self._merge_clause(draft)
            if self.other and self.other[-1] is draft:  # told once: back in its place
                self.other.insert(index, self.other.pop())

    def office_places(self, roles: Sequence[Role]) -> None:
        """See PLACE_OFFICE."""
        ctx = self.ctx
        held_in: dict[str, set[str]] = {}
        in_body: set[tuple[str, int]] = set()  # (person, sentence) telling a post in a body
        for role in roles:
            if role.organization is None:
                continue
            if ctx.kind(role.organization) == "place":
                held_in.setdefault(role.person, set()).add(role.organization)
            else:
                in_body.add((role.person, ctx.sentence_index(role.evidence.start)))
        for draft in self.hosted + self.other:
            if draft.place is not None or not self.vocab.behaves(draft.type, "office"):
                continue
            subjects = draft.subjects()
            if any((s, draft.sentence) in in_body for s in subjects) or (
                draft.type == "election"
                and any(
                    p.role == "organizer" and ctx.kind(p.agent) == "organization"
                    for p in draft.participants
                )
            ):
                continue  # a post in a party or a company: held where that body is
            places = {p for s in subjects for p in held_in.get(s, ())}
            if len(places) == 1:
                draft.set_place(places.pop(), PLACE_OFFICE)
                continue
            places = {p for s in self._predecessors(draft) for p in held_in.get(s, ())}
            if not any(held_in.get(s) for s in subjects) and len(places) == 1:
                draft.set_place(places.pop(), PLACE_PREDECESSOR)

    def same_kind_scenes(self) -> None:
        """See PLACE_SAME_KIND."""
        text = text_of(self.ctx.doc)
        drafts = self.hosted + self.other
        for draft in drafts:
            if draft.place is not None or draft.type == "speech":
                continue
            start = draft.evidence[0].start
            told = [
                (span.end, d)
                for d in drafts
                if d is not draft and d.type == draft.type and d.place is not None
                for span in d.evidence
                if span.end <= start and not _paragraph_between(text, span, start)
            ]
            if not told:
                continue
            before = max(told, key=lambda t: t[0])[1]
            undated = draft.date is None or draft.date_rule in _INFERRED_DATES
            if before.date == draft.date or undated and before.future == draft.future:
                draft.set_place(before.place, PLACE_SAME_KIND)

    def earlier_occurrences(self) -> None:
        """See PLACE_EARLIER_OCCURRENCE."""
        drafts = self.hosted + self.other
        for draft in drafts:
            if not (draft.another_occurrence and draft.place is None and draft.subjects()):
                continue
            if not self.vocab.behaves(draft.type, "office"):
                continue
            places = {
                d.place
                for d in drafts
                if d.type == draft.type
                and not d.another_occurrence
                and d.place is not None
                and d.subjects() & draft.subjects()
            }
            if len(places) == 1:
                draft.set_place(places.pop(), PLACE_EARLIER_OCCURRENCE)

    def _predecessors(self, draft: _Draft) -> set[str]:
        """The people whose post an appointment's subject takes: "named as <Person>'s
        successor", "<A> succeeded <B>"."""
        if draft.token_i < 0:
            return set()
        ctx, verb = self.ctx, self.ctx.doc[draft.token_i]
        found = set()
        if verb.lemma_.lower() in SUCCESSION_VERBS:
            found |= {p.agent for p in draft.participants if p.role != "subject"}
        for prep in _deps(verb, "prep"):
            for noun in _deps(prep, "pobj"):
                if prep.lower_ == "as" and noun.lemma_.lower() in SUCCESSOR_NOUNS:
                    found |= {k for o in _deps(noun, "poss") if (k := ctx.entity_of_token(o))}
        return {k for k in found if ctx.kind(k) == "person"}

    @rule("events.counted_deaths")
    def counted_deaths(self) -> None:
        """People killed or dead, counted and not named ("at least 23 people were killed",
        "killing 14 workers", "more than 40 people died"), in a sentence that tells no other
        event: a death of its own, with the date and place of its clause (or of the "when"
        clause it hangs on), its count kept as a quantity."""
        told = {d.sentence for d in self.hosted + self.other}
        for mention, evidence, dated, place in self.counted:
            index = self.ctx.sentence_index(mention.token.idx)
            if index in told:
                continue  # the deaths of an attack, a crash …: that event's toll
            told.add(index)
            draft = self._clause_draft(mention, [], evidence)
            draft.rule = id_of(self.counted_deaths)
            when = _when_clauses(mention)
            if dated[0] is None and when:
                date, end, text = _date_near(self.ctx, when[0])
                dated = (date, end, text, DATE_IN_CLAUSE) if date or text else dated
            draft.set_date(*dated)
            if place is None:
                place = next((p for c in when if (p := place_in_clause(self.ctx, c))), None)
            draft.set_place(place, PLACE_IN_CLAUSE)
            self.other.append(draft)

    def _joins_told_event(self, mention: EventMention, participants, evidence: Span) -> bool:
        """ "the conference honored X" (X joins the event its subject names) or "… struck,
        killing 37" (the deaths are the disaster's toll): the mention adds to an event."""
        ctx, token = self.ctx, mention.token
        told = None if mention.nominal else subject_event_noun(token)
        if told is not None:
            target = self._last_of_type(told, ctx.sentence_index(token.idx))
            if target is not None:
                target.evidence.append(evidence)
                for agent, role in mention.participants(without=("agent",)):
                    target.add(agent, role, evidence, EVENT_NOUN_SUBJECT)
                self.by_token[token.i] = target
                return True
        toll = self._toll_of(mention, participants)
        if toll is not None:
            toll.evidence.append(evidence)
            self.by_token[token.i] = toll
            return True
        return False

    def _points_back(
        self, mention: EventMention, participants, date, place, evidence: Span
    ) -> bool:
        """ "the meeting" with nothing of its own points back to the meeting told before
        ("the 1987 embargo", with a date of its own, is another event; the catch-all type
        needs its own word)."""
        if not (mention.nominal and mention.definite and not participants and date is None):
            return False
        target = self._last_of_type(mention.type, self.ctx.sentence_index(mention.token.idx))
        if target is None or (target.type == "other" and target.key != mention.key):
            return False
        target.evidence.append(evidence)
        if target.place is None and place is not None:
            target.set_place(place, PLACE_IN_CLAUSE)
        self.by_token[mention.token.i] = target
        return True

    @rule("dates.possessive_day")
    def _dates_told_event(self, mention: EventMention, dated) -> bool:
        """ "Monday's election", "Sunday's vote": a noun dated by its possessive, naming no
        one, is the event of its type told before, and gives it its day when that one has
        none of its own (none, or only the day of publication from its tense)."""
        day = next((c for c in mention.token.children if c.dep_ == "poss"), None)
        if not mention.nominal or day is None or day.ent_type_ != "DATE":
            return False
        index = self.ctx.sentence_index(mention.token.idx)
        target = self._last_of_type(mention.type, index, this_story=True)
        if target is None:
            return False
        if target.date is None or target.date_rule == DATE_PERFECT:
            date, end, text, _ = dated
            target.set_date(date, end, text, id_of(self._dates_told_event))
        target.evidence.append(self.ctx.sentence_of(mention.token))
        self.by_token[mention.token.i] = target
        return True

    def _clause_draft(self, mention: EventMention, participants, evidence: Span) -> _Draft:
        ctx, token = self.ctx, mention.token
        draft = _Draft(
            mention.type,
            "",  # worded when all is known (labels.event_label)
            [evidence],
            ctx.sentence_index(token.idx),
            token_i=token.i,
            anchor_i=mention.anchor.i,
            key=mention.key,
            nominal=mention.nominal,
            definite=mention.definite,
            future=bool(mention.future),
            rule=id_of(self.clause_events),
        )
        draft.score = mention.score
        draft.slot_roles = mention.trigger.roles
        draft.another_occurrence = self._another_occurrence(mention)
        bodies = set()
        if self.vocab.behaves(draft.type, "body_organizes"):
            agents = mention.slots.get("agent", [])
            bodies = {k for k in agents if ctx.kind(k) == "organization"}
        for agent, role in participants:
            if agent in bodies and role == "other":
                role = "organizer"  # "the board named X chief executive": the body runs it
            draft.add(agent, role, evidence, TRIGGER_SLOT)
        if self.vocab.behaves(draft.type, "contest"):
            self._add_contestants(draft, token, evidence)
        if draft.type in ("meeting", "conference") and len(draft.participants) == 1:
            only = draft.participants[0]
            if ctx.kind(only.agent) == "organization":
                only.role = "organizer"  # "the Assembly meets": a body holds its meeting
        return draft

    def _another_occurrence(self, mention: EventMention) -> bool:
        """ "won the last election", "the previous summit": the noun that names the event
        is marked as another occurrence of its type."""
        token = mention.token
        nouns = [token] if mention.nominal else _deps(token, "dobj") + _deps(token, "attr")
        words = self.vocab.other_occurrence_words
        return any(c.lower_ in words for n in nouns for c in n.children if c.dep_ == "amod")

    def _toll_of(self, mention: EventMention, participants) -> _Draft | None:
        """A death told in the sentence of a disaster, with nobody named, is that disaster's
        toll: the disaster it belongs to (None when it is an event of its own)."""
        if mention.type != "death" or participants:
            return None
        index = self.ctx.sentence_index(mention.token.idx)
        for draft in reversed(self.other):
            if draft.sentence == index and self.vocab.behaves(draft.type, "toll"):
                return draft
        return None

    @rule("participants.vote_share")
    def vote_shares(self) -> None:
        """ "<Name> won 30%", "<Name> (of <Party>) garnered 1,200 votes" (and "… and <Name>
        12%", the verb left out) after an election was told: a share of the vote makes a
        candidate of that election (role other, the winner is its subject), not an event of
        its own."""
        ctx = self.ctx
        for token in tokens_of(ctx.doc):
            if token.pos_ != "VERB" or token.lemma_.lower() not in SHARE_VERBS:
                continue
            shares = _deps(token, "dobj") + _deps(token, "npadvmod")  # "won 30 percent"
            shares = [obj for obj in shares if _is_vote_share(obj)]
            if not shares:
                continue
            # the verb, its object ("garnered 1,200 votes") and a noun of its clause may each
            # have made a draft; the verb's own election ("won 61% of the vote in the
            # election") is the winner's, not a rival's share
            own_tokens = {t.i for t in token.subtree}
            if any(d.token_i == token.i and d.type == "election" for d in self.other):
                continue
            index = ctx.sentence_index(token.idx)
            told = [
                d
                for d in self.hosted + self.other
                if d.type == "election"
                and d.sentence <= index
                and d.token_i not in own_tokens
                and not d.another_occurrence  # "the previous vote", "the last election"
            ]
            if not told:
                continue
            election = max(told, key=lambda d: (d.sentence, d.token_i))
            own = [d for d in self.other if d.token_i in own_tokens]
            subjects = _deps(clause_with_subject(token), "nsubj")
            subjects += [a for s in subjects for a in _deps(s, "appos")]  # "her rival, <Name>,"
            # "<A> garnered 2 percent and <B> 0.4 percent": the verb left out of the second
            subjects += [
                c
                for c in _deps(token, "conj")
                if c.pos_ == "PROPN"
                and (len(shares) > 1 or any(_is_vote_share(x) for x in c.children))
            ]
            candidates = [
                key
                for subject in subjects
                for key in ctx.entities_for(subject, ("person", "organization"))
            ]
            if not candidates:
                continue
            evidence = ctx.sentence_of(token)
            for key in candidates:
                if not any(p.agent == key for p in election.participants):
                    election.add(key, "other", evidence, id_of(self.vote_shares))
            election.evidence.append(evidence)
            self.other = [d for d in self.other if d not in own]

    @rule("participants.contestant")
    def _add_contestants(self, draft: _Draft, token: Token, evidence: Span) -> None:
        """In the sentence of a contest (a match, an election), a person or side named with
        a noun of contest before or around it ("challenger <Name>", "<Name>, her rival") is
        a contestant: role other (the winner is the subject)."""
        ctx = self.ctx
        nouns = self.vocab.contest_nouns
        taken = {p.agent for p in draft.participants}
        for t in sentence(token):
            if t.lemma_.lower() not in nouns or t.pos_ != "NOUN":
                continue
            named = t.head if t.dep_ in ("compound", "appos") else None
            keys = ctx.entities_for(named, ("person", "organization")) if named is not None else []
            for child in t.children:
                if child.dep_ == "appos":
                    keys += ctx.entities_for(child, ("person", "organization"))
            for key in keys:
                if key not in taken:
                    draft.add(key, "other", evidence, id_of(self._add_contestants))
                    taken.add(key)

    @rule("dates.begun")
    def beginnings(self) -> None:
        """ "The summit opened on Monday", "the week-long fair started on 3 May": the date
        the clause gives is when the event told before began (of the noun's type, or for a
        word that refers to any event the last one a noun named), unless that event's own
        clause dated it; a date only inferred (from a tense or the story) gives way."""
        ctx = self.ctx
        for verb in tokens_of(ctx.doc):
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.vocab.beginning_verbs:
                continue
            etype = subject_event_noun(verb)
            if etype is None or any(c.dep_ == "neg" for c in verb.children):
                continue
            date, end, _ = _date_near(ctx, verb)
            if date is None:
                continue
            index = ctx.sentence_index(verb.idx)
            if etype:
                target = self._last_of_type(etype, index, this_story=True)
            else:  # "the event": the last one a noun named, not a verb's act
                named = [d for d in self.hosted + self.other if d.sentence < index and d.nominal]
                target = max(named, key=lambda d: d.sentence) if named else None
            if target is None or target.date_rule not in ("", *_INFERRED_DATES):
                continue
            target.set_date(date, end, None, id_of(self.beginnings))
            target.evidence.append(ctx.sentence_of(verb))

    def story_times(self) -> None:
        """See DATE_STORY_TIME."""
        text = text_of(self.ctx.doc)
        drafts = sorted(self.hosted + self.other, key=lambda d: (d.evidence[0].start, d.token_i))
        last_dated: _Draft | None = None
        for draft in drafts:
            if (
                draft.date is None
                and draft.date_text is None
                and last_dated is not None
                and not _paragraph_between(text, last_dated.evidence[0], draft.evidence[0].start)
                and self._at_that_time(draft)
            ):
                draft.set_date(last_dated.date, last_dated.end_date, None, DATE_STORY_TIME)
            if draft.date is not None:
                last_dated = draft

    def _at_that_time(self, draft: _Draft) -> bool:
        doc = self.ctx.doc
        for i in {draft.token_i, draft.anchor_i} - {-1}:
            for prep in _deps(doc[i], "prep"):
                if " ".join(t.lower_ for t in prep.subtree) in STORY_TIMES:
                    return True
        return False

    def narrative_dates(self) -> None:
        """A news story tells one day's happenings in order: an event its own clause leaves
        undated, told in the past tense after a dated one, took place that day; one its own
        clause dates to the same day, in the same paragraph, took place where that one did. A statement takes the day only in the same
        paragraph: a later paragraph of reactions may be of another day."""
        ctx = self.ctx
        text = text_of(ctx.doc)
        drafts = sorted(self.hosted + self.other, key=lambda d: d.evidence[0].start)
        published = ctx.article.published
        for draft in drafts:
            # the lead tells the newest development: what its first sentence says happened,
            # undated, happened by the day of publication
            if (
                draft.sentence == 0
                and draft.date is None
                and draft.date_text is None
                and published
                and len(published) == 10
                and draft.type not in NO_NARRATIVE
                and _past_tense(ctx, draft)
            ):
                draft.set_date(published, None, None, DATE_LEAD)
        previous: _Draft | None = None
        for draft in drafts:
            start = draft.evidence[0].start
            new_paragraph = previous is not None and _paragraph_between(
                text, previous.evidence[0], start
            )
            day = previous.date if previous is not None and not previous.future else None
            if day and published and day > published:
                day = None  # a scheduled event is not the day of what the story tells next
            if (
                draft.date is None
                and draft.date_text is None  # "last week": told, if not as a day
                and day is not None
                and len(day) == 10  # only a day is passed on; "in 1975" starts another story
                and draft.type not in NO_NARRATIVE
                and not (new_paragraph and draft.type == "speech")
                and _past_tense(ctx, draft)
            ):
                # the day only: an event whose day is inferred may be told somewhere else
                # (on the development set the place it would take was wrong 3 times in 4)
                draft.set_date(day, None, None, DATE_NARRATIVE)
            elif (
                draft.place is None
                and previous is not None
                and not new_paragraph
                and draft.date is not None
                and draft.date == day
                and draft.type not in NO_NARRATIVE
            ):  # the same day in the same paragraph: the same scene
                draft.set_place(previous.place, PLACE_SCENE)
            if draft.date_rule == id_of(self.beginnings):
                continue  # when a festival began, told later, is not the day of this scene
            if draft.date is not None or draft.type not in NO_NARRATIVE:
                previous = draft
        # the next sentence may say where a happening took place ("X became prime minister.
        # The queen received him at <Palace> …"): one happening, told twice, same people
        for draft, following in zip(drafts, drafts[1:], strict=False):
            if draft.place is not None or following.place is None:
                continue
            if _paragraph_between(text, draft.evidence[0], following.evidence[0].start):
                continue
            same_people = {p.agent for p in draft.participants} & {
                p.agent for p in following.participants
            }
            same_day = draft.date is not None and draft.date == following.date
            if same_people and same_day and draft.type != "speech":
                draft.set_place(following.place, PLACE_NEXT)

    def related_scenes(self) -> None:
        """See PLACE_SEQUEL, DATE_SEQUEL, PLACE_ACTED_ON, PARTICIPANT_ACTED_ON and
        PLACE_MAIN_CLAUSE: an event with no date or place of its own takes them from the
        event its clause follows at once, is done to, or hangs from; who acts on an event
        takes part in it."""
        doc = self.ctx.doc
        told = sorted((d for d in self.other if d.anchor_i >= 0), key=lambda d: d.token_i)
        for draft in told:
            chain = clause_chain(doc[draft.anchor_i])
            earlier = self._followed(chain[0])
            if earlier is not None and earlier is not draft:
                if draft.place is None and earlier.place is not None:
                    draft.set_place(earlier.place, PLACE_SEQUEL)
                inferred = draft.date_rule in ("", DATE_NARRATIVE) and draft.date_text is None
                if inferred and earlier.date is not None:
                    draft.set_date(earlier.date, earlier.end_date, None, DATE_SEQUEL)
            acted_on = None
            if not draft.nominal and draft.type != "speech":
                acted_on = self._object_event(chain[0])
            if acted_on is not None and acted_on is not draft:
                if draft.place is None and acted_on.place:
                    draft.set_place(acted_on.place, PLACE_ACTED_ON)
                for p in draft.participants:  # "police broke up the march": police in it
                    if p.role in ("organizer", "other") and p.agent not in acted_on.subjects():
                        acted_on.add(p.agent, "other", p.evidence, PARTICIPANT_ACTED_ON)
            if draft.place is None:
                main = next((self.by_token[v.i] for v in chain[1:] if v.i in self.by_token), None)
                if main is not None and main is not draft and main.place is not None:
                    draft.set_place(main.place, PLACE_MAIN_CLAUSE)

    def _followed(self, verb: Token) -> _Draft | None:
        """The event a verb's clause follows at once: "after <gerund telling it>", or a
        fronted "after <noun telling it>, …" ("he resigned after the vote" may be days
        later)."""
        for prep in _deps(verb, "prep"):
            if prep.lower_ not in SEQUEL_PREPOSITIONS or _deps(prep, "npadvmod"):
                continue
            for obj in prep.children:
                fronted = prep.i < verb.i and obj.dep_ == "pobj"
                if obj.dep_ == "pcomp" or fronted:
                    found = self._event_named(obj)
                    if found is not None:
                        return found
        return None

    def _object_event(self, verb: Token) -> _Draft | None:
        """The event a verb acts on: named in its object phrase ("the rally", "the leaders of
        the march"), or in its subject's when passive."""
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        for obj in _deps(verb, "nsubjpass" if passive else "dobj"):
            for token in _noun_phrase(obj):
                found = self._event_named(token) if token.pos_ == "NOUN" else None
                if found is not None:
                    return found
        return None

    def _event_named(self, token: Token) -> _Draft | None:
        """The event a token tells: the one its trigger joined, else the only event of the
        story told under the same noun ("dispersed the march" and, later, "where the march
        was held")."""
        if token.i in self.by_token:
            return self.by_token[token.i]
        key = token.lemma_.lower()
        if key not in self.vocab.nouns:
            return None
        doc = self.ctx.doc
        same = [  # (a hosted event is told by its noun, with no vocabulary key)
            d
            for d in self.hosted + self.other
            if d.key == key or not d.key and d.token_i >= 0 and doc[d.token_i].lemma_.lower() == key
        ]
        return same[0] if len(same) == 1 else None

    @rule("participants.attendance")
    def attendance(self) -> None:
        """ "<A> and <B> were present", "<A> attended the ceremony": they attended the last
        event told before (of the noun's type when one is named). Articles about an event
        someone hosts have their own rules for this (`participants`)."""
        if self.hosted:
            return
        ctx = self.ctx
        vocab = events_vocabulary()
        for token in tokens_of(ctx.doc):
            lemma = token.lemma_.lower()
            present = lemma == "present" and token.dep_ == "acomp" and token.head.lemma_ == "be"
            attend = lemma == "attend" and token.pos_ == "VERB"
            if not (present or attend) or any(c.dep_ == "neg" for c in token.children):
                continue
            verb = token.head if present else token
            if any(c.dep_ == "neg" for c in verb.children):
                continue
            etype = None
            for obj in verb.children:
                if obj.dep_ == "dobj" and obj.lemma_.lower() in vocab.nouns:
                    etype = vocab.nouns[obj.lemma_.lower()].type
            index = ctx.sentence_index(token.idx)
            earlier = [
                d
                for d in self.other
                if d.sentence <= index and d.type != "speech" and etype in (None, d.type)
            ]
            target = max(earlier, key=lambda d: d.sentence) if earlier else None
            if target is None:
                continue
            evidence = ctx.sentence_of(token)
            people: list[str] = []
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            for subject in subjects:
                people += ctx.entities_for(subject, ("person",))
                people += self._family(subject)
            if not subjects:  # a parse that lost the subject: the people named before
                sent = sentence(token)
                people += ctx.entities_in(sent.start_char, token.idx, "person")
                people += self._family(ctx.doc[sent.start : token.i])
            for key in people:
                if not any(p.agent == key for p in target.participants):
                    target.add(key, "attendee", evidence, id_of(self.attendance))
            # "present to <verb> … at <Place>": where the attendees were is where the event was
            if target.place is None:
                target.set_place(place_in_clause(ctx, verb), PLACE_ATTENDANCE)

    def _family(self, tokens) -> list[str]:
        """The people a plural surname names ("the <Surname>s"): everyone of that surname in
        the article. `tokens`: a token (its subtree is read) or a span."""
        found: list[str] = []
        for t in tokens.subtree if isinstance(tokens, Token) else tokens:
            if t.pos_ != "PROPN" or not t.text.endswith("s") or not t.text[:1].isupper():
                continue
            surname = t.text[:-1]
            found += [
                e.key
                for e in self.ctx.entities.values()
                if e.kind == "person" and e.name.split()[-1] == surname and e.key not in found
            ]
        return found

    @rule("participants.listed_honorees")
    def listed_honorees(self) -> None:
        """A copular sentence whose subject is a noun of honourees ("the recipients are",
        "the laureates were") followed by names: everyone listed is an honoree of the last
        event that has honorees."""
        ctx = self.ctx
        nouns = events_vocabulary().honoree_nouns
        for sent in all_sentences(ctx.doc):
            subject = next(
                (
                    t
                    for t in tokens_in(sent)
                    if t.dep_ == "nsubj" and t.lemma_.lower() in nouns and t.head.lemma_ == "be"
                ),
                None,
            )
            if subject is None:
                continue
            index = ctx.sentence_index(sent.start_char)
            target = None
            for draft in self.hosted + self.other:
                if draft.sentence <= index and any(p.role == "honoree" for p in draft.participants):
                    target = draft
            if target is None:
                continue
            evidence = ctx.span_of(sent)
            target.evidence.append(evidence)
            for key in ctx.entities_in(sent.start_char, sent.end_char, "person"):
                target.add(key, "honoree", evidence, id_of(self.listed_honorees))

    def _last_of_type(
        self, etype: str, before_sentence: int, this_story: bool = False
    ) -> _Draft | None:
        """The last event of a type told up to a sentence (any type for ""); with
        `this_story`, not one told as another occurrence ("the last election")."""
        candidates = [
            d
            for d in self.hosted + self.other
            if d.type == etype or not etype and d.sentence <= before_sentence
        ]
        candidates = [
            d
            for d in candidates
            if d.sentence <= before_sentence and not (this_story and d.another_occurrence)
        ]
        return max(candidates, key=lambda d: d.sentence) if candidates else None

    def _merge_clause(self, draft: _Draft) -> None:
        """One event per happening: a later mention with the same type and the same people
        (and no other date) adds its evidence, date, place and participants to the first."""
        agents = {p.agent for p in draft.participants}
        for other in self.hosted + self.other:
            if draft.another_occurrence or other.another_occurrence:
                continue
            if other.type != draft.type:
                # "seized power in a revolution": the catch-all noun names the verb's event
                # of a post
                if (
                    draft.type == "other"
                    and self.vocab.behaves(other.type, "office")
                    and self._names_the_verbs_event(other, draft)
                ):
                    other.fill_from(draft)
                    other.evidence += [e for e in draft.evidence if e not in other.evidence]
                    self.by_token[draft.token_i] = other
                    return
                continue
            if self._names_the_verbs_event(other, draft):  # "won … in the election"
                other.fill_from(draft)
                for p in draft.participants:
                    other.add(p.agent, p.role, p.evidence, p.rule)
                self.by_token[draft.token_i] = other
                return
            # two acts of the catch-all type ("handed over … when he underwent") are two
            # happenings, unless one word tells both or the later one refers back
            if draft.type == "other" and other.key != draft.key and not draft.definite:
                continue
            other_agents = {p.agent for p in other.participants}
            if not (agents and other_agents) or not (
                agents <= other_agents or other_agents <= agents
            ):
                continue
            if draft.subjects() and other.subjects() and not draft.subjects() & other.subjects():
                continue  # "<A> succeeds <B> …; <B> became prime minister in 1997": two posts
            once = self.vocab.behaves(draft.type, "once") and draft.subjects() & other.subjects()
            if draft.date and other.date and draft.date != other.date and not once:
                continue
            if draft.future != other.future:
                continue  # "will visit" is not the visit that already took place
            other.evidence += draft.evidence
            if once and other.date_rule == DATE_PERFECT and draft.date_rule == DATE_IN_CLAUSE:
                # "has died …; she died on Saturday": the day told, not the day of the story
                other.set_date(draft.date, draft.end_date, draft.date_text, draft.date_rule)
            other.fill_from(draft)
            for p in draft.participants:
                other.add(p.agent, p.role, p.evidence, p.rule)
            self.by_token[draft.token_i] = other
            return
        self.by_token[draft.token_i] = draft
        self.other.append(draft)

    def _names_the_verbs_event(self, one: _Draft, two: _Draft) -> bool:
        """A noun of the type inside the phrase of a verb of that type, naming nobody the verb
        does not ("won 61% of the vote in the election", "the election was won by …"): the
        noun names the verb's event."""
        if one.sentence != two.sentence or one.nominal == two.nominal:
            return False
        verb, noun = (one, two) if two.nominal else (two, one)
        if verb.token_i < 0 or noun.token_i < 0:
            return False
        if not {p.agent for p in noun.participants} <= {p.agent for p in verb.participants}:
            return False  # "arrested X after the arrest of Y": two arrests
        doc = self.ctx.doc
        return doc[noun.token_i] in doc[verb.token_i].subtree

    @rule("events.conflict")
    def conflicts(self, event_names: set[str]) -> None:
        """A noun of armed conflict named by a name the article uses as an event's ("the
        <Name> operation") or with its target ("the war on <Place>")."""
        ctx = self.ctx
        for token in tokens_of(ctx.doc):
            etype = CONFLICT_NOUNS.get(token.lower_)
            if etype is None or token.pos_ != "NOUN":
                continue
            compounds = [
                t for t in token.lefts if t.dep_ in ("compound", "amod") and t.text[:1].isupper()
            ]
            name = (
                ctx.doc[min(t.left_edge.i for t in compounds) : token.i].text if compounds else ""
            )
            named = name and fold(name) in event_names
            place = None
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in TARGET_PREPOSITIONS:
                    for obj in prep.children:
                        key = ctx.entity_of_token(obj)
                        if key is not None and ctx.kind(key) == "place":
                            place = key
            if not named and place is None:
                continue
            if not named and etype != "war":
                continue
            date, end, text = _date_near(
                ctx, token.head if token.dep_ == "nsubj" else token, after_only=True
            )
            label = (
                f"{name} {token.text}"
                if named or place is None
                else f"{token.text} on {ctx.entities[place].name}"
            )
            draft = _Draft(
                etype,
                label,
                [ctx.sentence_of(token)],
                ctx.sentence_index(token.idx),
                rule=id_of(self.conflicts),
            )
            draft.set_date(date, end, text, DATE_NEAR)
            draft.set_place(place, PLACE_IN_CLAUSE)
            self._merge(draft, by_label=True)

    def _merge(self, draft: _Draft, by_label: bool = False) -> None:
        for other in self.other:
            same = other.type == draft.type and (
                (draft.subjects() and other.subjects() == draft.subjects())
                or (
                    by_label
                    and (
                        fold(other.label) == fold(draft.label)
                        or draft.place
                        and other.place == draft.place
                    )
                )
            )
            if same:
                other.evidence += draft.evidence
                other.fill_from(draft)
                return
        self.other.append(draft)


def find_events(
    ctx: ArticleContext, event_names: set[str], roles: Sequence[Role] = ()
) -> list[Event]:
    finder = _Finder(ctx)
    finder.hosted_events()
    finder.participants()
    finder.clause_events()
    finder.title_references(roles)
    finder.posts_of_subjects(roles)
    finder.counted_deaths()
    finder.listed_honorees()
    finder.attendance()
    finder.vote_shares()
    finder.conflicts(event_names)
    finder.beginnings()
    finder.story_times()
    finder.narrative_dates()
    finder.related_scenes()
    finder.earlier_occurrences()
    finder.same_kind_scenes()
    finder.office_places(roles)
    events = []
    for i, draft in enumerate(finder.hosted + finder.other, start=1):
        events.append(
            Event(
                key=f"event/{ctx.article.id}/{i}",
                type=draft.type,
                label=draft.label
                or event_label(
                    draft.type, draft.participants, draft.place, lambda k: ctx.entities[k].name
                ),
                evidence=draft.evidence,
                date=draft.date,
                end_date=draft.end_date,
                date_text=draft.date_text,
                place=draft.place,
                participants=draft.participants,
                rule=draft.rule,
                date_rule=draft.date_rule,
                place_rule=draft.place_rule,
                score=draft.score,
            )
        )
    return events


def _holders_of_post(ctx: ArticleContext, noun: Token, roles: Sequence[Role]) -> set[str]:
    """Who holds the post "the <title> [of <Org>]" names: people with that title (any title
    ending in the noun, for a noun alone), in the organization the phrase names if any."""
    dets = {c.lower_ for c in noun.children if c.dep_ == "det"}
    former = any(c.lower_ in TITLE_TIME_WORDS for c in noun.children if c.dep_ == "amod")
    if noun.tag_ != "NN" or not ("the" in dets or dets & INDEFINITE_ARTICLES and former):
        return set()  # "the mayor", "a former mayor": one post's holder; "a mayor": anyone
    org = next(
        (
            ctx.entity_of_token(o)
            for p in noun.children
            if p.dep_ == "prep" and p.lower_ in ORGANIZATION_PREPOSITIONS
            for o in p.children
            if o.dep_ == "pobj" and ctx.entity_of_token(o) is not None
        ),
        None,
    )
    words = [
        t.lower_
        for t in noun.doc[noun.left_edge.i : noun.i + 1]
        if t.dep_ != "det" and t.lower_ not in TITLE_TIME_WORDS
    ]
    post = " ".join(words)

    def named_by(
        title: str,
    ) -> bool:  # "the minister": any minister; "the prime minister": that one
        return title == post or len(words) == 1 and title.split()[-1] == post

    return {
        r.person
        for r in roles
        if named_by(r.title.lower()) and (org is None or r.organization == org)
    }


def _counted_victims(verb: Token) -> bool:
    """The verb's patient (or the subject of "died") is a noun of people with a number:
    "23 people were killed", "killing 14 workers", "40 people died"."""
    people = events_vocabulary().people_nouns
    for noun in verb.children:
        if noun.dep_ not in ("nsubjpass", "dobj", "nsubj") or noun.lemma_.lower() not in people:
            continue
        if any(c.dep_ == "nummod" and c.like_num for c in noun.children):
            return True
    return False


def _when_clauses_on(verb: Token) -> list[Token]:
    """The clauses a time marker opens on a verb ("… when a bus plunged …")."""
    return [
        clause
        for clause in verb.children
        if clause.dep_ == "advcl" and any(m.lower_ in TIME_MARKERS for m in clause.children)
    ]


def _when_clauses(mention: EventMention) -> list[Token]:
    """The "when" clauses on the trigger's clause or a clause joined to it ("were killed and
    dozens injured when a bus plunged …")."""
    verbs = [mention.anchor] + [c for c in mention.anchor.children if c.dep_ == "conj"]
    return [clause for verb in verbs for clause in _when_clauses_on(verb)]


def _dated_by_its_year(mention: EventMention) -> bool:
    """ "the 1975 civil war", "a 1988 coup": a noun trigger with a year written before it."""
    if not mention.nominal:
        return False
    return any(
        c.i < mention.token.i and c.ent_type_ == "DATE" and c.like_num and len(c.text) == 4
        for c in mention.token.children
    )


def _is_vote_share(noun: Token) -> bool:
    """ "30%", "5 percent", "1,200 votes": a number of the vote, or a share of it."""
    if noun.lower_ in PERCENT_WORDS or noun.lemma_.lower() in VOTE_NOUNS:
        return any(c.dep_ == "nummod" or c.like_num for c in noun.children) or noun.like_num
    return False


# dependency labels (spaCy's, not words) of clauses inside a noun phrase
# (and of a compound: a "war criminal" is a person, not a war)
_CLAUSE_DEPENDENCIES = ("relcl", "acl", "ccomp", "advcl", "appos", "compound")


def _noun_phrase(noun: Token) -> list[Token]:
    """A noun with its modifiers and "of" phrases, in order, without the clauses that tell
    more about it (a relative clause names other things) or the nouns that classify it."""
    found, todo = [], [noun]
    while todo:
        token = todo.pop()
        found.append(token)
        todo += [c for c in token.children if c.dep_ not in _CLAUSE_DEPENDENCIES]
    return sorted(found, key=lambda t: t.i)


def _deps(token: Token, dep: str) -> list[Token]:
    return [c for c in token.children if c.dep_ == dep]


def _drop_lesser_roles(draft: _Draft) -> None:
    """One who speaks or chairs is no mere attendee; one who chairs is no speaker."""
    roles: dict[str, set[str]] = {}
    for p in draft.participants:
        roles.setdefault(p.agent, set()).add(p.role)
    draft.participants = [
        p
        for p in draft.participants
        if not (p.role == "attendee" and len(roles[p.agent]) > 1)
        and not (p.role == "speaker" and "facilitator" in roles[p.agent])
    ]

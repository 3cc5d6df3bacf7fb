"""Events with their type, date, place and participants in typed roles.

Two kinds of events are found, each by the grammar around a trigger word:
- hosted events: "<Org> held its annual conference on <date> in <place>"; later sentences of
  the article (until another hosted event is introduced) add speakers ("remarks from X",
  "X delivered a speech", "featuring X"), a facilitator ("facilitated by X"), attendees
  ("present at the conference were …") and honorees ("the conference honored X");
  "the conference" / "the event" refer back to it;
- things that happen to someone: "X was released on <date>", "his release in …",
  "Born in <place> in <year>, he …", "<Org> was established in <year>", "the war on <place>".
Mentions of the same event within an article are merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from newskg.extract.context import ArticleContext
from newskg.extract.dates import WEEKDAYS as WEEKDAY_NAMES
from newskg.extract.dates import resolve_date
from newskg.extract.lexicon import (
    ATTENDANCE_WORDS,
    CONFLICT_NOUNS,
    FACILITATOR_VERBS,
    HONOR_WORDS,
    HOST_VERBS,
    HOSTED_EVENT_NOUNS,
    LIFE_EVENT_NOUNS,
    LIFE_EVENT_SUBJECT,
    LIFE_EVENT_VERBS,
    SPEAKER_NOUNS,
    SPEAKER_VERBS,
)
from newskg.extract.sentences import all_sentences, sentence, text_of
from newskg.model import Event, Participation, Span
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

    def add(self, agent: str, role: str, evidence: Span) -> None:
        if not any(p.agent == agent and p.role == role for p in self.participants):
            self.participants.append(Participation(agent, role, evidence))

    def subjects(self) -> frozenset[str]:
        return frozenset(p.agent for p in self.participants if p.role == "subject")


def _date_near(ctx: ArticleContext, token: Token, after_only: bool = False):
    """The first calendar date in the trigger's clause: in its subtree, else after it in the
    sentence, else (unless after_only) anywhere in the sentence."""
    sent = sentence(token)
    ents = [
        e
        for e in ctx.doc.ents
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
        resolved = resolve_date(ent.text, ctx.article.published, context)
        if resolved:
            return resolved[0], resolved[1], None
        if re.search(r"\d", ent.text) and not re.search(r"years?|months?|weeks?|days?", ent.text):
            return None, None, ent.text
    return None, None, None


def _place_in_sentence(ctx: ArticleContext, token: Token) -> str | None:
    places = ctx.entities_in(sentence(token).start_char, sentence(token).end_char, "place")
    if not places:
        return None
    cities = [p for p in places if ctx.entities[p].place_kind == "city"]
    return (cities or places)[0]


def _subjects(ctx: ArticleContext, verb: Token, kind: str) -> list[str]:
    kinds = (kind,)
    for child in verb.children:
        if child.dep_ in ("nsubjpass", "nsubj"):
            if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
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
        self.hosted: list[_Draft] = []
        self.other: list[_Draft] = []

    # --- hosted events -----------------------------------------------------------------
    def hosted_events(self) -> None:
        ctx = self.ctx
        for token in ctx.doc:
            etype = HOSTED_EVENT_NOUNS.get(token.lemma_.lower())
            if etype is None or token.pos_ != "NOUN" or token.dep_ != "dobj":
                continue
            verb = token.head
            if verb.lemma_.lower() not in HOST_VERBS:
                continue
            organizers = _subjects(ctx, verb, "organization") or _subjects(ctx, verb, "person")
            sentence = ctx.sentence_index(token.idx)
            evidence = ctx.sentence_of(token)
            date, end, text = _date_near(ctx, verb)
            place = _place_in_sentence(ctx, token)
            existing = self._same_hosted(etype, organizers, place)
            if existing is not None:
                existing.evidence.append(evidence)
                existing.date = existing.date or date
                existing.end_date = existing.end_date or end
                existing.place = existing.place or place
                continue
            label = _label(token)
            if organizers:
                label += f" of {ctx.entities[organizers[0]].name}"
            if place:
                label += f" in {ctx.entities[place].name}"
            draft = _Draft(
                etype, label[:1].upper() + label[1:], [evidence], sentence, date, end, text, place
            )
            for org in organizers:
                draft.add(org, "organizer", evidence)
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
            lemmas = {t.lemma_.lower() for t in sent}
            for token in sent:
                lemma = token.lemma_.lower()
                if token.pos_ in ("VERB", "AUX") and lemma in SPEAKER_VERBS and lemma != "open":
                    for child in token.children:
                        if child.dep_ == "nsubj":
                            for key in ctx.entities_for(child, ("person",)):
                                draft.add(key, "speaker", evidence)
                if token.lower_ in SPEAKER_NOUNS and token.pos_ == "NOUN":
                    for prep in token.children:
                        if prep.dep_ == "prep" and prep.lower_ in ("from", "by"):
                            for obj in prep.children:
                                for key in ctx.entities_for(obj, ("person",)):
                                    draft.add(key, "speaker", evidence)
                if lemma == "feature" and token.pos_ == "VERB":
                    for key in ctx.entities_in(token.idx, sent.end_char, "person"):
                        draft.add(key, "speaker", evidence)
                if lemma in FACILITATOR_VERBS and token.tag_ == "VBN":
                    for agent in token.children:
                        if agent.dep_ == "agent":
                            for obj in agent.children:
                                for key in ctx.entities_for(obj, ("person", "organization")):
                                    draft.add(key, "facilitator", evidence)
            if lemmas & HONOR_WORDS:
                trigger = next(t for t in sent if t.lemma_.lower() in HONOR_WORDS)
                for key in ctx.entities_in(trigger.idx, sent.end_char, "person"):
                    draft.add(key, "honoree", evidence)
            elif lemmas & ATTENDANCE_WORDS and any(
                t.lemma_.lower() in ATTENDANCE_WORDS and t.pos_ in ("VERB", "ADJ", "NOUN", "ADP")
                for t in sent
            ):
                for key in ctx.entities_in(sent.start_char, sent.end_char, "person"):
                    draft.add(key, "attendee", evidence)
        for draft in self.hosted:
            roles: dict[str, set[str]] = {}
            for p in draft.participants:
                roles.setdefault(p.agent, set()).add(p.role)
            draft.participants = [
                p
                for p in draft.participants
                if not (p.role == "attendee" and len(roles[p.agent]) > 1)
                and not (p.role == "speaker" and "facilitator" in roles[p.agent])
            ]

    # --- things that happen to someone ------------------------------------------------
    def life_events(self) -> None:
        ctx = self.ctx
        for token in ctx.doc:
            lemma = token.lemma_.lower()
            if (
                token.pos_ == "VERB"
                and lemma in LIFE_EVENT_VERBS
                and (token.tag_ == "VBN" or lemma in ("die",))
            ):
                etype = LIFE_EVENT_VERBS[lemma]
                subjects = _subjects(ctx, token, LIFE_EVENT_SUBJECT.get(etype, "person"))
            elif token.pos_ == "VERB" and lemma == "visit":
                etype = "visit"
                subjects = _subjects(ctx, token, "person") or _subjects(ctx, token, "organization")
            elif token.pos_ == "NOUN" and lemma in LIFE_EVENT_NOUNS and token.lower_ == lemma:
                etype = LIFE_EVENT_NOUNS[lemma]
                subjects = self._noun_subjects(token, LIFE_EVENT_SUBJECT.get(etype, "person"))
            else:
                continue
            if not subjects:
                continue
            date, end, text = _date_near(ctx, token, after_only=etype != "birth")
            place = None
            if etype in ("birth", "death", "arrest", "visit"):
                place = self._place_after(token)
            evidence = ctx.sentence_of(token)
            names = " and ".join(ctx.entities[s].name for s in subjects)
            draft = _Draft(
                etype,
                f"{etype.capitalize()} of {names}",
                [evidence],
                ctx.sentence_index(token.idx),
                date,
                end,
                text,
                place,
            )
            for s in subjects:
                draft.add(s, "subject", evidence)
            self._merge(draft)

    def _noun_subjects(self, token: Token, kind: str) -> list[str]:
        for child in token.children:
            if child.dep_ == "poss":
                return self.ctx.entities_for(child, (kind,))
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    found = self.ctx.entities_for(obj, (kind,))
                    if found:
                        return found
        return []

    def _place_after(self, token: Token) -> str | None:
        for obj in token.children:  # "visited <City>"
            if obj.dep_ == "dobj":
                key = self.ctx.entity_of_token(obj)
                if key is not None and self.ctx.kind(key) == "place":
                    return key
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                for obj in prep.children:
                    key = self.ctx.entity_of_token(obj)
                    if key is not None and self.ctx.kind(key) == "place":
                        return key
        return None

    def conflicts(self, event_names: set[str]) -> None:
        ctx = self.ctx
        for token in ctx.doc:
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
                if prep.dep_ == "prep" and prep.lower_ in ("on", "in", "against"):
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
                f"{name} {token.text}" if named else f"{token.text} on {ctx.entities[place].name}"
            )
            draft = _Draft(
                etype,
                label,
                [ctx.sentence_of(token)],
                ctx.sentence_index(token.idx),
                date,
                end,
                text,
                place,
            )
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
                if other.date is None and draft.date:
                    other.date, other.end_date, other.date_text = draft.date, draft.end_date, None
                if other.date is None and other.date_text is None:
                    other.date_text = draft.date_text
                other.place = other.place or draft.place
                return
        self.other.append(draft)


def find_events(ctx: ArticleContext, event_names: set[str]) -> list[Event]:
    finder = _Finder(ctx)
    finder.hosted_events()
    finder.participants()
    finder.life_events()
    finder.conflicts(event_names)
    events = []
    for i, draft in enumerate(finder.hosted + finder.other, start=1):
        events.append(
            Event(
                key=f"event/{ctx.article.id}/{i}",
                type=draft.type,
                label=draft.label,
                evidence=draft.evidence,
                date=draft.date,
                end_date=draft.end_date,
                date_text=draft.date_text,
                place=draft.place,
                participants=draft.participants,
            )
        )
    return events

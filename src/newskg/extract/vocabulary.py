"""The word lists the rules use, read once from the YAML files of a language folder
(`extract/lang/en/`).

They are data so that a user can teach newskg a new trigger word, title or demonym without
writing code; their values are SKOS notations of ontology/vocabularies.ttl (a test checks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGUAGE = "en"  # the folder of `extract/lang/` the rules read; one language today


@cache
def load(name: str, language: str = LANGUAGE) -> Any:
    """One data file of a language folder, parsed (cached: read once per process)."""
    folder = resources.files("newskg.extract").joinpath("lang", language)
    if not folder.is_dir():
        raise ValueError(f"no language folder extract/lang/{language}")
    return yaml.safe_load(folder.joinpath(f"{name}.yaml").read_text("utf-8"))


@dataclass(frozen=True)
class Trigger:
    """A word that reports an event: its type and how its grammatical slots map to roles."""

    type: str
    roles: dict[str, str]
    passive_only: bool = False  # "X was tried": the active verb means something else
    needs_as: bool = False  # "named X as director": without "as" it is not an appointment
    needs_object: bool = False
    needs_recipient: bool = False  # "presented the medal to X"
    # "welcomed X" is a meeting, "welcomed the decision" none; or the kind the patient must be
    needs_patient: bool | str = False
    needs_title: bool = False  # "became chancellor": a title completes the verb
    # "has served as CFO since 2016": the post began then; "served as CFO" alone is a tenure
    needs_start: bool = False
    when_fatal: str | None = None  # "fatally shot": the type of the event then
    needs_score: bool = False  # "edged X 2-1": without a score it is no match
    when_score: str | None = None  # "beat X 3-1": the type of the event with a score
    by_object: dict[str, str] = field(default_factory=dict)  # "won a term" → election
    only_by_object: bool = False  # "cut 300 jobs" is a lay-off, "cut rates" no event
    when_as_title: str | None = None  # "took over as leader": the type then (an appointment)
    by_subject: dict[str, str] = field(default_factory=dict)  # "a bomber killed" → attack
    only_by_subject: bool = False  # "shares rose" is a share price move, "prices rose" none
    own_roles: dict[str, str | None] = field(default_factory=dict)  # the entry's, over its type's
    # the entry's roles once by_object retypes it, by type ("won the prize": honoree)
    own_roles_by_type: dict[str, dict[str, str | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class EventType:
    """One event type of events.yaml: its SKOS concept and its behaviours."""

    notation: str
    label: str
    definition: str
    broader: str | None
    roles: dict[str, str]
    contest: bool = False  # a match or an election: contest nouns name its contestants
    toll: bool = False  # a disaster: deaths told with it are its toll
    own_date_only: bool = False  # undated, it does not take the day of the story around it
    possessive_place: bool = False  # "<Country>'s election": the place, not who holds it
    once: bool = False  # a death, a birth: one per person, however many times it is told
    office: bool = False  # about a post: held, with no place told, where the post is
    body_organizes: bool = False  # a body that does it organizes it; a person who does is other

    def is_a(self, other: str, types: dict[str, EventType]) -> bool:
        """This type, or one it narrows, is `other`."""
        node: EventType | None = self
        while node is not None:
            if node.notation == other:
                return True
            node = types.get(node.broader) if node.broader else None
        return False


@dataclass(frozen=True)
class EventVocabulary:
    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    back_references: frozenset[str]
    beginning_verbs: frozenset[str]
    prospect_verbs: frozenset[str]
    prospect_adjectives: frozenset[str]
    obligation_verbs: frozenset[str]
    other_occurrence_words: frozenset[str]
    hypothetical_modals: frozenset[str]
    people_nouns: frozenset[str] = frozenset()
    person_patient_types: frozenset[str] = frozenset()
    honoree_nouns: frozenset[str] = frozenset()
    roles_by_type: dict[str, dict[str, str]] = field(default_factory=dict)
    same_event_types: tuple[frozenset[str], ...] = ()  # types one event may be told with
    types: dict[str, EventType] = field(default_factory=dict)
    contest_nouns: frozenset[str] = frozenset()
    labels: dict = field(default_factory=dict)  # the words of event labels

    def behaves(self, etype: str, behaviour: str) -> bool:
        """Does the type (or one it narrows) have this behaviour (contest, toll)?"""
        node = self.types.get(etype)
        while node is not None:
            if getattr(node, behaviour):
                return True
            node = self.types.get(node.broader) if node.broader else None
        return False

    def with_behaviour(self, behaviour: str) -> frozenset[str]:
        """The types that have this behaviour, themselves or through a broader type."""
        return frozenset(t for t in self.types if self.behaves(t, behaviour))


def _trigger(entry: str | dict, roles_by_type: dict[str, dict[str, str]]) -> Trigger:
    if isinstance(entry, str):
        entry = {"type": entry}
    etype = entry["type"]
    roles = {**roles_by_type.get(etype, {}), **(entry.get("roles") or {})}
    roles = {slot: role for slot, role in roles.items() if role}  # null drops a slot
    return Trigger(
        type=etype,
        roles=roles,
        passive_only=bool(entry.get("passive_only")),
        needs_as=bool(entry.get("needs_as")),
        needs_object=bool(entry.get("needs_object")),
        needs_recipient=bool(entry.get("needs_recipient")),
        needs_patient=entry.get("needs_patient") or False,
        needs_title=bool(entry.get("needs_title")),
        needs_start=bool(entry.get("needs_start")),
        when_fatal=entry.get("when_fatal"),
        needs_score=bool(entry.get("needs_score")),
        when_score=entry.get("when_score"),
        by_object=dict(entry.get("by_object") or {}),
        only_by_object=bool(entry.get("only_by_object")),
        when_as_title=entry.get("when_as_title"),
        by_subject=dict(entry.get("by_subject") or {}),
        only_by_subject=bool(entry.get("only_by_subject")),
        own_roles=dict(entry.get("roles") or {}),
        own_roles_by_type={k: dict(v) for k, v in (entry.get("roles_by_type") or {}).items()},
    )


@cache
def events() -> EventVocabulary:
    data = load("events")
    types = {
        name: EventType(
            name,
            entry["label"],
            entry["definition"],
            entry.get("broader"),
            {slot: role for slot, role in (entry.get("roles") or {}).items()},
            bool(entry.get("contest")),
            bool(entry.get("toll")),
            bool(entry.get("own_date_only")),
            bool(entry.get("possessive_place")),
            bool(entry.get("once")),
            bool(entry.get("office")),
            bool(entry.get("body_organizes")),
        )
        for name, entry in data["types"].items()
    }
    by_type = {name: t.roles for name, t in types.items()}
    return EventVocabulary(
        verbs={k: _trigger(v, by_type) for k, v in data["verbs"].items()},
        nouns={k: _trigger(v, by_type) for k, v in data["nouns"].items()},
        back_references=frozenset(data["back_references"]),
        beginning_verbs=frozenset(data["beginning_verbs"]),
        prospect_verbs=frozenset(data["prospect_verbs"]),
        prospect_adjectives=frozenset(data["prospect_adjectives"]),
        obligation_verbs=frozenset(data["obligation_verbs"]),
        other_occurrence_words=frozenset(data["other_occurrence_words"]),
        hypothetical_modals=frozenset(data["hypothetical_modals"]),
        people_nouns=frozenset(data["people_nouns"]),
        person_patient_types=frozenset(data["person_patient_types"]),
        honoree_nouns=frozenset(data["honoree_nouns"]),
        roles_by_type=by_type,
        same_event_types=tuple(frozenset(g) for g in data.get("same_event_types") or []),
        types=types,
        contest_nouns=frozenset(data["contest_nouns"]),
        labels=dict(data["labels"]),
    )

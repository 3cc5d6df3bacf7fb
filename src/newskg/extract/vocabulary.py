"""The word lists the rules use, read once from the YAML files in `extract/data/`.

They are data so that a user can teach newskg a new trigger word, title or demonym without
writing code; their values are SKOS notations of ontology/vocabularies.ttl (a test checks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """One data file of the package, parsed (cached: each file is read once per process)."""
    text = resources.files("newskg.extract").joinpath("data", f"{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@dataclass(frozen=True)
class Trigger:
    """A word that reports an event: its type and how its grammatical slots map to roles."""

    type: str
    roles: dict[str, str]
    passive_only: bool = False  # "X was tried": the active verb means something else
    needs_as: bool = False  # "named X as director": without "as" it is not an appointment
    needs_object: bool = False
    needs_recipient: bool = False  # "presented the medal to X"
    needs_title: bool = False  # "became chancellor": a title completes the verb
    when_fatal: str | None = None  # "fatally shot": the type of the event then


@dataclass(frozen=True)
class EventVocabulary:
    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    back_references: frozenset[str]
    prospect_verbs: frozenset[str]
    hypothetical_modals: frozenset[str]
    people_nouns: frozenset[str] = frozenset()
    person_patient_types: frozenset[str] = frozenset()
    honoree_nouns: frozenset[str] = frozenset()
    roles_by_type: dict[str, dict[str, str]] = field(default_factory=dict)
    same_event_types: tuple[frozenset[str], ...] = ()  # types one event may be told with


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
        needs_title=bool(entry.get("needs_title")),
        when_fatal=entry.get("when_fatal"),
    )


@cache
def events() -> EventVocabulary:
    data = load("events")
    by_type = data["roles_by_type"]
    return EventVocabulary(
        verbs={k: _trigger(v, by_type) for k, v in data["verbs"].items()},
        nouns={k: _trigger(v, by_type) for k, v in data["nouns"].items()},
        back_references=frozenset(data["back_references"]),
        prospect_verbs=frozenset(data["prospect_verbs"]),
        hypothetical_modals=frozenset(data["hypothetical_modals"]),
        people_nouns=frozenset(data["people_nouns"]),
        person_patient_types=frozenset(data["person_patient_types"]),
        honoree_nouns=frozenset(data["honoree_nouns"]),
        roles_by_type=by_type,
        same_event_types=tuple(frozenset(g) for g in data.get("same_event_types") or []),
    )

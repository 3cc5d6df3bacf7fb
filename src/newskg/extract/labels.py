"""Event labels in words, from what the graph knows of the event: its type, who took part in
which role, and where. Never from the word the article told it with (that stays the event's
evidence), so two tellings of one happening read the same, and a label reads as a title:
"Arrest of Tomas Kell in Riga", "Statement by Lena Ortiz", "Match between Porto Vale and
Riverside". The words are the language's (extract/lang/en/events.yaml, `labels`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newskg.extract.vocabulary import events as events_vocabulary
from newskg.model import Participation

_MOST_NAMES = 3  # beyond this, "A, B, C and 12 others"

# The roles a label names first, in order: the event happens to them or they gather for it;
# organizers follow after "by" when someone else is named first.
_MAIN_ROLES = ("subject", "honoree", "attendee", "speaker", "facilitator", "other")
_BY_ROLES = ("organizer",)


def event_label(
    etype: str,
    participants: Sequence[Participation],
    place: str | None,
    name_of: Callable[[str], str],
) -> str:
    vocab = events_vocabulary()
    words = vocab.labels
    title = _title(etype)
    by_role: dict[str, list[str]] = {}
    for p in participants:
        names = by_role.setdefault(p.role, [])
        if name_of(p.agent) not in names:
            names.append(name_of(p.agent))
    if etype == "speech" or vocab.types.get(etype) and vocab.behaves(etype, "contest"):
        label = _contest_or_statement(etype, title, by_role, words)
    else:
        main = next((by_role[r] for r in _MAIN_ROLES if by_role.get(r)), [])
        organizers = [n for r in _BY_ROLES for n in by_role.get(r, []) if n not in main]
        joiner = words["involving"] if etype == "other" else words["of"]
        label = title
        if main:
            label += f" {joiner} {_names(main, words)}"
            if organizers:
                label += f" {words['by']} {_names(organizers, words)}"
        elif organizers:
            label += f" {words['by'] if etype != 'other' else joiner} {_names(organizers, words)}"
    if place is not None:
        label += f" {words['in']} {name_of(place)}"
    return label


def _contest_or_statement(etype: str, title: str, by_role: dict, words: dict) -> str:
    if etype == "speech":
        speakers = by_role.get("speaker") or by_role.get("facilitator") or []
        return f"{title} {words['by']} {_names(speakers, words)}" if speakers else title
    sides = (by_role.get("subject") or []) + (by_role.get("other") or [])
    if len(sides) >= 2:
        return f"{title} {words['between']} {_names(sides, words)}"
    return f"{title} {words['of']} {_names(sides, words)}" if sides else title


def _title(etype: str) -> str:
    vocab = events_vocabulary()
    special = vocab.labels.get("titles", {}).get(etype)
    if special:
        return str(special)
    entry = vocab.types.get(etype)
    label = entry.label if entry is not None else etype
    return label[:1].upper() + label[1:]


def _names(names: list[str], words: dict) -> str:
    if len(names) > _MOST_NAMES:
        rest = words["others"].format(n=len(names) - _MOST_NAMES + 1)
        return ", ".join(names[: _MOST_NAMES - 1]) + f" {words['and']} {rest}"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + f" {words['and']} {names[-1]}"

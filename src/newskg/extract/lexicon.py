"""The word lists the rules use, read from `extract/data/lexicon.yaml` (vocabulary as data:
a user adds a title, a hedge or a head noun there, without writing code).

They name kinds of things (titles, organization head nouns, event nouns), never particular
people or organizations: rules must generalize to articles nobody has seen.
"""

from __future__ import annotations

from newskg.extract.vocabulary import load

_DATA = load("lexicon")


def _set(name: str) -> frozenset[str]:
    return frozenset(_DATA[name])


def _map(name: str) -> dict:
    return dict(_DATA[name])


HONORIFICS = _set("honorifics")
ORG_HEADS = _set("org_heads")
ORG_NAME_CONNECTORS = _set("org_name_connectors")
ORG_NAME_EXTENDERS = _set("org_name_extenders")
EVENT_NAME_NOUNS = _set("event_name_nouns")
NAME_PARTICLES = _set("name_particles")
ROLE_NOUNS = _set("role_nouns")
ROLE_MODIFIERS = _set("role_modifiers")
GENERIC_BODIES = _set("generic_bodies")
SPEECH_VERBS = _set("speech_verbs")
# (phrase, qualifier), longest first so "more than" wins over "than"
QUANTITY_HEDGES: list[tuple[str, str]] = [(p, q) for p, q in _DATA["quantity_hedges"]]
QUANTITY_VERBS = _map("quantity_verbs")
NUMBER_WORDS = _map("number_words")
DURATION_UNITS = _set("duration_units")
KIN_NOUNS = _map("kin_nouns")
DEGREE_NOUNS = _set("degree_nouns")
HOSTED_EVENT_NOUNS = _map("hosted_event_nouns")
HOST_VERBS = _set("host_verbs")
CONFLICT_NOUNS = _map("conflict_nouns")
SPEAKER_VERBS = _set("speaker_verbs")
SPEAKER_NOUNS = _set("speaker_nouns")
FACILITATOR_VERBS = _set("facilitator_verbs")
ATTENDANCE_WORDS = _set("attendance_words")
HONOR_WORDS = _set("honor_words")
FACILITY_HEADS = _set("facility_heads")
WORK_HEADS = _set("work_heads")
# "led the <Org>" → leader: verbs whose subject holds a post in their object.
ROLE_VERBS = _map("role_verbs")
# Words before a title that say when, not what: "former president", "outgoing chancellor".
TITLE_TIME_WORDS = _set("title_time_words")
# Nouns before the name of a newspaper, broadcaster or show, which make the name an outlet.
MEDIA_NOUNS = _set("media_nouns")
# Common nouns that make a name an organization when they describe it ("<Name>, the airline").
ORG_NOUNS = _set("org_nouns")
# "<Name> province": nouns that make the name before them an administrative division.
DIVISION_NOUNS = _set("division_nouns")
PLACE_NAME_PARTICLES = _set("place_name_particles")
CURRENCY_SYMBOLS = _map("currency_symbols")
CURRENCY_NOUNS = _map("currency_nouns")
PERCENT_WORDS = _set("percent_words")

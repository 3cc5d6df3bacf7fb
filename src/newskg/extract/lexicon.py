"""The word lists the rules use, read from the language folder `extract/lang/en/`:
`lexicon.yaml` (content words: titles, hedges, head nouns), `grammar.yaml` (function words:
pronouns, determiners, prepositions) and `calendar.yaml` (days, months). Vocabulary is data:
a user adds a title or a hedge there without writing code, and no rule holds a word list.

They name kinds of things (titles, organization head nouns, event nouns), never particular
people or organizations: rules must generalize to articles nobody has seen.
"""

from __future__ import annotations

from newskg.extract.vocabulary import load

_DATA = load("lexicon")
_GRAMMAR = load("grammar")
CALENDAR = load("calendar")


def _set(name: str, data: dict = _DATA) -> frozenset[str]:
    return frozenset(data[name])


def _map(name: str, data: dict = _DATA) -> dict:
    return dict(data[name])


HONORIFICS = _set("honorifics")
ORG_HEADS = _set("org_heads")
ORG_NAME_CONNECTORS = _set("org_name_connectors")
ORG_NAME_EXTENDERS = _set("org_name_extenders")
EVENT_NAME_NOUNS = _set("event_name_nouns")
NAME_PARTICLES = _set("name_particles")
ROLE_NOUNS = _set("role_nouns")
# Offices no country holds: "Pope <Name>" names no post of the country of the story.
COUNTRYLESS_OFFICES = _set("countryless_offices")
OFFICES_ABROAD = _set("offices_abroad")
# "researchers at <Org>": people who act for the organization they are at.
ACTING_FOR_ORGANIZATION = _set("acting_for_organization")
# "a spokesman for <Org> said": one of them alone speaks for the organization.
SPEAKING_FOR_ORGANIZATION = _set("speaking_for_organization")
# "mayor" → city: the kind of place an office below a country is held in.
OFFICE_PLACES = _map("office_places")
# "Secretary of State": a portfolio after an office is part of its title.
PORTFOLIOS = _set("portfolios")
PARTY_HEADS = _set("party_heads")
CANDIDACY_NOUNS = _set("candidacy_nouns")
# "neurologist": endings that make a word a noun of occupation, listed or not.
OCCUPATION_SUFFIXES = tuple(sorted(_set("occupation_suffixes")))


def is_occupation(lower: str) -> bool:
    """A lowercased word that names an occupation or a post: listed, or by its ending."""
    return lower in ROLE_NOUNS or len(lower) >= 7 and lower.endswith(OCCUPATION_SUFFIXES)


ROLE_MODIFIERS = _set("role_modifiers")


def is_title_words(lowers) -> bool:
    """Every lowercased word is a title's: a post or a word that qualifies one ("chief
    executive officer", "interim director")."""
    return all(is_occupation(w) or w in ROLE_MODIFIERS for w in lowers)


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
# "<Person> flew to <City> for the summit": going somewhere for an event is attending it.
TRAVEL_VERBS = _set("travel_verbs")
HONOR_WORDS = _set("honor_words")
FACILITY_HEADS = _set("facility_heads")
WORK_HEADS = _set("work_heads")
# "her album <Title>": nouns that make the title after them a work.
WORK_NOUNS = _set("work_nouns")
# "led the <Org>" → leader: verbs whose subject holds a post in their object.
ROLE_VERBS = _map("role_verbs")
# Words before a title that say when, not what: "former president", "outgoing chancellor".
TITLE_TIME_WORDS = _set("title_time_words")
SUCCESSOR_NOUNS = _set("successor_nouns")
HOLDING_NOUNS = _set("holding_nouns")
SUCCESSION_VERBS = _set("succession_verbs")
# Nouns before the name of a newspaper, broadcaster or show, which make the name an outlet.
MEDIA_NOUNS = _set("media_nouns")
# Common nouns that make a name an organization when they describe it ("<Name>, the airline").
ORG_NOUNS = _set("org_nouns")
# "<Name> province": nouns that make the name before them an administrative division.
DIVISION_NOUNS = _set("division_nouns")
# "the city of <Name>", "<Name>, the capital": nouns that make the name they describe a place.
SETTLEMENT_NOUNS = _map("settlement_nouns")
PLACE_NAME_PARTICLES = _set("place_name_particles")
# "Mount <Name>", "<Name> River": names of features of the land or sea.
LANDFORM_FIRST = _set("landform_first")
LANDFORM_LAST = _set("landform_last")
# "re-elected": prefixes that stay joined to the word after their hyphen.
JOINED_PREFIXES = _set("joined_prefixes")
# "central <City>": words of direction that make the name after them a place.
COMPASS_ADJECTIVES = _set("compass_adjectives")
CURRENCY_SYMBOLS = _map("currency_symbols")
CURRENCY_NOUNS = _map("currency_nouns")
PERCENT_WORDS = _set("percent_words")
SCALE_WORDS = _map("scale_words")
VAGUE_NUMBERS = _map("vague_numbers")
TIME_OF_DAY_WORDS = _set("time_of_day_words")
TIME_OF_DAY_PHRASES = _set("time_of_day_phrases")
CALENDAR_WORDS = _set("calendar_words")
# "the same day": days told from the story's day, not from publication.
STORY_DAYS = frozenset(CALENDAR["story_days"])
# "at the time": the time of the happening told just before.
STORY_TIMES = frozenset(CALENDAR["story_times"])
SHARE_VERBS = _set("share_verbs")
VOTE_NOUNS = _set("vote_nouns")
COMPANY_TITLES = _set("company_titles")
CONGREGATION_HEADS = _set("congregation_heads")
BUILDING_PREPOSITIONS = _set("building_prepositions")
FAMILY_HEADS = _set("family_heads")
FAMILY_VERBS = _set("family_verbs")
AGE_UNITS = _set("age_units")
SPEECH_NOUNS = _set("speech_nouns")
STUDY_VERBS = _set("study_verbs")
STATE_FORCES = _set("state_forces")
INSTITUTION_WORDS = _set("institution_words")
STATE_BODIES = _set("state_bodies")
TITLED_BUILDINGS = _set("titled_buildings")
SHARE_NOUNS = _set("share_nouns")
EMPLOYEE_TITLES = _set("employee_titles")
FATAL_WORDS = _set("fatal_words")

# Function words (grammar.yaml), named for what the rules do with them.
PERSON_PRONOUNS = _set("person_pronouns", _GRAMMAR)
ORGANIZATION_PRONOUNS = _set("organization_pronouns", _GRAMMAR)
GROUP_PRONOUNS = _set("group_pronouns", _GRAMMAR)
GROUP_POSSESSIVES = _set("group_possessives", _GRAMMAR)
PERSON_POSSESSIVES = _set("person_possessives", _GRAMMAR)
RELATIVE_PRONOUNS = _set("relative_pronouns", _GRAMMAR)
REFERRING_WORDS = _set("referring_words", _GRAMMAR)
INDEFINITE_ARTICLES = _set("indefinite_articles", _GRAMMAR)
ARTICLES = _set("articles", _GRAMMAR)
REFERRING_DETERMINERS = _set("referring_determiners", _GRAMMAR)
DEFINITE_DETERMINERS = _set("definite_determiners", _GRAMMAR)
COLLECTIVE_DETERMINERS = _set("collective_determiners", _GRAMMAR)
TITLE_DETERMINERS = _set("title_determiners", _GRAMMAR)
OWNER_DETERMINERS = _set("owner_determiners", _GRAMMAR)
ORGANIZATION_PREPOSITIONS = _set("organization_prepositions", _GRAMMAR)
PLACE_PREPOSITIONS = _set("place_prepositions", _GRAMMAR)
NESTED_PLACE_PREPOSITIONS = _set("nested_place_prepositions", _GRAMMAR)
TIME_PREPOSITIONS = _set("time_prepositions", _GRAMMAR)
LATER_TIME_PREPOSITIONS = _set("later_time_prepositions", _GRAMMAR)
SEQUEL_PREPOSITIONS = _set("sequel_prepositions", _GRAMMAR)
PERIOD_PREPOSITIONS = _set("period_prepositions", _GRAMMAR)
START_PREPOSITIONS = _set("start_prepositions", _GRAMMAR)
ORIGIN_PREPOSITIONS = _set("origin_prepositions", _GRAMMAR)
AGENT_PREPOSITIONS = _set("agent_prepositions", _GRAMMAR)
LOCATIVE_PREPOSITIONS = _set("locative_prepositions", _GRAMMAR)
RESIDENCE_PREPOSITIONS = _set("residence_prepositions", _GRAMMAR)
MEMBERSHIP_PREPOSITIONS = _set("membership_prepositions", _GRAMMAR)
NAME_END_PREPOSITIONS = _set("name_end_prepositions", _GRAMMAR)
NAME_JOINERS = _set("name_joiners", _GRAMMAR)
NOUN_SLOT_PREPOSITIONS = {k: frozenset(v) for k, v in _GRAMMAR["noun_slot_prepositions"].items()}
TOPIC_PREPOSITIONS = _set("topic_prepositions", _GRAMMAR)
TARGET_PREPOSITIONS = _set("target_prepositions", _GRAMMAR)
MEASURE_PREPOSITIONS = _set("measure_prepositions", _GRAMMAR)
RECIPIENT_PREPOSITIONS = _set("recipient_prepositions", _GRAMMAR)
SCENE_PREPOSITIONS = _set("scene_prepositions", _GRAMMAR)
VISIT_PREPOSITIONS = _set("visit_prepositions", _GRAMMAR)
OPPONENT_PREPOSITIONS = _set("opponent_prepositions", _GRAMMAR)
TIME_MARKERS = _set("time_markers", _GRAMMAR)
SCENE_MARKERS = _set("scene_markers", _GRAMMAR)
CONDITION_MARKERS = _set("condition_markers", _GRAMMAR)
FUTURE_AUXILIARIES = _set("future_auxiliaries", _GRAMMAR)
CONDITIONAL_AUXILIARIES = _set("conditional_auxiliaries", _GRAMMAR)
GROUP_NOUNS = _set("group_nouns", _GRAMMAR)
GROUP_DETERMINERS = _set("group_determiners", _GRAMMAR)
SHARE_LINK: list[str] = list(_GRAMMAR["share_link"])
PER_WORDS = _set("per_words", _GRAMMAR)
TIME_SHIFT_WORDS = _set("time_shift_words", _GRAMMAR)
COPULAS = _set("copulas", _GRAMMAR)
POSSESSIVE_MARKS = _set("possessive_marks", _GRAMMAR)
PERSON_HONORIFICS = _set("person_honorifics", _GRAMMAR)
STAKE_PREPOSITIONS = _set("stake_prepositions", _GRAMMAR)

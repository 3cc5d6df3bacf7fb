"""Word lists the rules use. They name kinds of things (titles, organization head nouns,
event nouns), never particular people or organizations: rules must generalize to articles
nobody has seen."""

# Titles written before a name; kept apart from the name as nkg:honorific.
HONORIFICS = {
    "dr",
    "dr.",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "prof",
    "prof.",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "sheikh",
    "shaykh",
    "rev",
    "rev.",
    "reverend",
    "father",
    "ambassador",
    "president",
    "minister",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "governor",
    "gov.",
    "mayor",
    "judge",
    "justice",
    "general",
    "gen.",
    "colonel",
    "col.",
    "captain",
    "capt.",
    "commander",
    "lieutenant",
    "lt.",
    "sergeant",
    "sgt.",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "imam",
    "rabbi",
    "bishop",
    "cardinal",
    "pope",
    "chairman",
    "chairwoman",
    "secretary",
    "deputy",
    "councillor",
    "councilor",
    "mp",
}

# Head nouns that make a name an organization whatever the model's label says.
ORG_HEADS = {
    "alliance",
    "association",
    "agency",
    "army",
    "assembly",
    "authority",
    "band",
    "board",
    "brigade",
    "brigades",
    "bureau",
    "campaign",
    "center",
    "centre",
    "church",
    "club",
    "coalition",
    "college",
    "commission",
    "committee",
    "company",
    "congress",
    "corporation",
    "council",
    "court",
    "department",
    "directorate",
    "federation",
    "forces",
    "foundation",
    "front",
    "fund",
    "group",
    "guard",
    "inc",
    "inc.",
    "institute",
    "institution",
    "league",
    "ltd",
    "ltd.",
    "media",
    "ministry",
    "movement",
    "network",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "police",
    "school",
    "service",
    "society",
    "syndicate",
    "union",
    "university",
    "unit",
    "secretariat",
}

# Lowercase words that join the parts of an organization's name: "Alliance for Supporting X".
ORG_NAME_CONNECTORS = {"for", "of", "on", "against", "and", "the", "de", "du", "des", "al"}
ORG_NAME_EXTENDERS = {"for", "of", "on", "against"}

# A name directly followed by one of these nouns names an event, not an entity:
# "the <Name> exchange", "the <Name> operation".
EVENT_NAME_NOUNS = {
    "exchange",
    "operation",
    "deal",
    "agreement",
    "accord",
    "accords",
    "offensive",
    "attack",
    "ceasefire",
    "truce",
    "uprising",
    "massacre",
    "summit",
    "talks",
    "war",
    "protests",
}

# Arabic (and similar) name particles: spelled al-, Al-, el-, ul- in the same name.
NAME_PARTICLES = {
    "al",
    "el",
    "ul",
    "il",
    "ad",
    "ar",
    "as",
    "at",
    "an",
    "ash",
    "az",
    "bin",
    "ibn",
    "abu",
    "bint",
}

# Nouns that name a position or occupation ("the General Coordinator of", "a member of").
ROLE_NOUNS = {
    "president", "vice-president", "chairman", "chairwoman", "chairperson", "chair", "director",
    "director-general", "coordinator", "ambassador", "envoy", "minister", "secretary",
    "secretary-general", "spokesperson", "spokesman", "spokeswoman", "member", "leader", "head",
    "chief", "founder", "co-founder", "editor", "editor-in-chief", "writer", "journalist",
    "reporter", "lawyer", "attorney", "activist", "researcher", "professor", "commander",
    "officer", "governor", "mayor", "senator", "representative", "adviser", "advisor",
    "manager", "ceo", "treasurer", "organizer", "official", "prosecutor", "judge", "doctor",
    "physician", "author", "poet", "artist", "historian", "analyst", "economist", "scholar",
    "teacher", "premier", "prime", "emir", "imam", "bishop", "priest", "rabbi", "deputy",
    "coach", "captain", "player", "singer", "novelist", "photographer", "filmmaker",
    "campaigner", "organiser", "delegate", "councillor", "councilor", "diplomat", "consul",
    "rapporteur", "commissioner", "inspector", "superintendent", "dean", "rector", "provost",
}
# Words that can stand inside a title before its noun ("honorary president").
ROLE_MODIFIERS = {
    "honorary", "deputy", "vice", "former", "general", "executive", "senior", "chief", "acting",
    "interim", "assistant", "associate", "managing", "regional", "national", "international",
    "founding", "foreign", "prime", "special", "permanent", "first", "second", "supreme",
    "political", "military", "legal", "media", "public", "high", "co",
}
# Bodies inside an organization: "member of the Executive Committee of <Org>" names <Org>.
GENERIC_BODIES = {
    "executive committee", "central committee", "political bureau", "politburo", "board",
    "board of directors", "board of trustees", "secretariat", "general secretariat",
    "general assembly", "steering committee", "executive board", "executive council",
    "leadership", "presidency", "executive office", "advisory board", "supervisory board",
}

# Verbs that attribute words or claims to their subject ("X said", "X stressed that").
SPEECH_VERBS = {
    "say", "state", "affirm", "add", "tell", "note", "stress", "emphasize", "emphasise",
    "describe", "declare", "warn", "write", "argue", "insist", "explain", "ask", "announce",
    "assert", "claim", "confirm", "deny", "report", "reply", "respond", "remark", "comment",
    "call", "urge", "highlight", "salute", "praise", "thank", "condemn", "welcome", "accuse",
    "underscore", "point", "recall", "acknowledge", "admit", "suggest", "estimate", "document",
    "mention", "observe", "predict", "promise", "vow", "pledge", "demand", "criticize",
    "criticise", "tweet", "post", "conclude", "discuss", "speak",
}

# Hedges before a number, longest first; value = FORMAT.md's qualifier.
QUANTITY_HEDGES = [
    ("more than", "more_than"), ("greater than", "more_than"), ("in excess of", "more_than"),
    ("upwards of", "more_than"), ("over", "more_than"), ("above", "more_than"),
    ("at least", "at_least"), ("no fewer than", "at_least"), ("no less than", "at_least"),
    ("a minimum of", "at_least"),
    ("around", "around"), ("about", "around"), ("approximately", "around"), ("roughly", "around"),
    ("some", "around"), ("an estimated", "around"), ("estimated", "around"), ("circa", "around"),
    ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"), ("just under", "nearly"),
    ("less than", "less_than"), ("fewer than", "less_than"), ("under", "less_than"),
    ("below", "less_than"),
    ("up to", "up_to"), ("as many as", "up_to"), ("a maximum of", "up_to"),
]
# Verbs whose object number is a bound: "the toll has exceeded 65".
QUANTITY_VERBS = {"exceed": "more_than", "surpass": "more_than", "top": "more_than",
                  "pass": "more_than", "reach": "exact"}
NUMBER_WORDS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000,
}
DURATION_UNITS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades"}

# Family nouns after a possessive: "his wife, <Person>" → spouse.
KIN_NOUNS = {
    "wife": "spouse", "husband": "spouse", "spouse": "spouse", "partner": "spouse",
    "son": "child", "sons": "child", "daughter": "child", "daughters": "child",
    "child": "child", "children": "child",
    "father": "parent", "mother": "parent", "parents": "parent",
    "brother": "sibling", "sister": "sibling", "brothers": "sibling", "sisters": "sibling",
    "cousin": "relative", "uncle": "relative", "aunt": "relative", "nephew": "relative",
    "niece": "relative", "grandson": "relative", "granddaughter": "relative",
    "grandfather": "relative", "grandmother": "relative",
}
DEGREE_NOUNS = {"degree", "degrees", "bachelor", "master", "doctorate", "phd", "diploma", "ba", "ma", "msc", "bsc"}

# Events someone holds: "<Org> held a discussion", "the conference was held".
HOSTED_EVENT_NOUNS = {
    "conference": "conference", "summit": "conference", "forum": "conference",
    "seminar": "conference", "symposium": "conference", "workshop": "conference",
    "congress": "conference", "convention": "conference",
    "meeting": "meeting", "session": "meeting", "roundtable": "discussion",
    "discussion": "discussion", "panel": "discussion", "debate": "discussion", "webinar": "discussion",
    "talk": "discussion", "lecture": "speech", "speech": "speech", "address": "speech",
    "rally": "protest", "protest": "protest", "demonstration": "protest", "vigil": "protest",
    "march": "protest", "election": "election", "trial": "trial", "hearing": "trial",
}
HOST_VERBS = {"hold", "organize", "organise", "host", "convene", "stage", "run", "launch", "arrange"}
# Things that happen to a person or organization: verb lemma → event type.
LIFE_EVENT_VERBS = {
    "release": "release", "free": "release", "liberate": "release",
    "arrest": "arrest", "capture": "arrest", "detain": "detention", "abduct": "arrest",
    "imprison": "detention", "jail": "detention",
    "sentence": "sentence", "convict": "ruling", "acquit": "ruling",
    "die": "death", "kill": "death", "bear": "birth",
    "found": "founding", "establish": "founding", "form": "founding",
    "appoint": "appointment", "elect": "appointment",
}
LIFE_EVENT_NOUNS = {
    "release": "release", "arrest": "arrest", "capture": "arrest", "detention": "detention",
    "death": "death", "killing": "death", "birth": "birth", "founding": "founding",
    "establishment": "founding", "appointment": "appointment", "election": "appointment",
    "trial": "trial", "sentencing": "sentence", "visit": "visit", "imprisonment": "detention",
}
# The kind of agent a life event needs as its subject.
LIFE_EVENT_SUBJECT = {"founding": "organization"}
CONFLICT_NOUNS = {"war": "war", "offensive": "attack", "operation": "attack", "attack": "attack",
                  "invasion": "war", "bombing": "attack", "massacre": "attack", "siege": "war"}
# How an agent takes part in a hosted event, by the words around their name.
SPEAKER_VERBS = {"speak", "deliver", "present", "address", "lecture", "talk", "give", "open"}
SPEAKER_NOUNS = {"remarks", "speech", "address", "keynote", "lecture", "talk", "presentation", "words"}
FACILITATOR_VERBS = {"facilitate", "moderate", "chair", "host", "lead", "introduce"}
ATTENDANCE_WORDS = {"attend", "participate", "present", "delegation", "part", "join", "among"}
HONOR_WORDS = {"honor", "honour", "tribute", "commemorate", "award", "recognize", "recognise", "celebrate"}

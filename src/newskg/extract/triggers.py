"""Event mentions: a trigger word (verb or noun of `lang/en/events.yaml`) and its arguments read
off the dependency parse: who did it, to whom, with whom, where and when.

Grammar only, never names: "police arrested X" and "X was arrested by police" give the same
slots (agent police, patient X); "the arrest of X" and "X's arrest" put X in the noun's slots;
a noun inside a clause ("X ran in the election") takes the clause's subject as its host.
Negated ("did not attend") and hypothetical ("could face trial", "is expected to announce")
clauses are not events; planned ones ("will visit") are, and say so (`future`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from spacy.tokens import Token

from newskg.extract.context import ArticleContext
from newskg.extract.lexicon import (
    ATTENDANCE_WORDS,
    CONDITION_MARKERS,
    COPULAS,
    DEFINITE_DETERMINERS,
    FATAL_WORDS,
    FUTURE_AUXILIARIES,
    GROUP_DETERMINERS,
    GROUP_NOUNS,
    GROUP_POSSESSIVES,
    GROUP_PRONOUNS,
    HOLDING_NOUNS,
    NESTED_PLACE_PREPOSITIONS,
    NOUN_SLOT_PREPOSITIONS,
    PLACE_PREPOSITIONS,
    RECIPIENT_PREPOSITIONS,
    REFERRING_WORDS,
    RELATIVE_PRONOUNS,
    ROLE_NOUNS,
    SCENE_MARKERS,
    SCENE_PREPOSITIONS,
    SPEECH_VERBS,
    STAKE_PREPOSITIONS,
    START_PREPOSITIONS,
    TIME_PREPOSITIONS,
    TOPIC_PREPOSITIONS,
    TRAVEL_VERBS,
    VISIT_PREPOSITIONS,
)
from newskg.extract.scores import score_after
from newskg.extract.sentences import sentence, tokens_of
from newskg.extract.vocabulary import Trigger, events

_PLACE_PREPOSITIONS = PLACE_PREPOSITIONS
_NESTED_PLACE_PREPOSITIONS = NESTED_PLACE_PREPOSITIONS
_CLAUSE_LINKS = {"conj", "xcomp", "advcl"}  # a verb that shares the clause of its head
# "after the talks": an event used to place another in time, not one the clause takes part in
_TIME_PREPOSITIONS = TIME_PREPOSITIONS
_OWN_SCENE = {"relcl", "ccomp", "advcl", "acl", "parataxis", "conj"}
_DEFINITE = DEFINITE_DETERMINERS
# A plural noun phrase that takes up the people named together just before ("both men").
_GROUP_NOUNS = GROUP_NOUNS
_AGENT_KINDS = ("person", "organization", "place")  # a country can act ("X closed its border")
_OTHER_KINDS = ("person", "organization")


@dataclass
class EventMention:
    token: Token  # the trigger word
    key: str  # its entry in the vocabulary ("swear in", "arrest")
    trigger: Trigger
    nominal: bool
    anchor: Token  # the verb whose clause gives date and place (the trigger itself for verbs)
    slots: dict[str, list[str]] = field(default_factory=dict)  # slot → entity keys
    definite: bool = False  # "the meeting": may refer back to an event already told
    future: bool | None = False  # None: present tense, either way
    perfect: bool = False  # "has arrived": happened just before publication
    score: str | None = None  # "3-1": the result of a match, kept as written

    @property
    def type(self) -> str:
        return self.trigger.type

    def participants(self, without: tuple[str, ...] = ()) -> list[tuple[str, str]]:
        """(entity key, role) for each filled slot that the trigger maps to a role."""
        found: list[tuple[str, str]] = []
        for slot, keys in self.slots.items():
            role = None if slot in without else self.trigger.roles.get(slot)
            if role is None:
                continue
            found += [(k, role) for k in keys if (k, role) not in found]
        return found


# --- grammar helpers --------------------------------------------------------------------------
def _is_passive(verb: Token) -> bool:
    """ "was arrested", "the people arrested", "Born in <City>, he …"."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.i != verb.i:
        return _is_passive(verb.head)  # "were detained and later released"
    if any(c.dep_ in ("aux", "nsubj") for c in verb.children) or verb.tag_ != "VBN":
        return False
    # "the people arrested on Sunday"; "Born in <City>, he …" (a participle before its clause)
    return verb.dep_ == "acl" or verb.dep_ == "advcl" and verb.i < verb.head.i


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _prep_objects(token: Token, words: Collection[str]) -> list[Token]:
    return [
        obj
        for prep in token.children
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in words
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def _clause_verb(token: Token) -> Token | None:
    """The verb whose clause a noun stands in ("… in the election" → the verb above)."""
    node = token
    for _ in range(6):
        if (
            node.dep_ == "prep"
            and node.lower_ in TOPIC_PREPOSITIONS
            and node.head.lemma_.lower() not in COPULAS  # "was on a visit": a part
        ):
            return None  # "spoke about the experience of imprisonment": a topic, not a part
        if node.dep_ in ("relcl", "acl", "ccomp") or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _governing_subject(verb: Token) -> tuple[list[Token], bool]:
    """The subject tokens of a verb, looking through conjunctions, xcomp and advcl
    ("tried to breach", "dispersed the march, arresting …"); and whether it is passive."""
    node = verb
    for _ in range(5):
        subjects = _children(node, "nsubj", "nsubjpass")
        if subjects:
            return subjects, _is_passive(node)
        if node.dep_ == "relcl":
            return [node.head], _is_passive(node)
        if node.dep_ == "xcomp" and _children(node.head, "dobj"):
            # "<verb> <object> to <verb> …": the object of the verb above acts
            return _children(node.head, "dobj"), False
        # "following a victory", "after running": a participle hangs from the main clause
        if node.dep_ in (*_CLAUSE_LINKS, "prep", "pcomp") and node.head.i != node.i:
            node = node.head
            continue
        break
    return [], False


def _negated_or_hypothetical(verb: Token) -> bool:
    vocab = events()
    node = verb
    for _ in range(4):
        for child in node.children:
            if child.dep_ == "neg":
                return True
            # "said they would appear" is a plan told in the past, not a supposition
            planned = child.lower_ == "would" and _reported(node)
            if child.dep_ == "aux" and child.lower_ in vocab.hypothetical_modals and not planned:
                return True
            if child.dep_ == "mark" and child.lower_ in CONDITION_MARKERS:
                return True
        if node.dep_ in ("xcomp", "ccomp") and node.head.lemma_.lower() in vocab.prospect_verbs:
            return True
        if (
            node.dep_ == "xcomp"
            and node.head.pos_ == "ADJ"
            and node.head.lower_ in vocab.prospect_adjectives
        ):
            return True  # "was likely to close": a prospect
        if (
            node.dep_ == "xcomp"
            and node.head.lemma_.lower() in vocab.obligation_verbs
            and node.head.tag_ in ("VBP", "VBZ")
        ):
            return True  # "still has to be approved": not yet
        if node.dep_ in ("xcomp", "conj") and node.head.i != node.i:
            node = node.head
            continue
        break
    return False


def _reported(verb: Token) -> bool:
    """Is the clause what a verb of saying reports ("said that …")?"""
    return (
        verb.dep_ == "ccomp"
        and events().verbs.get(verb.head.lemma_.lower()) is not None
        and (events().verbs[verb.head.lemma_.lower()].type == "speech")
    )


def tense(verb: Token) -> tuple[bool | None, bool]:
    """(future, perfect) of a clause: "will visit" → (True, False), "has arrived" →
    (False, True), "meets on <date>" (present, often a schedule) → (None, False): a date
    is then put nearest to publication, either way."""
    node = verb
    for _ in range(3):
        auxes = [c for c in node.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in FUTURE_AUXILIARIES for a in auxes):
            return True, False
        if any(a.lower_ == "would" for a in auxes) and _reported(node):
            return True, False  # "said they would appear on Monday": ahead of the report
        if any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in auxes):
            return False, True
        if node.dep_ == "conj" and node.tag_ == "VBD":
            break  # "has led … and became": a simple past of its own
        if node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
            node = node.head
            continue
        break
    if verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in verb.children):
        return None, False
    return False, False


# --- who ------------------------------------------------------------------------------------
def _group_before(ctx: ArticleContext, token: Token) -> list[str]:
    """The people last named together ("X and Y") in this or the two previous sentences."""
    first = ctx.sentence_starts[max(0, ctx.sentence_index(token.idx) - 2)]
    doc = ctx.doc
    for i in range(token.i - 1, -1, -1):
        t = doc[i]
        if t.idx < first:
            break
        if t.dep_ != "conj":
            continue
        a, b = ctx.entity_of_token(t.head), ctx.entity_of_token(t)
        if a and b and a != b and ctx.kind(a) == ctx.kind(b) == "person":
            return [a, b]
    return []


def _PEOPLE() -> frozenset[str]:
    return events().people_nouns


def _plural_subject_before(token: Token) -> bool:
    """A plural common noun is the subject earlier in the sentence ("The authorities insist
    they …"): "they" most likely means it, not people named before."""
    sent = sentence(token)
    return any(
        t.dep_ in ("nsubj", "nsubjpass") and t.tag_ == "NNS" and t.pos_ == "NOUN"
        for t in tokens_of(token.doc)[sent.start : token.i]
    )


def _reporting_organization(ctx: ArticleContext, token: Token) -> str | None:
    """The organization that says (announces, confirms …) the clause whose subject is
    `token`: "<Org> announced that it would …" → <Org>."""
    clause = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp":
        return None
    reporting = clause.head
    if reporting.lemma_.lower() not in SPEECH_VERBS:
        return None
    for subject in _children(reporting, "nsubj"):
        key = ctx.entity_of_token(subject)
        if key is not None and ctx.kind(key) == "organization":
            return key
    return None


def _entities(ctx: ArticleContext, token: Token, kinds=_OTHER_KINDS) -> list[str]:
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        head = token.head.head  # "X, who was arrested"; "X, the president who …"
        if ctx.entity_of_token(head) is None and head.dep_ == "appos":
            head = head.head
        return _entities(ctx, head, kinds)
    if token.lower_ == "it":
        # "it" is too often a thing, a fact or the weather; but "<Org> said it had bought
        # <Org>" reports what the organization itself did
        reporter = _reporting_organization(ctx, token)
        return [reporter] if reporter is not None and ctx.kind(reporter) in kinds else []
    if token.lower_ in GROUP_PRONOUNS or token.lower_ in GROUP_POSSESSIVES:
        return [] if _plural_subject_before(token) else _group_before(ctx, token)
    found = ctx.entities_for(token, kinds)
    if not found:  # "<Org> news is reporting", "the <Org> summit"
        for child in _children(token, "compound"):
            key = ctx.entity_of_token(child)
            if key is not None and ctx.kind(key) in kinds and key not in found:
                found.append(key)
    if not found and token.lemma_.lower() in HOLDING_NOUNS:  # "shares of <Company>"
        owners = _children(token, "poss") + _prep_objects(token, STAKE_PREPOSITIONS)
        found = [k for o in owners for k in ctx.entities_for(o, ("organization",))]
    if not found and (
        token.lower_ in GROUP_PRONOUNS
        or token.lower_ in _GROUP_NOUNS
        and any(c.lower_ in GROUP_DETERMINERS for c in token.children)
    ):
        found = _group_before(ctx, token)
    for obj in _prep_objects(token, {"including"}):  # "100 people, including X and Y"
        found += [k for k in ctx.entities_for(obj, kinds) if k not in found]
    if not found and (token.lemma_.lower() in ROLE_NOUNS or token.lemma_.lower() in _PEOPLE()):
        return _holders_stand_for(ctx, token) or ctx.organization_of_members(token)
    if "place" in kinds:
        found = _countries_as_actors(ctx, token, found)
    return found


def _holders_stand_for(ctx: ArticleContext, token: Token) -> list[str]:
    """ "the foreign ministers of <Country> and <Country> met": those who hold the posts
    stand for their countries or organizations (one holder, "the president of <Country>
    resigned", is a person the story names, not the country)."""
    if token.tag_ != "NNS":
        return []
    found = []
    for obj in _prep_objects(token, {"of"}):
        for key in ctx.entities_for(obj, ("organization", "place")):
            if ctx.kind(key) == "organization" or ctx.entities[key].place_kind == "country":
                found.append(key)
    return found


def _countries_as_actors(ctx: ArticleContext, token: Token, found: list[str]) -> list[str]:
    """A place acts only as a country does, and only named as the actor itself ("<Country>
    and <Country>", "neighbouring states <A> and <B>"), not as a place inside the phrase."""
    named = [token, *_children(token, "conj")]
    if ctx.entity_of_token(token) is None:
        named += [t for a in _children(token, "appos") for t in (a, *_children(a, "conj"))]
    own = {ctx.entity_of_token(t) for t in named}
    return [
        k
        for k in found
        if ctx.kind(k) != "place" or ctx.entities[k].place_kind == "country" and k in own
    ]


class _Slots:
    """Entity keys per grammatical slot, each entity once per slot."""

    def __init__(self, ctx: ArticleContext):
        self.ctx = ctx
        self.keys: dict[str, list[str]] = {}

    def put(self, slot: str, tokens: list[Token], kinds=_OTHER_KINDS) -> None:
        for t in tokens:
            for key in _entities(self.ctx, t, kinds):
                if key not in self.keys.setdefault(slot, []):
                    self.keys[slot].append(key)

    def filled(self) -> dict[str, list[str]]:
        return {slot: keys for slot, keys in self.keys.items() if keys}


def _verb_slots(
    ctx: ArticleContext, verb: Token, particle: Token | None = None
) -> dict[str, list[str]]:
    slots = _Slots(ctx)
    put = slots.put
    subjects, _ = _governing_subject(verb)
    if _is_passive(verb):
        if verb.dep_ == "acl" and not _children(verb, "nsubjpass"):
            subjects = [verb.head]  # "the people arrested on Sunday"
        put("patient", subjects)
        agents = _prep_objects(verb, {"by"})
        if not agents:  # "were told of the plan by <Name>": "by" hung on the object
            agents = [
                a for o in _prep_objects(verb, TOPIC_PREPOSITIONS) for a in _prep_objects(o, {"by"})
            ]
        put("agent", agents, _AGENT_KINDS)
    else:
        put("agent", subjects, _AGENT_KINDS)
        put("patient", _children(verb, "dobj", "oprd"))  # "named <Name> its chairman"
        # "beat <Name> 3-1": the parser may hang the object on the number that follows it
        put("patient", [t for t in _children(verb, "npadvmod") if t.pos_ == "PROPN"])
        if particle is not None:  # "swore in X": the parser may read the particle as a preposition
            put("patient", _children(particle, "pobj"))
    put("with", _prep_objects(verb, {"with"}))
    recipients = _children(verb, "dative") + _prep_objects(verb, RECIPIENT_PREPOSITIONS)
    put("recipient", recipients)
    # "… to fifteen people, including X and Y": the list belongs to the last argument
    put("recipient" if recipients else "patient", _prep_objects(verb, {"including"}))
    return slots.filled()


def _travels_for(verb: Token, noun: Token) -> bool:
    """A verb of going somewhere whose purpose is the noun ("arrived in <City> for the summit",
    "travelled to <City> for talks", "for <Name>, a conference"): its subject goes to the
    event, it does not hold it."""
    if verb.lemma_.lower() not in TRAVEL_VERBS:
        return False
    written_at = noun.i
    while noun.dep_ == "appos" and noun.head != noun:
        noun = noun.head
    purpose = noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head == verb
    # ", a conference" after "for <Name>" that the parser hung on the verb, or on the place
    # the verb goes to ("arrived in <City>, <Country> for <Name>, a festival")
    clause = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    restated = clause == verb and any(
        t.dep_ == "prep" and t.lower_ == "for" and t.i < written_at for t in verb.subtree
    )
    return purpose or restated


def _noun_slots(ctx: ArticleContext, noun: Token, verb: Token | None) -> dict[str, list[str]]:
    slots = _Slots(ctx)
    put = slots.put
    put("of", _prep_objects(noun, NOUN_SLOT_PREPOSITIONS["of"]))
    put("poss", _children(noun, "poss"), _AGENT_KINDS)
    put("with", _prep_objects(noun, NOUN_SLOT_PREPOSITIONS["with"]))
    put("by", _prep_objects(noun, NOUN_SLOT_PREPOSITIONS["by"]), _AGENT_KINDS)  # "a study by X"
    put("compound", _children(noun, "compound"), _AGENT_KINDS)  # "the <Org> summit"
    told_before = noun.dep_ == "pobj" and noun.head.lower_ in _TIME_PREPOSITIONS
    if verb is not None and noun.dep_ not in ("nsubj", "nsubjpass") and not told_before:
        subjects, _ = _governing_subject(verb)
        passive = _is_passive(verb)
        # "attended the summit"; "flew to <City> for the summit"
        attending = verb.lemma_.lower() in ATTENDANCE_WORDS or _travels_for(verb, noun)
        put("guest" if passive else "attends" if attending else "host", subjects, _AGENT_KINDS)
        if not passive:
            put("guest", _children(verb, "dobj"))
        if verb.dep_ == "xcomp" and _children(verb.head, "dobj"):
            # "<A> invited <B> to form a government in a meeting": both were there
            put("guest", _children(verb.head, "nsubj"))
    return slots.filled()


# --- where ----------------------------------------------------------------------------------
def _place_under(ctx: ArticleContext, token: Token, depth: int = 0) -> str | None:
    key = ctx.entity_of_token(token)
    if key is not None and ctx.kind(key) == "place":
        return key
    for appos in _children(token, "appos"):  # "in the nation's capital, <City>"
        key = ctx.entity_of_token(appos)
        if key is not None and ctx.kind(key) == "place":
            return key
    if token.dep_ == "appos":  # "<Place>, the suburb where …"
        key = ctx.entity_of_token(token.head)
        if key is not None and ctx.kind(key) == "place":
            return key
    if depth >= 2:
        return None
    for obj in _prep_objects(token, _NESTED_PLACE_PREPOSITIONS):
        found = _place_under(ctx, obj, depth + 1)
        if found:
            return found
    return None


def clause_chain(token: Token) -> list[Token]:
    """The trigger's verb and the verbs its clause hangs from ("broke up …, arresting",
    "after taking over …"), up to a verb of saying, whose time and place are the report's."""
    chain = [token]
    node = token
    for _ in range(4):
        if node.dep_ not in (*_CLAUSE_LINKS, "pcomp", "prep") or node.head.i == node.i:
            break
        node = node.head
        if (
            node.lemma_.lower() in events().verbs
            and events().verbs[node.lemma_.lower()].type == "speech"
        ):
            break
        chain.append(node)
    return chain


def place_of(ctx: ArticleContext, mention: EventMention) -> str | None:
    """The place the clause puts the event in: "in/at/to <Place>" on the trigger, its clause
    or the people in it; a visit's object ("visited <City>"); "where" after a place."""
    holders = [mention.token]
    if _told_about(mention):  # "were told of the deaths at <Church>": where it was told
        return _place_on(ctx, mention.token)
    if mention.anchor.i != mention.token.i:
        holders.append(mention.anchor)
    holders += [t for t in clause_chain(mention.anchor) if t.i not in {h.i for h in holders}]
    if mention.type == "visit":
        found = _first_place(ctx, [o for h in holders for o in _children(h, "dobj")])
        if found:
            return found
    for holder in holders:
        found = _place_on(ctx, holder)
        if found:
            return found
    found = possessive_place(ctx, mention)
    if found:
        return found
    # "protesters in <City> were fired on"
    arguments = [a for h in holders for a in _children(h, "nsubj", "nsubjpass", "dobj")]
    found = _first_place(ctx, [o for a in arguments for o in _prep_objects(a, SCENE_PREPOSITIONS)])
    # "a <City> court acquitted …": the place written before the body that acts
    acting = [a for a in arguments if a.dep_ == "nsubj" and a.pos_ == "NOUN"]
    found = found or _first_place(ctx, [c for a in acting for c in _children(a, "compound")])
    # deeper in the clause: "breached the security around the summit in <City>"
    return found or place_in_clause(ctx, mention.anchor)


def _told_about(mention: EventMention) -> bool:
    """The event noun is what a verb of speaking tells of ("notified of the deaths",
    "spoke about the attack")."""
    noun = mention.token
    if not mention.nominal or noun.dep_ != "pobj" or noun.head.lower_ not in TOPIC_PREPOSITIONS:
        return False
    trigger = events().verbs.get(noun.head.head.lemma_.lower())
    return noun.head.head.pos_ == "VERB" and trigger is not None and trigger.type == "speech"


def possessive_place(ctx: ArticleContext, mention: EventMention) -> str | None:
    """For a type whose possessive is its place ("<Country>'s election", "won 61% of the
    vote in <Country>'s election"): the place written as the possessive of the trigger noun,
    or of the noun the verb's object phrase names the event by."""
    if not events().behaves(mention.type, "possessive_place"):
        return None
    token = mention.token
    if mention.nominal:
        nouns = [token]
    else:
        objects = _children(token, "dobj", "attr", "npadvmod")
        objects += [o for p in _children(token, "prep") for o in _children(p, "pobj")]
        nouns = objects + [inner for o in objects for inner in _of_phrases(o)]
    for noun in nouns:
        for owner in _children(noun, "poss"):
            key = ctx.entity_of_token(owner)
            if key is not None and ctx.kind(key) == "place":
                return key
    return None


def _first_place(ctx: ArticleContext, tokens: list[Token]) -> str | None:
    for token in tokens:
        found = _place_under(ctx, token)
        if found:
            return found
    return None


def _place_on(ctx: ArticleContext, holder: Token) -> str | None:
    """A place told on one word of the clause: "in <Place>", "the station where …", "during
    his visit to <City>", "killed while working in <Country>"."""
    found = _first_place(ctx, _prep_objects(holder, _PLACE_PREPOSITIONS))
    if found:
        return found
    if holder.dep_ == "relcl" and any(c.lower_ == "where" for c in holder.children):
        head = holder.head  # "the police station where X was held"
        # "the <Name> police station in <Suburb>, where …": the building, not the suburb
        if head.dep_ == "pobj" and head.head.lower_ == "in":
            outer = ctx.entity_of_token(head.head.head)
            if outer is not None and ctx.entities[outer].place_kind == "facility":
                return outer
        found = _place_under(ctx, head)
        if found:
            return found
    visits = _prep_objects(holder, {"during"})  # "during his visit to <City>"
    found = _first_place(ctx, [o for v in visits for o in _prep_objects(v, VISIT_PREPOSITIONS)])
    if found:
        return found
    scenes = [
        clause
        for clause in _children(holder, "advcl")  # "killed while working in <Country>"
        if clause.tag_ == "VBG" or any(c.lower_ in SCENE_MARKERS for c in clause.children)
    ]
    return _first_place(ctx, [o for c in scenes for o in _prep_objects(c, SCENE_PREPOSITIONS)])


def place_in_clause(ctx: ArticleContext, verb: Token) -> str | None:
    """The first place named after "in"/"at" inside the clause, not inside a clause of its
    own (a relative clause or reported speech has its own scene)."""

    def inside(c: Token) -> bool:
        # "the security surrounding the summit in <City>", "present to receive it at <Place>"
        return (
            c.dep_ not in _OWN_SCENE
            or c.dep_ == "acl"
            and c.tag_ == "VBG"
            or c.dep_ == "advcl"
            and c.tag_ == "VB"
            and any(a.lower_ == "to" for a in c.children)
        )

    stack = [c for c in verb.children if inside(c)]
    while stack:
        node = stack.pop(0)
        if node.dep_ == "pobj" and node.head.lower_ in SCENE_PREPOSITIONS:
            found = _place_under(ctx, node)
            if found:
                return found
        stack += [c for c in node.children if inside(c)]
    return None


# --- finding the mentions -------------------------------------------------------------------
def _verb_key(verb: Token) -> tuple[str | None, Token | None]:
    """The vocabulary entry for a verb: "swear in", "open fire", "fire on", or its lemma; and
    the preposition that completed it, if any."""
    vocab = events().verbs
    lemma = verb.lemma_.lower()
    for c in verb.children:  # "shares were down": a copula's adverb completes it too
        if c.dep_ in ("prt", "advmod", "acomp") and f"{lemma} {c.lower_}" in vocab:
            return f"{lemma} {c.lower_}", None
    for c in verb.children:
        if c.dep_ == "dobj" and f"{lemma} {c.lemma_.lower()}" in vocab:
            return f"{lemma} {c.lemma_.lower()}", None
    for c in verb.children:  # "appear in court": verb, preposition and its object
        if c.dep_ == "prep":
            for obj in _children(c, "pobj"):
                key = f"{lemma} {c.lower_} {obj.lemma_.lower()}"
                if key in vocab:
                    return key, None
    for c in verb.children:
        if c.dep_ == "prep" and f"{lemma} {c.lower_}" in vocab:
            return f"{lemma} {c.lower_}", c
    return (lemma, None) if lemma in vocab else (None, None)


def _thing_patient(ctx: ArticleContext, verb: Token) -> bool:
    """The verb's object (or passive subject) is a thing, not people: no name, no pronoun,
    not a noun for people ("prisoners", "two men")."""
    patients = _children(verb, "nsubjpass") if _is_passive(verb) else _children(verb, "dobj")
    if not patients:
        return False
    people = events().people_nouns
    for t in patients:
        if ctx.resolve(t) is not None or t.lower_ in REFERRING_WORDS:
            return False
        if t.lemma_.lower() in people or t.lower_ in people or t.lemma_.lower() in ROLE_NOUNS:
            return False
        if t.pos_ in ("PRON", "PROPN", "NUM"):
            return False
    return True


def _has_title(verb: Token) -> bool:
    """ "became chancellor", "became the leader of …": a title completes the verb."""
    return any(
        t.lower_ in ROLE_NOUNS for c in _children(verb, "attr", "oprd", "acomp") for t in c.subtree
    )


def _object_type(verb: Token, trigger: Trigger) -> str | None:
    """The type the verb's object gives ("won a second term" → election), or a noun the
    object is a part of ("won 61% of the vote", "took a third of the seats in the
    election"): the object first, then the objects of its prepositions, one level down."""
    objects = _children(verb, "dobj", "attr")
    if _is_passive(verb):  # "a grenade was thrown": the subject is what the verb acts on
        objects += _children(verb, "nsubjpass")
    # "voted on a motion": the object of a preposition on the verb, when it has no object
    objects = objects or [o for p in _children(verb, "prep") for o in _children(p, "pobj")]
    for obj in objects:
        found = trigger.by_object.get(obj.lemma_.lower())
        if found:
            return found
    for obj in objects:
        for inner in _of_phrases(obj):
            found = trigger.by_object.get(inner.lemma_.lower())
            if found:
                return found
    return None


def _of_phrases(noun: Token) -> list[Token]:
    """The objects of a noun's prepositions, and theirs ("61% of the votes in the election":
    votes, election)."""
    found: list[Token] = []
    for prep in _children(noun, "prep"):
        for obj in _children(prep, "pobj"):
            found.append(obj)
            found += [o for p in _children(obj, "prep") for o in _children(p, "pobj")]
    return found


def _retyped(trigger: Trigger, etype: str) -> Trigger:
    """The trigger with another type: that type's roles, then the trigger's own, then the
    trigger's own for that type."""
    roles = {
        **events().roles_by_type.get(etype, {}),
        **trigger.own_roles,
        **trigger.own_roles_by_type.get(etype, {}),
    }
    return Trigger(etype, {slot: role for slot, role in roles.items() if role})


def _patient_of_kind(ctx: ArticleContext, slots: dict[str, list[str]], kind) -> bool:
    """The patient slot names someone (needs_patient: true) or one of a kind ("organization":
    "took over <Company>", not "took over the town hall")."""
    keys = slots.get("patient", [])
    return bool(keys) if kind is True else any(ctx.kind(k) == kind for k in keys)


def _subject_type(verb: Token, trigger: Trigger) -> str | None:
    """The type the verb's subject gives ("a bomber killed …" is an attack, "a storm
    killed …" a storm), by the lemma of the subject or of a noun compounded with it."""
    for subject in _children(verb, "nsubj"):
        for word in [subject, *_children(subject, "compound")]:
            found = trigger.by_subject.get(word.lemma_.lower())
            if found:
                return found
    return None


def _roles_of(etype: str) -> dict[str, str]:
    return {slot: role for slot, role in events().roles_by_type.get(etype, {}).items() if role}


def _as_title(verb: Token) -> bool:
    """ "took over as leader", "stepped in as interim chief executive": "as" and a title."""
    return any(
        t.lower_ in ROLE_NOUNS
        for prep in _children(verb, "prep")
        if prep.lower_ == "as"
        for obj in _children(prep, "pobj")
        for t in obj.subtree
    )


def _start_of_period(verb: Token) -> Token | None:
    """The date a verb's state has lasted from ("has served as CFO since 2016" → 2016)."""
    return next(
        (
            obj
            for prep in _children(verb, "prep")
            if prep.lower_ in START_PREPOSITIONS
            for obj in _children(prep, "pobj")
            if obj.ent_type_ == "DATE"
        ),
        None,
    )


def _is_fatal(verb: Token) -> bool:
    return any(c.lower_ in FATAL_WORDS for c in verb.children)


def _has_as(verb: Token) -> bool:
    """ "named X as chief executive", or a title set after the object: "named X its new
    chairman"."""
    if any(
        t.lower_ == "as" and t.dep_ == "prep" and verb.i in (t.head.i, t.head.head.i)
        for t in verb.subtree
    ):
        return True
    return any(
        t.lower_ in ROLE_NOUNS and t.i > obj.i
        for obj in _children(verb, "dobj", "oprd")
        for t in obj.subtree
    )


def find_event_mentions(ctx: ArticleContext) -> list[EventMention]:
    found: list[EventMention] = []
    for token in tokens_of(ctx.doc):
        mention = None
        if token.pos_ == "VERB" and token.dep_ not in ("amod", "compound"):
            mention = _verb_mention(ctx, token)
        elif token.pos_ == "AUX" and token.lemma_ in COPULAS and _is_clause_head(token):
            mention = _verb_mention(ctx, token)  # "<Company> shares were down 3%"
        elif token.pos_ == "NOUN" and token.dep_ != "compound":
            mention = _noun_mention(ctx, token)
        if mention is not None:
            found.append(mention)
    return found


def _is_clause_head(token: Token) -> bool:
    """A copula that heads its clause ("shares were down"), not an auxiliary of a verb."""
    return token.dep_ not in ("aux", "auxpass")


def _verb_trigger(token: Token, trigger: Trigger) -> tuple[Trigger, str | None, bool] | None:
    """The trigger as this clause makes it: retyped by a score ("beat X 3-1") or by its
    object ("won a term"), None when the clause lacks what the trigger needs → (trigger,
    score, whether the object names the event)."""
    score = score_after(token) if trigger.when_score or trigger.needs_score else None
    phrase_object = False
    if trigger.needs_score and score is None:
        return None
    if trigger.by_subject and (by_subject := _subject_type(token, trigger)):
        trigger = _retyped(trigger, by_subject)  # "a suicide bomber killed 12 people"
    elif trigger.only_by_subject:
        return None  # "prices rose": no subject that makes the verb an event
    if trigger.when_as_title and _as_title(token):
        trigger = Trigger(
            trigger.when_as_title,
            {**_roles_of(trigger.when_as_title), "agent": "subject"},
        )
        return trigger, score, True  # "took over as chair of <Org>": an appointment
    if trigger.when_score and score is not None:
        trigger = _retyped(trigger, trigger.when_score)
    elif trigger.by_object and (by_object := _object_type(token, trigger)):
        trigger = _retyped(trigger, by_object)
        phrase_object = True  # "won a term": the object names the event, no patient
    elif trigger.only_by_object:
        return None  # "cut rates": no object that makes the verb an event
    elif trigger.passive_only and not _is_passive(token):
        return None
    if (
        trigger.needs_as
        and not _has_as(token)
        or trigger.needs_object
        and not _children(token, "dobj")
        or trigger.needs_title
        and not _has_title(token)
        or trigger.needs_start
        and not (_as_title(token) and _start_of_period(token) is not None)
        or _negated_or_hypothetical(token)
    ):
        return None
    if trigger.when_fatal and _is_fatal(token):
        fatal = trigger.when_fatal
        trigger = Trigger(fatal, dict(events().roles_by_type.get(fatal, {})))
    return trigger, score, phrase_object


def _verb_mention(ctx: ArticleContext, token: Token) -> EventMention | None:
    vocab = events()
    key, particle = _verb_key(token)
    if key is None:
        return None
    made = _verb_trigger(token, vocab.verbs[key])
    if made is None:
        return None
    trigger, score, phrase_object = made
    slots = _verb_slots(ctx, token, particle)
    if trigger.needs_recipient and "recipient" not in slots:
        return None
    if trigger.needs_patient and not _patient_of_kind(ctx, slots, trigger.needs_patient):
        return None  # "welcomed the decision": nobody was met
    phrase = " " in key or phrase_object  # "take office": the object is the phrase
    if trigger.type in vocab.person_patient_types and not phrase and _thing_patient(ctx, token):
        return None  # "the song was released", "released a statement"
    if trigger.passive_only and not slots and not _children(token, "nsubjpass"):
        return None  # "where <noun> was to be <passive verb>": no one undergoes it
    future, perfect = tense(token)
    return EventMention(token, key, trigger, False, token, slots, False, future, perfect, score)


def _noun_mention(ctx: ArticleContext, token: Token) -> EventMention | None:
    vocab = events()
    lemma = token.lemma_.lower()
    key = token.lower_ if token.lower_ in vocab.nouns else lemma
    if key not in vocab.nouns or ctx.entity_of_token(token) is not None:
        return None
    verb = _clause_verb(token)
    if verb is not None and _negated_or_hypothetical(verb):
        return None
    asked_by = token.head.head if token.dep_ == "pobj" else token.head
    if token.dep_ in ("dobj", "pobj") and asked_by.lemma_.lower() in vocab.prospect_verbs:
        return None  # "demanded the resignation", "called for a trial": not (yet) happened
    if token.dep_ == "dobj" and _verb_key(token.head)[0] is not None:
        return None  # "underwent surgery", "tendered … resignation": the verb tells it
    head_key = _verb_key(token.head.head)[0] if token.head.lower_ == "in" else None
    if head_key is not None and vocab.verbs[head_key].type == vocab.nouns[key].type:
        return None  # "seized power in a revolution": one happening, told by the verb
    future, perfect = tense(verb) if verb is not None else (False, False)
    definite = any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in token.children)
    trigger = vocab.nouns[key]
    for c in _children(token, "compound"):  # "summit meeting": the specific word wins
        if c.lemma_.lower() in vocab.nouns and ctx.entity_of_token(c) is None:
            trigger = vocab.nouns[c.lemma_.lower()]
    if trigger.by_object:  # "a vote of no confidence", "a budget vote": what it is a vote on
        words = [t.lemma_.lower() for t in _of_phrases(token) + _children(token, "compound")]
        etype = next((trigger.by_object[w] for w in words if w in trigger.by_object), None)
        if etype is not None:
            trigger = _retyped(trigger, etype)
    if trigger.type in vocab.person_patient_types and _of_a_thing(ctx, token):
        return None  # "the execution of a strategy", "the release of the report"
    return EventMention(
        token,
        key,
        trigger,
        True,
        verb if verb is not None else token,
        _noun_slots(ctx, token, verb),
        definite,
        future,
        perfect,
    )


def _of_a_thing(ctx: ArticleContext, noun: Token) -> bool:
    """The noun's "of" names a thing, not a person: "the execution of <Org>'s strategy"."""
    objects = [o for p in _children(noun, "prep") if p.lower_ == "of" for o in _children(p, "pobj")]
    return bool(objects) and all(
        o.pos_ == "NOUN"
        and o.lemma_.lower() not in _PEOPLE()
        and o.lemma_.lower() not in ROLE_NOUNS
        and ctx.entity_of_token(o) is None
        for o in objects
    )


def subject_event_noun(token: Token) -> str | None:
    """For a verb whose subject is an event already told ("the conference honored X", "the
    ceremony drew X"): that noun's event type, or "" for a word that refers to any event."""
    vocab = events()
    for subject in _children(token, "nsubj"):
        if not any(c.lower_ in _DEFINITE for c in subject.children):
            continue
        lemma = subject.lemma_.lower()
        if lemma in vocab.nouns:
            return vocab.nouns[lemma].type
        if lemma in vocab.back_references:
            return ""
    return None


def is_back_reference(token: Token) -> bool:
    """ "the incident", "the event": words that only point back to an event already told."""
    return token.lemma_.lower() in events().back_references and any(
        c.lower_ in _DEFINITE for c in token.children
    )


def sentence_start(token: Token) -> int:
    return sentence(token).start_char

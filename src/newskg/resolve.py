"""Identity: stable, readable IRIs, and which surface forms name the same entity.

An entity's IRI is a slug of its canonical name under the base IRI, per type, so the same
person named in two articles gets the same IRI without any shared state between runs.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import quote

_NON_SLUG = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name, for comparison. (Cached:
    extraction folds the same few hundred names of an article thousands of times.)"""
    if not text.isascii():  # plain ASCII has no accents to take off
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        text = text.replace("’", "'").replace("‘", "'")
    return " ".join(_NON_SLUG.sub(" ", text.lower()).split())


def slug(text: str) -> str:
    """'Dr. Amal Jadú' → 'dr-amal-jadu'; never empty."""
    return "-".join(fold(text).replace("'", "").split()) or "unnamed"


def entity_key(kind: str, name: str) -> str:
    return f"{kind}/{slug(name)}"


def iri(base: str, key: str) -> str:
    """Join a key under the base IRI; keys are slugs, but quote anyway for safety."""
    return base + quote(key, safe="/-._~")


def article_iri(base: str, article_id: str) -> str:
    return iri(base, f"article/{article_id}")


def curation_iri(base: str) -> str:
    """The named graph `newskg curate` writes (same-as, not-same-as, aliases, splits)."""
    return iri(base, "curation")


def article_entity_key(kind: str, article_id: str, name_slug: str) -> str:
    """The key of an entity that stands for one article only: `<kind>/<article id>/<slug>`
    (a one-word person name; by default, the namesake a curator splits off there)."""
    return f"{kind}/{article_id}/{name_slug}"


# Spellings of one Arabic name particle ("al-", "el-", "ul-") fold together, so transliteration
# variants of one name get one IRI.
_PARTICLE_VARIANTS = {"el": "al", "ul": "al", "il": "al"}


def identity_words(name: str) -> list[str]:
    words = fold(name).replace("'", "").split()
    words = [_PARTICLE_VARIANTS.get(w, w) for w in words]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return words


def identity_key(kind: str, name: str, article_id: str | None = None) -> str:
    """The entity key (and so IRI) of a name: the same for its spelling variants.

    A person named by one word only (a first name or a surname alone, when the article never
    gives the full name) is an entity of its article, `person/<article id>/<word>`: one word
    says too little to be the same person in every article that uses it. A curation file
    can still join it to a corpus-wide entity (same_as)."""
    words = identity_words(name)
    if kind == "person" and len(words) == 1 and article_id:
        return article_entity_key(kind, article_id, words[0])
    return f"{kind}/{'-'.join(words) or 'unnamed'}"


_ORG_CONNECTORS = {"of", "for", "on", "against"}


def _is_subsequence(short: list[str], full: list[str]) -> bool:
    it = iter(full)
    return all(word in it for word in short)


def is_short_form(kind: str, short: list[str], full: list[str], is_place=None) -> bool:
    """Can `short` be a shorter way of naming the entity `full` names?

    Persons: a surname ("Okafor") or a first name ("Lena"). Organizations: the words in
    order ("Northern Coalition", "Coalition" for "Northern Coalition for X"), but not when the
    longer name is the shorter one plus a place ("<Org> <Country>" is a national branch).
    """
    if len(short) >= len(full):
        return False
    if kind == "person":
        return full[-len(short) :] == short or full[: len(short)] == short
    if kind == "organization":
        if full[: len(short)] == short and is_place is not None:
            rest = " ".join(full[len(short) :])
            if is_place(rest):
                return False
        # the short form starts in the name's own head part, before "of"/"for" ("Trade" is not
        # "Board of Trade"; "Coalition" is "Northern Coalition for X")
        cut = next((i for i, w in enumerate(full) if w in _ORG_CONNECTORS), len(full))
        return _is_subsequence(short, full) and short[-1] in full and short[0] in full[:cut]
    return False

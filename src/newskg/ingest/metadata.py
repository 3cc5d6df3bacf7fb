"""Article metadata shared by all readers: ids, dates, and CLI overrides."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newskg.errors import InputError
from newskg.ingest.normalize import normalize_field, normalize_text
from newskg.model import Article

# The one rule for article ids (they become part of IRIs and of file names): a letter or digit,
# then letters, digits, '.', '_' and '-', at most 200 in all, never two dots in a row (no
# "..", so an id is never a path step). make_id turns any text into such an id; check_id
# refuses what breaks the rule. Every reader, `load` and the API go through these two.
_ID_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
_ID_MAX = 200
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class Overrides:
    """Metadata given on the command line: it fills in what a file does not say, or, with
    `replace`, wins over what it says."""

    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    language: str | None = None
    replace: bool = False

    def pick(self, key: str, from_file: Any) -> Any:
        given = getattr(self, key)
        if self.replace:
            return given or from_file
        return from_file if from_file not in (None, "") else given


def make_id(text: str) -> str:
    """Any text made into an id that follows the rule: other characters become '-', runs of
    dots one dot, and the ends are trimmed ("report..v2" → "report.v2")."""
    made = re.sub(r"[^A-Za-z0-9._-]+", "-", text)
    made = re.sub(r"\.{2,}", ".", made).strip("-._")[:_ID_MAX].rstrip("-._")
    return made or "article"


def id_from_stem(path: Path) -> str:
    """A file stem made into an id."""
    return make_id(path.stem)


def valid_id(text: str) -> bool:
    return bool(_ID_OK.match(text)) and ".." not in text


def check_id(value: object, name: str) -> str:
    text = str(value).strip()
    if not valid_id(text):
        raise InputError(
            name,
            f"invalid article id {text[:60]!r}: use letters, digits, '.', '_' and '-' only "
            "(starting with a letter or digit, no '..', at most 200)",
        )
    return text


def parse_partial_date(value: Any, name: str) -> str | None:
    """ISO date with the precision given: 2025, 2025-05, 2025-05-03 (time parts dropped)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    match = _PARTIAL_DATE.match(text)
    rest = text[match.end() :] if match else text
    if not match or (rest and not rest.startswith(("T", " "))):
        raise InputError(
            name, f"invalid publication date {text!r}; use YYYY, YYYY-MM or YYYY-MM-DD"
        )
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise InputError(name, f"invalid publication date {text!r}") from None
    return "-".join(p for p in (year, month, day) if p)


# The longest metadata value (headline, outlet, author, url …) an article may carry.
MAX_FIELD = 2_000


def build_article(
    text: str, meta: dict[str, Any], default_id: str, path: Path, overrides: Overrides
) -> Article:
    """Combine body, file metadata and overrides into a normalized Article."""
    name = str(path)
    body = normalize_text(text)
    if not body:
        raise InputError(name, "article has no text")
    article_id = check_id(meta["id"], name) if meta.get("id") not in (None, "") else default_id
    for key, value in meta.items():  # a headline of megabytes would flood every page
        if isinstance(value, str | list | dict) and len(str(value)) > MAX_FIELD:
            raise InputError(
                name, f"metadata {key!r} is {len(str(value)):,} characters (limit {MAX_FIELD:,})"
            )
    headline = meta.get("title", meta.get("headline"))
    return Article(
        id=article_id,
        text=body,
        headline=normalize_field(headline),
        outlet=normalize_field(overrides.pick("outlet", meta.get("outlet"))),
        author=normalize_field(overrides.pick("author", meta.get("author"))),
        published=parse_partial_date(
            overrides.pick("published", meta.get("published", meta.get("date"))), name
        ),
        url=normalize_field(meta.get("url")),
        language=normalize_field(overrides.pick("language", meta.get("language"))),
        source=path.name,
    )

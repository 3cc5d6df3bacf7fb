"""Plain text and Markdown, with optional YAML front matter or a headline/byline preamble."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from newskg.errors import InputError
from newskg.ingest.metadata import Overrides, build_article, id_from_stem
from newskg.model import Article

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_BY = re.compile(r"^by\s+(.+)$", re.I)
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "’")


def read_text(text: str, path: Path, overrides: Overrides) -> list[Article]:
    name = str(path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("---"):
        meta, body = _split_front_matter(text, name)
    else:
        meta, body = _preamble(text)
    return [build_article(body, meta, id_from_stem(path), path, overrides)]


def _split_front_matter(text: str, name: str) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        raise InputError(name, "front matter starts with '---' but has no closing '---' line")
    try:
        # an alias (*a) can expand a few hundred bytes into gigabytes: none in front matter
        if any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(match.group(1), yaml.SafeLoader)):
            raise InputError(name, "front matter uses YAML aliases (*name); write values out")
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(name, f"broken front matter{where}: {problem}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(name, "front matter must be a mapping of keys to values")
    return meta, text[match.end() :]


def _preamble(text: str) -> tuple[dict, str]:
    """A short first line with no sentence punctuation is a headline; a following short
    line that starts with "By" (or reads "outlet | author") is a byline."""
    lines = text.lstrip("\n").split("\n")
    meta: dict = {}
    if len(lines) < 2:
        return meta, text
    first = lines[0].strip()
    if not first or len(first) > 200 or first.endswith(_SENTENCE_END):
        return meta, text
    meta["title"] = first
    rest = lines[1:]
    second = rest[0].strip() if rest else ""
    if second and len(second) <= 120 and not second.endswith(_SENTENCE_END):
        by = _BY.match(second)
        if by:
            meta["author"] = by.group(1).strip()
            rest = rest[1:]
        elif "|" in second:
            outlet, _, author = (part.strip() for part in second.partition("|"))
            meta["outlet"] = outlet or None
            meta["author"] = author or None
            rest = rest[1:]
    return meta, "\n".join(rest)

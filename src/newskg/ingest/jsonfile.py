"""JSON (an object or a list of objects) and JSON Lines (one object per line)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newskg.errors import InputError, PartlyRead
from newskg.ingest.metadata import Overrides, build_article, id_from_stem
from newskg.model import Article


def _load(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            name, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise InputError(name, "JSON is nested too deeply to be an article") from None


def _from_object(
    obj: Any, default_id: str, path: Path, overrides: Overrides, where: str
) -> Article:
    name = f"{path}{where}"
    if not isinstance(obj, dict):
        raise InputError(name, "expected a JSON object with a 'text' key")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(name, "missing or empty 'text' string")
    meta = {k: v for k, v in obj.items() if k != "text"}  # the body is not metadata
    return build_article(text, meta, default_id, Path(name), overrides)


def read_json(text: str, path: Path, overrides: Overrides) -> list[Article]:
    data = _load(text, str(path))
    stem = id_from_stem(path)
    if isinstance(data, list):
        return [
            _from_object(obj, f"{stem}-{i + 1}", path, overrides, f"[{i}]")
            for i, obj in enumerate(data)
        ]
    return [_from_object(data, stem, path, overrides, "")]


def read_jsonl(text: str, path: Path, overrides: Overrides) -> list[Article]:
    """Each line is an article of its own: a bad line is reported with its line number and
    the good ones are still read (PartlyRead carries both)."""
    stem = id_from_stem(path)
    articles: list[Article] = []
    problems: list[tuple[str, str]] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f" line {lineno}"
        try:
            obj = _load(line, f"{path}{where}")
            articles.append(_from_object(obj, f"{stem}-{lineno}", path, overrides, where))
        except InputError as exc:
            problems.append((f"{path}{where}", exc.problem))
    if problems:
        raise PartlyRead(str(path), articles, problems)
    return articles

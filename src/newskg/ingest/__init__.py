"""Readers: article files → `Article` records.

Supported: `.txt` (optional headline and byline lines, or YAML front matter), `.md` (front
matter), `.json` (one object or a list), `.jsonl` (one object per line), `.html`/`.htm`
(main text extracted with trafilatura). Every problem is an `InputError` naming the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newskg.errors import InputError
from newskg.ingest.htmlfile import read_html
from newskg.ingest.jsonfile import read_json, read_jsonl
from newskg.ingest.metadata import Overrides
from newskg.ingest.normalize import decode
from newskg.ingest.plaintext import read_text
from newskg.model import Article

READERS = {
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".html": read_html,
    ".htm": read_html,
}

__all__ = ["READERS", "Overrides", "discover", "read_articles"]


def discover(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders into their article files (sorted, so runs are reproducible).

    A named file is always yielded, even with an unknown suffix, so the user gets an error
    for it rather than silence; inside folders, unknown suffixes and hidden files are skipped.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in READERS
                    and not any(part.startswith(".") for part in child.relative_to(path).parts)
                ):
                    yield child
        else:
            yield path


def read_articles(
    path: str | Path, overrides: Overrides | None = None, max_bytes: int = 5_000_000
) -> list[Article]:
    """Read one file into its articles (a JSONL file may hold many)."""
    path = Path(path)
    name = str(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = " ".join(sorted(READERS))
        raise InputError(
            name, f"unsupported file type {path.suffix or '(none)'!r}; use one of {known}"
        )
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror}") from None
    if size > max_bytes:
        raise InputError(
            name,
            f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit "
            "(raise NEWSKG_MAX_BYTES if this really is one article)",
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror}") from None
    text = decode(raw, name)
    articles = reader(text, path, overrides or Overrides())
    if not articles:
        raise InputError(name, "no article text found")
    return articles

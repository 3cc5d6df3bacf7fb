"""Readers: article files → `Article` records.

Supported: `.txt` (optional headline and byline lines, or YAML front matter), `.md` (front
matter), `.json` (one object or a list), `.jsonl` (one object per line), `.html`/`.htm`
(main text extracted with trafilatura). Every problem is an `InputError` naming the file.
"""

from __future__ import annotations

import os
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


def discover(paths: Iterable[str | Path], follow_links: bool = False) -> Iterator[Path]:
    """Expand folders into their article files (sorted, so runs are reproducible).

    A named file is always yielded, even with an unknown suffix, so the user gets an error
    for it rather than silence; inside folders, unknown suffixes and hidden files are skipped.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _folder(path, follow_links)
        else:
            yield path


def _folder(root: Path, follow_links: bool) -> Iterator[Path]:
    """Article files below a folder. Links inside it are not followed (a link to /etc/passwd
    in a folder of articles is not an article) unless `follow_links`, and even then only to
    files inside the folder."""
    inside = root.resolve()
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            child = Path(folder) / name
            if name.startswith(".") or child.suffix.lower() not in READERS:
                continue
            if child.is_symlink():
                target = child.resolve()
                if not follow_links or not target.is_relative_to(inside):
                    continue
            if child.is_file():
                found.append(child)
    yield from sorted(found)


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
    try:
        articles = reader(text, path, overrides or Overrides())
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - one file's reader failing never stops the batch
        raise InputError(name, f"cannot read: {type(exc).__name__}: {exc}") from None
    if not articles:
        raise InputError(name, "no article text found")
    return articles

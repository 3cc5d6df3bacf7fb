"""HTML pages: trafilatura finds the main text and metadata, dropping menus and scripts."""

from __future__ import annotations

from pathlib import Path

from newskg.errors import InputError
from newskg.ingest.metadata import Overrides, build_article, id_from_stem
from newskg.model import Article


def read_html(text: str, path: Path, overrides: Overrides) -> list[Article]:
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    body = trafilatura.extract(
        text, include_comments=False, include_tables=False, favor_precision=True
    )
    if not body or not body.strip():
        raise InputError(str(path), "no article text found in the HTML page")
    meta: dict = {}
    doc = trafilatura.extract_metadata(text)
    if doc is not None:
        meta = {
            "title": doc.title,
            "author": doc.author,
            "outlet": doc.sitename,
            "published": doc.date,
            "url": doc.url,
        }
    return [
        build_article(
            body, {k: v for k, v in meta.items() if v}, id_from_stem(path), path, overrides
        )
    ]

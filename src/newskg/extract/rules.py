"""The registry of extraction rules: every fact names the rule that made it.

A rule is one construction of the language that states a fact ("a title set off by commas
after a name", "a trigger verb with its subject and object"). Its id is written beside the
fact in the graph (`nkg:rule`, docs/graph-model.md), so `newskg eval --by-rule` can tell how
often each rule is right, and a researcher can ask which facts a rule made.

A rule is registered where it is written, with its construction as its docstring:

    @rule("roles.copula")
    def _copula_roles(ctx): '''"<Person> is the <title> of <Org>" ...'''

or, for a branch of a larger pass, by `declare(id, construction)`. Every registered rule has
example sentences of its own in tests/rule_examples.yaml (a test fails on one without).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

F = TypeVar("F", bound=Callable)


@dataclass(frozen=True)
class Rule:
    id: str  # "<what it finds>.<construction>": roles.apposition, dates.clause, …
    construction: str  # the general construction it covers, in a sentence or two
    module: str


RULES: dict[str, Rule] = {}
_OF_FUNCTION: dict[str, str] = {}  # "<module>.<qualname>" of a @rule function → its id


def declare(rule_id: str, construction: str, module: str = "") -> str:
    """Register a rule and return its id (what facts record)."""
    if rule_id in RULES:
        raise ValueError(f"extraction rule {rule_id!r} is registered twice")
    if not construction.strip():
        raise ValueError(f"extraction rule {rule_id!r} has no construction")
    RULES[rule_id] = Rule(rule_id, " ".join(construction.split()), module)
    return rule_id


def rule(rule_id: str) -> Callable[[F], F]:
    """Register the decorated function as rule `rule_id`; its docstring (first paragraph)
    is the construction it covers."""

    def register(fn: F) -> F:
        doc = inspect.cleandoc(fn.__doc__ or "")
        declare(rule_id, doc.split("\n\n")[0], fn.__module__)
        _OF_FUNCTION[f"{fn.__module__}.{fn.__qualname__}"] = rule_id
        return fn

    return register


def id_of(fn: Callable) -> str:
    """The id of a function (or method) registered with @rule."""
    fn = getattr(fn, "__func__", fn)
    return _OF_FUNCTION[f"{fn.__module__}.{fn.__qualname__}"]


def registered() -> dict[str, Rule]:
    """All rules, once every rule module is imported."""
    import newskg.extract  # noqa: F401  (imports every component, which registers its rules)

    return dict(RULES)

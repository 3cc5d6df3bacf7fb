"""SHACL validation of an article graph against ontology/shapes.ttl (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import SH

from newskg.rdf.ontology import shapes_graph


@dataclass
class ValidationResult:
    conforms: bool
    problems: list[str]

    def summary(self, limit: int = 3) -> str:
        shown = "; ".join(self.problems[:limit])
        more = len(self.problems) - limit
        return shown + (f" (and {more} more)" if more > 0 else "")


def validate_graph(data: Graph) -> ValidationResult:
    """Check a graph against the shapes; problems are short 'focus path: message' strings."""
    conforms, report, _text = shacl_validate(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=False,
        allow_warnings=True,
        inplace=True,  # the graph is not changed without inference; copying it costs a third
    )
    problems = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        where = f"{focus}" + (f" {data.namespace_manager.normalizeUri(path)}" if path else "")
        problems.append(f"{where}: {message}")
    return ValidationResult(bool(conforms), sorted(problems))

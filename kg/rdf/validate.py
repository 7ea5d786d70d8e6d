"""Validating a built graph against the SHACL shapes of `ontology/shapes.ttl` (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from kg.model.ns import SH
from kg.model.ontology import load_ontology, load_shapes

__all__ = ["Violation", "Validation", "validate_graph"]


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the focus node, the property path, the message and the severity."""

    focus: str
    path: str
    message: str
    severity: str


@dataclass(frozen=True)
class Validation:
    conforms: bool
    violations: tuple[Violation, ...]

    def summary(self) -> str:
        if self.conforms:
            return "the graph conforms to the shapes"
        lines = [f"{len(self.violations)} violation(s):"]
        lines += [f"  {v.severity}: {v.focus} {v.path}: {v.message}" for v in self.violations]
        return "\n".join(lines)


def validate_graph(data: Graph) -> Validation:
    """Validate `data` with the ontology as schema and no inference (types are explicit)."""
    import pyshacl

    conforms, results, _ = pyshacl.validate(data, shacl_graph=load_shapes(), ont_graph=load_ontology(),
                                            inference="none", advanced=True, allow_warnings=True)
    violations = []
    for res in results.subjects(predicate=None, object=SH.ValidationResult):
        def one(pred, res=res):
            return str(results.value(res, pred) or "")
        violations.append(Violation(one(SH.focusNode), one(SH.resultPath), one(SH.resultMessage),
                                    one(SH.resultSeverity).rsplit("#", 1)[-1]))
    return Validation(bool(conforms), tuple(sorted(violations)))

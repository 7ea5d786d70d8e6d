"""Superclass types, materialized: every `rdf:type` a graph kg writes states is accompanied by the
types its class inherits through `rdfs:subClassOf` in the ontology (`ontology/kg.ttl`), so that
`?e a kgo:Event`, `?o a org:Organization`, `?x a foaf:Agent` or `?p a schema:Place` answer on any
engine, with no reasoner.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from rdflib import URIRef
from rdflib.term import Node

from kg.model.ns import RDF, RDFS

__all__ = ["superclasses", "with_superclasses"]


@lru_cache(maxsize=1)
def _closure() -> dict[URIRef, frozenset[URIRef]]:
    from kg.model.ontology import load_ontology

    direct: dict[URIRef, set[URIRef]] = {}
    for sub, sup in load_ontology().subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef) and sub != sup:
            direct.setdefault(sub, set()).add(sup)
    closure: dict[URIRef, frozenset[URIRef]] = {}
    for cls, supers in direct.items():
        seen: set[URIRef] = set()
        todo = list(supers)
        while todo:
            sup = todo.pop()
            if sup not in seen and sup != cls:
                seen.add(sup)
                todo.extend(direct.get(sup, ()))
        closure[cls] = frozenset(seen)
    return closure


def superclasses(cls: URIRef) -> frozenset[URIRef]:
    """Every class `cls` is a subclass of in the ontology, directly or not (not `cls` itself)."""
    return _closure().get(cls, frozenset())


def with_superclasses(triples: Iterable[tuple[Node, Node, Node]]) -> Iterator[tuple[Node, Node, Node]]:
    """`triples`, each `s rdf:type C` followed by `s rdf:type S` for every superclass S of C."""
    for s, p, o in triples:
        yield s, p, o
        if p == RDF.type and isinstance(o, URIRef):
            for sup in superclasses(o):
                yield s, p, sup

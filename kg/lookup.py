"""Finding people in a built graph by any name: 王子联, 王子聯, Wang Zilian, wang  zilian, Ван Цзылянь,
Ван Цзыляня. A name is matched by its cross-script name key first, then by its folded label; an
ambiguous name gives every candidate, an unknown one the closest names."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from kg.names import name_key
from kg.normalize import collapse_spaces, fold
from kg.ns import KGO, ORG, RDF, SKOS

__all__ = ["Person", "PersonIndex", "Lookup"]


@dataclass(frozen=True)
class Person:
    """A person node with its labels per language and its posts (title, organization labels)."""

    iri: URIRef
    key: str
    labels: dict[str, str]
    posts: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.labels.get("en") or next(iter(self.labels.values()), str(self.iri))

    def describe(self) -> str:
        other = " / ".join(v for k, v in sorted(self.labels.items()) if k != "en")
        posts = "; ".join(self.posts)
        return f"{self.label}" + (f" ({other})" if other else "") + (f" — {posts}" if posts else "")


@dataclass
class Lookup:
    """The answer to a name: one person, several candidates, or none with suggestions."""

    query: str
    matches: list[Person] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)


def _en(graph: Graph, node) -> str:
    labels = {lbl.language: str(lbl) for lbl in graph.objects(node, SKOS.prefLabel)}
    return labels.get("en") or next(iter(labels.values()), "")


class PersonIndex:
    """An in-memory index of the people of a graph by name key and by folded label."""

    def __init__(self, graph: Graph) -> None:
        self.people: dict[URIRef, Person] = {}
        self.by_key: dict[str, list[URIRef]] = {}
        self.by_label: dict[str, list[URIRef]] = {}
        for node in sorted(graph.subjects(RDF.type, KGO.Person)):
            labels = {lbl.language or "": str(lbl) for lbl in graph.objects(node, SKOS.prefLabel)}
            key = str(graph.value(node, KGO.nameKey) or "")
            posts = sorted({f"{_en(graph, graph.value(post, ORG.role))}"
                            + (f", {_en(graph, graph.value(post, ORG.postIn))}" if graph.value(post, ORG.postIn) else "")
                            for post in graph.objects(node, ORG.holds)})
            person = Person(node, key, labels, tuple(posts))
            self.people[node] = person
            if key:
                self.by_key.setdefault(key, []).append(node)
            names = set(labels.values()) | {str(a) for a in graph.objects(node, SKOS.altLabel)}
            for name in names:
                self.by_label.setdefault(fold(collapse_spaces(name)), []).append(node)

    def find(self, name: str) -> Lookup:
        """People called `name` in any script or spelling."""
        query = collapse_spaces(name)
        found: list[URIRef] = []
        key = name_key(query) if query else None
        if key:
            found = list(self.by_key.get(key, []))
        if not found:
            found = list(self.by_label.get(fold(query), []))
        if not found and query:
            spaced = fold(query).replace(" ", "")
            found = [n for lbl, nodes in self.by_label.items() if lbl.replace(" ", "") == spaced for n in nodes]
        matches = [self.people[n] for n in sorted(set(found))]
        suggestions: list[str] = []
        if not matches and query:
            pool = {p.label: p for p in self.people.values()}
            keys = {p.key: p.label for p in self.people.values()}
            close = difflib.get_close_matches(fold(query), [fold(x) for x in pool], n=5, cutoff=0.8)
            close_keys = difflib.get_close_matches(key or fold(query), list(keys), n=5, cutoff=0.8)
            by_fold = {fold(x): x for x in pool}
            suggestions = sorted({by_fold[c] for c in close} | {keys[k] for k in close_keys})
        return Lookup(name, matches, suggestions)

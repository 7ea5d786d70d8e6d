"""Finding people in a built graph by any name: 王子联, 王子聯, Wang Zilian, wang  zilian, Ван Цзылянь,
Ван Цзыляня. A name is matched by its cross-script name key first, then by its folded label; an
ambiguous name gives every candidate, an unknown one the closest names.

A person can always be named unambiguously: by IRI (``<https://w3id.org/kg-jilin/id/person/x>`` or
``kgr:person/x``), by node id (``x``, as the candidates of an ambiguous name list it), or by a name
with a title or organization in any language ("王岩 副市长", "Wang Yan, Vice Mayor"). A surname alone
(Wang, 王, Ван) gives everyone bearing it; a name in Western order (Zilian Wang) is tried both ways."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from kg.names import name_key
from kg.normalize import collapse_spaces, fold
from kg.ns import KGO, KGR, ORG, RDF, SKOS

__all__ = ["Lookup", "Person", "PersonIndex"]


@dataclass(frozen=True)
class Person:
    """A person node with its labels per language and its posts (title, organization labels)."""

    iri: URIRef
    key: str
    labels: dict[str, str]
    posts: tuple[str, ...] = ()
    post_terms: frozenset[str] = frozenset()  # folded labels of its titles and organizations, every language

    @property
    def label(self) -> str:
        return self.labels.get("en") or next(iter(self.labels.values()), str(self.iri))

    @property
    def node_id(self) -> str:
        """The last segment of the IRI: what `find` takes back unambiguously."""
        return str(self.iri).rsplit("/", 1)[-1]

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
            terms = frozenset(fold(collapse_spaces(str(lbl))) for post in graph.objects(node, ORG.holds)
                              for part in (graph.value(post, ORG.role), graph.value(post, ORG.postIn)) if part
                              for lbl in (*graph.objects(part, SKOS.prefLabel), *graph.objects(part, SKOS.altLabel)))
            person = Person(node, key, labels, tuple(posts), terms)
            self.people[node] = person
            if key:
                self.by_key.setdefault(key, []).append(node)
            names = set(labels.values()) | {str(a) for a in graph.objects(node, SKOS.altLabel)}
            for name in names:
                self.by_label.setdefault(fold(collapse_spaces(name)), []).append(node)

    def find(self, name: str) -> Lookup:
        """People called `name` in any script or spelling, or named by IRI or node id, or by a name
        followed by a title or organization (after a comma or a space)."""
        exact = self._by_id(name.strip())
        if exact is not None:
            return Lookup(name, [exact])
        found = self._by_name(name)
        if found.matches:
            return found
        words = collapse_spaces(name).split(" ")
        if len(words) == 2:  # Western order: Zilian Wang
            reversed_ = self._by_name(f"{words[1]} {words[0]}")
            if reversed_.matches:
                return Lookup(name, reversed_.matches)
        if len(words) == 1 and words[0].isalpha():  # a surname alone: everyone bearing it
            surname = name_key(words[0])
            bearers = [self.people[n] for k, nodes in sorted(self.by_key.items()) if surname and k.startswith(f"{surname}-")
                       for n in nodes]
            if bearers:
                return Lookup(name, sorted(bearers, key=lambda p: p.iri))
        for head, qualifier in _qualified(collapse_spaces(name)):
            candidates = self._by_name(head).matches
            want = fold(qualifier)
            exact = [p for p in candidates if want in p.post_terms]
            kept = exact or [p for p in candidates if any(want in t or t in want for t in p.post_terms if len(t) > 1)]
            if kept:
                return Lookup(name, kept)
        return found

    def _by_id(self, text: str) -> Person | None:
        text = text[1:-1] if text.startswith("<") and text.endswith(">") else text
        if not re.fullmatch(r"[A-Za-z0-9._~:/%#-]+", text):
            return None
        if text.startswith("kgr:"):
            text = str(KGR) + text[4:]
        if "/" not in text and text:
            text = f"{KGR}person/{text}"
        return self.people.get(URIRef(text))

    def _by_name(self, name: str) -> Lookup:
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


def _qualified(query: str) -> list[tuple[str, str]]:
    """Ways to read `query` as a name then a qualifier: at a comma, else at each space."""
    if "," in query or "，" in query:
        head, _, rest = query.replace("，", ",").partition(",")
        return [(head.strip(), rest.strip())] if head.strip() and rest.strip() else []
    words = query.split(" ")
    return [(" ".join(words[:i]), " ".join(words[i:])) for i in range(len(words) - 1, 0, -1)]

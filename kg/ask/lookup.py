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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kg.errors import InputError
from kg.model import iris
from kg.text.names import name_key
from kg.text.normalize import collapse_spaces, fold

__all__ = ["Lookup", "Person", "PersonError", "PersonIndex", "UnknownName", "find_person", "folded_names",
           "name_probes", "person_records", "unresolved"]


@dataclass(frozen=True)
class Person:
    """A person node with its labels per language and its posts (title, organization labels)."""

    iri: Any  # a URIRef from an rdflib Graph, a str from a kg.ask.reader.StoreReader
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
        return iris.resource_key(self.iri)

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


# A person's record: IRI, name key, labels per language, other names, posts, folded post terms.
_Record = tuple[Any, str, dict[str, str], set[str], tuple[str, ...], frozenset[str]]


def _from_graph(graph: Any) -> Iterator[_Record]:
    """The people of an rdflib Graph, walked through its API."""
    from kg.model.ns import KGO, ORG, RDF, SKOS

    def en(node) -> str:
        labels = {lbl.language: str(lbl) for lbl in graph.objects(node, SKOS.prefLabel)}
        return labels.get("en") or next(iter(labels.values()), "")

    for node in sorted(graph.subjects(RDF.type, KGO.Person)):
        labels = {lbl.language or "": str(lbl) for lbl in graph.objects(node, SKOS.prefLabel)}
        key = str(graph.value(node, KGO.nameKey) or "")
        posts = sorted({f"{en(graph.value(post, ORG.role))}"
                        + (f", {en(graph.value(post, ORG.postIn))}" if graph.value(post, ORG.postIn) else "")
                        for post in graph.objects(node, ORG.holds)})
        terms = frozenset(fold(collapse_spaces(str(lbl))) for post in graph.objects(node, ORG.holds)
                          for part in (graph.value(post, ORG.role), graph.value(post, ORG.postIn)) if part
                          for lbl in (*graph.objects(part, SKOS.prefLabel), *graph.objects(part, SKOS.altLabel)))
        yield node, key, labels, {str(a) for a in graph.objects(node, SKOS.altLabel)}, tuple(posts), terms


_PEOPLE = "SELECT ?p ?key WHERE { ?p a kgo:Person OPTIONAL { ?p kgo:nameKey ?key } }"
_NAMES = """SELECT ?p ?l (LANG(?l) AS ?lang) ?alt WHERE { ?p a kgo:Person .
  { ?p skos:prefLabel ?l BIND("" AS ?alt) } UNION { ?p skos:altLabel ?l BIND("alt" AS ?alt) } }"""
_POSTS = """SELECT DISTINCT ?p ?role ?org WHERE { ?p a kgo:Person ; org:holds ?post .
  OPTIONAL { ?post org:role ?role } OPTIONAL { ?post org:postIn ?org } }"""
_PARTS = """SELECT DISTINCT ?x ?l (LANG(?l) AS ?lang) ?alt WHERE { ?post org:role|org:postIn ?x .
  { ?x skos:prefLabel ?l BIND("" AS ?alt) } UNION { ?x skos:altLabel ?l BIND("alt" AS ?alt) } }"""


def folded_names(labels: dict[str, str], alts: set[str]) -> list[str]:
    """A person's names as name lookup compares them (`fold`, spaces collapsed), sorted."""
    return sorted({fold(collapse_spaces(name)) for name in set(labels.values()) | alts})


def _from_reader(reader: Any, cached: list[list[Any]] | None) -> Iterator[_Record]:
    """The same records from a kg.ask.reader.StoreReader: those its build wrote (`cached`, its `people()`),
    else four queries instead of a walk per person."""
    if cached is not None:
        for iri, key, labels, alts, posts, terms, *_ in cached:
            yield iri, key, labels, set(alts), tuple(posts), frozenset(terms)
        return
    yield from person_records(reader)


def person_records(reader: Any) -> Iterator[_Record]:
    """The people of a kg.ask.reader.StoreReader by four queries (what a build caches in `people.json`)."""
    keys: dict[str, str] = {}
    for r in reader.rows(_PEOPLE):
        keys.setdefault(r["p"], r["key"] or "")
    labels: dict[str, dict[str, str]] = {p: {} for p in keys}
    alts: dict[str, set[str]] = {p: set() for p in keys}
    for r in reader.rows(_NAMES):
        if r["alt"]:
            alts[r["p"]].add(r["l"])
        else:
            labels[r["p"]][r["lang"]] = r["l"]
    part_labels: dict[str, dict[str, str]] = {}
    part_terms: dict[str, set[str]] = {}
    for r in reader.rows(_PARTS):
        if not r["alt"]:
            part_labels.setdefault(r["x"], {})[r["lang"]] = r["l"]
        part_terms.setdefault(r["x"], set()).add(fold(collapse_spaces(r["l"])))

    def en(node: str | None) -> str:
        found = part_labels.get(node or "", {})
        return found.get("en") or next(iter(found.values()), "")

    posts: dict[str, set[str]] = {p: set() for p in keys}
    terms: dict[str, set[str]] = {p: set() for p in keys}
    for r in reader.rows(_POSTS):
        posts[r["p"]].add(en(r["role"]) + (f", {en(r['org'])}" if r["org"] else ""))
        for part in (r["role"], r["org"]):
            terms[r["p"]].update(part_terms.get(part or "", ()))
    for p in sorted(keys):
        yield p, keys[p], labels[p], alts[p], tuple(sorted(posts[p])), frozenset(terms[p])


class PersonIndex:
    """An in-memory index of the people of a graph by name key and by folded label: of an rdflib Graph,
    or of a build's store read without rdflib (a kg.ask.reader.StoreReader, whose IRIs are plain strings)."""

    def __init__(self, graph: Any) -> None:
        self.people: dict[Any, Person] = {}
        self.by_key: dict[str, list[Any]] = {}
        self.by_label: dict[str, list[Any]] = {}
        folded: dict[Any, list[str]] = {}  # the folded names a build cached (no Han conversion on load)
        if hasattr(graph, "rows"):
            self._iri: Callable[[str], Any] = str
            cached = graph.people()  # read once: at 10M triples it is 20,000 people, 7 MB of JSON
            records = _from_reader(graph, cached)
            folded = {r[0]: r[6] for r in cached or () if len(r) > 6}
        else:
            from rdflib import URIRef

            self._iri = URIRef
            records = _from_graph(graph)
        for node, key, labels, alts, posts, terms in records:
            person = Person(node, key, labels, posts, terms)
            self.people[node] = person
            if key:
                self.by_key.setdefault(key, []).append(node)
            for name in folded.get(node) or folded_names(labels, alts):
                self.by_label.setdefault(name, []).append(node)

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
            same = [p for p in candidates if want in p.post_terms]
            kept = same or [p for p in candidates if any(want in t or t in want for t in p.post_terms if len(t) > 1)]
            if kept:
                return Lookup(name, kept)
        return found

    def _by_id(self, text: str) -> Person | None:
        iri = _id_iri(text)
        return self.people.get(self._iri(iri)) if iri is not None else None

    def _by_name(self, name: str) -> Lookup:
        query = collapse_spaces(name)
        found: list[Any] = []
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


def _id_iri(text: str) -> str | None:
    """The person IRI `text` spells as an IRI (``<...>``), ``kgr:`` name or node id, or None."""
    text = text[1:-1] if text.startswith("<") and text.endswith(">") else text
    if not re.fullmatch(r"[A-Za-z0-9._~:/%#-]+", text):
        return None
    if text.startswith("kgr:"):
        text = iris.PREFIXES["kgr"] + text[4:]
    if "/" not in text and text:
        text = iris.resource_base("person") + text
    return text


def name_probes(name: str, known_key: Callable[[str], str | None] = lambda query: None) -> Iterator[tuple[str, str]]:
    """What `PersonIndex.find` looks `name` up by first, in its order, as (kind, text) with kind `iri`,
    `key` (its `by_key`) or `label` (its `by_label`): the first probe that finds anyone decides, when it
    finds one person; an index of those three (kg.ask.meetingindex) answers a name without the rest.
    Lazily: the name key is made only when the IRI finds no one, and taken from `known_key` (the key of
    a name seen before, or None) when it knows it: making one may load pypinyin, most of a second."""
    iri = _id_iri(name.strip())
    if iri is not None:
        yield "iri", iri
    query = collapse_spaces(name)
    key = (known_key(query) or name_key(query)) if query else None
    if key:
        yield "key", key
    yield "label", fold(query)


def _qualified(query: str) -> list[tuple[str, str]]:
    """Ways to read `query` as a name then a qualifier: at a comma, else at each space."""
    if "," in query or "，" in query:
        head, _, rest = query.replace("，", ",").partition(",")
        return [(head.strip(), rest.strip())] if head.strip() and rest.strip() else []
    words = query.split(" ")
    return [(" ".join(words[:i]), " ".join(words[i:])) for i in range(len(words) - 1, 0, -1)]


class UnknownName(InputError, ValueError):
    """A name that names nothing, or several things; the message (`unresolved`) is one line."""


class PersonError(UnknownName):
    """A name that names no person, or several people."""


def unresolved(name: str, candidates: list[tuple[str, str]], suggestions: list[str], paste: str = "{}",
               source: str = "", noun: tuple[str, str] = ("person", "people")) -> str:
    """The one-line message for a `name` that names no `noun` (close names suggested) or several
    (`candidates`: (id, description) pairs, each id shown as `paste` formats it, to paste back).
    `source` (the graph read) is named when given."""
    if not candidates:
        if source:
            hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
            return f"no {noun[0]} called {name!r} in {source}.{hint}"
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        return f"no {noun[0]} is called {name!r}{hint}"
    return (f"{name!r} names {len(candidates)} {noun[1]}, name one: "
            + "; ".join(f"{paste.format(id_)} ({description})" for id_, description in candidates))


def find_person(index: PersonIndex, name: str, paste: str = "kg person {}", source: str = "") -> Person:
    """The one person `name` names (any script, IRI, node id, name with title; see `PersonIndex.find`):
    what every command that takes a person's name uses. A PersonError (`unresolved`) if it names nobody
    or several people."""
    found = index.find(name)
    if len(found.matches) == 1:
        return found.matches[0]
    raise PersonError(unresolved(name, [(p.node_id, p.describe()) for p in found.matches], found.suggestions,
                                 paste, source))

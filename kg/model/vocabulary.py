"""The vocabulary of kg's terms, read from the ontology (`ontology/kg.ttl`): the one place code asks
which event types, participant roles, stances and classes there are, how a reader names them
(`rdfs:label` per language), and which relations the maps draw as edges (`kgo:MapEdge`).

who-met, the maps and exports, and the query page (`kg serve`'s /labels, through `display_labels`) all
name terms through `term_label`. Terms are named by their local name ("Meeting", "Met", "Promotes")
where kg's code passes them around. The ontology is read with pyoxigraph: who-met's fast path imports
no rdflib (`display_labels` alone takes an rdflib Graph).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from kg.model.iris import KGO, PREFIXES, RDF, local_name

if TYPE_CHECKING:
    from rdflib import Graph

_RDFS = PREFIXES["rdfs"]
_LABEL, _SUBCLASS, _TYPE = _RDFS + "label", _RDFS + "subClassOf", RDF + "type"

__all__ = ["MapEdge", "class_group", "display_labels", "event_types", "family", "implied_events", "labels",
           "local", "map_edges", "roles", "stances", "subclasses", "term_label", "trigger_roles"]


@dataclass(frozen=True)
class MapEdge:
    """A kind of relationship the maps draw (a `kgo:MapEdge` of the ontology; see its annotation
    properties there). `name` is its English label, the relation's name in the projection; the other
    fields are IRIs ("" where the ontology states none), except `date` ("source", "target" or "")."""

    iri: str
    labels: dict[str, str]
    views: tuple[str, ...]
    fact: str = ""
    source: str = ""
    target: str = ""
    properties: tuple[str, ...] = ()
    detail: str = ""
    date: str = ""
    evidence_via: str = ""
    inferred: bool = False

    @property
    def name(self) -> str:
        return self.labels["en"]

    @property
    def stated(self) -> bool:
        """Whether each edge is a fact with its own evidence (not a plain statement of the hierarchy)."""
        return bool(self.fact)


local = local_name  # the local name of an IRI ("https://w3id.org/kg-jilin/ontology#Meeting" -> "Meeting")


@lru_cache(maxsize=1)
def _statements() -> tuple[tuple[str, str, Any], ...]:  # objects: pyoxigraph terms
    """(subject, predicate, object) of every statement of kg.ttl about a named subject, in file order:
    subject and predicate as IRIs, the object as a pyoxigraph term."""
    import pyoxigraph as ox

    from kg.model.ontology import ontology_dir

    with open(ontology_dir() / "kg.ttl", "rb") as f:
        return tuple((t.subject.value, t.predicate.value, t.object) for t in ox.parse(f, format=ox.RdfFormat.TURTLE)
                     if isinstance(t.subject, ox.NamedNode))


def _objects(subject: str, predicate: str) -> list[Any]:
    return [o for s, p, o in _statements() if s == subject and p == predicate]


def _subjects(predicate: str, obj: str) -> list[str]:
    """Subjects of `predicate obj` (an IRI), in file order, once each."""
    return list(dict.fromkeys(s for s, p, o in _statements() if p == predicate and getattr(o, "value", None) == obj))


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    """IRI -> {language: label} for every term the ontology labels."""
    import pyoxigraph as ox

    out: dict[str, dict[str, str]] = {}
    for s, p, o in _statements():
        if p == _LABEL and isinstance(o, ox.Literal):
            out.setdefault(s, {})[o.language or ""] = o.value
    return out


@lru_cache(maxsize=32)
def subclasses(cls: str) -> tuple[str, ...]:
    """The local names of the kgo classes below kgo class `cls` (a local name), directly or not, in the
    order the ontology declares them."""
    found: list[str] = []
    todo = [KGO + cls]
    while todo:
        for sub in _subjects(_SUBCLASS, todo.pop(0)):
            if sub.startswith(KGO) and local(sub) not in found:
                found.append(local(sub))
                todo.append(sub)
    order = {s: i for i, s in enumerate(dict.fromkeys(s for s, _, _ in _statements()))}
    return tuple(sorted(found, key=lambda name: order[KGO + name]))


def class_group(group: str) -> tuple[str, ...]:
    """The classes a node of kgo class `group` is typed with: its subclasses, or itself when it has none
    ("Place" -> Country, Province, ...; "Person" -> Person)."""
    return subclasses(group) or (group,)


def event_types() -> tuple[str, ...]:
    """The event types: the subclasses of kgo:Event ("Meeting", "Conference", ...)."""
    return subclasses("Event")


def _individuals(cls: str) -> tuple[str, ...]:
    return tuple(local(s) for s in _subjects(_TYPE, KGO + cls))


def roles() -> tuple[str, ...]:
    """The participant roles: the kgo:ParticipantRole individuals ("Presided", "Met", ...)."""
    return _individuals("ParticipantRole")


def stances() -> tuple[str, ...]:
    """The strategy stances: the kgo:StanceKind individuals ("Promotes", "Implements", "Deploys")."""
    return _individuals("StanceKind")


def _annotation(names: Iterable[str], predicate: str) -> dict[str, str]:
    return {name: local(o.value) for name in names for o in _objects(KGO + name, KGO + predicate)[:1]}


@lru_cache(maxsize=1)
def trigger_roles() -> dict[str, str]:
    """Event type -> the role of the people named before its trigger (`kgo:triggerRole`)."""
    return _annotation(event_types(), "triggerRole")


@lru_cache(maxsize=1)
def implied_events() -> dict[str, str]:
    """Role -> the event type a sentence stating it opens when no cue names the event (`kgo:impliesEvent`)."""
    return _annotation(roles(), "impliesEvent")


@lru_cache(maxsize=64)
def family(kind: str) -> str:
    """The family of class `kind` (a local name): the local name of its kgo superclass (the first in
    IRI order), else `kind` itself ("Meeting" -> "Event", "Person" -> "Person")."""
    parents = sorted(o.value for o in _objects(KGO + kind, _SUBCLASS) if getattr(o, "value", "").startswith(KGO))
    return local(parents[0]) if parents else kind


@lru_cache(maxsize=1)
def map_edges() -> tuple[MapEdge, ...]:
    """Every kind of map edge the ontology declares, in its order."""
    out = []
    for iri in _subjects(_TYPE, KGO + "MapEdge"):
        def one(name: str, iri: str = iri) -> str:
            values = _objects(iri, KGO + name)
            return values[0].value if values else ""

        out.append(MapEdge(
            iri, {lang: text for lang, text in labels().get(iri, {}).items() if lang},
            tuple(o.value for o in _objects(iri, KGO + "mapView")), fact=one("edgeFact"), source=one("edgeSource"),
            target=one("edgeTarget"), properties=tuple(o.value for o in _objects(iri, KGO + "edgeProperty")),
            detail=one("edgeDetail"), date=one("edgeDate"), evidence_via=one("edgeEvidenceVia"),
            inferred=one("edgeInferred") == "true"))
    return tuple(out)


def term_label(term: object, lang: str = "en") -> str:
    """The label of ontology term `term` (an IRI, as a term or text) in `lang`, else in English, else
    its local name ("DeliveredSpeech" -> "Delivering a speech"); "" for None."""
    if term is None:
        return ""
    text = str(term)
    known = labels().get(text, {})
    return known.get(lang) or known.get("en") or local_name(text)


def display_labels(graph: Graph, iris: Iterable[str], lang: str = "en") -> dict[str, dict[str, object]]:
    """How a reader sees each IRI of `iris`: {"label": ..., "person": bool} from the ontology's labels
    (`term_label`) for its terms, else the node's skos:prefLabel (in `lang`, else English, else any),
    else its schema:name (an event), rdfs:label or dcterms:title (a document); IRIs with none are left out. Values are looked up as terms, never spliced
    into query text."""
    from rdflib import URIRef

    from kg.model.ns import DCTERMS, KGO, RDF, RDFS, SCHEMA, SKOS

    out: dict[str, dict[str, object]] = {}
    for text in iris:
        if text in labels():
            out[text] = {"label": term_label(text, lang), "person": False}
            continue
        iri = URIRef(text)
        names = {getattr(o, "language", None) or "": str(o) for o in graph.objects(iri, SKOS.prefLabel)}
        name = names.get(lang) or names.get("en") or next(iter(sorted(names.items())), ("", ""))[1] \
            or next((str(o) for p in (SCHEMA.name, RDFS.label, DCTERMS.title) for o in graph.objects(iri, p)), "")
        if name:
            out[text] = {"label": name, "person": (iri, RDF.type, KGO.Person) in graph}
    return out

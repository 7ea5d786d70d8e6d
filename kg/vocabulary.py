"""The human vocabulary of kg's terms: the one place a role, event type, class or stance is named for
a reader, from the ontology's `rdfs:label` per language (`ontology/kg.ttl`). who-met, the maps and
exports, and the query page (`kg serve`'s /labels, through `display_labels`) all name terms through
`term_label`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.iris import PREFIXES, local_name

if TYPE_CHECKING:
    from rdflib import Graph

_LABEL = PREFIXES["rdfs"] + "label"

__all__ = ["display_labels", "labels", "term_label"]


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    """IRI -> {language: label} for every term the ontology labels (read with pyoxigraph: who-met's fast
    path imports no rdflib)."""
    import pyoxigraph as ox

    from kg.ontology import ontology_dir

    out: dict[str, dict[str, str]] = {}
    with open(ontology_dir() / "kg.ttl", "rb") as f:
        for t in ox.parse(f, format=ox.RdfFormat.TURTLE):
            if t.predicate.value == _LABEL and isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.Literal):
                out.setdefault(t.subject.value, {})[t.object.language or ""] = t.object.value
    return out


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

    from kg.ns import DCTERMS, KGO, RDF, RDFS, SCHEMA, SKOS

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

"""The human vocabulary of kg's terms: the one place a role, event type, class or stance is named for
a reader, from the ontology's `rdfs:label` per language (`ontology/kg.ttl`). who-met, the maps and
exports, and the query page (`kg serve`'s /labels) all name terms through `term_label`.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Literal, URIRef

from kg.ns import RDFS

__all__ = ["labels", "term_label"]


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    """IRI -> {language: label} for every term the ontology labels."""
    from kg.ontology import load_ontology

    out: dict[str, dict[str, str]] = {}
    for term, label in load_ontology().subject_objects(RDFS.label):
        if isinstance(term, URIRef) and isinstance(label, Literal):
            out.setdefault(str(term), {})[label.language or ""] = str(label)
    return out


def term_label(term: object, lang: str = "en") -> str:
    """The label of ontology term `term` (an IRI, as a term or text) in `lang`, else in English, else
    its local name ("DeliveredSpeech" -> "Delivering a speech"); "" for None."""
    if term is None:
        return ""
    text = str(term)
    known = labels().get(text, {})
    return known.get(lang) or known.get("en") or text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]

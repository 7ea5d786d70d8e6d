"""Mentions of reference entities (places, organizations, strategies, titles) in documents.

A mention is found by the gazetteer inside a fact zone (title or body, never in captions,
bylines or navigation) and carries its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.extract.evidence import Evidence, evidence_for
from kg.extract.gazetteer import Gazetteer, Hit
from kg.model.ontology import Reference, load_reference
from kg.read.documents import Document

__all__ = ["Mention", "reference_gazetteer", "find_mentions"]


@dataclass(frozen=True, order=True)
class Mention:
    """A reference entity named in a document, with evidence. `entity_ids` has one id unless the
    name is ambiguous."""

    entity_ids: tuple[str, ...]
    evidence: Evidence
    alias: str
    view_start: int
    view_end: int


@lru_cache(maxsize=4)
def reference_gazetteer(reference: Reference | None = None) -> Gazetteer:
    """A gazetteer over every name of every reference entity."""
    ref = reference or load_reference()
    return Gazetteer((ent.id, name) for ent in ref for name in ent.names())


def find_mentions(doc: Document, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every reference-entity mention in the fact zones of `doc`, in text order."""
    gaz = gazetteer or reference_gazetteer()
    out: list[Mention] = []
    for zone in doc.fact_zones():
        hit: Hit
        for hit in gaz.find(doc.view, zone.start, zone.end):
            out.append(Mention(hit.entity_ids, evidence_for(doc, hit.start, hit.end), hit.alias,
                               hit.start, hit.end))
    return out

"""The shared view of one document that the extraction rules read: text, sentences and the
reference entities (places, organizations, strategies, titles) found in its fact zones."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from kg.documents import Document
from kg.evidence import document_sentences
from kg.mentions import reference_gazetteer
from kg.normalize import fold
from kg.ontology import Reference, load_reference

__all__ = ["Item", "Context", "make_context"]


@dataclass(frozen=True, order=True)
class Item:
    """A span of the view naming something: `kind` is place, organization, strategy, title or person;
    `ids` are reference ids (or the name key for a person)."""

    start: int
    end: int
    kind: str
    ids: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.ids[0]


@dataclass
class Context:
    """One document prepared for the rules. Offsets are view offsets."""

    doc: Document
    ref: Reference
    hits: list[Item]
    sentences: list[tuple[int, int]]
    persons: list[Item] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.doc.view

    @cached_property
    def folded(self) -> str:
        """The view folded for matching (same length: offsets are shared)."""
        return fold(self.doc.view)

    def items(self, start: int, end: int, kinds: tuple[str, ...] | None = None,
              with_persons: bool = True) -> list[Item]:
        """Reference hits (and persons) inside `[start, end)`, in text order."""
        pool = self.hits + (self.persons if with_persons else [])
        return sorted(i for i in pool if i.start >= start and i.end <= end and (kinds is None or i.kind in kinds))

    def sentence_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.sentences:
            if s <= pos < e:
                return s, e
        return pos, pos

    def covered(self, start: int, end: int) -> bool:
        """True when `[start, end)` overlaps a reference hit."""
        return any(not (end <= h.start or start >= h.end) for h in self.hits)


def make_context(doc: Document, ref: Reference | None = None) -> Context:
    """Find the reference hits of every fact zone and split sentences."""
    ref = ref or load_reference()
    gaz = reference_gazetteer(ref)
    hits: list[Item] = []
    for zone in doc.fact_zones():
        for h in gaz.find(doc.view, zone.start, zone.end):
            kind = ref[h.entity_ids[0]].kind
            hits.append(Item(h.start, h.end, kind, h.entity_ids))
    return Context(doc, ref, sorted(hits), list(document_sentences(doc)))

"""The shared view of one document that the extraction rules read: text, sentences and the
reference entities (places, organizations, strategies, titles) found in its fact zones.

Lookups by position (`sentence_of`, `covered`, `items`, `near`) use sorted indexes, so extraction time
grows linearly with a document's length, not with its square. The indexes are rebuilt when a rule
replaces `hits` or `persons` (they are lists assigned whole, never mutated in place).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from kg.extract.evidence import document_sentences
from kg.extract.mentions import reference_gazetteer
from kg.model.ontology import Reference, load_reference
from kg.read.documents import Document
from kg.text.normalize import fold

__all__ = ["Item", "Context", "make_context", "Spans"]


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


class Spans:
    """Character ranges taken so far, answering "does [start, end) overlap one?" by binary search
    (the name rules ask this for every candidate; a scan of all names would be quadratic)."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        ordered = sorted(spans or ())
        self._starts: list[int] = [a for a, _ in ordered]
        self._ends: list[int] = [b for _, b in ordered]
        self._longest = max((b - a for a, b in ordered), default=0)

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        self._longest = max(self._longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        return any(self._ends[k] > start for k in range(lo, hi))


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

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def _index(self, items: list[Item]) -> tuple[list[int], list[int]]:
        """(starts, running maximum of ends) of `items` (sorted by start), cached per list object."""
        cache = self.__dict__.setdefault("_indexes", {})
        key = id(items)
        hit = cache.get(key)
        if hit is None or hit[0] is not items or len(hit[1]) != len(items):
            starts = [i.start for i in items]
            ends, top = [], -1
            for i in items:
                top = max(top, i.end)
                ends.append(top)
            hit = cache[key] = (items, starts, ends)
        return hit[1], hit[2]

    def _within(self, items: list[Item], start: int, end: int) -> list[Item]:
        starts, _ = self._index(items)
        return [i for i in items[bisect_left(starts, start):bisect_left(starts, end)] if i.end <= end]

    def items(self, start: int, end: int, kinds: tuple[str, ...] | None = None,
              with_persons: bool = True) -> list[Item]:
        """Reference hits (and persons) inside `[start, end)`, in text order."""
        pool = self._within(self.hits, start, end) + (self._within(self.persons, start, end) if with_persons else [])
        return sorted(i for i in pool if kinds is None or i.kind in kinds)

    def near(self, start: int, end: int, reach: int) -> list[Item]:
        """Reference hits that start within `reach` characters of `[start, end)`, in text order."""
        starts, _ = self._index(self.hits)
        return self.hits[bisect_left(starts, start - reach):bisect_right(starts, end + reach)]

    @cached_property
    def _zones(self) -> tuple[list[int], list[int]]:
        zones = sorted((z.start, z.end) for z in self.doc.fact_zones())
        return [a for a, _ in zones], [b for _, b in zones]

    def in_fact_zone(self, start: int, end: int) -> bool:
        """True when `[start, end)` lies inside one fact zone (title or body)."""
        starts, ends = self._zones
        i = bisect_right(starts, start) - 1
        return i >= 0 and end <= ends[i]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._sentence_starts, pos) - 1
        if i >= 0:
            s, e = self.sentences[i]
            if s <= pos < e:
                return s, e
        return pos, pos

    def covered(self, start: int, end: int) -> bool:
        """True when `[start, end)` overlaps a reference hit."""
        starts, ends = self._index(self.hits)
        i = bisect_left(starts, end)  # hits starting before `end`
        return i > 0 and ends[i - 1] > start


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

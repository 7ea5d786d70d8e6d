"""One event reported by several articles (in one language or several) is one event node.

Two events of different documents are one when they are of the same type, on the same date, at
compatible places (the same, or one unstated) and share at least `SHARED` people (person nodes after
resolution). Events join transitively; each cluster keeps the IRI of its event in the document with
the smallest id, and the other documents' blocks are rewritten to it: their participations, evidence
and agreements then point at the one event, which has every document's sentence as evidence. The
other documents' own event name (a label built from their headline) is dropped, so the event keeps one.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.model.ns import SCHEMA

__all__ = ["EventSummary", "SHARED", "same_events", "rewrite_events"]

SHARED = 2
"""People two reports must share to be taken for one event."""


@dataclass(frozen=True, order=True)
class EventSummary:
    """What deciding sameness needs of one event: its IRI, document, type, date, place and people."""

    iri: str
    doc: str
    kind: str
    date: str  # ISO, "" when unknown: never merged
    place: str  # reference id, "" when unstated
    people: tuple[str, ...]  # name keys in the document (person nodes once resolved)


def same_events(events: list[EventSummary]) -> dict[str, str]:
    """Event IRI -> the IRI of the event it is the same as (only for events that are not their own)."""
    groups: dict[tuple[str, str], list[EventSummary]] = {}
    for ev in sorted(events, key=lambda e: (e.doc, e.iri)):
        if ev.date and len(ev.people) >= SHARED:
            groups.setdefault((ev.kind, ev.date), []).append(ev)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    order = {ev.iri: (ev.doc, ev.iri) for evs in groups.values() for ev in evs}
    for evs in groups.values():
        for i, a in enumerate(evs):
            for b in evs[i + 1:]:
                if a.doc == b.doc or (a.place and b.place and a.place != b.place):
                    continue
                if len(set(a.people) & set(b.people)) >= SHARED:
                    ra, rb = find(a.iri), find(b.iri)
                    if ra != rb:
                        first, second = sorted((ra, rb), key=lambda r: order[r])
                        parent[second] = first
    return {iri: find(iri) for iri in order if find(iri) != iri}


def rewrite_events(nquads: str, renames: dict[str, str]) -> str:
    """An N-Quads block with its events renamed (`renames`: IRI -> IRI) and their names dropped."""
    if not renames:
        return nquads
    terms = {f"<{old}>": f"<{new}>" for old, new in renames.items()}
    name = f"<{SCHEMA.name}>"
    lines = []
    for line in nquads.splitlines(keepends=True):
        s, p, rest = line.split(" ", 2)
        if s in terms and p == name:
            continue
        o, g = rest[:rest.rindex(" <")], rest[rest.rindex(" <"):]
        lines.append(f"{terms.get(s, s)} {p} {terms.get(o, o)}{g}")
    return "".join(sorted(set(lines)))

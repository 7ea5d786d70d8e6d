"""Ties: every two people the corpus puts at one event, with the events and how well it is attested.

A tie is concluded across documents, once people and events are resolved: two persons are tied when
both took part in an event (stated participations, not ones inferred from tenures), whichever
documents report each of them there. Its attestation is counted as `kg who-met` counts a pair's
(`kg.model.corroboration`, over the pair's meetings in both directions): the documents that name either
of the two at an event they share, the distinct publishers among them and their languages.

Ties are `kgo:Tie` nodes in the persons graph: the materialized who-met network, so that a question
about pairs over the whole corpus (which meetings are reported in several languages) reads one node per
pair instead of joining every participation with every other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

from kg.model.corroboration import Corroboration, corroboration

__all__ = ["EventReport", "Tie", "ties"]


@dataclass(frozen=True)
class EventReport:
    """One document's report of one (resolved) event: the person nodes it names there."""

    event: str
    doc: str
    people: frozenset[str]


@dataclass(frozen=True, order=True)
class Tie:
    """Two person nodes (`a` < `b`), the events both took part in, and the pair's corroboration."""

    a: str
    b: str
    events: tuple[str, ...]
    corroboration: Corroboration


def ties(reports: Iterable[EventReport], documents: Mapping[str, tuple[str, str]]) -> list[Tie]:
    """The ties of `reports`, sorted, from `documents` (document -> (language, publisher or "")).

    >>> r = [EventReport("e1", "d1", frozenset({"a", "b"})), EventReport("e1", "d2", frozenset({"c"})),
    ...      EventReport("e2", "d3", frozenset({"a"}))]
    >>> for t in ties(r, {"d1": ("en", "X"), "d2": ("zh", "Y"), "d3": ("ru", "")}):
    ...     print(t.a, t.b, t.events, t.corroboration)
    a b ('e1',) Corroboration(documents=1, sources=1, languages='en')
    a c ('e1',) Corroboration(documents=2, sources=2, languages='en,zh')
    b c ('e1',) Corroboration(documents=2, sources=2, languages='en,zh')
    """
    named: dict[str, dict[str, set[str]]] = {}  # event -> person -> documents naming them there
    for r in reports:
        people = named.setdefault(r.event, {})
        for node in r.people:
            people.setdefault(node, set()).add(r.doc)
    events: dict[tuple[str, str], set[str]] = {}
    docs: dict[tuple[str, str], set[str]] = {}
    for event, people in named.items():
        for a, b in combinations(sorted(people), 2):
            events.setdefault((a, b), set()).add(event)
            docs.setdefault((a, b), set()).update(people[a], people[b])
    return [Tie(a, b, tuple(sorted(events[a, b])), corroboration(docs[a, b], documents)) for a, b in sorted(events)]

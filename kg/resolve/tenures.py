"""Tenures: over which dates the corpus says each person held each post.

Every article states the posts it names for its publication date. A person's statements of one post
(title and organization) make a tenure: from the first statement to the last, with the number of
documents that state it. For a post one person holds at a time (the `single` column of the titles
table: a mayor, a party secretary, a governor), the next holder's first statement bounds the
previous holder's tenure: it ended before that date (`ends_before`, `successor`). Tenures are
`kgo:Tenure` nodes (W3C ORG memberships with `org:memberDuring`, an OWL-Time interval) in the persons
graph, derived from the person's `org:Post` node, which carries the evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kg.model.ontology import Reference
from kg.resolve.people import Resolution

__all__ = ["Tenure", "tenures"]


@dataclass(frozen=True, order=True)
class Tenure:
    """One person's statements of one post: first and last dates, how many documents, and, for a
    single-holder post, the date by which a successor held it."""

    node: str
    title: str
    org: str  # "" when the articles name no organization
    first: dt.date
    last: dt.date
    documents: int
    ends_before: dt.date | None = None
    successor: str | None = None


def _single(ref: Reference, title: str) -> bool:
    ent = ref.entities.get(title)
    return ent is not None and ent.extra.get("single") == "yes"


def tenures(resolution: Resolution, ref: Reference) -> list[Tenure]:
    """The tenures of every person of `resolution` (dated statements only), in (node, title, org) order."""
    dates: dict[tuple[str, str, str], list[dt.date]] = {}
    for person in resolution.nodes.values():
        for g in person.groups:
            if not g.date:
                continue
            day = dt.date.fromisoformat(g.date)
            for title, org in g.posts:
                dates.setdefault((person.id, title, org), []).append(day)
    spans = {k: (min(v), max(v), len(v)) for k, v in dates.items()}
    # successors in a single-holder post of a named organization: the holders in order of first statement
    holders: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = {}
    for (node, title, org), (first, last, _) in spans.items():
        if org and _single(ref, title):
            holders.setdefault((title, org), []).append((first, last, node))
    bounds: dict[tuple[str, str, str], tuple[dt.date, str]] = {}
    for (title, org), people in holders.items():
        people.sort()
        for (_, last, node), (n_first, _, n_node) in zip(people, people[1:]):
            if n_first > last:  # overlapping statements bound nothing: a transition or an error
                bounds[(node, title, org)] = (n_first, n_node)
    out = []
    for key, (first, last, count) in sorted(spans.items()):
        bound = bounds.get(key)
        out.append(Tenure(*key, first, last, count, bound[0] if bound else None, bound[1] if bound else None))
    return out

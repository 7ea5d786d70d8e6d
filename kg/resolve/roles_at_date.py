"""Who held an office on a date: an unnamed "mayor of Changchun" linked to the person the tenures give.

For an office statement (title, organization, the article's date), the holders are the tenures of
that post (`kg.resolve.tenures`). The statement is resolved to one person when
* exactly one tenure contains the date (first statement <= date <= last), or
* none does, and exactly one holder was last stated in the `RECENT` days before it, with no successor
  known to hold it by then and no other holder first stated within `RECENT` days after it.
Otherwise (nobody, two overlapping holders, a change of holder around the date, an undated article,
a holder of the office named at the event itself) it stays unresolved, with the reason, for the build report. The inference is a fact of its own
(`kgo:InferredParticipation`, `kgo:inferredFrom` the tenure), never mixed with stated participations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kg.resolve.tenures import Tenure

__all__ = ["OfficeStatement", "Inferred", "RECENT", "resolve_offices"]

RECENT = 180
"""Days within which a holder's last statement still vouches for a later date."""


@dataclass(frozen=True, order=True)
class OfficeStatement:
    """An unnamed office holder's participation as a document states it (IRIs as strings)."""

    iri: str
    event: str
    title: str
    org: str
    role: str
    date: str  # the article's date (ISO), "" when unknown
    doc: str = ""
    named: tuple[str, ...] = ()  # the person nodes the document names at the same event


@dataclass(frozen=True, order=True)
class Inferred:
    """The decision on one statement: the person node and the tenure (node, title, org), or None, and why."""

    statement: OfficeStatement
    node: str | None
    tenure: tuple[str, str, str] | None
    reason: str


def _names(ts: list[Tenure]) -> str:
    return ", ".join(sorted({t.node for t in ts}))


def resolve_offices(statements: list[OfficeStatement], tenures: list[Tenure]) -> list[Inferred]:
    """The holder of each statement's office on its date, when the tenures say (see the module docstring)."""
    posts: dict[tuple[str, str], list[Tenure]] = {}
    for t in tenures:
        posts.setdefault((t.title, t.org), []).append(t)
    out = []
    for st in sorted(statements):
        holders = posts.get((st.title, st.org), [])
        if not st.date:
            out.append(Inferred(st, None, None, "the article has no date"))
            continue
        day = dt.date.fromisoformat(st.date)
        if any(t.node in st.named for t in posts.get((st.title, st.org), [])):
            out.append(Inferred(st, None, None, "a holder of the office is named at the event itself"))
            continue
        containing = [t for t in holders if t.first <= day <= t.last]
        if len(containing) == 1:
            t = containing[0]
            out.append(Inferred(st, t.node, (t.node, t.title, t.org),
                                f"{t.node} is stated to hold {st.title} of {st.org} from {t.first} to {t.last}"))
            continue
        if len(containing) > 1:
            out.append(Inferred(st, None, None, f"several holders are stated around {day}: {_names(containing)}"))
            continue
        before = [t for t in holders if t.last < day and (day - t.last).days <= RECENT
                  and (t.ends_before is None or t.ends_before > day)]
        after = [t for t in holders if t.first > day and (t.first - day).days <= RECENT]
        if len(before) == 1 and all(t.node == before[0].node for t in after):
            t = before[0]
            out.append(Inferred(st, t.node, (t.node, t.title, t.org),
                                f"{t.node} was last stated to hold {st.title} of {st.org} on {t.last}, "
                                f"{(day - t.last).days} days before, and no other holder is stated near {day}"))
        elif not holders:
            out.append(Inferred(st, None, None, "no article names a holder of this office"))
        else:
            out.append(Inferred(st, None, None, f"no single holder near {day} (holders: {_names(holders)})"))
    return out

"""Who met whom: people who took part in the same event, with the evidence.

Only participants count: the authors of an article and people merely mentioned never take part in
an event, so they never appear here. The queries bind the person's IRI (`initBindings`); nothing
from the user is formatted into query text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from kg.ask.lookup import PersonIndex
from kg.ask.querybase import DEFAULT_TIMEOUT
from kg.home import PROJECT
from kg.model import iris
from kg.model.corroboration import corroboration
from kg.model.vocabulary import term_label

__all__ = ["Meeting", "who_met", "all_pairs", "corroborated", "meetings_from_rows", "meeting_index", "WHO_MET_QUERY",
           "INFERRED_QUERY"]

WHO_MET_QUERY = PROJECT / "queries" / "who-met.rq"
INFERRED_QUERY = WHO_MET_QUERY.with_name("who-met-inferred.rq")


@dataclass(frozen=True, order=True)
class Meeting:
    """Two people at one event: `a` < `b` by English label in `all_pairs`; in `who_met`, `a` is the
    person asked about. Roles are the ontology's role names (Presided, Met, ...)."""

    date: str
    a: str
    b: str
    event: str
    event_type: str
    place: str
    role_a: str
    role_b: str
    source: str
    title: str
    quote: str
    a_iri: str = ""
    b_iri: str = ""
    documents: int = 0  # corroboration of the pair: documents stating that the two met (any event),
    sources: int = 0  # the distinct publishers among them (articles naming none count as one unknown),
    languages: str = ""  # and their languages, comma-separated
    inferred: str = ""  # why, when a side took part as the unnamed holder of an office (kg.resolve.roles_at_date)

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


_ANY_INFERRED = "ASK { ?i kgo:inferredParticipant ?p }"


class _GraphFacts:
    """What who-met asks of an rdflib Graph besides its queries, as a kg.ask.reader.StoreReader answers it."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph

    def rows(self, text: str, bindings: dict[str, Any] | None = None, timeout: float | None = None) -> list[dict]:
        from kg.ask.query import run_query

        return run_query(self.graph, text, bindings, timeout=timeout, isolated=False).dicts()

    def ask(self, text: str, timeout: float | None = None) -> bool:
        from kg.ask.query import run_query

        return bool(run_query(self.graph, text, timeout=timeout, isolated=False).boolean)

    def objects(self, subject: str, predicate: str) -> list[tuple[str, str]]:
        from rdflib import URIRef

        return [(str(o), getattr(o, "language", None) or "") for o in self.graph.objects(URIRef(subject), URIRef(predicate))]

    def value(self, subject: str, predicate: str) -> str | None:
        found = self.objects(subject, predicate)
        return found[0][0] if found else None


def place_label(facts: Any, iri: str) -> str:
    """A place's English label, else any of its labels, else its IRI (`facts`: a StoreReader or _GraphFacts)."""
    labels = {lang: text for text, lang in facts.objects(iri, f"{iris.SKOS}prefLabel")}
    return labels.get("en") or next(iter(labels.values()), iri)


def document_facts(facts: Any, iri: str) -> tuple[str, str]:
    """A document's language and publisher ("" for none), as kg.model.corroboration counts them."""
    return (facts.value(iri, f"{iris.SCHEMA}inLanguage") or "", facts.value(iri, f"{iris.KGO}sourceName") or "")


def _facts(graph: Any) -> Any:
    """`graph` itself when it is a kg.ask.reader.StoreReader, else its rdflib Graph behind the same methods."""
    return graph if hasattr(graph, "rows") else _GraphFacts(graph)


def query_rows(graph: Any, person: Any, timeout: float | None, stated_only: bool = False) -> list[dict]:
    """The stated who-met rows of `person` (everyone's with None), then (unless `stated_only`) those that
    rest on an inferred participation, from the queries."""
    facts = _facts(graph)
    bindings = {"person": person} if person is not None else None
    rows = facts.rows(WHO_MET_QUERY.read_text(encoding="utf-8"), bindings, timeout=timeout)
    if not stated_only and facts.ask(_ANY_INFERRED, timeout=timeout):
        rows += facts.rows(INFERRED_QUERY.read_text(encoding="utf-8"), bindings, timeout=timeout)
    return rows


def meeting_index(graph: Any) -> Any:
    """The build's meeting index (a kg.ask.meetingindex.MeetingIndex) when `graph` is a build's store
    that has one, else None."""
    from kg.ask.meetingindex import MeetingIndex

    return MeetingIndex.open(getattr(graph, "folder", None)) if hasattr(graph, "rows") else None


def _rows(graph: Any, person: Any, timeout: float | None, stated_only: bool = False) -> list[dict]:
    """The who-met rows of `person` (everyone's with None): from the build's meeting index when `graph`
    is a build's store that has one (kg.ask.meetingindex), else from the queries."""
    index = meeting_index(graph)
    if index is not None:
        return index.rows(str(person) if person is not None else None, stated_only)
    return query_rows(graph, person, timeout, stated_only)


def meetings_from_rows(graph: Any, index: PersonIndex, rows: list[dict], since: dt.date | None,
                       until: dt.date | None) -> list[Meeting]:
    """The meetings of who-met `rows` (of one person, or of everyone), deduplicated, labelled from `index`,
    with each pair's corroboration, newest first; only those dated within `since`..`until` when given."""
    facts = _facts(graph)
    places: dict[str, str] = {}

    def label_of(iri, known: str | None = None) -> str:
        if iri is None:
            return ""
        if known is not None:
            return known
        if str(iri) not in places:
            places[str(iri)] = place_label(facts, str(iri))
        return places[str(iri)]

    docs: dict[str, tuple[str, str]] = {}  # document -> (language, publisher)

    def doc_facts(iri: str) -> None:
        if iri not in docs:  # the meeting index carries them in its rows; the queries do not
            docs[iri] = document_facts(facts, iri)

    stated: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        if "docLanguage" in r:
            docs[str(r["doc"])] = (r["docLanguage"], r["docSource"])
        if r.get("reason") is not None:
            continue  # corroboration counts what documents state, not what is inferred
        person, other = str(r["person"]), str(r["other"])
        stated.setdefault((person, other) if person < other else (other, person), set()).add(str(r["doc"]))
    pairs: dict[tuple[str, str], Any] = {}  # a pair meets at many events: its corroboration is counted once

    def pair_corroboration(a: str, b: str) -> Any:
        pair = (a, b) if a < b else (b, a)
        if pair not in pairs:
            found = stated.get(pair, set())
            for d in found:
                doc_facts(d)
            pairs[pair] = corroboration(found, docs)
        return pairs[pair]

    label: dict[Any, str] = {}  # a type or role's label, looked up once (a busy person has 40,000 rows)

    def term(iri: Any) -> str:
        found = label.get(iri)
        if found is None:
            found = label[iri] = term_label(iri)
        return found

    start, end = (since.isoformat() if since else None), (until.isoformat() if until else None)
    seen: dict[tuple, Meeting] = {}
    chosen: dict[tuple, tuple[str, ...]] = {}  # rows of one meeting (several reports, places or dates of
    # one event): the one kept is the least by quote, then document, date, place, type and reason, so the
    # list does not depend on the order rows come in (an engine's, or the meeting index's)
    for r in rows:
        date = str(r["date"]) if r.get("date") is not None else ""
        if (start or end) and (not date or (start and date < start) or (end and date > end)):
            continue
        a, b = index.people[r["person"]], index.people[r["other"]]
        key = (str(a.iri), str(b.iri), str(r["event"]), term(r["role"]), term(r["otherRole"]))
        quote = str(r["quote"])
        choice = (quote, str(r["doc"]), date, str(r.get("place") or ""), str(r["type"]), str(r.get("reason") or ""))
        if key in chosen and chosen[key] <= choice:
            continue
        chosen[key] = choice
        c = pair_corroboration(key[0], key[1])
        seen[key] = Meeting(date, a.label, b.label, key[2], term(r["type"]),
                            label_of(r.get("place"), r.get("placeLabel")), key[3], key[4], str(r["doc"]),
                            str(r["title"]), quote, key[0], key[1], c.documents, c.sources, c.languages,
                            inferred=str(r["reason"]) if r.get("reason") is not None else "")
    # newest first (undated last), then by counterpart and event; the rest of the key makes the order
    # total, so every engine gives the same list. Two stable sorts (the second keeps the first's order
    # among meetings of one date), the date's key made once per date
    ordered = sorted(seen.values(), key=lambda m: (m.b, m.event, m.a, m.a_iri, m.b_iri, m.role_a, m.role_b))
    newest = {d: (d == "", tuple(-ord(c) for c in d)) for d in {m.date for m in ordered}}
    ordered.sort(key=lambda m: newest[m.date])
    return ordered


def who_met(graph: Any, person: Any, since: dt.date | None = None, until: dt.date | None = None,
            index: PersonIndex | None = None, timeout: float | None = DEFAULT_TIMEOUT,
            stated_only: bool = False) -> list[Meeting]:
    """Everyone who took part in an event with `person`, newest first; meetings that rest on an inferred
    participation carry its reason (`inferred`) unless `stated_only` leaves them out. `graph` is an
    rdflib Graph (`person` its URIRef) or a kg.ask.reader.StoreReader (`person` the IRI as a string).
    A build's meeting index answers the plain question (no dates, inferred meetings kept) with the list
    the build made, without `index`."""
    if since is None and until is None and not stated_only:
        stored = meeting_index(graph)
        if stored is not None:
            return stored.meetings(str(person))
    index = index or PersonIndex(graph)
    return meetings_from_rows(graph, index, _rows(graph, person, timeout, stated_only), since, until)


def all_pairs(graph: Any, since: dt.date | None = None, until: dt.date | None = None,
              index: PersonIndex | None = None, timeout: float | None = DEFAULT_TIMEOUT,
              stated_only: bool = False) -> list[Meeting]:
    """Every pair of people who took part in the same event, each pair once per event (a < b)."""
    index = index or PersonIndex(graph)
    meetings = meetings_from_rows(graph, index, _rows(graph, None, timeout, stated_only), since, until)
    return [m for m in meetings if m.a < m.b]


def corroborated(meetings: list[Meeting], min_sources: int = 1, by_sources: bool = False) -> list[Meeting]:
    """The meetings whose pair `min_sources` publishers report; with `by_sources`, best corroborated
    first (sources, then languages, then documents), the order otherwise kept (newest first)."""
    kept = [m for m in meetings if m.sources >= min_sources] if min_sources > 1 else list(meetings)  # an
    # inferred meeting no document states (0 sources) is kept unless corroboration is asked for
    if by_sources:
        kept.sort(key=lambda m: (-m.sources, -len(m.languages.split(",")) if m.languages else 0, -m.documents))
    return kept

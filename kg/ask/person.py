"""One person, everything the graph says of them: a profile.

`profile(graph, iri)` gathers, for the person node `iri`: the names in every script, the posts over
time (the tenures `kg posts` shows: the `tenures` named query), the events with type, date, place, the
person's roles and the evidence sentences, the counterparts ranked by shared events (`kg.ask.whomet.who_met`:
meetings that rest on an inferred participation are marked), the strategies, the documents that
mention the person (title, publisher, date) and the merge decisions behind the node (its
`kgo:MergeDecision` nodes, with the rules and mentions of the build's merges.json when it is given).

Every section comes from SPARQL (`queries/person/*.rq`, the `tenures` named query) run through
`kg.ask.query.run_query` with the person's IRI bound (`initBindings`); nothing is formatted into a query.
`find_person` (kg.ask.lookup) resolves a name as every command does and raises
`PersonError`, whose message is one line, for an unknown or ambiguous name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, cast

from rdflib import Graph, Literal, URIRef

from kg.ask.lookup import PersonError, PersonIndex, find_person
from kg.ask.query import DEFAULT_TIMEOUT, run_query
from kg.home import PROJECT
from kg.model.ns import KGO, RDFS, SKOS, digest, local_name, resource, resource_key
from kg.model.ontology import LANGS

__all__ = ["PERSON_QUERIES", "PersonError", "Profile", "find_person", "profile", "profile_text"]

PERSON_QUERIES = PROJECT / "queries" / "person"


@dataclass
class Profile:
    """What the graph says of one person; every value is plain data (str, int, float, list, dict).

    `labels` maps each IRI the sections name (places, titles, organizations, event types, roles,
    stances, strategies) to its labels by language, so a page can show them in any language."""

    iri: str
    node_id: str
    label: str
    names: dict[str, list[str]] = field(default_factory=dict)  # language -> preferred name first, then the others
    posts: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    counterparts: list[dict[str, Any]] = field(default_factory=list)
    strategies: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    merges: list[dict[str, Any]] = field(default_factory=list)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _rows(graph: Graph, name: str, person: URIRef, timeout: float | None) -> list[dict]:
    text = (PERSON_QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    return run_query(graph, text, {"person": person}, timeout=timeout, isolated=False).dicts()


def _s(term) -> str:
    return "" if term is None else str(term)


class _Labels:
    """Labels by language of the IRIs a profile names, read once each."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.table: dict[str, dict[str, str]] = {}

    def __call__(self, iri) -> str:
        """Remember `iri`'s labels; return `iri` as text ("" for None)."""
        if iri is None:
            return ""
        key = str(iri)
        if key not in self.table:
            labels: dict[str, str] = {}
            for pred in (SKOS.prefLabel, RDFS.label):
                for lbl in self.graph.objects(URIRef(key), pred):
                    labels.setdefault(getattr(lbl, "language", None) or "", str(lbl))
            self.table[key] = labels or {"": local_name(key)}
        return key

    def en(self, iri: str) -> str:
        labels = self.table.get(iri, {})
        return labels.get("en") or next(iter(sorted(labels.values())), iri)


def _names(graph: Graph, iri: URIRef) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for pred in (SKOS.prefLabel, SKOS.altLabel):
        for lbl in sorted(cast("Iterator[Literal]", graph.objects(iri, pred))):  # labels are literals
            forms = names.setdefault(lbl.language or "", [])
            if str(lbl) not in forms:
                forms.append(str(lbl))
    return {lang: names[lang] for lang in sorted(names, key=lambda x: (LANGS.index(x) if x in LANGS else 9, x))}


def _posts(graph: Graph, iri: URIRef, timeout: float | None) -> list[dict[str, Any]]:
    """The tenures, as `kg posts` lists them (the `tenures` named query)."""
    from kg.ask.named import load_named

    res = run_query(graph, load_named()["tenures"].text, {"person": iri}, timeout=timeout, isolated=False)
    return [{"title": _s(r["title"]), "organization": _s(r.get("organization")), "from": _s(r["from"]),
             "to": _s(r["to"]), "documents": int(cast(Literal, r["documents"]).toPython()) if r.get("documents") is not None else 0,
             "ends_before": _s(r.get("endsBefore")), "successor": _s(r.get("successor"))} for r in res.dicts()]


def _quote(item: dict[str, Any], row: dict, docs: dict[str, dict[str, Any]]) -> None:
    """Add the row's evidence sentence (once) to `item`'s quotes and its document to `docs`."""
    if row.get("quote") is not None:
        quote = {"quote": str(row["quote"]), "doc": str(row["doc"])}
        if quote not in item["quotes"]:
            item["quotes"].append(quote)
        docs.setdefault(str(row["doc"]), {})


def _events(graph: Graph, iri: URIRef, labels: _Labels, docs: dict[str, dict[str, Any]],
            timeout: float | None) -> list[dict[str, Any]]:
    events: dict[str, dict[str, Any]] = {}
    for r in _rows(graph, "events", iri, timeout):
        e = events.setdefault(str(r["event"]), {"event": str(r["event"]), "type": labels(r["type"]),
                                                "date": _s(r.get("date")), "place": labels(r.get("place")),
                                                "roles": [], "quotes": [], "inferred": ""})
        role = labels(r["role"])
        if role not in e["roles"]:
            e["roles"].append(role)
        if r.get("reason") is not None:
            e["inferred"] = str(r["reason"])
        _quote(e, r, docs)
    for e in events.values():
        e["roles"].sort()
        e["quotes"].sort(key=lambda q: (q["doc"], q["quote"]))
    # newest first; undated last
    return sorted(events.values(), key=lambda e: (e["date"] == "", tuple(-ord(c) for c in e["date"]), e["event"]))


def _counterparts(graph: Graph, iri: URIRef, index: PersonIndex, timeout: float | None) -> list[dict[str, Any]]:
    """Everyone who took part in an event with the person (kg.ask.whomet.who_met), most shared events first;
    `inferred` counts the shared events known only by an inferred participation, with the reasons."""
    from kg.ask.whomet import who_met

    by: dict[str, dict[str, Any]] = {}
    stated: dict[str, set[str]] = {}
    for m in who_met(graph, iri, index=index, timeout=timeout):
        c = by.setdefault(m.b_iri, {"iri": m.b_iri, "label": m.b, "node_id": index.people[URIRef(m.b_iri)].node_id,
                                    "events": [], "inferred": 0, "reasons": [], "first": m.date, "last": m.date,
                                    "documents": m.documents, "sources": m.sources, "languages": m.languages})
        if m.event not in c["events"]:
            c["events"].append(m.event)
        if m.inferred:
            if m.inferred not in c["reasons"]:
                c["reasons"].append(m.inferred)
        else:
            stated.setdefault(m.b_iri, set()).add(m.event)
        if m.date:
            c["first"] = min(c["first"] or m.date, m.date)
            c["last"] = max(c["last"], m.date)
    out = []
    for key, c in by.items():
        c["inferred"] = len(set(c["events"]) - stated.get(key, set()))
        c["events"] = len(c["events"])
        out.append(c)
    return sorted(out, key=lambda c: (-c["events"], c["label"], c["iri"]))


def _strategies(graph: Graph, iri: URIRef, labels: _Labels, docs: dict[str, dict[str, Any]],
                timeout: float | None) -> list[dict[str, Any]]:
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for r in _rows(graph, "strategies", iri, timeout):
        s = found.setdefault((str(r["strategy"]), str(r["stance"])),
                             {"strategy": labels(r["strategy"]), "stance": labels(r["stance"]), "quotes": []})
        _quote(s, r, docs)
    for s in found.values():
        s["quotes"].sort(key=lambda q: (q["doc"], q["quote"]))
    return sorted(found.values(), key=lambda s: (labels.en(s["strategy"]), s["stance"]))


def _documents(graph: Graph, iri: URIRef, docs: dict[str, dict[str, Any]], timeout: float | None) -> list[dict[str, Any]]:
    """The documents that mention the person, and those the other sections quote; oldest first."""
    for r in _rows(graph, "documents", iri, timeout):
        docs[str(r["doc"])] = {"doc": str(r["doc"]), "title": _s(r.get("title")), "source": _s(r.get("source")),
                               "date": _s(r.get("date")), "language": _s(r.get("lang")), "file": _s(r.get("file"))}
    from kg.model.ns import DCTERMS, SCHEMA

    for key, d in docs.items():
        if not d:  # quoted but not among the mentioning documents (an office's holder, inferred)
            node = URIRef(key)
            docs[key] = {"doc": key, "title": _s(graph.value(node, DCTERMS.title)),
                         "source": _s(graph.value(node, KGO.sourceName)), "date": _s(graph.value(node, SCHEMA.datePublished)),
                         "language": _s(graph.value(node, SCHEMA.inLanguage)), "file": _s(graph.value(node, KGO.fileName))}
    return sorted(docs.values(), key=lambda d: (d["date"], d["title"], d["doc"]))


def _decision_iri(entry: dict[str, Any]) -> str:
    """The IRI of the kgo:MergeDecision of a merges.json entry (as kg.rdf.resolution.add_judgements makes it)."""
    return str(resource("merge", digest(str(entry["key"]), *map(str, entry["a"]), *map(str, entry["b"]),
                                        str(entry.get("source", "")))))


def _merges(graph: Graph, iri: URIRef, merges_json: list[dict[str, Any]] | None,
            timeout: float | None) -> list[dict[str, Any]]:
    """The graph's merge decisions into the person, completed from merges.json (the mentions joined, the
    rules with their weights), and merges.json's decisions that kept a mention of the person apart."""
    from kg.resolve.judgements import format_ref

    node_id = resource_key(iri)
    entries = {}
    for entry in merges_json or []:
        if node_id in (entry.get("node_a"), entry.get("node_b")):
            entries[_decision_iri(entry)] = entry
    out: dict[str, dict[str, Any]] = {}
    for r in _rows(graph, "merges", iri, timeout):
        key = str(r["decision"])
        out[key] = {"decision": key, "merged": _s(r.get("ruling")) not in ("apart", "split"), "form": _s(r.get("form")),
                    "reason": _s(r.get("reason")),
                    "score": float(r["score"].toPython()) if r.get("score") is not None else None,
                    "ruling": _s(r.get("ruling")), "by": _s(r.get("by")), "at": _s(r.get("at")),
                    "mentions": [], "rules": [], "source": ""}
    for key, entry in entries.items():
        d = out.get(key)
        if d is None:
            if entry.get("merged"):
                continue  # a merge into another node (the decision names this node as the other side)
            d = out[key] = {"decision": "", "merged": False, "form": f"{entry['key']}", "reason": str(entry.get("reason", "")),
                            "score": entry.get("score"), "ruling": "", "by": "", "at": ""}
        d["mentions"] = [format_ref((str(entry["a"][0]), str(entry["a"][1]))),
                         format_ref((str(entry["b"][0]), str(entry["b"][1])))]
        d["rules"] = [{"rule": str(h["rule"]), "weight": h["weight"], "detail": str(h.get("detail", ""))}
                      for h in entry.get("rules", [])]
        d["source"] = str(entry.get("source", ""))
    return sorted(out.values(), key=lambda d: (not d["merged"], -(d["score"] or 0.0), d["form"], d["decision"]))


def profile(graph: Graph, iri: URIRef, index: PersonIndex | None = None,
            merges_json: list[dict[str, Any]] | None = None, timeout: float | None = DEFAULT_TIMEOUT) -> Profile:
    """Everything `graph` says of the person `iri` (see the module docstring). `merges_json`: the build's
    merges.json (kg.resolve.review.read_merges), for the mentions and rules of each merge decision."""
    index = index or PersonIndex(graph)
    person = index.people.get(iri)
    if person is None:
        raise PersonError(f"{iri} is not a person of this graph")
    labels = _Labels(graph)
    docs: dict[str, dict[str, Any]] = {}
    events = _events(graph, iri, labels, docs, timeout)
    strategies = _strategies(graph, iri, labels, docs, timeout)
    return Profile(iri=str(iri), node_id=person.node_id, label=person.label, names=_names(graph, iri),
                   posts=_posts(graph, iri, timeout), events=events,
                   counterparts=_counterparts(graph, iri, index, timeout), strategies=strategies,
                   documents=_documents(graph, iri, docs, timeout), merges=_merges(graph, iri, merges_json, timeout),
                   labels=labels.table)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def profile_text(p: Profile) -> str:
    """`p` for the terminal: one heading per section, names and labels in English (the JSON has all)."""
    en = {iri: (labels.get("en") or next(iter(sorted(labels.values())), iri)) for iri, labels in p.labels.items()}
    docs = {d["doc"]: d for d in p.documents}

    def cite(doc: str) -> str:
        d = docs.get(doc, {})
        return ", ".join(x for x in (f"“{d['title']}”" if d.get("title") else doc, d.get("source", ""), d.get("date", "")) if x)

    out = [f"{p.label}  <{p.iri}>  (node id {p.node_id})", "names:"]
    out += [f"  {lang or '-'}  {' / '.join(forms)}" for lang, forms in p.names.items()]
    out.append(f"posts ({len(p.posts)}):")
    for t in p.posts:
        post = t["title"] + (f", {t['organization']}" if t["organization"] else "")
        bound = f"; before {t['ends_before']}, succeeded by {t['successor']}" if t["ends_before"] else ""
        out.append(f"  {t['from']} – {t['to']}  {post}  ({_plural(t['documents'], 'document')}{bound})")
    out.append(f"events ({len(p.events)}):")
    for e in p.events:
        where = f" in {en.get(e['place'], e['place'])}" if e["place"] else ""
        roles = ", ".join(en.get(r, r) for r in e["roles"])
        out.append(f"  {'[inferred] ' if e['inferred'] else ''}{e['date'] or 'undated'}  {en.get(e['type'], e['type'])}"
                   f"{where}  as {roles}  <{e['event']}>")
        if e["inferred"]:
            out.append(f"      inferred: {e['inferred']}")
        out += [f"      “{q['quote']}”  ({cite(q['doc'])})" for q in e["quotes"]]
    out.append(f"counterparts ({len(p.counterparts)}), by shared events:")
    for c in p.counterparts:
        span = c["first"] if c["first"] == c["last"] else f"{c['first']} – {c['last']}"
        inferred = f", {c['inferred']} [inferred]" if c["inferred"] else ""
        out.append(f"  {c['label']}  {_plural(c['events'], 'event')}{inferred}  {span}  ({c['node_id']})")
        out += [f"      inferred: {r}" for r in c["reasons"]]
    out.append(f"strategies ({len(p.strategies)}):")
    for st in p.strategies:
        out.append(f"  {en.get(st['stance'], st['stance'])}: {en.get(st['strategy'], st['strategy'])}")
        out += [f"      “{q['quote']}”  ({cite(q['doc'])})" for q in st["quotes"]]
    out.append(f"documents ({len(p.documents)}):")
    for d in p.documents:
        out.append(f"  {d['date'] or 'undated'}  {d['source'] or 'unknown source'}  [{d['language']}]  "
                   f"{d['title'] or d['file']}  <{d['doc']}>")
    out.append(f"merge decisions ({len(p.merges)}):")
    for m in p.merges:
        what = "merged" if m["merged"] else "kept apart"
        score = f"  score {m['score']:+.2f}" if m["score"] is not None else ""
        joined = " + ".join(m["mentions"]) or m["form"]
        out.append(f"  {what}{score}  {joined}" + (f"  ({m['ruling']} by {m['by']}, {m['at']})" if m["ruling"] else ""))
        if m["rules"]:
            out.append("      rules: " + "; ".join(f"{r['rule']} {r['weight']:+.2f} ({r['detail']})" for r in m["rules"]))
        elif m["reason"]:
            out.append(f"      {m['reason']}")
    return "\n".join(out)

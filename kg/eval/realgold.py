"""Scoring a build against gold annotations of real articles (the schema of `../shared/realdev`).

A gold set is a folder with `gold.json` and `docs/ID.txt`, or a gold file whose texts are in `docs/`
beside it. `evaluate_real` builds the texts as `kg build` does, lists who met whom as `kg who-met
--all` does, and `score_real` computes the figures of realdev's `score.py` exactly (same folding of
names, same matching of nodes to gold people), for all documents and for each language and script:

    persons    a person node stands for a gold person when one of its labels equals the gold
               canonical or native name (folded); bylines are left out on both sides
    who-met    pairs of gold people; doubtful pairs are ignored
    identity   a gold person named in two or more documents is one node with a name in each script
    false merges  nodes whose labels name two or more gold people

plus, per document: participants (gold participants of events that are not mentioned-only, against
the people kg makes take part in an event of the document), posts (a gold position whose title kg
gives the person in that document), events (gold events that are not mentioned-only, against kg's
events of the document, matched by date) and agreements (by count). `RealReport.table(verbose=True)`
lists the misses and spurious items per document.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.eval.evaluate import Score

__all__ = ["RealGold", "RealReport", "load_real_gold", "score_real", "evaluate_real", "fold_name", "script_of"]

ALL = "all"
_FOLD = re.compile(r"[\s\-'’·.‧・]")


def fold_name(name: str) -> str:
    """A name as realdev's scorer compares it: no case, spaces, hyphens, apostrophes or dots."""
    return _FOLD.sub("", name).lower()


def script_of(name: str) -> str:
    """`Cyrl`, `Han` or `Latn`, as realdev's scorer decides it."""
    if re.search(r"[\u0400-\u04ff]", name):
        return "Cyrl"
    if re.search(r"[\u3400-\u9fff]", name):
        return "Han"
    return "Latn"


@dataclass
class RealGold:
    """Gold documents (dicts in the realdev schema) and the folder of their texts."""

    documents: list[dict]
    docs_dir: Path

    def paths(self) -> list[Path]:
        return [self.docs_dir / f"{d['doc_id']}.txt" for d in self.documents]


def load_real_gold(path: Path) -> RealGold:
    """The gold at `path`: a folder holding gold.json and docs/, or a gold file with docs/ beside it.
    Several comma-separated gold files share the docs/ of the first. Raises ValueError with a message."""
    parts = [Path(p) for p in str(path).split(",")]
    files = [p / "gold.json" if p.is_dir() else p for p in parts]
    documents: list[dict] = []
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"cannot read gold file {f}: {exc}") from None
        if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
            raise ValueError(f"{f}: not a gold file of real articles (no 'documents' list)")
        documents += data["documents"]
    docs_dir = files[0].parent / "docs"
    missing = [d["doc_id"] for d in documents if not (docs_dir / f"{d['doc_id']}.txt").is_file()]
    if missing:
        raise ValueError(f"{docs_dir}: no text for {', '.join(missing[:5])}")
    return RealGold(documents, docs_dir)


# ---------------------------------------------------------------------------------- the system side

@dataclass
class System:
    """What a build says, reduced to what the scorer compares: person nodes with their labels, the
    documents mentioning each, who-met rows, and per document its participants, posts, events and
    agreements (keyed by file stem)."""

    labels: dict[str, set[str]]
    mentioned_in: dict[str, set[str]]
    rows: list[tuple[str, str, str]]  # (a node, b node, doc)
    participants: dict[str, set[str]] = field(default_factory=dict)
    posts: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # doc -> (node, folded title)
    event_dates: dict[str, list[str | None]] = field(default_factory=dict)
    agreements: Counter = field(default_factory=Counter)


_SYSTEM_QUERIES = {
    "persons": """SELECT ?p ?l WHERE { ?p a kgo:Person . ?p skos:prefLabel|skos:altLabel ?l }""",
    "docs": """SELECT ?d ?f ?p WHERE { ?d a kgo:Document ; kgo:fileName ?f . OPTIONAL { ?d schema:mentions ?p } }""",
    "participants": """SELECT DISTINCT ?f ?p WHERE { ?x kgo:participant ?p ; kgo:evidence ?ev .
        ?ev kgo:inDocument ?d . ?d kgo:fileName ?f }""",
    "events": """SELECT DISTINCT ?f ?e ?date WHERE { ?e kgo:evidence ?ev . ?ev kgo:inDocument ?d . ?d kgo:fileName ?f .
        FILTER(STRSTARTS(STR(?e), STR(kgr:event))) OPTIONAL { ?e schema:startDate ?date } }""",
    "posts": """SELECT ?f ?p ?t WHERE { ?m org:heldBy ?p ; org:role ?r ; kgo:evidence ?ev . ?ev kgo:inDocument ?d .
        ?d kgo:fileName ?f . ?r skos:prefLabel ?t FILTER(lang(?t) = "en") }""",
    "agreements": """SELECT ?f ?a WHERE { ?a a kgo:Agreement ; kgo:evidence ?ev . ?ev kgo:inDocument ?d .
        ?d kgo:fileName ?f }""",
}


def _stem(file_name: str) -> str:
    return file_name.rsplit(".", 1)[0]


def read_system(graph: Any, meetings: Iterable[Any]) -> System:
    """The System of a built graph and its who-met rows (`kg.ask.whomet.Meeting`s)."""
    from kg.ask.query import run_query

    def rows(name: str) -> list[dict]:
        return run_query(graph, _SYSTEM_QUERIES[name], isolated=False).dicts()

    labels: dict[str, set[str]] = {}
    for r in rows("persons"):
        labels.setdefault(str(r["p"]), set()).add(str(r["l"]))
    mentioned: dict[str, set[str]] = {}
    doc_of: dict[str, str] = {}
    for r in rows("docs"):
        doc_of[str(r["d"])] = _stem(str(r["f"]))
        if r.get("p") is not None and str(r["p"]) in labels:
            mentioned.setdefault(str(r["p"]), set()).add(_stem(str(r["f"])))
    system = System(labels, mentioned, [(m.a_iri, m.b_iri, doc_of.get(m.source, m.source)) for m in meetings])
    for r in rows("participants"):
        system.participants.setdefault(_stem(str(r["f"])), set()).add(str(r["p"]))
    for r in rows("events"):
        system.event_dates.setdefault(_stem(str(r["f"])), []).append(str(r["date"]) if r.get("date") else None)
    for r in rows("posts"):
        system.posts.setdefault(_stem(str(r["f"])), set()).add((str(r["p"]), fold_name(str(r["t"]))))
    for f in {(str(r["f"]), str(r["a"])) for r in rows("agreements")}:
        system.agreements[_stem(f[0])] += 1
    return system


# ------------------------------------------------------------------------------------------ scoring

@dataclass(frozen=True)
class Rate:
    """Precision and recall counted as realdev's scorer counts them: precision over system items
    (person nodes), recall over gold items (people); several nodes can stand for one person."""

    right: int
    found: int
    recalled: int
    gold: int

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.recalled / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Figures:
    """The scorer's figures on one set of documents."""

    persons: Rate
    who_met: Rate
    identity: tuple[int, int]  # (people named in 2+ documents that are one node with every script, of all such)
    false_merges: list[str]
    participants: Score
    posts: Score
    events: Score
    agreements: Score


@dataclass
class RealReport:
    """Figures for all documents and per language/script, and the misses of each document."""

    figures: dict[str, Figures]
    per_document: dict[str, dict[str, list[str]]]
    documents: dict[str, str]  # doc id -> language/script

    def table(self, verbose: bool = False) -> str:
        head = ("set", "docs", "persons P/R/F1", "who-met P/R/F1", "identity", "participants F1", "posts R",
                "events F1", "agreements F1")
        rows = [head]
        for name, f in self.figures.items():
            n = len(self.documents) if name == ALL else sum(1 for v in self.documents.values()
                                                              if v == name or v.split("-")[0] == name)
            rows.append((name, str(n), _prf(f.persons), _prf(f.who_met), f"{f.identity[0]}/{f.identity[1]}",
                         f"{f.participants.f1:.2f}", f"{f.posts.recall:.2f}", f"{f.events.f1:.2f}",
                         f"{f.agreements.f1:.2f}"))
        widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        merges = self.figures[ALL].false_merges
        if merges:
            lines.append("false merges: " + "; ".join(merges))
        if verbose:
            for doc, items in self.per_document.items():
                shown = {k: v for k, v in items.items() if v}
                if shown:
                    lines.append(f"\n{doc} ({self.documents[doc]}):")
                    lines += [f"  {k}: {', '.join(v)}" for k, v in shown.items()]
        return "\n".join(lines)

    def to_json(self) -> dict:
        def score(s: Score | Rate) -> dict:
            return {"precision": s.precision, "recall": s.recall, "f1": s.f1}

        return {"figures": {k: {"persons": score(f.persons), "who_met": score(f.who_met),
                                "identity": list(f.identity), "false_merges": f.false_merges,
                                "participants": score(f.participants), "posts": score(f.posts),
                                "events": score(f.events), "agreements": score(f.agreements)}
                            for k, f in self.figures.items()},
                "documents": self.documents, "per_document": self.per_document}


def _prf(s: Score | Rate) -> str:
    return f"{s.precision:.2f}/{s.recall:.2f}/{s.f1:.2f}"


def _gold_people(docs: list[dict]) -> tuple[dict[str, dict], set[str]]:
    people: dict[str, dict] = {}
    bylines: set[str] = set()
    for d in docs:
        for p in d["persons"]:
            names = {p["canonical_name"]} | ({p["native_name"]} if p.get("native_name") else set())
            if p.get("role_in_article") == "byline":
                bylines |= {fold_name(n) for n in names}
                continue
            e = people.setdefault(fold_name(p["canonical_name"]),
                                  {"names": set(), "scripts": set(), "docs": set(), "label": p["canonical_name"]})
            e["names"] |= {fold_name(n) for n in names}
            e["scripts"] |= {script_of(n) for n in [p["canonical_name"], *p["surface_forms"]]}
            e["docs"].add(d["doc_id"])
    return people, bylines


def _pair(a: str, b: str) -> tuple[str, str]:
    x, y = sorted((fold_name(a), fold_name(b)))
    return x, y


def _figures(docs: list[dict], system: System, per_document: dict[str, dict[str, list[str]]] | None = None
             ) -> Figures:
    ids = {d["doc_id"] for d in docs}
    people, bylines = _gold_people(docs)
    by_name = {n: k for k, e in people.items() for n in e["names"]}
    # nodes of these documents (all nodes when the set is every document of the build)
    nodes = {s for s, docs_of in system.mentioned_in.items() if docs_of & ids}
    gold_of: dict[str, str] = {}
    false_merges = []
    for s in nodes:
        hit = sorted({by_name[fold_name(lbl)] for lbl in system.labels[s] if fold_name(lbl) in by_name})
        if hit:
            gold_of[s] = hit[0]
        if len(hit) > 1:
            false_merges.append(" + ".join(people[k]["label"] for k in hit))
    nodes = {s for s in nodes if s in gold_of or not any(fold_name(lbl) in bylines for lbl in system.labels[s])}
    found = set(gold_of.values())
    persons = Rate(sum(1 for s in nodes if s in gold_of), len(nodes), len(found), len(people))
    gpairs = {_pair(a, b) for d in docs for a, b in d["who_met"]}
    doubt = {_pair(a, b) for d in docs for a, b in d.get("who_met_doubtful", [])}
    spairs = {tuple(sorted((gold_of.get(a, f"<{a}>"), gold_of.get(b, f"<{b}>")))) for a, b, doc in system.rows
              if doc in ids}
    spairs = {p for p in spairs if p[0] != p[1]} - doubt
    who_met = Rate(len(spairs & gpairs), len(spairs), len(spairs & gpairs), len(gpairs))
    multi = [k for k, e in people.items() if len(e["docs"]) > 1]
    good = 0
    for k in multi:
        ns = [s for s in nodes if gold_of.get(s) == k]
        have = {script_of(lbl) for s in ns for lbl in system.labels[s]}
        good += len(ns) == 1 and people[k]["scripts"] <= have
    parts, posts, events, agreements = Score(), Score(), Score(), Score()
    for d in docs:
        doc = d["doc_id"]
        here = {s: gold_of[s] for s in nodes if s in gold_of and doc in system.mentioned_in.get(s, ())}
        key_of = {fold_name(p["canonical_name"]): p for p in d["persons"]}
        g_part = {fold_name(x["person"]) for e in d["events"] if not e.get("mentioned_only")
                  for x in e["participants"]}
        s_part = {gold_of.get(s, f"<{system.labels[s] and min(system.labels[s])}>")
                  for s in system.participants.get(doc, ()) if s in nodes}
        parts += Score.of(g_part, s_part)
        g_posts = {(fold_name(p["canonical_name"]), fold_name(q["title"])) for p in d["persons"]
                   for q in p.get("positions", []) if p.get("role_in_article") != "byline"}
        s_posts = {(here[s], t) for s, t in system.posts.get(doc, ()) if s in here}
        hit_posts = {g for g in g_posts if any(g[0] == s[0] and s[1] and s[1] in g[1] for s in s_posts)}
        posts += Score(len(hit_posts), 0, len(g_posts) - len(hit_posts))
        g_dates = Counter(str(e.get("date")) for e in d["events"] if not e.get("mentioned_only"))
        s_dates = Counter(str(x) for x in system.event_dates.get(doc, []))
        matched = sum((g_dates & s_dates).values())
        n_g, n_s = sum(g_dates.values()), sum(s_dates.values())
        unmatched = min(n_g - matched, n_s - matched)  # events found with another date count half
        events += Score(matched + unmatched // 2, n_s - matched - unmatched // 2, n_g - matched - unmatched // 2)
        n_ag, s_ag = len(d.get("agreements_projects", [])), system.agreements.get(doc, 0)
        agreements += Score(min(n_ag, s_ag), max(0, s_ag - n_ag), max(0, n_ag - s_ag))
        if per_document is not None:
            doc_pairs = {_pair(a, b) for a, b in d["who_met"]} - doubt
            s_doc_pairs = {tuple(sorted((gold_of.get(a, f"<{a}>"), gold_of.get(b, f"<{b}>"))))
                           for a, b, x in system.rows if x == doc}
            mine = {p["canonical_name"] for p in d["persons"] if p.get("role_in_article") != "byline"}
            per_document[doc] = {
                "missed persons": sorted(n for n in mine if fold_name(n) not in found),
                "extra persons": sorted(min(system.labels[s]) for s in nodes
                                        if s not in gold_of and doc in system.mentioned_in[s]),
                "missed participants": sorted(key_of[k]["canonical_name"] if k in key_of else k
                                              for k in g_part - s_part),
                "extra participants": sorted(s_part - g_part),
                "missed pairs": [" + ".join(p) for p in sorted(doc_pairs - s_doc_pairs)],
                "extra pairs": [" + ".join(p) for p in sorted({p for p in s_doc_pairs if p[0] != p[1]}
                                                              - doc_pairs - doubt)],
                "missed posts": sorted(f"{key_of[g[0]]['canonical_name']}: {g[1]}" for g in g_posts - hit_posts
                                       if g[0] in key_of),
            }
    return Figures(persons, who_met, (good, len(multi)), false_merges, parts, posts, events, agreements)


def _language_of(doc: Mapping[str, Any], text: str) -> str:
    lang = str(doc.get("language", "und"))
    if lang == "zh":
        from kg.text.language import han_script

        return "zh-Hant" if han_script(text) == "traditional" else "zh-Hans"
    return lang


def score_real(gold: RealGold, system: System) -> RealReport:
    """The figures of `system` against `gold`: all documents, then each language, then each Chinese script."""
    langs = {d["doc_id"]: _language_of(d, (gold.docs_dir / f"{d['doc_id']}.txt").read_text(encoding="utf-8"))
             for d in gold.documents}
    per_doc: dict[str, dict[str, list[str]]] = {}
    figures = {ALL: _figures(gold.documents, system, per_doc)}
    groups = sorted({v.split("-")[0] for v in langs.values()}) + sorted({v for v in langs.values() if "-" in v})
    for g in groups:
        figures[g] = _figures([d for d in gold.documents if langs[d["doc_id"]] in (g,) or
                               langs[d["doc_id"]].split("-")[0] == g], system)
    return RealReport(figures, per_doc, langs)


def evaluate_real(gold: RealGold, jobs: int = 1) -> RealReport:
    """Build the gold's texts as `kg build` does (in a temporary folder, no maps, no cache), list who met
    whom, and score the result."""
    from kg.ask.store import open_graph
    from kg.ask.whomet import all_pairs
    from kg.build.pipeline import build

    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        build(gold.paths(), Path(tmp), maps=False, cache=False, jobs=jobs)
        graph = open_graph(Path(tmp) / "graph.ttl")
        system = read_system(graph, all_pairs(graph, timeout=None))
    return score_real(gold, system)

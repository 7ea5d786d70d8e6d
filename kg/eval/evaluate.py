"""Scoring extraction against the hand-made gold annotations in tests/gold/*.json.

Each kind of fact is turned into a set of hashable tuples, once from the gold and once from the
system output, and the two sets are compared (tp = both, fp = system only, fn = gold only). The
comparison functions are pure, so each kind can be tested alone:

    persons       (doc, key)                      every person of every role
    posts         (doc, person, title, org)       org normalized through `equivalent_org`
    participants  (doc, person, role)             over all events
    who-met       (doc, a, b)                     a < b, participants of the same event
    events        (doc, type, date)               date ISO or None
    merges        (doc1, key1, doc2, key2)        cross-document "same person" pairs, doc1 < doc2
    agreements    (doc, projects, amount)         amount as int or None
    stances       (doc, actor, strategy)          actor `person:<key>` or an org id

`doc` is the document path relative to the repository root, as written in the gold file. Gold
person ids are name keys, except that two different people sharing a pinyin are told apart by a
suffix ("li-jun", "li-jun-2"); the suffix is stripped to get the system key everywhere, and kept
only to decide which cross-document pairs are the same person (`merges`).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import combinations
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.facts import Extraction
    from kg.read.documents import Document

__all__ = ["Score", "Report", "KINDS", "OrgMap", "load_gold", "gold_key", "government_places",
           "compare_persons", "compare_posts", "compare_participants", "compare_who_met",
           "compare_events", "compare_merges", "compare_agreements", "compare_stances",
           "compare_document", "evaluate"]

KINDS = ("persons", "posts", "participants", "who-met", "events", "merges", "agreements", "stances")
ALL = "all"
PARTICIPANT = "participant"

Pairs = tuple[set[tuple], set[tuple]]
OrgMap = Callable[[str], str] | Mapping[str, str] | None
_SUFFIX = re.compile(r"-\d+$")


# ---------------------------------------------------------------------------------------- scores

@dataclass
class Score:
    """Counts of true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was found and nothing was to be found."""
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was to be found and nothing was found."""
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0 when both are 0)."""
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def __add__(self, other: Score) -> Score:
        if not isinstance(other, Score):
            return NotImplemented
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @classmethod
    def of(cls, gold: set, system: set) -> Score:
        """The score of a system set against a gold set."""
        return cls(len(gold & system), len(system - gold), len(gold - system))


# ------------------------------------------------------------------------------------ gold input

def load_gold(gold_dir: Path) -> list[dict]:
    """Every gold annotation in `gold_dir` (*.json), sorted by file name."""
    out = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "document" not in data:
            raise ValueError(f"{path}: not a gold annotation (no 'document')")
        out.append(data)
    return out


def gold_key(person_id: str) -> str:
    """The system name key of a gold person id: the id without a trailing `-<digits>` suffix."""
    return _SUFFIX.sub("", person_id)


def government_places(reference_dir: Path, classes: Iterable[str] = ("GovernmentBody",)
                      ) -> dict[str, str]:
    """org id -> id of the place it governs, for organizations of `classes` (from organizations.csv).

    Pass the result as `equivalent_org` so that "mayor of changchun" matches whether the org is
    "changchun" or "changchun-municipal-government".
    """
    wanted = set(classes)
    out: dict[str, str] = {}
    with (Path(reference_dir) / "organizations.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            oid, governs = (row.get("id") or "").strip(), (row.get("governs") or "").strip()
            if oid and governs and (row.get("class") or "").strip() in wanted:
                out[oid] = governs
    return out


def _doc(gold: Mapping[str, Any]) -> str:
    return PurePosixPath(str(gold["document"]).replace("\\", "/")).as_posix()


def _org_normalizer(equivalent_org: OrgMap) -> Callable[[str | None], str | None]:
    if equivalent_org is None:
        return lambda org: org or None
    if isinstance(equivalent_org, Mapping):
        table = equivalent_org
        return lambda org: table.get(org, org) if org else None
    fn = equivalent_org
    return lambda org: fn(org) if org else None


def _gold_roles(gold: Mapping[str, Any]) -> dict[str, str]:
    """gold person id -> role (participant/author/cited)."""
    return {p["id"]: p.get("role", PARTICIPANT) for p in gold.get("persons", [])}


def _amount(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(Decimal(str(value)).to_integral_value())
    except (InvalidOperation, ValueError):
        return None


def _date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


# ------------------------------------------------------------------------- per-document kinds

def compare_persons(gold: Mapping[str, Any], extraction: Extraction) -> Pairs:
    """{(doc, key)} over all persons of all roles."""
    doc = _doc(gold)
    g = {(doc, gold_key(p["id"])) for p in gold.get("persons", [])}
    s = {(doc, p.key) for p in extraction.persons}
    return g, s


def compare_posts(gold: Mapping[str, Any], extraction: Extraction,
                  equivalent_org: OrgMap = None) -> Pairs:
    """{(doc, person, title, org)}, org ids normalized through `equivalent_org`."""
    doc, org = _doc(gold), _org_normalizer(equivalent_org)
    g = {(doc, gold_key(p["person"]), p["title"], org(p.get("org"))) for p in gold.get("posts", [])}
    s = {(doc, p.person, p.title_id, org(p.org_id)) for p in extraction.posts}
    return g, s


def compare_participants(gold: Mapping[str, Any], extraction: Extraction) -> Pairs:
    """{(doc, person, role)} over all events."""
    doc = _doc(gold)
    g = {(doc, gold_key(p["person"]), p["role"])
         for e in gold.get("events", []) for p in e.get("participants", [])}
    s = {(doc, p.person, p.role) for e in extraction.events for p in e.participants}
    return g, s


def _pairs(doc: str, groups: Iterable[Iterable[str]]) -> set[tuple]:
    out = set()
    for group in groups:
        for a, b in combinations(sorted(set(group)), 2):
            out.add((doc, a, b))
    return out


def compare_who_met(gold: Mapping[str, Any], extraction: Extraction) -> Pairs:
    """{(doc, a, b)}, a < b: distinct participant-role persons taking part in the same event.

    Gold groups participants by event id; the system by `EventMention`. Persons known only as
    authors or cited persons are left out.
    """
    doc = _doc(gold)
    roles = _gold_roles(gold)
    gold_groups: dict[str, list[str]] = {}
    for i, e in enumerate(gold.get("events", [])):
        members = gold_groups.setdefault(str(e.get("id", f"#{i}")), [])
        members += [gold_key(p["person"]) for p in e.get("participants", [])
                    if roles.get(p["person"], PARTICIPANT) == PARTICIPANT]
    as_participant = {p.key for p in extraction.persons if p.kind == PARTICIPANT}
    excluded = {p.key for p in extraction.persons if p.kind != PARTICIPANT} - as_participant
    sys_groups = [[p.person for p in e.participants if p.person not in excluded]
                  for e in extraction.events]
    return _pairs(doc, gold_groups.values()), _pairs(doc, sys_groups)


def compare_events(gold: Mapping[str, Any], extraction: Extraction) -> Pairs:
    """{(doc, type, date)} with the date ISO or None."""
    doc = _doc(gold)
    g = {(doc, e["type"], _date(e.get("date"))) for e in gold.get("events", [])}
    s = {(doc, e.kind, _date(e.date)) for e in extraction.events}
    return g, s


def compare_agreements(gold: Mapping[str, Any], extraction: Extraction) -> Pairs:
    """{(doc, projects, amount)} with the amount as an int or None."""
    doc = _doc(gold)
    g = {(doc, a.get("projects"), _amount(a.get("amount"))) for a in gold.get("agreements", [])}
    s = {(doc, a.projects, _amount(a.amount)) for a in extraction.agreements}
    return g, s


def compare_stances(gold: Mapping[str, Any], extraction: Extraction,
                    equivalent_org: OrgMap = None) -> Pairs:
    """{(doc, actor, strategy)}; a person actor is `person:<key>`, other actors are org ids."""
    doc, org = _doc(gold), _org_normalizer(equivalent_org)
    person_ids = set(_gold_roles(gold))

    def gold_actor(actor: str) -> str | None:
        if actor.startswith("person:"):
            return "person:" + gold_key(actor[len("person:"):])
        if actor in person_ids:
            return "person:" + gold_key(actor)
        return org(actor)

    def sys_actor(actor: str) -> str | None:
        return actor if actor.startswith("person:") else org(actor)

    g = {(doc, gold_actor(str(x["actor"])), x["strategy"]) for x in gold.get("stances", [])}
    s = {(doc, sys_actor(x.actor), x.strategy_id) for x in extraction.stances}
    return g, s


def compare_document(gold: Mapping[str, Any], extraction: Extraction,
                     equivalent_org: OrgMap = None) -> dict[str, Pairs]:
    """All per-document kinds (everything but `merges`) for one document."""
    return {
        "persons": compare_persons(gold, extraction),
        "posts": compare_posts(gold, extraction, equivalent_org),
        "participants": compare_participants(gold, extraction),
        "who-met": compare_who_met(gold, extraction),
        "events": compare_events(gold, extraction),
        "agreements": compare_agreements(gold, extraction),
        "stances": compare_stances(gold, extraction, equivalent_org),
    }


# --------------------------------------------------------------------------- cross-document

def compare_merges(items: Sequence[tuple[Mapping[str, Any], Extraction]],
                   node_of: Callable[[str, str], str]) -> Pairs:
    """Cross-document "same person" pairs {(doc1, key1, doc2, key2)}, doc1 < doc2.

    Only persons present in both gold and system are paired. Gold says "same" when the gold ids
    (with suffix) agree; the system when `node_of(doc, key)` (doc = relative path) agrees. Both
    sets hold only the positive ("same") pairs.
    """
    gold_ids: dict[tuple[str, str], set[str]] = {}
    system: set[tuple[str, str]] = set()
    for gold, extraction in items:
        doc = _doc(gold)
        for p in gold.get("persons", []):
            gold_ids.setdefault((doc, gold_key(p["id"])), set()).add(p["id"])
        system |= {(doc, p.key) for p in extraction.persons}
    common = sorted(set(gold_ids) & system)
    nodes = {dk: node_of(*dk) for dk in common}
    g: set[tuple] = set()
    s: set[tuple] = set()
    for x, y in combinations(common, 2):
        if x[0] == y[0]:
            continue
        (d1, k1), (d2, k2) = (x, y) if x[0] < y[0] else (y, x)
        pair = (d1, k1, d2, k2)
        if gold_ids[x] & gold_ids[y]:
            g.add(pair)
        if nodes[x] == nodes[y]:
            s.add(pair)
    return g, s


# ------------------------------------------------------------------------------------ report

def _sort_key(t: tuple) -> tuple:
    return tuple((v is not None, str(v)) for v in t)


@dataclass
class Report:
    """Gold and system tuples per kind, with the language of each graded document."""

    gold: dict[str, set[tuple]] = field(default_factory=dict)
    system: dict[str, set[tuple]] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)  # doc -> language
    notes: list[str] = field(default_factory=list)

    def language(self, kind: str, item: tuple) -> str:
        """The language of a tuple; a merge pair of two languages is e.g. "en+zh"."""
        if kind == "merges":
            return "+".join(sorted({self.languages.get(item[0], "?"), self.languages.get(item[2], "?")}))
        return self.languages.get(item[0], "?")

    def scores(self) -> dict[tuple[str, str], Score]:
        """Score per (kind, language), plus (kind, "all")."""
        out: dict[tuple[str, str], Score] = {}
        doc_langs = sorted(set(self.languages.values()))
        for kind in self.kinds():
            g, s = self.gold.get(kind, set()), self.system.get(kind, set())
            langs = {self.language(kind, t) for t in g | s}
            if kind != "merges":
                langs |= set(doc_langs)
            for lang in sorted(langs):
                gl = {t for t in g if self.language(kind, t) == lang}
                sl = {t for t in s if self.language(kind, t) == lang}
                out[(kind, lang)] = Score.of(gl, sl)
            out[(kind, ALL)] = Score.of(g, s)
        return out

    def score(self, kind: str, language: str = ALL) -> Score:
        """The score of one kind (in one language, or overall)."""
        return self.scores().get((kind, language), Score())

    def kinds(self) -> list[str]:
        """The kinds present, in the standard order."""
        extra = sorted((set(self.gold) | set(self.system)) - set(KINDS))
        return [k for k in KINDS if k in self.gold or k in self.system] + extra

    def errors(self, kind: str) -> dict[str, list[tuple]]:
        """{"missing": gold tuples not found, "spurious": system tuples not in gold}, sorted."""
        g, s = self.gold.get(kind, set()), self.system.get(kind, set())
        return {"missing": sorted(g - s, key=_sort_key), "spurious": sorted(s - g, key=_sort_key)}

    def table(self, verbose: bool = False) -> str:
        """An aligned text table (kind, language, P, R, F1, tp, fp, fn); errors too if verbose."""
        head = ("kind", "language", "P", "R", "F1", "tp", "fp", "fn")
        rows = [head] + [(kind, lang, f"{sc.precision:.3f}", f"{sc.recall:.3f}", f"{sc.f1:.3f}",
                          str(sc.tp), str(sc.fp), str(sc.fn))
                         for (kind, lang), sc in self.scores().items()]
        widths = [max(len(r[i]) for r in rows) for i in range(len(head))]

        def fmt(r: tuple[str, ...]) -> str:
            return "  ".join(c.ljust(w) if i < 2 else c.rjust(w)
                             for i, (c, w) in enumerate(zip(r, widths))).rstrip()

        lines = [fmt(head), "  ".join("-" * w for w in widths)] + [fmt(r) for r in rows[1:]]
        lines += [f"note: {n}" for n in self.notes]
        if verbose:
            for kind in self.kinds():
                err = self.errors(kind)
                for what in ("missing", "spurious"):
                    if err[what]:
                        lines.append(f"\n{kind} {what} ({len(err[what])}):")
                        lines += ["  " + " | ".join("-" if v is None else str(v) for v in t)
                                  for t in err[what]]
        return "\n".join(lines)

    def to_json(self) -> dict:
        """A JSON-ready summary: scores per (kind, language), errors per kind, notes."""
        return {
            "scores": [{"kind": kind, "language": lang, "precision": sc.precision,
                        "recall": sc.recall, "f1": sc.f1, "tp": sc.tp, "fp": sc.fp, "fn": sc.fn}
                       for (kind, lang), sc in self.scores().items()],
            "errors": {kind: {k: [list(t) for t in v] for k, v in self.errors(kind).items()}
                       for kind in self.kinds()},
            "documents": dict(sorted(self.languages.items())),
            "notes": list(self.notes),
        }


# -------------------------------------------------------------------------------- evaluate

def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def evaluate(gold_dir: Path, root: Path, docs: list[Path] | None = None,
             equivalent_org: OrgMap = None) -> Report:
    """Extract every document named in the gold (or only those in `docs`), resolve persons
    across them, and score the result against the gold."""
    from kg.extract.document import extract_document
    from kg.extract.facts import Extraction
    from kg.read.documents import read_corpus
    from kg.resolve.people import resolve_persons

    root = Path(root)
    golds = load_gold(Path(gold_dir))
    report = Report(gold={k: set() for k in KINDS}, system={k: set() for k in KINDS})
    if docs is not None:
        wanted = [d if d.is_absolute() else root / d for d in map(Path, docs)]
        chosen = [g for g in golds if any(_same_file(root / _doc(g), w) for w in wanted)]
        for w in wanted:
            if not any(_same_file(root / _doc(g), w) for g in chosen):
                report.notes.append(f"no gold for {w}")
        golds = chosen
    seen: dict[str, dict] = {}
    for g in golds:
        if _doc(g) in seen:
            report.notes.append(f"two gold files for {_doc(g)}; using the first")
        else:
            seen[_doc(g)] = g
    golds = list(seen.values())

    paths = {_doc(g): root / _doc(g) for g in golds}
    documents, skipped = read_corpus(list(paths.values()))
    by_path: dict[str, Document] = {}
    for doc in documents:
        for rel, p in paths.items():
            if rel not in by_path and (doc.path == str(p) or _same_file(Path(doc.path), p)):
                by_path[rel] = doc
    for s in skipped:
        report.notes.append(f"skipped {s.path}: {s.reason}")

    items: list[tuple[dict, Extraction]] = []
    extracted: list[tuple[Any, Extraction]] = []
    doc_id: dict[str, str] = {}
    for g in golds:
        rel = _doc(g)
        report.languages[rel] = str(g.get("language", "?"))
        d = by_path.get(rel)
        if d is None:
            if not any(_same_file(Path(s.path), paths[rel]) for s in skipped):
                report.notes.append(f"not read: {rel}")
            items.append((g, Extraction()))
            continue
        ex = extract_document(d)
        items.append((g, ex))
        extracted.append((d, ex))
        doc_id[rel] = d.id

    resolution = resolve_persons(extracted) if extracted else None

    def node_of(doc: str, key: str) -> str:
        if resolution is None or doc not in doc_id:
            return f"{doc}#{key}"
        try:
            return resolution.node_of(doc_id[doc], key)
        except KeyError:
            return f"{doc}#{key}"

    for g, ex in items:
        for kind, (gs, ss) in compare_document(g, ex, equivalent_org).items():
            report.gold[kind] |= gs
            report.system[kind] |= ss
    report.gold["merges"], report.system["merges"] = compare_merges(items, node_of)
    return report

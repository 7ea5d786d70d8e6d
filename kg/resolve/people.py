"""Resolving people across documents: one node per person, merged cautiously and explainably.

Within one document, mentions with the same name key are one person (a `Group`). Across documents,
groups whose keys agree once hyphens are dropped are scored by the rules of `kg.resolve.matching`: the
name's rarity (a rare name needs nothing more), shared organizations or a career inside one
province, shared titles, the other people both documents name; conflicts (different Han
characters, posts in two countries, or in two provinces within a year) keep them apart. An
analyst's judgements (`kg.resolve.judgements`) come first: "apart" and "split" keep apart, "merge" joins.
Groups are taken in content-hash order, so the result does not depend on file order. The decision
for each group is kept with its score and the rules that fired.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kg.extract.facts import AUTHOR, Extraction
from kg.extract.gender import gender_of
from kg.extract.mentions import Mention
from kg.model.ns import digest
from kg.model.ontology import Reference, load_reference
from kg.read.documents import Document
from kg.resolve.judgements import Ruling
from kg.resolve.matching import (
    CONFLICTS,
    Hit,
    Score,
    block_key,
    combine,
    context_hits,
    settings,
    signature,
    static_hits,
)
from kg.text.names import latin_key, palladius_name, pinyin_name

__all__ = [
    "Group",
    "Interner",
    "Judgement",
    "PersonNode",
    "Resolution",
    "english_label",
    "groups_of",
    "provisional_nodes",
    "resolve_groups",
    "resolve_persons",
    "split_node_id",
]


@dataclass(frozen=True, slots=True)
class Group:
    """All mentions of one name key in one document, with what the document says about them.

    Immutable, so a build holding one group per name per document can share equal parts (`Interner`)."""

    doc_id: str
    content_hash: str
    key: str
    forms: tuple[tuple[str, tuple[str, ...]], ...]  # (language, surface forms in order of appearance)
    titles: frozenset[str]
    orgs: frozenset[str]
    kinds: frozenset[str]
    date: str = ""  # the document's date (ISO), if known
    peers: frozenset[str] = frozenset()  # the other people the document names (`block_key`s)
    places: frozenset[str] = frozenset()  # reference places and organizations of the document's facts
    posts: frozenset[tuple[str, str]] = frozenset()  # (title, organization or "") the document states
    gender: str = ""  # "female" or "male" when the document's cues say so (kg.extract.gender), else ""

    @property
    def ident(self) -> tuple[str, str]:
        return (self.doc_id, self.key)

    def forms_in(self, lang: str) -> tuple[str, ...]:
        return next((forms for lg, forms in self.forms if lg == lang), ())


class Interner:
    """Shares equal values (strings, sets, form tuples) among the groups of many documents: the
    build keeps a group per name per document, and most of their parts repeat."""

    def __init__(self) -> None:
        self._values: dict[object, object] = {}

    def __call__(self, value):  # type: ignore[no-untyped-def]
        return self._values.setdefault(value, value)

    def group(self, g: Group) -> Group:
        forms = self(tuple((self(lang), self(tuple(self(f) for f in fs))) for lang, fs in g.forms))
        return Group(g.doc_id, g.content_hash, self(g.key), forms, self(g.titles), self(g.orgs), self(g.kinds),
                     self(g.date), self(g.peers), self(g.places), self(g.posts), self(g.gender))


@dataclass(frozen=True, order=True)
class Judgement:
    """A decision on two groups: merged or not, why, and by what (`source`: "rules", "analyst" or
    "author"); `score` and `hits` are the rules' (None and () for the others)."""

    key: str
    a: tuple[str, str]
    b: tuple[str, str]
    merged: bool
    reason: str
    source: str = "rules"
    score: float | None = None
    hits: tuple[Hit, ...] = ()
    ruling: Ruling | None = None

    @property
    def uncertain(self) -> bool:
        """Kept apart by the rules with a score in the review band."""
        return not self.merged and self.source == "rules" and self.score is not None and \
            settings()["thresholds"]["review"] <= self.score < settings()["thresholds"]["merge"]


@dataclass
class PersonNode:
    """One person of the graph: its id, name key, labels and the groups it gathers."""

    id: str
    key: str
    groups: list[Group] = field(default_factory=list)

    def forms(self, lang: str) -> list[str]:
        out: list[str] = []
        for g in self.groups:
            for f in g.forms_in(lang):
                if f not in out:
                    out.append(f)
        return out


@dataclass
class Resolution:
    """The person nodes and which node each (document id, name key) went to."""

    nodes: dict[str, PersonNode]
    assignment: dict[tuple[str, str], str]
    judgements: list[Judgement]

    def node_of(self, doc_id: str, key: str) -> str:
        return self.assignment[(doc_id, key)]

    def nodes_of(self, doc_id: str, keys: Iterable[str]) -> dict[str, str]:
        """The person node of each name key of one document."""
        return {k: self.assignment[(doc_id, k)] for k in keys}


def english_label(key: str, forms: list[str]) -> str:
    """The English preferred label: pinyin "Surname Givenname" for a Chinese name key, else the
    English form seen in text, else the key title-cased."""
    for f in forms:
        if latin_key(f) == key:
            return " ".join(f.split())
    return " ".join(part.capitalize() for part in key.split("-"))


def split_node_id(key: str, content_hash: str) -> str:
    """The node id of a person who does not keep the plain name key: the key and a digest of the
    first document that names them."""
    return f"{key}-{digest(content_hash, key, length=6)}"


def provisional_nodes(groups: Iterable[Group]) -> dict[str, str]:
    """The node of each name key of one document as resolution most often decides it, before seeing
    the other documents: the key itself, or for an author (never merged) the split id. The build
    renders with these and renames the few that resolution decides otherwise."""
    return {g.key: split_node_id(g.key, g.content_hash) if AUTHOR in g.kinds else g.key for g in groups}


def groups_of(doc: Document, ex: Extraction, mentions: Iterable[Mention] = ()) -> list[Group]:
    """The groups of one document (one per name key), in key order: all resolution needs of it. The
    document's places are those of its facts and its unambiguous reference `mentions`."""
    forms: dict[str, dict[str, list[str]]] = {}
    kinds: dict[str, set[str]] = {}
    titles: dict[str, set[str]] = {}
    orgs: dict[str, set[str]] = {}
    posts: dict[str, set[tuple[str, str]]] = {}
    for p in ex.persons:
        seen = forms.setdefault(p.key, {}).setdefault(p.lang, [])
        if p.surface not in seen:
            seen.append(p.surface)
        kinds.setdefault(p.key, set()).add(p.kind)
    for post in ex.posts:
        if post.person in forms:
            titles.setdefault(post.person, set()).add(post.title_id)
            posts.setdefault(post.person, set()).add((post.title_id, post.org_id or ""))
            if post.org_id:
                orgs.setdefault(post.person, set()).add(post.org_id)
    for aff in ex.affiliations:
        if aff.person in forms:
            orgs.setdefault(aff.person, set()).add(aff.org_id)
    places = frozenset({e.place_id for e in ex.events if e.place_id} | {o for os_ in orgs.values() for o in os_}
                       | {o for e in ex.events for o in e.orgs}
                       | {m.entity_ids[0] for m in mentions if len(m.entity_ids) == 1})
    people = {block_key(k) for k in forms if AUTHOR not in kinds[k]}
    date = doc.date.isoformat() if doc.date else ""
    return [Group(doc.id, doc.content_hash, key, tuple((lang, tuple(fs)) for lang, fs in forms[key].items()),
                  frozenset(titles.get(key, ())), frozenset(orgs.get(key, ())), frozenset(kinds[key]),
                  date, frozenset(people - {block_key(key)}), places, frozenset(posts.get(key, ())),
                  gender_of(ex.genders, key))
            for key in sorted(forms)]


def resolve_persons(items: list[tuple[Document, Extraction]], ref: Reference | None = None,
                    rulings: Iterable[Ruling] = ()) -> Resolution:
    """Cluster the people of all documents (see the module docstring and `resolve_groups`)."""
    return resolve_groups([g for doc, ex in items for g in groups_of(doc, ex)], ref, rulings)


class _Cluster:
    """Groups taken for one person so far: members, one member per signature, peers and places."""

    def __init__(self, g: Group) -> None:
        self.members = [g]
        self.reps: dict[tuple[object, ...], Group] = {signature(g): g}
        self.peers, self.places = set(g.peers), set(g.places)
        self.refs = {g.ident}
        self.closed = False  # an author or a mention the analyst split off: nothing joins it

    def add(self, g: Group) -> None:
        self.members.append(g)
        self.reps.setdefault(signature(g), g)
        self.peers |= g.peers
        self.places |= g.places
        self.refs.add(g.ident)


class _Scorer:
    """Scores of a group against a cluster, the static part cached per pair of signatures."""

    def __init__(self, ref: Reference) -> None:
        self.ref = ref
        self.static: dict[tuple[tuple[object, ...], tuple[object, ...]], tuple[Hit, ...]] = {}

    def pair(self, g: Group, m: Group, cluster: _Cluster | None = None) -> Score:
        a, b = (g, m) if g.ident <= m.ident else (m, g)
        sa, sb = signature(a), signature(b)
        hits = self.static.get((sa, sb))
        if hits is None:
            hits = self.static[(sa, sb)] = static_hits(a, b, self.ref)
        if cluster is not None:  # the cluster's people and places stand for the member's
            m = replace(m, peers=frozenset(cluster.peers), places=frozenset(cluster.places))
            a, b = (g, m) if g.ident <= m.ident else (m, g)
        return combine(hits + context_hits(a, b, self.ref))

    def against(self, g: Group, c: _Cluster) -> tuple[Score, Group, tuple[Score, Group] | None]:
        """The best score of `g` with a member of `c`, that member, and the score with a member
        that conflicts with `g` (None when none does)."""
        best: tuple[Score, Group] | None = None
        conflict: tuple[Score, Group] | None = None
        for m in c.reps.values():
            sc = self.pair(g, m, c)
            if conflict is None and any(h.rule in CONFLICTS for h in sc.hits):
                conflict = (sc, m)
            if best is None or sc.total > best[0].total:
                best = (sc, m)
        assert best is not None
        return best[0], best[1], conflict


def resolve_groups(groups: Iterable[Group], ref: Reference | None = None,
                   rulings: Iterable[Ruling] = ()) -> Resolution:
    """Cluster the groups of all documents (in any order: the result does not depend on it).

    Groups whose name keys agree without hyphens (`block_key`) are candidates. Taken in content-hash
    order, each joins the cluster it scores best with (`kg.resolve.matching`: at least the merge threshold,
    no conflicting member, no analyst's "apart" or "split"), or starts its own; authors never join.
    The analyst's "merge" judgements then join clusters whatever the scores (across name keys too).
    One judgement is kept per group: the member it was merged with and why, or the best candidate it
    was kept apart from and why (with the score, so `kg review` can list the uncertain ones).
    """
    ref = ref or load_reference()
    rulings = list(rulings)
    apart = {frozenset((r.a, r.b)) for r in rulings if r.decision == "apart" and r.b}
    alone = {r.a: r for r in rulings if r.decision == "split"}
    by_block: dict[str, list[Group]] = {}
    for g in groups:
        by_block.setdefault(block_key(g.key), []).append(g)
    scorer = _Scorer(ref)
    judgements: list[Judgement] = []
    clusters: list[_Cluster] = []
    for block in sorted(by_block):
        mine: list[_Cluster] = []
        for g in sorted(by_block[block], key=lambda g: (g.content_hash, g.key)):
            if AUTHOR in g.kinds or g.ident in alone:
                other = mine[-1].members[0] if mine else None
                if other is not None:
                    why = ("an author of one article is not taken for a person of another on the name alone"
                           if AUTHOR in g.kinds else f"analyst {alone[g.ident].by} at {alone[g.ident].at} split "
                           f"this mention off: {alone[g.ident].why or 'no reason given'}")
                    judgements.append(Judgement(g.key, g.ident, other.ident, False, why,
                                                "author" if AUTHOR in g.kinds else "analyst", None, (),
                                                None if AUTHOR in g.kinds else alone[g.ident]))
                mine.append(_Cluster(g))
                mine[-1].closed = True
                continue
            best: tuple[Score, Group, _Cluster] | None = None
            refused: tuple[float, Score, Group] | None = None  # best score kept apart: the score shown, member
            for c in mine:
                if c.closed:
                    continue
                sc, m, conflict = scorer.against(g, c)
                vetoed = any(frozenset((g.ident, r)) in apart for r in c.refs)
                if conflict is not None or vetoed or not sc.merge:
                    if refused is None or sc.total > refused[0]:
                        refused = (sc.total, *(conflict if conflict is not None else (sc, m)))
                    continue
                if best is None or sc.total > best[0].total:
                    best = (sc, m, c)
            if best is not None:
                best[2].add(g)
                judgements.append(Judgement(g.key, g.ident, best[1].ident, True, best[0].explain(), "rules",
                                            best[0].total, best[0].hits))
            else:
                mine.append(_Cluster(g))
                if refused is not None:
                    judgements.append(Judgement(g.key, g.ident, refused[2].ident, False, refused[1].explain(),
                                                "rules", refused[1].total, refused[1].hits))
        clusters.extend(mine)
    present = {g.ident for c in clusters for g in c.members}
    for r in rulings:
        if r.decision == "apart" and r.b and r.a in present and r.b in present:
            judgements.append(Judgement(r.a[1], r.a, r.b, False, f"analyst {r.by} at {r.at}: {r.why or 'no reason given'}",
                                        "analyst", None, (), r))
    clusters = _apply_merges(clusters, [r for r in rulings if r.decision == "merge"], judgements)
    return _nodes(clusters, judgements)


def _apply_merges(clusters: list[_Cluster], merges: list[Ruling], judgements: list[Judgement]) -> list[_Cluster]:
    """Join the clusters that an analyst's "merge" names (rulings naming an absent mention are ignored)."""
    where = {r: i for i, c in enumerate(clusters) for r in c.refs}
    parent = list(range(len(clusters)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in merges:
        if r.b is None or r.a not in where or r.b not in where:
            continue
        judgements.append(Judgement(r.a[1], r.a, r.b, True, f"analyst {r.by} at {r.at}: {r.why or 'no reason given'}",
                                    "analyst", None, (), r))
        ia, ib = find(where[r.a]), find(where[r.b])
        if ia != ib:
            parent[max(ia, ib)] = min(ia, ib)
    out: dict[int, _Cluster] = {}
    for i, c in enumerate(clusters):
        root = find(i)
        if root not in out:
            out[root] = c
        elif c is not out[root]:
            for g in c.members:
                out[root].add(g)
    return list(out.values())


def _nodes(clusters: list[_Cluster], judgements: list[Judgement]) -> Resolution:
    """Node ids: per name key, the cluster in most documents keeps the plain key (a namesake
    appearing later does not rename the prominent person), the others take a digest of their first
    document; a cluster's key is its most frequent one."""
    nodes: dict[str, PersonNode] = {}
    assignment: dict[tuple[str, str], str] = {}
    by_key: dict[str, list[list[Group]]] = {}
    for c in clusters:
        members = sorted(c.members, key=lambda g: (g.content_hash, g.key))
        counts: dict[str, int] = {}
        for g in members:
            counts[g.key] = counts.get(g.key, 0) + 1
        key = min(counts, key=lambda k: (-counts[k], k))
        by_key.setdefault(key, []).append(members)
    for key, groups in by_key.items():
        def plain_ok(members: list[Group]) -> bool:
            return not any(AUTHOR in g.kinds for g in members)
        groups.sort(key=lambda ms: (not plain_ok(ms), -len(ms), ms[0].content_hash))
        for i, members in enumerate(groups):
            node_id = key if i == 0 and plain_ok(members) else split_node_id(key, members[0].content_hash)
            nodes[node_id] = PersonNode(node_id, key, members)
            for g in members:
                assignment[g.ident] = node_id
    return Resolution(dict(sorted(nodes.items())), assignment,
                      sorted(judgements, key=lambda j: (j.key, j.a, j.b, j.merged, j.source, j.reason)))


def labels(node: PersonNode) -> dict[str, str]:
    """Preferred labels per language: English pinyin (or the English form), the Chinese form, and
    the Russian form (the Palladius nominative for a Chinese name)."""
    out = {"en": english_label(node.key, node.forms("en"))}
    zh = node.forms("zh")
    if zh:
        from kg.text.language import to_simplified

        out["zh"] = to_simplified(zh[0])
    ru = node.forms("ru")
    try:
        pal = palladius_name(node.key)
    except (KeyError, ValueError):
        pal = None
    if pal and (not ru or pal in ru or zh or node.forms("en")):
        out["ru"] = pal
    elif ru:
        out["ru"] = ru[0]
    if "en" not in out or not out["en"]:
        out["en"] = pinyin_name(zh[0]) if zh else node.key
    return out

"""Resolving people across documents: one node per person, merged cautiously and explainably.

Within one document, mentions with the same name key are one person. Across documents, two groups
with the same name key are merged only when something beyond the name agrees: a shared
organization (or its parent, or the place it governs) in their posts, or, when one side states no
organization, a shared title; people known only as cited (e.g. a General Secretary) merge by title
too. Clusters are the connected components of these pairwise judgements (a group joins every
cluster one of whose members it agrees with), so the result does not depend on document order.
The decision for each group is kept with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from kg.documents import Document
from kg.extraction import AUTHOR, CITED, Extraction
from kg.names import latin_key, palladius_name, pinyin_name
from kg.ns import digest
from kg.ontology import Reference, load_reference

__all__ = ["Group", "Judgement", "PersonNode", "Resolution", "Interner", "groups_of", "provisional_nodes", "split_node_id",
           "resolve_persons", "resolve_groups",
           "english_label"]


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
        return Group(g.doc_id, g.content_hash, self(g.key), forms, self(g.titles), self(g.orgs), self(g.kinds))


@dataclass(frozen=True, order=True)
class Judgement:
    """A decision on two groups with the same key: merged or not, and why."""

    key: str
    a: tuple[str, str]
    b: tuple[str, str]
    merged: bool
    reason: str


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


def _expand_orgs(orgs: Iterable[str], ref: Reference) -> set[str]:
    """Organizations with their parents and the places they govern (for agreement checks)."""
    out: set[str] = set()
    for o in orgs:
        out.add(o)
        ent = ref.entities.get(o)
        if ent is not None:
            out.update(ent.part_of)
            out.update(ent.governs)
    return out


def _judge(a: Group, b: Group, ref: Reference) -> tuple[bool, str]:
    if AUTHOR in a.kinds or AUTHOR in b.kinds:
        return False, "an author of one article is not taken for a person of another on the name alone"
    oa, ob = _expand_orgs(a.orgs, ref), _expand_orgs(b.orgs, ref)
    if a.orgs and b.orgs:
        shared = sorted(oa & ob)
        if shared:
            return True, f"same name key {a.key}; shared organization {', '.join(shared)}"
        return False, f"same name key {a.key} but different organizations ({', '.join(sorted(a.orgs))} / {', '.join(sorted(b.orgs))})"
    if a.titles and b.titles:
        shared = sorted(a.titles & b.titles)
        if shared:
            return True, f"same name key {a.key}; shared title {', '.join(shared)}"
        return False, f"same name key {a.key} but different titles ({', '.join(sorted(a.titles))} / {', '.join(sorted(b.titles))})"
    if a.kinds == b.kinds == {CITED}:
        return True, f"same name key {a.key}; cited leader in both"
    return False, f"same name key {a.key}; nothing beyond the name agrees"


def split_node_id(key: str, content_hash: str) -> str:
    """The node id of a person who does not keep the plain name key: the key and a digest of the
    first document that names them."""
    return f"{key}-{digest(content_hash, key, length=6)}"


def provisional_nodes(groups: Iterable[Group]) -> dict[str, str]:
    """The node of each name key of one document as resolution most often decides it, before seeing
    the other documents: the key itself, or for an author (never merged) the split id. The build
    renders with these and renames the few that resolution decides otherwise."""
    return {g.key: split_node_id(g.key, g.content_hash) if AUTHOR in g.kinds else g.key for g in groups}


def groups_of(doc: Document, ex: Extraction) -> list[Group]:
    """The groups of one document (one per name key), in key order: all resolution needs of it."""
    forms: dict[str, dict[str, list[str]]] = {}
    kinds: dict[str, set[str]] = {}
    titles: dict[str, set[str]] = {}
    orgs: dict[str, set[str]] = {}
    for p in ex.persons:
        seen = forms.setdefault(p.key, {}).setdefault(p.lang, [])
        if p.surface not in seen:
            seen.append(p.surface)
        kinds.setdefault(p.key, set()).add(p.kind)
    for post in ex.posts:
        if post.person in forms:
            titles.setdefault(post.person, set()).add(post.title_id)
            if post.org_id:
                orgs.setdefault(post.person, set()).add(post.org_id)
    return [Group(doc.id, doc.content_hash, key, tuple((lang, tuple(fs)) for lang, fs in forms[key].items()),
                  frozenset(titles.get(key, ())), frozenset(orgs.get(key, ())), frozenset(kinds[key]))
            for key in sorted(forms)]


def resolve_persons(items: list[tuple[Document, Extraction]], ref: Reference | None = None) -> Resolution:
    """Cluster the people of all documents (see the module docstring and `resolve_groups`)."""
    return resolve_groups([g for doc, ex in items for g in groups_of(doc, ex)], ref)


def resolve_groups(groups: Iterable[Group], ref: Reference | None = None) -> Resolution:
    """Cluster the groups of all documents (in any order: the result does not depend on it).

    Groups of one name key are taken in content-hash order; each joins every cluster it agrees
    with (clusters it bridges are merged), or starts a new one. One judgement is kept per group:
    the member it was merged with and why, or why it stands alone. A group is checked against one
    member per distinct (organizations, titles, kinds) of a cluster, stopping at the first that
    agrees, so a name in thousands of articles costs a few checks each, merged or not.
    """
    ref = ref or load_reference()
    by_key: dict[str, list[Group]] = {}
    for g in sorted(groups, key=lambda g: g.ident):
        by_key.setdefault(g.key, []).append(g)
    nodes: dict[str, PersonNode] = {}
    assignment: dict[tuple[str, str], str] = {}
    judgements: list[Judgement] = []
    for key in sorted(by_key):
        groups = sorted(by_key[key], key=lambda g: g.content_hash)
        clusters: list[list[Group]] = []
        signatures: list[dict[tuple[frozenset[str], ...], Group]] = []  # per cluster: first member per signature
        authors: list[Group] = []
        for g in groups:
            if AUTHOR in g.kinds:  # never merged: no need to compare
                other = authors[-1] if authors else (clusters[-1][-1] if clusters else None)
                if other is not None:
                    judgements.append(Judgement(key, g.ident, other.ident, False, _judge(g, other, ref)[1]))
                authors.append(g)
                continue
            joined: list[int] = []
            first_reason: tuple[Group, str] | None = None
            last_refusal: tuple[Group, str] | None = None
            for ci, members in enumerate(clusters):
                # members with the same organizations, titles and kinds are judged alike: ask the first
                for m in signatures[ci].values():
                    merged, reason = _judge(g, m, ref)
                    if merged:
                        joined.append(ci)
                        first_reason = first_reason or (m, reason)
                        break
                    last_refusal = (m, reason)
            if joined:
                target, reps = clusters[joined[0]], signatures[joined[0]]
                for ci in joined[1:]:
                    target.extend(clusters[ci])
                    for sig, m in signatures[ci].items():
                        reps.setdefault(sig, m)
                clusters = [c for i, c in enumerate(clusters) if i not in joined[1:]]
                signatures = [c for i, c in enumerate(signatures) if i not in joined[1:]]
                target.append(g)
                reps.setdefault((g.orgs, g.titles, g.kinds), g)
                assert first_reason is not None
                judgements.append(Judgement(key, g.ident, first_reason[0].ident, True, first_reason[1]))
            else:
                clusters.append([g])
                signatures.append({(g.orgs, g.titles, g.kinds): g})
                if last_refusal is None and authors:
                    last_refusal = (authors[-1], _judge(g, authors[-1], ref)[1])
                if last_refusal is not None:
                    judgements.append(Judgement(key, g.ident, last_refusal[0].ident, False, last_refusal[1]))
        for members in clusters:
            members.sort(key=lambda g: g.content_hash)
        # the cluster in most documents keeps the plain key (a namesake appearing later does not rename
        # the prominent person); the others, and every author, take a digest of their first document
        clusters.sort(key=lambda c: (-len(c), c[0].content_hash))
        for i, members in enumerate(clusters + [[a] for a in authors]):
            node_id = key if i == 0 and clusters else split_node_id(key, members[0].content_hash)
            node = PersonNode(node_id, key, members)
            nodes[node_id] = node
            for g in members:
                assignment[g.ident] = node_id
    return Resolution(dict(sorted(nodes.items())), assignment, sorted(judgements))


def labels(node: PersonNode) -> dict[str, str]:
    """Preferred labels per language: English pinyin (or the English form), the Chinese form, and
    the Russian form (the Palladius nominative for a Chinese name)."""
    out = {"en": english_label(node.key, node.forms("en"))}
    zh = node.forms("zh")
    if zh:
        from kg.language import to_simplified

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

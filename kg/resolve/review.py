"""What an analyst needs to judge who is who: the pairs resolution was unsure of, each side with its
names in every script, posts, documents and quoted sentences, and the commands that settle it.

`uncertain_pairs` reads a build's merges.json (the rules' score per decision) and its graph;
`mentions_of` finds the mention groups (``DOCUMENT-ID:NAME-KEY``) of a person node, which
`kg merge`, `kg unmerge` and `kg split` write to the judgements file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from kg.errors import InputError
from kg.model.ns import DCTERMS, KGO, ORG, SCHEMA, SKOS, resource_base, resource_key
from kg.resolve.judgements import Ref, format_ref
from kg.text.names import name_key

__all__ = ["Pair", "Side", "mentions_of", "read_merges", "uncertain_pairs"]


@dataclass
class Side:
    """One side of a pair: the mention group, its person node and what the graph says of them."""

    ref: Ref
    node: str
    names: dict[str, list[str]] = field(default_factory=dict)
    posts: list[str] = field(default_factory=list)
    document: str = ""
    date: str = ""
    quotes: list[str] = field(default_factory=list)


@dataclass
class Pair:
    """An uncertain pair: its score, the rules that fired, both sides and the commands to settle it."""

    score: float
    rules: list[dict[str, Any]]
    a: Side
    b: Side

    @property
    def commands(self) -> list[str]:
        a, b = format_ref(self.a.ref), format_ref(self.b.ref)
        return [f"kg merge {a} {b} --why '...'", f"kg unmerge {a} {b} --why '...'"]

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "rules": self.rules, "a": self.a.__dict__ | {"ref": format_ref(self.a.ref)},
                "b": self.b.__dict__ | {"ref": format_ref(self.b.ref)}, "commands": self.commands}


class MergesError(InputError, ValueError):
    """merges.json missing or unreadable; the message is one line."""


def read_merges(path: Path) -> list[dict[str, Any]]:
    """The decisions of a build (`merges.json`)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MergesError(f"no {path}: run `kg build` first") from None
    except (OSError, ValueError) as e:
        raise MergesError(f"cannot read {path}: {e}") from None
    if not isinstance(data, list):
        raise MergesError(f"{path} is not a list of decisions")
    return data


def _person(node: str) -> URIRef:
    return URIRef(resource_base("person") + node)


def _literals(graph: Graph, node: Node, pred: URIRef) -> Iterator[Literal]:
    """The objects of a label property: literals (the shapes say so; rdflib types them as any node)."""
    return cast("Iterator[Literal]", graph.objects(node, pred))


def _terms(nodes: Iterator[Node]) -> Iterator[Identifier]:
    """Nodes of a graph as rdflib terms, which sort (rdflib types them as nodes, which do not)."""
    return cast("Iterator[Identifier]", nodes)


def _label(graph: Graph, node: Node) -> str:
    labels = {lbl.language or "": str(lbl) for lbl in _literals(graph, node, SKOS.prefLabel)}
    return labels.get("en") or next(iter(sorted(labels.values())), str(node))


def _side(graph: Graph, ref: Ref, node: str) -> Side:
    person, doc = _person(node), URIRef(resource_base("doc") + ref[0])
    side = Side(ref, node)
    for pred in (SKOS.prefLabel, SKOS.altLabel):
        for lbl in _literals(graph, person, pred):
            names = side.names.setdefault(lbl.language or "", [])
            if str(lbl) not in names:
                names.append(str(lbl))
    for post in graph.objects(person, ORG.holds):
        parts = [graph.value(post, ORG.role), graph.value(post, ORG.postIn)]
        text = ", ".join(_label(graph, p) for p in parts if p is not None)
        if text and text not in side.posts:
            side.posts.append(text)
    side.posts.sort()
    side.document = str(graph.value(doc, DCTERMS.title) or graph.value(doc, KGO.fileName) or ref[0])
    side.date = str(graph.value(doc, SCHEMA.datePublished) or "")
    for m in sorted(_terms(graph.subjects(KGO.mentionOf, person))):
        if graph.value(m, KGO.inDocument) == doc:
            quote = str(graph.value(m, KGO.quote) or "")
            if quote and quote not in side.quotes:
                side.quotes.append(quote)
    side.quotes = side.quotes[:3]
    return side


def uncertain_pairs(merges: list[dict[str, Any]], graph: Graph) -> list[Pair]:
    """The pairs kept apart with a score in the review band, most consequential first (the highest
    score: the nearest to a merge), each side described from `graph`."""
    out: list[Pair] = []
    for m in merges:
        if not m.get("uncertain"):
            continue
        a, b = (str(m["a"][0]), str(m["a"][1])), (str(m["b"][0]), str(m["b"][1]))
        out.append(Pair(float(m["score"]), list(m.get("rules", [])), _side(graph, a, str(m["node_a"])),
                        _side(graph, b, str(m["node_b"]))))
    out.sort(key=lambda p: (-p.score, p.a.ref, p.b.ref))
    return out


def mentions_of(graph: Graph, person: URIRef) -> list[Ref]:
    """The mention groups of a person node: (document id, name key of its surface form there), one
    per document, in document order."""
    out: dict[str, str] = {}
    for m in sorted(_terms(graph.subjects(KGO.mentionOf, person))):
        doc = graph.value(m, KGO.inDocument)
        surface = graph.value(m, KGO.surfaceForm)
        if doc is None or surface is None:
            continue
        key = name_key(str(surface))
        doc_id = resource_key(doc)
        if key and doc_id not in out:
            out[doc_id] = key
    return sorted(out.items())


def format_pair(p: Pair, n: int) -> str:
    """A pair as text for the terminal."""
    lines = [f"{n}. score {p.score:+.2f}: " + "; ".join(f"{r['rule']} {r['weight']:+.1f} ({r['detail']})"
                                                       for r in p.rules)]
    for label, s in (("A", p.a), ("B", p.b)):
        names = " / ".join(n for lang in sorted(s.names) for n in s.names[lang])
        lines.append(f"   {label} {format_ref(s.ref)}  node {s.node}: {names}")
        if s.posts:
            lines.append(f"     posts: {'; '.join(s.posts)}")
        lines.append(f"     in “{s.document}” {s.date}")
        for q in s.quotes:
            lines.append(f"     “{q}”")
    lines.extend(f"   {c}" for c in p.commands)
    return "\n".join(lines)

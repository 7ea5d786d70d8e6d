"""The shortest chains of relationships between two actors, each link with its evidence."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

import networkx as nx

__all__ = ["Link", "shortest_paths", "resolve_actor", "find_actor"]


@dataclass(frozen=True)
class Link:
    """One step of a path: from one node to the next through one relationship."""

    source: str
    target: str
    source_label: str
    target_label: str
    relation: str
    detail: str
    date: str
    quote: str
    doc: str
    forward: bool = True  # False when the relationship points from target to source

    def describe(self) -> str:
        rel = self.relation + (f" ({self.detail})" if self.detail else "") + (f", {self.date}" if self.date else "")
        arrow = f"—{rel}→" if self.forward else f"←{rel}—"
        return f"{self.source_label} {arrow} {self.target_label}"


def shortest_paths(g: nx.MultiGraph, a: str, b: str, limit: int = 5) -> list[list[Link]]:
    """Up to `limit` shortest paths from node `a` to node `b` (IRIs as strings), each as links.

    Between two nodes on a path, every parallel relationship is a separate choice; the one with
    evidence comes first."""
    if a not in g or b not in g:
        return []
    try:
        node_paths = list(islice(nx.all_shortest_paths(g, a, b), limit))
    except nx.NetworkXNoPath:
        return []
    out: list[list[Link]] = []
    for nodes in node_paths:
        links = []
        for x, y in zip(nodes, nodes[1:]):
            edges = sorted(g.get_edge_data(x, y).values(), key=lambda d: (d["quote"] == "", d["date"], d["relation"]))
            d = edges[0]
            links.append(Link(x, y, g.nodes[x].get("label", x), g.nodes[y].get("label", y), d["relation"],
                              d["detail"], d["date"], d["quote"], d["doc"], d.get("head", x) == x))
        out.append(links)
    return out


def resolve_actor(g: nx.MultiGraph, graph, name: str, index=None) -> list[str]:
    """The node(s) called `name`: a node by its IRI, a person in any script, a reference entity by any
    alias, or a node whose label folds to the same text."""
    from kg.ask.lookup import PersonIndex
    from kg.extract.mentions import reference_gazetteer
    from kg.model.ontology import load_reference
    from kg.rdf.build import entity_iri
    from kg.text.normalize import collapse_spaces, fold

    iri = name.strip()[1:-1] if name.strip().startswith("<") and name.strip().endswith(">") else name.strip()
    if iri in g:  # a node named by its IRI, as the candidates of an ambiguous name list it
        return [iri]
    people = (index or PersonIndex(graph)).find(name).matches
    if people:
        return [str(p.iri) for p in people]
    hits = reference_gazetteer().find(name)
    if len(hits) == 1 and (hits[0].start, hits[0].end) == (0, len(name)):
        return [str(entity_iri(load_reference()[i])) for i in hits[0].entity_ids]
    want = fold(collapse_spaces(name))
    return sorted(n for n, d in g.nodes(data=True)
                  if any(fold(collapse_spaces(lbl)) == want for lbl in d.get("labels", {}).values()))


def find_actor(g: nx.MultiGraph, graph, name: str, source: str = "", index=None) -> str:
    """The one node `name` names (`resolve_actor`); an UnknownName (kg.ask.lookup.unresolved: the
    candidates, or close names of people) if it names none or several."""
    from kg.ask.lookup import PersonIndex, UnknownName, unresolved

    index = index or PersonIndex(graph)
    nodes = resolve_actor(g, graph, name, index)
    if len(nodes) == 1:
        return nodes[0]
    candidates = [(n, g.nodes[n].get("label", n) if n in g else n) for n in nodes]
    suggestions = [] if nodes else index.find(name).suggestions
    raise UnknownName(unresolved(name, candidates, suggestions, "{}", source, ("actor", "actors")))

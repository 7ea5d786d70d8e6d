"""Projecting the RDF graph onto a networkx MultiGraph of actors, events, places and strategies.

Nodes are IRIs (as strings) with `label` (English, else any), `labels` (per language) and `kind`
(the ontology class's local name). Each edge is one relationship with its evidence:
`relation` (took part in, holds a post in, part of, party to, promotes, ...), `detail` (role,
title), `date`, `quote` and `doc`. Parallel relationships stay separate edges.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from rdflib import Graph, URIRef

from kg.query import run_query

__all__ = ["project", "EDGE_QUERIES"]

_LABELS = """
SELECT ?node ?label ?type WHERE {
  ?node skos:prefLabel ?label ; a ?type .
  FILTER(?type IN (kgo:Person, kgo:GovernmentBody, kgo:PartyCommittee, kgo:Company, kgo:OtherOrganization,
                   kgo:Country, kgo:Province, kgo:PrefectureCity, kgo:CountyDistrict, kgo:DevelopmentZone,
                   kgo:IndustrialPark, kgo:OtherPlace, kgo:Strategy))
}"""
_EVENTS = """
SELECT ?node ?type ?date ?place WHERE {
  ?node a ?type . FILTER(?type IN (kgo:Meeting, kgo:Conference, kgo:SigningCeremony, kgo:InspectionVisit, kgo:DelegationVisit))
  OPTIONAL { ?node schema:startDate ?date } OPTIONAL { ?node schema:location ?place }
}"""

#: relation name -> query giving ?a ?b ?detail ?date ?quote ?doc ?fact (or, for a fact stated in many
#: articles, ?first: the date, document and quote of its earliest statement joined by U+001F)
EDGE_QUERIES: dict[str, str] = {
    "took part in": """SELECT ?a ?b ?detail ?date ?quote ?doc ?fact WHERE {
        ?fact a kgo:Participation ; kgo:participant ?a ; kgo:inEvent ?b ; kgo:role ?r ; kgo:evidence ?ev .
        ?r rdfs:label ?detail . FILTER(lang(?detail) = "en")
        ?ev kgo:quote ?quote ; kgo:inDocument ?doc
        OPTIONAL { ?b schema:startDate ?date } }""",
    # a post is one node however many articles state it: one edge, with the earliest statement as evidence
    "holds a post in": """SELECT ?a ?b ?detail ?fact (MIN(?key) AS ?first) WHERE {
        ?fact a org:Post ; org:heldBy ?a ; org:postIn ?b ; org:role ?r ; kgo:evidence ?ev .
        ?r skos:prefLabel ?detail . FILTER(lang(?detail) = "en")
        ?ev kgo:quote ?quote ; kgo:inDocument ?doc
        OPTIONAL { ?doc schema:datePublished ?d }
        BIND(CONCAT(COALESCE(STR(?d), "~"), "\u001f", STR(?doc), "\u001f", STR(?quote)) AS ?key)
        } GROUP BY ?a ?b ?detail ?fact""",
    "party to": """SELECT ?a ?b ?detail ?date ?quote ?doc ?fact WHERE {
        ?b a kgo:Agreement ; kgo:party ?a ; kgo:evidence ?ev . ?ev kgo:quote ?quote ; kgo:inDocument ?doc
        OPTIONAL { ?b schema:startDate ?date } BIND(?b AS ?fact) BIND("" AS ?detail) }""",
    "agreement signed at": """SELECT ?a ?b ?detail ?date ?quote ?doc ?fact WHERE {
        ?a a kgo:Agreement ; kgo:signedAt ?b ; kgo:evidence ?ev . ?ev kgo:quote ?quote ; kgo:inDocument ?doc
        OPTIONAL { ?a schema:startDate ?date } BIND(?a AS ?fact) BIND("" AS ?detail) }""",
    "promotes": """SELECT ?a ?b ?detail ?date ?quote ?doc ?fact WHERE {
        ?fact a kgo:StrategyStance ; kgo:actor ?a ; kgo:strategy ?b ; kgo:stance ?s ; kgo:evidence ?ev .
        ?s rdfs:label ?detail . FILTER(lang(?detail) = "en")
        ?ev kgo:quote ?quote ; kgo:inDocument ?doc . OPTIONAL { ?doc schema:datePublished ?date } }""",
    "part of": """SELECT ?a ?b ?detail ?date ?quote ?doc ?fact WHERE {
        { ?a org:subOrganizationOf ?b } UNION { ?a schema:containedInPlace ?b } UNION { ?a kgo:coreAreaOf ?b }
        UNION { ?a kgo:locatedIn ?b } UNION { ?a kgo:governs ?b } }""",
}


def _add_node(g: nx.MultiGraph, node: str, **attrs: Any) -> None:
    if node not in g:
        g.add_node(node, **attrs)
    else:
        for k, v in attrs.items():
            g.nodes[node].setdefault(k, v)


def project(graph: Graph, timeout: float | None = None) -> nx.MultiGraph:
    """The MultiGraph of `graph` (see the module docstring)."""
    g = nx.MultiGraph()
    for row in run_query(graph, _LABELS, timeout=timeout).dicts():
        node = str(row["node"])
        kind = str(row["type"]).rsplit("#", 1)[-1]
        lang = getattr(row["label"], "language", None) or ""
        _add_node(g, node, kind=kind, labels={})
        g.nodes[node]["labels"][lang] = str(row["label"])
    for node, data in g.nodes(data=True):
        data["label"] = data["labels"].get("en") or next(iter(sorted(data["labels"].items())), ("", node))[1]
    for row in run_query(graph, _EVENTS, timeout=timeout).dicts():
        node = str(row["node"])
        kind = str(row["type"]).rsplit("#", 1)[-1]
        date = str(row["date"]) if row.get("date") is not None else ""
        place = g.nodes[str(row["place"])]["label"] if row.get("place") is not None and str(row["place"]) in g else ""
        label = " ".join(x for x in (kind, date, place and f"in {place}") if x)
        _add_node(g, node, kind=kind, labels={"en": label}, label=label, date=date)
    for relation, text in EDGE_QUERIES.items():
        for row in run_query(graph, text, timeout=timeout).dicts():
            if row.get("first") is not None:
                date, doc, quote = str(row["first"]).split("\x1f", 2)
                row.update(date=None if date == "~" else date, doc=doc, quote=quote)
            a, b = str(row["a"]), str(row["b"])
            for n in (a, b):
                if n not in g:
                    kind = "Agreement" if "/agreement/" in n else "Entity"
                    _add_node(g, n, kind=kind, labels={"en": kind}, label=kind)
            g.add_edge(a, b, key=f"{relation}|{row.get('fact') or ''}|{row.get('detail') or ''}",
                       relation=relation, detail=str(row.get("detail") or ""),
                       date=str(row["date"]) if row.get("date") is not None else "",
                       quote=str(row.get("quote") or ""), doc=str(row.get("doc") or ""),
                       fact=str(row.get("fact") or ""), head=a)
    return g


def node_iri(node: str) -> URIRef:
    return URIRef(node)

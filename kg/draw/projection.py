"""Projecting the RDF graph onto a networkx MultiGraph of actors, events, places and strategies.

Nodes are IRIs (as strings) with `label` (English, else any), `labels` (per language) and `kind`
(the ontology class's local name); events and agreements are labelled from what the graph states
of them (kind, date and place; parties, amount, projects and date). The graph's attributes hold the
documents' languages and publishers (`documents`), their titles, publishers and dates (`doc_info`)
and every entity a document mentions (`mentioned`). Each edge is one relationship with its evidence:
`relation` (took part in, holds a post in, part of, party to, promotes, ...), `detail` (role,
title), `date`, `quote` and `doc`. Parallel relationships stay separate edges.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import networkx as nx
from rdflib import Graph, URIRef

from kg.ask.query import run_query
from kg.model.ns import DCTERMS, KGO, RDF, RDFS, SCHEMA, SKOS, resource_base
from kg.model.vocabulary import MapEdge, class_group, event_types, map_edges, term_label

__all__ = ["NAMED_GROUPS", "edge_queries", "predicates", "project", "projection_graph", "projection_lines"]

#: the groups of classes whose nodes are named by skos:prefLabel: the actors, places and strategies
NAMED_GROUPS = ("Person", "Organization", "Place", "Strategy")


def _types(names: Iterable[str]) -> str:
    return ", ".join(f"kgo:{name}" for name in names)


@lru_cache(maxsize=1)
def _labels_query() -> str:
    return """
SELECT ?node ?label ?type WHERE {
  ?node skos:prefLabel ?label ; a ?type .
  FILTER(?type IN (%s))
}""" % _types(kind for group in NAMED_GROUPS for kind in class_group(group))


@lru_cache(maxsize=1)
def _events_query() -> str:
    return """
SELECT ?node ?type ?date ?place WHERE {
  ?node a ?type . FILTER(?type IN (%s))
  OPTIONAL { ?node schema:startDate ?date } OPTIONAL { ?node schema:location ?place }
}""" % _types(event_types())


_AGREEMENTS = """
SELECT ?node ?date ?amount ?projects WHERE {
  ?node a kgo:Agreement .
  OPTIONAL { ?node schema:startDate ?date } OPTIONAL { ?node kgo:amountText ?amount }
  OPTIONAL { ?node kgo:projectCount ?projects }
}"""
#: every document with its language, publisher, title and date: corroboration's table and the evidence lines
_DOCUMENTS = """
SELECT ?doc ?lang ?title ?source ?date WHERE {
  ?doc a kgo:Document .
  OPTIONAL { ?doc schema:inLanguage ?lang } OPTIONAL { ?doc kgo:sourceName ?source }
  OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc schema:datePublished ?date }
}"""
_MENTIONED = """SELECT DISTINCT ?node WHERE { ?doc a kgo:Document ; schema:mentions ?node }"""

#: one statement of a fact, as a sortable key: date (or "~"), document and quote joined by U+001F
_FIRST = """OPTIONAL { ?doc schema:datePublished ?published }
        BIND(CONCAT(COALESCE(STR(?published), "~"), "\u001f", STR(?doc), "\u001f", STR(?quote)) AS ?key)"""


def _edge_query(edge: MapEdge) -> str:
    """The query of one kind of map edge (`kg.model.vocabulary.MapEdge`), giving ?a (source) ?b (target)
    ?detail ?date ?fact and, for a fact with evidence, ?first, the earliest statement of the fact (its
    document's date, the document and the quote, joined by U+001F: a fact stated in several sentences or
    articles is one edge, and which statement it shows does not depend on the engine) and ?docs."""
    if not edge.stated:
        union = " UNION ".join(f"{{ ?a <{p}> ?b }}" for p in edge.properties)
        return f"SELECT ?a ?b ?detail ?date ?quote ?doc ?fact WHERE {{\n        {union} }}"
    fact = "?b" if not edge.target else "?a" if not edge.source else "?fact"
    dated = {"source": "?a", "target": "?b"}.get(edge.date)
    keys = "?a ?b ?detail" + (" ?date" if dated else "") + " ?fact"
    links = "".join(f" <{p}> {v} ;" for p, v in ((edge.source, "?a"), (edge.target, "?b"), (edge.detail, "?r")) if p)
    evidence = f" <{edge.evidence_via}> ?via . ?via kgo:evidence ?ev ." if edge.evidence_via else " kgo:evidence ?ev ."
    detail = '\n        ?r rdfs:label ?detail . FILTER(lang(?detail) = "en")' if edge.detail else ""
    tail = (f"OPTIONAL {{ {dated} schema:startDate ?date }} " if dated else "") \
        + (f"BIND({fact} AS ?fact) " if fact != "?fact" else "") + ('BIND("" AS ?detail) ' if not edge.detail else "")
    return f"""SELECT {keys} (MIN(?key) AS ?first)
        (GROUP_CONCAT(DISTINCT STR(?doc); separator=" ") AS ?docs) WHERE {{
        {fact} a <{edge.fact}> ;{links}{evidence}{detail}
        ?ev kgo:quote ?quote ; kgo:inDocument ?doc
        {tail}""" + _FIRST + f"""
        }} GROUP BY {keys}"""


@lru_cache(maxsize=1)
def edge_queries() -> dict[str, str]:
    """Relation name (the map edge's English label) -> its query (`_edge_query`), in the ontology's order."""
    return {edge.name: _edge_query(edge) for edge in map_edges()}


@lru_cache(maxsize=1)
def predicates() -> frozenset[str]:
    """Every predicate the projection's queries read: the projection of a graph is the projection of just
    these statements (checked by the tests), about a quarter of a build's statements."""
    fixed = (RDF.type, SKOS.prefLabel, RDFS.label, SCHEMA.startDate, SCHEMA.location, SCHEMA.datePublished,
             SCHEMA.inLanguage, KGO.sourceName, DCTERMS.title, SCHEMA.mentions, KGO.amountText, KGO.projectCount,
             KGO.evidence, KGO.quote, KGO.inDocument)
    return frozenset([str(p) for p in fixed] + [p for edge in map_edges() for p in (
        edge.source, edge.target, edge.detail, edge.evidence_via, *edge.properties) if p])


_MENTION = resource_base("mention")  # mentions (most statements) are not projected


def projection_lines(nquads: Iterable[str]) -> Iterator[str]:
    """The N-Quads lines the projection reads, as N-Triples lines (graph dropped)."""
    wanted = predicates()
    for line in nquads:
        s, p, rest = line.split(" ", 2)
        if p[1:-1] in wanted and not s.startswith(_MENTION, 1):
            yield f"{s} {p} {rest[:rest.rindex(' <')]} .\n"


def projection_graph(nquads: Path, store_dir: Path, chunk: int = 250_000) -> Graph:
    """An Oxigraph store at `store_dir` (new, on disk) holding the union of the statements of the
    build `nquads` that the projection reads, as an rdflib Graph for `project`. Loading a quarter
    of the statements, once, is what makes the maps of a large build affordable; they are bulk-loaded
    `chunk` statements at a time, as the bulk loader's memory grows with what it is given."""
    import pyoxigraph as ox
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from kg.ask.oxigraph import KgOxigraphStore

    store = ox.Store(str(store_dir))
    part = store_dir.with_suffix(".nt")

    def load(lines: list[str]) -> None:
        part.write_text("".join(lines), encoding="utf-8")
        store.bulk_load(path=str(part), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())

    batch: list[str] = []
    with open(nquads, encoding="utf-8") as src:
        for line in projection_lines(src):
            batch.append(line)
            if len(batch) >= chunk:
                load(batch)
                batch = []
    load(batch)
    part.unlink()
    return Graph(store=KgOxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)


def _add_node(g: nx.MultiGraph, node: str, **attrs: Any) -> None:
    if node not in g:
        g.add_node(node, **attrs)
    else:
        for k, v in attrs.items():
            g.nodes[node].setdefault(k, v)


def project(graph: Graph, timeout: float | None = None) -> nx.MultiGraph:
    """The MultiGraph of `graph` (see the module docstring)."""
    g = nx.MultiGraph()
    for row in run_query(graph, _labels_query(), timeout=timeout, isolated=False).dicts():
        node = str(row["node"])
        kind = str(row["type"]).rsplit("#", 1)[-1]
        lang = getattr(row["label"], "language", None) or ""
        _add_node(g, node, kind=kind, labels={})
        g.nodes[node]["labels"][lang] = str(row["label"])
    for node, data in g.nodes(data=True):
        data["label"] = data["labels"].get("en") or next(iter(sorted(data["labels"].items())), ("", node))[1]
    for row in run_query(graph, _events_query(), timeout=timeout, isolated=False).dicts():
        node = str(row["node"])
        kind = str(row["type"]).rsplit("#", 1)[-1]
        date = str(row["date"]) if row.get("date") is not None else ""
        place = g.nodes[str(row["place"])]["labels"] if row.get("place") is not None and str(row["place"]) in g else {}
        labels = _event_labels(str(row["type"]), date, place)
        _add_node(g, node, kind=kind, labels=labels, label=labels["en"], date=date)
    agreements = {str(row["node"]): row for row in run_query(graph, _AGREEMENTS, timeout=timeout, isolated=False).dicts()}
    for node, row in agreements.items():
        _add_node(g, node, kind="Agreement", labels={}, label="",
                  date=str(row["date"]) if row.get("date") is not None else "")
    table, info = g.graph.setdefault("documents", {}), g.graph.setdefault("doc_info", {})
    for row in run_query(graph, _DOCUMENTS, timeout=timeout, isolated=False).dicts():
        table[str(row["doc"])] = (str(row.get("lang") or ""), str(row.get("source") or ""))
        info[str(row["doc"])] = {k: str(row.get(k) or "") for k in ("title", "source", "date")}
    g.graph["mentioned"] = {str(row["node"]) for row in run_query(graph, _MENTIONED, timeout=timeout,
                                                                       isolated=False).dicts()}
    for relation, text in edge_queries().items():
        for row in run_query(graph, text, timeout=timeout, isolated=False).dicts():
            if row.get("first") is not None:
                published, doc, quote = str(row["first"]).split("\x1f", 2)
                texts = cast("dict[str, Any]", row)  # the row gains text fields
                texts.update(doc=doc, quote=quote)
                if "date" not in row or row["date"] is None:  # the fact's own date, else its document's
                    texts["date"] = None if published == "~" else published
            a, b = str(row["a"]), str(row["b"])
            for n in (a, b):
                if n not in g:
                    kind = "Agreement" if "/agreement/" in n else "Entity"
                    _add_node(g, n, kind=kind, labels={"en": kind}, label=kind)
            g.add_edge(a, b, key=f"{relation}|{row.get('fact') or ''}|{row.get('detail') or ''}",
                       relation=relation, detail=str(row.get("detail") or ""),
                       date=str(row["date"]) if row.get("date") is not None else "",
                       quote=str(row.get("quote") or ""), doc=str(row.get("doc") or ""),
                       fact=str(row.get("fact") or ""), head=a,
                       docs=tuple(sorted(set(str(row.get("docs") or row.get("doc") or "").split()))))
    for node, row in agreements.items():
        labels = _agreement_labels(g, node, row)
        g.nodes[node].update(labels=labels, label=labels["en"])
    return g


def _event_labels(kind: str, date: str, place: dict[str, str]) -> dict[str, str]:
    """An event's label in each language: its kind (the class IRI's label), date and place
    ("Conference 2021-10-19 in Changchun")."""
    from kg.draw.maptext import phrase
    from kg.model.ontology import LANGS

    out = {}
    for lang in LANGS:
        where = place.get(lang) or place.get("en") or ""
        key = "event" if where else "event-no-place"
        out[lang] = " ".join(phrase(lang, key, kind=term_label(kind, lang), date=date, place=where).split())
    return out


def _agreement_labels(g: nx.MultiGraph, node: str, row: dict) -> dict[str, str]:
    """An agreement's label in each language: its parties, amount, number of projects and date, as far as
    the graph states them ("Agreement: FAW Group, Changchun · RMB21 billion · 18 projects · 2021-10-19")."""
    from kg.draw.maptext import phrase
    from kg.model.ontology import LANGS

    parties = sorted({a for a, b, d in g.edges(node, data=True) if d["relation"] == "party to"
                      for a in ({a, b} - {node})})
    out = {}
    for lang in LANGS:
        names = phrase(lang, "list-separator").join(
            g.nodes[p]["labels"].get(lang) or g.nodes[p].get("label", p) for p in parties)
        parts = [phrase(lang, "agreement-parties", parties=names) if names else phrase(lang, "agreement")]
        if row.get("amount") is not None:
            parts.append(str(row["amount"]))
        if row.get("projects") is not None:
            parts.append(phrase(lang, "projects", n=row["projects"]))
        if row.get("date") is not None:
            parts.append(str(row["date"]))
        out[lang] = " · ".join(parts)
    return out


def node_iri(node: str) -> URIRef:
    return URIRef(node)

"""Exports for other tools: GEXF and GraphML (Gephi), CSV nodes/edges (Kumu, spreadsheets),
JSON-LD with a context, and N-Quads with one named graph per document. Node ids are the graph's IRIs
in every format; files are written atomically and in a stable order. Text from articles is made safe
for the reader (kg.safetext): no CSV cell a spreadsheet would run as a formula, no character XML forbids
in GEXF or GraphML."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.ns import PREFIXES
from kg.output import atomic_write, nquads_bytes
from kg.corroboration import corroboration
from kg.projection import project
from kg.safetext import csv_cell, xml_text

__all__ = ["export", "flat_graph"]

_NODE_FIELDS = ("id", "label", "kind", "label_en", "label_zh", "label_ru", "date")
_EDGE_FIELDS = ("source", "target", "relation", "detail", "date", "quote", "doc", "fact", "documents", "sources",
                "languages")


def flat_graph(g: nx.MultiGraph) -> nx.MultiDiGraph:
    """Scalar attributes only (what GEXF and GraphML hold): labels per language as label_xx, dates
    as start/end so Gephi's timeline works (an event is an instant, a dated edge too)."""
    out = nx.MultiDiGraph()
    for n in sorted(g.nodes):
        d = g.nodes[n]
        attrs = {"label": d.get("label", n), "kind": d.get("kind", "")}
        for lang in ("en", "zh", "ru"):
            attrs[f"label_{lang}"] = d.get("labels", {}).get(lang, "")
        if d.get("date"):
            attrs["start"] = attrs["end"] = d["date"]
        out.add_node(n, **attrs)
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for i, (a, b, _, d) in enumerate(edges):
        head, tail = (a, b) if d.get("head", a) == a else (b, a)
        attrs = {k: str(d.get(k, "")) for k in ("relation", "detail", "quote", "doc", "fact")}
        attrs["label"] = d.get("relation", "")
        if d.get("docs"):
            c = corroboration(d["docs"], g.graph.get("documents", {}))
            attrs.update(documents=c.documents, sources=c.sources, languages=c.languages)
        if d.get("date"):
            attrs["start"] = attrs["end"] = d["date"]
        out.add_edge(head, tail, key=f"e{i}", id=f"e{i}", **attrs)
    return out


def _csv(rows, fields) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return buf.getvalue().encode("utf-8")


def _xml_safe(flat: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """`flat` with every string (ids, attributes) stripped of the characters XML forbids."""
    clean = lambda v: xml_text(v) if isinstance(v, str) else v  # noqa: E731
    out = nx.MultiDiGraph()
    out.add_nodes_from((clean(n), {k: clean(v) for k, v in d.items()}) for n, d in flat.nodes(data=True))
    out.add_edges_from((clean(a), clean(b), k, {x: clean(y) for x, y in d.items()})
                       for a, b, k, d in flat.edges(keys=True, data=True))
    return out


def export(graph: Graph, fmt: str, output: Path, dataset_path: Path | None = None) -> list[Path]:
    """Write `graph` as `fmt` to `output`; return the files written."""
    if fmt == "jsonld":
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        data = graph.serialize(format="json-ld", context=context, sort_keys=True, indent=1)
        return [atomic_write(output, data.encode("utf-8"))]
    if fmt == "nquads":
        if dataset_path is not None and dataset_path.exists():
            return [atomic_write(output, dataset_path.read_bytes())]
        from rdflib import Dataset

        ds = Dataset()
        for triple in graph:
            ds.add(triple)
        return [atomic_write(output, nquads_bytes(ds))]
    flat = flat_graph(project(graph))
    if fmt in ("gexf", "graphml"):
        flat = _xml_safe(flat)
        buf = io.BytesIO()
        if fmt == "gexf":
            nx.write_gexf(flat, buf, version="1.2draft")
        else:
            plain = nx.MultiDiGraph()
            plain.add_nodes_from(flat.nodes(data=True))
            plain.add_edges_from((a, b, k, {x: y for x, y in d.items() if x != "id"})
                                 for a, b, k, d in flat.edges(keys=True, data=True))
            nx.write_graphml(plain, buf, encoding="utf-8")
        data = buf.getvalue()
        if fmt == "gexf":  # no build-day stamp: the same graph gives the same bytes
            import re

            data = re.sub(rb' lastmodifieddate="[^"]*"', b"", data, count=1)
        return [atomic_write(output, data)]
    if fmt == "csv":
        nodes = [{"id": n, **{k: d.get(k, "") for k in _NODE_FIELDS[1:6]}, "date": d.get("start", "")}
                 for n, d in flat.nodes(data=True)]
        edges = [{"source": a, "target": b, **d, "date": d.get("start", "")} for a, b, d in flat.edges(data=True)]
        return [atomic_write(output / "nodes.csv", _csv(nodes, _NODE_FIELDS)),
                atomic_write(output / "edges.csv", _csv(edges, _EDGE_FIELDS))]
    raise ValueError(f"unknown export format {fmt!r}")

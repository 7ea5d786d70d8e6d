"""Exports for other tools: GEXF and GraphML (Gephi, with the maps' colours), CSV nodes/edges
(spreadsheets), Kumu's elements/connections CSV (with a byte order mark for Excel), JSON-LD with a
context, and N-Quads with one named graph per document; GEXF, GraphML, CSV and Kumu also as the
person-to-person who-met network (`view="who-met"`). Node ids are the graph's IRIs
in every format; files are written atomically and in a stable order. Text from articles is made safe
for the reader (kg.text.safetext): no CSV cell a spreadsheet would run as a formula, no character XML forbids
in GEXF or GraphML."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.draw.projection import project
from kg.model.corroboration import corroboration
from kg.model.ns import PREFIXES, term
from kg.model.ontology import LANGS
from kg.model.vocabulary import term_label
from kg.output import atomic_write, nquads_bytes
from kg.text.safetext import csv_cell, xml_text

__all__ = ["export", "flat_graph", "who_met_flat"]

_NODE_FIELDS = ("id", "label", "kind", "label_en", "label_zh", "label_ru", "date")
_EDGE_FIELDS = ("source", "target", "relation", "detail", "date", "quote", "doc", "fact", "documents", "sources",
                "languages", "weight", "events", "inferred")
#: Kumu's columns: elements by Label and Type (ID for the IRI), connections From and To (element IDs) and Type
_KUMU_ELEMENTS = ("ID", "Label", "Type", "Label (zh)", "Label (ru)", "Date")
_KUMU_CONNECTIONS = ("From", "To", "Type", "Detail", "Date", "Weight", "Documents", "Sources", "Languages", "Inferred",
                     "Quote", "Document")


def flat_graph(g: nx.MultiGraph) -> nx.MultiDiGraph:
    """Scalar attributes only (what GEXF and GraphML hold): labels per language as label_xx, dates
    as start/end so Gephi's timeline works (an event is an instant, a dated edge too)."""
    out = nx.MultiDiGraph()
    for n in sorted(g.nodes):
        d = g.nodes[n]
        attrs = {"label": d.get("label", n), "kind": d.get("kind", "")}
        for lang in LANGS:
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


def _csv(rows, fields, bom: bool = False) -> bytes:
    """CSV of `rows`; with `bom`, a UTF-8 byte order mark first, so Excel reads Chinese and Russian."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return buf.getvalue().encode("utf-8-sig" if bom else "utf-8")


def _xml_safe(flat: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """`flat` with every string (ids, attributes) stripped of the characters XML forbids."""
    clean = lambda v: xml_text(v) if isinstance(v, str) else v  # noqa: E731
    out = nx.MultiDiGraph()
    out.add_nodes_from((clean(n), {k: clean(v) for k, v in d.items()}) for n, d in flat.nodes(data=True))
    out.add_edges_from((clean(a), clean(b), k, {x: clean(y) for x, y in d.items()})
                       for a, b, k, d in flat.edges(keys=True, data=True))
    return out


def who_met_flat(g: nx.MultiGraph) -> nx.MultiDiGraph:
    """The person-to-person network (the who-met map's view) with scalar attributes: one edge per pair,
    weighted by the publishers reporting it, with shared events, documents, languages, the first and
    last date, and whether the pair is known only by inference."""
    from kg.draw.maps import who_met_view

    view = who_met_view(g).graph
    out = nx.MultiDiGraph()
    for n in sorted(view.nodes):
        d = view.nodes[n]
        out.add_node(n, label=d.get("label", n), kind=d.get("kind", ""),
                     **{f"label_{lang}": d.get("labels", {}).get(lang, "") for lang in LANGS})
    for i, (a, b) in enumerate(sorted(tuple(sorted(e)) for e in view.edges)):
        d = view.edges[a, b]
        dates = sorted(r["date"] for r in d.get("evidence", []) if r.get("date"))
        first: dict[str, Any] = min(d.get("evidence", []), key=lambda r: (r.get("date") or "~", r.get("quote", "")), default={})
        attrs = {"relation": "met", "label": "met", "weight": d.get("weight", 1), "events": d.get("events", 0),
                 "documents": d.get("documents", 0), "sources": d.get("sources", 0),
                 "languages": d.get("languages", ""), "inferred": bool(d.get("inferred")),
                 "quote": first.get("quote", ""), "doc": first.get("doc", ""), "detail": first.get("detail", "")}
        if dates:
            attrs["start"], attrs["end"] = dates[0], dates[-1]
        out.add_edge(a, b, key=f"e{i}", id=f"e{i}", **attrs)
    return out


def _viz(flat: nx.MultiDiGraph) -> None:
    """GEXF `viz` colours (the maps' colour of each kind) and sizes (by degree), as Gephi reads them."""
    from kg.draw.mapstyle import style_of

    for n, d in flat.nodes(data=True):
        colour = style_of(str(d.get("kind"))).colour.lstrip("#")
        d["viz"] = {"color": {"r": int(colour[0:2], 16), "g": int(colour[2:4], 16), "b": int(colour[4:6], 16),
                              "a": 1.0},
                    "size": round(5.0 + 2.0 * flat.degree(n) ** 0.5, 2)}


def _drop_networkx_key(data: bytes) -> bytes:
    """networkx writes a multigraph's edge keys as a `networkx_key` attribute: not ours, left out."""
    import re

    m = re.search(rb'<attribute id="(\d+)" title="networkx_key" type="string" />\s*', data)
    if m is None:
        return data
    data = data[:m.start()] + data[m.end():]
    return re.sub(rb'\s*<attvalue for="' + m.group(1) + rb'" value="[^"]*" />', b"", data)


def export(graph: Graph, fmt: str, output: Path, dataset_path: Path | None = None, view: str = "graph") -> list[Path]:
    """Write `graph` as `fmt` to `output`; return the files written. `view` "who-met" writes the
    person-to-person network instead of every relation (gexf, graphml, csv, kumu)."""
    if fmt == "jsonld":
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        text = graph.serialize(format="json-ld", context=context, sort_keys=True, indent=1)
        return [atomic_write(output, text.encode("utf-8"))]
    if fmt == "nquads":
        if dataset_path is not None and dataset_path.exists():
            return [atomic_write(output, dataset_path.read_bytes())]
        from rdflib import Dataset

        ds = Dataset()
        for triple in graph:
            ds.add(triple)
        return [atomic_write(output, nquads_bytes(ds))]
    flat = who_met_flat(project(graph)) if view == "who-met" else flat_graph(project(graph))
    if fmt in ("gexf", "graphml"):
        flat = _xml_safe(flat)
        buf = io.BytesIO()
        if fmt == "gexf":
            _viz(flat)
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

            data = _drop_networkx_key(re.sub(rb' lastmodifieddate="[^"]*"', b"", data, count=1))
        return [atomic_write(output, data)]
    if fmt == "csv":
        nodes = [{"id": n, **{k: d.get(k, "") for k in _NODE_FIELDS[1:6]}, "date": d.get("start", "")}
                 for n, d in flat.nodes(data=True)]
        edges = [{"source": a, "target": b, **d, "date": d.get("start", "")} for a, b, d in flat.edges(data=True)]
        return [atomic_write(output / "nodes.csv", _csv(nodes, _NODE_FIELDS)),
                atomic_write(output / "edges.csv", _csv(edges, _EDGE_FIELDS))]
    if fmt == "kumu":
        elements = [{"ID": n, "Label": d.get("label", n), "Type": term_label(term(d["kind"])) if d.get("kind") else "",
                     "Label (zh)": d.get("label_zh", ""),
                     "Label (ru)": d.get("label_ru", ""), "Date": d.get("start", "")} for n, d in flat.nodes(data=True)]
        connections = [{"From": a, "To": b, "Type": d.get("relation", ""), "Detail": d.get("detail", ""),
                        "Date": d.get("start", ""), "Weight": d.get("weight", ""), "Documents": d.get("documents", ""),
                        "Sources": d.get("sources", ""), "Languages": d.get("languages", ""),
                        "Inferred": d.get("inferred", ""), "Quote": d.get("quote", ""), "Document": d.get("doc", "")}
                       for a, b, d in flat.edges(data=True)]
        return [atomic_write(output / "elements.csv", _csv(elements, _KUMU_ELEMENTS, bom=True)),
                atomic_write(output / "connections.csv", _csv(connections, _KUMU_CONNECTIONS, bom=True))]
    raise ValueError(f"unknown export format {fmt!r}")

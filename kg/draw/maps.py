"""Interactive network maps: self-contained HTML pages drawn with vis-network (the library pyvis
ships), safe against text from articles, and fast on large graphs.

Views of the projected graph (`kg.draw.projection.project`): the whole graph, who met whom (people, an
edge per pair weighted by the publishers reporting it), the ego network of one actor, the hierarchy of
organizations and places with posts, and the strategy map. The page embeds vis-network, its CSS
and the data (JSON in a non-executable script block, `<` escaped), with a Content-Security-Policy
that allows only the page's own scripts by hash: nothing is loaded from the network and no text
from an article can run as script. Past `LAYOUT_THRESHOLD` nodes the layout is computed here
and physics is off.
"""

from __future__ import annotations

import html
import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

from kg.draw.mapstyle import style_of
from kg.draw.page import csp_hash, markup, safe_json
from kg.model.corroboration import corroboration
from kg.model.ontology import LANGS

__all__ = [
    "LAYOUT_THRESHOLD",
    "MAX_NODES",
    "VIEWS",
    "MapView",
    "ego_view",
    "hierarchy_view",
    "limited",
    "render_map",
    "standard_maps",
    "strategy_view",
    "who_met_view",
    "whole_view",
    "write_map",
]

LAYOUT_THRESHOLD = 300
#: the most nodes a map of the build shows (bench/maps.py: 20,000 nodes are 20 MB and draw in about 3 s;
#: past that a browser struggles and nobody can read the picture)
MAX_NODES = 20_000
TEMPLATES = Path(__file__).resolve().parent / "templates"
VIEWS = ("whole", "who-met", "ego", "hierarchy", "strategy")
#: the page's scripts, run in this order: the map, then its label placement and its export buttons
SCRIPTS = ("map.js", "map-labels.js", "map-export.js")


@dataclass
class MapView:
    """A graph to draw, with its title (English, and per language in `titles`). Edges carry `evidence`:
    a list of relationship records."""

    title: str
    graph: nx.Graph
    focus: str | None = None  # the ego of an ego map: drawn larger, with a thick border, and selected first
    titles: dict[str, str] = field(default_factory=dict)


def _titles(key: str, **values: object) -> dict[str, str]:
    from kg.draw.maptext import phrase
    from kg.model.ontology import LANGS

    return {lang: phrase(lang, key, **{k: (v[lang] if isinstance(v, dict) else v) for k, v in values.items()})
            for lang in LANGS}


def _view(key: str, graph: nx.Graph, focus: str | None = None, **values: object) -> MapView:
    titles = _titles(key, **values)
    return MapView(titles["en"], graph, focus, titles)


def _family(d: dict) -> str:
    """The family of a node's kind (`kg.model.vocabulary.family`): Event, Organization, Place, Person, ..."""
    from kg.model.vocabulary import family

    return family(str(d.get("kind", "")))


def _evidence(d: dict) -> dict[str, str]:
    return {k: d.get(k, "") for k in ("relation", "detail", "date", "quote", "doc")}


def _drawn(view: str) -> frozenset[str]:
    """The relations `view` draws: the map edges the ontology declares for it (`kgo:mapView`)."""
    from kg.model.vocabulary import map_edges

    return frozenset(e.name for e in map_edges() if view in e.views)


def _stated() -> frozenset[str]:
    """The relations whose edges are facts stated by articles (not the reference tables' hierarchy)."""
    from kg.model.vocabulary import map_edges

    return frozenset(e.name for e in map_edges() if e.stated)


def _collapse(g: nx.MultiGraph, keep: Iterable[str], view: str) -> nx.Graph:
    """Keep `keep` nodes and the relations `view` draws; parallel relationships between two nodes become
    one edge with a list."""
    keep, drawn = set(keep), _drawn(view)
    out = nx.Graph(doc_info=g.graph.get("doc_info", {}))
    for n in sorted(keep):
        out.add_node(n, **g.nodes[n])
    for a, b, d in g.edges(data=True):
        if a in keep and b in keep and a != b and d["relation"] in drawn:
            if not out.has_edge(a, b):
                out.add_edge(a, b, evidence=[])
            out.edges[a, b]["evidence"].append(_evidence(d))
    return out


def whole_view(g: nx.MultiGraph) -> MapView:
    """What the documents mention (`mentioned`, else whatever takes part in a stated relationship) and
    every event and agreement, with the hierarchy above them (part of, core area of, located in,
    governs, followed upwards); reference entities no article touches are left out."""
    seen = set(g.graph.get("mentioned", ())) & set(g.nodes)
    stated = _stated()
    seen |= {n for a, b, d in g.edges(data=True) if d["relation"] in stated for n in (a, b)}
    seen |= {n for n, d in g.nodes(data=True) if _family(d) in ("Event", "Agreement")}
    above: dict[str, set[str]] = {}
    for a, b, d in g.edges(data=True):
        if d["relation"] not in stated:
            child = d.get("head", a)
            above.setdefault(child, set()).add(b if child == a else a)
    todo = list(seen)
    while todo:
        for parent in above.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return _view("title-whole", _collapse(g, seen, "whole"))


def _participants(g: nx.MultiGraph, event: str) -> list[tuple]:
    """(person, role, quote, doc, docs, inferred) of everyone taking part in `event` (through a relation the
    who-met view draws), sorted."""
    from kg.model.vocabulary import map_edges

    drawn, inferred = _drawn("who-met"), {e.name for e in map_edges() if e.inferred}
    return sorted({(p, e["detail"], e["quote"], e["doc"], tuple(e.get("docs", ())), e["relation"] in inferred)
                   for p in g.neighbors(event) for e in g.get_edge_data(event, p).values()
                   if g.nodes[p].get("kind") == "Person" and e["relation"] in drawn})


def who_met_view(g: nx.MultiGraph) -> MapView:
    """People only; an edge for each pair who took part in the same event, weighted by the distinct
    publishers reporting it (`kg.model.corroboration`), with the documents, languages and shared events.
    Each shared event is one evidence record with both participants' sentences (`sentences`)."""
    out = nx.Graph()
    people = sorted(n for n, d in g.nodes(data=True) if d.get("kind") == "Person")
    for n in people:
        out.add_node(n, **g.nodes[n])
    for event, d in sorted(g.nodes(data=True)):
        if _family(d) != "Event":
            continue
        parts = _participants(g, event)
        for i, (a, role_a, quote_a, doc_a, docs_a, inferred_a) in enumerate(parts):
            for b, role_b, quote_b, doc_b, docs_b, inferred_b in parts[i + 1:]:
                if a == b or (inferred_a and inferred_b):
                    continue
                if not out.has_edge(a, b):
                    out.add_edge(a, b, evidence=[], events=set(), docs=set(), stated=False)
                data = out.edges[a, b]
                if not (inferred_a or inferred_b):
                    data["stated"] = True
                    data["docs"].update(docs_a, docs_b)  # corroboration counts statements, not inferences
                if event not in data["events"]:
                    data["events"].add(event)
                    inferred = " (inferred: an unnamed office holder linked by tenure)" if inferred_a or inferred_b else ""
                    data["evidence"].append({
                        "relation": f"met at {d.get('label', 'an event')}{inferred}", "detail": f"{role_a} / {role_b}",
                        "date": d.get("date", ""), "quote": quote_b, "doc": doc_b, "event": event,
                        "eventLabels": d.get("labels", {}), "inferred": bool(inferred),
                        "sentences": [{"person": p, "role": r, "quote": q, "doc": doc, "inferred": inf}
                                      for p, r, q, doc, inf in ((a, role_a, quote_a, doc_a, inferred_a),
                                                                (b, role_b, quote_b, doc_b, inferred_b))]})
    table = g.graph.get("documents", {})
    for _, _, data in out.edges(data=True):
        c = corroboration(data.pop("docs"), table)
        data["events"] = len(data["events"])
        data["inferred"] = not data.pop("stated")  # only inferred meetings: drawn dashed
        data.update(weight=max(c.sources, 1), documents=c.documents, sources=c.sources, languages=c.languages)
    out.remove_nodes_from([n for n in list(out.nodes) if out.degree(n) == 0])
    out.graph["doc_info"] = g.graph.get("doc_info", {})
    return _view("title-who-met", out)


def ego_view(g: nx.MultiGraph, center: str, depth: int = 2) -> MapView:
    keep = nx.single_source_shortest_path_length(g, center, cutoff=depth)
    names = {lang: _label(g.nodes[center], lang) or center for lang in LANGS}
    return _view("title-ego", _collapse(g, keep, "ego"), focus=center, name=names, depth=depth)


def hierarchy_view(g: nx.MultiGraph) -> MapView:
    """Organizations and places with the relations the hierarchy view draws (part of, posts), and the
    people holding posts in them."""
    keep = {n for n, d in g.nodes(data=True) if _family(d) in ("Organization", "Place")}
    sub = nx.MultiGraph(**g.graph)
    sub.add_nodes_from((n, g.nodes[n]) for n in g.nodes)
    drawn = _drawn("hierarchy")
    for a, b, d in g.edges(data=True):
        if d["relation"] in drawn:
            sub.add_edge(a, b, **d)
            keep |= {a, b}
    keep = {n for n in keep if sub.degree(n) > 0}
    return _view("title-hierarchy", _collapse(sub, keep, "hierarchy"))


def strategy_view(g: nx.MultiGraph) -> MapView:
    """Actors and the strategies they take a stance on."""
    sub = nx.MultiGraph(**g.graph)
    sub.add_nodes_from((n, g.nodes[n]) for n in g.nodes)
    drawn = _drawn("strategy")
    for a, b, d in g.edges(data=True):
        if d["relation"] in drawn:
            sub.add_edge(a, b, **d)
    keep = {n for n in sub.nodes if sub.degree(n) > 0}
    return _view("title-strategy", _collapse(sub, keep, "strategy"))


def _label(d: dict, lang: str) -> str:
    labels = d.get("labels", {})
    return labels.get(lang) or labels.get("en") or next(iter(sorted(labels.values())), d.get("label", ""))


def _layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions for large graphs in O(N log N): each connected component is a sunflower (golden-angle
    spiral) with its best-connected nodes in the middle, components in rows, largest first."""
    out: dict[str, tuple[float, float]] = {}
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    cols = max(1, int(math.sqrt(len(comps))))
    x0 = y0 = 0.0
    row_h = 0.0
    for i, comp in enumerate(comps):
        r = 30 * math.sqrt(len(comp)) + 20
        for j, n in enumerate(sorted(comp, key=lambda n: -g.degree(n))):
            ring = math.sqrt(j / max(1, len(comp))) * r
            angle = j * 2.399963  # golden angle: a sunflower, dense in the middle
            out[n] = (x0 + r + ring * math.cos(angle), y0 + r + ring * math.sin(angle))
        x0 += 2 * r + 40
        row_h = max(row_h, 2 * r + 40)
        if (i + 1) % cols == 0:
            x0, y0, row_h = 0.0, y0 + row_h, 0.0
    return out


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, tuple[str, ...]]:
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    return js, css, tuple((TEMPLATES / name).read_text(encoding="utf-8") for name in SCRIPTS)


def _relation(r: dict, lang: str, names: dict[str, str]) -> dict:
    """An evidence record as the page shows it in `lang`: relationship, roles and the people named."""
    from kg.draw.maptext import phrase, relation, term

    detail = " / ".join(term(x, lang) for x in r["detail"].split(" / ")) if r.get("detail") else ""
    if r.get("event"):
        labels = r.get("eventLabels", {})
        shown = phrase(lang, "met-at", event=labels.get(lang) or labels.get("en") or r["event"])
        if r.get("inferred"):
            shown += f" ({phrase(lang, 'inferred')})"
    else:
        shown = relation(r["relation"], lang)
    out = {"relation": shown, "detail": detail, "date": r.get("date", ""), "quote": r.get("quote", ""),
           "doc": r.get("doc", "")}
    if r.get("sentences"):
        out["sentences"] = [{"person": names.get(x["person"], x["person"]), "role": term(x["role"], lang),
                             "quote": x["quote"], "doc": x["doc"]} for x in r["sentences"]]
    return out


def _tooltip(d: dict, ev: list[dict], lang: str) -> str:
    """An edge's hover text: its relationships, how it is reported and up to three quotes."""
    from kg.draw.maptext import phrase

    summary = "; ".join(sorted({r["relation"] + (f" ({r['detail']})" if r["detail"] else "") for r in ev}))
    reported = ((phrase(lang, "reported-by", sources=d["sources"], documents=d["documents"])
                 + (f" ({d['languages']})" if d.get("languages") else "")) if "sources" in d else "")
    title = "\n".join([summary] + ([reported] if reported else [])
                      + [f"{r['date']}: “{r['quote']}”" if r["date"] else f"“{r['quote']}”" for r in ev[:3] if r["quote"]])
    if d.get("inferred"):
        title = phrase(lang, "inferred") + "\n" + title
    return title[:2000]


def render_map(view: MapView, lang: str = "en", profiles: str | None = None,
               profiled: Collection[str] | None = None) -> str:
    """The HTML page of `view` in `lang`: labels, legend, titles, panel headings and relationship names
    (names falling back to English, then any language). Node `rank` orders the labels the page draws
    first (0 = most central). With `profiles` (the relative folder of the people's profile pages,
    kg.draw.profile_page), a person's panel links to `profiles/<node id>.html` (only the people of `profiled`,
    IRIs, when given: those the build drew a page for)."""
    from kg.draw.maptext import phrases

    g = view.graph
    big = g.number_of_nodes() > LAYOUT_THRESHOLD
    centrality = nx.degree_centrality(g) if g.number_of_nodes() > 1 else {n: 0.0 for n in g}
    ranks = {n: i for i, n in enumerate(sorted(g.nodes, key=lambda n: (-centrality.get(n, 0.0), n)))}
    pos = _layout(g) if big else {}
    nodes: list[dict[str, Any]] = []
    kinds: dict[str, int] = {}
    names = {n: _label(g.nodes[n], lang) for n in g.nodes}
    for n in sorted(g.nodes):
        d = g.nodes[n]
        style = style_of(str(d.get("kind", "")))
        kind_label = _kind_label(style, lang)
        kinds[style.kind] = kinds.get(style.kind, 0) + 1
        label = names[n]
        other = " / ".join(v for k, v in sorted(d.get("labels", {}).items()) if v != label)
        node = {"id": n, "label": label, "kind": style.kind, "kindLabel": kind_label, "color": style.colour,
                "shape": style.shape, "size": round(8 + 22 * centrality.get(n, 0.0), 2), "date": d.get("date", ""),
                "rank": ranks[n], "title": "\n".join(x for x in (label, other, kind_label, n) if x)}
        if big:
            node["x"], node["y"] = round(pos[n][0], 1), round(pos[n][1], 1)
        if profiles is not None and style.kind == "Person" and (profiled is None or n in profiled) \
                and (page := _profile_file(n)):
            node["profile"] = f"{profiles.rstrip('/')}/{page}" if profiles else page
        if n == view.focus:  # the ego: larger, a thick dark border, named in the heading
            node.update(size=max(node["size"], 32), borderWidth=5, color={"background": style.colour, "border": "#111111"},
                        ego=True)
        nodes.append(node)
    edges: list[dict[str, Any]] = []
    docs: set[str] = set()
    info = g.graph.get("doc_info", {})
    for i, (a, b) in enumerate(sorted(tuple(sorted(e)) for e in g.edges)):
        d = g.edges[a, b]
        ev = [_relation(r, lang, names) for r in
              sorted(d.get("evidence", []), key=lambda r: (r["date"], r["relation"], r["quote"]))]
        docs.update(r["doc"] for r in ev if r["doc"])
        docs.update(x["doc"] for r in ev for x in r.get("sentences", ()) if x["doc"])
        weight = d.get("weight", len(ev))
        dates = sorted({r["date"] for r in ev if r["date"]})
        edges.append({"id": f"e{i}", "from": a, "to": b, "title": _tooltip(d, ev, lang), "value": weight,
                      "dates": dates, "evidence": ev, "label": str(weight) if weight > 1 else "",
                      "dashes": bool(d.get("inferred"))})
    legend = [{"kind": k, "label": _kind_label(style_of(k), lang), "color": style_of(k).colour,
               "shape": style_of(k).shape, "count": c} for k, c in sorted(kinds.items())]
    options = {"physics": {"enabled": not big, "solver": "forceAtlas2Based",
                           "stabilization": {"enabled": True, "iterations": 200}},
               "edges": {"smooth": False, "color": {"inherit": False, "color": "#999999"}, "font": {"size": 10},
                         "scaling": {"min": 1, "max": 8}},
               "nodes": {"font": {"size": 14, "face": "system-ui, Noto Sans CJK SC, Noto Sans, sans-serif"}},
               "interaction": {"hover": True, "tooltipDelay": 150},
               "layout": {"randomSeed": 7, "improvedLayout": not big}}
    title = view.titles.get(lang) or view.title
    data = {"title": title, "nodes": nodes, "edges": edges, "legend": legend, "options": options,
            "focus": view.focus or "", "text": phrases(lang),
            "docs": {doc: info.get(doc, {}) for doc in sorted(docs)}}
    vis_js, vis_css, scripts = _assets()
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True)
    page = env.get_template("map.html").render(
        lang=html.escape(lang), title=title, t=phrases(lang),
        script_hashes=" ".join([csp_hash(vis_js)] + [csp_hash(js) for js in scripts]),
        data_json=markup(safe_json(data)), vis_js=markup(vis_js), vis_css=markup(vis_css),
        scripts=[markup(js) for js in scripts])
    return page


def _kind_label(style, lang: str) -> str:
    from kg.draw.mapstyle import FALLBACK
    from kg.draw.maptext import phrase

    return phrase(lang, "other") if style.kind == FALLBACK else style.label(lang)


def _profile_file(node: str) -> str | None:
    from kg.draw.profile_page import file_name
    from kg.model.iris import resource_key

    return file_name(resource_key(node))


def write_map(view: MapView, path: Path, lang: str = "en", profiles: str | None = None,
              profiled: Collection[str] | None = None) -> Path:
    from kg.output import atomic_write

    return atomic_write(path, render_map(view, lang, profiles, profiled).encode("utf-8"))


def limited(view: MapView, max_nodes: int = MAX_NODES) -> MapView:
    """`view`, or when it has more than `max_nodes` nodes, the `max_nodes` most connected (by number
    of relationships, ties by IRI) with the links among them, saying so in the title."""
    g = view.graph
    total = g.number_of_nodes()
    if total <= max_nodes:
        return view

    def weight(n: str) -> int:
        return sum(len(d.get("evidence", ())) or 1 for _, _, d in g.edges(n, data=True))

    keep = sorted(g.nodes, key=lambda n: (-weight(n), n))[:max_nodes]
    titles = view.titles or {"en": view.title}
    return _view("title-limited", g.subgraph(keep).copy(), focus=view.focus if view.focus in keep else None,
                 title={lang: titles.get(lang, view.title) for lang in LANGS},
                 shown=f"{max_nodes:,}", total=f"{total:,}")


def standard_maps(g: nx.MultiGraph, out_dir: Path, lang: str = "en", max_nodes: int = MAX_NODES,
                  profiles: str | None = None, profiled: Collection[str] | None = None) -> dict[str, Path]:
    """The maps the build writes: whole graph, who met whom, hierarchy and strategies, each of at most
    `max_nodes` nodes; person panels link to `profiles` (see render_map)."""
    views = {"whole": lambda: whole_view(g), "who-met": lambda: who_met_view(g), "hierarchy": lambda: hierarchy_view(g),
             "strategy": lambda: strategy_view(g)}
    return {name: write_map(limited(make(), max_nodes), out_dir / f"map-{name}.html", lang, profiles, profiled)
            for name, make in views.items()}

"""Maps: self-contained, safe with hostile text, drawn by a real browser with no network request."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.draw.maps import LAYOUT_THRESHOLD, MapView, render_map, who_met_view
from kg.draw.projection import project
from kg.rdf.build import union_graph
from tests.browser import CHROMIUM_FLAGS, chromium, playwright
from tests.helpers import DATA, SEEDS

HOSTILE = ("Mayor meets guests\nUpdated : 2023-05-12Source : CCFAO\n"
           "On May 10, Zhou Ming, Mayor of Changchun City, met with Chen Hao <img src=x onerror=\"window.__pwned=1\"> "
           "and </script><script>window.__pwned=2</script> in Changchun. Chen Hao href=\"javascript:alert(1)\" "
           "said {{7*7}} ${alert(3)} was fine.\n")


@pytest.fixture(scope="module")
def seed_graph(seed_build):
    return project(union_graph(seed_build.dataset))


def test_page_is_self_contained_and_deterministic(seed_graph):
    page = render_map(who_met_view(seed_graph))
    assert page == render_map(who_met_view(seed_graph))
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "cdn" not in " ".join(re.findall(r"<(?:script|link)[^>]*>", page)).lower()
    # the data block cannot be closed early by text from an article
    data = page.split('<script type="application/json" id="data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data


def test_who_met_view_weights_pairs_by_the_publishers_reporting_them(seed_graph, tmp_path):
    view = who_met_view(seed_graph)
    people = {d["label"]: n for n, d in view.graph.nodes(data=True)}
    edge = view.graph.edges[people["Wang Zilian"], people["Zhang Zhijun"]]
    assert edge["weight"] == edge["sources"] == 1 and edge["events"] == 1 and edge["evidence"][0]["quote"]
    assert "Xi Jinping" not in people  # only participants meet anyone; isolated names are left out
    # one meeting reported by two papers in two languages: one event, weight 2
    out = tmp_path / "out"
    corpus = DATA / "corroboration"
    assert CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--no-maps", "-q"]).exit_code == 0
    from rdflib import Graph

    view = who_met_view(project(Graph().parse(out / "graph.ttl")))
    (a, b, edge), = view.graph.edges(data=True)
    assert (edge["weight"], edge["documents"], edge["languages"], edge["events"]) == (2, 2, "en,zh", 1)


def test_big_maps_get_python_layout_and_no_physics():
    g = nx.gnm_random_graph(LAYOUT_THRESHOLD + 50, 800, seed=1)
    mg = nx.Graph()
    for n in g.nodes:
        mg.add_node(f"n{n}", kind="Person", labels={"en": f"P{n}"}, label=f"P{n}")
    for a, b in g.edges:
        mg.add_edge(f"n{a}", f"n{b}", evidence=[{"relation": "met", "detail": "", "date": "", "quote": "q", "doc": ""}])
    page = render_map(MapView("big", mg))
    assert '"physics":{"enabled":false' in page
    assert '"x":' in page


def _build(tmp_path: Path, text: str) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--no-validate"])
    assert result.exit_code == 0, result.output
    return out


def test_maps_draw_in_chromium_without_requests_or_injection(tmp_path, seed_build):
    exe = chromium()
    sync_playwright = playwright()
    out = _build(tmp_path, HOSTILE)
    seed_out = tmp_path / "seed-out"
    CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(seed_out),
                              "--no-validate"])
    pages = sorted((out / "maps").glob("*.html")) + sorted((seed_out / "maps").glob("*.html"))
    assert len(pages) == 8
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS[1:], timeout=60_000)
        try:
            for path in pages:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                requests, errors = [], []
                page.on("request", lambda r, requests=requests: requests.append(r.url))
                page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.goto(path.as_uri())
                page.wait_for_function("window.kgMap && window.kgMap.nodes.length >= 0")
                page.wait_for_timeout(300)
                assert errors == [], (path, errors)
                assert all(u.startswith(("file://", "data:")) for u in requests), requests
                assert page.evaluate("typeof window.__pwned") == "undefined"
                assert page.locator("canvas").count() == 1
                page.close()
            # the hostile sentence, shown in the side panel and the tooltip, is text
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto((out / "maps" / "map-who-met.html").as_uri())
            page.wait_for_function("window.kgMap")
            page.evaluate("kgMap.network.stopSimulation(); kgMap.network.fit()")
            point = page.evaluate("""() => {
                const e = kgMap.edges.get()[0]; const pos = kgMap.network.getPositions([e.from, e.to]);
                const mid = {x: (pos[e.from].x + pos[e.to].x) / 2, y: (pos[e.from].y + pos[e.to].y) / 2};
                const dom = kgMap.network.canvasToDOM(mid); const box = document.getElementById('map').getBoundingClientRect();
                return {x: dom.x + box.left, y: dom.y + box.top}; }""")
            page.mouse.click(point["x"], point["y"])
            page.wait_for_selector("#details blockquote")
            quote = page.locator("#details blockquote").first.text_content()
            assert '<img src=x onerror="window.__pwned=1">' in quote and "</script><script>" in quote
            assert page.locator("#details img, #details script").count() == 0
            # both participants' sentences, grouped by event, each with its article (not a document IRI)
            assert page.locator("#details .who").count() >= 1 and page.locator("#details .source").count() >= 1
            assert "Mayor meets guests" in page.locator("#details .source").first.text_content()
            page.mouse.move(point["x"] + 1, point["y"] + 1)
            tooltip = page.locator("div.vis-tooltip")
            tooltip.wait_for(state="visible", timeout=5_000)  # no tooltip is a failure, not a skipped check
            assert "<img src=x" in tooltip.text_content()
            assert page.locator("div.vis-tooltip img, div.vis-tooltip script").count() == 0
            # the exported SVG carries the text as text: no element from an article
            svg = page.evaluate("""() => { const doc = new DOMParser().parseFromString(kgMap.exportSvg(), 'image/svg+xml');
                return {bad: doc.querySelectorAll('script, img, foreignObject, parsererror').length,
                        texts: [...doc.querySelectorAll('text, title')].map(t => t.textContent)}; }""")
            assert svg["bad"] == 0 and svg["texts"]
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert errors == []
            page.close()
        finally:
            browser.close()


def _edges(g: nx.MultiGraph) -> set:
    return {(min(a, b), max(a, b), k, tuple(sorted(d.items()))) for a, b, k, d in g.edges(keys=True, data=True)}


def _nodes(g: nx.MultiGraph) -> dict:
    return {n: {k: v for k, v in d.items()} for n, d in g.nodes(data=True)}


def test_the_projection_reads_only_its_subset_of_the_statements(tmp_path, seed_build):
    from kg.draw.projection import projection_graph

    nq = tmp_path / "graph.nq"
    nq.write_bytes(seed_build.nquads)
    full = project(union_graph(seed_build.dataset))
    subset_graph = projection_graph(nq, tmp_path / "store")
    subset = project(subset_graph)
    assert len(subset_graph) < len(union_graph(seed_build.dataset)) / 2  # mentions and offsets left out
    assert _nodes(subset) == _nodes(full)
    assert _edges(subset) == _edges(full)
    # what the maps show beside nodes and edges: documents' titles and publishers, what each mentions
    assert subset.graph == full.graph and len(full.graph["doc_info"]) == 5 and full.graph["mentioned"]
    assert full.number_of_edges() > 50


def test_a_map_past_the_node_budget_keeps_the_most_connected_and_says_so():
    from kg.draw.maps import limited

    g = nx.Graph()
    g.add_edges_from([("hub", f"n{i}") for i in range(10)] + [("n1", "n2")])
    view = limited(MapView("People", g), max_nodes=3)
    assert sorted(view.graph.nodes) == ["hub", "n1", "n2"]
    assert sorted(map(sorted, view.graph.edges)) == [["hub", "n1"], ["hub", "n2"], ["n1", "n2"]]
    assert "3 most connected of 11 nodes" in view.title
    assert limited(MapView("People", g), max_nodes=11).graph is g


def test_kg_map_keeps_to_its_node_budget(tmp_path):
    from kg.draw.maps import MAX_NODES

    out = _build(tmp_path, "On May 10, Zhou Ming, Mayor of Changchun City, met with Chen Hao, Li Lei and Wang Fang "
                           "in Changchun.\n")
    run = lambda *args: CliRunner().invoke(main, ["map", "--graph", str(out / "graph.ttl"), *args])  # noqa: E731
    full = run("-o", str(tmp_path / "full.html"))
    small = run("--max-nodes", "2", "-o", str(tmp_path / "small.html"))
    assert full.exit_code == small.exit_code == 0, full.output + small.output
    assert int(re.search(r": (\d+) nodes", full.output).group(1)) > 2
    assert "the 2 most connected of" in small.output and ": 2 nodes," in small.output
    assert "most connected" in (tmp_path / "small.html").read_text(encoding="utf-8")
    default = next(p for p in main.commands["map"].params if p.name == "max_nodes").default
    assert default == MAX_NODES


def test_the_search_box_finds_a_person_by_any_name_and_an_ego_map_opens_on_its_ego(tmp_path):
    exe = chromium()
    sync_playwright = playwright()
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(out),
                                     "--no-validate"]).exit_code == 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS[1:], timeout=60_000)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto((out / "maps" / "map-who-met.html").as_uri())
            page.wait_for_function("window.kgMap")
            for query, label in (("张志军", "Zhang Zhijun"), ("цзылянь", "Wang Zilian"), ("haiying", "Wang Haiying")):
                page.fill("#search", query)
                page.press("#search", "Enter")
                page.wait_for_selector("#details h2")
                assert page.locator("#details h2").text_content().startswith(label)
                selected = page.evaluate("() => kgMap.network.getSelectedNodes()")
                assert len(selected) == 1 and selected[0].endswith(label.lower().replace(" ", "-"))
            page.fill("#search", "nobody-of-that-name")
            page.press("#search", "Enter")
            page.wait_for_timeout(200)
            assert "Nothing here" in page.locator("#notice").text_content()
            # an ego map opens on its ego, marked
            ego = tmp_path / "ego.html"
            run = CliRunner().invoke(main, ["map", "--graph", str(out / "graph.ttl"), "--ego", "Ван Цзылянь", "-o", str(ego)])
            assert run.exit_code == 0, run.output
            data = json.loads(ego.read_text(encoding="utf-8").split('id="data">', 1)[1].split("</script>", 1)[0])
            marked = [n for n in data["nodes"] if n.get("ego")]
            assert data["focus"].endswith("/wang-zilian") and [n["id"] for n in marked] == [data["focus"]]
            assert marked[0]["borderWidth"] == 5
            page.goto(ego.as_uri())
            page.wait_for_selector("#details h2")
            assert page.locator("#details h2").text_content().startswith("Wang Zilian")
            assert page.evaluate("() => kgMap.network.getSelectedNodes()") == [data["focus"]]
            assert errors == []
        finally:
            browser.close()

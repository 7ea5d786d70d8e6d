"""The map page's kinds, labels, filters, panels, languages and exports, on the seed articles, with the
page's own behaviour checked in headless Chromium."""

from __future__ import annotations

import itertools
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
import tomllib

from kg.draw.maps import render_map, who_met_view, whole_view
from kg.draw.mapstyle import SHAPES, kind_styles
from kg.draw.maptext import TEXT_FILE
from kg.draw.projection import project
from kg.model.ontology import LANGS, load_reference
from kg.rdf.build import union_graph
from tests.browser import CHROMIUM_FLAGS, chromium, playwright

#: kinds a reader must tell apart at a glance (issue 17): each pair differs in colour and in shape
CONFUSABLE = [("Conference", "DelegationVisit", "InspectionVisit", "SigningCeremony", "Meeting"),
              ("Country", "Province"), ("PrefectureCity", "CountyDistrict"), ("DevelopmentZone", "IndustrialPark"),
              ("Person", "Company", "Strategy", "Agreement", "GovernmentBody", "PartyCommittee")]


@pytest.fixture(scope="module")
def seed_graph(seed_build):
    return project(union_graph(seed_build.dataset))


def _data(page: str) -> dict:
    return json.loads(page.split('<script type="application/json" id="data">', 1)[1].split("</script>", 1)[0])


def _people(view) -> dict[str, str]:
    return {d["label"]: n for n, d in view.graph.nodes(data=True)}


def test_every_kind_has_its_own_colour_and_a_shape_apart_from_its_family_and_its_lookalikes(seed_graph):
    styles = kind_styles()
    assert len({s.colour for s in styles.values()}) == len(styles)
    for family in {s.family for s in styles.values()}:
        shapes = [s.shape for s in styles.values() if s.family == family]
        assert len(set(shapes)) == len(shapes), family
    for group in CONFUSABLE:
        for a, b in itertools.combinations(group, 2):
            assert styles[a].colour != styles[b].colour and styles[a].shape != styles[b].shape, (a, b)
    assert all(s.shape in SHAPES for s in styles.values())
    # every kind the seeds give is in the table, labelled in every language from the ontology
    kinds = {d["kind"] for _, d in seed_graph.nodes(data=True)}
    assert kinds <= set(styles), kinds - set(styles)
    assert all(set(styles[k].labels) == set(LANGS) for k in kinds)
    assert styles["SigningCeremony"].label("zh") == "签约仪式"


def test_the_page_text_has_every_phrase_in_every_language():
    table = tomllib.loads(TEXT_FILE.read_text(encoding="utf-8"))
    assert set(table) == set(LANGS)
    for lang in LANGS:
        assert set(table[lang]) == set(table["en"]), lang


def test_the_whole_map_is_what_the_documents_mention_and_the_hierarchy_above(seed_graph):
    view = whole_view(seed_graph)
    nodes = set(view.graph.nodes)
    mentioned = seed_graph.graph["mentioned"]
    counties = {e.id for e in load_reference() if e.cls == "CountyDistrict"}
    drawn = {n.rsplit("/", 1)[-1] for n, d in view.graph.nodes(data=True) if d["kind"] == "CountyDistrict"}
    assert len(counties) >= 50 and 0 < len(drawn) <= 5  # not the 60 counties of the reference table
    assert all(any(n.endswith("/" + c) for n in mentioned) for c in drawn)
    labels = {d["label"] for _, d in view.graph.nodes(data=True)}
    # Chaoyang District is mentioned; Changchun and Jilin Province above it are drawn with the part-of links
    assert {"Chaoyang District of Changchun", "Changchun", "Jilin Province"} <= labels
    assert "Nanguan District" not in labels and "Kuancheng District" not in labels
    # nothing is drawn that no document touches, except what lies above what they touch
    stated = {n for a, b, d in seed_graph.edges(data=True) if d["relation"] != "part of" for n in (a, b)}
    extra = nodes - mentioned - stated
    up = nx.DiGraph((d["head"], b if d["head"] == a else a) for a, b, d in seed_graph.edges(data=True)
                    if d["relation"] == "part of")
    above = set().union(*(nx.descendants(up, n) for n in (mentioned | stated) & set(up)))
    assert extra and extra <= above
    assert {"https://w3id.org/kg-jilin/id/place/china"} <= nodes  # the top of the hierarchy
    assert len(nodes) < seed_graph.number_of_nodes() / 2


def test_agreements_are_labelled_with_their_parties_amount_and_date(seed_graph):
    labels = [d["labels"] for _, d in seed_graph.nodes(data=True) if d["kind"] == "Agreement"]
    signed = next(x for x in labels if "442亿元" in x["en"])
    assert signed["en"].startswith("Agreement: ") and "Changchun International Automobile City" in signed["en"]
    assert "64 projects" in signed["en"] and "2023-01-05" in signed["en"]
    assert signed["zh"].startswith("协议：") and "长春国际汽车城" in signed["zh"]
    assert all(x["en"] != "Agreement" for x in labels)


def test_a_met_edge_gives_both_participants_sentences_for_each_event(seed_graph):
    view = who_met_view(seed_graph)
    people = _people(view)
    a, b = people["Wang Zilian"], people["Zhang Zhijun"]
    (record,) = view.graph.edges[a, b]["evidence"]
    assert [s["person"] for s in record["sentences"]] == sorted([a, b])
    assert all(s["quote"] and s["doc"] for s in record["sentences"])
    assert record["eventLabels"]["en"].startswith("Conference 2021-10-19")
    # the page groups them by event, with the people's names and the article's title and publisher
    data = _data(render_map(view))
    edge = next(e for e in data["edges"] if {e["from"], e["to"]} == {a, b})
    assert {s["person"] for s in edge["evidence"][0]["sentences"]} == {"Wang Zilian", "Zhang Zhijun"}
    doc = edge["evidence"][0]["sentences"][0]["doc"]
    assert data["docs"][doc] == {"title": "Conference for the Promotion of Sister Cities of Changchun Auto Clusters "
                                          "Held", "source": "CCFAO", "date": "2021-10-21"}


def test_lang_translates_titles_legend_event_types_relations_and_controls(seed_graph):
    for lang, title, kind, relation, control in (("zh", "谁与谁会面", "人物", "会面于 大会", "显示全部"),
                                                 ("ru", "Кто с кем встречался", "Персона", "встреча: Конференция",
                                                  "показать всё")):
        page = render_map(who_met_view(seed_graph), lang)
        data = _data(page)
        assert data["title"] == title and f"<title>{title}</title>" in page
        assert [x["label"] for x in data["legend"]] == [kind]
        assert any(r["relation"].startswith(relation) for e in data["edges"] for r in e["evidence"])
        assert control in page and "show all" not in page and "find a name" not in page
    whole = _data(render_map(whole_view(seed_graph), "zh"))
    assert whole["title"].startswith("全图")
    kinds = {x["label"] for x in whole["legend"]}
    assert {"签约仪式", "大会", "国家", "省", "开发区", "产业园区"} <= kinds
    labels = {n["label"] for n in whole["nodes"]}
    assert any(x.startswith("签约仪式 2023-01-05") for x in labels)
    assert any(r["relation"] == "推动" for e in whole["edges"] for r in e["evidence"])


# --- in Chromium ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pages(seed_graph, tmp_path_factory):
    folder = tmp_path_factory.mktemp("maps")
    out = {}
    for name, view in (("who-met", who_met_view(seed_graph)), ("whole", whole_view(seed_graph))):
        out[name] = folder / f"{name}.html"
        out[name].write_text(render_map(view), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def browser():
    exe = chromium()
    with playwright()() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS[1:], timeout=60_000)
        yield b
        b.close()


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(path.as_uri())
    _wait(page, "() => !!(window.kgMap && kgMap.labelsReady)", 30)
    page.wait_for_timeout(200)
    return page


def _wait(page, predicate: str, seconds: float) -> None:
    """Poll `predicate` (a function's text) until it is true: page.evaluate runs it through the debugger
    protocol, whereas wait_for_function now and then evaluated a string, which the page's CSP (no
    'unsafe-eval') refused."""
    import time

    deadline = time.monotonic() + seconds
    while not page.evaluate(predicate):
        assert time.monotonic() < deadline, f"not true within {seconds} s: {predicate}"
        page.wait_for_timeout(50)


LABEL_BOXES = """() => {
  const out = [];
  for (const n of kgMap.nodes.get()) {
    const node = kgMap.network.body.nodes[n.id];
    if (n.hidden || !node || !node.options.label) continue;  // what is drawn, whatever the page thinks
    const s = node.labelModule.size;  // the box vis-network drew the label in, canvas units
    out.push({id: n.id, x1: s.left, y1: s.top, x2: s.left + s.width, y2: s.top + s.height});
  }
  return out; }"""


def _overlapping(boxes: list[dict]) -> list:
    return [(a["id"], b["id"]) for a, b in itertools.combinations(boxes, 2)
            if a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]]


@pytest.mark.parametrize("name", ["who-met", "whole"])
def test_drawn_labels_do_not_overlap_at_the_first_zoom_and_zooming_in_labels_more(browser, pages, name):
    page = _open(browser, pages[name])
    boxes = page.evaluate(LABEL_BOXES)
    assert len(boxes) >= 5 and all(b["x2"] > b["x1"] and b["y2"] > b["y1"] for b in boxes)
    assert _overlapping(boxes) == []
    total = page.evaluate("kgMap.nodes.length")
    if name == "whole":  # too many for every name at once: the central ones first, the rest by zooming in
        assert len(boxes) < total
        hidden = page.evaluate("() => kgMap.nodes.getIds().filter(id => !kgMap.labels[id])")
        target = hidden[0]
        page.evaluate("""id => { const p = kgMap.network.getPositions([id])[id];
                                 kgMap.network.moveTo({position: p, scale: 40}); kgMap.relabel(); }""", target)
        page.wait_for_timeout(100)
        assert page.evaluate("id => kgMap.labels[id] && kgMap.network.body.nodes[id].options.label", target)
        assert _overlapping(page.evaluate(LABEL_BOXES)) == []
    assert page.errors == []
    page.close()


def test_the_legend_draws_each_kind_in_its_shape_and_colour(browser, pages):
    page = _open(browser, pages["whole"])
    legend = page.evaluate("""() => [...document.querySelectorAll('#types span[data-kind]')].map(s => {
        const shape = s.querySelector('svg [data-shape]');
        return {kind: s.dataset.kind, shape: shape.dataset.shape, fill: shape.getAttribute('fill'),
                tag: shape.tagName, text: s.textContent}; })""")
    drawn = page.evaluate("() => Object.fromEntries(kgMap.nodes.get().map(n => [n.kind, [n.shape, n.color]]))")
    styles = kind_styles()
    by_kind = {x["kind"]: x for x in legend}
    assert set(by_kind) == set(drawn) and len(by_kind) >= 15
    for kind, x in by_kind.items():
        assert (x["shape"], x["fill"]) == (styles[kind].shape, styles[kind].colour) == tuple(drawn[kind])
        assert x["text"].startswith(styles[kind].label("en"))
    # a square, a star and a dot are drawn as different SVG elements, not one swatch recoloured
    assert {by_kind[k]["tag"] for k in ("GovernmentBody", "Conference", "Person")} == {"rect", "polygon", "circle"}
    for group in CONFUSABLE:
        present = [by_kind[k] for k in group if k in by_kind]
        assert len({(x["shape"], x["fill"]) for x in present}) == len({x["shape"] for x in present}) == len(present)
    page.close()


def _click_edge(page, a_label: str, b_label: str) -> None:
    """Select the edge between two people and send vis-network's click event for it (the mouse path
    itself is tested in test_maps.py; here other nodes may lie on the edge's midpoint)."""
    page.evaluate("""([a, b]) => {
        const ids = kgMap.nodes.get().filter(n => [a, b].includes(n.title.split('\\n')[0])).map(n => n.id);
        const e = kgMap.edges.get().find(e => ids.includes(e.from) && ids.includes(e.to));
        kgMap.network.selectEdges([e.id]);
        kgMap.network.body.emitter.emit('click', {nodes: [], edges: [e.id]}); }""", [a_label, b_label])
    page.wait_for_selector("#details blockquote")


def test_a_met_edge_panel_quotes_both_sides_with_the_articles_title_publisher_and_date(browser, pages):
    page = _open(browser, pages["who-met"])
    _click_edge(page, "Wang Zilian", "Zhang Zhijun")
    assert page.locator("#details h2").text_content() in ("Wang Zilian — Zhang Zhijun", "Zhang Zhijun — Wang Zilian")
    assert page.locator("#details .event strong").first.text_content().startswith("met at Conference 2021-10-19")
    who = " ".join(page.locator("#details .who").all_text_contents())
    assert "Wang Zilian" in who and "Zhang Zhijun" in who
    sources = page.locator("#details .source").all_text_contents()
    assert sources and all(s == "source: Conference for the Promotion of Sister Cities of Changchun Auto Clusters "
                                "Held · CCFAO · 2021-10-21" for s in sources)
    assert "w3id.org" not in page.locator("#details").text_content()
    assert page.errors == []
    page.close()


def test_the_date_filter_hides_unlinked_people_says_when_nothing_matches_and_clears_the_panel(browser, pages):
    page = _open(browser, pages["who-met"])
    total = page.evaluate("kgMap.nodes.length")
    _click_edge(page, "Wang Zilian", "Zhang Zhijun")  # a 2021 meeting in the panel
    page.fill("#from", "2023-01-01")
    page.fill("#to", "2023-12-31")
    page.dispatch_event("#to", "change")
    page.wait_for_timeout(100)
    state = page.evaluate("""() => {
        const nodes = kgMap.nodes.get().filter(n => !n.hidden).map(n => n.id);
        const edges = kgMap.edges.get().filter(e => !e.hidden);
        return {nodes, linked: nodes.filter(id => edges.some(e => e.from === id || e.to === id)),
                dates: edges.flatMap(e => e.dates)}; }""")
    assert 0 < len(state["nodes"]) < total
    assert sorted(state["linked"]) == sorted(state["nodes"])  # no floating dots
    assert state["dates"] and all(d.startswith("2023") for d in state["dates"])
    assert page.locator("#notice").text_content() == ""
    assert page.locator("#details blockquote").count() == 0  # the 2021 meeting's panel went with its edge
    assert page.locator("#details").text_content().startswith("Click a node or an edge")
    assert page.evaluate("kgMap.network.getSelectedEdges()") == []
    page.fill("#from", "1990-01-01")
    page.fill("#to", "1990-12-31")
    page.dispatch_event("#to", "change")
    page.wait_for_timeout(100)
    assert page.locator("#notice").text_content().startswith("Nothing matches these filters")
    assert page.evaluate("kgMap.nodes.get().filter(n => !n.hidden).length") == 0
    page.click("#reset")
    assert page.evaluate("kgMap.nodes.get().filter(n => !n.hidden).length") == total
    assert page.locator("#notice").text_content() == ""
    assert page.errors == []
    page.close()


def test_the_export_buttons_download_the_view_as_png_and_svg(browser, pages, tmp_path):
    page = _open(browser, pages["who-met"])
    page.fill("#from", "2023-01-01")
    page.dispatch_event("#from", "change")
    page.wait_for_timeout(100)
    with page.expect_download() as png:
        page.click("#export-png")
    path = tmp_path / "map.png"
    png.value.save_as(path)
    assert png.value.suggested_filename.endswith(".png") and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 5_000
    with page.expect_download() as svg:
        page.click("#export-svg")
    path = tmp_path / "map.svg"
    svg.value.save_as(path)
    assert svg.value.suggested_filename.endswith(".svg")
    root = ET.fromstring(path.read_bytes())
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    visible = page.evaluate("() => kgMap.nodes.get().filter(n => !n.hidden).map(n => kgMap.labels[n.id]).filter(x => x)")
    assert sorted(t.text for t in root.iter(f"{ns}text")) == sorted(visible)  # the labels drawn now, no others
    shapes = [e for e in root if e.get("data-shape")]
    assert len(shapes) == page.evaluate("kgMap.nodes.get().filter(n => !n.hidden).length")
    assert len(root.findall(f"{ns}line")) == page.evaluate("kgMap.edges.get().filter(e => !e.hidden).length")
    assert page.errors == []
    page.close()


@pytest.mark.parametrize("row, message", [("kgo:Person,#e4572e,pentagon", "unknown shape 'pentagon'"),
                                          ("kgo:Person,red,dot", "colour 'red' is not #rrggbb"),
                                          ("kgo:Persn,#e4572e,dot", "kgo:Persn is not a class of the ontology")])
def test_a_bad_style_row_is_refused_with_its_class(tmp_path, monkeypatch, row, message):
    import shutil

    from kg.model.ontology import ontology_dir

    shutil.copytree(ontology_dir(), tmp_path / "ontology")
    table = tmp_path / "ontology" / "map-style.csv"
    table.write_text(table.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(tmp_path / "ontology"))
    kind_styles.cache_clear()
    try:
        with pytest.raises(ValueError, match=message):
            kind_styles()
    finally:
        monkeypatch.delenv("KG_ONTOLOGY_DIR")
        kind_styles.cache_clear()

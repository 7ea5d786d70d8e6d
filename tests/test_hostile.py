"""A corpus of hostile documents goes through the real CLI (build, who-met, query, map, export) with
no injection: script tags, SPARQL fragments, quotes and braces in names, a 10,000-character name,
zero-width characters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main

HEADER = "Updated : 2023-05-12Source : CCFAO\n"
DOCS = {
    "script.txt": "Mayor <script>alert(1)</script> meets\n" + HEADER +
                  "On May 10, Zhou Ming, Mayor of Changchun City, met with Chen Hao <script>alert('x')</script>.\n",
    "sparql.txt": "Meeting } ; DROP ALL ; SELECT * WHERE {\n" + HEADER +
                  "On May 11, Zhou Ming met with Li Jun\" } ; DROP ALL ; INSERT DATA { <a:b> <a:c> <a:d> } # in Siping.\n",
    "quotes.txt": "Quotes \"'{}'\"\n" + HEADER +
                  "On May 12, Gao Yuan, Vice Mayor of Siping, met with O'Brien {Kim} \"Min-jun\" and Wu Dong.\n",
    "long.txt": "A long name\n" + HEADER + "On May 13, Zhou Ming met with " + "Wang" + "zi" * 5000 + " in Changchun.\n",
    "zerowidth.txt": "Zero\u200bwidth\n" + HEADER +
                     "On May 14, Zhou\u200b Ming, Mayor of Changchun City, met with Chen\u200dHao and Sun Lijun\u2060.\n",
    "zh.txt": "长春市副市长<img src=x onerror=alert(1)>会见\n来源:长春日报  |  2023-03-08 09:10:11\n"
              "3月6日上午,长春市副市长李炜姝会见了{客人}\"};DROP ALL;#。\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(root / "out")])
    assert result.exit_code == 0, result.output
    assert "read 6 document(s), skipped 0, failed 0" in result.output
    assert "the graph conforms to the shapes" in result.output
    return root / "out"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_graph_parses_and_keeps_the_text_as_text(built):
    g = Graph().parse(built / "graph.ttl", format="turtle")
    quotes = [str(o) for o in g.objects(None, None) if "DROP ALL" in str(o)]
    assert quotes  # the fragment is data in a literal, not a statement that ran
    assert len(g) > 100


def test_who_met_and_queries_with_hostile_text(built):
    graph = str(built / "graph.ttl")
    before = (built / "graph.ttl").read_bytes()
    pairs = json.loads(run("who-met", "--all", "--graph", graph, "--format", "json"))
    assert {"Chen Hao", "Zhou Ming"} <= {p["a"] for p in pairs} | {p["b"] for p in pairs}
    assert any("<script>" in p["quote"] for p in pairs)
    for hostile in ['"} ; DROP ALL ; #', "Chen Hao <script>alert('x')</script>", "Wang" + "zi" * 5000]:
        result = CliRunner().invoke(main, ["who-met", hostile, "--graph", graph])
        assert result.exit_code == 1 and "no person called" in result.output
    out = run("query", "people", "--graph", graph, "--format", "json")
    assert json.loads(out)["results"]["bindings"]
    assert (built / "graph.ttl").read_bytes() == before


def test_maps_and_exports_escape_everything(built, tmp_path):
    from kg.draw.maps import SCRIPTS

    for page in sorted((built / "maps").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        data = html.split('<script type="application/json" id="data">', 1)[1].split("</script>", 1)[0]
        assert "<" not in data and "alert(1)</script>" not in data
        # the data block, vis-network and the page's own scripts, no other
        assert len(re.findall(r"^<script", html, re.M)) == 2 + len(SCRIPTS)
    run("export", "--graph", str(built / "graph.ttl"), "--format", "gexf", "-o", str(tmp_path / "g.gexf"))
    import networkx as nx

    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() > 10

"""Tenures: who held a post over which dates, bounded by a successor in a single-holder post; and
corroboration: how many documents, publishers and languages state that two people met."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main
from kg.model.ns import KGO, RDF
from kg.model.ontology import load_reference
from kg.resolve.people import Group, resolve_groups
from kg.resolve.tenures import tenures
from tests.helpers import DATA

REF = load_reference()


@pytest.fixture(scope="module")
def identity(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tenures") / "out"
    run = CliRunner().invoke(main, ["build", str(DATA / "identity"), "--out", str(out), "--no-maps", "-j", "1"])
    assert run.exit_code == 0 and "conforms" in run.output, run.output
    return out / "graph.ttl"


def _json(*args: str) -> list[dict]:
    run = CliRunner().invoke(main, [*args, "--format", "json"])
    assert run.exit_code == 0, run.output
    return json.loads(run.output)["results"]["bindings"]


def test_a_career_is_three_tenures_and_a_successor_bounds_the_last(identity):
    rows = _json("posts", "Chen Jianguo, Governor", "--graph", str(identity))
    got = [(r["title"]["value"], r["from"]["value"], r["to"]["value"], r.get("successor", {}).get("value"))
           for r in rows]
    assert got == [("Vice Mayor", "2019-03-10", "2019-03-10", None),
                   ("Vice Governor", "2020-06-15", "2020-06-15", None),
                   ("Governor", "2021-09-01", "2021-09-01", "Han Deming")]
    assert rows[-1]["endsBefore"]["value"] == "2023-04-20"


@pytest.mark.parametrize(("date", "holders"), [("2021-12-31", ["Chen Jianguo"]), ("2023-06-01", ["Han Deming"]),
                                               ("2020-01-01", [])])
def test_title_holder_answers_from_tenures(identity, date, holders):
    rows = _json("query", "title-holder", "--param", "title=Governor", "--param",
                 "organization=Jilin Provincial People's Government", "--param", f"date={date}", "--graph", str(identity))
    assert [r["name"]["value"] for r in rows] == holders


def _group(doc: str, date: str, posts: set[tuple[str, str]], key: str, han: str) -> Group:
    return Group(doc, doc * 4, key, (("zh", (han,)),), frozenset(t for t, _ in posts),
                 frozenset(o for _, o in posts if o), frozenset({"participant"}), date,
                 posts=frozenset(posts))


def test_overlapping_holders_bound_nothing_and_plural_posts_have_no_successor():
    mayor = ("mayor", "changchun-municipal-government")
    vice = ("vice-mayor", "changchun-municipal-government")
    groups = [_group("a", "2020-01-01", {mayor, vice}, "jing-junhai", "景俊海"),
              _group("b", "2020-06-01", {mayor}, "jing-junhai", "景俊海"),
              _group("c", "2020-03-01", {mayor, vice}, "ba-yinchaolu", "巴音朝鲁"),
              _group("d", "2021-01-01", {vice}, "an-guiwu", "安桂武")]
    spans = {(t.node, t.title): t for t in tenures(resolve_groups(groups, REF), REF)}
    assert spans[("jing-junhai", "mayor")].documents == 2
    assert spans[("jing-junhai", "mayor")].ends_before is None  # the other holder is stated inside this tenure
    assert all(t.successor is None for (_, title), t in spans.items() if title == "vice-mayor")


def test_a_meeting_in_two_languages_and_two_papers_is_corroborated(tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(DATA / "corroboration"), "--out", str(out), "--no-maps", "-q"]).exit_code == 0
    graph = str(out / "graph.ttl")
    run = CliRunner().invoke(main, ["who-met", "Xu Liuping", "--graph", graph, "--format", "json", "--min-sources", "2"])
    rows = json.loads(run.output)
    assert rows and all((r["documents"], r["sources"], r["languages"]) == (2, 2, "en,zh") for r in rows)
    none = CliRunner().invoke(main, ["who-met", "Xu Liuping", "--graph", graph, "--min-sources", "3"])
    assert none.output.strip() == "(no meetings)"
    both = _json("query", "multilingual", "--graph", graph)
    assert [(r["a"]["value"], r["b"]["value"], r["languages"]["value"]) for r in both] == [
        ("Chen Jianguo", "Xu Liuping", "2")]


def test_tenures_in_the_graph_conform_and_derive_from_posts(identity):
    g = Graph().parse(identity)
    rows = g.query("""SELECT ?t ?post WHERE { ?t a kgo:Tenure ; prov:wasDerivedFrom ?post . ?post a org:Post }""",
                   initNs={"kgo": "https://w3id.org/kg-jilin/ontology#", "prov": "http://www.w3.org/ns/prov#",
                           "org": "http://www.w3.org/ns/org#"})
    assert len(rows) == len(set(g.subjects(RDF.type, KGO.Tenure))) >= 10
    assert CliRunner().invoke(main, ["validate", "--graph", str(identity)]).exit_code == 0

"""Who met whom on the seeds: checked against the gold, the same in every script, nothing injected."""

from __future__ import annotations

import json
from itertools import combinations

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st
from rdflib import Graph

from kg.ask.chains import resolve_actor, shortest_paths
from kg.ask.lookup import PersonIndex
from kg.ask.named import bind_params, load_named
from kg.ask.query import QueryError, run_query
from kg.ask.whomet import all_pairs, who_met
from kg.cli import main
from kg.draw.projection import project
from kg.eval.evaluate import load_gold
from kg.rdf.build import union_graph
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def graph(seed_build) -> Graph:
    return union_graph(seed_build.dataset)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["build", str(ROOT / "seeds"), "--out", str(out), "--no-validate"])
    assert result.exit_code == 0, result.output
    return out / "graph.ttl"


def _gold_pairs() -> set[tuple[str, str]]:
    pairs = set()
    for gold in load_gold(ROOT / "tests" / "gold"):
        if not gold["document"].startswith("seeds/"):
            continue
        names = {p["id"]: p["name_en"] for p in gold["persons"]}
        for ev in gold["events"]:
            people = sorted({names[p["person"]] for p in ev["participants"]})
            pairs |= set(combinations(people, 2))
    return pairs


def test_all_pairs_match_the_gold(graph):
    found = {(m.a, m.b) for m in all_pairs(graph)}
    assert found == _gold_pairs()


@pytest.mark.parametrize("name", ["Wang Zilian", "wang  zilian", "WANG ZILIAN", "王子联", "王子聯", "Ван Цзылянь",
                                  "Ван Цзыляня"])
def test_every_spelling_gives_the_same_answer(graph, name):
    index = PersonIndex(graph)
    [person] = index.find(name).matches
    meetings = who_met(graph, person.iri, index=index)
    assert {m.b for m in meetings} == {"Zhang Zhijun", "Liu Dianxun", "Wang Guoqiang", "Song Gelong",
                                       "Wang Haiying", "Zhao Xinrui"}
    assert all(m.date == "2021-10-19" and m.quote and m.role_a == "Presiding" for m in meetings)


def test_authors_and_cited_people_met_nobody(graph):
    index = PersonIndex(graph)
    for name in ("Xi Jinping", "王岩", "黄非"):
        [person] = index.find(name).matches
        assert who_met(graph, person.iri, index=index) == []


def test_dates_filter(graph):
    index = PersonIndex(graph)
    [zhang] = index.find("张志军").matches
    import datetime as dt
    dates = {m.date for m in who_met(graph, zhang.iri, since=dt.date(2022, 1, 1), index=index)}
    assert dates == {"2023-01-05"}


def test_cli_who_met_json_and_unknown_names(built):
    runner = CliRunner()
    r = runner.invoke(main, ["who-met", "Ван Цзылянь", "--graph", str(built), "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert rows and all({"a", "b", "event", "date", "source", "quote"} <= set(row) for row in rows)
    r = runner.invoke(main, ["who-met", "--all", "--graph", str(built), "--format", "json"])
    pairs = json.loads(r.output)
    assert {(p["a"], p["b"]) for p in pairs} == _gold_pairs()
    assert all(p["a"] < p["b"] for p in pairs)
    r = runner.invoke(main, ["who-met", "Wang Zilan", "--graph", str(built)])
    assert r.exit_code != 0 and "Did you mean: Wang Zilian" in r.output


@pytest.mark.parametrize("hostile", ['Wang Zilian" } ; DROP ALL #', "} ; DROP ALL", "?person", "<file:///etc/passwd>"])
def test_injection_through_names_changes_nothing(built, hostile):
    before = built.read_bytes()
    r = CliRunner().invoke(main, ["who-met", hostile, "--graph", str(built)])
    assert r.exit_code != 0 and "no person called" in r.output
    r = CliRunner().invoke(main, ["query", "posts-of", "--param", f"person={hostile}", "--graph", str(built)])
    assert r.exit_code != 0 and "no person" in r.output
    assert built.read_bytes() == before


def test_every_named_query_runs(graph):
    values = {"person": "Zhang Zhijun", "title": "Mayor", "organization": "Changchun Municipal People's Government",
              "date": "2023-12-31", "strategy": "一主六双", "fact": "https://w3id.org/kg-jilin/id/none"}
    named = load_named()
    assert {"who-met", "posts-of", "title-holder", "signing-coattendance", "strategy-actors", "agreements",
            "evidence"} <= set(named)
    for q in named.values():
        res = run_query(graph, q.text, bind_params(graph, q, {p: values[p] for p, _ in q.params}))
        assert res.kind == "SELECT"
    res = run_query(graph, named["title-holder"].text, bind_params(graph, named["title-holder"], {
        "title": "Mayor", "organization": "Changchun Municipal People's Government", "date": "2023-12-31"}))
    assert {str(r["name"]) for r in res.dicts()} == {"Wang Zilian"}


def test_named_query_parameters_are_checked(graph):
    q = load_named()["title-holder"]
    with pytest.raises(QueryError, match="must be a date"):
        bind_params(graph, q, {"title": "Mayor", "organization": "Changchun", "date": "yesterday"})
    with pytest.raises(QueryError, match="needs --param"):
        bind_params(graph, q, {"title": "Mayor"})


def test_paths_between_actors_carry_evidence(graph):
    g = project(graph)
    [a] = resolve_actor(g, graph, "Ван Цзылянь")
    [b] = resolve_actor(g, graph, "李炜姝")
    paths = shortest_paths(g, a, b)
    assert paths and all(link.quote for path in paths for link in path)
    assert paths[0][0].source_label == "Wang Zilian" and paths[0][-1].target_label == "Li Weishu"


def _row(doc: str, quote: str, place: str, date: str = "2024-05-01") -> dict:
    """One who-met row as the queries and the meeting index give it (labels and document facts carried)."""
    k = "https://w3id.org/kg-jilin/"
    return {"person": f"{k}id/person/a", "other": f"{k}id/person/b", "event": f"{k}id/event/e1",
            "type": f"{k}ontology#Meeting", "date": date, "place": f"{k}id/place/{place}", "placeLabel": place,
            "role": f"{k}ontology#Met", "otherRole": f"{k}ontology#Met", "doc": f"{k}id/doc/{doc}",
            "title": f"title of {doc}", "quote": quote, "reason": None, "docLanguage": "en", "docSource": doc}


@given(st.permutations([_row("d2", "They met.", "Changchun"), _row("d1", "They met.", "Jilin"),
                        _row("d3", "They met.", "Changchun", "2024-05-02")]))
def test_which_report_of_a_meeting_is_shown_does_not_depend_on_the_order_of_rows(rows):
    from types import SimpleNamespace

    from kg.ask.lookup import Person
    from kg.ask.whomet import meetings_from_rows

    people = {r: Person(r, r.rsplit("/", 1)[1], {"en": r.rsplit("/", 1)[1].upper()}) for r in
              (rows[0]["person"], rows[0]["other"])}
    met = meetings_from_rows(None, SimpleNamespace(people=people), rows, None, None)
    assert [(m.quote, m.source.rsplit("/", 1)[1], m.place, m.date) for m in met] == [("They met.", "d1", "Jilin", "2024-05-01")]
    assert met[0].documents == 3 and met[0].sources == 3

"""One meeting reported in English, Chinese and Russian by three publishers is one event with three
sources; reports that differ in date, place or people stay apart."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kg.cli import main
from kg.resolve.sameevent import EventSummary, rewrite_events, same_events
from tests.helpers import DATA

CORPUS = DATA / "sameevent"


def test_one_meeting_in_three_languages_is_one_event_with_three_sources(tmp_path):
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["build", str(CORPUS), "--out", str(out), "--no-maps"])
    assert run.exit_code == 0 and "conforms" in run.output, run.output
    graph = str(out / "graph.ttl")
    q = ("SELECT ?e (COUNT(DISTINCT ?d) AS ?docs) (COUNT(DISTINCT ?n) AS ?names) WHERE { ?e a kgo:Meeting ; "
         "kgo:evidence ?ev ; schema:name ?n . ?ev kgo:inDocument ?d } GROUP BY ?e")
    rows = json.loads(CliRunner().invoke(main, ["query", q, "--graph", graph, "--format", "json"]).output)
    assert [(r["docs"]["value"], r["names"]["value"]) for r in rows["results"]["bindings"]] == [("3", "1")]
    meetings = json.loads(CliRunner().invoke(main, ["who-met", "Xu Liuping", "--graph", graph, "--format", "json"]).output)
    assert len({m["event"] for m in meetings}) == 1
    assert all((m["documents"], m["sources"], m["languages"]) == (3, 3, "en,ru,zh") for m in meetings)


def _ev(doc: str, date: str = "2021-08-31", place: str = "changchun", people=("a", "b"), kind="Meeting") -> EventSummary:
    return EventSummary(f"kgr:event/{doc}", doc, kind, date, place, tuple(people))


def test_reports_join_only_on_type_date_place_and_people():
    assert same_events([_ev("1"), _ev("2", place="")]) == {"kgr:event/2": "kgr:event/1"}
    assert same_events([_ev("1"), _ev("2", date="2021-09-01")]) == {}
    assert same_events([_ev("1"), _ev("2", place="jilin-city")]) == {}
    assert same_events([_ev("1"), _ev("2", people=("a", "c"))]) == {}
    assert same_events([_ev("1"), _ev("2", kind="Conference")]) == {}
    assert same_events([_ev("1", date=""), _ev("2", date="")]) == {}
    # transitive, to the event of the first document, whatever the order given
    joined = same_events([_ev("3"), _ev("1"), _ev("2")])
    assert joined == {"kgr:event/2": "kgr:event/1", "kgr:event/3": "kgr:event/1"}


def test_rewriting_keeps_one_name():
    block = ('<e2> <https://schema.org/name> "Meeting reported in b" <g2> .\n'
             '<p> <https://w3id.org/kg-jilin/ontology#inEvent> <e2> <g2> .\n')
    assert rewrite_events(block, {"e2": "e1"}) == '<p> <https://w3id.org/kg-jilin/ontology#inEvent> <e1> <g2> .\n'

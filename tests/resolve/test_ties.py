"""Ties: the pairs of people at one event, with the events and the documents naming either of them there;
in the graph, the same pairs and counts as who-met computes from the participations."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from kg.ask.query import run_query
from kg.ask.whomet import all_pairs
from kg.build.pipeline import build_dataset
from kg.model.corroboration import Corroboration
from kg.rdf.build import union_graph
from kg.read.documents import read_corpus
from kg.resolve.ties import EventReport, ties
from tests.helpers import DATA

DOCS = {"d1": ("en", "Xinhua"), "d2": ("zh", "Xinhua"), "d3": ("ru", ""), "d4": ("en", "")}


def test_an_event_reported_by_two_documents_ties_the_people_of_both():
    got = ties([EventReport("e1", "d1", frozenset({"a", "b"})), EventReport("e1", "d2", frozenset({"c"})),
                EventReport("e2", "d3", frozenset({"a", "b"}))], DOCS)
    assert [(t.a, t.b, t.events, t.corroboration) for t in got] == [
        ("a", "b", ("e1", "e2"), Corroboration(2, 2, "en,ru")),
        ("a", "c", ("e1",), Corroboration(2, 1, "en,zh")),
        ("b", "c", ("e1",), Corroboration(2, 1, "en,zh")),
    ]


def test_a_document_naming_one_person_elsewhere_does_not_count():
    got = ties([EventReport("e1", "d1", frozenset({"a", "b"})), EventReport("e2", "d2", frozenset({"a", "c"}))], DOCS)
    assert {(t.a, t.b): t.corroboration.documents for t in got} == {("a", "b"): 1, ("a", "c"): 1}


def test_nobody_alone_at_an_event_has_a_tie():
    assert ties([EventReport("e1", "d1", frozenset({"a"})), EventReport("e2", "d2", frozenset())], DOCS) == []


reports = st.lists(st.builds(EventReport, st.sampled_from(["e1", "e2", "e3"]), st.sampled_from(sorted(DOCS)),
                             st.frozensets(st.sampled_from("abcde"), max_size=4)), max_size=8)


@given(reports, st.randoms())
def test_ties_are_the_co_named_pairs_whatever_the_order(rs, rnd):
    got = ties(rs, DOCS)
    shuffled = list(rs)
    rnd.shuffle(shuffled)
    assert ties(shuffled, DOCS) == got
    at: dict[str, set[str]] = {}
    for r in rs:
        at.setdefault(r.event, set()).update(r.people)
    assert {(t.a, t.b) for t in got} == {(a, b) for people in at.values() for a in people for b in people if a < b}
    for t in got:
        assert t.a < t.b and t.events == tuple(sorted(e for e in at if {t.a, t.b} <= at[e]))
        naming = {r.doc for r in rs if r.event in t.events and r.people & {t.a, t.b}}
        assert t.corroboration.documents == len(naming) >= 1


_TIES = """SELECT ?a ?b ?event ?documents ?sources ?languages WHERE {
  ?t a kgo:Tie ; kgo:tieBetween ?a , ?b ; kgo:sharedEvent ?event ; kgo:documentCount ?documents ;
     kgo:sourceCount ?sources ; kgo:languageCount ?languages . FILTER(STR(?a) < STR(?b)) }"""


@pytest.mark.parametrize("corpus", ["articles", "sameevent", "corroboration"])
def test_the_graphs_ties_are_who_mets_pairs_with_their_corroboration(corpus):
    docs, skipped = read_corpus([DATA / corpus])
    graph = union_graph(build_dataset(docs, skipped).dataset)
    expected = {(m.a_iri, m.b_iri, m.event, m.documents, m.sources, len(m.languages.split(",")))
                for m in all_pairs(graph, stated_only=True)}
    expected = {(min(a, b), max(a, b), *rest) for a, b, *rest in expected}
    got = {(str(a), str(b), str(e), int(d), int(s), int(n)) for a, b, e, d, s, n in run_query(graph, _TIES).rows}
    assert got == expected and len(got) >= 1

"""The SPARQL guard: read-only, no SERVICE, no FROM, readable syntax errors, timeouts, bound parameters."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from kg.query import QueryError, format_result, run_query
from kg.rdfbuild import union_graph


@pytest.fixture(scope="module")
def graph(seed_build) -> Graph:
    return union_graph(seed_build.dataset)


def test_select_with_predeclared_prefixes(graph):
    res = run_query(graph, "SELECT (COUNT(?p) AS ?n) WHERE { ?p a kgo:Person }")
    assert int(res.rows[0][0]) >= 18
    assert '"n"' in format_result(res, "json")


@pytest.mark.parametrize("text,message", [
    ("DROP ALL", "updates are refused"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "updates are refused"),
    ("DELETE WHERE { ?s ?p ?o }", "updates are refused"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM and FROM NAMED are refused"),
    ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM and FROM NAMED are refused"),
    ("SELECT * WHERE {\n  ?s ?p\n}", "syntax error at line"),
])
def test_refused_queries_leave_the_graph_unchanged(graph, text, message):
    before = len(graph)
    with pytest.raises(QueryError, match=message):
        run_query(graph, text)
    assert len(graph) == before


def test_a_slow_query_is_stopped(graph):
    with pytest.raises(QueryError, match="stopped after"):
        run_query(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=1)


def test_bound_parameters_are_values_not_code(graph):
    text = "SELECT ?p WHERE { ?p skos:prefLabel ?name }"
    hostile = Literal('Wang Zilian"@en } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o')
    assert run_query(graph, text, {"name": hostile}).rows == []
    assert len(run_query(graph, text, {"name": Literal("Wang Zilian", lang="en")}).rows) == 1


def test_construct_as_turtle(graph):
    res = run_query(graph, "CONSTRUCT { ?p a kgo:Person } WHERE { ?p a kgo:Person }")
    assert "kgo:Person" in format_result(res, "ttl")

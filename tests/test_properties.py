"""Properties over arbitrary input: nothing crashes, spans quote exactly, graphs round-trip."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings, strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.build.pipeline import build_dataset
from kg.extract.document import extract_document
from kg.rdf.build import union_graph
from kg.read.documents import Document, Skipped, read_document

PIECES = st.sampled_from([
    "长春市副市长李炜姝发表讲话。", "Wang Zilian, Mayor of Changchun City, met with Kim Min-jun on May 3.",
    "22 января мэр Ван Цзылянь посетил Чанчунь.", "签约64个项目，总投资442亿元。", "“one pillar, six pairs”",
    "\u202e", "\u200b", "e\u0301", "🚗", "\x07", "\r\n", "\n\n", "(文 王岩)", "编辑:黄非", "_fororder_", "<script>", "}",
    "a" * 300, "張志軍", "Цзыляня", "RMB21 billion", "2022-01-17", "1月5日上午",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=12).map("".join)


def _doc(text: str) -> Document | Skipped:
    return read_document(("Title\n2023-01-01\n" + text).encode("utf-8"), "prop.txt")


def _buildable(text: str) -> Document:
    """The document of `text`, or no example when the reader (rightly) skips it."""
    doc = _doc(text)
    assume(not isinstance(doc, Skipped))
    assert isinstance(doc, Document)
    return doc


@given(st.binary(max_size=300))
@settings(max_examples=150, deadline=None)
def test_reader_never_crashes_on_bytes(data):
    result = read_document(data, "x.txt")
    assert isinstance(result, (Document, Skipped))


@given(TEXTS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_extraction_never_crashes_and_spans_quote_exactly(text):
    doc = _buildable(text)
    ex = extract_document(doc)
    for p in ex.persons:
        assert doc.text[p.start:p.end] == p.surface
    result = build_dataset([doc])
    assert not result.report.failed
    g = union_graph(result.dataset)
    from kg.model.ns import KGO
    for ev in g.subjects(KGO.charStart, None):
        s, e = int(g.value(ev, KGO.charStart)), int(g.value(ev, KGO.charEnd))
        assert doc.text[s:e] == str(g.value(ev, KGO.surfaceForm))
        qs, qe = int(g.value(ev, KGO.quoteStart)), int(g.value(ev, KGO.quoteEnd))
        assert doc.text[qs:qe] == str(g.value(ev, KGO.quote))


@given(TEXTS)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_turtle_round_trip_is_isomorphic(text):
    """A document's named graph, written as kg writes graph.nq and graph.ttl, parses back to itself."""
    doc = _buildable(text)
    from kg.rdf.build import graph_iri
    from kg.rdf.quads import nquads_block, turtle_block, turtle_header

    g = build_dataset([doc]).dataset.graph(graph_iri(doc.id))  # the document's own named graph
    nquads = nquads_block(g, graph_iri(doc.id))
    again = Graph().parse(data=turtle_header() + turtle_block(nquads), format="turtle")
    assert isomorphic(g, again)


@given(st.permutations(range(4)))
@settings(max_examples=5, deadline=None)
def test_document_order_does_not_matter(order):
    texts = ["长春市副市长李炜姝会见了客人。", "Li Weishu, Vice Mayor of Changchun City, met with Kim Min-jun.",
             "Вице-мэр Чанчуня Ли Вэйшу встретилась с делегацией.", "Zhang Zhijun attended the forum."]
    docs = [_doc(t) for t in texts]
    base = union_graph(build_dataset(docs).dataset)
    shuffled = union_graph(build_dataset([docs[i] for i in order]).dataset)
    assert isomorphic(base, shuffled)

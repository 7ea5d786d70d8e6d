"""The build: deterministic bytes, order independence, SHACL validity, evidence that checks."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

from kg.build.pipeline import build, build_dataset
from kg.model.ns import KGO, RDF, SCHEMA
from kg.rdf.build import union_graph
from kg.rdf.validate import validate_graph
from kg.read.documents import read_corpus
from tests.helpers import ROOT, SEEDS


def test_one_document_node_per_seed(seed_build):
    g = union_graph(seed_build.dataset)
    docs = set(g.subjects(RDF.type, KGO.Document))
    assert len(docs) == 5
    assert {str(g.value(d, SCHEMA.inLanguage)) for d in docs} == {"en", "zh", "ru"}


def test_seed_graph_validates(seed_build):
    result = validate_graph(union_graph(seed_build.dataset))
    assert result.conforms, result.summary()


def test_mentions_quote_exactly_their_offsets(seed_build, seed_docs):
    g = union_graph(seed_build.dataset)
    by_hash = {d.content_hash: d for d in seed_docs.values()}
    mentions = list(g.subjects(RDF.type, KGO.Mention))
    assert mentions
    for m in mentions:
        doc_iri = g.value(m, KGO.inDocument)
        doc = by_hash[str(g.value(doc_iri, KGO.contentHash))]
        s, e = int(g.value(m, KGO.charStart)), int(g.value(m, KGO.charEnd))
        assert doc.text[s:e] == str(g.value(m, KGO.surfaceForm))
        qs, qe = int(g.value(m, KGO.quoteStart)), int(g.value(m, KGO.quoteEnd))
        assert doc.text[qs:qe] == str(g.value(m, KGO.quote))
        assert qs <= s < e <= qe


def test_input_order_does_not_change_the_graph():
    docs, skipped = read_corpus([SEEDS])
    shuffled = list(docs)
    random.Random(7).shuffle(shuffled)
    a = union_graph(build_dataset(docs, skipped).dataset)
    b = union_graph(build_dataset(list(reversed(shuffled)), skipped).dataset)
    assert isomorphic(a, b)


def test_two_builds_are_byte_identical_across_hash_seeds(tmp_path: Path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SEEDS), "--out", str(out), "--no-validate"],
                       check=True, env=env, cwd=ROOT, capture_output=True)
        outs.append(out)
    for name in ("graph.ttl", "graph.nq", "report.json"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    g = Graph().parse(outs[0] / "graph.ttl", format="turtle")
    assert len(g) > 0


def test_named_graph_per_document(tmp_path: Path):
    result = build([SEEDS], tmp_path)
    graphs = {str(c.identifier) for c in result.dataset.graphs() if len(c)}
    # five documents, the reference data, the people resolved across documents and the ontology
    assert sum("/graph/" in gid for gid in graphs) == 8
    # one block per named graph, graphs in IRI order, lines sorted within each block
    lines = (tmp_path / "graph.nq").read_text(encoding="utf-8").splitlines()
    order = [line.rsplit(" ", 2)[1] for line in lines]
    blocks = [g for i, g in enumerate(order) if i == 0 or g != order[i - 1]]
    assert blocks == sorted(set(order))
    for g in blocks:
        block = [line for line in lines if line.rsplit(" ", 2)[1] == g]
        assert block == sorted(set(block))


def test_a_failing_document_is_reported_and_the_rest_build(monkeypatch):
    import kg.build.pipeline as pipeline

    docs, _ = read_corpus([SEEDS])
    bad = docs[0]
    real = pipeline.find_mentions

    def flaky(doc, gaz):
        if doc is bad:
            raise RuntimeError("boom")
        return real(doc, gaz)

    monkeypatch.setattr(pipeline, "find_mentions", flaky)
    result = build_dataset(docs)
    assert [f.path for f in result.report.failed] == [bad.path]
    assert "RuntimeError: boom" in result.report.failed[0].reason
    assert len(result.report.documents) == 4


def test_an_interrupted_build_leaves_the_previous_outputs(tmp_path: Path, monkeypatch):
    import kg.build.pipeline as pipeline

    build([SEEDS], tmp_path)
    before = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "json_bytes", boom)  # after graph.nq and graph.ttl were written
    try:
        build([SEEDS], tmp_path)
    except KeyboardInterrupt:
        pass
    after = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # nothing half-written, no temporary files left behind


def test_killing_a_build_leaves_readable_outputs(tmp_path: Path):
    import signal
    import time

    build([SEEDS], tmp_path)
    before = (tmp_path / "graph.ttl").read_bytes()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(SEEDS), "--out", str(tmp_path)], cwd=ROOT)
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    graph = (tmp_path / "graph.ttl").read_bytes()
    assert graph == before  # identical input: the old file or an identical new one, never a torn one
    assert len(Graph().parse(data=graph.decode("utf-8"), format="turtle")) > 0
    import json

    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["documents"]


def test_cache_and_jobs_do_not_change_the_bytes(tmp_path: Path, monkeypatch):
    import kg.build.pipeline as pipeline
    from kg.read.documents import read_corpus as read

    docs, skipped = read([SEEDS, ROOT / "tests" / "data" / "articles"])
    docs = docs * 1  # 14 documents
    plain = build_dataset(docs, skipped).nquads
    cache = pipeline.ExtractionCache(tmp_path / "cache")
    parallel = build_dataset(docs, skipped, jobs=2, cache=cache).nquads
    assert parallel == plain and cache.misses == len(docs) and cache.hits == 0

    def boom(*args, **kwargs):
        raise AssertionError("a cached document was extracted again")

    monkeypatch.setattr(pipeline, "extract_document", boom)
    again = pipeline.ExtractionCache(tmp_path / "cache")
    cached = build_dataset(docs, skipped, jobs=1, cache=again).nquads
    assert cached == plain and again.hits == len(docs)


def test_parallel_extraction_in_worker_processes():
    from kg.read.documents import read_corpus as read

    docs, _ = read([SEEDS, ROOT / "tests" / "data" / "articles"])
    many = [d for d in docs for _ in range(2)]  # enough documents to start workers
    seen: list[tuple[int, int]] = []
    parallel = build_dataset(many, jobs=2, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, len(many)) for i in range(1, len(many) + 1)]
    assert not parallel.report.failed and len(parallel.report.documents) == len(docs)
    assert parallel.nquads == build_dataset(docs).nquads

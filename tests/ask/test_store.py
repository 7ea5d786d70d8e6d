"""`kg build --store DIR` and `--store DIR` on the reading commands: an on-disk Oxigraph store gives the
same answers as the Turtle graph, rebuilds replace its content, and queries keep kg's guards."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.term import Variable

from kg.ask.oxigraph import StoreError, build_store, is_store_dir
from kg.ask.query import QueryError, run_query
from kg.ask.querybase import bind_values
from kg.ask.stamp import STAMP_GRAPH, file_digest, store_digest
from kg.ask.store import open_graph
from kg.cli import main
from tests.helpers import SEEDS

pyoxigraph = pytest.importorskip("pyoxigraph")

COUNT = "SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }"
TITLE_HOLDER = ["title-holder", "--param", "title=Mayor", "--param",
                "organization=Changchun Municipal People's Government", "--param", "date=2024-01-01"]


def kg(*args: str):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seeds built with `kg build --store`: (graph.ttl, store dir)."""
    root = tmp_path_factory.mktemp("store")
    out, store = root / "out", root / "store"
    result = kg("build", SEEDS, "--out", out, "--store", store, "--no-maps", "--no-validate")
    assert result.exit_code == 0, result.output
    assert f"in {store}" in result.output
    return out / "graph.ttl", store


def both(built, *args: str) -> tuple[str, str]:
    """The output of a command with --graph read by rdflib (kg's reference evaluator) and with --store
    (each must succeed). --graph loaded into memory by Oxigraph (the default engine) must give exactly
    what the store gives."""
    ttl, store = built
    a, b = kg(*args, "--graph", ttl, "--engine", "rdflib"), kg(*args, "--store", store)
    memory = kg(*args, "--graph", ttl)
    assert a.exit_code == 0, a.output
    assert b.exit_code == 0, b.output
    assert memory.exit_code == 0, memory.output
    assert memory.output == b.output, args
    return a.output, b.output


def nquads(path: Path) -> list[tuple[str, ...]]:
    return [tuple(q) for q in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.N_QUADS)]


def test_the_store_holds_one_named_graph_per_document_and_their_union(built):
    ttl, store_dir = built
    expected = Counter(str(q[3]) for q in nquads(ttl.with_suffix(".nq")))
    union = len(Graph().parse(ttl, format="turtle"))
    store = pyoxigraph.Store.read_only(str(store_dir))
    counts = Counter(str(q.graph_name) for q in store.quads_for_pattern(None, None, None, None)
                     if not isinstance(q.graph_name, pyoxigraph.DefaultGraph))
    # and one more graph: the build's stamp, the digest of graph.ttl (kg.ask.stamp), outside the union
    assert counts.pop(f"<{STAMP_GRAPH}>") == 1
    assert store_digest(store) == file_digest(ttl)
    assert counts == expected
    report = json.loads((ttl.parent / "report.json").read_text(encoding="utf-8"))
    docs = {d["id"] for d in report["documents"]}
    assert {f"<https://w3id.org/kg-jilin/id/graph/{d}>" for d in docs} <= set(counts)
    assert len(counts) == len(docs) + 3  # reference, persons, ontology
    default = sum(1 for _ in store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))
    assert default == union


def test_who_met_is_the_same_with_the_store(built):
    a, b = both(built, "who-met", "Wang Zilian", "--format", "json")
    assert json.loads(a) and a == b
    a, b = both(built, "who-met", "王子联", "--since", "2022-01-01")
    assert a == b
    # --all: the same pairs (rows that tie on the sort key may come in either engine's order)
    a, b = both(built, "who-met", "--all", "--format", "json")
    key = lambda rows: sorted(json.dumps(r, sort_keys=True) for r in rows)  # noqa: E731
    assert key(json.loads(a)) == key(json.loads(b))


def test_queries_are_the_same_with_the_store(built):
    a, b = both(built, "query", COUNT, "--format", "csv")
    assert a == b and int(a.split()[1]) > 5000
    for args in (["people"], ["posts-of", "--param", "person=Ван Цзылянь"], TITLE_HOLDER,
                 ["signing-coattendance"], ["ASK { ?p a kgo:Person }"],
                 ["CONSTRUCT { ?p skos:prefLabel ?l } WHERE { ?p a kgo:Person ; skos:prefLabel ?l }", "--format", "ttl"]):
        a, b = both(built, "query", *args, *(["--format", "csv"] if "--format" not in args else []))
        assert a == b, args
    # title-holder filters on a bound parameter (FILTER(?stated <= ?date)): the binding must reach the FILTER
    a, _ = both(built, "query", *TITLE_HOLDER, "--format", "json")
    assert [r["name"]["value"] for r in json.loads(a)["results"]["bindings"]] == ["Wang Zilian"]


def test_path_and_map_are_the_same_with_the_store(built, tmp_path):
    a, b = both(built, "path", "Ван Цзылянь", "李炜姝")
    assert a == b and "path 1" in a
    ttl, store = built
    a = kg("map", "--graph", ttl, "-o", tmp_path / "a.html")
    b = kg("map", "--store", store, "-o", tmp_path / "b.html")
    assert a.exit_code == b.exit_code == 0, a.output + b.output
    assert a.output.split(" -> ")[0] == b.output.split(" -> ")[0]  # "Who met whom: N nodes, M edges"
    a = kg("map", "--graph", ttl, "--ego", "Wang Zilian", "-o", tmp_path / "c.html")
    b = kg("map", "--store", store, "--ego", "Wang Zilian", "-o", tmp_path / "d.html")
    assert a.output.split(" -> ")[0] == b.output.split(" -> ")[0]


def test_export_nquads_from_the_store_is_the_build_dataset(built, tmp_path):
    ttl, store = built
    result = kg("export", "--store", store, "--format", "nquads", "-o", tmp_path / "x.nq")
    assert result.exit_code == 0, result.output
    ours = set((tmp_path / "x.nq").read_text(encoding="utf-8").splitlines())
    theirs = set(ttl.with_suffix(".nq").read_text(encoding="utf-8").splitlines())
    # the same quads, blank node labels included (decimals are written in the canonical form Oxigraph keeps)
    assert ours == theirs and any("XMLSchema#decimal" in line for line in ours)


def test_rebuilding_into_the_same_store_replaces_its_content(built, tmp_path):
    ttl, _ = built
    store = tmp_path / "store"
    full = build_store(store, ttl)
    before = sorted(str(q) for q in pyoxigraph.Store.read_only(str(store)))
    assert build_store(store, ttl) == full
    after = sorted(str(q) for q in pyoxigraph.Store.read_only(str(store)))
    assert before == after
    # a smaller build into the same store leaves nothing of the bigger one
    small = tmp_path / "small"
    assert kg("build", SEEDS / sorted(p.name for p in SEEDS.iterdir() if p.is_file())[0], "--out", small,
              "--store", store, "--no-maps", "--no-validate").exit_code == 0
    assert int(run_query(open_graph(store_dir=store), COUNT).rows[0][0]) < full
    assert build_store(store, ttl) == full
    assert sorted(str(q) for q in pyoxigraph.Store.read_only(str(store))) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".store.")]  # no temporary leftovers


def test_a_folder_that_is_not_a_store_is_never_replaced(built, tmp_path):
    ttl, _ = built
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(StoreError, match="not an Oxigraph store"):
        build_store(folder, ttl)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me"
    result = kg("query", "people", "--store", folder)
    assert result.exit_code == 1 and "not an Oxigraph store" in result.output
    assert not is_store_dir(folder)


def test_graph_store_and_endpoint_are_alternatives(built):
    ttl, store = built
    result = kg("query", "people", "--graph", ttl, "--store", store)
    assert result.exit_code == 2 and "alternatives" in result.output
    result = kg("who-met", "Wang Zilian", "--store", store, "--endpoint", "http://127.0.0.1:9/query")
    assert result.exit_code == 2 and "alternatives" in result.output


def test_store_queries_keep_the_guards(built):
    graph = open_graph(store_dir=built[1])
    for text, message in (("DROP ALL", "updates are refused"),
                          ("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", "updates are refused"),
                          ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE is refused"),
                          ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM and FROM NAMED")):
        with pytest.raises(QueryError, match=message):
            run_query(graph, text)
    assert int(run_query(graph, COUNT).rows[0][0]) > 5000


def test_a_slow_store_query_is_stopped_at_the_timeout(built):
    graph = open_graph(store_dir=built[1])
    started = time.monotonic()
    with pytest.raises(QueryError, match="stopped after"):
        run_query(graph, "SELECT (COUNT(*) AS ?c) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }", timeout=0.5)
    assert time.monotonic() - started < 3
    # the caller is free at once, and the store keeps answering
    assert run_query(graph, "ASK { ?s a kgo:Person }", timeout=5).boolean is True


def test_bound_parameters_cannot_break_out_of_their_term(built):
    graph = open_graph(store_dir=built[1])
    tricky = 'a"} . ?s ?p ?o } ; DROP ALL ; SELECT * { "\'\'\' \\ {\n'
    res = run_query(graph, "SELECT ?x WHERE { BIND(?v AS ?x) }", {"v": Literal(tricky)})
    assert res.rows == [(Literal(tricky),)]
    res = run_query(graph, "SELECT ?x WHERE { BIND(?v AS ?x) }", {"v": Literal("}{", lang="en")})
    assert res.rows == [(Literal("}{", lang="en"),)]
    res = run_query(graph, "SELECT ?p WHERE { ?p skos:prefLabel ?name }", {"name": Literal(tricky)})
    assert res.rows == []
    with pytest.raises(QueryError, match="cannot bind"):
        run_query(graph, "SELECT ?x WHERE { BIND(?v AS ?x) }", {"v": URIRef("http://e/> } DROP ALL {")})
    assert int(run_query(graph, COUNT).rows[0][0]) > 5000


@pytest.mark.parametrize("text", [
    "SELECT ?x WHERE { ?x ?p ?o FILTER(?o = ?v) }",
    "SELECT ?x { ?x ?p ?o FILTER(?o = ?v) } ORDER BY ?x LIMIT 5",
    "PREFIX e: <http://e/> # a comment with { braces }\nSELECT ?x WHERE { ?x e:p ?o . FILTER(?o = ?v || \"{\" = \"}\") }",
    "SELECT ?x WHERE { { SELECT ?x ?o WHERE { ?x ?p ?o } } FILTER(?o = ?v) }",
    "SELECT ?x WHERE { SELECT ?x ?v WHERE { ?x ?p ?v } }",
    "CONSTRUCT { ?x <http://e/q> ?v } WHERE { ?x ?p ?o FILTER(?o = ?v) }",
    "CONSTRUCT WHERE { ?x <http://e/p> ?v }",
    "ASK { ?x ?p ?o FILTER(?o = ?v) }",
    "SELECT ?x WHERE { ?x ?p '''{ ?v }''' . ?x ?p ?v }",
])
def test_bind_values_means_what_initbindings_means(text):
    """rdflib's initBindings (evaluated by rdflib) and the VALUES block (evaluated by Oxigraph) agree."""
    g, store = Graph(), pyoxigraph.Store()
    for i, o in enumerate(["1", "2", "{ ?v }", "2"]):
        g.add((URIRef(f"http://e/s{i}"), URIRef("http://e/p"), Literal(o)))
        store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(f"http://e/s{i}"), pyoxigraph.NamedNode("http://e/p"),
                                  pyoxigraph.Literal(o)))
    expected = g.query(text, initBindings={Variable("v"): Literal("2")})
    raw = store.query(bind_values(text, {"v": Literal("2")}, lambda t: t.n3()))
    if expected.type == "ASK":
        bound = bool(raw)
    elif expected.type == "CONSTRUCT":
        bound = sorted((t.subject.value, t.predicate.value, t.object.value) for t in raw)
    else:
        bound = sorted(tuple(t.value for t in row) for row in raw)
    del raw  # pyoxigraph's iterators must be dropped by the thread that made them, not by a later GC
    if expected.type == "CONSTRUCT":
        assert sorted(tuple(str(t) for t in tr) for tr in expected) == bound
    elif expected.type == "ASK":
        assert expected.askAnswer == bound
    else:
        assert sorted(tuple(str(t) for t in row) for row in expected) == bound


def test_bind_values_skips_braces_in_the_select_clause_strings_and_comments():
    text = 'SELECT (EXISTS { ?x ?p ?v } AS ?b) ("{" AS ?c) # {\n?x WHERE { ?x ?p ?o }'
    bound = bind_values(text, {"v": Literal('"}')}, lambda t: t.n3())
    assert bound.startswith(text.split("WHERE {")[0] + 'WHERE { VALUES (?v) { ("\\"}") }')


def test_checked_binding_refuses_a_refused_text_every_time_and_binds_as_unchecked():
    """The check's answer for a text is remembered (no query text is tokenized twice), but a refusal is
    not: a refused text is refused at every call."""
    text = "SELECT ?x WHERE { ?x ?p ?o FILTER(?o = ?v) }"
    for _ in range(2):
        assert bind_values(text, {"v": Literal("2")}, lambda t: t.n3(), checked=True) == \
            bind_values(text, {"v": Literal("2")}, lambda t: t.n3())
        with pytest.raises(QueryError, match="SERVICE is refused"):
            bind_values("SELECT * WHERE { SERVICE <http://e/> { ?s ?p ?o } }", {"v": Literal("2")},
                        lambda t: t.n3(), checked=True)
    with pytest.raises(QueryError, match="LATERAL is refused"):  # a block the term writer made unsafe
        bind_values(text, {"v": Literal("2")}, lambda t: "LATERAL", checked=True)


def test_serve_over_the_store_answers_concurrent_queries(built):
    from kg.serve.server import make_server

    server = make_server(open_graph(store_dir=built[1]), port=0, timeout=5)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    answers: list[int] = []

    def ask() -> None:
        url = server.url + "sparql?" + urllib.parse.urlencode({"query": COUNT})
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"}),
                                    timeout=10) as r:
            answers.append(int(json.load(r)["results"]["bindings"][0]["c"]["value"]))

    try:
        clients = [threading.Thread(target=ask) for _ in range(4)]
        for c in clients:
            c.start()
        for c in clients:
            c.join(15)
    finally:
        server.shutdown()
        server.server_close()
    assert len(answers) == 4 and len(set(answers)) == 1 and answers[0] > 5000


def test_a_turtle_file_is_read_by_oxigraph_in_memory_unless_rdflib_is_asked_for(built, tmp_path):
    from kg.ask.oxigraph import KgOxigraphStore

    ttl, store = built
    copy = tmp_path / "graph.ttl"  # no build beside it: no store to open (a build's own: tests/ask/test_stamp.py)
    copy.write_bytes(ttl.read_bytes())
    memory, reference = open_graph(graph_path=copy), open_graph(graph_path=ttl, engine="rdflib")
    assert isinstance(memory.store, KgOxigraphStore) and not memory.store.named_graphs
    assert not isinstance(reference.store, KgOxigraphStore)
    assert len(memory) == len(reference) > 5000
    result = kg("query", COUNT, "--store", store, "--engine", "rdflib")
    assert result.exit_code == 2 and "--engine chooses how --graph is loaded" in result.output
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot read"):
        open_graph(graph_path=broken)

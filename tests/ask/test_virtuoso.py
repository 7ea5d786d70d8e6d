"""`kg push` and `--endpoint` against a real Virtuoso 7 server (Debian's virtuoso-opensource, started on
127.0.0.1 in a temporary folder): never a mock. Virtuoso's default graph is every graph it holds, its own
system graphs included, so the union goes to kgr:graph/union (`--union-graph`) and queries ask for it as
their default graph. Without the server binary the tests are skipped locally and fail in CI (env CI set)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import time

import pytest

from kg.ask.remote import RemoteError, sparql_request
from kg.model.ns import UNION_GRAPH
from tests.ask.test_remote import free_port, kg
from tests.helpers import SEEDS

NAMED = [["people"], ["agreements"], ["signing-coattendance"], ["posts-of", "--param", "person=Ван Цзылянь"],
         ["title-holder", "--param", "title=Mayor", "--param", "organization=Changchun Municipal People's Government",
          "--param", "date=2024-01-01"],
         ["strategy-actors", "--param", "strategy=一主六双"], ["who-met", "--param", "person=Wang Zilian"]]
INI = """[Database]
DatabaseFile = {root}/virtuoso.db
ErrorLogFile = {root}/virtuoso.log
LockFile = {root}/virtuoso.lck
TransactionFile = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {root}/virtuoso-temp.db
TransactionFile = {root}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {root}

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {root}
MaxClientConnections = 4
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 30
"""


def rows(text: str) -> list[tuple[str, ...]]:
    """CSV rows in any order (where a query leaves ties), each cell's GROUP_CONCAT parts in any order
    (agreements' parties: SPARQL leaves their order to the engine)."""
    return sorted(tuple("; ".join(sorted(cell.split("; "))) for cell in row) for row in csv.reader(io.StringIO(text)))


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A Virtuoso server whose anonymous SPARQL user may write (for the Graph Store Protocol): its query URL."""
    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        message = "Virtuoso is missing: apt-get install virtuoso-opensource"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    root = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    (root / "virtuoso.ini").write_text(INI.format(root=root, sql=sql, http=http), encoding="utf-8")
    log = (root / "server.out").open("wb")
    proc = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(root / "virtuoso.ini")],
                            cwd=root, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http}/sparql"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                sparql_request(url, "ASK { }", "application/sparql-results+json", timeout=2)
                break
            except RemoteError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log_text = (root / "virtuoso.log").read_text(errors="replace") if (root / "virtuoso.log").exists() else ""
                    pytest.fail(f"virtuoso did not start: {log_text[-2000:]}")
                time.sleep(0.5)
        grant = subprocess.run(["isql-vt", str(sql), "dba", "dba", 'exec=grant SPARQL_UPDATE to "SPARQL";'],
                               capture_output=True, text=True, timeout=60)
        assert grant.returncode == 0, grant.stdout + grant.stderr
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def pushed(virtuoso, tmp_path_factory):
    """The seeds built and pushed with --union-graph: (graph.ttl, query URL)."""
    out = tmp_path_factory.mktemp("vbuild") / "out"
    result = kg("build", SEEDS, "--out", out, "--no-maps", "--no-validate")
    assert result.exit_code == 0, result.output
    crud = virtuoso.replace("/sparql", "/sparql-graph-crud")
    for _ in range(2):  # pushing twice leaves the same content
        result = kg("push", "--endpoint", crud, "--graph", out / "graph.ttl", "--union-graph")
        assert result.exit_code == 0, result.output
    assert f"their union as <{UNION_GRAPH}>" in result.output
    return out / "graph.ttl", virtuoso


def test_the_union_graph_holds_the_build_and_each_document_has_its_graph(pushed):
    ttl, url = pushed
    count = "SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }"
    local = kg("query", count, "--graph", ttl, "--format", "csv")
    remote = kg("query", count, "--endpoint", url, "--union-graph", "--format", "csv")
    assert remote.exit_code == 0, remote.output
    assert remote.output == local.output and int(local.output.split()[1]) > 5000
    everything = kg("query", count, "--endpoint", url, "--format", "csv")  # Virtuoso's own graphs too
    assert int(everything.output.split()[1]) > int(local.output.split()[1])
    graphs = ("SELECT (COUNT(DISTINCT ?g) AS ?c) WHERE { GRAPH ?g { ?s ?p ?o } "
              "FILTER(STRSTARTS(STR(?g), \"https://w3id.org/kg-jilin/id/graph/\")) }")
    named = {line.split()[-2] for line in ttl.with_suffix(".nq").read_text(encoding="utf-8").splitlines()}
    remote = kg("query", graphs, "--endpoint", url, "--format", "csv")
    assert int(remote.output.split()[1]) == len(named) + 1  # and the union


@pytest.mark.parametrize("args", NAMED, ids=lambda a: a[0])
def test_named_queries_give_the_rows_of_the_local_graph(pushed, args):
    ttl, url = pushed
    local = kg("query", *args, "--graph", ttl, "--format", "csv")
    remote = kg("query", *args, "--endpoint", url, "--union-graph", "--format", "csv")
    assert remote.exit_code == 0, remote.output
    assert rows(remote.output) == rows(local.output) and len(rows(local.output)) > 1


def test_who_met_and_ask_read_the_same_over_virtuoso(pushed):
    ttl, url = pushed
    for args in (["who-met", "Ван Цзылянь"], ["who-met", "--all", "--format", "csv"]):
        local, remote = kg(*args, "--graph", ttl), kg(*args, "--endpoint", url, "--union-graph")
        assert remote.exit_code == 0, remote.output
        assert remote.output == local.output and "Wang Zilian" in local.output
    # Virtuoso answers ASK as a table of one row holding 1, or of no row
    for ask, answer in (("ASK { ?p a kgo:Person }", "yes"), ("ASK { ?p a kgo:Nothing }", "no")):
        local, remote = kg("query", ask, "--graph", ttl), kg("query", ask, "--endpoint", url, "--union-graph")
        assert remote.exit_code == 0 and remote.output == local.output and local.output.strip() == answer

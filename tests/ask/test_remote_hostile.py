"""`--endpoint` and `kg push` against hostile servers: real HTTP servers on 127.0.0.1 in threads that drip
their answer a byte at a time, answer without end, answer what is not SPARQL results, or answer 200 to
every PUT and keep nothing. Each must end in a one-line error within the timeout, never a hang, a
MemoryError or a traceback."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.ask.remote import RemoteError, sparql_request
from kg.cli import main
from tests.helpers import SEEDS

JSON = "application/sparql-results+json"
SELECT = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args) -> None:
        pass

    def _any(self) -> None:
        size = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(size) if size else b""
        self.server.seen.append((self.command, self.path, body))
        try:
            self.server.answer(self, body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_GET = do_POST = do_PUT = _any  # noqa: N815

    def send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Hostile(http.server.ThreadingHTTPServer):
    """An HTTP server in a thread whose every answer is `answer(handler, request body)`."""

    daemon_threads = True

    def __init__(self, answer: Callable[[_Handler, bytes], None]):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.answer = answer
        self.seen: list[tuple[str, str, bytes]] = []
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.shutdown()
        self.server_close()


@pytest.fixture
def hostile():
    servers: list[Hostile] = []

    def start(answer: Callable[[_Handler, bytes], None]) -> Hostile:
        servers.append(Hostile(answer))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def kg(*args) -> tuple[int, str]:
    """Exit status and output of the CLI; a traceback (an exception click did not turn into a message)
    fails the test."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert isinstance(result.exception, (SystemExit, type(None))), repr(result.exception)
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def one_line_error(output: str) -> str:
    lines = output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), output
    return lines[0]


def drip(handler: _Handler, body: bytes, seconds: float = 8.0) -> None:
    """A 200 whose body comes one byte every 0.2 s, for `seconds` (each read waits less than any timeout)."""
    handler.send_response(200)
    handler.send_header("Content-Type", JSON)
    handler.end_headers()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(0.2)


def drip_headers(handler: _Handler, body: bytes) -> None:
    """A status line, then a header that never ends, one byte every 0.2 s."""
    handler.wfile.write(b"HTTP/1.0 200 OK\r\nX-Slow: ")
    end = time.monotonic() + 8
    while time.monotonic() < end:
        handler.wfile.write(b"a")
        handler.wfile.flush()
        time.sleep(0.2)


def endless(handler: _Handler, body: bytes) -> None:
    """SPARQL JSON results that never end (no Content-Length), for at most 20 s."""
    handler.send_response(200)
    handler.send_header("Content-Type", JSON)
    handler.end_headers()
    handler.wfile.write(b'{"head": {"vars": ["x"]}, "results": {"bindings": [')
    row = b'{"x": {"type": "literal", "value": "' + b"a" * 1000 + b'"}}, '
    end = time.monotonic() + 20
    while time.monotonic() < end:
        handler.wfile.write(row * 64)


# -- a wall-clock deadline on every request ---------------------------------------------------------

@pytest.mark.parametrize("answer", [drip, drip_headers], ids=["body", "headers"])
def test_a_server_dripping_its_answer_is_left_at_the_timeout(hostile, answer):
    """urllib's timeout bounds each socket read: a byte every 0.2 s held kg for as long as the server liked."""
    server = hostile(answer)
    started = time.monotonic()
    with pytest.raises(RemoteError, match=r"did not answer within 1 s"):
        sparql_request(server.url + "/query", "ASK {}", JSON, timeout=1)
    assert time.monotonic() - started < 3


def test_query_and_push_stop_at_their_timeout_on_a_dripping_server(hostile, tmp_path):
    server = hostile(drip)
    started = time.monotonic()
    status, output = kg("query", SELECT, "--endpoint", server.url + "/query", "--timeout", "1")
    assert status == 1 and "did not answer within 1 s" in one_line_error(output)
    status, output = kg("who-met", "Wang Zilian", "--endpoint", server.url + "/query", "--timeout", "1")
    assert status == 1 and "did not answer within 1 s" in one_line_error(output)
    assert time.monotonic() - started < 6
    graph = built_graph(tmp_path)
    started = time.monotonic()
    status, output = kg("push", "--endpoint", server.url, "--graph", graph, "--timeout", "1")
    assert status == 1 and "did not answer within 1 s" in one_line_error(output)
    assert time.monotonic() - started < 3


# -- a maximum answer size ----------------------------------------------------------------------------

def test_an_endless_answer_stops_at_the_size_limit(hostile):
    """A 3 GB answer was read whole into memory (MemoryError); now at most max_answer + 1 bytes are read."""
    server = hostile(endless)
    started = time.monotonic()
    with pytest.raises(RemoteError, match=r"answered more than 1,000,000 bytes"):
        sparql_request(server.url + "/query", SELECT, JSON, timeout=30, max_answer=1_000_000)
    assert time.monotonic() - started < 5
    status, output = kg("query", SELECT, "--endpoint", server.url + "/query", "--max-answer", "2")
    assert status == 1 and "answered more than 2,097,152 bytes" in one_line_error(output)


def test_an_announced_huge_answer_is_refused_before_it_is_read(hostile):
    def huge(handler: _Handler, body: bytes) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", JSON)
        handler.send_header("Content-Length", str(3 * 1024 ** 3))
        handler.end_headers()
        handler.wfile.write(b"{" * 100_000)
        time.sleep(5)

    server = hostile(huge)
    started = time.monotonic()
    with pytest.raises(RemoteError, match=r"answered more than"):
        sparql_request(server.url + "/query", SELECT, JSON, timeout=30)
    assert time.monotonic() - started < 2


def test_the_max_answer_option_is_for_endpoints():
    status, output = kg("query", "people", "--max-answer", "5")
    assert status == 2 and "--max-answer limits the answers of an --endpoint" in output


# -- malformed answers ----------------------------------------------------------------------------------

MALFORMED = {
    "bad json": (JSON, b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": '),
    "not utf-8": (JSON, b"\xff\xfe\x00{"),
    "wrong shape": (JSON, b'{"head": {}, "results": 5}'),
    "no results": (JSON, b"[]"),
    "unknown term type": (JSON, b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "x", "value": 1}}]}}'),
    "bad xml": ("application/sparql-results+xml", b"<sparql><head>"),
    "bad n-triples": ("application/n-triples", b"<a> <b> ."),
    "html": ("text/html", b"<html><body>It works!</body></html>"),
    "no content type": ("", b"{}"),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_a_malformed_answer_is_a_one_line_error(hostile, name):
    ctype, bad = MALFORMED[name]

    def answer(handler: _Handler, body: bytes) -> None:  # the probe (ASK) answered well, the query not
        if b"ASK" in body and b"SELECT" not in body:
            handler.send(200, JSON, b'{"head": {}, "boolean": true}')
        else:
            handler.send(200, ctype, bad)

    server = hostile(answer)
    for args in (["query", SELECT], ["query", "people"], ["who-met", "Wang Zilian"], ["path", "a", "b"],
                 ["export", "--format", "csv", "-o", "/nonexistent/never-written"]):
        status, output = kg(*args, "--endpoint", server.url + "/query")
        line = one_line_error(output)
        assert status == 1 and server.url in line and ("malformed" in line or "not SPARQL results" in line), line

    def probe(handler: _Handler, body: bytes) -> None:  # the very first request: the probe of open_graph
        handler.send(200, ctype, bad)

    server = hostile(probe)
    status, output = kg("query", SELECT, "--endpoint", server.url + "/query")
    assert status == 1 and server.url in one_line_error(output)


def test_a_redirect_to_another_scheme_is_not_followed(hostile):
    def redirect(handler: _Handler, body: bytes) -> None:
        handler.send_response(302)
        handler.send_header("Location", "ftp://127.0.0.1:1/etc/passwd")
        handler.end_headers()

    server = hostile(redirect)
    with pytest.raises(RemoteError, match=r"redirected to 'ftp://127.0.0.1:1/etc/passwd', not an http\(s\) URL"):
        sparql_request(server.url + "/query", "ASK {}", JSON, timeout=5)


# -- kg push checks what the server holds ------------------------------------------------------------

_BUILT: dict[str, Path] = {}


def built_graph(tmp_path: Path) -> Path:
    """The seeds built once for this module (kg.build.pipeline.build)."""
    if "graph" not in _BUILT:
        from kg.build.pipeline import build

        build([SEEDS], tmp_path / "out", maps=False)
        _BUILT["graph"] = tmp_path / "out" / "graph.ttl"
    return _BUILT["graph"]


def forgetful(handler: _Handler, body: bytes) -> None:
    """A server that answers 204 to every PUT, keeps nothing, and answers queries truthfully: no triples."""
    if handler.command == "PUT":
        handler.send_response(204)
        handler.end_headers()
    elif b"GROUP+BY" in body:
        handler.send(200, JSON, b'{"head": {"vars": ["g", "c"]}, "results": {"bindings": []}}')
    else:
        handler.send(200, JSON, json.dumps({"head": {"vars": ["c"]}, "results": {"bindings": [
            {"c": {"type": "literal", "value": "0", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}).encode())


def test_push_to_a_server_that_keeps_nothing_fails(hostile, tmp_path):
    """`kg push` reported success to any server answering 200; now it counts the triples of each graph."""
    server = hostile(forgetful)
    status, output = kg("push", "--endpoint", server.url, "--graph", built_graph(tmp_path))
    assert status == 1 and "the server did not keep what was pushed" in output, output
    assert f"at {server.url}/query" in output and "other graphs" in output
    puts = [path for method, path, _ in server.seen if method == "PUT"]
    assert len(puts) == 9 and all(p.startswith("/store?") for p in puts)  # 5 documents, 3 more graphs, the union
    status, output = kg("push", "--endpoint", server.url, "--graph", built_graph(tmp_path), "--no-verify")
    assert status == 0 and "verified" not in output


def test_push_to_a_server_that_keeps_one_graph_short_fails(hostile, tmp_path):
    nq = built_graph(tmp_path).with_suffix(".nq").read_text(encoding="utf-8").splitlines()
    counts = Counter(line.rsplit(" ", 2)[-2].strip("<>") for line in nq)
    short = min(counts)

    def almost(handler: _Handler, body: bytes) -> None:
        if handler.command == "PUT":
            return handler.send(201, "text/plain", b"")
        rows = [{"g": {"type": "uri", "value": g}, "c": {"type": "literal", "value": str(n - (g == short))}}
                for g, n in counts.items()]
        handler.send(200, JSON, json.dumps({"head": {"vars": ["g", "c"]}, "results": {"bindings": rows}}).encode())

    server = hostile(almost)
    status, output = kg("push", "--endpoint", server.url, "--graph", built_graph(tmp_path), "--no-default-graph")
    assert status == 1 and f"<{short}> holds {counts[short] - 1} triples" in output, output
    assert f"{counts[short]} were sent" in output and "other graph" not in output


def test_query_url_is_beside_the_store():
    from kg.ask.remote import query_url

    assert query_url("http://h:7878") == "http://h:7878/query"
    assert query_url("http://h:7878/store") == "http://h:7878/query"
    assert query_url("http://h:7878/query") == "http://h:7878/query"
    assert query_url("http://h:8890/sparql-graph-crud") == "http://h:8890/sparql"


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0"])
def test_push_refuses_a_timeout_that_is_not_a_positive_number(value, tmp_path):
    status, output = kg("push", "--endpoint", "http://127.0.0.1:9/", "--graph", tmp_path / "g.ttl", "--timeout", value)
    assert status == 2 and "Invalid value for '--timeout'" in output


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/\udcff", "http://h\udcff:9/", "http://127.0.0.1:9/a b",
                                 "http://127.0.0.1:9/\x1b[2J", "http://127.0.0.1:9/é"])
def test_an_endpoint_url_http_cannot_send_is_refused_in_one_line(url, tmp_path):
    """A lone surrogate (an undecodable byte of the command line) in the URL was reported as a broken answer."""
    for args in (["query", "people", "--endpoint", url], ["push", "--endpoint", url, "--graph", built_graph(tmp_path)]):
        status, output = kg(*args)
        assert status == 1 and "not an http(s) URL" in one_line_error(output) and "\x1b" not in output

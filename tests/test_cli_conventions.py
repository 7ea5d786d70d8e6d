"""CLI conventions an analyst relies on: a build that cannot read anything changes nothing, conflicting
options and misspellings are usage errors that say what to do, dates by year or month, names by
surname or in Western order, tables aligned in terminal cells."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.ask.query import cells_width
from kg.cli import main
from tests.helpers import SEEDS


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("conventions") / "out"
    run = CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(out), "--no-maps", "-q"])
    assert run.exit_code == 0, run.output
    return out


def kg(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("make", ["missing", "empty", "unreadable"])
def test_a_build_with_nothing_to_read_leaves_the_outputs_as_they_were(built, tmp_path, make):
    before = (built / "graph.ttl").read_bytes()
    target = tmp_path / "in"
    if make != "missing":
        target.mkdir()
    if make == "unreadable":
        (target / "a.txt").write_bytes(b"")
    run = kg("build", target, "--out", built, "--no-maps", "-q")
    assert run.exit_code == 2 and "Traceback" not in run.output
    assert ("no such file" in run.output) if make == "missing" else ("no readable article" in run.output)
    assert (built / "graph.ttl").read_bytes() == before


def test_a_build_outside_the_project_says_what_to_pass(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = kg("build")
    assert run.exit_code == 2 and "give the articles to build" in run.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["who-met", "--all", "Wang Zilian"], "not both"),
    (["map", "--view", "whole", "--ego", "Wang Zilian"], "--ego draws the ego view"),
    (["path", "Wang Zilian", "王子联"], "the same node"),
])
def test_conflicting_arguments_are_usage_errors(built, args, message):
    run = kg(*args, "--graph", built / "graph.ttl")
    assert run.exit_code == 2 and message in run.output


def test_a_misspelled_named_query_gets_a_suggestion(built):
    run = kg("query", "who-mett", "--graph", built / "graph.ttl")
    assert run.exit_code == 1 and "did you mean who-met" in run.output and "syntax" not in run.output


@pytest.mark.parametrize(("since", "until", "count"), [("2021", "2021", 6), ("2021-11", None, 0), (None, "2021-10", 6),
                                                       ("2022", None, 0)])
def test_dates_by_year_or_month(built, since, until, count):
    args = ["who-met", "Wang Zilian", "--graph", built / "graph.ttl", "--format", "json"]
    args += ["--since", since] if since else []
    args += ["--until", until] if until else []
    run = kg(*args)
    assert run.exit_code == 0, run.output
    assert run.output.count('"a": "Wang Zilian"') == count


def test_a_surname_alone_lists_its_bearers_and_western_order_is_read(built):
    run = kg("who-met", "Wang", "--graph", built / "graph.ttl")
    assert run.exit_code == 1 and "kg who-met wang-zilian" in run.output
    assert kg("who-met", "Zilian Wang", "--graph", built / "graph.ttl").output == \
        kg("who-met", "Wang Zilian", "--graph", built / "graph.ttl").output


def test_tables_align_in_terminal_cells(built):
    run = kg("query", "people", "--graph", built / "graph.ttl")
    lines = run.output.splitlines()[:-1]  # the last line counts the rows
    assert any(any("\u4e00" <= c <= "\u9fff" for c in line) for line in lines)
    assert len({cells_width(line) for line in lines}) == 1  # every cell padded to its column's width in cells
    assert len({len(line) for line in lines}) > 1  # which code points alone would not give


def test_documents_kg_cannot_read_are_reported_not_ignored(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.pdf").write_bytes(b"%PDF-1.4")
    (corpus / "b.docx").write_bytes(b"PK\x03\x04")
    (corpus / "notes.json").write_text("{}")  # not an article format: ignored in a folder
    (corpus / "c.txt").write_text((SEEDS / "2022-01-17_en_songyuan-auto-city-cooperation.txt").read_text(encoding="utf-8"),
                                  encoding="utf-8")
    run = kg("build", corpus, "--out", tmp_path / "out", "--no-maps", "-q")
    assert run.exit_code == 0, run.output
    assert "a.pdf: unsupported format: PDF" in run.output and "b.docx: unsupported format: Word" in run.output
    assert "notes.json" not in run.output


def kg_in(stdin: bytes | str, *args: str):
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin)


COUNT = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a kgo:Person }"


def test_the_query_and_the_graph_come_from_stdin(built):
    graph = built / "graph.ttl"
    expected = kg("query", COUNT, "--graph", graph, "--format", "csv").output
    assert expected.splitlines()[1] != "0"
    assert kg_in(COUNT, "query", "-", "--graph", graph, "--format", "csv").output == expected
    for source in ("graph.ttl", "graph.nq"):  # Turtle or N-Quads
        run = kg_in((built / source).read_bytes(), "query", COUNT, "--graph", "-", "--format", "csv")
        assert run.exit_code == 0 and run.output == expected, run.output
    both = kg_in(COUNT, "query", "-", "--graph", "-")
    assert both.exit_code == 2 and "only one of QUERY and --graph" in both.output
    bad = kg_in("not RDF at all", "query", COUNT, "--graph", "-")
    assert bad.exit_code == 1 and "cannot read <stdin>" in bad.output and "Traceback" not in bad.output


def test_exports_and_maps_go_to_stdout_not_to_a_file_named_dash(built, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    graph = built / "graph.ttl"
    gexf = kg("export", "--format", "gexf", "-o", "-", "--graph", graph)
    assert gexf.exit_code == 0 and gexf.output.startswith("<?xml") and "Wang Zilian" in gexf.output
    page = kg("map", "-o", "-", "--graph", graph)
    assert page.exit_code == 0 and page.stdout.startswith("<!DOCTYPE html>") and "Who met whom" in page.stderr
    nquads = kg_in((built / "graph.nq").read_bytes(), "export", "--format", "nquads", "-o", "-", "--graph", "-")
    assert nquads.exit_code == 0
    assert sorted(nquads.output.splitlines()) == sorted((built / "graph.nq").read_text(encoding="utf-8").splitlines())
    folder = kg("export", "--format", "kumu", "-o", "-", "--graph", graph)
    assert folder.exit_code == 2 and "give -o FOLDER" in folder.output
    assert list(tmp_path.iterdir()) == []  # no file called "-"


def test_a_misspelled_file_gets_the_closest_names(built, monkeypatch):
    monkeypatch.chdir(SEEDS.parent)
    graph = str(built / "graph.ttl")
    run = kg("query", "queries/who-mett.rq", "--graph", graph)
    assert run.exit_code == 1 and "no such query file: queries/who-mett.rq; did you mean queries/who-met.rq" in run.output
    run = kg("query", "people", "--graph", graph[:-1])
    assert run.exit_code == 1 and f"no such graph file: {graph[:-1]}; did you mean {graph}" in run.output
    run = kg("build", "sedds", "--out", built)
    assert run.exit_code == 2 and "no such file or folder: sedds; did you mean seeds?" in run.output


def test_a_printed_iri_pastes_back_into_a_query(built):
    graph = built / "graph.ttl"
    table = kg("query", "SELECT ?p ?role WHERE { ?x kgo:participant ?p ; kgo:role ?role } ORDER BY ?p ?role LIMIT 1",
               "--graph", graph).output.splitlines()
    person, role = table[2].split()
    assert person.startswith("<https://w3id.org/kg-jilin/id/person/") and role.startswith("kgo:")
    again = kg("query", f"SELECT ?x WHERE {{ ?x kgo:participant {person} ; kgo:role {role} }}", "--graph", graph)
    assert again.exit_code == 0 and "(0 rows)" not in again.output, again.output


@pytest.mark.parametrize(("cls", "includes"), [
    ("kgo:Event", "kgo:SigningCeremony"), ("org:Organization", "kgo:PartyCommittee"),
    ("foaf:Agent", "kgo:Person"), ("foaf:Agent", "kgo:GovernmentBody"), ("schema:Place", "kgo:PrefectureCity"),
])
def test_a_superclass_answers_for_its_subclasses(built, cls, includes):
    query = f"ASK {{ ?x a {includes} . FILTER NOT EXISTS {{ ?x a {cls} }} }}"
    assert kg("query", query, "--graph", built / "graph.ttl").output.strip() == "no"
    some = f"ASK {{ ?x a {includes}, {cls} }}"
    assert kg("query", some, "--graph", built / "graph.ttl").output.strip() == "yes"


def test_roles_and_event_types_are_named_by_the_ontology_everywhere(built, tmp_path):
    import csv
    import json

    from kg.model.vocabulary import term_label

    graph = built / "graph.ttl"
    rows = json.loads(kg("who-met", "Wang Zilian", "--graph", graph, "--format", "json").output)
    assert {r["role_a"] for r in rows} == {"Presiding"} and term_label("https://w3id.org/kg-jilin/ontology#Presided") \
        == "Presiding"
    everyone = json.loads(kg("who-met", "--all", "--graph", graph, "--format", "json").output)
    roles = {r["role_a"] for r in everyone} | {r["role_b"] for r in everyone}
    assert "Delivering a speech" in roles and "DeliveredSpeech" not in roles
    assert "Signing ceremony" in {r["event_type"] for r in everyone}
    assert kg("export", "--format", "kumu", "-o", tmp_path, "--graph", graph).exit_code == 0
    with (tmp_path / "connections.csv").open(encoding="utf-8-sig") as f:
        details = {r["Detail"] for r in csv.DictReader(f)}
    with (tmp_path / "elements.csv").open(encoding="utf-8-sig") as f:
        types = {r["Type"] for r in csv.DictReader(f)}
    assert "Delivering a speech" in details and "Signing ceremony" in types and "SigningCeremony" not in types


def test_quiet_builds_print_nothing(tmp_path):
    run = CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(tmp_path / "out"), "--no-maps", "-q"])
    assert run.exit_code == 0 and run.stdout == "" and run.stderr == ""

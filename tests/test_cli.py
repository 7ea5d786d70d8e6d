"""The command line, through click's CliRunner."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main
from tests.helpers import SEEDS


def test_build_then_validate(tmp_path: Path):
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "read 5 document(s)" in result.output
    assert "conforms" in result.output
    assert str(out / "graph.ttl") in result.output
    assert len(Graph().parse(out / "graph.ttl")) > 0
    result = runner.invoke(main, ["validate", "--graph", str(out / "graph.ttl")])
    assert result.exit_code == 0 and "conforms" in result.output


def test_build_reports_skipped_and_strict_fails(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Mayor visits FAW\n2022-01-17\nThe mayor visited FAW in Changchun.", encoding="utf-8")
    (corpus / "b.txt").write_bytes(b"%PDF-1.7 not text")
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(corpus), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0
    assert "b.txt: binary file: looks like a PDF file" in result.output
    result = runner.invoke(main, ["build", str(corpus), "--out", str(tmp_path / "o"), "--strict"])
    assert result.exit_code == 3


def test_validate_reports_violations(tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix kgo: <https://w3id.org/kg-jilin/ontology#> .\n"
                   "<https://w3id.org/kg-jilin/id/doc/x> a kgo:Document .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--graph", str(bad)])
    assert result.exit_code == 1
    assert "contentHash" in result.output


def test_validate_without_a_graph_says_so(tmp_path: Path):
    result = CliRunner().invoke(main, ["validate", "--graph", str(tmp_path / "none.ttl")])
    assert result.exit_code != 0 and "run `kg build` first" in result.output

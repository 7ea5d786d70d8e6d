"""CLI conventions an analyst relies on: a build that cannot read anything changes nothing, conflicting
options and misspellings are usage errors that say what to do, dates by year or month, names by
surname or in Western order, tables aligned in terminal cells."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query import cells_width

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


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

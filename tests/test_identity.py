"""One official, one node: the hard cases of tests/data/identity (a career across three articles and
two languages, a namesake in another province the same year, post variants, a common name with no
context), and analyst judgements that survive a rebuild from scratch."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal

from kg.ask.lookup import PersonIndex
from kg.cli import main
from kg.model.ns import KGO, PROV
from tests.helpers import DATA

CORPUS = DATA / "identity"


def _nodes(graph: Graph, key: str) -> dict[str, set[str]]:
    """Person nodes whose id starts with `key`, with the documents (file names) that mention them."""
    out: dict[str, set[str]] = {}
    for doc, _, person in graph.triples((None, None, None)):
        if "/person/" in str(person) and str(person).rsplit("/", 1)[-1].startswith(key) and "/doc/" in str(doc) \
                and str(_).endswith("mentions"):
            out.setdefault(str(person).rsplit("/", 1)[-1], set()).add(str(graph.value(doc, KGO.fileName)))
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("identity") / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


def _build(corpus: Path, out: Path) -> Graph:
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--no-maps", "--no-validate", "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    return Graph().parse(out / "graph.ttl")


def test_the_hard_cases_resolve(corpus, tmp_path):
    graph = _build(corpus, tmp_path / "out")
    chen = _nodes(graph, "chen-jianguo")
    assert sorted(map(sorted, chen.values())) == [
        ["a-2019-en-vice-mayor.txt", "b-2020-zh-vice-governor.txt", "c-2021-en-governor.txt"],
        ["d-2020-en-heilongjiang.txt"]]
    career = next(n for n, docs in chen.items() if len(docs) == 3)
    labels = {str(o) for o in graph.objects(graph.namespace_manager.expand_curie(f"kgr:person/{career}"), None)
              if isinstance(o, Literal)}
    assert {"Chen Jianguo", "陈建国"} <= labels
    assert [sorted(d) for d in _nodes(graph, "zhao-xiaojun").values()] == [
        ["e-2022-en-deputy-director.txt", "f-2022-en-vice-director.txt"]]
    assert len(_nodes(graph, "liu-wei")) == 2  # a common name with no context stays apart
    merges = json.loads((tmp_path / "out" / "merges.json").read_text(encoding="utf-8"))
    heilongjiang = [m for m in merges if m["key"] == "chen-jianguo" and not m["merged"]]
    assert heilongjiang and all(any(r["rule"] == "different_province_same_year" for r in m["rules"]) for m in heilongjiang)


def test_a_judgement_survives_a_rebuild_from_scratch(corpus, tmp_path):
    out = tmp_path / "out"
    graph = _build(corpus, out)
    wei = sorted(_nodes(graph, "liu-wei"))
    assert len(wei) == 2
    run = CliRunner().invoke(main, ["merge", wei[0], wei[1], "--why", "the same engineer", "--graph", str(out / "graph.ttl")],
                             env={"KG_USER": "tester"})
    assert run.exit_code == 0, run.output
    judgements = corpus / "judgements.tsv"
    assert judgements.read_text(encoding="utf-8").splitlines()[1].startswith("merge\t")
    shutil.rmtree(out)
    graph = _build(corpus, out)
    assert len(_nodes(graph, "liu-wei")) == 1
    decisions = list(graph.subjects(KGO.decision, Literal("merge")))
    assert len(decisions) == 1 and graph.value(decisions[0], PROV.wasAttributedTo) is not None
    assert "the same engineer" in str(graph.value(decisions[0], KGO.reason))
    judgements.unlink()


def test_split_takes_one_document_out_of_a_node(corpus, tmp_path):
    out = tmp_path / "out"
    graph = _build(corpus, out)
    doc = next(d for d in graph.subjects(KGO.fileName, Literal("c-2021-en-governor.txt")))
    doc_id = str(doc).rsplit("/", 1)[-1]
    run = CliRunner().invoke(main, ["split", "Chen Jianguo, Governor", "--doc", doc_id[:8], "--graph", str(out / "graph.ttl")])
    assert run.exit_code == 0, run.output
    graph = _build(corpus, out)
    assert sorted(map(sorted, _nodes(graph, "chen-jianguo").values())) == [
        ["a-2019-en-vice-mayor.txt", "b-2020-zh-vice-governor.txt"], ["c-2021-en-governor.txt"],
        ["d-2020-en-heilongjiang.txt"]]
    (corpus / "judgements.tsv").unlink()


def test_a_malformed_judgements_file_is_one_line(corpus, tmp_path):
    bad = tmp_path / "j.tsv"
    bad.write_text("merge\tnot-a-ref\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "o"), "--judgements", str(bad),
                                    "--no-maps", "-q"])
    assert run.exit_code == 1 and "j.tsv:1:" in run.output and "Traceback" not in run.output


def test_people_are_named_by_iri_node_id_or_name_with_a_post(corpus, tmp_path):
    out = tmp_path / "out"
    _build(corpus, out)
    g = str(out / "graph.ttl")
    ambiguous = CliRunner().invoke(main, ["who-met", "Chen Jianguo", "--graph", g])
    assert ambiguous.exit_code == 1 and "kg who-met chen-jianguo" in ambiguous.output
    for name in ("chen-jianguo", "kgr:person/chen-jianguo", "<https://w3id.org/kg-jilin/id/person/chen-jianguo>",
                 "Chen Jianguo, Governor", "陈建国 省长", "Chen Jianguo Heilongjiang"):
        run = CliRunner().invoke(main, ["who-met", name, "--graph", g])
        assert run.exit_code == 0, (name, run.output)
    index = PersonIndex(Graph().parse(g))
    assert index.find("Chen Jianguo Heilongjiang").matches[0].posts == (
        "Vice Governor, Heilongjiang Provincial People's Government",)
    assert [p.node_id for p in index.find("Chen Jianguo, Governor").matches] == ["chen-jianguo"]

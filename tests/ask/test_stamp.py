"""A build's own Oxigraph store (kg.ask.stamp): written beside graph.ttl, opened by every reading command when
it holds exactly that graph, and `kg who-met` over it without rdflib."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.ask.oxigraph import KgOxigraphStore
from kg.ask.stamp import STAMP, file_digest, matching_store, store_digest
from kg.ask.store import open_graph
from kg.cli import main
from tests.helpers import SEEDS

NAMES = ["王子联", "Ван Цзылянь", "Wang", "wang zilian", "Zhang Zhijun", "Wang Zilian, Mayor", "Wang Zilyan"]


def kg(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("stamp") / "out"
    result = kg("build", SEEDS, "--out", out, "--no-maps", "--no-validate")
    assert result.exit_code == 0, result.output
    return out


def test_a_build_writes_its_store_and_stamp_and_publishes_them_with_the_graph(out):
    build = (out / "graph.ttl").resolve().parent
    assert (out / "store").resolve() == build / "store" and (out / STAMP).resolve() == build / STAMP
    stamp = json.loads((build / STAMP).read_text(encoding="utf-8"))
    assert stamp["digest"] == file_digest(build / "graph.ttl")
    store, why = matching_store(out / "graph.ttl")
    assert store is not None and why == ""
    assert store_digest(store) == stamp["digest"]


def test_reading_commands_open_the_store_of_the_build_and_answer_as_parsing_would(out, capsys):
    graph = open_graph(graph_path=out / "graph.ttl")
    assert isinstance(graph.store, KgOxigraphStore) and graph.store.named_graphs  # the store, not a parse
    reference = open_graph(graph_path=out / "graph.ttl", engine="rdflib")
    assert len(graph) == len(reference) > 5000
    assert capsys.readouterr().err == ""
    for args in (["query", "people", "--format", "csv"], ["posts", "Wang Zilian"], ["path", "王子联", "李炜姝"]):
        fast = kg(*args, "--graph", out / "graph.ttl")
        slow = kg(*args, "--graph", out / "graph.ttl", "--engine", "rdflib")
        assert fast.exit_code == 0 and fast.output == slow.output, args


@pytest.mark.parametrize("name", NAMES)
def test_who_met_over_the_store_gives_what_rdflib_gives(out, name):
    for fmt in ("json", "table"):
        fast = kg("who-met", name, "--graph", out / "graph.ttl", "--format", fmt)
        slow = kg("who-met", name, "--graph", out / "graph.ttl", "--format", fmt, "--engine", "rdflib")
        assert fast.exit_code == slow.exit_code and fast.output == slow.output, (name, fmt)
    fast = kg("who-met", "--all", "--graph", out / "graph.ttl", "--format", "json")
    assert fast.output == kg("who-met", "--all", "--graph", out / "graph.ttl", "--format", "json",
                             "--engine", "rdflib").output and len(json.loads(fast.output)) > 20


def _who_met_loading(out, name: str, modules: tuple[str, ...]) -> tuple[str, list[bool]]:
    """The output of `kg who-met NAME` over the build `out`, run in a fresh interpreter, and whether each
    of `modules` was imported."""
    code = ("import sys; from kg.cli import main\n"
            "try:\n    main(['who-met', sys.argv[2], '--graph', sys.argv[1]])\n"
            "except SystemExit:\n    pass\n"
            f"print(*[m in sys.modules for m in {modules!r}])")
    done = subprocess.run([sys.executable, "-c", code, str(out / "graph.ttl"), name], capture_output=True, text=True,
                          check=True)
    *lines, loaded = done.stdout.strip().splitlines()
    return "\n".join(lines), [word == "True" for word in loaded.split()]


def test_who_met_over_the_store_loads_no_rdflib(out):
    output, loaded = _who_met_loading(out, "王子联", ("rdflib", "networkx", "pyvis"))
    assert "Wang Zilian" in output and loaded == [False, False, False]


@pytest.mark.parametrize("name", ["李炜姝", "Li Weishu", "Ли Вэйшу", "li-weishu"])
def test_who_met_of_a_name_as_the_graph_spells_it_makes_no_pinyin(out, name):
    output, loaded = _who_met_loading(out, name, ("pypinyin", "kg.ask.lookup"))
    assert "Li Weishu (" in output and loaded == [False, True]  # the build's meeting index knew its key
    output, loaded = _who_met_loading(out, "li  WEISHU", ("pypinyin",))  # a spelling of its own: a key is made
    assert "Li Weishu (" in output and loaded == [True]


def test_a_graph_changed_after_its_build_is_parsed_and_the_reader_is_told_once(out, tmp_path, capsys, monkeypatch):
    copy = tmp_path / "out"
    shutil.copytree((out / "graph.ttl").resolve().parent, copy)
    with open(copy / "graph.ttl", "a", encoding="utf-8") as f:
        f.write("<https://w3id.org/kg-jilin/id/x> <https://w3id.org/kg-jilin/id/y> \"added\" .\n")
    assert matching_store(copy / "graph.ttl") == (None, "graph.ttl changed after its build")
    for _ in range(2):
        graph = open_graph(graph_path=copy / "graph.ttl")
        assert not graph.store.named_graphs  # parsed into memory: the added triple is there
        assert len(graph) == len(open_graph(graph_path=out / "graph.ttl")) + 1
    err = capsys.readouterr().err
    assert err.count("note: parsing") == 1 and "changed after its build" in err
    stamp = json.loads((copy / STAMP).read_text(encoding="utf-8"))
    stamp.update(size=(copy / "graph.ttl").stat().st_size, mtime_ns=(copy / "graph.ttl").stat().st_mtime_ns,
                 digest=file_digest(copy / "graph.ttl"))
    (copy / STAMP).write_text(json.dumps(stamp), encoding="utf-8")  # a stamp for the file, not the store
    assert matching_store(copy / "graph.ttl") == (None, "its store holds another build")
    monkeypatch.setattr("kg.ask.stamp._NOTED", set())
    result = kg("who-met", "王子联", "--graph", copy / "graph.ttl", "--format", "json")
    assert result.exit_code == 0 and "holds another build" in result.output


def test_a_latin_name_is_looked_up_without_converting_han_script(out):
    """The build caches the folded names (people.json): looking up "Wang Zilian" loads no Han-script
    converter (zhconv, which imported pkg_resources: 0.2 s of every call), and still finds him."""
    output, loaded = _who_met_loading(out, "Wang Zilian", ("zhconv",))
    assert "Liu Dianxun" in output and loaded == [False]

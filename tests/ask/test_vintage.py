"""A graph built by an older kg (its ontology lacks terms this kg's defines) is named as such, once, on
stderr, by the reading commands; a current graph, or one that is not kg's, gets no note."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from kg.ask.vintage import ontology_terms
from kg.cli import main
from kg.model.ns import KGO
from kg.rdf.build import union_graph

NEWER = {KGO.Tie, KGO.tieBetween, KGO.sharedEvent}


@pytest.fixture(scope="module")
def graphs(seed_build, tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("vintage")
    current = union_graph(seed_build.dataset)
    older = Graph()
    for s, p, o in current:
        if s not in NEWER and not (p == KGO.tieBetween or p == KGO.sharedEvent):
            older.add((s, p, o))
    foreign = Graph()
    foreign.add((URIRef("http://example.org/a"), URIRef("http://example.org/knows"), URIRef("http://example.org/b")))
    out = {}
    for name, g in (("current", current), ("older", older), ("foreign", foreign)):
        out[name] = str(folder / f"{name}.ttl")
        g.serialize(out[name], format="turtle")
    return out


def test_the_ontology_terms_are_read_from_kg_ttl():
    assert {str(t) for t in NEWER} <= ontology_terms() and str(KGO.Person) in ontology_terms()


@pytest.mark.parametrize("command", [["query", "people"], ["who-met", "Wang Zilian"]])
def test_an_older_build_is_named_once_on_stderr(graphs, command):
    run = CliRunner().invoke(main, [*command, "--graph", graphs["older"]])
    assert run.exit_code == 0, run.output
    notes = [line for line in run.stderr.splitlines() if "built by an older kg" in line]
    assert len(notes) == 1 and "kgo:Tie" in notes[0] and "kgo:sharedEvent" in notes[0] and graphs["older"] in notes[0]
    assert "built by an older kg" not in run.stdout


@pytest.mark.parametrize("name", ["current", "foreign"])
def test_a_current_or_foreign_graph_gets_no_note(graphs, name):
    run = CliRunner().invoke(main, ["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--graph", graphs[name]])
    assert run.exit_code == 0, run.output
    assert "older kg" not in run.stderr

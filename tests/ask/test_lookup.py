"""kg.ask.lookup.find_person: the one resolver of a person's name, used by every command that takes one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.ask.lookup import PersonError, PersonIndex, find_person
from kg.cli import main

_PEOPLE = """
@prefix kgo: <https://w3id.org/kg-jilin/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/kg-jilin/id/person/wang-yan> a kgo:Person ; kgo:nameKey "wang-yan" ;
    skos:prefLabel "Wang Yan"@en, "王岩"@zh .
<https://w3id.org/kg-jilin/id/person/wang-yan-2> a kgo:Person ; kgo:nameKey "wang-yan" ;
    skos:prefLabel "Wang Yan"@en .
<https://w3id.org/kg-jilin/id/person/wang-zilian> a kgo:Person ; kgo:nameKey "wang-zilian" ;
    skos:prefLabel "Wang Zilian"@en, "王子联"@zh .
"""


@pytest.fixture(scope="module")
def people(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("lookup") / "graph.ttl"
    path.write_text(_PEOPLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def index(people) -> PersonIndex:
    return PersonIndex(Graph().parse(people))


def test_one_person_by_any_name(index):
    assert find_person(index, "王子联").node_id == "wang-zilian"
    assert find_person(index, "wang-yan-2").node_id == "wang-yan-2"


def test_an_ambiguous_name_lists_the_candidates_to_paste_back(index):
    with pytest.raises(PersonError) as err:
        find_person(index, "Wang Yan", "kg who-met {}")
    assert str(err.value) == ("'Wang Yan' names 2 people, name one: kg who-met wang-yan (Wang Yan (王岩)); "
                              "kg who-met wang-yan-2 (Wang Yan)")


def test_an_unknown_name_suggests_close_names(index):
    with pytest.raises(PersonError, match=r"^no person is called 'Wang Zilan'; did you mean: Wang Zilian\?$"):
        find_person(index, "Wang Zilan")
    with pytest.raises(PersonError, match=r"^no person called 'Wang Zilan' in g.ttl. Did you mean: Wang Zilian\?$"):
        find_person(index, "Wang Zilan", source="g.ttl")
    with pytest.raises(PersonError, match=r"^no person is called 'Nobody'$"):
        find_person(index, "Nobody")


@pytest.mark.parametrize("args, paste", [
    (["who-met", "{}"], "kg who-met wang-yan ("),
    (["person", "{}"], "kg person wang-yan ("),
    (["posts", "{}"], "kg posts wang-yan ("),
    (["query", "posts-of", "--param", "person={}"], "--param person=wang-yan ("),
    (["merge", "{}", "wang-zilian", "--judgements", "J"], " wang-yan ("),
    (["path", "{}", "wang-zilian"], " https://w3id.org/kg-jilin/id/person/wang-yan (Wang Yan)"),
    (["map", "--ego", "{}", "-o", "-"], " https://w3id.org/kg-jilin/id/person/wang-yan (Wang Yan)"),
])
def test_every_command_resolves_a_name_the_same_way(people, tmp_path, args, paste):
    def run(name: str):
        argv = [a.format(name) if a != "J" else str(tmp_path / "j.tsv") for a in args]
        return CliRunner().invoke(main, [*argv, "--graph", str(people)])

    noun = "actors" if args[0] in ("path", "map") else "people"
    ambiguous = run("Wang Yan")
    assert ambiguous.exit_code == 1, ambiguous.output
    assert ambiguous.output.startswith(f"Error: 'Wang Yan' names 2 {noun}, name one:") and paste in ambiguous.output
    assert ambiguous.output.count("\n") == 1
    unknown = run("Wang Zilan")
    assert unknown.exit_code == 1 and "Wang Zilan" in unknown.output and "did you mean: wang zilian?" in \
        unknown.output.lower(), unknown.output
    assert not (tmp_path / "j.tsv").exists()

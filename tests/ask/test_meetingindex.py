"""The build's who-met rows by person (kg.ask.meetingindex): the queries' own rows, and who-met over them
says what the queries say."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.ask.lookup import PersonIndex
from kg.ask.meetingindex import COLUMNS, MEETINGS, QUERY_COLUMNS, MeetingIndex, write_meetings
from kg.ask.reader import StoreReader
from kg.ask.whomet import all_pairs, query_rows, who_met
from kg.cli import main
from tests.helpers import DATA, SEEDS

OFFICES = DATA / "offices"  # a corpus with an inferred meeting


def _build(out: Path, corpus: Path) -> Path:
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--no-maps", "--no-validate", "-q"])
    assert result.exit_code == 0, result.output
    return (out / "graph.ttl").resolve().parent


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("meetings") / "out", SEEDS)


@pytest.fixture(scope="module")
def inferred_folder(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("offices-corpus")
    for path in [*SEEDS.iterdir(), *OFFICES.glob("*.txt")]:
        (corpus / path.name).write_bytes(path.read_bytes())
    return _build(tmp_path_factory.mktemp("offices") / "out", corpus)


def _query_side(folder: Path) -> StoreReader:
    """A reader of the build's store that does not see its meeting index: who-met runs the queries."""
    return StoreReader(ox.Store.read_only(str(folder / "store")))


def _bag(rows: list[dict]) -> list[tuple]:
    return sorted(tuple("" if r.get(c) is None else r[c] for c in QUERY_COLUMNS) for r in rows)


@pytest.mark.parametrize("which", ["folder", "inferred_folder"])
def test_a_persons_rows_are_the_rows_the_queries_give_with_the_person_bound(which, request):
    folder = request.getfixturevalue(which)
    index, reader = MeetingIndex.open(folder), _query_side(folder)
    assert index is not None
    people = {r["person"] for r in index.rows(None)}
    assert len(people) > 10
    for person in people:
        for stated_only in (False, True):
            assert _bag(index.rows(person, stated_only)) == _bag(query_rows(reader, person, None, stated_only)), person
    assert _bag(index.rows(None)) == _bag(query_rows(reader, None, None))
    if which == "inferred_folder":  # the corpus's unnamed mayor is a row of its own, with its reason
        assert any(r["reason"] for r in index.rows(None)) and not any(r["reason"] for r in index.rows(None, True))


@pytest.mark.parametrize("which", ["folder", "inferred_folder"])
def test_who_met_from_the_index_is_who_met_from_the_queries(which, request):
    folder = request.getfixturevalue(which)
    fast = StoreReader(ox.Store.read_only(str(folder / "store")), folder)
    slow = _query_side(folder)
    people = PersonIndex(fast)
    for iri in sorted({r["person"] for r in MeetingIndex.open(folder).rows(None)}):
        for stated_only in (False, True):
            assert who_met(fast, iri, index=people, stated_only=stated_only) == \
                who_met(slow, iri, index=people, stated_only=stated_only), iri
    assert all_pairs(fast, index=people) == all_pairs(slow, index=people)


def test_the_index_carries_the_labels_and_document_facts_who_met_prints(folder):
    rows = MeetingIndex.open(folder).rows(None)
    assert {r["docLanguage"] for r in rows} == {"en", "zh"}  # the Russian seed reports no meeting
    assert all(r["placeLabel"] for r in rows if r["place"]) and any(r["placeLabel"] == "Changchun" for r in rows)


def test_two_builds_of_one_corpus_write_the_same_index(folder, tmp_path):
    assert (_build(tmp_path / "out", SEEDS) / MEETINGS).read_bytes() == (folder / MEETINGS).read_bytes()


def test_a_missing_or_foreign_index_is_not_used(folder, tmp_path):
    assert MeetingIndex.open(tmp_path) is None and MeetingIndex.open(None) is None
    (tmp_path / MEETINGS).write_bytes(b"not a database")
    assert MeetingIndex.open(tmp_path) is None
    other = tmp_path / "other"
    other.mkdir()
    con = sqlite3.connect(other / MEETINGS)
    con.execute("PRAGMA user_version = 99")
    con.close()
    assert MeetingIndex.open(other) is None


def test_write_meetings_replaces_an_index_and_counts_its_rows(folder, tmp_path):
    (tmp_path / MEETINGS).write_bytes(b"stale")
    count = write_meetings(tmp_path, folder / "store")
    index = MeetingIndex.open(tmp_path)
    assert index is not None and count == len(index.rows(None)) > 20
    assert set(index.rows(None)[0]) == set(COLUMNS)


def _names(person) -> list[str]:
    """Ways an analyst names `person`: every label, reworded, and the ids."""
    names = [*person.labels.values(), person.key, person.node_id, str(person.iri), f"<{person.iri}>",
             f"kgr:person/{person.node_id}"]
    for label in person.labels.values():
        words = label.split()
        names += [label.upper(), label.lower(), f"  {label}  ", " ".join(reversed(words)), words[0], label[:1],
                  f"{label}, Mayor", f"{label} 市长", label.replace("联", "聯")]
    return names


@pytest.mark.parametrize("which", ["folder", "inferred_folder"])
def test_the_index_finds_a_name_only_as_the_person_index_does(which, request):
    folder = request.getfixturevalue(which)
    index, people = MeetingIndex.open(folder), PersonIndex(StoreReader(ox.Store.read_only(str(folder / "store")), folder))
    answered = 0
    for person in people.people.values():
        for name in [*_names(person), "Nobody Here", "", "  ", "Wang", "王", "kgr:person/nobody"]:
            quick, full = index.person(name), people.find(name).matches
            if quick is not None:
                answered += 1
                assert [str(p.iri) for p in full] == [quick], name
        assert index.person(person.node_id) == str(person.iri)
        assert index.person(person.labels.get("en") or person.label) in (str(person.iri), None)
    assert answered > 5 * len(people.people)  # most names are answered from the file


def test_the_index_holds_each_persons_who_met_list_in_order(folder):
    index = MeetingIndex.open(folder)
    slow, people = _query_side(folder), PersonIndex(StoreReader(ox.Store.read_only(str(folder / "store")), folder))
    for iri in sorted({r["person"] for r in index.rows(None)}):
        listed = index.meetings(iri)
        assert listed and listed == who_met(slow, iri, index=people)
        assert [m.date or "0" for m in listed] == sorted((m.date or "0" for m in listed), reverse=True)
    assert index.meetings("https://w3id.org/kg-jilin/id/person/nobody") == []


def test_the_name_keys_the_index_keeps_are_the_keys_names_have(folder):
    from kg.text.names import name_key

    con = sqlite3.connect(folder / MEETINGS)
    try:
        kept = con.execute("SELECT text, key FROM name_key").fetchall()
    finally:
        con.close()
    assert len(kept) > 40 and {"李炜姝", "Li Weishu", "Ли Вэйшу"} <= {text for text, _ in kept}
    assert all(key == name_key(text) for text, key in kept)

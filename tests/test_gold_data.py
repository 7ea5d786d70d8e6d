"""Consistency checks for the hand-made gold annotations in tests/gold/*.json.

Each gold file annotates one document (a seed in seeds/ or a test article in tests/data/articles/):
persons with every surface form, posts, events with participants, agreements and strategy stances.
These tests check that the gold agrees with its document (every form and evidence text occurs
verbatim) and with the reference tables of ontology/reference/ (every title, org, place and
strategy id exists), so that scoring the pipeline against it is meaningful.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache
from pathlib import Path

import pytest

from kg.model import vocabulary
from tests.helpers import ROOT

GOLD_DIR = ROOT / "tests" / "gold"
REFERENCE_DIR = ROOT / "ontology" / "reference"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))

LANGUAGES = {"en", "zh", "ru"}
PERSON_ROLES = {"participant", "author", "cited"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOP_KEYS = {"document", "language", "date", "persons", "posts", "events", "agreements", "stances"}


@cache
def reference_ids(table: str) -> frozenset[str]:
    path = REFERENCE_DIR / f"{table}.csv"
    assert path.exists(), f"missing reference table {path}"
    with path.open(encoding="utf-8", newline="") as fh:
        return frozenset(row["id"].strip() for row in csv.DictReader(fh) if (row.get("id") or "").strip())


def places() -> frozenset[str]:
    return reference_ids("places")


def orgs_or_places() -> frozenset[str]:
    return reference_ids("organizations") | reference_ids("places")


def load(path: Path) -> tuple[dict, str]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    doc = ROOT / gold["document"]
    assert doc.is_file(), f"{path.name}: document {gold['document']} does not exist"
    return gold, doc.read_text(encoding="utf-8")


def test_gold_files_present():
    assert len(GOLD_FILES) >= 14, "expected gold for the 5 seeds and the 9 test articles"
    stems = {p.stem for p in GOLD_FILES}
    for seed in (ROOT / "seeds").glob("*.txt"):
        assert seed.stem in stems, f"no gold for seed {seed.name}"
    for article in (ROOT / "tests" / "data" / "articles").glob("*.txt"):
        assert article.stem in stems, f"no gold for test article {article.name}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_document_and_header(path: Path):
    gold, _ = load(path)
    assert set(gold) == TOP_KEYS, f"{path.name}: keys {sorted(gold)}"
    assert Path(gold["document"]).stem == path.stem, "gold file must be named after its document"
    assert gold["language"] in LANGUAGES
    assert DATE.match(gold["date"])
    assert path.stem.startswith(gold["date"]), "date must match the document file name"
    assert f"_{gold['language']}_" in path.stem, "language must match the document file name"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_persons(path: Path):
    gold, text = load(path)
    ids = [p["id"] for p in gold["persons"]]
    assert len(ids) == len(set(ids)), f"duplicate person ids in {path.name}"
    for person in gold["persons"]:
        assert SLUG.match(person["id"]), person["id"]
        assert person["name_en"].strip()
        assert person["role"] in PERSON_ROLES, person
        assert person["forms"], f"{person['id']}: no forms"
        assert len(person["forms"]) == len(set(person["forms"])), f"{person['id']}: repeated form"
        for form in person["forms"]:
            assert form in text, f"{path.name}: form {form!r} of {person['id']} not in document"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_posts(path: Path):
    gold, text = load(path)
    persons = {p["id"] for p in gold["persons"]}
    for post in gold["posts"]:
        assert post["person"] in persons, f"post of unknown person {post['person']}"
        assert post["title"] in reference_ids("titles"), f"unknown title id {post['title']!r}"
        if post["org"] is not None:
            assert post["org"] in orgs_or_places(), f"unknown org id {post['org']!r}"
        assert post["text"] in text, f"{path.name}: post text not in document: {post['text']!r}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_events(path: Path):
    gold, text = load(path)
    roles = {p["id"]: p["role"] for p in gold["persons"]}
    event_ids = [e["id"] for e in gold["events"]]
    assert len(event_ids) == len(set(event_ids)), "duplicate event ids"
    for event in gold["events"]:
        assert event["type"] in vocabulary.event_types(), event["type"]
        assert event["date"] is None or DATE.match(event["date"])
        if event["place"] is not None:
            assert event["place"] in places(), f"unknown place id {event['place']!r}"
        assert event["text"] in text, f"{path.name}: event text not in document: {event['text']!r}"
        seen = set()
        for part in event["participants"]:
            person = part["person"]
            assert person in roles, f"{event['id']}: unknown participant {person}"
            assert roles[person] == "participant", f"{event['id']}: {person} is {roles[person]}, not a participant"
            assert part["role"] in vocabulary.roles(), part
            assert (person, part["role"]) not in seen, f"{event['id']}: repeated participation {part}"
            seen.add((person, part["role"]))


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_agreements(path: Path):
    gold, text = load(path)
    for agreement in gold["agreements"]:
        for party in agreement["parties"]:
            assert party in orgs_or_places(), f"unknown agreement party {party!r}"
        assert agreement["date"] is None or DATE.match(agreement["date"])
        assert agreement["projects"] is None or isinstance(agreement["projects"], int)
        assert agreement["amount"] is None or isinstance(agreement["amount"], (int, float))
        assert (agreement["amount"] is None) == (agreement["currency"] is None)
        assert agreement["text"] in text, f"{path.name}: agreement text not in document: {agreement['text']!r}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_stances(path: Path):
    gold, text = load(path)
    persons = {p["id"] for p in gold["persons"]}
    for stance in gold["stances"]:
        actor = stance["actor"]
        assert actor in persons or actor in orgs_or_places(), f"unknown stance actor {actor!r}"
        assert stance["strategy"] in reference_ids("strategies"), f"unknown strategy {stance['strategy']!r}"
        assert stance["text"] in text, f"{path.name}: stance text not in document: {stance['text']!r}"


def test_person_ids_consistent_across_files():
    """The same id names the same person everywhere: one English name per id across all gold files."""
    names: dict[str, set[str]] = {}
    for path in GOLD_FILES:
        gold = json.loads(path.read_text(encoding="utf-8"))
        for person in gold["persons"]:
            names.setdefault(person["id"], set()).add(person["name_en"])
    clashes = {pid: n for pid, n in names.items() if len(n) > 1}
    assert not clashes, f"ids used for differently named persons: {clashes}"

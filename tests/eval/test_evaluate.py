"""Tests of the extraction scorer (kg.eval.evaluate) on tiny hand-built gold and fake extractions."""

from __future__ import annotations

import datetime as dt
import json
import sys
import types
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from kg.eval.evaluate import (
    Report,
    Score,
    compare_agreements,
    compare_events,
    compare_merges,
    compare_participants,
    compare_persons,
    compare_posts,
    compare_stances,
    compare_who_met,
    evaluate,
    gold_key,
    government_places,
    load_gold,
)
from kg.extract.facts import (
    AUTHOR,
    AgreementMention,
    EventMention,
    Extraction,
    Participant,
    PersonMention,
    PostMention,
    StanceMention,
)

DOC_A = "seeds/a.txt"
DOC_B = "seeds/b.txt"


def person(key: str, kind: str = "participant", lang: str = "en") -> PersonMention:
    return PersonMention(0, len(key), key, key, lang, kind)


def gold_doc(doc: str = DOC_A, lang: str = "en", persons=(), posts=(), events=(), agreements=(),
             stances=()) -> dict:
    return {"document": doc, "language": lang, "date": "2021-10-19",
            "persons": [{"id": i, "name_en": i, "forms": [i], "role": r} for i, r in persons],
            "posts": list(posts), "events": list(events), "agreements": list(agreements),
            "stances": list(stances)}


GOLD = gold_doc(
    persons=[("zhang-zhijun", "participant"), ("wang-zilian", "participant"),
             ("li-jun-2", "participant"), ("xi-jinping", "cited"), ("liu-reporter", "author")],
    posts=[{"person": "zhang-zhijun", "title": "secretary",
            "org": "cpc-changchun-municipal-committee", "text": "..."},
           {"person": "wang-zilian", "title": "mayor", "org": "changchun", "text": "..."}],
    events=[{"id": "e1", "type": "Conference", "date": "2021-10-19", "place": "changchun",
             "participants": [{"person": "zhang-zhijun", "role": "DeliveredSpeech"},
                              {"person": "wang-zilian", "role": "Presided"},
                              {"person": "li-jun-2", "role": "Attended"}], "text": "..."}],
    agreements=[{"parties": [], "date": None, "projects": 18, "amount": 21000000000,
                 "currency": "CNY", "text": "..."}],
    stances=[{"actor": "zhang-zhijun", "strategy": "one-pillar-six-pairs", "text": "..."}],
)


def perfect() -> Extraction:
    return Extraction(
        persons=[person("zhang-zhijun"), person("wang-zilian"), person("li-jun"),
                 person("xi-jinping", "cited"), person("liu-reporter", AUTHOR)],
        posts=[PostMention(0, 1, "zhang-zhijun", "secretary", "cpc-changchun-municipal-committee"),
               PostMention(0, 1, "wang-zilian", "mayor", "changchun")],
        events=[EventMention(0, 10, "Conference", dt.date(2021, 10, 19), "changchun", participants=[
            Participant("zhang-zhijun", "DeliveredSpeech", 0, 1),
            Participant("wang-zilian", "Presided", 0, 1),
            Participant("li-jun", "Attended", 0, 1)])],
        agreements=[AgreementMention(0, 1, projects=18, amount=Decimal("21000000000.00"),
                                     currency="CNY")],
        stances=[StanceMention(0, 1, "person:zhang-zhijun", "one-pillar-six-pairs", "Promotes")],
    )


# ----------------------------------------------------------------------------------- Score

def test_score_arithmetic_and_ratios():
    s = Score(2, 1, 1) + Score(1, 0, 2)
    assert (s.tp, s.fp, s.fn) == (3, 1, 3)
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(0.5)
    assert s.f1 == pytest.approx(0.6)


def test_score_edge_cases():
    empty = Score(0, 0, 0)
    assert (empty.precision, empty.recall, empty.f1) == (1.0, 1.0, 1.0)
    assert Score(0, 3, 0).f1 == 0.0 and Score(0, 3, 0).precision == 0.0
    assert Score(0, 0, 3).recall == 0.0 and Score(0, 0, 3).f1 == 0.0
    assert Score.of({1, 2}, {2, 3}) == Score(1, 1, 1)


@given(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50))
def test_score_bounds(tp, fp, fn):
    s = Score(tp, fp, fn)
    for v in (s.precision, s.recall, s.f1):
        assert 0.0 <= v <= 1.0
    assert min(s.precision, s.recall) - 1e-12 <= s.f1 <= max(s.precision, s.recall) + 1e-12


# --------------------------------------------------------------------------- comparisons

def test_gold_key_strips_suffix():
    assert gold_key("li-jun-2") == "li-jun"
    assert gold_key("li-jun") == "li-jun"
    assert gold_key("zhang-zhijun") == "zhang-zhijun"


@pytest.mark.parametrize("compare", [compare_persons, compare_posts, compare_participants,
                                     compare_who_met, compare_events, compare_agreements,
                                     compare_stances])
def test_perfect_match_gives_f1_one(compare):
    g, s = compare(GOLD, perfect())
    assert g, "the fixture should exercise every kind"
    assert g == s
    assert Score.of(g, s).f1 == 1.0


def test_persons_all_roles_and_suffix():
    g, _ = compare_persons(GOLD, Extraction())
    assert g == {(DOC_A, k) for k in ("zhang-zhijun", "wang-zilian", "li-jun", "xi-jinping",
                                      "liu-reporter")}


def test_missed_person_lowers_recall():
    ex = perfect()
    ex.persons = [p for p in ex.persons if p.key != "wang-zilian"]
    sc = Score.of(*compare_persons(GOLD, ex))
    assert sc.precision == 1.0
    assert sc.recall == pytest.approx(4 / 5)
    assert sc.fn == 1


def test_spurious_who_met_pair_lowers_precision():
    ex = perfect()
    ex.persons.append(person("zhao-yi"))
    ex.events[0].participants.append(Participant("zhao-yi", "Attended", 0, 1))
    g, s = compare_who_met(GOLD, ex)
    assert g == {(DOC_A, "wang-zilian", "zhang-zhijun"), (DOC_A, "li-jun", "wang-zilian"),
                 (DOC_A, "li-jun", "zhang-zhijun")}
    sc = Score.of(g, s)
    assert sc.recall == 1.0 and sc.fp == 3 and sc.precision == pytest.approx(0.5)


def test_who_met_only_participant_role_and_same_event():
    gold = gold_doc(persons=[("a-a", "participant"), ("b-b", "participant"), ("c-c", "cited")],
                    events=[{"id": "e1", "type": "Meeting", "date": None, "place": None, "text": "",
                             "participants": [{"person": "a-a", "role": "Met"},
                                              {"person": "c-c", "role": "Met"}]},
                            {"id": "e2", "type": "Meeting", "date": None, "place": None, "text": "",
                             "participants": [{"person": "b-b", "role": "Met"}]}])
    ex = Extraction(persons=[person("a-a"), person("b-b"), person("c-c", "cited")],
                    events=[EventMention(0, 1, "Meeting", participants=[
                        Participant("a-a", "Met", 0, 1), Participant("c-c", "Met", 0, 1)]),
                        EventMention(2, 3, "Meeting", participants=[
                            Participant("b-b", "Met", 2, 3), Participant("a-a", "Met", 2, 3)])])
    g, s = compare_who_met(gold, ex)
    assert g == set()
    assert s == {(DOC_A, "a-a", "b-b")}


def test_lenient_org_mapping():
    gold = gold_doc(persons=[("wang-zilian", "participant")],
                    posts=[{"person": "wang-zilian", "title": "mayor", "org": "changchun", "text": ""}])
    ex = Extraction(posts=[PostMention(0, 1, "wang-zilian", "mayor", "changchun-municipal-government")])
    strict = Score.of(*compare_posts(gold, ex))
    assert strict.f1 == 0.0
    mapping = {"changchun-municipal-government": "changchun"}
    assert Score.of(*compare_posts(gold, ex, mapping)).f1 == 1.0
    assert Score.of(*compare_posts(gold, ex, lambda o: mapping.get(o, o))).f1 == 1.0
    # and the other way round: gold names the body, system the place
    gold["posts"][0]["org"] = "changchun-municipal-government"
    ex.posts[0] = PostMention(0, 1, "wang-zilian", "mayor", "changchun")
    assert Score.of(*compare_posts(gold, ex, mapping)).f1 == 1.0


def test_government_places_from_reference(tmp_path):
    (tmp_path / "organizations.csv").write_text(
        "id,class,en,governs\n"
        "changchun-municipal-government,GovernmentBody,Changchun Government,changchun\n"
        "cpc-changchun-municipal-committee,PartyCommittee,CPC Changchun,changchun\n"
        "faw,Company,FAW,\n", encoding="utf-8")
    assert government_places(tmp_path) == {"changchun-municipal-government": "changchun"}
    both = government_places(tmp_path, ("GovernmentBody", "PartyCommittee"))
    assert both["cpc-changchun-municipal-committee"] == "changchun"


def test_events_and_agreements_tuples():
    ex = perfect()
    ex.events[0].date = None
    g, s = compare_events(GOLD, ex)
    assert g == {(DOC_A, "Conference", "2021-10-19")} and s == {(DOC_A, "Conference", None)}
    g, s = compare_agreements(GOLD, ex)
    assert g == s == {(DOC_A, 18, 21000000000)}


def test_participants_roles_matter():
    ex = perfect()
    ex.events[0].participants[0] = Participant("zhang-zhijun", "Attended", 0, 1)
    sc = Score.of(*compare_participants(GOLD, ex))
    assert (sc.tp, sc.fp, sc.fn) == (2, 1, 1)


# ---------------------------------------------------------------------------------- merges

GOLD_B = gold_doc(DOC_B, "zh", persons=[("zhang-zhijun", "participant"), ("li-jun", "participant")])


def extraction_b() -> Extraction:
    return Extraction(persons=[person("zhang-zhijun", lang="zh"), person("li-jun", lang="zh")])


def test_merges_suffix_rule_gold_different_pair():
    items = [(GOLD, perfect()), (GOLD_B, extraction_b())]
    # a resolver that merges everything with the same key
    g, s = compare_merges(items, lambda doc, key: key)
    assert g == {(DOC_A, "zhang-zhijun", DOC_B, "zhang-zhijun")}
    assert (DOC_A, "li-jun", DOC_B, "li-jun") in s
    sc = Score.of(g, s)
    assert (sc.tp, sc.fp, sc.fn) == (1, 1, 0)


def test_merges_resolver_that_keeps_them_apart_is_perfect():
    items = [(GOLD, perfect()), (GOLD_B, extraction_b())]
    node = {(DOC_A, "li-jun"): "p1", (DOC_B, "li-jun"): "p2"}
    g, s = compare_merges(items, lambda doc, key: node.get((doc, key), key))
    assert g == s
    assert Score.of(g, s).f1 == 1.0


def test_merges_split_person_is_missed_and_only_common_persons_count():
    ex_b = extraction_b()
    ex_b.persons.append(person("nobody-in-gold"))
    items = [(GOLD, perfect()), (GOLD_B, ex_b)]
    g, s = compare_merges(items, lambda doc, key: f"{doc}/{key}")  # never merges
    assert s == set()
    assert Score.of(g, s) == Score(0, 0, 1)


# ---------------------------------------------------------------------------------- evaluate

@dataclass
class FakeDocument:
    path: str
    content_hash: str
    language: str

    @property
    def id(self) -> str:
        return self.content_hash[:16]


class FakeResolution:
    def __init__(self, items):
        self.docs = {d.id for d, _ in items}

    def node_of(self, doc_id: str, key: str) -> str:
        assert doc_id in self.docs
        return key  # merges by name key


@pytest.fixture
def fake_pipeline(monkeypatch):
    """Fake kg.read.documents.read_corpus, kg.extract.document and kg.resolve.people (by file name)."""
    outputs = {"a.txt": perfect(), "b.txt": extraction_b()}
    calls: dict[str, list] = {"read": [], "extract": []}

    def read_corpus(paths):
        calls["read"].append(list(paths))
        docs = [FakeDocument(str(p), f"{i:064x}", "en") for i, p in enumerate(paths) if p.exists()]
        return docs, []

    def extract_document(doc):
        calls["extract"].append(Path(doc.path).name)
        return outputs[Path(doc.path).name]

    documents = types.ModuleType("kg.read.documents")
    documents.read_corpus = read_corpus
    extract = types.ModuleType("kg.extract.document")
    extract.extract_document = extract_document
    resolve = types.ModuleType("kg.resolve.people")
    resolve.resolve_persons = FakeResolution
    for name, module in (("kg.read.documents", documents), ("kg.extract.document", extract),
                         ("kg.resolve.people", resolve)):
        monkeypatch.setitem(sys.modules, name, module)
    return calls


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "repo"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "a.txt").write_text("Zhang Zhijun spoke.", encoding="utf-8")
    (root / "seeds" / "b.txt").write_text("张志军讲话。", encoding="utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "a.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (gold_dir / "b.json").write_text(json.dumps(GOLD_B, ensure_ascii=False), encoding="utf-8")
    return root, gold_dir


def test_load_gold(corpus):
    _, gold_dir = corpus
    golds = load_gold(gold_dir)
    assert [g["document"] for g in golds] == [DOC_A, DOC_B]


def test_evaluate_end_to_end(corpus, fake_pipeline):
    root, gold_dir = corpus
    report = evaluate(gold_dir, root)
    assert isinstance(report, Report)
    assert sorted(fake_pipeline["extract"]) == ["a.txt", "b.txt"]
    for kind in ("persons", "posts", "participants", "who-met", "events", "agreements"):
        assert report.score(kind).f1 == 1.0, kind
    assert report.score("persons", "en") == Score(5, 0, 0)
    assert report.score("persons", "zh") == Score(2, 0, 0)
    # the fake resolver merges the two different Li Juns
    assert report.score("merges") == Score(1, 1, 0)
    assert report.score("merges", "en+zh") == Score(1, 1, 0)
    assert report.errors("merges") == {"missing": [],
                                       "spurious": [(DOC_A, "li-jun", DOC_B, "li-jun")]}

    table = report.table()
    lines = table.splitlines()
    assert lines[0].split() == ["kind", "language", "P", "R", "F1", "tp", "fp", "fn"]
    assert any(line.split()[:2] == ["persons", "all"] for line in lines)
    assert any(line.split()[:2] == ["merges", "en+zh"] for line in lines)
    assert len({len(line) for line in lines[:2]}) == 1  # header and rule aligned
    assert "li-jun" not in table
    assert "li-jun" in report.table(verbose=True)

    data = report.to_json()
    json.dumps(data)  # serializable
    row = next(r for r in data["scores"] if r["kind"] == "merges" and r["language"] == "all")
    assert (row["tp"], row["fp"], row["fn"]) == (1, 1, 0)
    assert data["documents"] == {DOC_A: "en", DOC_B: "zh"}


def test_evaluate_only_selected_docs(corpus, fake_pipeline):
    root, gold_dir = corpus
    report = evaluate(gold_dir, root, docs=[Path(DOC_B)])
    assert fake_pipeline["extract"] == ["b.txt"]
    assert report.languages == {DOC_B: "zh"}
    assert report.score("persons") == Score(2, 0, 0)
    assert report.score("merges") == Score(0, 0, 0)


def test_evaluate_missing_document_counts_as_missed(corpus, fake_pipeline):
    root, gold_dir = corpus
    (root / "seeds" / "b.txt").unlink()
    report = evaluate(gold_dir, root)
    assert report.score("persons", "zh") == Score(0, 0, 2)
    assert any("seeds/b.txt" in n for n in report.notes)

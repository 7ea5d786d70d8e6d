"""kg eval on gold of real articles: the scorer counts as realdev's score.py does, the constructions
written for these tests are read, and the realdev figures hold (in CI, where ../shared is always there)."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.eval.realgold import RealGold, System, evaluate_real, load_real_gold, score_real
from tests.helpers import ROOT

REALDEV = ROOT.parent / "shared" / "realdev"
CONSTRUCTIONS = ROOT / "tests" / "data" / "constructions"

#: The targets of the extraction issue, on all 32 realdev articles.
TARGETS = {"persons_f1": 0.93, "persons_p": 0.92, "who_met_f1": 0.88, "who_met_p": 0.92, "language_who_met_f1": 0.8}


def _realdev() -> Path:
    if not (REALDEV / "gold.json").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{REALDEV} is missing: CI always has ../shared/realdev beside the project")
        pytest.skip(f"the real articles of ../shared/realdev are not beside this clone ({REALDEV})")
    return REALDEV


@pytest.fixture(scope="module")
def realdev_report():
    return evaluate_real(load_real_gold(_realdev()), jobs=2)


def _gold_doc(doc_id: str, persons: list[dict], who_met: list[list[str]], doubtful=()) -> dict:
    return {"doc_id": doc_id, "language": "en", "persons": persons, "events": [], "who_met": who_met,
            "who_met_doubtful": list(doubtful)}


def _person(name: str, role: str = "participant", native: str | None = None) -> dict:
    p = {"canonical_name": name, "surface_forms": [name], "positions": [], "role_in_article": role}
    if native:
        p["native_name"] = native
    return p


def test_precision_counts_nodes_and_recall_counts_people(tmp_path):
    # two nodes stand for one person: precision over 4 nodes, recall over 3 people (as score.py counts)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    gold = RealGold([_gold_doc("a", [_person("Wang Zilian", native="王子联"), _person("Li Ming"),
                                     _person("Zhao Yi"), _person("Chen Shi", role="byline")],
                               [["Li Ming", "Wang Zilian"], ["Wang Zilian", "Zhao Yi"]],
                               doubtful=[["Li Ming", "Zhao Yi"]])], tmp_path)
    system = System(labels={"n1": {"Wang Zilian"}, "n2": {"王子联"}, "n3": {"Li Ming"}, "n4": {"Chen Shi"},
                            "n5": {"Zhao Yi"}},
                    mentioned_in={n: {"a"} for n in ("n1", "n2", "n3", "n4", "n5")},
                    rows=[("n1", "n3", "a"), ("n2", "n3", "a"), ("n3", "n5", "a"), ("n3", "n4", "a")])
    figures = score_real(gold, system).figures["all"]
    assert (figures.persons.right, figures.persons.found) == (4, 4)  # the byline node is left out
    assert (figures.persons.recalled, figures.persons.gold) == (3, 3)
    # Li Ming + Wang Zilian right (through two nodes, counted once); the doubtful pair ignored; the pair
    # with the byline's node spurious; Wang Zilian + Zhao Yi missed
    assert (figures.who_met.right, figures.who_met.found, figures.who_met.gold) == (1, 2, 2)
    assert figures.identity == (0, 0)


def test_a_gold_folder_without_texts_is_refused(tmp_path):
    (tmp_path / "gold.json").write_text(json.dumps({"documents": [_gold_doc("nope", [], [])]}), encoding="utf-8")
    with pytest.raises(ValueError, match="no text for nope"):
        load_real_gold(tmp_path)
    (tmp_path / "gold.json").write_text("[]", encoding="utf-8")
    with pytest.raises(ValueError, match="not a gold file"):
        load_real_gold(tmp_path)


def test_the_constructions_of_real_articles_are_read():
    report = evaluate_real(load_real_gold(CONSTRUCTIONS))
    for language in ("en", "ru", "zh"):
        fig = report.figures[language]
        assert fig.persons.f1 == 1.0, (language, report.table(verbose=True))
        assert fig.who_met.f1 == 1.0, (language, report.table(verbose=True))


def test_realdev_meets_the_targets(realdev_report):
    fig = realdev_report.figures["all"]
    table = realdev_report.table()
    assert fig.persons.f1 >= TARGETS["persons_f1"] and fig.persons.precision >= TARGETS["persons_p"], table
    assert fig.who_met.f1 >= TARGETS["who_met_f1"] and fig.who_met.precision >= TARGETS["who_met_p"], table
    for language in ("en", "ru", "zh"):
        assert realdev_report.figures[language].who_met.f1 >= TARGETS["language_who_met_f1"], table
    assert not fig.false_merges, table


def test_kg_eval_prints_what_score_py_prints(realdev_report, tmp_path):
    out = tmp_path / "out"
    kg = [sys.executable, "-m", "kg.cli"]
    subprocess.run([*kg, "build", str(_realdev() / "docs"), "--out", str(out), "--no-maps", "--no-cache", "-q"],
                   check=True, capture_output=True, cwd=ROOT)
    pairs = subprocess.run([*kg, "who-met", "--all", "--format", "json", "--graph", str(out / "graph.ttl")],
                           check=True, capture_output=True, cwd=ROOT).stdout
    (out / "wm.json").write_bytes(pairs)
    scored = subprocess.run([sys.executable, str(_realdev() / "score.py"), str(_realdev() / "gold.json"),
                             str(out / "graph.ttl"), str(out / "wm.json"), "--min-identity", "0"],
                            capture_output=True, text=True, cwd=ROOT).stdout
    line = re.search(r"persons P=(\S+) R=(\S+) F1=(\S+) \| who-met P=(\S+) R=(\S+) F1=(\S+) \| identity (\d+)/(\d+)",
                     scored)
    assert line, scored
    fig = realdev_report.figures["all"]
    ours = [f"{x:.2f}" for x in (fig.persons.precision, fig.persons.recall, fig.persons.f1,
                                 fig.who_met.precision, fig.who_met.recall, fig.who_met.f1)]
    assert list(line.groups()[:6]) == ours
    assert (int(line.group(7)), int(line.group(8))) == fig.identity
    # every person realdev still splits is a pair `kg review` lists, with the quoted evidence of both sides
    failures = re.search(r"identity failures: (\[.*\])", scored)
    assert failures, scored
    split = [name.split(":")[0] for name in ast.literal_eval(failures.group(1))]
    review = json.loads(subprocess.run([*kg, "review", "--format", "json", "--graph", str(out / "graph.ttl")],
                                       check=True, capture_output=True, cwd=ROOT).stdout)
    listed = {n.casefold() for p in review for side in ("a", "b") for names in p[side]["names"].values() for n in names}
    assert all(name.casefold() in listed for name in split), (split, review)
    assert all(p["a"]["quotes"] and p["b"]["quotes"] and len(p["commands"]) == 2 for p in review)


def test_realdev_identity(realdev_report):
    """People named in several realdev articles are one node with each script's name (5 of 14 before the
    scored rules; the issue's target, 13, is reached), and no node joins two gold people."""
    fig = realdev_report.figures["all"]
    assert fig.identity[0] >= 13 and not fig.false_merges, realdev_report.table()

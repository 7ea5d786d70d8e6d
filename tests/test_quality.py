"""The extraction quality bar: F1 >= 0.9 for persons and who-met pairs (and cross-language merges),
on the seed gold and, separately, on the articles written for the tests."""

from __future__ import annotations

import pytest

from kg.eval.evaluate import evaluate, government_places
from kg.model.ontology import ontology_dir
from tests.helpers import ROOT

SETS = {"seeds": sorted((ROOT / "seeds").glob("*.txt")),
        "own articles": sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))}


@pytest.fixture(scope="module", params=sorted(SETS))
def report(request):
    docs = SETS[request.param]
    assert len(docs) >= 5
    return evaluate(ROOT / "tests" / "gold", ROOT, docs, government_places(ontology_dir() / "reference"))


@pytest.mark.parametrize("kind", ["persons", "who-met", "merges"])
def test_f1_bar(report, kind):
    score = report.score(kind)
    assert score.tp > 0
    assert score.f1 >= 0.9, report.table(verbose=True)


def test_own_articles_cover_each_language_three_times():
    langs = [p.name.split("_")[1] for p in SETS["own articles"]]
    assert all(langs.count(lg) >= 3 for lg in ("en", "zh", "ru"))

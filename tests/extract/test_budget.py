"""A runaway document is left out of the build and reported, and the build goes on."""

from __future__ import annotations

import time

import pytest

from kg.build import pipeline
from kg.extract.budget import OverBudget, time_budget
from kg.read.documents import read_document
from tests.helpers import doc


def test_the_budget_interrupts_the_guarded_code():
    with pytest.raises(OverBudget, match="longer than 0.2 s"):
        with time_budget(0.2):
            while True:
                time.sleep(0.01)


def test_no_budget_lets_code_run():
    with time_budget(None):
        time.sleep(0.01)


def test_a_runaway_document_is_reported_and_the_others_built(monkeypatch):
    real = pipeline.extract_document

    def slow(d, ref=None):
        if "runaway" in d.view:
            while True:
                time.sleep(0.01)
        return real(d, ref)

    monkeypatch.setattr(pipeline, "extract_document", slow)
    fine = doc("Wang Kai met Li Ming in Changchun.", title="Fine")
    runaway = read_document(b"Runaway\n2023-05-12\nThis runaway text never ends.", "runaway.txt")
    result = pipeline.build_dataset([fine, runaway], budget=5)
    assert [d.title for d in result.report.documents] == ["Fine"], (result.report.failed, result.report.skipped)
    (failed,) = result.report.failed
    assert "took longer than 5 s" in failed.reason and "--doc-timeout" in failed.reason

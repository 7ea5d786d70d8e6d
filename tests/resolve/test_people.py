"""Resolution across documents: cautious merges with reasons, independent of order."""

from __future__ import annotations

import random

from kg.extract.document import extract_document
from kg.resolve.people import resolve_persons
from tests.helpers import doc

A = doc("Li Jun, Vice Mayor of Siping, met with Zhou Ming in Siping on May 3.")
B = doc("Li Jun, General Manager of FAW Jiefang, attended the ceremony on May 4.")
C = doc("5 мая вице-мэр Сыпина Ли Цзюнь посетил зону.", header="Время:2023-05-12Источник: CCFAO")


def test_same_pinyin_different_people_stay_apart_and_agreeing_ones_merge():
    items = [(d, extract_document(d)) for d in (A, B, C)]
    res = resolve_persons(items)
    a, b, c = (res.node_of(d.id, "li-jun") for d in (A, B, C))
    assert a == c != b
    reasons = {j.merged: j.reason for j in res.judgements if j.key == "li-jun"}
    assert "vice-mayor" in reasons[True] or "siping" in reasons[True]
    assert "score" in reasons[False] and "rarity" in reasons[False]


def test_resolution_does_not_depend_on_order():
    items = [(d, extract_document(d)) for d in (A, B, C)]
    first = resolve_persons(items).assignment
    for seed in range(3):
        random.Random(seed).shuffle(items)
        assert resolve_persons(items).assignment == first

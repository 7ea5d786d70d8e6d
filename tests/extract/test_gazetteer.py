"""The gazetteer: names in any case form, width, script or typography; longest match wins."""

from __future__ import annotations

from hypothesis import given, strategies as st

from kg.extract.gazetteer import Gazetteer
from kg.lang.ru.morph import stem

GAZ = Gazetteer([
    ("changchun", "Changchun"), ("changchun", "长春"), ("changchun", "Чанчунь"),
    ("cpc-cc", "长春市委"), ("faw", "FAW"), ("faw", "一汽"), ("faw-jiefang", "一汽解放"),
    ("zone", "中韩（长春）国际合作示范区"),
    ("zone", "Демонстрационная зона международного сотрудничества Китая и РК (Чанчунь)"),
    ("pillar", "one pillar, six pairs"),
])


def found(text):
    return [(text[h.start:h.end], h.entity_ids) for h in GAZ.find(text)]


def test_russian_case_forms_match_by_stem():
    text = "Мэр посетил Демонстрационную зону международного сотрудничества Китая и РК (Чанчунь) в Чанчуне."
    assert found(text) == [
        ("Демонстрационную зону международного сотрудничества Китая и РК (Чанчунь)", ("zone",)),
        ("Чанчуне", ("changchun",)),
    ]


def test_chinese_longest_match_and_fullwidth_brackets():
    assert found("长春市委和一汽解放在中韩(长春)国际合作示范区") == [
        ("长春市委", ("cpc-cc",)), ("一汽解放", ("faw-jiefang",)), ("中韩(长春)国际合作示范区", ("zone",))]
    assert found("長春") == [("長春", ("changchun",))]


def test_latin_word_boundaries_case_and_quotes():
    assert found("FAW's team, not FAWX; the “One Pillar, Six Pairs” strategy") == [
        ("FAW", ("faw",)), ("One Pillar, Six Pairs", ("pillar",))]


def test_stem_strips_only_endings():
    assert stem("Чанчуня") == stem("Чанчунь") == stem("Чанчуне") == "чанчун"
    assert stem("РК") == "рк"


@given(st.text(max_size=200))
def test_hits_are_in_bounds_and_disjoint(text):
    hits = GAZ.find(text)
    for a, b in zip(hits, hits[1:]):
        assert a.end <= b.start
    assert all(0 <= h.start < h.end <= len(text) for h in hits)

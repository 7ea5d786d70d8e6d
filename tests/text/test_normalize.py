"""Folding for matching: one character in, one character out; idempotent."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from kg.text.normalize import fold


@given(st.text())
@settings(max_examples=300)
def test_fold_preserves_length_and_is_idempotent(text):
    folded = fold(text)
    assert len(folded) == len(text)
    assert fold(folded) == folded


def test_fold_examples():
    assert fold("中韩（长春）国际合作示范区") == "中韩(长春)国际合作示范区"
    assert fold("長春市 王凱") == "长春市 王凯"
    assert fold("“One Pillar, Six Pairs”") == '"one pillar, six pairs"'
    assert fold("Ёлка\u00a0Чанчунь") == "елка чанчунь"

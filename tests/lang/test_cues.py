"""Every cue of every language's data file matches its own example, where its kind says it is looked for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.lang import LANGUAGES
from kg.lexicon import CUE_KINDS, load_cues
from kg.normalize import fold

CUES = [(code, cue) for code in LANGUAGES
        for cue in load_cues(Path(__file__).resolve().parents[2] / "kg" / "lang" / code / "cues.toml")]


@pytest.mark.parametrize(("code", "cue"), CUES, ids=[f"{c}-{cue.kind}-{i}" for i, (c, cue) in enumerate(CUES)])
def test_cue_matches_its_example(code, cue):
    pattern = re.compile(cue.pattern, re.I)
    example = fold(cue.example)  # the rules match the folded view (simplified Chinese, width-folded)
    if cue.kind == "absent_after":
        assert pattern.match(example), cue
    else:
        assert pattern.search(example), cue


def test_every_language_has_each_kind_of_cue():
    for code in LANGUAGES:
        assert {cue.kind for c, cue in CUES if c == code} == set(CUE_KINDS), code


def test_an_unknown_kind_of_cue_is_refused(tmp_path):
    (tmp_path / "cues.toml").write_text('[[absnt_before]]\npattern = "x"\nexample = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="unknown cue kinds"):
        load_cues(tmp_path / "cues.toml")

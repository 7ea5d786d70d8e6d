"""Every cue of every language's lexicon matches its own example, the way the rules look for its kind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract.lexicon import KINDS, lexicon_entries, load_lexicon
from kg.lang import LANGUAGES, rules
from kg.model.vocabulary import event_types, roles, stances
from kg.text.normalize import fold

LANG_DIR = Path(__file__).resolve().parents[2] / "kg" / "lang"
CUES = [(code, cue) for code in LANGUAGES for cue in lexicon_entries(LANG_DIR / code / "lexicon.toml")[0]]


@pytest.mark.parametrize(("code", "cue"), CUES, ids=[f"{c}-{cue.kind}-{i}" for i, (c, cue) in enumerate(CUES)])
def test_cue_matches_its_example(code, cue):
    pattern = re.compile(cue.pattern, re.I)
    example = fold(cue.example)  # the rules match the folded view (simplified Chinese, width-folded)
    how = KINDS[cue.kind][1]
    if how == "after" or how == "start":
        assert pattern.match(example), cue
    elif how == "before":  # the example ends where the name would start
        assert pattern.search(example) and (not cue.pattern.endswith("$") or pattern.search(example).end() == len(example)), cue
    else:
        assert pattern.search(example), cue


#: the ontology's terms a cue of each kind with values may name (kg.model.vocabulary)
VALUES = {"event_triggers": event_types, "roles": roles, "passive_roles": roles, "stances": stances}


@pytest.mark.parametrize(("code", "cue"), [(c, cue) for c, cue in CUES if cue.kind in VALUES],
                         ids=[f"{c}-{cue.kind}-{i}" for i, (c, cue) in enumerate(CUES) if cue.kind in VALUES])
def test_a_cue_value_is_a_term_of_the_ontology(code, cue):
    assert cue.value in VALUES[cue.kind](), cue


def test_the_rules_read_the_lexicon_files():
    for code in LANGUAGES:
        lexicon = rules(code).LEXICON
        assert lexicon is load_lexicon(LANG_DIR / code / "lexicon.toml")
        assert {value for _, value in lexicon.event_triggers} >= {"Meeting", "Conference", "SigningCeremony"}
        assert lexicon.units and lexicon.currency


def test_every_language_has_the_kinds_real_articles_need():
    for code in LANGUAGES:
        assert {cue.kind for c, cue in CUES if c == code} == set(KINDS), code


@pytest.mark.parametrize(("text", "message"), [
    ('[[absnt_before]]\npattern = "x"\nexample = "x"\n', "unknown cue kinds"),
    ('[[roles]]\npattern = "x"\nexample = "x"\n', "needs a pattern, an example and a value"),
    ('[[met]]\npattern = "x"\n', "needs a pattern, an example"),
])
def test_a_malformed_lexicon_is_refused(tmp_path, text, message):
    (tmp_path / "lexicon.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        lexicon_entries(tmp_path / "lexicon.toml")

"""Per-language rules, each language in its own folder behind one interface, found through `rules`.

A language folder `kg/lang/CODE/` holds `rules.py`, which defines:

    RULES          `kg.extract.posts.ChainRules`: how titles, organizations and names chain in this language
    LEXICON        `kg.extract.lexicon.Lexicon`: cue words of events, roles, agreements, stances and presence,
                   read from the data file `lexicon.toml` beside it
    find_persons(ctx)  -> list[PersonMention]: people named in the document's fact zones
    find_authors(ctx)  -> list[PersonMention]: reporters, editors, photographers in bylines
    prepare(ctx)       adjusts the reference hits before the name rules run (may do nothing)
    NEW_NAME, NEW_NAME_FOLDED, NEW_NAME_CUT: how organizations the tables lack are named

Adding a language means adding a folder, its gold, its reference-table columns and its code in
`LANGUAGES`; no extraction stage branches on a language code. Still shared and multilingual: month names and
date forms (`kg.text.dates`), byline and header cues (`kg.read.layout`), and language detection (`kg.text.language`).
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType

from kg.model.ontology import LANGS

__all__ = ["LANGUAGES", "rules"]

LANGUAGES = LANGS  # the languages kg reads: one folder of rules each


@cache
def rules(code: str) -> ModuleType:
    """The rules module of language `code`; KeyError for a language kg does not read."""
    if code not in LANGUAGES:
        raise KeyError(f"no rules for language {code!r}")
    return importlib.import_module(f"kg.lang.{code}.rules")

"""The words of a map page in English, Chinese and Russian: phrases from `templates/map-text.toml`
(titles, controls, notices), relationship names from the ontology's map edges, and the vocabulary terms
an edge names (roles, stances, titles) from the ontology's labels (`kg.model.vocabulary`) and the titles table
in each language.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import tomllib

__all__ = ["TEXT_FILE", "phrase", "phrases", "relation", "term"]

TEXT_FILE = Path(__file__).resolve().parent / "templates" / "map-text.toml"


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    return tomllib.loads(TEXT_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def phrases(lang: str) -> dict[str, str]:
    """Every phrase of the page in `lang` (English for a phrase or a language the file lacks); shared,
    not to be changed."""
    table = _table()
    return {**table["en"], **table.get(lang, {})}


def phrase(lang: str, key: str, **values: object) -> str:
    """The phrase `key` in `lang` with its placeholders filled from `values`."""
    return phrases(lang)[key].format(**values)


@lru_cache(maxsize=256)
def relation(name: str, lang: str) -> str:
    """A relationship's name ("took part in", "holds a post in", ...: a map edge's English label) in
    `lang`; unknown names as given."""
    from kg.model.vocabulary import map_edges

    return next((e.labels.get(lang, name) for e in map_edges() if e.name == name), name)


@lru_cache(maxsize=1)
def _terms() -> dict[str, dict[str, str]]:
    from kg.model.ontology import load_reference
    from kg.model.vocabulary import labels

    out: dict[str, dict[str, str]] = {}
    for _, names in sorted(labels().items()):
        if names.get("en"):
            out.setdefault(names["en"], names)
    for ent in load_reference():
        if ent.kind == "title" and ent.labels.get("en"):
            out.setdefault(ent.labels["en"], dict(ent.labels))
    return out


@lru_cache(maxsize=4096)
def term(english: str, lang: str) -> str:
    """A vocabulary term (a role, a stance, a title: their English label) in `lang`; a term of no
    vocabulary, or with no label in `lang`, stays as given."""
    return _terms().get(english, {}).get(lang) or english

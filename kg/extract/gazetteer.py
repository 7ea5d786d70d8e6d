"""A multilingual gazetteer: finds the names of known entities in text with Aho-Corasick.

Chinese and Latin-script names are matched on folded text (see `kg.text.normalize`: case, width,
traditional/simplified and quotes do not matter), Latin names only on word boundaries. Cyrillic
names are matched on word stems, so any grammatical case matches. Overlapping hits are resolved
leftmost-longest (the usual rule of dictionary matching). Hits are offsets into the text that was searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from kg.lang.ru import morph as ru
from kg.text.normalize import collapse_spaces, fold

__all__ = ["Hit", "Gazetteer"]

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN_ALNUM = re.compile(r"[0-9A-Za-z]")


@dataclass(frozen=True, order=True)
class Hit:
    """A name found in text: `[start, end)`, the entity ids it names and the alias matched."""

    start: int
    end: int
    entity_ids: tuple[str, ...]
    alias: str


def _automaton(keys: dict[str, set[str]]) -> ahocorasick.Automaton | None:
    if not keys:
        return None
    auto = ahocorasick.Automaton()
    for key, ids in keys.items():
        auto.add_word(key, (key, tuple(sorted(ids))))
    auto.make_automaton()
    return auto


class Gazetteer:
    """Matches a fixed set of (entity id, name) pairs in any text."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        plain: dict[str, set[str]] = {}
        stemmed: dict[str, set[str]] = {}
        self.aliases: dict[str, str] = {}
        for entity_id, name in names:
            name = collapse_spaces(name)
            if not name:
                continue
            if _CYRILLIC.search(name):
                key = " " + " ".join(s for _, _, s in ru.tokens(fold(name))) + " "
                if key.strip():
                    stemmed.setdefault(key, set()).add(entity_id)
                    self.aliases.setdefault(key, name)
            else:
                key = fold(name)
                plain.setdefault(key, set()).add(entity_id)
                self.aliases.setdefault(key, name)
        self._plain = _automaton(plain)
        self._stemmed = _automaton(stemmed)

    def _plain_hits(self, text: str, start: int, end: int) -> list[Hit]:
        if self._plain is None:
            return []
        folded = fold(text[start:end])
        # Runs of whitespace in text match the single spaces of names.
        squeezed, index = [], []
        prev_space = False
        for i, ch in enumerate(folded):
            if ch == " " and prev_space:
                continue
            prev_space = ch == " "
            squeezed.append(ch)
            index.append(i)
        s = "".join(squeezed)
        hits = []
        for last, (key, ids) in self._plain.iter(s):
            first = last - len(key) + 1
            a, b = start + index[first], start + index[last] + 1
            if _LATIN_ALNUM.match(key[0]) and a > 0 and _LATIN_ALNUM.match(text[a - 1]):
                continue
            if _LATIN_ALNUM.match(key[-1]) and b < len(text) and _LATIN_ALNUM.match(text[b]):
                continue
            hits.append(Hit(a, b, ids, self.aliases[key]))
        return hits

    def _stemmed_hits(self, text: str, start: int, end: int) -> list[Hit]:
        if self._stemmed is None or not _CYRILLIC.search(text, start, end):
            return []
        # fold only this range (fold keeps lengths): folding the whole text per zone is quadratic
        toks = [(a + start, b + start, st) for a, b, st in ru.tokens(fold(text[start:end]))]
        stream, starts = [" "], []
        pos = 1
        for _, _, st in toks:
            starts.append(pos)
            stream.append(st + " ")
            pos += len(st) + 1
        s = "".join(stream)
        tok_at = {p: i for i, p in enumerate(starts)}
        hits = []
        for last, (key, ids) in self._stemmed.iter(s):
            first_pos = last - len(key) + 2  # key has a leading space
            i = tok_at.get(first_pos)
            if i is None:
                continue
            n = len(key.split())
            a, b = toks[i][0], toks[i + n - 1][1]
            if b < end and text[b] == ")" and "(" in text[a:b]:
                b += 1  # keep a closing bracket that the name opened
            hits.append(Hit(a, b, ids, self.aliases[key]))
        return hits

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Non-overlapping hits in `text[start:end]`, leftmost-longest, in text order."""
        end = len(text) if end is None else end
        hits = self._plain_hits(text, start, end) + self._stemmed_hits(text, start, end)
        hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.entity_ids))
        taken: list[Hit] = []
        for h in hits:
            if all(h.end <= t.start or h.start >= t.end for t in taken):
                taken.append(h)
        return sorted(taken)

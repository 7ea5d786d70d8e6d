"""Russian morphology for matching: a light stemmer for names in any grammatical case.

Russian inflects names of places and organizations ("Чанчунь", "Чанчуня", "Чанчуне"), so names are
compared by the stems of their words. The stemmer only strips case endings; it never adds letters.
"""

from __future__ import annotations

import re

__all__ = ["stem", "tokens"]
_ENDINGS = sorted(
    "иями ями ами ого его ому ему ыми ими ией ием иях иям ой ей ий ый ая яя ое ее ую юю ых их ом ем "
    "ам ям ах ях ов ев ью ия ие ии ию ым им а я о е у ю ы и ь й".split(),
    key=len, reverse=True,
)
_TOKEN = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")


def stem(word: str) -> str:
    """Lower-case `word` and strip one case ending, keeping a stem of at least 3 letters."""
    w = word.lower().replace("ё", "е")
    if len(w) <= 3 or not re.search(r"[а-я]", w):
        return w
    for end in _ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 3:
            if end[0] == "и" and len(end) >= 2 and len(w) - len(end) < 4:
                return w[:-1]  # мэрия/мэрии -> мэри, never the same stem as мэр
            return w[: -len(end)]
    return w


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Word tokens of `text[start:end]` as (start, end, stem)."""
    end = len(text) if end is None else end
    return [(m.start(), m.end(), stem(m.group())) for m in _TOKEN.finditer(text, start, end)]

"""Length-preserving text folding for matching names across scripts and typography.

`fold(text)` maps every character to exactly one character: case-folded, full-width forms to
ASCII, traditional Chinese to simplified, typographic quotes and dashes to ASCII, ё to е, all
spaces to a plain space. Because the length never changes, an offset into the folded text is an
offset into the original. Folding is idempotent: fold(fold(t)) == fold(t).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from kg.text.language import to_simplified

__all__ = ["fold", "fold_char", "collapse_spaces"]

_PUNCT = {
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "「": '"', "」": '"', "『": '"', "』": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    "、": "、", "，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "ё": "е", "Ё": "е",
}


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """Fold one character to exactly one character (see module docstring)."""
    if ch in _PUNCT:
        return _PUNCT[ch]
    if ch.isspace():
        return " "
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E:  # full-width ASCII
        ch = chr(o - 0xFEE0)
    if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
        simp = to_simplified(ch)
        return simp if len(simp) == 1 else ch
    low = ch.casefold()
    if len(low) != 1:
        low = ch.lower() if len(ch.lower()) == 1 else ch
    if unicodedata.category(low) == "Mn":  # lone combining marks stay (length must not change)
        return low
    return _PUNCT.get(low, low)


def fold(text: str) -> str:
    """Fold `text` character by character; `len(fold(t)) == len(t)`.

    >>> fold("Ｗａｎｇ，王")
    'wang,王'
    """
    return "".join(fold_char(c) for c in text)


def collapse_spaces(text: str) -> str:
    """Trim and collapse runs of whitespace (for comparing names, not for offsets)."""
    return " ".join(text.split())

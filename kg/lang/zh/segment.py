"""jieba's dictionary, loaded once and quietly: which strings are Chinese words, and which jieba tags as
person names (`nr`). A signal for the name rules where a title or a list does not settle a name's extent."""

from __future__ import annotations

import logging
from functools import cache

__all__ = ["known_word"]


@cache
def _dictionary() -> dict[str, int]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt.FREQ


def known_word(text: str) -> bool:
    """True when `text` (two or more characters) is a word of jieba's dictionary."""
    return len(text) >= 2 and _dictionary().get(text, 0) > 0

"""Sentence boundaries in English, Chinese and Russian text, as half-open offset ranges.

Sentences never cross a zone boundary: the caller passes one zone's range at a time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

__all__ = ["split_sentences", "sentence_at"]

_ABBREV = re.compile(
    r"(?:\b(?:Co|Ltd|Inc|Corp|Mr|Mrs|Ms|Dr|Prof|No|St|Jr|Sr|vs|etc|Gen|Gov|Dept|approx|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|т|д|г|гг|им|ул|п|см|тыс|млн|млрд|руб|е)\.|\b[A-Z]\.)$")
_END = re.compile(
    r"[。！？!?]+[”’」』\"')）]*"          # CJK and strong terminators, with closing quotes
    r"|\.(?:[”’\"')）]*)(?=\s|$|[A-ZА-ЯЁ“«\"(])"  # a period before space, end, or a capital
    r"|…+[”’\"]*(?=\s+[A-ZА-ЯЁ])"
)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence ranges of `text[start:end]`, trimmed of surrounding whitespace, in order.

    A line break always ends a sentence (press releases put one paragraph per line)."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    pos = start
    for m in re.finditer(r"[\n\r\u2028\u2029]", text[start:end]):
        out.extend(_split_line(text, pos, start + m.start()))
        pos = start + m.end()
    out.extend(_split_line(text, pos, end))
    return out


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _END.finditer(text, start, end):
        stop = m.end()
        if m.group().startswith(".") and _ABBREV.search(text[max(pos, stop - 12):stop]):
            continue
        if m.group().startswith(".") and stop < end and text[stop].isdigit():
            continue
        spans.append((pos, stop))
        pos = stop
    if pos < end:
        spans.append((pos, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


_STARTS: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}


def _starts(sentences: list[tuple[int, int]]) -> list[int]:
    """The start offsets of `sentences` (sorted ranges), kept for the last few lists asked about."""
    hit = _STARTS.get(id(sentences))
    if hit is None or hit[0] is not sentences or len(hit[1]) != len(sentences):
        if len(_STARTS) >= 4:
            _STARTS.pop(next(iter(_STARTS)))
        hit = _STARTS[id(sentences)] = (sentences, [s for s, _ in sentences])
    return hit[1]


def sentence_at(sentences: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence range containing `[start, end)` (widened over several sentences if it spans them).
    `sentences` are sorted, non-overlapping ranges; the lookup is a binary search."""
    starts = _starts(sentences)
    i = bisect_right(starts, start) - 1
    j = bisect_left(starts, end) - 1
    first = sentences[i] if i >= 0 and sentences[i][0] <= start < sentences[i][1] else None
    last = sentences[j] if j >= 0 and sentences[j][0] < end <= sentences[j][1] else None
    if first is None or last is None:
        return start, end
    return first[0], last[1]

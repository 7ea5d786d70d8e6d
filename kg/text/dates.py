"""Dates stated in article text, resolved against the article's publication date.

"on January 15" in an article of 2022-01-17 is 2022-01-15; "1月5日上午", "22 января", "on The 17th"
(day only: the article's month, or the month before if that day is still to come). A month and
day later than a week after publication are taken from the year before.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateMention", "find_dates", "resolve"]

_EN_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_EN_MONTHS.update({m[:3]: i for m, i in list(_EN_MONTHS.items())})
_EN_MONTHS["sept"] = 9
_RU_MONTHS = {stem: i for i, stem in enumerate(
    "январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр".split(), 1)}

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"), "ymd"),
    (re.compile(r"(?P<d>\d{1,2})\s*[日号](?=[上下中]午|晚|早|,|，|在|\s)"), "d"),
    (re.compile(r"\b(?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
                r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?"
                r"(?:,?\s+(?P<y>(?:19|20)\d{2}))?\b", re.I), "mon-d"),
    (re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>January|February|March|April|May|June|July|"
                r"August|September|October|November|December)(?:,?\s+(?P<y>(?:19|20)\d{2}))?\b", re.I), "mon-d"),
    (re.compile(r"\b(?:on\s+)?the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b", re.I), "d"),
    (re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+(?P<mon>январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|"
                r"августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь])(?:\s+(?P<y>(?:19|20)\d{2})\s*(?:г\.|года)?)?",
                re.I), "mon-d"),
]


@dataclass(frozen=True, order=True)
class DateMention:
    start: int
    end: int
    date: dt.date


def _month(name: str) -> int | None:
    low = name.lower().rstrip(".")
    if low in _EN_MONTHS:
        return _EN_MONTHS[low]
    for stem, i in _RU_MONTHS.items():
        if low.startswith(stem) and (stem != "ма" or low in ("мая", "май")):
            return i
    return None


def resolve(year: int | None, month: int | None, day: int, ref: dt.date | None) -> dt.date | None:
    """The date for (year?, month?, day) as stated in an article published on `ref`."""
    try:
        if year and month:
            return dt.date(year, month, day)
        if ref is None:
            return None
        if month:
            d = dt.date(ref.year, month, day)
            return d if d <= ref + dt.timedelta(days=7) else dt.date(ref.year - 1, month, day)
        d = dt.date(ref.year, ref.month, day)
        if d > ref:
            prev = (ref.replace(day=1) - dt.timedelta(days=1))
            d = dt.date(prev.year, prev.month, day)
        return d
    except ValueError:
        return None


def find_dates(text: str, ref: dt.date | None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Dates stated in `text[start:end]`, resolved against `ref`, non-overlapping, in order."""
    end = len(text) if end is None else end
    found: list[DateMention] = []
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            if any(not (m.end() <= f.start or m.start() >= f.end) for f in found):
                continue
            gd = m.groupdict()
            year = int(gd["y"]) if gd.get("y") else None
            if kind == "mon-d":
                month = _month(gd["mon"])
            elif kind == "ymd":
                month = int(gd["m"])
            else:
                month = None
            date = resolve(year, month, int(gd["d"]), ref)
            if date is not None:
                found.append(DateMention(m.start(), m.end(), date))
    return sorted(found)

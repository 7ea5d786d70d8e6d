"""How common a Chinese name is: the expected number of namesakes among the people a regional corpus
can name.

Two people called 张伟 in two articles may well be two men; two called 景俊海 almost surely are one.
Resolution weighs a shared name by how many holders of it there are (`kg.resolve.matching`). The model:

    P(name) = share(surname) * P(given name),    P(given) = product of the characters' frequencies

* surname shares come from `kg/lang/zh/surname_shares.csv` (published household-registration
  figures by rank, interpolated on a log scale, over the ranking in `kg.text.names`);
* given-name character frequencies come from ngender's table of the characters of about 32 million
  given-name characters (`ngender/charfreq.csv`, MIT licence), read as data;
* a one-character given name is rarer than its character's frequency suggests (about 6% of names
  have one; `SINGLE_GIVEN` scales it).

For a name known only in pinyin or Palladius (no Han form), every surname and character with that
reading counts: ``zhang-zhijun`` covers 张志军 and 章志君. Expected namesakes are P(name) times
`POOL`, the number of people (officials, executives, visitors) a body of regional news could name.
Names that are not Chinese get None: the model says nothing about them.
"""

from __future__ import annotations

import csv
import math
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from kg.home import PACKAGE
from kg.text.names import (
    _SINGLE_SURNAMES,
    COMPOUND_SURNAMES,
    _clean_han,
    split_pinyin,
    surname_of,
    surname_pinyin,
)

__all__ = ["POOL", "SINGLE_GIVEN", "expected_namesakes", "key_probability", "name_probability"]

POOL = 1_000_000
"""People a corpus of regional news could name (order of magnitude of China's officials at county
level and above, with executives and visitors)."""

SINGLE_GIVEN = 0.25
"""Factor for a one-character given name (they are about 6% of names, not the 50% that two
independent slots would give them)."""

_SHARES = PACKAGE / "lang" / "zh" / "surname_shares.csv"


@lru_cache(maxsize=1)
def _anchors() -> list[tuple[int, float]]:
    with _SHARES.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return [(int(r["rank"]), float(r["share"])) for r in rows]


def _share_at(rank: int) -> float:
    anchors = _anchors()
    if rank >= anchors[-1][0]:
        return anchors[-1][1]
    for (r0, s0), (r1, s1) in pairwise(anchors):
        if r0 <= rank <= r1:
            t = (rank - r0) / (r1 - r0)
            return math.exp(math.log(s0) + t * (math.log(s1) - math.log(s0)))
    return anchors[0][1]


@lru_cache(maxsize=1)
def surname_shares() -> dict[str, float]:
    """Population share of every surname the ranking knows (compound surnames: the last row's)."""
    out = {ch: _share_at(i + 1) for i, ch in enumerate(dict.fromkeys(_SINGLE_SURNAMES))}
    for s in COMPOUND_SURNAMES:
        out.setdefault(s, _anchors()[-1][1])
    return out


@lru_cache(maxsize=1)
def char_frequencies() -> dict[str, float]:
    """Frequency of each character among given-name characters (ngender's counts, male + female)."""
    counts: dict[str, int] = {}
    with resources.files("ngender").joinpath("charfreq.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            counts[row["char"]] = int(row["male"]) + int(row["female"])
    total = sum(counts.values())
    return {ch: n / total for ch, n in counts.items()}


def _unseen() -> float:
    return min(char_frequencies().values())


def name_probability(han: str) -> float | None:
    """P(a person's name is `han`) for a Chinese name in Han characters (traditional accepted);
    None when it does not start with a known surname or has no given name."""
    clean = _clean_han(han)
    sur = surname_of(clean)
    if sur is None or "·" in clean:
        return None
    given = clean[len(sur):]
    if not given:
        return None
    freq, unseen = char_frequencies(), _unseen()
    p = surname_shares()[sur]
    for ch in given:
        p *= freq.get(ch, unseen)
    return p * SINGLE_GIVEN if len(given) == 1 else p


@lru_cache(maxsize=1)
def _syllable_tables() -> tuple[dict[str, float], dict[str, float]]:
    """(surname reading -> summed share, syllable -> summed character frequency)."""
    surnames: dict[str, float] = {}
    for s, share in surname_shares().items():
        reading = surname_pinyin(s)
        surnames[reading] = surnames.get(reading, 0.0) + share
    syllables: dict[str, float] = {}
    from pypinyin import Style, lazy_pinyin

    chars = list(char_frequencies().items())
    readings = lazy_pinyin([c for c, _ in chars], style=Style.NORMAL, errors=lambda c: ["?"] * len(c))  # type: ignore[arg-type, return-value]  # pypinyin takes a list (its stub says str)
    for (_, f), syl in zip(chars, readings):
        syl = syl.replace("ü", "v")
        syllables[syl] = syllables.get(syl, 0.0) + f
    return surnames, syllables


def key_probability(key: str) -> float | None:
    """P(a person's name reads as the name key `key` (``zhang-zhijun``)); None for a key that is
    not a Chinese surname followed by one or two pinyin syllables."""
    sur, _, given = key.partition("-")
    surnames, syllables = _syllable_tables()
    if sur not in surnames or not given or "-" in given:
        return None
    parts = split_pinyin(given)
    if not parts or len(parts) > 2:
        return None
    p = surnames[sur]
    for syl in parts:
        p *= syllables.get(syl, _unseen())
    return p * SINGLE_GIVEN if len(parts) == 1 else p


def expected_namesakes(key: str, han: str | None = None) -> float | None:
    """Expected number of people in `POOL` named `han` (or, without a Han form, reading as `key`);
    None when the name is not a Chinese name the model knows."""
    p = name_probability(han) if han else None
    if p is None:
        p = key_probability(key)
    return None if p is None else p * POOL

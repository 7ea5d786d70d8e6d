"""Gender cues: what a text says of a person's gender, for resolution's conflict rule.

A form of address right before a name (Ms., Mr., госпожа: the language's `gender_before` cues), or
after it (女士, 先生) or, in the name's clause before any other person, a verb that agrees with the
person (Чжан Вэй ... выступила: `gender_after`; the cue that ends first decides). A Russian verb
only counts when the name is the clause's subject as far as the rules can tell: no agreeing verb
stands between the sentence's start and the name. A person whose cues disagree gets none.
"""

from __future__ import annotations

from types import ModuleType

from kg.extract.context import Context
from kg.extract.facts import GenderMention, PersonMention

__all__ = ["find_genders", "gender_of"]

BEFORE = 24
"""Characters before a name searched for a form of address."""


def _first(pairs, text: str) -> tuple[int, int, str] | None:
    """The match of `pairs` (pattern, value) that ends first in `text`: (start, end, value)."""
    best: tuple[int, int, str] | None = None
    for pattern, value in pairs:
        m = pattern.search(text)
        if m and (best is None or m.end() < best[1]):
            best = (m.start(), m.end(), value)
    return best


def find_genders(ctx: Context, module: ModuleType, persons: list[PersonMention]) -> list[GenderMention]:
    """The gender cues of each person mention (see the module docstring)."""
    lex = module.LEXICON
    if not (lex.gender_before or lex.gender_after):
        return []
    starts = sorted(p.start for p in persons)
    out: list[GenderMention] = []
    for p in persons:
        s_start, s_end = ctx.sentence_of(p.start)
        lo = max(s_start, p.start - BEFORE)
        hit = _first(lex.gender_before, ctx.folded[lo:p.start])
        if hit is not None:
            out.append(GenderMention(lo + hit[0], p.end, p.key, hit[2]))
            continue
        nxt = next((s for s in starts if s >= p.end), s_end)
        after = ctx.folded[p.end:min(s_end, nxt)]
        hit = _first(lex.gender_after, after)
        if hit is None or _first(lex.gender_after, ctx.folded[s_start:p.start]) is not None:
            continue
        out.append(GenderMention(p.start, p.end + hit[1], p.key, hit[2]))
    return out


def gender_of(cues: list[GenderMention], key: str) -> str:
    """The one gender the cues give the name key, "" when none or when they disagree."""
    found = {c.gender for c in cues if c.person == key}
    return found.pop() if len(found) == 1 else ""

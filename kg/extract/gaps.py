"""Where kg knows it may have missed something in one document: a title that stands with no recognised
name next to it, and a sentence with an event cue but no participant. The build report lists them per
document, so an analyst (and the developer of the rules) sees the places to read by hand."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from kg.extract.context import Context
from kg.extract.facts import EventMention, PersonMention
from kg.extract.lexicon import Lexicon

__all__ = ["Gap", "find_gaps", "NEAR"]

#: How close (in characters, within the sentence) a name must stand to a title to count as next to it:
#: far enough for an English or Russian title chain ("X, Member of the Standing Committee of the CPC
#: Jilin Provincial Committee and Executive Deputy Governor of Jilin Province").
NEAR = 80
#: Titles of bylines, which name the author outside the fact zones or not at all.
BYLINE_TITLES = frozenset({"reporter", "editor", "editor-in-chief", "photographer"})


@dataclass(frozen=True, order=True)
class Gap:
    """A place of a possible miss: `kind` is `title without name` or `event without participant`."""

    start: int
    end: int
    kind: str
    surface: str
    sentence: str

    def describe(self) -> str:
        return f"{self.kind} at {self.start}-{self.end} «{self.surface}»: {self.sentence}"


def _quote(ctx: Context, s: int, e: int, limit: int = 160) -> str:
    text = " ".join(ctx.text[s:e].split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def find_gaps(ctx: Context, lex: Lexicon, persons: list[PersonMention], events: list[EventMention]) -> list[Gap]:
    """Titles with no person within `NEAR` characters in their sentence, and sentences with an event
    trigger where no person is named and no participant of an event is stated."""
    gaps: list[Gap] = []
    named = sorted(p.start for p in persons)
    stated = sorted(x.start for ev in events for x in ev.participants)

    def any_in(positions: list[int], lo: int, hi: int) -> bool:
        """True when a position lies in [lo, hi)."""
        i = bisect_left(positions, lo)
        return i < len(positions) and positions[i] < hi

    for h in ctx.hits:
        if h.kind != "title" or h.id in BYLINE_TITLES:
            continue
        s, e = ctx.sentence_of(h.start)
        if not any_in(named, max(s, h.end - NEAR), min(e, h.end + NEAR + 1)):
            gaps.append(Gap(h.start, h.end, "title without name", ctx.text[h.start:h.end], _quote(ctx, s, e)))
    zones = [(z.start, z.end) for z in ctx.doc.fact_zones()]
    for s, e in ctx.sentences:
        cue = next((m for pattern, _ in lex.event_triggers for m in [pattern.search(ctx.folded, s, e)] if m), None)
        if cue is None or not any(zs <= s < ze for zs, ze in zones):
            continue
        if not any_in(named, s, e) and not any_in(stated, s, e):
            gaps.append(Gap(cue.start(), cue.end(), "event without participant", ctx.text[cue.start():cue.end()],
                            _quote(ctx, s, e)))
    return sorted(gaps)

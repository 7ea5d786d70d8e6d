"""Strategy stances: which actor promotes, implements or deploys which strategy.

In a sentence naming a strategy, a stance cue before it ("implement", 落实, реализовать) gives the
stance; the actor is the nearest person, organization or place named before the cue (the subject),
or, for "deployed by X" / 由X部署, the one named after it. No actor, no stance: the rule never guesses.
"""

from __future__ import annotations

from kg.context import Context, Item
from kg.extraction import PersonMention, StanceMention
from kg.lexicon import Lexicon

__all__ = ["find_stances"]

_ACTORS = ("person", "organization", "place")


def _actor_id(item: Item) -> str:
    return f"person:{item.id}" if item.kind == "person" else item.id


def find_stances(ctx: Context, lex: Lexicon, persons: list[PersonMention]) -> list[StanceMention]:
    """Stances of one document (see the module docstring)."""
    text = ctx.folded  # cues match case-, width- and script-insensitively
    out: list[StanceMention] = []
    seen: set[tuple[str, str]] = set()
    for s, e in ctx.sentences:
        strategies = ctx.items(s, e, ("strategy",), with_persons=False)
        if not strategies:
            continue
        actors = [i for i in ctx.items(s, e, _ACTORS) if ctx.ref.entities.get(i.id) is None
                  or ctx.ref[i.id].cls not in ("Country",)]
        for strat in strategies:
            cues = []
            for pattern, stance in lex.stances:
                for m in pattern.finditer(text, s, strat.start):
                    cues.append((m.start(), m.end(), stance))
            if not cues:
                continue
            c_start, c_end, stance = max(cues)  # the cue nearest the strategy
            actor: Item | None = None
            by = [a for a in actors if a.start >= strat.end and lex.passive_by.search(text[s:a.start])]
            if by:
                actor = by[0]
                passive_cue = next((v for p, v in lex.stances if p.search(text, strat.end, by[0].start)), None)
                stance = passive_cue or stance
            else:
                before = [a for a in actors if a.end <= c_start]
                if before:
                    actor = before[-1]
            if actor is None:
                continue
            key = (_actor_id(actor), strat.id)
            if key in seen:
                continue
            seen.add(key)
            out.append(StanceMention(min(actor.start, c_start), max(strat.end, actor.end), _actor_id(actor),
                                     strat.id, stance))
    return out

"""Strategy stances: which actor promotes, implements or deploys which strategy.

In a sentence naming a strategy, a stance cue before it ("implement", 落实, реализовать) gives the
stance; the actor is the nearest person, organization or place named before the cue (the subject),
or, for "deployed by X" / 由X部署, the one named after it. No actor, no stance: the rule never guesses.
"""

from __future__ import annotations

from kg.extract.context import Context, Item
from kg.extract.facts import PersonMention, StanceMention
from kg.extract.lexicon import Lexicon

__all__ = ["find_stances"]

_ACTORS = ("person", "organization", "place")


def _actor_id(item: Item) -> str:
    return f"person:{item.id}" if item.kind == "person" else item.id


def _speakers(ctx: Context, lex: Lexicon, text: str) -> dict[tuple[int, int], Item]:
    """For each sentence, the person whose words it reports: the person named before a verb of
    saying in it, or the last such speaker earlier in the same paragraph (quotes run on)."""
    out: dict[tuple[int, int], Item] = {}
    speaker: Item | None = None
    line_start = -1
    for s, e in ctx.sentences:
        ls = ctx.text.rfind("\n", 0, s) + 1
        if ls != line_start:
            speaker, line_start = None, ls
        persons = ctx.items(s, e, ("person",))
        verb = lex.speech.search(text, s, e)
        if verb:
            before = [p for p in persons if p.end <= verb.start()]
            if before:
                speaker = before[0]
        if speaker is not None:
            out[(s, e)] = speaker
    return out


def find_stances(ctx: Context, lex: Lexicon, persons: list[PersonMention]) -> list[StanceMention]:
    """Stances of one document (see the module docstring). What a person is quoted as saying
    ("Changchun is now implementing ...", 他表示...) is that person's stance."""
    text = ctx.folded  # cues match case-, width- and script-insensitively
    speakers = _speakers(ctx, lex, text)
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
            actor: Item | None = speakers.get((s, e))
            if actor is None:
                by = [a for a in actors if a.start >= strat.end and lex.passive_by.search(text[s:a.start])]
                before = [a for a in actors if a.end <= c_start]
                if by:
                    actor = by[0]
                    stance = next((v for p, v in lex.stances if p.search(text, strat.end, by[0].start)), stance)
                elif before:
                    actor = before[0]  # the subject: the first actor of the sentence
                elif lex.purpose.search(text[s:e]):
                    after = [a for a in actors if a.start >= strat.end]
                    actor = after[0] if after else None
            if actor is None:
                continue
            key = (_actor_id(actor), strat.id)
            if key in seen:
                continue
            seen.add(key)
            inside = s <= actor.start < e  # a speaker may be named in an earlier sentence
            start = min(actor.start, c_start) if inside else c_start
            end = max(strat.end, actor.end) if inside else strat.end
            out.append(StanceMention(start, end, _actor_id(actor), strat.id, stance))
    return out

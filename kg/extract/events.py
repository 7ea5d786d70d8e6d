"""Events and who took part in them, from cue words of the document's language.

Rules, sentence by sentence: a trigger ("presided over the conference", 举行…签约仪式, посетил) opens
or continues an event of its type; an event reported again (same type, same or unstated date) is
the same event. People named in a sentence take the role of the nearest role cue after their name
(SVO order holds for these press releases in all three languages, 由X主持 included); "met" gives
everyone in the sentence the role Met; an attendance cue gives Attended to the rest. Sentences with
roles but no trigger belong to the current event, or open one of the type their role implies. Which
role a trigger gives and which event a role implies are the ontology's (`kgo:triggerRole`,
`kgo:impliesEvent`, through `kg.model.vocabulary`).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right

from kg.extract.context import Context
from kg.extract.facts import PARTICIPANT, EventMention, Participant, PersonMention
from kg.extract.lexicon import Lexicon
from kg.model.vocabulary import implied_events, trigger_roles
from kg.text.dates import find_dates

__all__ = ["find_events"]


def _first(lex_pairs, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = []
    for pattern, value in lex_pairs:
        for m in pattern.finditer(text, start, end):
            out.append((m.start(), m.end(), value))
    return sorted(out)


def _place(ctx: Context, lex: Lexicon, s: int, e: int, after: int) -> str | None:
    places = [h for h in ctx.items(s, e, ("place",), with_persons=False)]
    for h in places:
        if lex.locative.search(ctx.text[max(s, h.start - 12):h.start]):
            return h.id
    later = [h for h in places if h.start >= after]
    if later:
        return later[0].id
    return places[0].id if places else None


def _compatible(ev: EventMention, kind: str, date: dt.date | None) -> bool:
    return ev.kind == kind and (ev.date is None or date is None or ev.date == date)


def _passive_role(lex: Lexicon, text: str, s: int, p: PersonMention) -> str | None:
    """The role a passive cue right before the name gives ("led by X", 率领, "во главе с X")."""
    before = text[max(s, p.start - 60):p.start]
    for pattern, role in lex.passive_roles:
        if pattern.search(before):
            return role
    return None


#: How many sentences after the last one that states an event (or before the first) a person named with
#: no role may stand and still be taken as present at it: a press release is shorter than this; in a long
#: report, people named far from any event are left out rather than joined to one.
PRESENT_REACH = 40


def _add_present(ctx: Context, lex: Lexicon, events: list[EventMention],
                 under_way: list[tuple[int, EventMention]], stated: dict[int, tuple[int, int]],
                 people: list[PersonMention]) -> None:
    """A press release reports one occasion: a person named in it who takes no role in any event
    was there ("X and Y were also present", a name list after 参加会见, a name in the headline), and
    joins the event under way where the name stands, or the first event when none is yet; unless the
    sentence says the person is only referred to (the language's absent cues: greetings from X, X is
    expected to visit, X's instructions), or stands more than `PRESENT_REACH` sentences from where the
    event is stated (`stated`: event id -> indexes of the first and last sentence stating it)."""
    if not events:
        return
    taking_part = {x.person for ev in events for x in ev.participants}
    starts = [start for start, _ in under_way]
    sentence_starts = [a for a, _ in ctx.sentences]
    for p in people:
        if p.key in taking_part:
            continue
        s, e = ctx.sentence_of(p.start)
        if lex.absent_before.search(ctx.folded, s, p.start) or lex.absent_after.match(ctx.folded, p.end) \
                or lex.planned.search(ctx.folded, s, e):
            continue
        i = bisect_right(starts, s) - 1
        ev = under_way[i][1] if i >= 0 else events[0]
        at = bisect_right(sentence_starts, s) - 1
        first, last = stated.get(id(ev), (at, at))
        if at - last > PRESENT_REACH or first - at > PRESENT_REACH:
            continue
        ev.participants.append(Participant(p.key, "Attended", p.start, p.end))
        taking_part.add(p.key)


def _add_delegation_leaders(ctx: Context, lex: Lexicon, events: list[EventMention]) -> None:
    """A meeting "with the delegation" (会见了代表团一行, встретился с делегацией) has the people who lead
    the delegation in the article on its other side: they join it as Met, with their own evidence."""
    leaders = [x for ev in events for x in ev.participants if x.role == "LedDelegation"]
    for ev in events:
        if ev.kind != "Meeting" or not lex.with_delegation.search(ctx.folded, ev.start, ev.end):
            continue
        there = {x.person for x in ev.participants}
        for x in leaders:
            if x.person not in there:
                ev.participants.append(Participant(x.person, "Met", x.start, x.end))
                there.add(x.person)


def find_events(ctx: Context, lex: Lexicon, persons: list[PersonMention]) -> list[EventMention]:
    """The events of one document with their participants (see the module docstring).

    A trigger in a sentence that names no participant and states no date, once an event is under
    way, is background ("the delegation inspected ...", "during his inspection trip") and opens no
    new event. A new event with no date of its own happened on the date of the one before it
    ("In the afternoon, ...").
    """
    text = ctx.folded  # cues match case-, width- and script-insensitively
    events: list[EventMention] = []
    current: EventMention | None = None
    people = sorted(p for p in persons if p.kind == PARTICIPANT)
    starts = [p.start for p in people]
    under_way: list[tuple[int, EventMention]] = []  # (sentence start, the event current there)
    stated: dict[int, tuple[int, int]] = {}  # event id -> first and last sentence index stating it
    for k, (s, e) in enumerate(ctx.sentences):
        if current is not None:
            under_way.append((s, current))
        if lex.planned.search(text, s, e):
            continue  # a plan or an announcement: nobody is at an event yet
        triggers = _first(lex.event_triggers, text, s, e)
        roles = _first(lex.roles, text, s, e)
        here = people[bisect_left(starts, s):bisect_left(starts, e)]
        dates = find_dates(text, ctx.doc.date, s, e)
        date = dates[0].date if dates else None
        if triggers and current is not None and not here and date is None:
            triggers = []
        joint = not triggers and len({p.key for p in here}) >= 2 and lex.joint.search(text, s, e) is not None
        if triggers:
            # a meeting is the sentence's event even after a visit in a relative clause (来长调研的X一行座谈)
            triggers.sort(key=lambda t: t[2] != "Meeting")
            t_start, t_end, kind = triggers[0]
            ev = next((x for x in events if _compatible(x, kind, date)), None)
            if ev is None:
                ev = EventMention(s, e, kind, date or (current.date if current else None),
                                  _place(ctx, lex, s, e, t_end))
                events.append(ev)
            else:
                ev.date = ev.date or date
                ev.place_id = ev.place_id or _place(ctx, lex, s, e, t_end)
                if any(z.start <= ev.start < z.end for z in ctx.doc.zones(["title"])):
                    ev.start, ev.end = s, e  # the body's report is better evidence than the headline
                    ev.place_id = _place(ctx, lex, s, e, t_end) or ev.place_id  # 在长春, not 奥迪中国 of the headline
            current = ev
        elif here and (roles or lex.attend.search(text, s, e) or lex.met.search(text, s, e) or joint
                       or any(_passive_role(lex, text, s, p) for p in here)):
            if current is None:
                first_role = roles[0][2] if roles else "Attended"
                kind = "Meeting" if joint and not roles else implied_events()[first_role]  # people acting together met
                current = EventMention(s, e, kind, date, _place(ctx, lex, s, e, s))
                events.append(current)
        else:
            continue
        assert current is not None
        stated[id(current)] = (stated.get(id(current), (k, k))[0], k)
        met = lex.met.search(text, s, e) is not None
        attend = lex.attend.search(text, s, e) is not None
        trigger_role = trigger_roles().get(triggers[0][2]) if triggers else None
        met_at = [m.start() for m in lex.met.finditer(text, s, e)]
        for p in here:
            after = [r for r in roles if r[0] >= p.end]
            role = _passive_role(lex, text, s, p)
            if role is None and met and any(p.end <= m and (not after or m < after[0][0]) for m in met_at):
                role = "Met"  # "A met with B": the meeting verb comes first
            if role is None and after:
                # the cue belongs to the people named before it, up to the previous cue; of several
                # cues before the next name ("出席并讲话", "attended and addressed") the most specific
                nxt = min((q.start for q in here if q.start >= p.end), default=e)
                own = [r[2] for r in after if r[0] < nxt]
                role = next((r for r in own if r != "Attended"), own[0]) if own else after[0][2]
            if role is None and met:
                role = "Met"
            if role is None and (attend or joint):
                role = "Attended"
            if role is None and trigger_role and triggers[0][0] >= p.end:
                role = trigger_role
            if role is None:
                continue
            if role == "Attended" and any(x.person == p.key for x in current.participants):
                continue  # one role per person and event: attendance adds nothing to a stated role
            current.participants.append(Participant(p.key, role, p.start, p.end))
    _add_present(ctx, lex, events, under_way, stated, people)
    _add_delegation_leaders(ctx, lex, events)
    for ev in events:  # one role per person and event: attendance adds nothing to a stated role
        roled = {x.person for x in ev.participants if x.role != "Attended"}
        ev.participants = [x for x in ev.participants if x.role != "Attended" or x.person not in roled]
    return events

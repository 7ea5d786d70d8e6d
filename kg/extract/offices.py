"""Offices named instead of people: "the mayor of Changchun met ...", 长春市市长出席, мэр Чанчуня встретился.

A title that one person holds at a time (the titles table's `single` column), with its organization
next to it (as a post chain would pair them) and not part of any named person's post, names an
unnamed holder. The event rules treat such holders as people, so they get roles
as anyone does (`find_events` takes them with the persons, under an `office:` key); `split_offices`
then takes them out of the events as `OfficeParticipation`s. Who held the office on the article's date
is decided across the corpus, from the tenures (`kg.resolve.roles_at_date`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from types import ModuleType

from kg.extract.context import Context, Item
from kg.extract.facts import PARTICIPANT, EventMention, OfficeParticipation, PersonMention, PostMention
from kg.extract.posts import ORGLIKE as _ORGLIKE, resolve_org

__all__ = ["OFFICE", "find_offices", "split_offices", "office_key", "parse_office_key"]

OFFICE = "office:"
_APPENDED = re.compile(r"\s*(and|и|,|，|、|和|及|兼)\s*", re.I)
_APPOSED = re.compile(r"[\s,，:：]{0,3}")


def office_key(title: str, org: str) -> str:
    return f"{OFFICE}{title}:{org}"


def parse_office_key(key: str) -> tuple[str, str] | None:
    """(title, organization) of an office key, None for a person's name key."""
    if not key.startswith(OFFICE):
        return None
    title, _, org = key[len(OFFICE):].partition(":")
    return title, org


def _org_of(ctx: Context, module: ModuleType, title: Item) -> tuple[Item, str] | None:
    """The organization next to `title` (before it, or after it joined by the language's "of"), resolved."""
    rules = module.RULES
    near = ctx.near(title.start, title.end, 60)
    before = [h for h in near if h.kind in _ORGLIKE and h.end <= title.start]
    after = [h for h in near if h.kind in _ORGLIKE and h.start >= title.end]
    if before and rules.org_title.fullmatch(ctx.text[before[-1].end:title.start]):
        org = before[-1]
    elif after and rules.title_of.fullmatch(ctx.text[title.end:after[0].start]):
        org = after[0]
    else:
        return None
    resolved = resolve_org(ctx, org, title.id)
    return (org, resolved) if resolved else None


def find_offices(ctx: Context, module: ModuleType, posts: list[PostMention]) -> list[PersonMention]:
    """Unnamed holders of single-holder offices in the fact zones, as pseudo-persons with `office:` keys:
    titles that no person's post covers."""
    spans = sorted((p.start, p.end) for p in posts)
    zones = [(z.start, z.end) for z in ctx.doc.fact_zones()]
    titles = ctx.doc.zones(["title"])
    out: list[PersonMention] = []
    for h in ctx.hits:
        ent = ctx.ref.entities.get(h.id)
        if h.kind != "title" or len(h.ids) != 1 or ent is None or ent.extra.get("single") != "yes":
            continue
        if not any(zs <= h.start < ze for zs, ze in zones) or any(t.start <= h.start < t.end for t in titles):
            continue  # outside the facts, or in the headline (which sums up the body)
        i = bisect_right(spans, (h.start, len(ctx.text) + 1))
        if any(ps <= h.start and h.end <= pe for ps, pe in spans[max(0, i - 8):i]):
            continue  # the title of a named person's post
        if spans[:i] and _APPENDED.fullmatch(ctx.text[max(pe for _, pe in spans[max(0, i - 8):i]):h.start]):
            continue  # one more title of the post chain just before ("... Committee and Secretary of ...")
        org = _org_of(ctx, module, h)
        if org is None:
            continue
        start, end = min(h.start, org[0].start), max(h.end, org[0].end)
        nxt = next((p.start for p in ctx.persons if p.start >= end), None)
        prev = max((p.end for p in ctx.persons if p.end <= start), default=None)
        if (nxt is not None and _APPOSED.fullmatch(ctx.text[end:nxt])) or (
                prev is not None and _APPOSED.fullmatch(ctx.text[prev:start])):
            continue  # the title of the name next to it (奥迪中国总裁安世豪; "Jing Junhai, Party chief of Jilin")
        out.append(PersonMention(start, end, ctx.text[start:end], office_key(h.id, org[1]), ctx.doc.language,
                                 PARTICIPANT))
    return out


def split_offices(events: list[EventMention]) -> list[OfficeParticipation]:
    """Take the office holders out of `events`' participants: their participations, by event index."""
    out: dict[tuple[int, str, str, str], OfficeParticipation] = {}
    for i, ev in enumerate(events):
        kept = []
        for part in ev.participants:
            office = parse_office_key(part.person)
            if office is None:
                kept.append(part)
            else:  # one per office, role and event: the last statement (the body's, after a headline)
                out[(i, *office, part.role)] = OfficeParticipation(part.start, part.end, i, office[0], office[1],
                                                                   part.role)
        ev.participants = kept
    return sorted(out.values())

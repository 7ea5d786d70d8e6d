"""Posts: the titles and organizations stated around a person's name, in any language.

A post chain is a run of titles and organizations next to a name, joined by connectors that each
language defines ("、" in Chinese; ", ", " and ", " of the " in English; spaces in Russian):
吉林省委常委、长春市委书记张志军 / Zhang Zhijun, Member of the Standing Committee of the CPC Jilin
Provincial Committee and Secretary of the CPC Changchun Municipal Committee. Each title is paired
with the organization the chain gives it; a place stands for the body that governs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.context import Context, Item
from kg.extract.facts import PostMention

__all__ = ["ORGLIKE", "ChainRules", "chain_before", "chain_after", "posts_from_chain", "resolve_org", "fit_title", "titled"]

ORGLIKE = ("organization", "place")
"""Item kinds that can stand for the organization of a post (a place stands for its governing body)."""
_ORGLIKE = ORGLIKE


@dataclass(frozen=True)
class ChainRules:
    """Connector patterns of one language (each must match the whole gap between two items)."""

    before_link: re.Pattern[str]       # between items of a chain before the name
    before_name: re.Pattern[str]       # between the chain's last title and the name
    after_open: re.Pattern[str] | None  # between the name and an appositive chain
    after_link: re.Pattern[str]        # between items of an appositive chain
    title_of: re.Pattern[str]          # between a title and the organization it belongs to, org after
    org_title: re.Pattern[str]         # between an organization and its title, org before
    org_first: bool                    # a title without its own org inherits the previous org (else the next)
    longer_name: re.Pattern[str] | None = None  # right after a known name: it is part of a longer unknown one


def _gap(ctx: Context, a: int, b: int) -> str:
    return ctx.text[a:b]


def chain_before(ctx: Context, person: Item, rules: ChainRules) -> list[Item]:
    """The titles and organizations directly before `person` (empty if none)."""
    s, _ = ctx.sentence_of(person.start)
    items = [i for i in ctx.items(s, person.start, _ORGLIKE + ("title",), with_persons=False)]
    chain: list[Item] = []
    pos = person.start
    for item in reversed(items):
        gap = _gap(ctx, item.end, pos)
        pattern = rules.before_name if not chain else rules.before_link
        if not pattern.fullmatch(gap) and not (
                chain and item.kind == "title" and chain[0].kind in _ORGLIKE and rules.title_of.fullmatch(gap)):
            break  # (a title joined to the organization after it as a post chain would: секретарь горкома Чанчуня)
        chain.insert(0, item)
        pos = item.start
    while chain and chain[0].kind != "title" and not any(c.kind == "title" for c in chain):
        chain.pop(0)
    return chain if any(c.kind == "title" for c in chain) else []


def chain_after(ctx: Context, person: Item, rules: ChainRules) -> list[Item]:
    """The appositive titles and organizations right after `person` ("X, Mayor of Y")."""
    if rules.after_open is None:
        return []
    _, e = ctx.sentence_of(person.start)
    items = ctx.items(person.end, e, _ORGLIKE + ("title",), with_persons=True)
    chain: list[Item] = []
    pos = person.end
    for item in items:
        gap = _gap(ctx, pos, item.start)
        if item.kind == "person":
            break
        pattern = rules.after_open if not chain else rules.after_link
        if not pattern.fullmatch(gap):
            break
        if item.kind in _ORGLIKE and rules.longer_name is not None and rules.longer_name.match(ctx.text, item.end):
            break  # the name goes on beyond the known one: an unknown organization, not this one
        chain.append(item)
        pos = item.end
    if not chain or chain[0].kind != "title":
        return []
    return chain


def generic_title(ctx: Context, title_id: str) -> bool:
    """True for a title that names a rank or a group rather than a post (leader, member, 市领导): the
    reference table's `generic` column. It does not vouch for a name the name rules would not take alone."""
    return title_id in ctx.ref.entities and ctx.ref[title_id].extra.get("generic") == "yes"


def titled(ctx: Context, start: int, end: int) -> bool:
    """True when a title that is not generic stands right before `[start, end)` or in an appositive
    right after it."""
    for h in ctx.near(start, end, 300):  # a title chain is never this long
        if h.kind != "title" or generic_title(ctx, h.id):
            continue
        if h.end <= start and re.fullmatch(r"\s+", ctx.text[h.end:start]):
            return True
        if h.start >= end and re.fullmatch(r"\s*,\s*(the\s+|a\s+)?", ctx.text[end:h.start], re.I):
            return True
    return False


def _governing(ctx: Context, place: str, cls: str) -> str | None:
    for cand in ctx.ref:
        if cand.kind == "organization" and place in cand.governs and cand.cls == cls:
            return cand.id
    return None


def resolve_org(ctx: Context, org: Item | None, title_id: str) -> str | None:
    """The organization id for a post, fitted to the kind of title.

    A place becomes the body that governs it (a government for government titles, a party
    committee for party titles); a government title stated with a party committee goes to the
    government of the same place, and the other way round; a company title stated with a company's
    party committee goes to the company, a party title stated with a company to its party committee.
    None when nothing fits.
    """
    if org is None:
        return None
    ent = ctx.ref[org.id]
    kind = ctx.ref[title_id].extra.get("kind", "") if title_id in ctx.ref.entities else ""
    if ent.kind == "place":
        return _governing(ctx, ent.id, "PartyCommittee" if kind == "party" else "GovernmentBody")
    if ent.kind != "organization":
        return None
    if kind == "government" and ent.cls == "PartyCommittee" and ent.governs:
        return _governing(ctx, ent.governs[0], "GovernmentBody") or ent.id
    if kind == "party" and ent.cls == "GovernmentBody" and ent.governs:
        return _governing(ctx, ent.governs[0], "PartyCommittee") or ent.id
    if kind == "company" and ent.cls == "PartyCommittee":
        parent = next((p for p in ent.part_of if ctx.ref[p].cls == "Company"), None)
        return parent or ent.id
    if kind == "party" and ent.cls == "Company":
        committee = next((c.id for c in ctx.ref if c.cls == "PartyCommittee" and ent.id in c.part_of), None)
        return committee or ent.id
    return ent.id


def fit_title(ctx: Context, title_id: str, org_id: str | None) -> str:
    """The title as it reads in its organization: a "Director" of a company sits on its board;
    a standing-committee member of a company's party committee is a party-committee standing member."""
    if org_id is None:
        return title_id
    org = ctx.ref[org_id]
    if title_id == "director" and org.cls == "Company" and "board-director" in ctx.ref.entities:
        return "board-director"
    if title_id == "standing-committee-member" and org.cls == "PartyCommittee" and any(
            ctx.ref[p].cls == "Company" for p in org.part_of) and "party-committee-standing-member" in ctx.ref.entities:
        return "party-committee-standing-member"
    return title_id


def posts_from_chain(ctx: Context, chain: list[Item], person_key: str, rules: ChainRules) -> list[PostMention]:
    """Pair every title of `chain` with its organization and return the posts."""
    posts: list[PostMention] = []
    for i, item in enumerate(chain):
        if item.kind != "title":
            continue
        title = ctx.ref[item.id]
        if title.extra.get("kind") == "other":
            continue
        org: Item | None = None
        nxt = chain[i + 1] if i + 1 < len(chain) else None
        prev = chain[i - 1] if i > 0 else None
        if nxt is not None and nxt.kind in _ORGLIKE and rules.title_of.fullmatch(_gap(ctx, item.end, nxt.start)):
            org = nxt
        elif prev is not None and prev.kind in _ORGLIKE and rules.org_title.fullmatch(_gap(ctx, prev.end, item.start)):
            org = prev
        else:
            before = [c for c in chain[:i] if c.kind in _ORGLIKE]
            after = [c for c in chain[i + 1:] if c.kind in _ORGLIKE]
            order = (before[::-1] + after) if rules.org_first else (after + before[::-1])
            org = order[0] if order else None
        start = min(item.start, org.start) if org else item.start
        end = max(item.end, org.end) if org else item.end
        org_id = resolve_org(ctx, org, title.id)
        posts.append(PostMention(start, end, person_key, fit_title(ctx, title.id, org_id), org_id))
    return posts

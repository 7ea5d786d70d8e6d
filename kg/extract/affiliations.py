"""Affiliations: a person acting on behalf of organizations, in any language.

王儒林代表省委、省政府 / Товарищ Чжан Чжицзюнь, от имени 13-го Чанчуньского муниципального комитета КПК /
Wang Zilian, on behalf of the Changchun Municipal Committee: the text between the name and the first
organization is the language's `on_behalf` cue, and the organizations that follow it, joined as in a
post chain, are the ones the person acts for. A place stands for its government.
"""

from __future__ import annotations

from types import ModuleType

from kg.extract.context import Context, Item
from kg.extract.facts import AffiliationMention, PersonMention
from kg.extract.posts import ORGLIKE as _ORGLIKE, resolve_org

__all__ = ["find_affiliations"]

REACH = 40
"""At most this many characters between a name and the organization it acts for."""


def _org_id(ctx: Context, item: Item) -> str | None:
    ent = ctx.ref.entities.get(item.id)
    if ent is None:
        return None
    if ent.kind == "place":
        return resolve_org(ctx, item, "mayor")  # a place acts through its government
    return ent.id if ent.kind == "organization" else None


def find_affiliations(ctx: Context, module: ModuleType, persons: list[PersonMention]) -> list[AffiliationMention]:
    """The organizations each person is said to act for (see the module docstring)."""
    cue, link = module.LEXICON.on_behalf, module.RULES.after_link
    out: set[AffiliationMention] = set()
    for p in persons:
        _, sentence_end = ctx.sentence_of(p.start)
        following = [i for i in ctx.items(p.end, min(sentence_end, p.end + REACH + 200), with_persons=False)
                     if i.kind in _ORGLIKE or i.kind == "title"]
        if not following or following[0].kind not in _ORGLIKE or following[0].start - p.end > REACH:
            continue
        if not cue.match(ctx.folded[p.end:following[0].start]):
            continue
        chain = [following[0]]
        for item in following[1:]:
            if item.kind not in _ORGLIKE or not link.fullmatch(ctx.text[chain[-1].end:item.start]):
                break
            chain.append(item)
        for item in chain:
            org = _org_id(ctx, item)
            if org is not None:
                out.add(AffiliationMention(p.start, item.end, p.key, org))
    return sorted(out)

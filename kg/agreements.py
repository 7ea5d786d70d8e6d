"""Agreements and batches of signed projects: parties, number of projects, amount and currency.

A sentence that says something was signed and names an agreement, contract or projects reports an
agreement. Agreements reported for the same event are one agreement (their parties joined, the first
stated count and amount kept). Parties are the organizations and places the sentence names.
"""

from __future__ import annotations

from decimal import Decimal

from kg.context import Context
from kg.extraction import AgreementMention, EventMention
from kg.lexicon import Lexicon

__all__ = ["find_agreements", "parse_amount"]


def parse_amount(lex: Lexicon, text: str, start: int, end: int) -> tuple[Decimal, str, str, int, int] | None:
    """The first amount of money in `text[start:end]`: (value, currency, as written, start, end)."""
    m = lex.amount.search(text, start, end)
    if not m:
        return None
    gd = {k: v for k, v in m.groupdict().items() if v}
    num = gd.get("num") or gd.get("num2")
    unit = (gd.get("unit") or gd.get("unit2") or "").lower()
    cur = (gd.get("cur") or gd.get("cur2") or "").lower()
    if not num:
        return None
    value = Decimal(num.replace(",", ".")) * lex.units.get(unit, 1)
    code = next((c for word, c in lex.currency.items() if cur.startswith(word)), None)
    if code is None:
        return None
    return value.normalize() if value == value.to_integral() else value, code, m.group(), m.start(), m.end()


def _event_of(events: list[EventMention], pos: int) -> int | None:
    before = [i for i, ev in enumerate(events) if ev.start <= pos]
    if before:
        return before[-1]
    return 0 if events else None


def find_agreements(ctx: Context, lex: Lexicon, events: list[EventMention]) -> list[AgreementMention]:
    """Agreements of one document (see the module docstring)."""
    text = ctx.text
    merged: dict[int | None, AgreementMention] = {}
    order: list[int | None] = []
    for s, e in ctx.sentences:
        if not (lex.sign.search(text, s, e) and lex.agreement.search(text, s, e)):
            continue
        amount = parse_amount(lex, text, s, e)
        pm = lex.projects.search(text, s, e)
        parties = tuple(dict.fromkeys(h.id for h in ctx.items(s, e, ("organization", "place"), with_persons=False)
                                      if not (amount and amount[3] <= h.start < amount[4]) and ctx.ref[h.id].cls != "Country"))
        ev = _event_of(events, s)
        date = events[ev].date if ev is not None else None
        new = AgreementMention(
            s, e, parties, date, int(pm["n"]) if pm else None,
            amount[0] if amount else None, amount[1] if amount else None, amount[2] if amount else None, ev)
        if ev in merged:
            old = merged[ev]
            merged[ev] = AgreementMention(
                old.start, old.end, tuple(dict.fromkeys(old.parties + new.parties)), old.date or new.date,
                old.projects if old.projects is not None else new.projects,
                old.amount if old.amount is not None else new.amount,
                old.currency or new.currency, old.amount_text or new.amount_text, ev)
        else:
            merged[ev] = new
            order.append(ev)
    return [merged[k] for k in order]

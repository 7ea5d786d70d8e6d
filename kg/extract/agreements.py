"""Agreements and batches of signed projects: parties, number of projects, amount and currency.

A sentence that says something was signed and names an agreement, contract or projects reports an
agreement. Agreements reported for the same event are one agreement (their parties joined, the first
stated count and amount kept). Parties are the organizations and places the sentence names.
"""

from __future__ import annotations

from decimal import Decimal

from kg.extract.context import Context
from kg.extract.facts import AgreementMention, EventMention
from kg.extract.lexicon import Lexicon

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
    value = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
    return value, code, m.group(), m.start(), m.end()


def _event_of(events: list[EventMention], pos: int) -> int | None:
    before = [i for i, ev in enumerate(events) if ev.start <= pos]
    if before:
        return before[-1]
    return 0 if events else None


def _kind(lex: Lexicon, text: str, s: int, e: int) -> str:
    if lex.contract.search(text, s, e):
        return "contract"
    return "projects" if lex.projects.search(text, s, e) else "neutral"


def _merge(old: AgreementMention, new: AgreementMention) -> AgreementMention:
    return AgreementMention(
        old.start, old.end, tuple(dict.fromkeys(old.parties + new.parties)), old.date or new.date,
        old.projects if old.projects is not None else new.projects,
        old.amount if old.amount is not None else new.amount,
        old.currency or new.currency, old.amount_text or new.amount_text, old.event)


def find_agreements(ctx: Context, lex: Lexicon, events: list[EventMention]) -> list[AgreementMention]:
    """Agreements of one document.

    Sentences about one signing are one agreement: a later sentence joins the agreement of the same
    event unless that would mix a named agreement with a batch of projects, or two counts or two
    amounts. A sentence that only breaks a counted batch down (a count, no amount, no parties) adds
    nothing. "According to the agreement, ..." fills in the last agreement's count and amount.
    """
    text = ctx.folded  # cues match case-, width- and script-insensitively
    out: list[AgreementMention] = []
    kinds: list[str] = []
    title = {(z.start, z.end) for z in ctx.doc.zones(["title"])}
    for s, e in ctx.sentences:
        if any(ts <= s < te for ts, te in title):
            continue  # a headline repeats what the body says, with less detail
        signed = bool(lex.sign.search(text, s, e) and lex.agreement.search(text, s, e))
        according = bool(lex.according.search(text, s, e))
        if not (signed or according):
            continue
        amount = parse_amount(lex, text, s, e)
        pm = lex.projects.search(text, s, e)
        parties = tuple(dict.fromkeys(h.id for h in ctx.items(s, e, ("organization", "place"), with_persons=False)
                                      if not (amount and amount[3] <= h.start < amount[4]) and ctx.ref[h.id].cls != "Country"))
        ev = _event_of(events, s)
        written = ctx.text[amount[3]:amount[4]] if amount else None  # as in the article, not folded
        new = AgreementMention(
            s, e, parties, events[ev].date if ev is not None else None, int(pm["n"]) if pm else None,
            amount[0] if amount else None, amount[1] if amount else None, written, ev)
        kind = _kind(lex, text, s, e)
        if not signed:
            if out:
                last = out[-1]
                out[-1] = AgreementMention(last.start, last.end, last.parties, last.date,
                                           last.projects if last.projects is not None else new.projects,
                                           last.amount if last.amount is not None else new.amount,
                                           last.currency or new.currency, last.amount_text or new.amount_text,
                                           last.event)
            continue
        same = [i for i, a in enumerate(out) if a.event == ev]
        if same:
            i = same[-1]
            old = out[i]
            mixes = {kinds[i], kind} == {"contract", "projects"}
            clash = (old.projects is not None and new.projects is not None) or (
                old.amount is not None and new.amount is not None)
            if not mixes and not clash:
                out[i] = _merge(old, new)
                kinds[i] = kinds[i] if kind == "neutral" else kind
                continue
            if clash and new.amount is None and not new.parties and old.projects is not None:
                continue  # a breakdown of a batch already counted
        out.append(new)
        kinds.append(kind)
    # "a contract was signed" with nothing about who or how much is no agreement to record
    return [a for a in out if a.parties or a.projects is not None or a.amount is not None]

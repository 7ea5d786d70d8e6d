"""The cue words of one language for events, roles, agreements and strategy stances.

Each language module (`kg.lang.en.rules`, `kg.lang.zh.rules`, `kg.lang.ru.rules`) defines one `Lexicon`; the
language-independent rules in `kg.events`, `kg.agreements` and `kg.stances` read only this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Lexicon", "compile_pairs"]

Pairs = tuple[tuple[re.Pattern[str], str], ...]


def compile_pairs(pairs: list[tuple[str, str]], flags: int = re.I) -> Pairs:
    """Compile (pattern, value) pairs."""
    return tuple((re.compile(p, flags), v) for p, v in pairs)


@dataclass(frozen=True)
class Lexicon:
    """Cue patterns (searched in a sentence) and what they mean."""

    event_triggers: Pairs      # pattern -> event type (Meeting, Conference, ...)
    roles: Pairs               # pattern -> participant role of the people named before it
    passive_roles: Pairs       # pattern -> role of the person named right after it ("led by X")
    met: re.Pattern[str]       # everyone named in the sentence met
    attend: re.Pattern[str]    # people without another role attended
    sign: re.Pattern[str]      # a signing
    agreement: re.Pattern[str]  # an agreement, contract or batch of projects
    contract: re.Pattern[str]  # a named agreement or contract (not a batch of projects)
    according: re.Pattern[str]  # "according to the agreement": details of the last agreement
    projects: re.Pattern[str]  # group "n": number of projects
    amount: re.Pattern[str]    # groups "num" and "unit": an amount of money
    units: dict[str, int]      # unit word (lower case) -> multiplier
    currency: dict[str, str]   # currency word (lower case) -> ISO 4217 code
    stances: Pairs             # pattern -> Promotes / Implements / Deploys
    passive_by: re.Pattern[str]  # "deployed by X": the actor follows
    speech: re.Pattern[str]    # a verb of saying: what follows is the speaker's
    purpose: re.Pattern[str]   # a sentence opening with a purpose ("In order to implement ..., X did")
    locative: re.Pattern[str]  # text right before a place that is where an event happens

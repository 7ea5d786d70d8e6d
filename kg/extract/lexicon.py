"""The cue words of one language for events, roles, agreements, strategy stances and presence.

Each language folder holds its cue words as data, `kg/lang/CODE/lexicon.toml` (set `KG_LANG_DIR` to read
`CODE/lexicon.toml` from another folder; `lexicon_path`): one table per kind of
`KINDS`, each entry a regular expression with an example it matches (and, for the kinds that map a cue
to a meaning, its `value`), plus the `units` and `currency` tables. `load_lexicon` reads the file into a
`Lexicon`; the language-independent rules in `kg.extract.events`, `kg.extract.agreements` and `kg.extract.stances` read only
that. All patterns are matched case-insensitively on the folded view (simplified Chinese, width-folded).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import tomllib

from kg.home import PACKAGE

__all__ = ["Lexicon", "Cue", "KINDS", "load_lexicon", "lexicon_dir", "lexicon_entries", "lexicon_path", "compile_pairs"]

Pairs = tuple[tuple[re.Pattern[str], str], ...]

#: Every kind of cue: (what it means, how the rules look for it). "search" looks anywhere in a sentence,
#: "before" in the text before a name (the pattern ends with `$` where it must touch the name), "after"
#: right after a name (the pattern starts with `^`), "start" at the start of a clause. Kinds with a
#: `value` map a cue to an event type, a role or a stance.
KINDS: dict[str, tuple[str, str]] = {
    "event_triggers": ("value: the event type a cue opens (Meeting, Conference, SigningCeremony, ...)", "search"),
    "roles": ("value: the role of the people named before the cue (Presided, Attended, ...)", "search"),
    "passive_roles": ("value: the role of the person named right after the cue (led by X)", "before"),
    "stances": ("value: Promotes, Implements or Deploys a strategy", "search"),
    "met": ("everyone named in the sentence met", "search"),
    "meeting": ("a meeting verb beyond the triggers (обсудил с, 座谈): a Meeting trigger and a `met` cue", "search"),
    "attend": ("people with no other role attended", "search"),
    "sign": ("a signing", "search"),
    "agreement": ("an agreement, contract or batch of projects", "search"),
    "contract": ("a named agreement or contract (not a batch of projects)", "search"),
    "according": ("'according to the agreement': details of the last agreement", "search"),
    "projects": ("group n: a number of projects", "search"),
    "amount": ("groups num, unit, cur (or num2, unit2, cur2): an amount of money", "search"),
    "passive_by": ("'deployed by X': the actor follows", "before"),
    "speech": ("a verb of saying: what follows is the speaker's", "search"),
    "purpose": ("a clause opening with a purpose ('In order to implement ..., X did')", "start"),
    "locative": ("the text right before a place where an event happens", "before"),
    "absent_before": ("before a name in its sentence: the person is referred to, not present (greetings from X)",
                      "before"),
    "absent_after": ("right after a name: the person is referred to, not present (X's instructions)", "after"),
    "joint": ("people named in the sentence act together (together with, составили, 共同为…揭牌): with no trigger "
              "in the sentence they meet, opening a Meeting when no event is under way", "search"),
    "planned": ("a sentence reporting a plan or an announcement (встретится, will visit): no event, no roles",
                "search"),
    "on_behalf": ("between a name and the organizations it acts for (代表, от имени, on behalf of): the person "
                  "is affiliated with them", "after"),
    "with_delegation": ("in a meeting's sentence: the other side is the visiting delegation, whose leaders "
                        "take part", "search"),
    "gender_before": ("value female or male: right before a name, a form of address (Ms., госпожа)", "before"),
    "gender_after": ("value female or male: after a name, an address (女士) or, in its clause, a verb that agrees "
                     "with the person's gender (выступила); the cue that ends first decides", "after"),
}
_PAIRS = ("event_triggers", "roles", "passive_roles", "stances", "gender_before", "gender_after")
_NEVER = re.compile(r"(?!)")


def lexicon_dir() -> Path:
    """The folder holding one `CODE/lexicon.toml` per language: `kg/lang/` (env `KG_LANG_DIR` overrides)."""
    env = os.environ.get("KG_LANG_DIR")
    return Path(env) if env else PACKAGE / "lang"


def lexicon_path(code: str) -> Path:
    """The cue file of language `code` (see `lexicon_dir`)."""
    return lexicon_dir() / code / "lexicon.toml"


def compile_pairs(pairs: list[tuple[str, str]], flags: int = re.I) -> Pairs:
    """Compile (pattern, value) pairs."""
    return tuple((re.compile(p, flags), v) for p, v in pairs)


@dataclass(frozen=True)
class Cue:
    """One entry of a lexicon file: its kind, pattern, example, and value where the kind has one."""

    kind: str
    pattern: str
    example: str
    value: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Lexicon:
    """Cue patterns and what they mean (see `KINDS`)."""

    event_triggers: Pairs
    roles: Pairs
    passive_roles: Pairs
    met: re.Pattern[str]
    attend: re.Pattern[str]
    sign: re.Pattern[str]
    agreement: re.Pattern[str]
    contract: re.Pattern[str]
    according: re.Pattern[str]
    projects: re.Pattern[str]
    amount: re.Pattern[str]
    units: dict[str, int]      # unit word (lower case) -> multiplier
    currency: dict[str, str]   # currency word (lower case) -> ISO 4217 code
    stances: Pairs
    passive_by: re.Pattern[str]
    speech: re.Pattern[str]
    purpose: re.Pattern[str]
    locative: re.Pattern[str]
    absent_before: re.Pattern[str] = _NEVER
    absent_after: re.Pattern[str] = _NEVER
    planned: re.Pattern[str] = _NEVER
    joint: re.Pattern[str] = _NEVER
    with_delegation: re.Pattern[str] = _NEVER
    on_behalf: re.Pattern[str] = _NEVER
    gender_before: Pairs = ()
    gender_after: Pairs = ()


def lexicon_entries(path: Path) -> tuple[list[Cue], dict[str, int], dict[str, str]]:
    """The cues of a lexicon file with its units and currency tables; ValueError for an unknown kind or
    an entry without a pattern, an example, or (for a kind with values) a value."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    units, currency = data.pop("units", {}), data.pop("currency", {})
    unknown = set(data) - set(KINDS)
    if unknown:
        raise ValueError(f"{path}: unknown cue kinds {sorted(unknown)}")
    cues = []
    for kind, entries in data.items():
        for entry in entries:
            if not entry.get("pattern") or not entry.get("example") or (kind in _PAIRS) != ("value" in entry):
                raise ValueError(f"{path}: a {kind} entry needs a pattern, an example"
                                 + (" and a value" if kind in _PAIRS else " and no value") + f": {entry}")
            cues.append(Cue(kind, entry["pattern"], entry["example"], entry.get("value"), entry.get("note", "")))
    return cues, units, currency


def _joined(cues: list[Cue], kind: str) -> re.Pattern[str]:
    parts = [c.pattern for c in cues if c.kind == kind]
    if not parts:
        return _NEVER
    return re.compile(parts[0] if len(parts) == 1 else "|".join(f"(?:{p})" for p in parts), re.I)


@cache
def load_lexicon(path: Path) -> Lexicon:
    """The Lexicon of a language's lexicon file (see the module docstring)."""
    cues, units, currency = lexicon_entries(path)

    def pairs(kind: str) -> Pairs:
        return compile_pairs([(c.pattern, c.value or "") for c in cues if c.kind == kind])

    meeting = [c for c in cues if c.kind == "meeting"]
    singles = {kind: _joined(cues, kind) for kind in KINDS if kind not in _PAIRS and kind != "meeting"}
    singles["met"] = _joined([Cue("met", c.pattern, c.example) for c in cues if c.kind in ("met", "meeting")], "met")
    return Lexicon(event_triggers=pairs("event_triggers") + compile_pairs([(c.pattern, "Meeting") for c in meeting]),
                   roles=pairs("roles"), passive_roles=pairs("passive_roles"), stances=pairs("stances"),
                   gender_before=pairs("gender_before"), gender_after=pairs("gender_after"),
                   units={str(k): int(v) for k, v in units.items()},
                   currency={str(k): str(v) for k, v in currency.items()}, **singles)

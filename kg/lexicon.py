"""The cue words of one language for events, roles, agreements and strategy stances.

Each language module (`kg.lang.en.rules`, `kg.lang.zh.rules`, `kg.lang.ru.rules`) defines one `Lexicon`; the
language-independent rules in `kg.events`, `kg.agreements` and `kg.stances` read only this.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Lexicon", "compile_pairs", "Cue", "load_cues", "cue_pattern", "CUE_KINDS", "with_cues"]

#: The kinds of cue a language's `cues.toml` lists, and what each says (the file's tables).
CUE_KINDS = {
    "absent_before": "searched in the sentence before a name: the person is referred to, not present "
                     "(greetings from X, X is expected to visit)",
    "absent_after": "matched right after a name: the person is referred to, not present (X's instructions)",
    "meeting": "a meeting verb that is not in the rules' own lists (обсудил с, 座谈): opens a Meeting and "
               "makes everyone named in its sentence meet",
    "planned": "a sentence that reports a plan or an announcement, not an event (встретится, will visit, "
               "将于…会见): it opens no event and gives nobody a role",
    "with_delegation": "in a meeting's sentence: the other side is the visiting delegation (met with the "
                       "delegation, 会见了代表团一行), so the people leading it in the article take part",
}


@dataclass(frozen=True)
class Cue:
    """One cue of a language's data file: a regular expression and a real-looking example it matches."""

    kind: str
    pattern: str
    example: str
    note: str = ""


def load_cues(path: Path) -> list[Cue]:
    """The cues of one `cues.toml` (tables named by `CUE_KINDS`, each a list of {pattern, example, note})."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - set(CUE_KINDS)
    if unknown:
        raise ValueError(f"{path}: unknown cue kinds {sorted(unknown)}")
    return [Cue(kind, entry["pattern"], entry["example"], entry.get("note", ""))
            for kind, entries in data.items() for entry in entries]


def cue_pattern(cues: list[Cue], kind: str) -> re.Pattern[str]:
    """One pattern matching any cue of `kind` (a pattern that never matches when there is none)."""
    parts = [c.pattern for c in cues if c.kind == kind]
    return re.compile("|".join(f"(?:{p})" for p in parts) if parts else r"(?!)", re.I)

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
    absent_before: re.Pattern[str] = field(default=re.compile(r"(?!)"))  # see CUE_KINDS
    absent_after: re.Pattern[str] = field(default=re.compile(r"(?!)"))
    with_delegation: re.Pattern[str] = field(default=re.compile(r"(?!)"))
    planned: re.Pattern[str] = field(default=re.compile(r"(?!)"))


def with_cues(lexicon: Lexicon, cues_file: Path) -> Lexicon:
    """`lexicon` with the cues of a language's data file added (see `CUE_KINDS`)."""
    from dataclasses import replace

    cues = load_cues(cues_file)
    meeting = cue_pattern(cues, "meeting")
    return replace(lexicon, absent_before=cue_pattern(cues, "absent_before"),
                   absent_after=cue_pattern(cues, "absent_after"),
                   with_delegation=cue_pattern(cues, "with_delegation"), planned=cue_pattern(cues, "planned"),
                   event_triggers=lexicon.event_triggers + ((meeting, "Meeting"),),
                   met=re.compile(f"(?:{lexicon.met.pattern})|(?:{meeting.pattern})", lexicon.met.flags | re.I))

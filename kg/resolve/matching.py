"""Whether two groups of mentions with the same name are one person: small named rules with weights.

In the spirit of nomenklatura's matchers: each rule is a pure function of the two groups (and the
reference tables) returning a `Hit` (its name, a weight in log10 odds, a readable detail) or None.
`score` adds them up, starting from the name's rarity (`kg.text.namefreq`): a rare name needs nothing
more, a common one needs a shared organization. The weights and thresholds are data
(`kg/resolve/matching.toml`). A hard conflict (an author, an explicit judgement) is decided before scoring,
in `kg.resolve.people`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import tomllib

from kg.extract.facts import CITED
from kg.model.ontology import Reference
from kg.text.language import to_simplified
from kg.text.namefreq import expected_namesakes

if TYPE_CHECKING:
    from kg.resolve.people import Group

__all__ = [
    "CONFLICTS",
    "CONTEXT_RULES",
    "RULES",
    "STATIC_RULES",
    "Hit",
    "Score",
    "block_key",
    "combine",
    "context_hits",
    "han_form",
    "rarity",
    "score",
    "settings",
    "signature",
    "static_hits",
]

_SETTINGS = Path(__file__).with_name("matching.toml")


@lru_cache(maxsize=1)
def settings() -> dict[str, dict[str, float]]:
    """The thresholds and weights of `kg/resolve/matching.toml`."""
    return tomllib.loads(_SETTINGS.read_text(encoding="utf-8"))


def _w(name: str) -> float:
    return float(settings()["weights"][name])


@dataclass(frozen=True, order=True)
class Hit:
    """One rule that fired: its name, weight (log10 odds) and what it saw."""

    rule: str
    weight: float
    detail: str


@dataclass(frozen=True)
class Score:
    """The sum of the hits, and the hits."""

    total: float
    hits: tuple[Hit, ...]

    @property
    def merge(self) -> bool:
        return self.total >= settings()["thresholds"]["merge"]

    @property
    def uncertain(self) -> bool:
        return settings()["thresholds"]["review"] <= self.total < settings()["thresholds"]["merge"]

    def explain(self) -> str:
        """One line: total, then each rule with its weight and detail."""
        parts = "; ".join(f"{h.rule} {h.weight:+.1f} ({h.detail})" for h in self.hits)
        return f"score {self.total:+.2f}: {parts}"


def block_key(key: str) -> str:
    """Name keys that may name one person share this: the key without hyphens (``bayin-chaolu``,
    ``bayinchaolu`` and ``ba-yinchaolu`` all read bayinchaolu)."""
    return key.replace("-", "")


def han_form(g: Group) -> str | None:
    """The group's name in simplified Han characters, if the text wrote it so."""
    forms = g.forms_in("zh")
    return to_simplified(forms[0]) if forms else None


# ---------------------------------------------------------------------------------------------
# Places of organizations (for career and conflict rules)
# ---------------------------------------------------------------------------------------------


_ABOVE: dict[tuple[int, str], frozenset[str]] = {}


def _above(ref: Reference, ident: str) -> frozenset[str]:
    """Every entity an entity is part of, located in, the core of, or governs, transitively."""
    cached = _ABOVE.get((id(ref), ident))
    if cached is None:
        cached = _ABOVE[(id(ref), ident)] = _walk_up(ref, ident)
    return cached


def _walk_up(ref: Reference, ident: str) -> frozenset[str]:
    seen: set[str] = set()
    todo = [ident]
    while todo:
        ent = ref.entities.get(todo.pop())
        if ent is None:
            continue
        for nxt in (*ent.part_of, *ent.located_in, *ent.core_area_of, *ent.governs):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return frozenset(seen)


def _of_class(ref: Reference, ids: frozenset[str], cls: str) -> frozenset[str]:
    return frozenset(i for i in ids if (e := ref.entities.get(i)) is not None and e.cls == cls)


def _regions(ref: Reference, ids: frozenset[str], cls: str) -> frozenset[str]:
    """The places of class `cls` that the entities `ids` are in: a place's own chain of places, an
    organization's seat and the places it governs (not its parent organization's seat: the Jilin
    committee of the CPC is in Jilin, not in Beijing)."""
    out: set[str] = set()
    for i in ids:
        ent = ref.entities.get(i)
        if ent is None:
            continue
        seats = (i,) if ent.kind == "place" else (*ent.located_in, *ent.governs)
        for seat in seats:
            out |= _of_class(ref, _above(ref, seat) | {seat}, cls)
    return frozenset(out)


def _near(ref: Reference, ids: frozenset[str]) -> frozenset[str]:
    """Organizations with their parents and the places they govern; a root (the CPC, China) is
    left out: two party committees share the party, not an organization."""
    out: set[str] = set()
    for o in ids:
        out.add(o)
        ent = ref.entities.get(o)
        if ent is not None:
            out.update(p for p in ent.part_of if (parent := ref.entities.get(p)) is None or parent.part_of)
            out.update(ent.governs)
    return frozenset(out)


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------

Rule = Callable[["Group", "Group", Reference], "Hit | None"]


def rarity(a: Group, b: Group) -> Hit:
    """The prior: how many people bear the name (both sides' Han form when both have one)."""
    cfg = settings()["rarity"]
    han_a, han_b = han_form(a), han_form(b)
    han = han_a if han_a and han_a == han_b else None
    expected = expected_namesakes(a.key, han)
    if expected is None and b.key != a.key:
        expected = expected_namesakes(b.key, han)
    if expected is None:
        return Hit("rarity", cfg["unknown"], "not a Chinese name: no frequency model")
    weight = max(cfg["floor"], min(cfg["cap"], -math.log10(max(expected, 1e-9))))
    shown = han or a.key
    return Hit("rarity", round(weight, 2), f"about {expected:.2g} people called {shown} among {POOL_TEXT}")


POOL_TEXT = "a million who could be in the news"


def different_han(a: Group, b: Group, ref: Reference) -> Hit | None:
    ha, hb = han_form(a), han_form(b)
    if ha and hb and ha != hb:
        return Hit("different_han", _w("different_han"), f"{ha} / {hb}")
    return None


def different_gender(a: Group, b: Group, ref: Reference) -> Hit | None:
    """The texts address or conjugate one side as a woman and the other as a man (kg.extract.gender)."""
    if a.gender and b.gender and a.gender != b.gender:
        return Hit("different_gender", _w("different_gender"), f"{a.gender} / {b.gender}")
    return None


def spelling_variant(a: Group, b: Group, ref: Reference) -> Hit | None:
    if a.key != b.key:
        return Hit("spelling_variant", _w("spelling_variant"), f"{a.key} / {b.key}")
    return None


def shared_organization(a: Group, b: Group, ref: Reference) -> Hit | None:
    if a.orgs and b.orgs:
        shared = sorted(_near(ref, a.orgs) & _near(ref, b.orgs))
        if shared:
            return Hit("shared_organization", _w("shared_organization"), ", ".join(shared))
    return None


def _post_provinces(ref: Reference, g: Group) -> frozenset[str]:
    return _regions(ref, g.orgs, "Province")


def same_province(a: Group, b: Group, ref: Reference) -> Hit | None:
    if a.orgs and b.orgs and not (_near(ref, a.orgs) & _near(ref, b.orgs)):
        shared = sorted(_post_provinces(ref, a) & _post_provinces(ref, b))
        if shared:
            return Hit("same_province", _w("same_province"),
                       f"{', '.join(sorted(a.orgs))} / {', '.join(sorted(b.orgs))} in {', '.join(shared)}")
    return None


def different_country(a: Group, b: Group, ref: Reference) -> Hit | None:
    ca, cb = _regions(ref, a.orgs, "Country"), _regions(ref, b.orgs, "Country")
    if ca and cb and not (ca & cb):
        return Hit("different_country", _w("different_country"), f"{', '.join(sorted(ca))} / {', '.join(sorted(cb))}")
    return None


def _years_apart(a: Group, b: Group) -> float | None:
    if not a.date or not b.date:
        return None
    return abs((dt.date.fromisoformat(a.date) - dt.date.fromisoformat(b.date)).days) / 365.25


def different_province(a: Group, b: Group, ref: Reference) -> Hit | None:
    pa, pb = _post_provinces(ref, a), _post_provinces(ref, b)
    if pa and pb and not (pa & pb) and not (_near(ref, a.orgs) & _near(ref, b.orgs)):
        apart = _years_apart(a, b)
        detail = f"{', '.join(sorted(pa))} / {', '.join(sorted(pb))}"
        if apart is not None and apart <= 1:
            return Hit("different_province_same_year", _w("different_province_same_year"), detail)
        return Hit("different_province", _w("different_province"), detail)
    return None


def shared_title(a: Group, b: Group, ref: Reference) -> Hit | None:
    if (not a.orgs or not b.orgs) and a.titles & b.titles and not (a.kinds == b.kinds == {CITED}):
        return Hit("shared_title", _w("shared_title"), ", ".join(sorted(a.titles & b.titles)))
    return None


def both_cited(a: Group, b: Group, ref: Reference) -> Hit | None:
    if CITED in a.kinds and CITED in b.kinds and (a.titles & b.titles or not (a.titles or b.titles)):
        return Hit("both_cited", _w("both_cited"), ", ".join(sorted(a.titles & b.titles)) or "no title")
    return None


def shared_peers(a: Group, b: Group, ref: Reference) -> Hit | None:
    shared = sorted(a.peers & b.peers)
    if shared:
        weight = min(_w("shared_peer_cap"), _w("shared_peer") * len(shared))
        return Hit("shared_peers", weight, ", ".join(shared[:5]) + (" ..." if len(shared) > 5 else ""))
    return None


def _bare_seats(ref: Reference, g: Group) -> dict[str, str]:
    """The group's titles stated without an organization that sit in one kind of place (a mayor
    in a city, a governor in a province: the titles table's `seat`), with that place class."""
    out: dict[str, str] = {}
    for title, org in g.posts:
        ent = ref.entities.get(title)
        if not org and ent is not None and ent.extra.get("seat"):
            out[title] = ent.extra["seat"]
    return out


def _post_fits_place(x: Group, y: Group, ref: Reference) -> Hit | None:
    for title, cls in sorted(_bare_seats(ref, x).items()):
        governed = {p for o in y.orgs if (ent := ref.entities.get(o)) is not None for p in ent.governs
                    if (place := ref.entities.get(p)) is not None and place.cls == cls}
        shared = sorted(governed & _regions(ref, x.places, cls))
        if shared:
            return Hit("post_fits_place", _w("post_fits_place"),
                       f"{title} with no organization, in articles about {', '.join(shared)}, "
                       f"which the other's organization governs ({', '.join(sorted(y.orgs))})")
    return None


def post_fits_place(a: Group, b: Group, ref: Reference) -> Hit | None:
    """A career inside one place: one side's title stated without its organization (市长, "the
    mayor") is of the kind of place the other side's organization governs, and that side's
    articles are about that very place (a mayor, in articles about Changchun, and a member of the
    Changchun committee)."""
    return _post_fits_place(a, b, ref) or _post_fits_place(b, a, ref)


def shared_region(a: Group, b: Group, ref: Reference) -> Hit | None:
    """Both documents are about one province (and one city): the people who could be named shrink
    from the country's to the region's."""
    shared = sorted(_regions(ref, a.places, "Province") & _regions(ref, b.places, "Province"))
    if not shared:
        return None
    cities = sorted(_regions(ref, a.places, "PrefectureCity") & _regions(ref, b.places, "PrefectureCity"))
    if cities:
        return Hit("shared_region", _w("shared_region") + _w("shared_city"), ", ".join(shared + cities))
    return Hit("shared_region", _w("shared_region"), ", ".join(shared))


STATIC_RULES: tuple[Rule, ...] = (different_han, different_gender, spelling_variant, shared_organization, same_province,
                                  different_country, shared_title, both_cited)
"""Rules that read only a group's name, titles, organizations and kinds (`signature`)."""

CONTEXT_RULES: tuple[Rule, ...] = (different_province, shared_peers, shared_region, post_fits_place)
"""Rules that also read the document's date, other people and places."""

RULES = STATIC_RULES + CONTEXT_RULES
"""Every rule, in the order their hits are listed."""

CONFLICTS = frozenset({"different_han", "different_gender", "different_country", "different_province_same_year"})
"""Rules whose hit keeps two groups apart whatever else agrees (a cluster never gathers both)."""


def signature(g: Group) -> tuple[object, ...]:
    """What the static rules and the prior read of a group: equal signatures score alike."""
    return (g.key, han_form(g), g.orgs, g.titles, g.kinds, g.gender)


def static_hits(a: Group, b: Group, ref: Reference) -> tuple[Hit, ...]:
    """The prior and the static rules' hits (a function of the two signatures)."""
    return (rarity(a, b), *(h for rule in STATIC_RULES if (h := rule(a, b, ref)) is not None))


def context_hits(a: Group, b: Group, ref: Reference) -> tuple[Hit, ...]:
    """The context rules' hits."""
    return tuple(h for rule in CONTEXT_RULES if (h := rule(a, b, ref)) is not None)


def combine(hits: tuple[Hit, ...]) -> Score:
    """A score from hits."""
    return Score(round(sum(h.weight for h in hits), 2), hits)


def score(a: Group, b: Group, ref: Reference) -> Score:
    """The score of two groups: the rarity prior plus every rule that fires (symmetric in a, b)."""
    if (a.doc_id, a.key) > (b.doc_id, b.key):
        a, b = b, a
    return combine(static_hits(a, b, ref) + context_hits(a, b, ref))

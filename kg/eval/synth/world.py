"""The synthetic world of a seed: its places, the holders of its posts with their popularity, the
same-pinyin pairs, the Chinese newspapers' staff, and the strategies the speeches name."""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from kg.eval.synth.people import SURNAMES, Person, banned_names, make_person
from kg.eval.synth.places import Place, make_places
from kg.eval.synth.posts import make_posts
from kg.eval.synth.reference import Reference, reference_dir
from kg.lang import LANGUAGES

# The strategies the speeches name, and which of their names (from the reference) they use; plus
# forms the press uses that the reference does not list (they test the reference: see tests/eval/test_synth.py).
_STRATEGY_FORMS: dict[str, dict[str, tuple[str, ...]]] = {
    "one-pillar-six-pairs": {"ru": ("один главный, шесть пар",)},
    "six-returns": {},
    "six-cities-linkage": {},
}
_STRATEGY_USABLE: dict[str, dict[str, tuple[str, ...]]] = {
    "one-pillar-six-pairs": {"en": ("one pillar, six pairs", "one master and six pairs"), "zh": ("一主六双",),
                             "ru": ("один главный, шесть парных", "одна опора, шесть пар", "один главный, шесть пар")},
    "six-returns": {"en": ("six returns",), "zh": ("六个回归",), "ru": ("шесть возвращений",)},
    "six-cities-linkage": {"en": ("linkage of six cities", "six cities linkage"), "zh": ("六城联动",),
                           "ru": ("взаимодействие шести городов", "взаимосвязанное развитие шести городов")},
}

SOURCES_ZH = ("changchun-daily", "jilin-daily", "cri-online")


@dataclass
class World:
    """Everything the articles of one seed are written about; `by_group` holds the post holders per group."""

    ref: Reference
    places: dict[str, Place]
    officials: list[Person]
    companies: list[Person]
    staff: dict[str, tuple[list[Person], list[Person]]]  # source id -> (reporters, editors)
    xi: Person
    strategies: dict[str, dict[str, tuple[str, ...]]]
    pairs: list[tuple[str, str]]

    def __post_init__(self) -> None:
        self.by_group: dict[str, list[Person]] = {}
        for p in self.officials + self.companies:
            assert p.post is not None
            self.by_group.setdefault(p.post.group, []).append(p)

    def pick(self, rng: random.Random, people: Sequence[Person], exclude: set[str]) -> Person:
        """One of `people` by popularity, not one whose key is in `exclude`."""
        cands = [p for p in people if p.key not in exclude]
        if not cands:
            raise LookupError("nobody left to pick")
        cum = list(accumulate(p.weight for p in cands))
        return cands[bisect.bisect_left(cum, rng.random() * cum[-1])]


@lru_cache(maxsize=4)
def make_world(seed: int) -> World:
    ref = Reference(reference_dir())
    places = make_places(ref)
    rng = random.Random(f"kg-synth-world-{seed}")
    banned = banned_names(ref)
    sur_cum = list(accumulate(1.0 / (i + 4) ** 0.9 for i in range(len(SURNAMES))))
    taken: set[str] = {"xi-jinping"}
    people: list[Person] = []
    for post, holders in make_posts(ref, places):
        for _ in range(holders):
            people.append(make_person(rng, rng.random() < 0.2, sur_cum, banned, taken, post))
    # popularity: Zipf over the order of prominence (rank of the post, then a random tie-break)
    order = sorted(range(len(people)), key=lambda i: (people[i].post.rank, rng.random()))  # type: ignore[union-attr]
    weights = {i: 1.0 / (r + 1) ** 0.9 for r, i in enumerate(order)}
    people = [Person(**{**p.__dict__, "weight": weights[i]}) for i, p in enumerate(people)]
    # pairs of different people with the same pinyin name: an official of a city other than
    # Changchun and an executive get the same name (same characters); the second has the suffix -2
    officials = [p for p in people if p.post and p.post.kind == "official" and p.post.group not in ("changchun", "jilin-province",
                                                                                            "jilin-city")]
    executives = [p for p in people if p.post and p.post.kind == "company"]
    pairs: list[tuple[str, str]] = []
    for official, executive in zip(rng.sample(officials, 3), rng.sample(executives, 3)):
        twin = Person(official.key + "-2", official.key, official.zh, official.en, official.ru, official.ru_gen,
                       official.ru_instr, official.female, executive.post, executive.weight)
        people[people.index(executive)] = twin
        pairs.append((official.id, twin.id))
    staff: dict[str, tuple[list[Person], list[Person]]] = {}
    for source in SOURCES_ZH:
        reporters = [make_person(rng, rng.random() < 0.5, sur_cum, banned, taken, None) for _ in range(12)]
        editors = [make_person(rng, rng.random() < 0.5, sur_cum, banned, taken, None) for _ in range(4)]
        for group in (reporters, editors):
            for r, p in enumerate(list(group)):
                group[r] = Person(**{**p.__dict__, "weight": 1.0 / (r + 1)})
        staff[source] = (reporters, editors)
    xi = Person("xi-jinping", "xi-jinping", "习近平", "Xi Jinping", "Си Цзиньпин", "Си Цзиньпина", "Си Цзиньпином",
                 False, None)
    strategies: dict[str, dict[str, tuple[str, ...]]] = {}
    for sid, extra in _STRATEGY_FORMS.items():
        if ref.has(sid):
            names = {lang: tuple(n for n in ref.names(sid, lang) + list(extra.get(lang, ()))
                                 if n in _STRATEGY_USABLE.get(sid, {}).get(lang, (n,))) for lang in LANGUAGES}
            strategies[sid] = {lang: v or (ref.name(sid, lang),) for lang, v in names.items()}
    return World(ref, places, [p for p in people if p.post and p.post.kind == "official"],
                  [p for p in people if p.post and p.post.kind == "company"], staff, xi, strategies, pairs)

"""What happens in an article, in any language: `Scene` picks the people, places and numbers of one
topic (meeting, signing, conference, inspection, delegation) and records the facts in the gold; a
language's module in `kg.eval.synth.scenes` subclasses it with the wording.

Every draw comes from the document's own `random.Random`, in the order the code runs: the choices of a
topic here, then the hook's choices of wording. A language's draws change only that language's articles;
reordering the draws here changes every article (the corpus of a seed would no longer be the same bytes).
"""

from __future__ import annotations

import datetime as dt
import random
from abc import ABC, abstractmethod
from collections.abc import Sequence

from kg.eval.synth.doc import Doc
from kg.eval.synth.people import Person
from kg.eval.synth.places import CITIES, Place
from kg.eval.synth.world import World

#: What a topic returns: the title, the paragraphs and the slug of the file name.
Article = tuple[str, list[str], str]


def billion(units: int) -> str:
    """An amount in units of 100 million yuan as billions: 35 -> "3.5", 120 -> "12"."""
    whole, tenth = divmod(units, 10)
    return f"{whole}" if tenth == 0 else f"{whole}.{tenth}"


class Scene(ABC):
    """Writes one article of one topic in one language, text and gold together."""

    sep: str = " "                   # between the sentences of a paragraph
    sectors: tuple[str, ...] = ()    # industries, as the sentences name them
    conferences: tuple[str, ...] = ()  # names of conferences (one per kind, the same kinds in every language)

    def __init__(self, world: World, rng: random.Random, doc: Doc) -> None:
        self.w, self.rng, self.d = world, rng, doc
        self.used: set[str] = set()

    def any(self, *options: str) -> str:
        return self.rng.choice(options)

    def join(self, sentences: list[str]) -> str:
        return self.sep.join(sentences)

    # people --------------------------------------------------------------------------------------
    def pick(self, people: Sequence[Person]) -> Person:
        p = self.w.pick(self.rng, people, self.used)
        self.used.add(p.key)
        return p

    def officials(self, group: str) -> list[Person]:
        """The officials of a city (or of the province)."""
        return [p for p in self.w.by_group.get(group, []) if p.post.kind == "official"]  # type: ignore[union-attr]

    def leaders(self, *groups: str) -> list[Person]:
        """Mayors and party secretaries of these cities (or of the province)."""
        return [q for g in groups for q in self.officials(g) if q.post.leader]  # type: ignore[union-attr]

    def place(self, pid: str) -> Place:
        return self.w.places[pid]

    def zones(self, city: str) -> list[Place]:
        """The development zones of a city."""
        return [z for z in self.w.places.values() if z.city == city and z.id != city]

    def venue_of(self, p: Person) -> Place:
        home = p.post.home if p.post else "changchun"  # type: ignore[union-attr]
        return self.place(home if home in self.w.places else "changchun")

    # the wording of a language ------------------------------------------------------------------
    @abstractmethod
    def day(self, d: dt.date) -> str:
        """The day as the article's sentences state it."""

    @abstractmethod
    def name(self, p: Person, case: str = "nom") -> str:
        """The person's name (in a Russian `case`), recorded as a form."""

    @abstractmethod
    def titled(self, p: Person, case: str = "nom", cap: bool = False) -> str:
        """The person with the post, both recorded; `cap`: at the start of a sentence."""

    @abstractmethod
    def cite_xi(self) -> str:
        """General Secretary Xi Jinping, cited."""

    @abstractmethod
    def article(self, title: str, paras: list[str]) -> str:
        """The whole text: header, paragraphs and byline."""

    @abstractmethod
    def speech_text(self, p: Person, sid: str, s: str, cite: bool, city: Place, in_speech: bool) -> tuple[str, str]:
        """(stance text, paragraph): `p` speaks for strategy `sid` named `s`, citing Xi when `cite`."""

    @abstractmethod
    def thanks(self, g: Person, host_city: Place) -> str:
        """The guest of a meeting thanks the host city."""

    @abstractmethod
    def signing_after_text(self, a: Person, b: Person, n: int, units: int) -> tuple[str, str, str]:
        """(text, agreement text, role of a and b) of the signing of `n` projects witnessed after a meeting."""

    @abstractmethod
    def meeting_text(self, h: Person, g: Person, a: Person | None, venue: Place,
                     date: dt.date) -> tuple[str, str, list[str]]:
        """(title, first sentence, sentences): host `h` meets guest `g`, with `a` attending."""

    @abstractmethod
    def signing_text(self, p: Person, s_: Person, a1: Person, a2: Person, intro: Person | None, venue: Place,
                     n: int, units: int, date: dt.date) -> tuple[str, str, str, list[str], str, list[str]]:
        """(title, first sentence, first paragraph, role sentences, agreement text, agreement parties)."""

    @abstractmethod
    def conference_text(self, p: Person, s_: Person, a1: Person, a2: Person, city: Place, k: int, signed: bool,
                        n: int, units: int, date: dt.date) -> tuple[str, str, list[str], str]:
        """(title, first sentence, sentences, agreement text) of conference kind `k`."""

    @abstractmethod
    def inspection_text(self, h: Person, a: Person | None, site: Place | None, c: Place, sector: int,
                        date: dt.date) -> tuple[str, str, list[str]]:
        """(title, first sentence, sentences): `h` inspects `site` (or enterprises of city `c`)."""

    @abstractmethod
    def delegation_text(self, lead: Person, m: Person | None, h: Person, x: Place, y: Place, sector: str,
                        date: dt.date) -> tuple[str, str, list[str], str]:
        """(title, first sentence, sentences, meeting sentence): `lead` takes city `x`'s delegation to `y`,
        where `h` meets them."""

    # parts of several topics ---------------------------------------------------------------------
    def speech(self, p: Person, where: Place, in_speech: bool = False) -> str:
        """A paragraph in which `p` speaks for a strategy (a stance)."""
        rng, w = self.rng, self.w
        sid = rng.choice(sorted(w.strategies))
        s = rng.choice(w.strategies[sid][self.d.lang])
        cite = rng.random() < 0.35
        stance, body = self.speech_text(p, sid, s, cite, self.place(where.city), in_speech)
        self.d.stance(p, sid, stance)
        return body

    def signing_after(self, a: Person, b: Person, date: dt.date, place: str) -> str:
        """Two people witness the signing of a batch of projects after their meeting."""
        n, units = self.rng.randint(2, 30), self.rng.randint(5, 600)
        text, agreement, role = self.signing_after_text(a, b, n, units)
        self.d.event("SigningCeremony", date, place, text, [(a, role), (b, role)])
        self.d.agreement([], date, n, units * 10 ** 8, agreement)
        return text

    # topics --------------------------------------------------------------------------------------
    def meeting(self, date: dt.date) -> Article:
        rng = self.rng
        h = self.pick(self.w.officials)
        venue = self.venue_of(h)
        if rng.random() < 0.6:
            g = self.pick(self.w.companies)
        else:
            g = self.pick([p for p in self.w.officials if p.post.group not in (h.post.group,)  # type: ignore
                           and p.post.leader and p.post.group not in ("jilin-province",)])  # type: ignore
        a = None
        same = [p for p in self.officials(h.post.group) if p.key not in self.used]  # type: ignore[union-attr]
        if same and rng.random() < 0.6:
            a = self.pick(same)
        title, first, s = self.meeting_text(h, g, a, venue, date)
        self.d.event("Meeting", date, venue.id, first,
                     [(h, "Met"), (g, "Met")] + ([(a, "Attended")] if a is not None else []))
        paras = [self.join(s), self.speech(h, venue), self.thanks(g, self.place(venue.city))]
        if rng.random() < 0.4:
            paras.append(self.signing_after(h, g, date, venue.id))
        return title, paras, f"meeting-{venue.city}"

    def signing(self, date: dt.date) -> Article:
        rng = self.rng
        p = self.pick(self.w.officials)
        group = p.post.group  # type: ignore[union-attr]
        city = self.venue_of(p).city
        zones = self.zones(city)
        venue = rng.choice(zones) if zones and rng.random() < 0.6 else self.place(city)
        higher = self.leaders(group, "jilin-province")
        s_ = self.pick(higher) if any(q.key not in self.used for q in higher) else self.pick(self.w.officials)
        a1, a2 = self.pick(self.w.companies), self.pick(self.w.companies)
        intro = None
        same = [q for q in self.officials(group) if q.key not in self.used]
        if same and rng.random() < 0.5:
            intro = self.pick(same)
        n, units = rng.randint(5, 80), rng.randint(10, 900)
        title, first, p1, roles, agreement, parties = self.signing_text(p, s_, a1, a2, intro, venue, n, units, date)
        parts = [(p, "Presided"), (s_, "DeliveredSpeech"), (a1, "Attended"), (a2, "Attended")]
        if intro is not None:
            parts.append((intro, "Introduced"))
        self.d.event("SigningCeremony", date, venue.id, first, parts)
        self.d.agreement(parties, date, n, units * 10 ** 8, agreement)
        paras = [p1, self.join(roles), self.speech(s_, venue, in_speech=True)]
        return title, paras, f"signing-{venue.id}"

    def conference(self, date: dt.date) -> Article:
        rng = self.rng
        p = self.pick(self.w.officials)
        group = p.post.group  # type: ignore[union-attr]
        city = self.place(self.venue_of(p).city)
        higher = self.leaders(group, "jilin-province")
        s_ = self.pick(higher) if any(q.key not in self.used for q in higher) else self.pick(self.w.officials)
        a1 = self.pick(self.w.companies)
        a2 = self.pick(self.w.companies + self.w.officials)
        k = rng.randrange(len(self.conferences))
        signed = rng.random() < 0.4
        n, units = rng.randint(5, 60), rng.randint(10, 900)
        title, first, body, agreement = self.conference_text(p, s_, a1, a2, city, k, signed, n, units, date)
        self.d.event("Conference", date, city.id, first,
                     [(p, "Presided"), (s_, "DeliveredSpeech"), (a1, "Attended"), (a2, "Attended")])
        if signed:
            self.d.agreement([], date, n, units * 10 ** 8, agreement)
        paras = [self.join(body), self.speech(s_, city, in_speech=True)]
        return title, paras, f"conference-{city.id}"

    def inspection(self, date: dt.date) -> Article:
        rng = self.rng
        h = self.pick(self.w.officials)
        group = h.post.group  # type: ignore[union-attr]
        city = self.venue_of(h).city
        zones = self.zones(city)
        site = rng.choice(zones) if zones else None
        same = [q for q in self.officials(group) if q.key not in self.used]
        a = self.pick(same) if same and rng.random() < 0.7 else None
        c = self.place(city)
        sector = rng.randrange(len(self.sectors))
        title, first, s = self.inspection_text(h, a, site, c, sector, date)
        parts = [(h, "Inspected")] + ([(a, "Attended")] if a is not None else [])
        self.d.event("InspectionVisit", date, site.id if site else c.id, first, parts)
        paras = [self.join(s), self.speech(h, c)]
        return title, paras, f"inspection-{(site or c).id}"

    def delegation(self, date: dt.date) -> Article:
        rng = self.rng
        leaders = self.leaders(*[c for c in CITIES if c != "changchun"])
        lead = self.pick(leaders)
        x = self.place(lead.post.group)  # type: ignore[union-attr]
        members = [q for q in self.officials(x.id) if q.key not in self.used]
        m = self.pick(members) if members and rng.random() < 0.7 else None
        y = self.place(rng.choice(["changchun", "changchun-international-automobile-city", "changchun-new-area",
                                   "changchun-auto-zone"]))
        h = self.pick(self.officials("changchun"))
        sector = rng.choice(self.sectors)
        title, first, s, meet = self.delegation_text(lead, m, h, x, y, sector, date)
        self.d.event("DelegationVisit", date, y.id, first,
                     [(lead, "LedDelegation")] + ([(m, "Attended")] if m is not None else []))
        self.d.event("Meeting", date, y.id, meet, [(h, "Met"), (lead, "Met")])
        paras = [self.join(s), meet, self.speech(lead, x)]
        if rng.random() < 0.3:
            paras.append(self.signing_after(h, lead, date, y.id))
        return title, paras, f"delegation-{x.id}"

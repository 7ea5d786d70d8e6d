"""English scenes: names in pinyin, the post in apposition after the name ("Zhang Wei, Mayor of Changchun City"),
in the style of the English seeds."""

from __future__ import annotations

import datetime as dt

from kg.eval.synth.people import Person
from kg.eval.synth.places import Place
from kg.eval.synth.scene import Scene as BaseScene, billion

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


class Scene(BaseScene):
    """The English wording of the scenes."""

    sectors = ("auto parts", "new energy vehicles", "hydrogen energy", "intelligent connected vehicles",
               "modern logistics", "biomedicine", "optoelectronic information", "high-end equipment manufacturing",
               "battery packs", "cold chain logistics")
    conferences = ("Auto Parts Industry Cooperation Conference", "New Energy Vehicle Industry Development Conference",
                   "Hydrogen Energy Industry Cooperation Forum", "Investment Promotion Conference for Modern Services",
                   "Intelligent Connected Vehicle Industry Forum")

    def day(self, d: dt.date) -> str:
        return f"{_MONTHS[d.month - 1]} {d.day}"

    def name(self, p: Person, case: str = "nom") -> str:
        return self.d.person(p, p.en)

    def titled(self, p: Person, case: str = "nom", cap: bool = False) -> str:
        """The name, then the post chain in apposition (no trailing comma)."""
        assert p.post is not None
        chain = self.d.chain(p, p.post.en)
        return f"{self.d.person(p, p.en)}, {chain}"

    def cite_xi(self) -> str:
        self.d.person(self.w.xi, "Xi Jinping", "cited")
        return self.d.post(self.w.xi, "General Secretary Xi Jinping", "general-secretary", None)

    def article(self, title: str, paras: list[str]) -> str:
        header = f"{title}\n\nUpdated : {self.d.date.isoformat()}Source : CCFAO\n【Fonts: A+ A A- Print\n\n"
        return header + "\n\n".join(paras) + "\n"

    def speech_text(self, p: Person, sid: str, s: str, cite: bool, city: Place, in_speech: bool) -> tuple[str, str]:
        name = self.name(p)
        if sid == "six-returns":
            stance = f"follow the “{s}” of FAW"
            body = (f"{name} said that {city.en} will closely {stance} and improve the supporting facilities of "
                    f"its industrial parks for auto parts enterprises.")
        elif sid == "six-cities-linkage":
            stance = f"promote the “{s}”"
            body = (f"{name} stressed that it is necessary to {stance}, build a favorable business environment "
                    f"and attract more projects and talents to {city.en}.")
        else:
            stance = f"implementing the “{s}” strategy"
            xi = (f"the important instructions of {self.cite_xi()} and " if cite else "")
            if cite:
                stance = f"the “{s}” strategy"
                body = (f"{name} said that {city.en} is implementing in a thorough manner {xi}{stance}, "
                        f"and will make every effort to attract more investment and projects.")
            else:
                body = (f"{name} said that {city.en} is {stance} in a thorough manner and will make every "
                        f"effort to attract more investment and projects.")
        tail = self.any("", " The city will provide whole-process services for enterprises.",
                        " More efforts will be made to optimize the business environment.")
        return stance, body + tail

    def thanks(self, g: Person, host_city: Place) -> str:
        sector = self.rng.choice(self.sectors)
        return (f"{self.name(g)} thanked {host_city.en} for its long-term support and said that both sides have "
                f"broad prospects for cooperation in {sector}.")

    def signing_after_text(self, a: Person, b: Person, n: int, units: int) -> tuple[str, str, str]:
        agreement = f"{n} cooperation projects with a total investment of RMB {billion(units)} billion"
        text = (f"After the meeting, {self.name(a)} and {self.name(b)} witnessed the signing of {agreement}, "
                f"covering {self.any(*self.sectors)} and {self.any(*self.sectors)}.")
        return text, agreement, "Witnessed"

    def meeting_text(self, h: Person, g: Person, a: Person | None, venue: Place,
                     date: dt.date) -> tuple[str, str, list[str]]:
        guest = f"Delegation of {g.post.org_en}" if g.post.org_en else self.name(g)  # type: ignore[union-attr]
        title = f"{self.name(h)} Meets {guest}"
        first = (f"On {self.day(date)}, {self.titled(h)}, {self.any('met with', 'held talks with')} {self.titled(g)}, "
                 f"and the accompanying delegation in {venue.en}.")
        s = [first, f"The two sides exchanged views on cooperation in {self.any(*self.sectors)} and "
                    f"{self.any(*self.sectors)}."]
        if a is not None:
            s.append(f"{self.titled(a)}, {self.any('attended the meeting', 'was present at the meeting')}.")
        return title, first, s

    def signing_text(self, p: Person, s_: Person, a1: Person, a2: Person, intro: Person | None, venue: Place,
                     n: int, units: int, date: dt.date) -> tuple[str, str, str, list[str], str, list[str]]:
        title = f"{venue.en} Signs {n} Key Projects Worth RMB {billion(units)} Billion"
        first = f"On {self.day(date)}, {venue.en} held a signing ceremony for key investment projects of {date.year}."
        agreement = f"{n} projects with a total investment of RMB {billion(units)} billion were signed"
        p1 = (f"{first} {agreement} at the ceremony, covering {self.any(*self.sectors)} and "
              f"{self.any(*self.sectors)}.")
        roles = [f"{self.titled(p)}, {self.any('presided over', 'chaired')} the ceremony.",
                 f"{self.titled(s_)}, {self.any('delivered a speech', 'addressed the ceremony')}.",
                 f"{self.titled(a1)}, and {self.titled(a2)}, "
                 f"{self.any('attended the ceremony', 'were present at the ceremony')}."]
        if intro is not None:
            roles.append(f"{self.titled(intro)}, made a promotional presentation on the investment environment.")
        return title, first, p1, roles, agreement, []

    def conference_text(self, p: Person, s_: Person, a1: Person, a2: Person, city: Place, k: int, signed: bool,
                        n: int, units: int, date: dt.date) -> tuple[str, str, list[str], str]:
        name = f"{date.year} {city.en} {self.conferences[k]}"
        noun = name.rsplit(" ", 1)[1].lower()
        title = f"{name} Held in {city.en}"
        first = f"The {name} was held in {city.en} on {self.day(date)}."
        body = [first, f"{self.titled(p)}, {self.any('presided over', 'chaired')} the {noun}.",
                f"{self.titled(s_)}, {self.any('delivered a speech', 'delivered a keynote speech')}.",
                f"{self.titled(a1)}, and {self.titled(a2)}, attended the {noun}."]
        agreement = f"{n} key projects with a total investment of RMB {billion(units)} billion were signed"
        if signed:
            body.append(f"At the {noun}, {agreement}.")
        return title, first, body, agreement

    def inspection_text(self, h: Person, a: Person | None, site: Place | None, c: Place, sector: int,
                        date: dt.date) -> tuple[str, str, list[str]]:
        where = site.en if site else f"several {self.sectors[sector]} enterprises in {c.en}"
        title = f"{self.name(h)} Inspects {site.en if site else 'Enterprises in ' + c.en}"
        first = (f"On {self.day(date)}, {self.titled(h)}, {self.any('inspected', 'visited')} {where} to learn about "
                 f"the progress of project construction and investment promotion.")
        s = [first]
        if a is not None:
            s.append(f"{self.titled(a)}, {self.any('accompanied the inspection', 'took part in the inspection')}.")
        return title, first, s

    def delegation_text(self, lead: Person, m: Person | None, h: Person, x: Place, y: Place, sector: str,
                        date: dt.date) -> tuple[str, str, list[str], str]:
        title = f"{x.en} Delegation Visits {y.en}"
        first = (f"On {self.day(date)}, a party and government delegation from {x.en} led by {self.titled(lead)}, "
                 f"visited {y.en} to promote cooperation in {sector}.")
        s = [first]
        if m is not None:
            s.append(f"{self.titled(m)}, accompanied the visit.")
        meet = f"In the afternoon, {self.titled(h)}, met with {self.name(lead)} and the delegation."
        return title, first, s, meet

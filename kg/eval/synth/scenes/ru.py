"""Russian scenes: names in Palladius, the post before the name ("мэр Сыпина X"), declined where the sentence
needs it, verbs agreeing with the person's sex, in the style of the Russian seeds.

Where the natural wording is one the Russian rules misread, the text says it another way and a comment says why.
"""

from __future__ import annotations

import datetime as dt

from kg.eval.synth.people import Person
from kg.eval.synth.places import Place
from kg.eval.synth.scene import Scene as BaseScene, billion

_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря")

# Case forms of strategy labels, as the sentences need them (the stems stay those of the label).
_STRATEGY_GEN = {"шесть возвращений": "шести возвращений"}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _v(p: Person, masc: str, fem: str) -> str:
    return fem if p.female else masc


def _projects(n: int) -> str:
    """"21 проект", "3 проекта", "18 проектов"."""
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} проект"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return f"{n} проекта"
    return f"{n} проектов"


def _amount(units: int) -> str:
    """Billions with a decimal comma: 35 -> "3,5"."""
    return billion(units).replace(".", ",")


class Scene(BaseScene):
    """The Russian wording of the scenes."""

    sectors = ("автокомпонентов", "электромобилей", "водородной энергетики", "интеллектуальных автомобилей",
               "современной логистики", "биомедицины", "оптоэлектроники", "высокотехнологичного оборудования",
               "аккумуляторных батарей", "логистики холодовой цепи")
    conferences = ("сотрудничеству в производстве автокомпонентов", "развитию производства электромобилей",
                   "сотрудничеству в области водородной энергетики", "привлечению инвестиций в сферу услуг",
                   "развитию интеллектуальных автомобилей")

    def day(self, d: dt.date) -> str:
        return f"{d.day} {_MONTHS[d.month - 1]}"

    def name(self, p: Person, case: str = "nom") -> str:
        return self.d.person(p, {"nom": p.ru, "gen": p.ru_gen, "instr": p.ru_instr}[case])

    def titled(self, p: Person, case: str = "nom", cap: bool = False) -> str:
        """The post, then the name; in the instrumental only where the stemmer reads the post so."""
        assert p.post is not None
        if case == "instr" and p.post.ru_instr:
            title, name = p.post.ru_instr, p.ru_instr
        else:
            title, name = p.post.ru, (p.ru_instr if case == "instr" else p.ru)
        title = _cap(title) if cap else title
        self.d.post(p, title)
        return f"{title} {self.d.person(p, name)}"

    def cite_xi(self) -> str:
        self.d.person(self.w.xi, "Си Цзиньпина", "cited")
        return self.d.post(self.w.xi, "Генерального секретаря Си Цзиньпина", "general-secretary", None)

    def article(self, title: str, paras: list[str]) -> str:
        header = f"{title}\n\nВремя:{self.d.date.isoformat()}Источник: CCFAO\n【Шрифт: Б. Ср. М. Печать\n\n"
        return header + "\n\n".join(paras) + "\n"

    def speech_text(self, p: Person, sid: str, s: str, cite: bool, city: Place, in_speech: bool) -> tuple[str, str]:
        name = self.name(p)
        said = _v(p, self.any("отметил", "подчеркнул"), self.any("отметила", "подчеркнула"))
        if sid == "six-returns":
            stance = f"ускорить реализацию проектов «{_STRATEGY_GEN.get(s, s)}» FAW"
            body = f"{_cap(name)} {said}, что необходимо {stance} и улучшить инфраструктуру индустриальных парков."
        elif sid == "six-cities-linkage":
            # the accusative (= nominative): the stemmer does not read the dative -ию
            stance = f"продвигать «{s}»"
            body = f"{_cap(name)} {said}, что необходимо {stance} и создать благоприятную деловую среду."
        else:
            stance = f"реализует стратегию «{s}»"
            xi = f"дух важных речей {self.cite_xi()} и " if cite else ""
            if cite:
                stance = f"стратегию «{s}»"
                body = (f"{_cap(name)} {said}, что {city.ru} полностью реализует {xi}{stance} и будет и дальше "
                        f"привлекать инвестиции.")
            else:
                body = (f"{_cap(name)} {said}, что {city.ru} полностью {stance} и будет и дальше привлекать "
                        f"инвестиции.")
        return stance, body

    def thanks(self, g: Person, host_city: Place) -> str:
        """A guest whose post has no instrumental was named without it: the thanks states the post (in the
        nominative, where the rules read it)."""
        sector = self.rng.choice(self.sectors)
        if not g.post.ru_instr:  # type: ignore[union-attr]
            return (f"{self.titled(g, cap=True)} {_v(g, 'поблагодарил', 'поблагодарила')} правительство "
                    f"{host_city.ru_gen} за тёплый приём и {_v(g, 'рассказал', 'рассказала')} о возможностях "
                    f"сотрудничества в области {sector}.")
        said = (f" По словам {self.name(g, 'gen')}, стороны обладают большим потенциалом для совместной работы."
                if self.rng.random() < 0.5 else "")
        return (f"{_cap(self.name(g))} {_v(g, 'поблагодарил', 'поблагодарила')} правительство {host_city.ru_gen} "
                f"за многолетнюю поддержку и {_v(g, 'выразил', 'выразила')} надежду на расширение сотрудничества "
                f"в области {sector}.{said}")

    def signing_after_text(self, a: Person, b: Person, n: int, units: int) -> tuple[str, str, str]:
        agreement = f"подписания {n} проектов на общую сумму {_amount(units)} млрд юаней"
        if self.rng.random() < 0.5:
            verb, role = ("присутствовали на церемонии", "Attended")
        else:
            verb, role = ("стали свидетелями", "Witnessed")
        return f"После встречи {self.name(a)} и {self.name(b)} {verb} {agreement}.", agreement, role

    def meeting_text(self, h: Person, g: Person, a: Person | None, venue: Place,
                     date: dt.date) -> tuple[str, str, list[str]]:
        met = self.any(_v(h, "встретился", "встретилась"), _v(h, "встретился", "встретилась"),
                       _v(h, "провёл переговоры", "провела переговоры"))
        title = f"{_cap(self.name(h))} {met} с {self.name(g, 'instr')}"
        # the venue after the guest: "в Чанчуне губернатор X" would make the governor Changchun's
        if g.post.ru_instr:  # type: ignore[union-attr]
            first = f"{self.day(date)} {self.titled(h)} {met} с {self.titled(g, 'instr')} в {venue.ru_prep}."
            s = [first]
        else:
            first = (f"{self.day(date)} {self.titled(h)} {met} с {self.name(g, 'instr')} и членами делегации в "
                     f"{venue.ru_prep}.")
            s = [first, f"Стороны обменялись мнениями о сотрудничестве в области {self.any(*self.sectors)}."]
        if a is not None:
            s.append(f"{self.titled(a, cap=True)} {_v(a, 'принял', 'приняла')} участие во встрече.")
        return title, first, s

    def signing_text(self, p: Person, s_: Person, a1: Person, a2: Person, intro: Person | None, venue: Place,
                     n: int, units: int, date: dt.date) -> tuple[str, str, str, list[str], str, list[str]]:
        amount = _amount(units)
        agreement = f"подписания {n} проектов на общую сумму {amount} млрд юаней"
        title = f"В {venue.ru_prep} подписано {_projects(n)} на сумму {amount} млрд юаней"
        first = f"{self.day(date)} в {venue.ru_prep} состоялась церемония {agreement}."
        presided = self.any(f"{_v(p, 'председательствовал', 'председательствовала')} на церемонии",
                            f"{_v(p, 'вёл', 'вела')} церемонию")
        roles = [f"{self.titled(p, cap=True)} {presided}.",
                 f"{self.titled(s_, cap=True)} {_v(s_, 'выступил', 'выступила')} с "
                 f"{self.any('речью', 'приветствием')}.",
                 f"{self.any('На церемонии присутствовали', 'В церемонии приняли участие')} {self.titled(a1)} и "
                 f"{self.titled(a2)}."]
        if intro is not None:
            roles.append(f"{self.titled(intro, cap=True)} {_v(intro, 'представил', 'представила')} инвестиционную "
                         f"среду {venue.ru_gen}.")
        return title, first, first, roles, agreement, []

    def conference_text(self, p: Person, s_: Person, a1: Person, a2: Person, city: Place, k: int, signed: bool,
                        n: int, units: int, date: dt.date) -> tuple[str, str, list[str], str]:
        name = f"конференция по {self.conferences[k]}"
        title = f"В {city.ru_prep} прошла {name}"
        first = f"{self.day(date)} в {city.ru_prep} прошла {name}."
        body = [first, f"{self.titled(p, cap=True)} {_v(p, 'председательствовал', 'председательствовала')} на "
                       f"конференции.",
                f"{self.titled(s_, cap=True)} {_v(s_, 'выступил', 'выступила')} с {self.any('докладом', 'речью')}.",
                f"{self.any('На конференции присутствовали', 'В конференции приняли участие')} {self.titled(a1)} и "
                f"{self.titled(a2)}."]
        agreement = f"было подписано {_projects(n)} на общую сумму {_amount(units)} млрд юаней"
        if signed:
            body.append(f"В ходе конференции {agreement}.")
        return title, first, body, agreement

    def inspection_text(self, h: Person, a: Person | None, site: Place | None, c: Place, sector: int,
                        date: dt.date) -> tuple[str, str, list[str]]:
        where = site.ru_acc if site else f"ряд предприятий {c.ru_gen}"
        visited = _v(h, "посетил", "посетила")
        title = f"{_cap(self.name(h))} {visited} {where}"
        how = self.any(f"{visited} с инспекцией", _v(h, "осмотрел", "осмотрела"),
                       _v(h, "проинспектировал", "проинспектировала"))
        first = f"{self.day(date)} {self.titled(h)} {how} {where}, чтобы ознакомиться с ходом строительства проектов."
        s = [first]
        if a is not None:
            s.append(f"{self.titled(a, cap=True)} {_v(a, 'принял', 'приняла')} участие в инспекции.")
        return title, first, s

    def delegation_text(self, lead: Person, m: Person | None, h: Person, x: Place, y: Place, sector: str,
                        date: dt.date) -> tuple[str, str, list[str], str]:
        title = f"Делегация {x.ru_gen} посетила {y.ru_acc}"
        # "делегация Сыпина во главе с ..." is not read as a delegation: the city goes in the title only
        first = (f"{self.day(date)} партийно-правительственная делегация во главе с {self.titled(lead, 'instr')} "
                 f"посетила {y.ru_acc}.")
        s = [first]
        if m is not None:
            s.append(f"{self.titled(m, cap=True)} {_v(m, 'принял', 'приняла')} участие в визите.")
        meet = (f"В тот же день {self.titled(h)} {_v(h, 'встретился', 'встретилась')} с "
                f"{self.name(lead, 'instr')}.")
        return title, first, s, meet

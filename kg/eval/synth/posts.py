"""The synthetic world's posts: who holds which title in which organization, and how each language says it."""

from __future__ import annotations

from dataclasses import dataclass

from kg.eval.synth.places import CITIES, Place
from kg.eval.synth.reference import Reference


@dataclass(frozen=True)
class Post:
    """A post: title and organization ids (as the gold writes them) and how each language says it."""

    title: str
    org: str | None
    home: str           # the place the holder works in (event venue by default)
    group: str          # city id, "jilin-province" or the company id: who can attend with whom
    kind: str           # "official" or "company"
    rank: int           # importance: lower is more prominent
    en: str
    zh: str
    ru: str             # nominative, before the name
    ru_instr: str | None  # instrumental, before the name (None: the stemmer would not read it)
    leader: bool = False  # may lead a delegation (mayor, party secretary)
    ru_org: str | None = "="  # the organization the Russian wording names, when it names less ("=": org)
    org_en: str = ""      # the company's short English name (for headlines)
    also: tuple[tuple[str, str], ...] = ()  # more posts the en and zh chains state (title, org)

    def org_in(self, lang: str) -> str | None:
        return self.org if lang != "ru" or self.ru_org == "=" else self.ru_org



def make_posts(ref: Reference, places: dict[str, Place]) -> list[tuple[Post, int]]:
    """Every post of the world with how many holders it has."""
    out: list[tuple[Post, int]] = []
    t = lambda tid, lang: ref.name(tid, lang)  # noqa: E731

    # Jilin Province
    prov_en = ref.name("jilin-province", "en")
    out.append((Post("secretary", "cpc-jilin-provincial-committee", "changchun", "jilin-province", "official", 2,
                      f"Secretary of the {ref.name('cpc-jilin-provincial-committee', 'en')}",
                      ref.name("cpc-jilin-provincial-committee", "zh", "吉林省委") + t("secretary", "zh"),
                      "секретарь Цзилиньского провинциального комитета КПК",
                      "секретарём Цзилиньского провинциального комитета КПК", leader=True), 1))
    # "губернатор провинции Цзилинь X" is read as the name "Цзилинь X": the governor is named without
    # the province in Russian (a weakness of the Russian rules, see the test module).
    out.append((Post("governor", "jilin-province", "changchun", "jilin-province", "official", 3,
                      f"Governor of {prov_en}", ref.name("jilin-province", "zh") + t("governor", "zh"),
                      "губернатор", "губернатором", leader=True, ru_org=None), 1))
    out.append((Post("vice-governor", "jilin-province", "changchun", "jilin-province", "official", 12,
                      f"Vice Governor of {prov_en}", ref.name("jilin-province", "zh") + t("vice-governor", "zh"),
                      "вице-губернатор провинции Цзилинь", None), 3))

    # cities
    for i, cid in enumerate(CITIES):
        p = places[cid]
        big = cid == "changchun"
        committee = f"cpc-{cid}-municipal-committee"
        city_en = ref.name(cid, "en", "Changchun City") if big else p.en
        zh_committee = ref.name(committee, "zh", p.zh + "委")
        ru_org: str | None = "="
        if cid == "jilin-city":
            # "мэр города Цзилинь X" is read as the name "Цзилинь X": the Russian wording leaves the city out
            ru_mayor, ru_mayor_i = "мэр", "мэром"
            ru_vice = "вице-мэр"
            ru_sec, ru_sec_i = "секретарь горкома КПК", "секретарём горкома КПК"
            ru_org = None
        elif big:
            # "мэр Чанчуня" is read as the city hall (Мэрия Чанчуня, by stems): "мэр города Чанчунь"
            ru_mayor, ru_mayor_i = f"мэр {p.ru_gen}", f"мэром {p.ru_gen}"
            ru_mayor, ru_mayor_i = "мэр города Чанчунь", "мэром города Чанчунь"
            ru_vice = f"вице-мэр {p.ru_gen}"
            ru_sec, ru_sec_i = f"секретарь горкома КПК {p.ru_gen}", f"секретарём горкома КПК {p.ru_gen}"
        else:
            ru_mayor, ru_mayor_i = f"мэр {p.ru_gen}", f"мэром {p.ru_gen}"
            ru_vice = f"вице-мэр {p.ru_gen}"
            ru_sec, ru_sec_i = f"секретарь горкома КПК {p.ru_gen}", f"секретарём горкома КПК {p.ru_gen}"
        base = 0 if big else 6 + i
        mayor_also: tuple[tuple[str, str], ...]
        secretary_also: tuple[tuple[str, str], ...]
        mayor_en, mayor_zh, mayor_also = f"Mayor of {city_en}", p.zh + t("mayor", "zh"), ()
        secretary_en = f"Secretary of the {ref.name(committee, 'en')}"
        secretary_zh, secretary_also = zh_committee + t("secretary", "zh"), ()
        if cid == "jilin-city":  # a chain of two titles, as in 吉林市委副书记、市长王凯
            mayor_en = f"Deputy Secretary of the {ref.name(committee, 'en')} and {mayor_en}"
            mayor_zh = f"{zh_committee}{t('deputy-secretary', 'zh')}、{t('mayor', 'zh')}"
            mayor_also = (("deputy-secretary", committee),)
        if big:  # 吉林省委常委、长春市委书记张志军
            provincial = "cpc-jilin-provincial-committee"
            secretary_en = (f"Member of the Standing Committee of the {ref.name(provincial, 'en')} and "
                            f"{secretary_en}")
            secretary_zh = (f"{ref.name(provincial, 'zh', '吉林省委')}{t('standing-committee-member', 'zh')}、"
                            f"{secretary_zh}")
            secretary_also = (("standing-committee-member", provincial),)
        out.append((Post("mayor", cid, cid, cid, "official", base, mayor_en, mayor_zh, ru_mayor, ru_mayor_i,
                          leader=True, ru_org=ru_org, also=mayor_also), 1))
        out.append((Post("secretary", committee, cid, cid, "official", base + 1, secretary_en, secretary_zh,
                          ru_sec, ru_sec_i, leader=True, ru_org=ru_org, also=secretary_also), 1))
        if big:
            out.append((Post("executive-vice-mayor", cid, cid, cid, "official", 3,
                              f"Executive Vice Mayor of {city_en}", p.zh + t("executive-vice-mayor", "zh"),
                              f"исполнительный вице-мэр {p.ru_gen}", None), 1))
        out.append((Post("vice-mayor", cid, cid, cid, "official", base + (4 if big else 10),
                          f"Vice Mayor of {city_en}", p.zh + t("vice-mayor", "zh"), ru_vice,
                          "вице-мэром" + ru_vice[len("вице-мэр"):], ru_org=ru_org), 6 if big else 3))

    # the automotive zone
    out.append((Post("director", "auto-zone-management-committee", "changchun-auto-zone", "changchun", "official", 8,
                      f"Director of the {ref.name('auto-zone-management-committee', 'en')}",
                      ref.name("auto-zone-management-committee", "zh", "汽开区管委会") + t("director", "zh"),
                      "директор комитета по управлению Чанчуньской автомобильной зоной экономического и "
                      "технологического развития", None), 1))
    out.append((Post("deputy-director", "auto-zone-management-committee", "changchun-auto-zone", "changchun",
                      "official", 20, f"Deputy Director of the {ref.name('auto-zone-management-committee', 'en')}",
                      ref.name("auto-zone-management-committee", "zh", "汽开区管委会") + t("deputy-director", "zh"),
                      "заместитель директора комитета по управлению Чанчуньской автомобильной зоной экономического и "
                      "технологического развития", None), 2))

    # companies: (id, en name, zh name, ru name (genitive as written), posts [(title, rank, holders)])
    companies = [
        ("faw-group", "FAW Group", "一汽集团", "Группы FAW",
         [("chairman-of-the-board", 4, 1), ("general-manager", 7, 1), ("deputy-general-manager", 14, 5)]),
        ("faw-jiefang", "FAW Jiefang", "一汽解放", ref.name("faw-jiefang", "ru"),
         [("general-manager", 11, 1), ("deputy-general-manager", 24, 2)]),
        ("faw-volkswagen", "FAW-Volkswagen", "一汽-大众", ref.name("faw-volkswagen", "ru"),
         [("general-manager", 13, 1), ("deputy-general-manager", 26, 2)]),
        ("faw-bestune", "FAW Bestune", "一汽奔腾", ref.name("faw-bestune", "ru"),
         [("general-manager", 18, 1), ("deputy-general-manager", 30, 1)]),
        ("faw-hongqi", "FAW Hongqi", "一汽红旗", "ФАВ Хунци", [("general-manager", 15, 1),
                                                            ("deputy-general-manager", 29, 1)]),
        ("faw-fuwei", "FAW Fuwei", "一汽富维", ref.name("faw-fuwei", "ru"), [("general-manager", 28, 1)]),
        ("audi-faw-nev", "Audi FAW NEV Company", "奥迪一汽新能源汽车有限公司", "компании Audi FAW NEV",
         [("ceo", 22, 1)]),
        ("jilin-state-owned-capital-operation", "Jilin Provincial State-owned Capital Operation Co., Ltd.",
         "吉林省国有资本运营有限责任公司", "Цзилиньской провинциальной компании по управлению государственным капиталом",
         [("chairman-of-the-board", 25, 1)]),
        ("changchun-runde-investment-group", "Changchun Runde Investment Group", "长春润德投资集团",
         "Инвестиционной группы Чанчунь Жуньдэ", [("chairman-of-the-board", 30, 1)]),
        ("jilin-linglong-tire", "Jilin Linglong Tire Co., Ltd.", "吉林玲珑轮胎有限公司", "компании Jilin Linglong Tire",
         [("general-manager", 32, 1)]),
    ]
    for cid, en, zh, ru_gen, posts in companies:
        if not ref.has(cid):
            continue
        en = ref.name(cid, "en", en)
        zh = ref.name(cid, "zh", zh)
        for tid, rank, holders in posts:
            out.append((Post(tid, cid, "changchun", cid, "company", rank, f"{t(tid, 'en')} of {en}",
                              zh + t(tid, "zh"), f"{t(tid, 'ru')} {ru_gen}", None, org_en=en), holders))
    return out

"""A synthetic corpus in the style of the seeds, with its ground truth written beside it.

`generate(n_docs, seed, langs)` yields `SynthDoc`s: press releases in English, Chinese and Russian
about meetings, signing ceremonies, conferences, inspection visits and delegation visits in Changchun
and the other cities of Jilin, each with its gold annotation in exactly the schema of
`tests/gold/*.json`. The gold is written together with the text, from the same choices, so it says
what the text says: every person form and every quoted evidence text is a substring of the article,
event dates are the dates the article states, resolved against its header date.

The world is fixed by the seed: a pool of officials and executives, each with one post (title and
organization from `ontology/reference/`) kept through the whole corpus, and newspaper staff who sign
the Chinese articles. Names are drawn from common Chinese surnames and given-name characters and
written with `kg.text.names` (pinyin in English, Palladius in Russian, declined where Russian grammar
needs it). A few pairs of different people share a pinyin name; the second of a pair has the id
suffix ``-2``, as the gold convention says. Who appears in an article follows a Zipf-like
popularity, so the mayor of Changchun is in thousands of articles of a large corpus and most people
in few.

Generation is a pure function of (n_docs, seed, langs) and the reference tables: the same
arguments give the same bytes (every document has its own `random.Random` seeded from (seed, i),
nothing depends on hash order), it streams (memory stays flat however many documents), and it is
fast (100,000 documents generated in about 5 s; written with their gold in about 30 s, most of it
creating 200,000 files). `write_corpus` writes `DIR/articles/<date>_<lang>_<slug>-<i>.txt` and
`DIR/gold/<same stem>.json`, so that `kg eval --gold DIR/gold --root DIR` scores extraction on it.

The wording keeps to the constructions the rules were written for (titles before Chinese names,
appositive titles after English names, "мэр Сыпина X" in Russian); where the natural wording is one
the rules misread, the text says it another way and a comment says why. Names are left as they come
(a Russian Wu is "У", an English He is "He"), so `kg eval` on a synthetic corpus shows how the rules
fare on them.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import json
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from kg.text.names import cyrillic_key, han_key, latin_key, palladius_name, pinyin_name

__all__ = ["SynthDoc", "Summary", "LANGUAGES", "generate", "write_corpus", "parse_langs"]

LANGUAGES = ("en", "zh", "ru")

# ------------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class SynthDoc:
    """One generated article: its file name (`<date>_<lang>_<slug>-<i>.txt`), text and gold."""

    name: str
    text: str
    gold: dict

    @property
    def stem(self) -> str:
        return self.name.rsplit(".", 1)[0]


@dataclass
class Summary:
    """What `write_corpus` wrote."""

    out_dir: Path
    files: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    persons: int = 0
    bytes: int = 0

    def line(self) -> str:
        langs = ", ".join(f"{k} {v}" for k, v in sorted(self.languages.items()))
        return (f"synth: {self.files} articles ({langs}) in {self.out_dir / 'articles'}, their gold in "
                f"{self.out_dir / 'gold'}; {self.persons} persons")


# ----------------------------------------------------------------------------------- reference


def _reference_dir() -> Path:
    from kg.model.ontology import ontology_dir

    return ontology_dir() / "reference"


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


class _Ref:
    """The reference tables (read with the csv module): ids and names per language."""

    def __init__(self, reference_dir: Path) -> None:
        self.rows: dict[str, dict[str, str]] = {}
        for table in ("places", "organizations", "titles", "strategies"):
            with (reference_dir / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    rid = (row.get("id") or "").strip()
                    if rid:
                        self.rows[rid] = {k: (v or "").strip() for k, v in row.items() if k}

    def has(self, rid: str) -> bool:
        return rid in self.rows

    def names(self, rid: str, lang: str) -> list[str]:
        row = self.rows[rid]
        return [n for n in [row.get(lang, ""), *_split(row.get(f"alt_{lang}"))] if n]

    def name(self, rid: str, lang: str, prefer: str | None = None) -> str:
        """The label of `rid` in `lang`, or the alias `prefer` when the table has it."""
        names = self.names(rid, lang)
        if not names:
            raise KeyError(f"{rid} has no {lang} name")
        return prefer if prefer is not None and prefer in names else names[0]

    def all_names(self, lang: str) -> list[str]:
        return [n for rid in self.rows for n in self.names(rid, lang)]


# ------------------------------------------------------------------------------- Russian grammar

_RU_VOWELS = "аеёиоуыэюя"


def _ru_case(word: str, case: str) -> str:
    """A Russian case form of a transcribed Chinese word (a given name or a city): -нь declines
    soft (Цзылянь: Цзыляня, Цзылянем, Цзыляне), a hard consonant hard (Сыпин: Сыпина, Сыпином,
    Сыпине), -й like Хуэй (Хуэя, Хуэем); a word ending in a vowel does not decline."""
    if case == "nom" or not word or word[-1] in _RU_VOWELS:
        return word
    soft = {"gen": "я", "instr": "ем", "prep": "е", "dat": "ю"}
    hard = {"gen": "а", "instr": "ом", "prep": "е", "dat": "у"}
    if word.endswith("ь") or word.endswith("й"):
        return word[:-1] + soft[case]
    return word + hard[case]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# -------------------------------------------------------------------------------------- posts

@dataclass(frozen=True)
class _Post:
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


@dataclass(frozen=True)
class _Place:
    """A place (city, zone) with its names: en, zh, ru nominative, genitive, prepositional (в ...),
    accusative (посетил ...)."""

    id: str
    en: str
    zh: str
    ru: str
    ru_gen: str
    ru_prep: str
    ru_acc: str
    city: str


_CITIES = ("changchun", "siping", "songyuan", "liaoyuan", "tonghua", "baishan", "baicheng", "jilin-city")


def _places(ref: _Ref) -> dict[str, _Place]:
    out: dict[str, _Place] = {}
    for cid in _CITIES:
        ru = ref.name(cid, "ru")
        en = ref.name(cid, "en")
        if cid == "jilin-city":
            # "Цзилинь" alone is no name the reference knows: always "город Цзилинь"
            out[cid] = _Place(cid, en, ref.name(cid, "zh"), "город Цзилинь", "города Цзилинь",
                              "городе Цзилинь", "город Цзилинь", cid)
            continue
        out[cid] = _Place(cid, en, ref.name(cid, "zh"), ru, _ru_case(ru, "gen"), _ru_case(ru, "prep"), ru, cid)
    zones = {
        # id: (ru genitive, ru prepositional, ru accusative) of the reference label
        "changchun-new-area": ("Нового района Чанчунь", "Новом районе Чанчунь", "Новый район Чанчунь"),
        "changchun-auto-zone": ("Чанчуньской автомобильной зоны экономического и технологического развития",
                                "Чанчуньской автомобильной зоне экономического и технологического развития",
                                "Чанчуньскую автомобильную зону экономического и технологического развития"),
        "china-rok-changchun-zone": ("Демонстрационной зоны международного сотрудничества Китая и РК (Чанчунь)",
                                     "Демонстрационной зоне международного сотрудничества Китая и РК (Чанчунь)",
                                     "Демонстрационную зону международного сотрудничества Китая и РК (Чанчунь)"),
        "changchun-etdz": ("Чанчуньской зоны экономического и технологического развития",
                           "Чанчуньской зоне экономического и технологического развития",
                           "Чанчуньскую зону экономического и технологического развития"),
        "changchun-high-tech-zone": ("Чанчуньской зоны развития высокотехнологичных отраслей",
                                     "Чанчуньской зоне развития высокотехнологичных отраслей",
                                     "Чанчуньскую зону развития высокотехнологичных отраслей"),
        "changchun-international-automobile-city": (
            "Чанчуньского международного автомобильного города", "Чанчуньском международном автомобильном городе",
            "Чанчуньский международный автомобильный город"),
        "songyuan-etdz": ("Зоны экономического и технологического развития Сунъюань",
                          "Зоне экономического и технологического развития Сунъюань",
                          "Зону экономического и технологического развития Сунъюань"),
    }
    for zid, (gen, prep, acc) in zones.items():
        if not ref.has(zid):
            continue
        city = "songyuan" if zid.startswith("songyuan") else "changchun"
        out[zid] = _Place(zid, ref.name(zid, "en"), ref.name(zid, "zh"), ref.name(zid, "ru"), gen, prep, acc, city)
    return out


def _posts(ref: _Ref, places: dict[str, _Place]) -> list[tuple[_Post, int]]:
    """Every post of the world with how many holders it has."""
    out: list[tuple[_Post, int]] = []
    t = lambda tid, lang: ref.name(tid, lang)  # noqa: E731

    # Jilin Province
    prov_en = ref.name("jilin-province", "en")
    out.append((_Post("secretary", "cpc-jilin-provincial-committee", "changchun", "jilin-province", "official", 2,
                      f"Secretary of the {ref.name('cpc-jilin-provincial-committee', 'en')}",
                      ref.name("cpc-jilin-provincial-committee", "zh", "吉林省委") + t("secretary", "zh"),
                      "секретарь Цзилиньского провинциального комитета КПК",
                      "секретарём Цзилиньского провинциального комитета КПК", leader=True), 1))
    # "губернатор провинции Цзилинь X" is read as the name "Цзилинь X": the governor is named without
    # the province in Russian (a weakness of the Russian rules, see the test module).
    out.append((_Post("governor", "jilin-province", "changchun", "jilin-province", "official", 3,
                      f"Governor of {prov_en}", ref.name("jilin-province", "zh") + t("governor", "zh"),
                      "губернатор", "губернатором", leader=True, ru_org=None), 1))
    out.append((_Post("vice-governor", "jilin-province", "changchun", "jilin-province", "official", 12,
                      f"Vice Governor of {prov_en}", ref.name("jilin-province", "zh") + t("vice-governor", "zh"),
                      "вице-губернатор провинции Цзилинь", None), 3))

    # cities
    for i, cid in enumerate(_CITIES):
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
        out.append((_Post("mayor", cid, cid, cid, "official", base, mayor_en, mayor_zh, ru_mayor, ru_mayor_i,
                          leader=True, ru_org=ru_org, also=mayor_also), 1))
        out.append((_Post("secretary", committee, cid, cid, "official", base + 1, secretary_en, secretary_zh,
                          ru_sec, ru_sec_i, leader=True, ru_org=ru_org, also=secretary_also), 1))
        if big:
            out.append((_Post("executive-vice-mayor", cid, cid, cid, "official", 3,
                              f"Executive Vice Mayor of {city_en}", p.zh + t("executive-vice-mayor", "zh"),
                              f"исполнительный вице-мэр {p.ru_gen}", None), 1))
        out.append((_Post("vice-mayor", cid, cid, cid, "official", base + (4 if big else 10),
                          f"Vice Mayor of {city_en}", p.zh + t("vice-mayor", "zh"), ru_vice,
                          "вице-мэром" + ru_vice[len("вице-мэр"):], ru_org=ru_org), 6 if big else 3))

    # the automotive zone
    out.append((_Post("director", "auto-zone-management-committee", "changchun-auto-zone", "changchun", "official", 8,
                      f"Director of the {ref.name('auto-zone-management-committee', 'en')}",
                      ref.name("auto-zone-management-committee", "zh", "汽开区管委会") + t("director", "zh"),
                      "директор комитета по управлению Чанчуньской автомобильной зоной экономического и "
                      "технологического развития", None), 1))
    out.append((_Post("deputy-director", "auto-zone-management-committee", "changchun-auto-zone", "changchun",
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
            out.append((_Post(tid, cid, "changchun", cid, "company", rank, f"{t(tid, 'en')} of {en}",
                              zh + t(tid, "zh"), f"{t(tid, 'ru')} {ru_gen}", None, org_en=en), holders))
    return out


# -------------------------------------------------------------------------------------- names

# Common surnames, most frequent first (the weights follow this order).
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
             "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
             "严武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚")
# Given-name characters (simplified), by the sex they are more usual for.
_GIVEN_M = ("伟军强磊洋勇杰涛明超辉刚平鹏华飞峰斌波宇浩凯健俊帆国志建东海立成新文庆永德振光学兴宏晓亮忠良"
            "义彬胜祥福荣江清云鸿博军巍毅松柏锋晨阳岩冰铁钢胜利民安宁远航昌盛景瑞泽睿鑫")
_GIVEN_F = ("芳娜敏静丽艳娟霞秀英玲燕萍红梅琳洁颖雪琴慧莉婷倩佳欣晶璐蕾薇悦月兰凤桂菊炜姝丹彤岚琪瑶璇媛"
            "婉蓉莹蕊萱晴")


@dataclass(frozen=True)
class _Person:
    id: str
    key: str
    zh: str
    en: str
    ru: str
    ru_gen: str
    ru_instr: str
    female: bool
    post: _Post | None
    weight: float = 1.0


def _name_ok(zh: str, en: str, ru: str, female: bool, banned: _Banned) -> tuple[str, str] | None:
    """(genitive, instrumental) in Russian when the name is usable, else None: the three spellings
    give one key, the Latin one is plain letters, no part of it is a known place or organization."""
    key = han_key(zh)
    if latin_key(en) != key or not all(w.isascii() and w.isalpha() for w in en.split()):
        return None
    if cyrillic_key(ru) != key or "-" in ru:
        return None
    if any(w.lower() in banned.en_words for w in en.split()):
        return None
    if any(w.lower() in banned.ru_words for w in ru.split()[1:]):
        return None
    if any(zh[i:i + 2] in banned.zh_bigrams for i in range(len(zh) - 1)):
        return None
    sur, given = ru.split(" ", 1)
    if female:  # a woman's name ending in a consonant does not decline in Russian
        return ru, ru
    gen, instr = f"{sur} {_ru_case(given, 'gen')}", f"{sur} {_ru_case(given, 'instr')}"
    if cyrillic_key(gen) != key or cyrillic_key(instr) != key:
        return None
    return gen, instr


@dataclass(frozen=True)
class _Banned:
    """Words and character pairs of the reference names: a person's name must not contain them (the
    gazetteer would take that part of the name for a place or an organization)."""

    en_words: frozenset[str]
    ru_words: frozenset[str]
    zh_bigrams: frozenset[str]


def _banned(ref: _Ref) -> _Banned:
    en_words = {w.lower() for n in ref.all_names("en") for w in re.findall(r"[A-Za-z']+", n)}
    ru_words = {w.lower() for n in ref.all_names("ru") for w in re.findall(r"[А-Яа-яЁё]+", n)}
    zh_bigrams = {n[i:i + 2] for n in ref.all_names("zh") for i in range(len(n) - 1)}
    return _Banned(frozenset(en_words), frozenset(ru_words), frozenset(zh_bigrams))


def _draw_name(rng: random.Random, female: bool, sur_cum: list[float]) -> str:
    sur = _SURNAMES[bisect.bisect_left(sur_cum, rng.random() * sur_cum[-1])]
    pool = _GIVEN_F if female else _GIVEN_M
    if rng.random() < 0.2:
        return sur + rng.choice(pool)
    return sur + rng.choice(pool) + rng.choice(pool + _GIVEN_M[:20])


def _make_person(rng: random.Random, female: bool, sur_cum: list[float], banned: _Banned, taken: set[str],
                 post: _Post | None) -> _Person:
    """A new person with a name key nobody in `taken` has (which it joins)."""
    for _ in range(1000):
        name = _draw_name(rng, female, sur_cum)
        key = han_key(name)
        if key in taken or name[1:2] == name[2:3]:
            continue
        en = pinyin_name(name)
        try:
            ru = palladius_name(en)
        except ValueError:
            continue
        forms = _name_ok(name, en, ru, female, banned)
        if forms is None:
            continue
        taken.add(key)
        return _Person(key, key, name, en, ru, forms[0], forms[1], female, post)
    raise RuntimeError("no usable name found")


# -------------------------------------------------------------------------------------- world

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

_SOURCES_ZH = ("changchun-daily", "jilin-daily", "cri-online")


@dataclass
class _World:
    ref: _Ref
    places: dict[str, _Place]
    officials: list[_Person]
    companies: list[_Person]
    staff: dict[str, tuple[list[_Person], list[_Person]]]  # source id -> (reporters, editors)
    xi: _Person
    strategies: dict[str, dict[str, tuple[str, ...]]]
    pairs: list[tuple[str, str]]

    def __post_init__(self) -> None:
        self.by_group: dict[str, list[_Person]] = {}
        for p in self.officials + self.companies:
            assert p.post is not None
            self.by_group.setdefault(p.post.group, []).append(p)

    def pick(self, rng: random.Random, people: Sequence[_Person], exclude: set[str]) -> _Person:
        """One of `people` by popularity, not one whose key is in `exclude`."""
        cands = [p for p in people if p.key not in exclude]
        if not cands:
            raise LookupError("nobody left to pick")
        cum = list(accumulate(p.weight for p in cands))
        return cands[bisect.bisect_left(cum, rng.random() * cum[-1])]


@lru_cache(maxsize=4)
def _world(seed: int) -> _World:
    ref = _Ref(_reference_dir())
    places = _places(ref)
    rng = random.Random(f"kg-synth-world-{seed}")
    banned = _banned(ref)
    sur_cum = list(accumulate(1.0 / (i + 4) ** 0.9 for i in range(len(_SURNAMES))))
    taken: set[str] = {"xi-jinping"}
    people: list[_Person] = []
    for post, holders in _posts(ref, places):
        for _ in range(holders):
            people.append(_make_person(rng, rng.random() < 0.2, sur_cum, banned, taken, post))
    # popularity: Zipf over the order of prominence (rank of the post, then a random tie-break)
    order = sorted(range(len(people)), key=lambda i: (people[i].post.rank, rng.random()))  # type: ignore[union-attr]
    weights = {i: 1.0 / (r + 1) ** 0.9 for r, i in enumerate(order)}
    people = [_Person(**{**p.__dict__, "weight": weights[i]}) for i, p in enumerate(people)]
    # pairs of different people with the same pinyin name: an official of a city other than
    # Changchun and an executive get the same name (same characters); the second has the suffix -2
    officials = [p for p in people if p.post and p.post.kind == "official" and p.post.group not in ("changchun", "jilin-province",
                                                                                            "jilin-city")]
    executives = [p for p in people if p.post and p.post.kind == "company"]
    pairs: list[tuple[str, str]] = []
    for official, executive in zip(rng.sample(officials, 3), rng.sample(executives, 3)):
        twin = _Person(official.key + "-2", official.key, official.zh, official.en, official.ru, official.ru_gen,
                       official.ru_instr, official.female, executive.post, executive.weight)
        people[people.index(executive)] = twin
        pairs.append((official.id, twin.id))
    staff: dict[str, tuple[list[_Person], list[_Person]]] = {}
    for source in _SOURCES_ZH:
        reporters = [_make_person(rng, rng.random() < 0.5, sur_cum, banned, taken, None) for _ in range(12)]
        editors = [_make_person(rng, rng.random() < 0.5, sur_cum, banned, taken, None) for _ in range(4)]
        for group in (reporters, editors):
            for r, p in enumerate(list(group)):
                group[r] = _Person(**{**p.__dict__, "weight": 1.0 / (r + 1)})
        staff[source] = (reporters, editors)
    xi = _Person("xi-jinping", "xi-jinping", "习近平", "Xi Jinping", "Си Цзиньпин", "Си Цзиньпина", "Си Цзиньпином",
                 False, None)
    strategies: dict[str, dict[str, tuple[str, ...]]] = {}
    for sid, extra in _STRATEGY_FORMS.items():
        if ref.has(sid):
            names = {lang: tuple(n for n in ref.names(sid, lang) + list(extra.get(lang, ()))
                                 if n in _STRATEGY_USABLE.get(sid, {}).get(lang, (n,))) for lang in LANGUAGES}
            strategies[sid] = {lang: v or (ref.name(sid, lang),) for lang, v in names.items()}
    return _World(ref, places, [p for p in people if p.post and p.post.kind == "official"],
                  [p for p in people if p.post and p.post.kind == "company"], staff, xi, strategies, pairs)


# ------------------------------------------------------------------------------------ builder

_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
_RU_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
              "ноября", "декабря")


class _Doc:
    """Text and gold of one article, written together."""

    def __init__(self, lang: str, date: dt.date) -> None:
        self.lang = lang
        self.date = date
        self.persons: dict[str, dict] = {}
        self.posts: list[dict] = []
        self._posted: set[tuple[str, str, str | None]] = set()
        self.events: list[dict] = []
        self.agreements: list[dict] = []
        self.stances: list[dict] = []
        self.keys: set[str] = set()

    # persons ---------------------------------------------------------------------------------
    def person(self, p: _Person, form: str, role: str = "participant") -> str:
        entry = self.persons.get(p.id)
        if entry is None:
            entry = self.persons[p.id] = {"id": p.id, "name_en": p.en, "forms": [], "role": role}
        if form not in entry["forms"]:
            entry["forms"].append(form)
        return form

    def post(self, p: _Person, text: str, title: str | None = None, org: str | None = "") -> str:
        title = title or (p.post.title if p.post else None)
        org = (p.post.org_in(self.lang) if p.post else None) if org == "" else org
        assert title is not None
        key = (p.id, title, org)
        if key not in self._posted:
            self._posted.add(key)
            self.posts.append({"person": p.id, "title": title, "org": org, "text": text})
        return text

    def titled(self, p: _Person, case: str = "nom", cap: bool = False) -> str:
        """The person with the post before the name (zh, ru) or in apposition (en, no trailing comma);
        `cap`: at the start of a Russian sentence."""
        assert p.post is not None
        if self.lang in ("en", "zh"):
            chain = p.post.zh if self.lang == "zh" else p.post.en
            for title, org in p.post.also:
                self.post(p, chain, title, org)
            self.post(p, chain)
            if self.lang == "zh":
                return chain + self.person(p, p.zh)
            return f"{self.person(p, p.en)}, {chain}"
        if case == "instr" and p.post.ru_instr:
            title, name = p.post.ru_instr, p.ru_instr
        else:
            title, name = p.post.ru, (p.ru_instr if case == "instr" else p.ru)
        title = _cap(title) if cap else title
        self.post(p, title)
        return f"{title} {self.person(p, name)}"

    def name(self, p: _Person, case: str = "nom") -> str:
        if self.lang == "zh":
            return self.person(p, p.zh)
        if self.lang == "en":
            return self.person(p, p.en)
        return self.person(p, {"nom": p.ru, "gen": p.ru_gen, "instr": p.ru_instr}[case])

    # facts -------------------------------------------------------------------------------------
    def event(self, kind: str, date: dt.date, place: str, text: str,
              participants: Iterable[tuple[_Person, str]]) -> dict:
        ev = {"id": f"e{len(self.events) + 1}", "type": kind, "date": date.isoformat(), "place": place,
              "participants": [], "text": text}
        self.events.append(ev)
        self.join(ev, participants)
        return ev

    @staticmethod
    def join(ev: dict, participants: Iterable[tuple[_Person, str]]) -> None:
        for p, role in participants:
            entry = {"person": p.id, "role": role}
            if entry not in ev["participants"]:
                ev["participants"].append(entry)

    def agreement(self, parties: list[str], date: dt.date, projects: int | None, amount: int | None,
                  text: str) -> None:
        self.agreements.append({"parties": parties, "date": date.isoformat(), "projects": projects,
                                "amount": amount, "currency": "CNY" if amount is not None else None, "text": text})

    def stance(self, p: _Person, strategy: str, text: str) -> None:
        self.stances.append({"actor": p.id, "strategy": strategy, "text": text})

    def cite_xi(self, xi: _Person) -> str:
        if self.lang == "zh":
            self.person(xi, "习近平", "cited")
            return self.post(xi, "习近平总书记", "general-secretary", None)
        if self.lang == "en":
            self.person(xi, "Xi Jinping", "cited")
            return self.post(xi, "General Secretary Xi Jinping", "general-secretary", None)
        self.person(xi, "Си Цзиньпина", "cited")
        return self.post(xi, "Генерального секретаря Си Цзиньпина", "general-secretary", None)

    # dates -------------------------------------------------------------------------------------
    def day(self, d: dt.date) -> str:
        if self.lang == "en":
            return f"{_EN_MONTHS[d.month - 1]} {d.day}"
        if self.lang == "zh":
            return f"{d.month}月{d.day}日"
        return f"{d.day} {_RU_MONTHS[d.month - 1]}"

    def gold(self, document: str) -> dict:
        for ev in self.events:
            for part in ev["participants"]:
                assert self.persons[part["person"]]["role"] == "participant"
        return {"document": document, "language": self.lang, "date": self.date.isoformat(),
                "persons": list(self.persons.values()), "posts": self.posts, "events": self.events,
                "agreements": self.agreements, "stances": self.stances}


def _v(p: _Person, masc: str, fem: str) -> str:
    return fem if p.female else masc


# ---------------------------------------------------------------------------------- vocabulary

_SECTORS = {
    "en": ("auto parts", "new energy vehicles", "hydrogen energy", "intelligent connected vehicles",
           "modern logistics", "biomedicine", "optoelectronic information", "high-end equipment manufacturing",
           "battery packs", "cold chain logistics"),
    "zh": ("汽车零部件", "新能源汽车", "氢能", "智能网联汽车", "现代物流", "生物医药", "光电信息", "高端装备制造",
           "动力电池", "冷链物流"),
    "ru": ("автокомпонентов", "электромобилей", "водородной энергетики", "интеллектуальных автомобилей",
           "современной логистики", "биомедицины", "оптоэлектроники", "высокотехнологичного оборудования",
           "аккумуляторных батарей", "логистики холодовой цепи"),
}
_CONFERENCES = {
    "en": ("Auto Parts Industry Cooperation Conference", "New Energy Vehicle Industry Development Conference",
           "Hydrogen Energy Industry Cooperation Forum", "Investment Promotion Conference for Modern Services",
           "Intelligent Connected Vehicle Industry Forum"),
    "zh": ("汽车零部件产业合作推介会", "新能源汽车产业发展大会", "氢能产业合作论坛", "现代服务业招商推介会",
           "智能网联汽车产业论坛"),
    "ru": ("сотрудничеству в производстве автокомпонентов", "развитию производства электромобилей",
           "сотрудничеству в области водородной энергетики", "привлечению инвестиций в сферу услуг",
           "развитию интеллектуальных автомобилей"),
}


# Russian case forms of strategy labels, as the sentences need them (the stems stay those of the label).
_RU_STRATEGY_GEN = {"шесть возвращений": "шести возвращений"}


def _ru_projects(n: int) -> str:
    """"21 проект", "3 проекта", "18 проектов"."""
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} проект"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return f"{n} проекта"
    return f"{n} проектов"


def _billion(units: int) -> str:
    """An amount in units of 100 million yuan as billions: 35 -> "3.5", 120 -> "12"."""
    whole, tenth = divmod(units, 10)
    return f"{whole}" if tenth == 0 else f"{whole}.{tenth}"


# ------------------------------------------------------------------------------------- scenes


class _Scene:
    """Writes one article of one topic in one language, text and gold together."""

    def __init__(self, world: _World, rng: random.Random, doc: _Doc) -> None:
        self.w, self.rng, self.d = world, rng, doc
        self.used: set[str] = set()

    def any(self, *options: str) -> str:
        return self.rng.choice(options)

    def join(self, sentences: list[str]) -> str:
        return ("" if self.d.lang == "zh" else " ").join(sentences)

    # people --------------------------------------------------------------------------------------
    def pick(self, people: Sequence[_Person]) -> _Person:
        p = self.w.pick(self.rng, people, self.used)
        self.used.add(p.key)
        return p

    def officials(self, group: str) -> list[_Person]:
        """The officials of a city (or of the province)."""
        return [p for p in self.w.by_group.get(group, []) if p.post.kind == "official"]  # type: ignore[union-attr]

    def leaders(self, *groups: str) -> list[_Person]:
        """Mayors and party secretaries of these cities (or of the province)."""
        return [q for g in groups for q in self.officials(g) if q.post.leader]  # type: ignore[union-attr]

    def place(self, pid: str) -> _Place:
        return self.w.places[pid]

    def venue_of(self, p: _Person) -> _Place:
        home = p.post.home if p.post else "changchun"  # type: ignore[union-attr]
        return self.place(home if home in self.w.places else "changchun")

    # speech with a strategy stance -------------------------------------------------------------
    def speech(self, p: _Person, where: _Place, in_speech: bool = False) -> str:
        d, lang, rng, w = self.d, self.d.lang, self.rng, self.w
        sid = rng.choice(sorted(w.strategies))
        s = rng.choice(w.strategies[sid][lang])
        cite = rng.random() < 0.35
        city = self.place(where.city)
        if lang == "en":
            name = d.name(p)
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
                xi = (f"the important instructions of {d.cite_xi(w.xi)} and " if cite else "")
                if cite:
                    stance = f"the “{s}” strategy"
                    body = (f"{name} said that {city.en} is implementing in a thorough manner {xi}{stance}, "
                            f"and will make every effort to attract more investment and projects.")
                else:
                    body = (f"{name} said that {city.en} is {stance} in a thorough manner and will make every "
                            f"effort to attract more investment and projects.")
            tail = rng.choice(("", " The city will provide whole-process services for enterprises.",
                               " More efforts will be made to optimize the business environment."))
            d.stance(p, sid, stance)
            return body + tail
        if lang == "zh":
            name = d.name(p)
            verb = "在讲话中指出" if in_speech else rng.choice(("表示", "强调", "指出"))
            xi = f"要深入贯彻{d.cite_xi(w.xi)}重要指示精神," if cite else "要"
            if sid == "six-returns":
                stance = f"推动一汽“{s}”项目落地见效"
            elif sid == "six-cities-linkage":
                stance = f"聚焦“{s}”"
            else:
                stance = f"全面落实“{s}”发展战略"
            body = (f"{name}{verb},{xi}{stance},进一步优化营商环境,为企业提供全生命周期服务,"
                    f"推动更多优质项目在{city.zh}落地。")
            d.stance(p, sid, stance)
            return body
        name = d.name(p)
        said = _v(p, rng.choice(("отметил", "подчеркнул")), rng.choice(("отметила", "подчеркнула")))
        if sid == "six-returns":
            stance = f"ускорить реализацию проектов «{_RU_STRATEGY_GEN.get(s, s)}» FAW"
            body = f"{_cap(name)} {said}, что необходимо {stance} и улучшить инфраструктуру индустриальных парков."
        elif sid == "six-cities-linkage":
            # the accusative (= nominative): the stemmer does not read the dative -ию
            stance = f"продвигать «{s}»"
            body = f"{_cap(name)} {said}, что необходимо {stance} и создать благоприятную деловую среду."
        else:
            stance = f"реализует стратегию «{s}»"
            xi = f"дух важных речей {d.cite_xi(w.xi)} и " if cite else ""
            if cite:
                stance = f"стратегию «{s}»"
                body = (f"{_cap(name)} {said}, что {city.ru} полностью реализует {xi}{stance} и будет и дальше "
                        f"привлекать инвестиции.")
            else:
                body = (f"{_cap(name)} {said}, что {city.ru} полностью {stance} и будет и дальше привлекать "
                        f"инвестиции.")
        d.stance(p, sid, stance)
        return body

    def thanks(self, g: _Person, host_city: _Place) -> str:
        d, lang = self.d, self.d.lang
        if lang == "en":
            sector = self.rng.choice(_SECTORS["en"])
            return (f"{d.name(g)} thanked {host_city.en} for its long-term support and said that both sides have "
                    f"broad prospects for cooperation in {sector}.")
        if lang == "zh":
            sector = self.rng.choice(_SECTORS["zh"])
            return f"{d.name(g)}表示,双方在{sector}等领域合作前景广阔,将进一步扩大在{host_city.zh}的投资。"
        sector = self.rng.choice(_SECTORS["ru"])
        said = (f" По словам {d.name(g, 'gen')}, стороны обладают большим потенциалом для совместной работы."
                if self.rng.random() < 0.5 else "")
        return (f"{_cap(d.name(g))} {_v(g, 'поблагодарил', 'поблагодарила')} правительство {host_city.ru_gen} "
                f"за многолетнюю поддержку и {_v(g, 'выразил', 'выразила')} надежду на расширение сотрудничества "
                f"в области {sector}.{said}")

    def signing_after(self, a: _Person, b: _Person, date: dt.date, place: str) -> str:
        """Two people witness the signing of a batch of projects after their meeting."""
        d, lang, rng = self.d, self.d.lang, self.rng
        n, units = rng.randint(2, 30), rng.randint(5, 600)
        if lang == "en":
            agreement = (f"{n} cooperation projects with a total investment of RMB {_billion(units)} billion")
            text = (f"After the meeting, {d.name(a)} and {d.name(b)} witnessed the signing of {agreement}, "
                    f"covering {rng.choice(_SECTORS['en'])} and {rng.choice(_SECTORS['en'])}.")
            role = "Witnessed"
        elif lang == "zh":
            agreement = f"{n}个合作项目的签约,总投资{units}亿元"
            # "会见后" would be read as the meeting again (会见 is the meeting's trigger): "随后"
            text = f"随后,{d.name(a)}和{d.name(b)}见证了{agreement}。"
            role = "Witnessed"
        else:
            amount = _billion(units).replace(".", ",")
            agreement = f"подписания {n} проектов на общую сумму {amount} млрд юаней"
            if rng.random() < 0.5:
                verb, role = ("присутствовали на церемонии", "Attended")
            else:
                verb, role = ("стали свидетелями", "Witnessed")
            text = (f"После встречи {d.name(a)} и {d.name(b)} {verb} "
                    f"{agreement}.")
        d.event("SigningCeremony", date, place, text, [(a, role), (b, role)])
        d.agreement([], date, n, units * 10 ** 8, agreement)
        return text

    # topics --------------------------------------------------------------------------------------
    def meeting(self, date: dt.date) -> tuple[str, list[str], str]:
        d, lang, rng = self.d, self.d.lang, self.rng
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
        when = self.d.day(date)
        paras = []
        if lang == "en":
            guest = f"Delegation of {g.post.org_en}" if g.post.org_en else d.name(g)  # type: ignore[union-attr]
            title = f"{d.name(h)} Meets {guest}"
            first = (f"On {when}, {d.titled(h)}, {self.any('met with', 'held talks with')} {d.titled(g)}, and the "
                     f"accompanying delegation in {venue.en}.")
            s = [first, f"The two sides exchanged views on cooperation in {rng.choice(_SECTORS['en'])} and "
                        f"{rng.choice(_SECTORS['en'])}."]
            ev = d.event("Meeting", date, venue.id, first, [(h, "Met"), (g, "Met")])
            if a is not None:
                s.append(f"{d.titled(a)}, {self.any('attended the meeting', 'was present at the meeting')}.")
                d.join(ev, [(a, "Attended")])
        elif lang == "zh":
            tod = rng.choice(("上午", "下午", ""))
            title = f"{d.titled(h)}会见{d.titled(g)}一行"
            first = (f"{when}{tod},{d.titled(h)}在{venue.zh}会见了{d.titled(g)}一行,双方就"
                     f"{rng.choice(_SECTORS['zh'])}、{rng.choice(_SECTORS['zh'])}等领域合作进行深入交流。")
            s = [first]
            ev = d.event("Meeting", date, venue.id, first, [(h, "Met"), (g, "Met")])
            if a is not None:
                s.append(f"{d.titled(a)}{self.any('参加会见', '出席会见')}。")
                d.join(ev, [(a, "Attended")])
        else:
            met = self.any(_v(h, "встретился", "встретилась"), _v(h, "встретился", "встретилась"),
                           _v(h, "провёл переговоры", "провела переговоры"))
            title = f"{_cap(d.name(h))} {met} с {d.name(g, 'instr')}"
            # the venue after the guest: "в Чанчуне губернатор X" would make the governor Changchun's
            if g.post.ru_instr:  # type: ignore[union-attr]
                first = f"{when} {d.titled(h)} {met} с {d.titled(g, 'instr')} в {venue.ru_prep}."
                s = [first]
            else:
                first = f"{when} {d.titled(h)} {met} с {d.name(g, 'instr')} и членами делегации в {venue.ru_prep}."
                s = [first, f"Стороны обменялись мнениями о сотрудничестве в области {rng.choice(_SECTORS['ru'])}."]
            ev = d.event("Meeting", date, venue.id, first, [(h, "Met"), (g, "Met")])
            if a is not None:
                s.append(f"{d.titled(a, cap=True)} {_v(a, 'принял', 'приняла')} участие во встрече.")
                d.join(ev, [(a, "Attended")])
        paras.append(self.join(s))
        paras.append(self.speech(h, venue))
        if lang == "ru" and not g.post.ru_instr:  # type: ignore[union-attr]
            paras.append(self.thanks_titled(g, self.place(venue.city)))
        else:
            paras.append(self.thanks(g, self.place(venue.city)))
        if rng.random() < 0.4:
            paras.append(self.signing_after(h, g, date, venue.id))
        return title, paras, f"meeting-{venue.city}"

    def thanks_titled(self, g: _Person, host_city: _Place) -> str:
        """Russian: the guest's post in the nominative, so that it is stated where the rules read it."""
        d = self.d
        sector = self.rng.choice(_SECTORS["ru"])
        return (f"{d.titled(g, cap=True)} {_v(g, 'поблагодарил', 'поблагодарила')} правительство {host_city.ru_gen} "
                f"за тёплый приём и {_v(g, 'рассказал', 'рассказала')} о возможностях сотрудничества в области "
                f"{sector}.")

    def signing(self, date: dt.date) -> tuple[str, list[str], str]:
        d, lang, rng = self.d, self.d.lang, self.rng
        p = self.pick(self.w.officials)
        group = p.post.group  # type: ignore[union-attr]
        city = self.venue_of(p).city
        zones = [z for z in self.w.places.values() if z.city == city and z.id != city]
        venue = rng.choice(zones) if zones and rng.random() < 0.6 else self.place(city)
        higher = self.leaders(group, "jilin-province")
        s_ = self.pick(higher) if any(q.key not in self.used for q in higher) else self.pick(self.w.officials)
        a1, a2 = self.pick(self.w.companies), self.pick(self.w.companies)
        intro = None
        same = [q for q in self.officials(group) if q.key not in self.used]
        if same and rng.random() < 0.5:
            intro = self.pick(same)
        n, units = rng.randint(5, 80), rng.randint(10, 900)
        when = d.day(date)
        year = date.year
        if lang == "en":
            title = f"{venue.en} Signs {n} Key Projects Worth RMB {_billion(units)} Billion"
            first = f"On {when}, {venue.en} held a signing ceremony for key investment projects of {year}."
            agreement = f"{n} projects with a total investment of RMB {_billion(units)} billion were signed"
            p1 = f"{first} {agreement} at the ceremony, covering {rng.choice(_SECTORS['en'])} and " \
                 f"{rng.choice(_SECTORS['en'])}."
            roles = [f"{d.titled(p)}, {self.any('presided over', 'chaired')} the ceremony.",
                     f"{d.titled(s_)}, {self.any('delivered a speech', 'addressed the ceremony')}.",
                     f"{d.titled(a1)}, and {d.titled(a2)}, "
                     f"{self.any('attended the ceremony', 'were present at the ceremony')}."]
            if intro is not None:
                roles.append(f"{d.titled(intro)}, made a promotional presentation on the investment environment.")
            parties: list[str] = []
        elif lang == "zh":
            title = f"{venue.zh}举行{year}年重点项目集中签约仪式 总投资{units}亿元的{n}个项目签约"
            agreement = f"总投资{units}亿元的{n}个项目成功签约"
            first = (f"{when}{rng.choice(('上午', '下午', ''))},{venue.zh}举行{year}年重点项目集中签约仪式,"
                     f"{agreement},涵盖{rng.choice(_SECTORS['zh'])}、{rng.choice(_SECTORS['zh'])}等领域。")
            p1 = first
            roles = [f"{d.titled(s_)},{d.titled(a1)},{d.titled(a2)}等出席仪式。"]
            tail = f"仪式由{d.titled(p)}主持,{d.name(s_)}{self.any('发表讲话', '致辞')}"
            if intro is not None:
                tail += f",{d.titled(intro)}{self.any('作推介发言', '作项目推介')}"
            roles.append(tail + "。")
            parties = [venue.id]
        else:
            amount = _billion(units).replace(".", ",")
            agreement = f"подписания {n} проектов на общую сумму {amount} млрд юаней"
            title = f"В {venue.ru_prep} подписано {_ru_projects(n)} на сумму {amount} млрд юаней"
            first = f"{when} в {venue.ru_prep} состоялась церемония {agreement}."
            p1 = first
            presided = self.any(f"{_v(p, 'председательствовал', 'председательствовала')} на церемонии",
                                f"{_v(p, 'вёл', 'вела')} церемонию")
            roles = [f"{d.titled(p, cap=True)} {presided}.",
                     f"{d.titled(s_, cap=True)} {_v(s_, 'выступил', 'выступила')} с "
                     f"{self.any('речью', 'приветствием')}.",
                     f"{self.any('На церемонии присутствовали', 'В церемонии приняли участие')} {d.titled(a1)} и "
                     f"{d.titled(a2)}."]
            if intro is not None:
                roles.append(f"{d.titled(intro, cap=True)} {_v(intro, 'представил', 'представила')} инвестиционную "
                             f"среду {venue.ru_gen}.")
            parties = []
        parts = [(p, "Presided"), (s_, "DeliveredSpeech"), (a1, "Attended"), (a2, "Attended")]
        if intro is not None:
            parts.append((intro, "Introduced"))
        d.event("SigningCeremony", date, venue.id, first, parts)
        d.agreement(parties, date, n, units * 10 ** 8, agreement)
        paras = [p1, self.join(roles), self.speech(s_, venue, in_speech=True)]
        return title, paras, f"signing-{venue.id}"

    def conference(self, date: dt.date) -> tuple[str, list[str], str]:
        d, lang, rng = self.d, self.d.lang, self.rng
        p = self.pick(self.w.officials)
        group = p.post.group  # type: ignore[union-attr]
        city = self.place(self.venue_of(p).city)
        higher = self.leaders(group, "jilin-province")
        s_ = self.pick(higher) if any(q.key not in self.used for q in higher) else self.pick(self.w.officials)
        a1 = self.pick(self.w.companies)
        a2 = self.pick(self.w.companies + self.w.officials)
        k = rng.randrange(len(_CONFERENCES["en"]))
        when = d.day(date)
        year = date.year
        signed = rng.random() < 0.4
        n, units = rng.randint(5, 60), rng.randint(10, 900)
        if lang == "en":
            name = f"{year} {city.en} {_CONFERENCES['en'][k]}"
            noun = name.rsplit(" ", 1)[1].lower()
            title = f"{name} Held in {city.en}"
            first = f"The {name} was held in {city.en} on {when}."
            body = [first, f"{d.titled(p)}, {self.any('presided over', 'chaired')} the {noun}.",
                    f"{d.titled(s_)}, {self.any('delivered a speech', 'delivered a keynote speech')}.",
                    f"{d.titled(a1)}, and {d.titled(a2)}, attended the {noun}."]
            agreement = f"{n} key projects with a total investment of RMB {_billion(units)} billion were signed"
            if signed:
                body.append(f"At the {noun}, {agreement}.")
        elif lang == "zh":
            name = f"{year}年{city.zh}{_CONFERENCES['zh'][k]}"
            title = f"{name}在{city.zh}召开"
            first = f"{when},{name}在{city.zh}召开。"
            body = [first, f"会议由{d.titled(p)}主持。", f"{d.titled(s_)}出席会议并讲话。",
                    f"{d.titled(a1)},{d.titled(a2)}等出席会议。"]
            agreement = f"{n}个重点项目集中签约,总投资{units}亿元"
            if signed:
                body.append(f"会上,{agreement}。")
        else:
            name = f"конференция по {_CONFERENCES['ru'][k]}"
            title = f"В {city.ru_prep} прошла {name}"
            first = f"{when} в {city.ru_prep} прошла {name}."
            body = [first, f"{d.titled(p, cap=True)} {_v(p, 'председательствовал', 'председательствовала')} на "
                           f"конференции.",
                    f"{d.titled(s_, cap=True)} {_v(s_, 'выступил', 'выступила')} с {self.any('докладом', 'речью')}.",
                    f"{self.any('На конференции присутствовали', 'В конференции приняли участие')} {d.titled(a1)} и "
                    f"{d.titled(a2)}."]
            amount = _billion(units).replace(".", ",")
            agreement = f"было подписано {_ru_projects(n)} на общую сумму {amount} млрд юаней"
            if signed:
                body.append(f"В ходе конференции {agreement}.")
        d.event("Conference", date, city.id, first,
                [(p, "Presided"), (s_, "DeliveredSpeech"), (a1, "Attended"), (a2, "Attended")])
        if signed:
            d.agreement([], date, n, units * 10 ** 8, agreement)
        paras = [self.join(body), self.speech(s_, city, in_speech=True)]
        return title, paras, f"conference-{city.id}"

    def inspection(self, date: dt.date) -> tuple[str, list[str], str]:
        d, lang, rng = self.d, self.d.lang, self.rng
        h = self.pick(self.w.officials)
        group = h.post.group  # type: ignore[union-attr]
        city = self.venue_of(h).city
        zones = [z for z in self.w.places.values() if z.city == city and z.id != city]
        site = rng.choice(zones) if zones else None
        same = [q for q in self.officials(group) if q.key not in self.used]
        a = self.pick(same) if same and rng.random() < 0.7 else None
        when = d.day(date)
        c = self.place(city)
        sector = rng.randrange(len(_SECTORS["en"]))
        if lang == "en":
            where = site.en if site else f"several {_SECTORS['en'][sector]} enterprises in {c.en}"
            title = f"{d.name(h)} Inspects {site.en if site else 'Enterprises in ' + c.en}"
            first = (f"On {when}, {d.titled(h)}, {self.any('inspected', 'visited')} {where} to learn about the "
                     f"progress of project "
                     f"construction and investment promotion.")
            s = [first]
            if a is not None:
                s.append(f"{d.titled(a)}, {self.any('accompanied the inspection', 'took part in the inspection')}.")
        elif lang == "zh":
            where = site.zh if site else c.zh
            title = f"{d.titled(h)}到{where}调研"
            first = (f"{when},{d.titled(h)}到{where}{self.any('调研', '考察')}{_SECTORS['zh'][sector]}产业发展和"
                     f"项目建设工作。")
            s = [first]
            if a is not None:
                s.append(f"{d.titled(a)}参加活动。")
        else:
            where = site.ru_acc if site else f"ряд предприятий {c.ru_gen}"
            visited = _v(h, "посетил", "посетила")
            title = f"{_cap(d.name(h))} {visited} {where}"
            how = self.any(f"{visited} с инспекцией", _v(h, "осмотрел", "осмотрела"),
                           _v(h, "проинспектировал", "проинспектировала"))
            first = f"{when} {d.titled(h)} {how} {where}, чтобы ознакомиться с ходом строительства проектов."
            s = [first]
            if a is not None:
                s.append(f"{d.titled(a, cap=True)} {_v(a, 'принял', 'приняла')} участие в инспекции.")
        parts = [(h, "Inspected")] + ([(a, "Attended")] if a is not None else [])
        d.event("InspectionVisit", date, site.id if site else c.id, first, parts)
        paras = [self.join(s), self.speech(h, c)]
        return title, paras, f"inspection-{(site or c).id}"

    def delegation(self, date: dt.date) -> tuple[str, list[str], str]:
        d, lang, rng = self.d, self.d.lang, self.rng
        leaders = self.leaders(*[c for c in _CITIES if c != "changchun"])
        lead = self.pick(leaders)
        x = self.place(lead.post.group)  # type: ignore[union-attr]
        members = [q for q in self.officials(x.id) if q.key not in self.used]
        m = self.pick(members) if members and rng.random() < 0.7 else None
        y = self.place(rng.choice(["changchun", "changchun-international-automobile-city", "changchun-new-area",
                                   "changchun-auto-zone"]))
        h = self.pick(self.officials("changchun"))
        when = d.day(date)
        sector = rng.choice(_SECTORS["en"])
        if lang == "en":
            title = f"{x.en} Delegation Visits {y.en}"
            first = (f"On {when}, a party and government delegation from {x.en} led by {d.titled(lead)}, visited "
                     f"{y.en} to promote cooperation in {sector}.")
            s = [first]
            if m is not None:
                s.append(f"{d.titled(m)}, accompanied the visit.")
            meet = f"In the afternoon, {d.titled(h)}, met with {d.name(lead)} and the delegation."
        elif lang == "zh":
            title = f"{x.zh}党政代表团到{y.zh}考察对接"
            first = f"{when},{d.titled(lead)}率{x.zh}党政代表团到{y.zh}考察对接。"
            s = [first]
            if m is not None:
                s.append(f"{d.titled(m)}等随团参加活动。")
            meet = f"当天下午,{d.titled(h)}会见了{d.name(lead)}一行。"
        else:
            title = f"Делегация {x.ru_gen} посетила {y.ru_acc}"
            # "делегация Сыпина во главе с ..." is not read as a delegation: the city goes in the title only
            first = (f"{when} партийно-правительственная делегация во главе с {d.titled(lead, 'instr')} посетила "
                     f"{y.ru_acc}.")
            s = [first]
            if m is not None:
                s.append(f"{d.titled(m, cap=True)} {_v(m, 'принял', 'приняла')} участие в визите.")
            meet = f"В тот же день {d.titled(h)} {_v(h, 'встретился', 'встретилась')} с {d.name(lead, 'instr')}."
        d.event("DelegationVisit", date, y.id, first,
                [(lead, "LedDelegation")] + ([(m, "Attended")] if m is not None else []))
        d.event("Meeting", date, y.id, meet, [(h, "Met"), (lead, "Met")])
        paras = [self.join(s), meet, self.speech(lead, x)]
        if rng.random() < 0.3:
            paras.append(self.signing_after(h, lead, date, y.id))
        return title, paras, f"delegation-{x.id}"


_TOPICS = (("meeting", 30), ("signing", 20), ("conference", 18), ("inspection", 17), ("delegation", 15))
_TOPIC_CUM = list(accumulate(w for _, w in _TOPICS))
_START = dt.date(2021, 1, 1)
_DAYS = (dt.date(2024, 12, 31) - _START).days + 1


def _header(doc: _Doc, rng: random.Random, title: str, source_zh: str | None) -> str:
    date = doc.date.isoformat()
    if doc.lang == "en":
        return f"{title}\n\nUpdated : {date}Source : CCFAO\n【Fonts: A+ A A- Print\n\n"
    if doc.lang == "ru":
        return f"{title}\n\nВремя:{date}Источник: CCFAO\n【Шрифт: Б. Ср. М. Печать\n\n"
    if rng.random() < 0.25:
        return f"{title}\n日期:\n{date}\n浏览次数:\n{rng.randint(1, 400)}\n"
    clock = f"{rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    return f"{title}\n来源:{source_zh}  |  {date} {clock}\n\n"


def _document(world: _World, i: int, lang: str, rng: random.Random) -> SynthDoc:
    date = _START + dt.timedelta(days=rng.randrange(_DAYS))
    event_date = date - dt.timedelta(days=rng.choice((0, 1, 1, 2, 2, 3, 4, 5)))
    doc = _Doc(lang, date)
    scene = _Scene(world, rng, doc)
    topic = _TOPICS[bisect.bisect_left(_TOPIC_CUM, rng.random() * _TOPIC_CUM[-1])][0]
    title, paras, slug = getattr(scene, topic)(event_date)
    source = None
    if lang == "zh":
        source_id = rng.choice(_SOURCES_ZH)
        source = world.ref.name(source_id, "zh")
        reporters, editors = world.staff[source_id]
        rep = world.pick(rng, reporters, scene.used)
        scene.used.add(rep.key)
        ed = world.pick(rng, editors, scene.used)
        doc.person(rep, rep.zh, "author")
        doc.post(rep, f"记者 {rep.zh}", "reporter", None)
        doc.person(ed, ed.zh, "author")
        doc.post(ed, f"编辑:{ed.zh}", "editor", None)
        paras[-1] = paras[-1] + f"(记者 {rep.zh})"
        body = "\n\n".join("  " + p for p in paras) + f"\n\n编辑:{ed.zh}\n"
    else:
        body = "\n\n".join(paras) + "\n"
    text = _header(doc, rng, title, source) + body
    name = f"{date.isoformat()}_{lang}_{slug}-{i}.txt"
    return SynthDoc(name, text, doc.gold(f"articles/{name}"))


def generate(n_docs: int, seed: int, langs: Sequence[str] = LANGUAGES) -> Iterator[SynthDoc]:
    """Yield `n_docs` synthetic articles with their gold, one at a time (see the module docstring).

    The same (n_docs, seed, langs) give the same documents, byte for byte; the first k documents do
    not depend on n_docs."""
    langs = tuple(langs)
    if not langs or any(lang not in LANGUAGES for lang in langs):
        raise ValueError(f"languages must be among {', '.join(LANGUAGES)}, not {langs!r}")
    if n_docs < 0:
        raise ValueError("n_docs must not be negative")
    world = _world(seed)
    for i in range(n_docs):
        rng = random.Random(f"kg-synth-doc-{seed}-{i}")
        lang = langs[rng.randrange(len(langs))]
        yield _document(world, i, lang, rng)


def parse_langs(value: str) -> tuple[str, ...]:
    """"en,zh,ru" -> ("en", "zh", "ru"); ValueError for an unknown or missing language."""
    langs = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    if not langs or any(lang not in LANGUAGES for lang in langs):
        raise ValueError(f"--langs takes a comma-separated list of {', '.join(LANGUAGES)}, not {value!r}")
    return langs


def write_corpus(out_dir: Path | str, n_docs: int, seed: int, langs: Sequence[str] = LANGUAGES) -> Summary:
    """Write `n_docs` articles to OUT/articles and their gold to OUT/gold (see the module docstring).

    FileExistsError when OUT/articles or OUT/gold already holds files: a corpus written over another
    one would be scored with the other's leftovers."""
    out = Path(out_dir)
    articles, gold = out / "articles", out / "gold"
    for folder in (articles, gold):
        if folder.is_dir() and any(folder.iterdir()):
            raise FileExistsError(f"{folder} is not empty: write the corpus to a new folder (or empty it first)")
    articles.mkdir(parents=True, exist_ok=True)
    gold.mkdir(parents=True, exist_ok=True)
    summary = Summary(out)
    persons: set[str] = set()
    for doc in generate(n_docs, seed, langs):
        data = doc.text.encode("utf-8")
        (articles / doc.name).write_bytes(data)
        (gold / f"{doc.stem}.json").write_text(
            json.dumps(doc.gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        summary.files += 1
        summary.bytes += len(data)
        summary.languages[doc.gold["language"]] = summary.languages.get(doc.gold["language"], 0) + 1
        persons.update(p["id"] for p in doc.gold["persons"])
    summary.persons = len(persons)
    return summary

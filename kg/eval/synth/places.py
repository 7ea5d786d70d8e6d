"""The synthetic world's places: the cities of Jilin and the development zones, with their names in each language."""

from __future__ import annotations

from dataclasses import dataclass

from kg.eval.synth.reference import Reference
from kg.eval.synth.russian import ru_case


@dataclass(frozen=True)
class Place:
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


CITIES = ("changchun", "siping", "songyuan", "liaoyuan", "tonghua", "baishan", "baicheng", "jilin-city")


def make_places(ref: Reference) -> dict[str, Place]:
    out: dict[str, Place] = {}
    for cid in CITIES:
        ru = ref.name(cid, "ru")
        en = ref.name(cid, "en")
        if cid == "jilin-city":
            # "Цзилинь" alone is no name the reference knows: always "город Цзилинь"
            out[cid] = Place(cid, en, ref.name(cid, "zh"), "город Цзилинь", "города Цзилинь",
                              "городе Цзилинь", "город Цзилинь", cid)
            continue
        out[cid] = Place(cid, en, ref.name(cid, "zh"), ru, ru_case(ru, "gen"), ru_case(ru, "prep"), ru, cid)
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
        out[zid] = Place(zid, ref.name(zid, "en"), ref.name(zid, "zh"), ref.name(zid, "ru"), gen, prep, acc, city)
    return out


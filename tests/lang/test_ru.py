"""Russian rules: Palladius names in any case, Korean names, titles before names, stems."""

from __future__ import annotations

from kg.extract.document import extract_document
from kg.lang.ru.rules import korean_key

from ..helpers import doc


def test_case_forms_are_one_person_with_posts():
    d = doc("5 июня мэр Сыпина Сунь Лицзюнь встретился с Ли Цзюнем. Сунь Лицзюня поблагодарили. "
            "Вместе с Сунь Лицзюнем была делегация.", header="Время:2023-06-07Источник: CCFAO")
    ex = extract_document(d)
    assert {p.surface: p.key for p in ex.persons} == {
        "Сунь Лицзюнь": "sun-lijun", "Ли Цзюнем": "li-jun", "Сунь Лицзюня": "sun-lijun", "Сунь Лицзюнем": "sun-lijun"}
    assert ("sun-lijun", "mayor", "siping-municipal-government") in {(p.person, p.title_id, p.org_id) for p in ex.posts}
    assert [(e.kind, str(e.date)) for e in ex.events] == [("Meeting", "2023-06-05")]


def test_korean_names_in_russian():
    assert korean_key(["Ким", "Мин", "Чжуном"]) == "kim-min-jun"
    assert korean_key(["Иван", "Петров"]) is None


def test_cited_leader():
    d = doc("Он подчеркнул, что необходимо реализовать дух важной речи Генерального секретаря Си Цзиньпина.")
    assert {p.key: p.kind for p in extract_document(d).persons} == {"xi-jinping": "cited"}


def test_a_committee_named_by_its_place_between_title_and_name():
    # real text (a 2016 Primorye press release): «секретарем партийного комитета Чанчуня Ван Цзюньчжэном»
    for text in ("Глава региона проведет переговоры с секретарем партийного комитета Чанчуня Ван Цзюньчжэном.",
                 "Секретарь горкома КПК Чанчуня Ван Цзюньчжэн встретился с делегацией."):
        ex = extract_document(doc(text))
        assert [(p.person, p.title_id, p.org_id) for p in ex.posts] == [
            ("wang-junzheng", "secretary", "cpc-changchun-municipal-committee")], text
